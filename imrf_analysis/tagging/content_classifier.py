"""What a passage does, by a trained spaCy ``textcat_multilabel``: the content classifier.

Labels (``CONTENT_LABELS``): the four content types of ``schemas.CONTENT_TYPES`` (progress,
gap-or-challenge, good-practice, support-needed) and the six support-need categories, prefixed
``support:`` (``support:financing`` ...). One multilingual pipeline reads English, French and
Spanish: its input is the passage folded (no case, no accents) with every digit written ``0``,
so "in 2023" and "en 2024" read as "in 0000" and "en 0000", and polarity is learnt from word
n-grams ("remains limited", "reste insuffisant", "sigue pendiente"), not from cue words alone.

The trained pipeline ships in ``resources/content_classifier/`` (``imrf train-content``
writes it; its card, ``card.json``, holds the data counts and the cross-validated figures).
A support category is only given to a passage the classifier reads as asking for support.
Passages of fewer than ``MIN_WORDS`` words (headings cut into lines, table cells, cover lines)
get no content type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from imrf_analysis.store.schemas import CONTENT_TYPES, SUPPORT_NEEDS
from imrf_analysis.tagging.text import fold

SUPPORT_PREFIX = "support:"
CONTENT_LABELS: tuple[str, ...] = (*CONTENT_TYPES, *(SUPPORT_PREFIX + s for s in SUPPORT_NEEDS))
COMPONENT = "content"
MIN_WORDS = 6
DEFAULT_THRESHOLD = 0.5
_DIGIT = re.compile(r"\d")


def classifier_text(text: str) -> str:
    """Return the text the content classifier reads: folded, digits written as 0."""
    return _DIGIT.sub("0", fold(text))


def bundled_content_model_dir() -> Path:
    """Return the folder of the content classifier shipped with the package."""
    return Path(str(resources.files("imrf_analysis") / "resources" / "content_classifier"))


class ContentClassifier:
    """Scores passages for content types and support categories with the trained pipeline."""

    def __init__(self, nlp: Language, thresholds: dict[str, float] | None = None) -> None:
        """Wrap a pipeline holding the ``content`` textcat_multilabel component."""
        self.nlp = nlp
        self.thresholds = thresholds or {}

    @classmethod
    def load(cls, path: Path | None = None) -> ContentClassifier:
        """Load a model folder written by ``training.content.train_content_classifier``.

        Raises:
            FileNotFoundError: the folder holds no trained pipeline.
        """
        folder = path or bundled_content_model_dir()
        if not (folder / "model" / "meta.json").is_file():
            raise FileNotFoundError(f"{folder}: no trained content classifier "
                                    "(run `imrf train-content`)")
        thresholds_file = folder / "thresholds.json"
        thresholds = (json.loads(thresholds_file.read_text(encoding="utf-8"))
                      if thresholds_file.is_file() else {})
        return cls(spacy.load(folder / "model"), thresholds)

    def threshold(self, label: str) -> float:
        """Return the probability ``label`` needs to be kept."""
        return float(self.thresholds.get(label, DEFAULT_THRESHOLD))

    def scores(self, texts: Sequence[str], batch_size: int = 256) -> list[dict[str, float]]:
        """Return every label's probability for each text (empty for very short texts)."""
        results: list[dict[str, float]] = [{} for _ in texts]
        todo = [i for i, text in enumerate(texts) if len(text.split()) >= MIN_WORDS]
        docs = self.nlp.pipe((classifier_text(texts[i]) for i in todo), batch_size=batch_size)
        for i, doc in zip(todo, docs, strict=True):
            results[i] = {label: float(doc.cats.get(label, 0.0)) for label in CONTENT_LABELS}
        return results

    def labels(self, texts: Sequence[str]) -> list[dict[str, dict[str, float]]]:
        """Return the kept labels of each text: ``{"content_type": {...}, "support_need": {...}}``.

        Support categories are kept only on a text read as asking for support.
        """
        kept = []
        for scores in self.scores(texts):
            types = {c: round(scores[c], 4) for c in CONTENT_TYPES
                     if scores and scores[c] >= self.threshold(c)}
            needs: dict[str, float] = {}
            if "support-needed" in types:
                needs = {s: round(scores[SUPPORT_PREFIX + s], 4) for s in SUPPORT_NEEDS
                         if scores[SUPPORT_PREFIX + s] >= self.threshold(SUPPORT_PREFIX + s)}
            kept.append({"content_type": types, "support_need": needs})
        return kept


@cache
def shared_content_classifier() -> ContentClassifier:
    """Return the bundled content classifier, loaded once per process."""
    return ContentClassifier.load()


def content_label_rows(passage_ids: Iterable[str], document_ids: Iterable[str],
                       labels: Iterable[dict[str, dict[str, float]]]) -> list[dict[str, object]]:
    """Return ``tags`` rows for the labels of ``ContentClassifier.labels``."""
    rows: list[dict[str, object]] = []
    for pid, did, found in zip(passage_ids, document_ids, labels, strict=True):
        for label_type in ("content_type", "support_need"):
            for label, score in found[label_type].items():
                rows.append({"passage_id": str(pid), "document_id": str(did),
                             "label_type": label_type, "label": label, "score": score,
                             "source": "classifier", "evidence": ""})
    return rows
