"""The trained text classifiers: spaCy ``textcat_multilabel`` for objectives and principles.

The classifiers read a passage as its *match keys* (folded lemmas without agreement endings,
see ``pipeline``), the same keys the lexicons match on, so "remesas" and "Remesa", or
"régulières" and "régulier", are one feature, and the per-language lookup lemmatizer does the
morphology a bag-of-words model cannot learn from a few hundred examples.

A trained model folder holds one spaCy pipeline per layout language (``xx`` for one
multilingual pipeline, or ``en``/``fr``/``es``), each with the components ``objectives`` and
``guiding_principles``, and ``thresholds.json``: per language and label, the probability at
which a label is kept, chosen on held-out folds of the training data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc

MULTILINGUAL = "xx"
THRESHOLDS_FILE = "thresholds.json"
COMPONENTS: tuple[str, ...] = ("objectives", "guiding_principles")

LabelThresholds = dict[str, dict[str, float]]  # component -> label -> threshold


def bundled_model_dir() -> Path:
    """Return the folder of the model shipped with the package."""
    return Path(str(resources.files("imrf_analysis") / "resources" / "classifier" / "model"))


def classifier_words(doc: Doc) -> list[str]:
    """Return the words a classifier reads from a keyed doc: match keys, no punctuation/digits."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    # Read from the doc's arrays: building a Token per word costs more than the rest.
    return [strings[lemma] for lemma, punct, space, number
            in doc.to_array([LEMMA, IS_PUNCT, IS_SPACE, LIKE_NUM]).tolist()
            if lemma and not (punct or space or number)]


def calibrate(probability: float, threshold: float) -> float:
    """Map a probability so that the label's threshold lands on 0.5, monotonically.

    Returns:
        ``0.5 * p / t`` below the threshold, ``0.5 + 0.5 * (p - t) / (1 - t)`` above it.
    """
    threshold = min(max(threshold, 1e-6), 1 - 1e-6)
    if probability < threshold:
        return 0.5 * probability / threshold
    return 0.5 + 0.5 * (probability - threshold) / (1 - threshold)


@dataclass
class TextClassifier:
    """Trained pipelines by language and their per-label thresholds."""

    pipelines: dict[str, Language]
    thresholds: dict[str, LabelThresholds]

    @classmethod
    def from_disk(cls, model_dir: Path) -> TextClassifier:
        """Load a trained model folder written by ``imrf train``.

        Raises:
            FileNotFoundError: the folder has no ``thresholds.json`` or a pipeline is missing.
            ValueError: ``thresholds.json`` is not valid JSON; the message names the file.
        """
        model_dir = Path(model_dir)
        path = model_dir / THRESHOLDS_FILE
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no trained classifier here (run `imrf train`)")
        try:
            thresholds = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not valid JSON ({error.msg})") from None
        pipelines = {}
        for lang in thresholds:
            if not (model_dir / lang).is_dir():
                raise FileNotFoundError(f"{model_dir / lang}: pipeline named in {path} missing")
            pipelines[lang] = spacy.load(model_dir / lang)
        return cls(pipelines, thresholds)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with a pipeline of their own (``("xx",)`` when multilingual)."""
        return tuple(self.pipelines)

    def pipeline_for(self, language: str) -> str | None:
        """Return which pipeline reads ``language``: its own, else the multilingual one."""
        if language in self.pipelines:
            return language
        return MULTILINGUAL if MULTILINGUAL in self.pipelines else None

    def predict(self, word_lists: Sequence[list[str]], language: str,
                batch_size: int = 256) -> list[dict[str, float]]:
        """Return the calibrated score (threshold at 0.5) of every label for each passage.

        Args:
            word_lists: The ``classifier_words`` of each passage.
            language: The lexicon language the words were keyed in.
            batch_size: Passages per spaCy batch.

        Returns:
            One dict per passage, ``"objective:<n>"`` and ``"guiding_principle:<slug>"`` keys;
            empty dicts when no pipeline reads ``language``.
        """
        lang = self.pipeline_for(language)
        if lang is None:
            return [{} for _ in word_lists]
        nlp = self.pipelines[lang]
        docs: Iterable[Doc] = (Doc(nlp.vocab, words=words or ["-"]) for words in word_lists)
        limits = [(f"{prefix}:{label}", label, threshold)
                  for component, prefix in zip(COMPONENTS, ("objective", "guiding_principle"),
                                               strict=True)
                  for label, threshold in self.thresholds[lang][component].items()]
        scores = []
        for doc in nlp.pipe(docs, batch_size=batch_size):
            cats = doc.cats
            scores.append({key: calibrate(cats.get(label, 0.0), threshold)
                           for key, label, threshold in limits})
        return scores
