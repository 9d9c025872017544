"""Contracts on the datasets the pipeline writes: a breach stops the run before it spreads."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from imrf_analysis.store.frames import among
from imrf_analysis.validation.compilation_suites import COMPILED_TABLE_SUITES
from imrf_analysis.validation.context import run_suite
from imrf_analysis.validation.findings import (
    DataContractError,
    Finding,
    ValidationSummary,
    summarize,
)
from imrf_analysis.validation.suites import (
    DOCUMENTS_SUITE,
    PASSAGES_SUITE,
    REGISTER_SUITE,
    TAGS_SUITE,
    UNKNOWN_PASSAGE_ID,
)

COMPILED_TABLES = "compiled_tables"


def validate_register(register: pd.DataFrame) -> ValidationSummary:
    """Check the submission register as read from ``register.csv`` (every column as text).

    Args:
        register: One row per submitted file, with the columns of ``schemas.REGISTER_COLUMNS``.

    Returns:
        How many expectations ran and passed, and a finding per kind of bad row (a repeated
        file, a country code that is not ISO alpha-3, an unknown document kind or language):
        the ingest plan quarantines those files and the run goes on.

    Raises:
        DataContractError: the register lacks one of its columns.
    """
    run = run_suite(REGISTER_SUITE, register)
    return summarize(REGISTER_SUITE.dataset, run.results, run.seconds)


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
    is_known = among(tags["passage_id"], known)
    unknown = tags["passage_id"].where(~is_known)
    return tags.assign(**{UNKNOWN_PASSAGE_ID: unknown.astype(object)})


def validate_compiled_tables(tables: Mapping[str, pd.DataFrame]) -> ValidationSummary:
    """Check the compiled tables before they are published.

    Args:
        tables: The tables of ``compile.compile_tables`` by dataset name; each table with a
            suite in ``COMPILED_TABLE_SUITES`` is checked (all but ``coverage_gaps``).

    Returns:
        A summary named ``compiled_tables`` counting the expectations of every suite.

    Raises:
        DataContractError: a contract failed in any of the tables (all breaches are listed),
            e.g. objective 24, more reviews reporting than the region has, a label that does
            not read "N of M reviews", a negative count, page 0, a score above 1, rank 0, an
            unknown level or category, or an excerpt without its document.
        KeyError: ``tables`` lacks one of the checked tables.
    """
    missing = [spec.dataset for spec in COMPILED_TABLE_SUITES if spec.dataset not in tables]
    if missing:
        raise KeyError(f"compiled tables to validate lack {missing}; got {sorted(tables)}")
    summaries: list[ValidationSummary] = []
    breaches: list[Finding] = []
    for spec in COMPILED_TABLE_SUITES:
        run = run_suite(spec, tables[spec.dataset])
        try:
            summaries.append(summarize(spec.dataset, run.results, run.seconds))
        except DataContractError as error:
            breaches += error.breaches
    if breaches:
        raise DataContractError(breaches)
    return ValidationSummary(
        COMPILED_TABLES,
        sum(summary.evaluated for summary in summaries),
        sum(summary.passed for summary in summaries),
        tuple(finding for summary in summaries for finding in summary.findings),
        sum(summary.seconds for summary in summaries),
    )
