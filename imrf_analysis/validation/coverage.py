"""Coverage findings for the report: gaps by region and by review, thin tagging, language mix.

Coverage checks never stop a run. Their failed rows are grouped into one finding per region
or per review, phrased for the compilation's readers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

import pandas as pd

from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS
from imrf_analysis.validation.context import SuiteRun, run_suite
from imrf_analysis.validation.coverage_frames import (
    REVIEW_KINDS,
    language_mix,
    objective_tagged_passages,
    region_objective_grid,
    tagged_share,
)
from imrf_analysis.validation.coverage_suites import (
    LANGUAGE_MIX_SUITE,
    MIN_TAGGED_SHARE,
    REGION_COVERAGE_SUITE,
    REVIEW_COVERAGE_SUITE,
    TAGGED_SHARE_SUITE,
)
from imrf_analysis.validation.findings import Finding, config_of, describe_failure, plain

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult

log = logging.getLogger(__name__)

DEFAULT_MIN_TAGGED_SHARE = 0.3
Row = dict[str, Any]
Phrase = Callable[[str, list[Row]], tuple[str, tuple]]


def coverage_findings(
    objective_totals: pd.DataFrame,
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    tags: pd.DataFrame,
    *,
    min_tagged_share: float = DEFAULT_MIN_TAGGED_SHARE,
    document_kinds: Sequence[str] = REVIEW_KINDS,
) -> list[Finding]:
    """Run the coverage suites and describe what they find; gaps never raise.

    Args:
        objective_totals: Compiled table, one row per region and objective.
        documents: The reviews and contributions of the run.
        passages: Their passages.
        tags: Their tags; only objective tags count here.
        min_tagged_share: Below this share of objective-tagged passages a document is flagged.
        document_kinds: Kinds of document expected to speak to all 23 objectives.

    Returns:
        Findings in this order: regions with objectives no review reports, reviews with
        objectives they have no tagged passage for, documents with few tagged passages,
        documents whose passages are in an unsupported or unregistered language.

    Raises:
        KeyError: an input lacks a column the coverage tables are computed from.
    """
    runs = [
        run_suite(REGION_COVERAGE_SUITE, region_objective_grid(objective_totals)),
        run_suite(REVIEW_COVERAGE_SUITE,
                  objective_tagged_passages(documents, passages, tags, document_kinds)),
        run_suite(TAGGED_SHARE_SUITE, tagged_share(documents, passages, tags),
                  {MIN_TAGGED_SHARE: float(min_tagged_share)}),
        run_suite(LANGUAGE_MIX_SUITE, language_mix(documents, passages)),
    ]
    log.debug("coverage suites ran in %.3f s", sum(run.seconds for run in runs))
    findings: list[Finding] = []
    for run in runs:
        for result in run.results:
            if result.success:
                continue
            column = _column(result)
            rows = result.result.get("unexpected_index_list") if result.result else None
            if column in _PHRASES and rows:
                keys, phrase = _PHRASES[column]
                findings += _grouped(run, result, column, [dict(row) for row in rows], keys, phrase)
            else:
                findings.append(describe_failure(run.spec.dataset, result))
    return findings


def _grouped(
    run: SuiteRun,
    result: ExpectationValidationResult,
    column: str,
    rows: list[Row],
    keys: tuple[str, ...],
    phrase: Phrase,
) -> list[Finding]:
    findings = []
    expectation = config_of(result).type

    def key_of(row: Row) -> tuple[str, ...]:
        return tuple(str(row.get(key)) for key in keys)

    for _, group in groupby(sorted(rows, key=key_of), key=key_of):
        group_rows = [{name: plain(value) for name, value in row.items()} for row in group]
        message, described = phrase(expectation, group_rows)
        subject = tuple((key, group_rows[0].get(key)) for key in keys)
        findings.append(
            Finding(run.spec.dataset, expectation, column, message, subject + described)
        )
    return findings


def _column(result: ExpectationValidationResult) -> str | None:
    config = config_of(result)
    return (config.meta or {}).get("column") or config.kwargs.get("column")


def _review(row: Row) -> str:
    return f"Review {row.get('country_iso3')} ({row.get('file')})"


def _objectives(rows: list[Row]) -> tuple[str, tuple]:
    numbers = sorted({int(row["objective"]) for row in rows})
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    listed = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 2 else ", ".join(map(str, run))
                       for run in runs)
    text = f"{listed} ({len(numbers)} of {len(OBJECTIVE_NUMBERS)})"
    return text, (("objectives", tuple(numbers)),)


def _region_gap(_: str, rows: list[Row]) -> tuple[str, tuple]:
    listed, details = _objectives(rows)
    first = rows[0]
    return (f"{first.get('region')} ({first.get('cycle')}): no review reports objectives "
            f"{listed}"), details


def _review_gap(_: str, rows: list[Row]) -> tuple[str, tuple]:
    listed, details = _objectives(rows)
    return f"{_review(rows[0])} has no passage tagged with objectives {listed}", details


def _thin_tagging(_: str, rows: list[Row]) -> tuple[str, tuple]:
    row = rows[0]
    message = (f"{_review(row)}: {row['tagged_share']:.0%} of passages carry an objective tag "
               f"({row.get('tagged_passages')} of {row.get('passages')})")
    names = ("passages", "tagged_passages", "tagged_share")
    return message, tuple((name, row.get(name)) for name in names)


def _language(expectation: str, rows: list[Row]) -> tuple[str, tuple]:
    review = _review(rows[0])
    if expectation == "expect_column_pair_values_to_be_equal":
        row = rows[0]
        message = (f"{review}: most passages read as {row['language']!r} "
                   f"({row.get('share') or 0:.0%}), not the {row.get('declared_language')!r} "
                   "the register declares")
        names = ("declared_language", "language", "share")
        return message, tuple((name, row.get(name)) for name in names)
    found = ", ".join(f"{row['language']!r} ({row.get('passages')} passages)" for row in rows)
    languages = tuple((row["language"], row.get("passages")) for row in rows)
    return f"{review} has passages in unsupported languages: {found}", (("languages", languages),)


# Checked column -> the columns naming a finding's subject, and how to phrase it.
_PHRASES: dict[str, tuple[tuple[str, ...], Phrase]] = {
    "reviews_reporting": (("cycle", "region"), _region_gap),
    "tagged_passages": (("document_id", "country_iso3", "file"), _review_gap),
    "tagged_share": (("document_id", "country_iso3", "file"), _thin_tagging),
    "language": (("document_id", "country_iso3", "file"), _language),
}
