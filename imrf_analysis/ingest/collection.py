"""Assemble per-review outcomes into documents, passages and quarantine; track versions.

A document is its content: an exact copy of a file already kept is quarantined as a duplicate.
A later submission of the same country, cycle and kind is a new version: both documents stay,
the older one names its successor in ``superseded_by``, and compilations use
``current_documents``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from imrf_analysis.ingest.plan import IngestedReview, IngestPlan, QuarantinedFile
from imrf_analysis.store.schemas import DOCUMENTS, PASSAGES, QUARANTINE

# Stakeholder contributions for one country come from many organisations: several in a cycle
# are not versions of one another, so only national reviews supersede each other.
VERSIONED_KINDS: tuple[str, ...] = ("national-review",)
VERSION_KEY: tuple[str, ...] = ("country_iso3", "cycle", "document_kind")


def collect_reviews(
    plan: IngestPlan, outcomes: list[IngestedReview | QuarantinedFile]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Assemble documents, passages and quarantine frames from per-review outcomes.

    An exact duplicate (same content hash as a file already kept) is quarantined, so each
    document is counted once; the copy submitted first (register date, then file name) is kept.
    Parts left out of a kept document (its ``notes``, e.g. unread scanned pages) are added to
    the quarantine rows, so they are reported though the document is compiled.

    Returns:
        Documents (with ``version`` and ``superseded_by`` set), passages and quarantine rows,
        each sorted so that the same inputs always give the same frames.
    """
    kept, quarantined = select_kept_reviews(plan, outcomes)
    frames = [review.passages for review in kept]
    passages = (pd.concat(frames, ignore_index=True) if frames
                else pd.DataFrame(columns=PASSAGES.names))
    documents, quarantine = document_and_quarantine_frames(kept, quarantined)
    return documents, passages.sort_values("passage_id", ignore_index=True), quarantine


def select_kept_reviews(
    plan: IngestPlan, outcomes: Iterable[IngestedReview | QuarantinedFile]
) -> tuple[list[IngestedReview], list[QuarantinedFile]]:
    """Choose the reviews a compilation keeps: each document once, the first submitted copy.

    Only the document rows and notes of ``outcomes`` are read, so their passages may be left
    out (empty) by a caller that keeps them elsewhere, e.g. on disk.

    Returns:
        The kept reviews in submission order (register date, then file name) and every
        quarantine row: the plan's, the unreadable files', the duplicates' and the kept
        reviews' notes.
    """
    quarantined = list(plan.quarantined)
    kept: list[IngestedReview] = []
    first_copy: dict[str, str] = {}

    def submitted(outcome: IngestedReview | QuarantinedFile) -> tuple[str, str]:
        if isinstance(outcome, QuarantinedFile):
            return ("", outcome.file)
        return (str(outcome.document["date"]), str(outcome.document["file"]))

    for outcome in sorted(outcomes, key=submitted):
        if isinstance(outcome, QuarantinedFile):
            quarantined.append(outcome)
            continue
        document_id = str(outcome.document["document_id"])
        if document_id in first_copy:
            quarantined.append(QuarantinedFile(
                str(outcome.document["file"]), "register",
                f"exact duplicate of {first_copy[document_id]}", "remove one of the two copies",
                str(outcome.document["country_iso3"])))
            continue
        first_copy[document_id] = str(outcome.document["file"])
        quarantined += outcome.notes
        kept.append(outcome)
    return kept, quarantined


def document_and_quarantine_frames(
    kept: list[IngestedReview], quarantined: list[QuarantinedFile]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build the documents frame (versions marked) and the quarantine frame, both sorted.

    Returns:
        Documents sorted by file, quarantine rows sorted by file, stage and reason.
    """
    documents = mark_versions(pd.DataFrame([r.document for r in kept], columns=DOCUMENTS.names))
    quarantine = pd.DataFrame([q.__dict__ for q in quarantined], columns=QUARANTINE.names)
    return (documents.sort_values("file", ignore_index=True),
            quarantine.sort_values(["file", "stage", "reason"], ignore_index=True))


def mark_versions(documents: pd.DataFrame) -> pd.DataFrame:
    """Number the versions of each national review and link each to its successor.

    Versions are ordered by submission date, then file name.

    Returns:
        A copy of ``documents`` with ``version`` (1 = first) and ``superseded_by`` (the
        ``document_id`` of the next version, None for the current one) filled in.
    """
    frame = documents.copy()
    frame["version"] = 1
    frame["superseded_by"] = None
    versioned = frame[frame["document_kind"].isin(VERSIONED_KINDS)]
    for _, group in versioned.groupby(list(VERSION_KEY), sort=False):
        ordered = group.sort_values(["date", "file"])
        ids = ordered["document_id"].tolist()
        for number, (index, successor) in enumerate(
                zip(ordered.index, [*ids[1:], None], strict=True), start=1):
            frame.at[index, "version"] = number
            frame.at[index, "superseded_by"] = successor
    frame["version"] = frame["version"].astype("int32")
    return frame


def current_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Return the documents a compilation counts: every one not superseded by a newer version.

    Returns:
        The rows of ``documents`` whose ``superseded_by`` is empty, index reset; ``documents``
        is left unchanged. A frame without the column (older datasets) is returned whole.
    """
    if "superseded_by" not in documents.columns:
        return documents.reset_index(drop=True)
    return documents[documents["superseded_by"].isna()].reset_index(drop=True)
