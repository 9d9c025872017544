"""Objective and guiding-principle scores from a multilingual encoder, as a spaCy component.

``imrf_encoder_textcat`` (registered factory, versioned by ``COMPONENT_VERSION``) embeds each
passage of at least ``encoder.MIN_WORDS`` words with the multilingual encoder (``encoder``) and
applies linear heads fitted by ``imrf train --reference`` (``training.encoder``):

* objectives: one multinomial logistic regression over the 23 objectives and "no objective"
  (class 0), so a passage about nothing in the Compact can say so;
* guiding principles: one binary logistic regression per principle.

It writes ``doc.cats`` as ``{"objective:<n>": p, "guiding_principle:<slug>": p}`` (empty for
a passage too short to encode). The tagger reads them as its ``encoder`` signal.

The heads are plain arrays (``heads.npz``) with their labels and the encoder's name
(``heads.json``); no training text is kept with them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from imrf_analysis.tagging.encoder import DEFAULT_ENCODER, SentenceEncoder, encodable
from imrf_analysis.tagging.pipeline import LONGEST_TEXT

COMPONENT = "imrf_encoder_textcat"
COMPONENT_VERSION = 1
HEADS_ARRAYS = "heads.npz"
HEADS_LABELS = "heads.json"
NO_OBJECTIVE = 0


def bundled_encoder_model_dir() -> Path:
    """Return the folder of the encoder heads shipped with the package (a spaCy pipeline)."""
    return Path(str(resources.files("imrf_analysis") / "resources" / "encoder_classifier"
                    / "model"))


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@dataclass
class EncoderHeads:
    """Linear heads over encoder vectors: objectives (multinomial) and principles (binary)."""

    encoder: str
    objective_classes: list[int]  # 0 = no objective
    objective_coef: np.ndarray  # (classes, dimensions)
    objective_intercept: np.ndarray  # (classes,)
    principle_slugs: list[str]
    principle_coef: np.ndarray  # (principles, dimensions)
    principle_intercept: np.ndarray  # (principles,)

    def scores(self, vectors: np.ndarray) -> list[dict[str, float]]:
        """Return each vector's probability per objective and per guiding principle."""
        if not len(vectors):
            return []
        objectives = _softmax(vectors @ self.objective_coef.T + self.objective_intercept)
        principles = 1 / (1 + np.exp(-(vectors @ self.principle_coef.T
                                       + self.principle_intercept)))
        labels = ([(i, f"objective:{n}") for i, n in enumerate(self.objective_classes)
                   if n != NO_OBJECTIVE])
        result = []
        for o_row, p_row in zip(objectives, principles, strict=True):
            row = {label: round(float(o_row[i]), 4) for i, label in labels}
            row.update({f"guiding_principle:{slug}": round(float(p), 4)
                        for slug, p in zip(self.principle_slugs, p_row, strict=True)})
            result.append(row)
        return result

    def to_disk(self, folder: Path) -> None:
        """Write ``heads.npz`` and ``heads.json`` into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        np.savez(folder / HEADS_ARRAYS, objective_coef=self.objective_coef,
                 objective_intercept=self.objective_intercept,
                 principle_coef=self.principle_coef, principle_intercept=self.principle_intercept)
        (folder / HEADS_LABELS).write_text(json.dumps({
            "encoder": self.encoder, "objective_classes": self.objective_classes,
            "principle_slugs": self.principle_slugs, "component_version": COMPONENT_VERSION},
            indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, folder: Path) -> EncoderHeads:
        """Read heads written by ``to_disk``.

        Raises:
            FileNotFoundError: a file is missing; ValueError: written by another version.
        """
        labels = json.loads((folder / HEADS_LABELS).read_text(encoding="utf-8"))
        if labels.get("component_version") != COMPONENT_VERSION:
            raise ValueError(f"{folder / HEADS_LABELS}: heads of component version "
                             f"{labels.get('component_version')}, this code reads "
                             f"{COMPONENT_VERSION}: retrain with `imrf train --reference`")
        with np.load(folder / HEADS_ARRAYS) as arrays:
            return cls(labels["encoder"], [int(n) for n in labels["objective_classes"]],
                       arrays["objective_coef"], arrays["objective_intercept"],
                       list(labels["principle_slugs"]), arrays["principle_coef"],
                       arrays["principle_intercept"])


class EncoderTextcat:
    """spaCy component: ``doc.cats`` from the encoder heads (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, encoder: str) -> None:
        self.name = name
        self.encoder = SentenceEncoder(encoder)
        self.heads: EncoderHeads | None = None

    def __call__(self, doc: Doc) -> Doc:
        """Score one doc."""
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Score docs in batches, encoding each distinct long-enough text once."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._score(batch)
                batch = []
        yield from self._score(batch)

    def _score(self, docs: list[Doc]) -> list[Doc]:
        if self.heads is None:
            raise ValueError(f"{self.name}: no heads loaded (train with `imrf train "
                             "--reference`)")
        texts = [doc.text for doc in docs if encodable(doc.text)]
        scored = dict(zip(texts, self.heads.scores(self.encoder.encode(texts)), strict=True))
        for doc in docs:
            doc.cats = dict(scored.get(doc.text, {}))
        return docs

    def to_disk(self, path: Path, exclude: Any = ()) -> None:
        """Write the heads (spaCy calls this from ``nlp.to_disk``)."""
        if self.heads is None:
            raise ValueError(f"{self.name}: no heads to write")
        self.heads.to_disk(Path(path))

    def from_disk(self, path: Path, exclude: Any = ()) -> EncoderTextcat:
        """Read the heads (spaCy calls this from ``spacy.load``).

        Raises:
            ValueError: the heads were fitted on vectors of another encoder.
        """
        self.heads = EncoderHeads.from_disk(Path(path))
        if self.heads.encoder != self.encoder.name:
            raise ValueError(f"{path}: heads fitted on {self.heads.encoder!r} vectors, component "
                             f"configured for {self.encoder.name!r}")
        return self


