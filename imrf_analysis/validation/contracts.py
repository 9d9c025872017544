"""Contracts on the datasets the pipeline writes: a breach stops the run before it spreads."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.validation.context import run_suite
from imrf_analysis.validation.findings import ValidationSummary, summarize
from imrf_analysis.validation.suites import (
    DOCUMENTS_SUITE,
    PASSAGES_SUITE,
    TAGS_SUITE,
    UNKNOWN_PASSAGE_ID,
)


def validate_documents(documents: pd.DataFrame) -> ValidationSummary:
    """Check the ``documents`` dataset against its contracts.

    Args:
        documents: One row per review, as in ``schemas.DOCUMENTS``.

    Returns:
        How many expectations ran and passed, and the findings (e.g. a review with no passage).

    Raises:
        DataContractError: a contract failed, e.g. a duplicate ``document_id`` or ``pages`` < 1.
    """
    run = run_suite(DOCUMENTS_SUITE, documents)
    return summarize(DOCUMENTS_SUITE.dataset, run.results, run.seconds)


def validate_passages(passages: pd.DataFrame) -> ValidationSummary:
    """Check the ``passages`` dataset against its contracts.

    Args:
        passages: One row per passage, with exactly the columns of ``schemas.PASSAGES``.

    Returns:
        How many expectations ran and passed.

    Raises:
        DataContractError: a contract failed, e.g. blank text, a repeated ``passage_id``,
            ``page`` < 1 or a language outside ``schemas.SUPPORTED_LANGUAGES``.
    """
    run = run_suite(PASSAGES_SUITE, passages)
    return summarize(PASSAGES_SUITE.dataset, run.results, run.seconds)


def validate_tags(tags: pd.DataFrame, passages: pd.DataFrame) -> ValidationSummary:
    """Check the ``tags`` dataset against its contracts, and that each tag's passage exists.

    Args:
        tags: One row per passage and label, as in ``schemas.TAGS``.
        passages: The passages the tags were computed on.

    Returns:
        How many expectations ran and passed.

    Raises:
        DataContractError: a contract failed, e.g. objective label "24", an unknown
            guiding-principle slug, a score above 1 or a tag for a passage not in ``passages``.
    """
    run = run_suite(TAGS_SUITE, with_unknown_passages(tags, passages))
    return summarize(TAGS_SUITE.dataset, run.results, run.seconds)


def with_unknown_passages(tags: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``tags`` whose ``unknown_passage_id`` repeats ids missing from passages.

    A column of the tags frame keeps the referential check inside the GX suite; passing the
    known ids as an expectation parameter instead costs seconds per 10k passages.
    """
    if "passage_id" not in tags.columns:
        return tags.copy()
    known = passages["passage_id"] if "passage_id" in passages.columns else pd.Series([], dtype=str)
    unknown = tags["passage_id"].where(~tags["passage_id"].isin(known.dropna()))
    return tags.assign(**{UNKNOWN_PASSAGE_ID: unknown.astype(object)})
