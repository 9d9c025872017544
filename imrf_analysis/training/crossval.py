"""Estimate the tagger on passages its encoder heads never saw: grouped folds, languages held out.

The heads are the part of the tagger that learns from labelled passages, so they are refitted
for each fold without the fold's passages; the fold is then tagged by the whole tagger
(headings, mentions, lexicons, bundled classifier, refitted heads) and the out-of-fold scores
of all folds are measured together.

* **Grouped folds**: passages of one document (``file``, else ``source_url``, else the row's
  ``id`` up to its last separator) stay in one fold, so a review's style never helps tag itself.
* **Leave one language out**: the heads are fitted without any French text (reference, seeds
  and labelled passages alike) and measured on the French passages; the same for English and
  Spanish. This is the figure for a language the heads learn only through the encoder.

What is *not* refitted: the lexicons and the scoring constants, which were written and chosen
on the development sets, and the bundled ``textcat_multilabel``. Figures on those sets are
therefore still partly in-sample for the rules; the README says so next to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from imrf_analysis.tagging.encoder import SentenceEncoder, encodable
from imrf_analysis.tagging.evaluation import evaluate
from imrf_analysis.tagging.scoring import DEFAULT_SIGNAL_SCORES, SignalScores
from imrf_analysis.tagging.tagger import Tagger
from imrf_analysis.training.encoder import fit_heads, labelled_examples_from_rows
from imrf_analysis.training.examples import TrainingExample

_ID_SUFFIX = re.compile(r"[-_:][^-_:]*$")


def document_of(row: dict[str, Any]) -> str:
    """Return the document a labelled row comes from, for grouping folds."""
    for key in ("file", "source_url"):
        if row.get(key):
            return str(row[key])
    return _ID_SUFFIX.sub("", str(row.get("id") or ""))


def assign_folds(rows: Sequence[dict[str, Any]], folds: int, seed: int = 0) -> list[int]:
    """Return each row's fold, whole documents per fold, documents shuffled by ``seed``."""
    documents = sorted({document_of(row) for row in rows})
    order = np.random.default_rng(seed).permutation(len(documents))
    fold_of = {documents[i]: rank % folds for rank, i in enumerate(order)}
    return [fold_of[document_of(row)] for row in rows]


@dataclass
class FixedEncoderScores:
    """Encoder probabilities computed beforehand, looked up by passage text."""

    by_text: dict[str, dict[str, float]] = field(default_factory=dict)

    def predict(self, texts: list[str], batch_size: int = 64) -> list[dict[str, float]]:
        """Return the stored probabilities of each text (empty when none were stored)."""
        return [dict(self.by_text.get(text, {})) for text in texts]


def _heads_scores(train: list[TrainingExample], test: list[dict[str, Any]],
                  encoder: SentenceEncoder) -> dict[str, dict[str, float]]:
    heads = fit_heads(train, encoder)
    texts = [str(row["text"]) for row in test if encodable(str(row["text"]))]
    return dict(zip(texts, heads.scores(encoder.encode(texts)), strict=True))


def out_of_fold_encoder_scores(rows: list[dict[str, Any]], base: list[TrainingExample],
                               encoder: SentenceEncoder, folds: int = 5,
                               seed: int = 0) -> FixedEncoderScores:
    """Return each row's encoder probabilities from heads fitted without its fold."""
    fold_of = assign_folds(rows, folds, seed)
    scores = FixedEncoderScores()
    for k in range(folds):
        train = base + labelled_examples_from_rows(
            [row for row, f in zip(rows, fold_of, strict=True) if f != k])
        test = [row for row, f in zip(rows, fold_of, strict=True) if f == k]
        scores.by_text.update(_heads_scores(train, test, encoder))
    return scores


def left_out_language_encoder_scores(rows: list[dict[str, Any]], base: list[TrainingExample],
                                     encoder: SentenceEncoder, language: str
                                     ) -> FixedEncoderScores:
    """Return the probabilities of the ``language`` rows from heads fitted without it."""
    train = [e for e in base if e.language != language] + labelled_examples_from_rows(
        [row for row in rows if row.get("language") != language])
    test = [row for row in rows if row.get("language") == language]
    return FixedEncoderScores(_heads_scores(train, test, encoder))


def cross_validate(rows: list[dict[str, Any]], base: list[TrainingExample],
                   encoder: SentenceEncoder, tagger: Tagger, folds: int = 5,
                   signal_scores: SignalScores = DEFAULT_SIGNAL_SCORES) -> dict[str, Any]:
    """Measure ``tagger`` with heads refitted out of fold, and with each language left out.

    Args:
        rows: Labelled passages (``evaluation`` format), from several documents.
        base: Examples every fit uses besides the labelled rows (reference text, seeds).
        encoder: The encoder the heads read (give it a store: every text is encoded once).
        tagger: The tagger whose other signals are kept (its encoder is replaced).
        folds: Document-grouped folds.
        signal_scores: How the signals combine (to compare settings on the same folds).

    Returns:
        ``{"cross_validated": evaluate(...), "leave_one_language_out": {lang: evaluate(...)}}``.
    """
    def measured(picked: list[dict[str, Any]], scores: FixedEncoderScores) -> dict[str, Any]:
        refitted = Tagger(thresholds=tagger.thresholds, signal_scores=signal_scores,
                          classifier=tagger.classifier, signals=tuple(tagger.signals),
                          encoder=scores)
        return evaluate(picked, refitted)

    left_out = {}
    for language in sorted({str(row.get("language")) for row in rows} & {"en", "fr", "es"}):
        picked = [row for row in rows if row.get("language") == language]
        left_out[language] = measured(
            picked, left_out_language_encoder_scores(rows, base, encoder, language))
    return {"cross_validated": measured(rows, out_of_fold_encoder_scores(rows, base, encoder,
                                                                          folds)),
            "folds": folds, "leave_one_language_out": left_out}