@Language.factory(COMPONENT, default_config={"encoder": DEFAULT_ENCODER})
def make_encoder_textcat(nlp: Language, name: str, encoder: str) -> EncoderTextcat:
    """Build the encoder component (its heads come from ``from_disk`` or are set after)."""
    return EncoderTextcat(nlp, name, encoder)


def build_encoder_pipeline(heads: EncoderHeads,
                           encoder: SentenceEncoder | None = None) -> Language:
    """Return a blank multilingual pipeline whose only component scores with ``heads``.

    ``encoder`` (default: a new one of the heads' encoder) lets pipelines share vectors.
    """
    nlp = spacy.blank("xx")
    nlp.max_length = LONGEST_TEXT  # the encoder reads long text in windows
    component = nlp.add_pipe(COMPONENT, config={"encoder": heads.encoder})
    assert isinstance(component, EncoderTextcat)
    component.heads = heads
    if encoder is not None:
        component.encoder = encoder
    return nlp


@dataclass
class EncoderClassifier:
    """The loaded encoder pipeline, scoring passages for the tagger."""

    nlp: Language

    @classmethod
    def from_disk(cls, model_dir: Path) -> EncoderClassifier:
        """Load a pipeline written by ``imrf train --reference``.

        Raises:
            FileNotFoundError: ``model_dir`` holds no such pipeline.
        """
        if not (Path(model_dir) / "config.cfg").is_file():
            raise FileNotFoundError(f"{model_dir}: no encoder pipeline here (run `imrf train "
                                    "--reference DIR`)")
        nlp = spacy.load(model_dir)
        nlp.max_length = LONGEST_TEXT  # the encoder reads long text in windows
        return cls(nlp)

    @property
    def component(self) -> EncoderTextcat:
        """The pipeline's encoder component."""
        component = self.nlp.get_pipe(COMPONENT)
        assert isinstance(component, EncoderTextcat)
        return component

    def predict(self, texts: list[str], batch_size: int = 64) -> list[dict[str, float]]:
        """Return each passage's probabilities (empty for a passage too short to encode)."""
        docs = (self.nlp.make_doc(text) for text in texts)
        return [dict(doc.cats) for doc in self.nlp.pipe(docs, batch_size=batch_size)]
