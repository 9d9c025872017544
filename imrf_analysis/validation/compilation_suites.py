"""The suites on the compiled tables, as code: nearly every expectation is a ``contract``.

A compiled table that breaks one would put a wrong count or an untraceable quotation in a
report, so the run stops before publishing. The one ``finding`` (a region with stakeholder
contributions but no national review) is shown in the reports instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imrf_analysis.compilation.evidence import EVIDENCE_COLUMNS, REGISTER_COLUMNS
from imrf_analysis.compilation.objectives import LEVELS, MATRIX_COLUMNS, REVIEW_COUNT_COLUMNS
from imrf_analysis.compilation.principles import PRINCIPLE_COLUMNS, STAKEHOLDER_COLUMNS
from imrf_analysis.compilation.register import COVERAGE_COLUMNS, SUBMISSION_COLUMNS
from imrf_analysis.compilation.scope import CATEGORIES, REGIONS
from imrf_analysis.findings import FINDING_COLUMNS
from imrf_analysis.reference.gcm import (
    GUIDING_PRINCIPLE_SLUGS,
    OBJECTIVE_NUMBERS,
    STAKEHOLDER_GROUPS,
)
from imrf_analysis.validation.context import SuiteSpec
from imrf_analysis.validation.findings import FINDING
from imrf_analysis.validation.suites import (
    column_set,
    contract,
    identifier,
    meta,
    not_null,
    page_number,
    score_range,
)

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

TOTALS_COLUMNS: tuple[str, ...] = ("region", "cycle", "objective", "reviews_reporting",
                                   "reviews_total", "label", *REVIEW_COUNT_COLUMNS)
LABEL_PATTERN = r"^\d+ of \d+ reviews$"
MEMBER_LABEL_PATTERN = r"^\d+ of \d+ member States$"
FIRST, LAST = min(OBJECTIVE_NUMBERS), max(OBJECTIVE_NUMBERS)
REGISTER_CATEGORIES: tuple[str, ...] = ("good-practice", "gap-or-challenge", "support-needed")


def _objective(gxe: Any) -> Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column="objective", min_value=FIRST, max_value=LAST,
        meta=contract(f"objectives are numbered {FIRST}-{LAST}"))


def _in_set(gxe: Any, column: str, values: Any, why: str | None = None) -> Expectation:
    return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values),
                                           meta=contract(why))


def _at_most(gxe: Any, column: str, bound: str, why: str) -> Expectation:
    """``column`` is at most ``bound`` (a column) on every row; ``why`` says what a breach means."""
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=bound, column_B=column, or_equal=True, meta=contract(why, column))


def _label(gxe: Any, pattern: str, reads: str) -> Expectation:
    return gxe.ExpectColumnValuesToMatchRegex(column="label", regex=pattern,
                                              meta=contract(f'labels read "{reads}"'))


def _citation(gxe: Any) -> list[Expectation]:
    """Every quoted passage names its document, file, page and passage id, and a 0..1 score."""
    return [
        *(gxe.ExpectColumnValuesToNotBeNull(column=c, meta=contract("excerpts cite their source"))
          for c in ("document_id", "file", "passage_id", "excerpt")),
        page_number(gxe),
        score_range(gxe),
    ]


def objective_totals_expectations() -> list[Expectation]:
    """Return the contracts on ``objective_totals``: "N of M reviews" per region and objective."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, TOTALS_COLUMNS),
        *not_null(gxe, "region", "objective"),
        _objective(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="reviews_reporting", min_value=0, meta=contract()),
        _at_most(gxe, "reviews_reporting", "reviews_total",
                 "more reviews report an objective than the region has"),
        _label(gxe, LABEL_PATTERN, "N of M reviews"),
        *(_at_most(gxe, column, "reviews_reporting",
                   "more reviews report a kind of content on an objective than report the "
                   "objective")
          for column in REVIEW_COUNT_COLUMNS),
    ]


def country_objective_matrix_expectations() -> list[Expectation]:
    """Return the contracts on ``country_objective_matrix``: counts per country and objective."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, MATRIX_COLUMNS),
        *not_null(gxe, "country_iso3"),
        _objective(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="passages", min_value=0, meta=contract("passage counts are never negative")),
        gxe.ExpectColumnValuesToBeBetween(column="reviews", min_value=0, meta=contract()),
        _at_most(gxe, "reviews", "reviews_total",
                 "more of a country's reviews report an objective than it submitted"),
        _in_set(gxe, "level", LEVELS, f"levels are {', '.join(LEVELS)}"),
    ]


def review_findings_expectations() -> list[Expectation]:
    """Return the contracts on ``review_findings``: one row per review and objective.

    A progress, challenge or good-practice flag is only set where the review reports.
    """
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, FINDING_COLUMNS),
        *not_null(gxe, "document_id"),
        _objective(gxe),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["document_id", "objective"],
            meta=contract("one finding per review and objective")),
        *(_at_most(gxe, flag, "reported",
                   f"{flag} is only found on an objective the review reports on")
          for flag in ("progress", "challenge", "good_practice")),
        gxe.ExpectColumnValuesToBeBetween(
            column="confidence", min_value=0, max_value=1,
            meta=contract("confidence is between 0 and 1")),
    ]


def round_table_evidence_expectations() -> list[Expectation]:
    """Return the contracts on ``round_table_evidence``: ranked passages traced to a page."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, EVIDENCE_COLUMNS),
        *not_null(gxe, "passage_id", "file"),
        _objective(gxe),
        page_number(gxe),
        score_range(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="rank", min_value=1, meta=contract("ranks start at 1")),
        _in_set(gxe, "category", CATEGORIES, f"categories are {', '.join(CATEGORIES)}"),
        *not_null(gxe, "document_id"),
    ]


def submission_register_expectations() -> list[Expectation]:
    """Return the contracts on ``submission_register``: one row per document, versions linked."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, SUBMISSION_COLUMNS),
        *identifier(gxe, "document_id"),
        *not_null(gxe, "sha256"),
        gxe.ExpectColumnValuesToBeBetween(
            column="version", min_value=1, meta=contract("versions are numbered from 1")),
    ]


def regional_coverage_expectations() -> list[Expectation]:
    """Return the expectations on ``regional_coverage``: States reporting out of members.

    All are contracts but one finding: a region whose only documents are stakeholder
    contributions is reported, not fatal.
    """
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, COVERAGE_COLUMNS),
        _in_set(gxe, "region", REGIONS),
        gxe.ExpectColumnValuesToBeBetween(
            column="share_of_members", min_value=0, max_value=1,
            meta=contract("shares of members lie in 0..1")),
        _at_most(gxe, "states_reporting", "reviews_submitted",
                 "more States report than reviews were submitted"),
        _label(gxe, MEMBER_LABEL_PATTERN, "N of M member States"),
        gxe.ExpectColumnValuesToBeBetween(
            column="reviews_submitted", min_value=1,
            meta=meta(FINDING, "the region has stakeholder contributions but no national "
                               "review, so no State of it is counted")),
    ]


def principle_matrix_expectations() -> list[Expectation]:
    """Return the contracts on ``principle_matrix``: passages per country and principle."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, PRINCIPLE_COLUMNS),
        _in_set(gxe, "guiding_principle", GUIDING_PRINCIPLE_SLUGS),
        gxe.ExpectColumnValuesToBeBetween(column="passages", min_value=0, meta=contract()),
    ]


def stakeholder_consultation_expectations() -> list[Expectation]:
    """Return the contracts on ``stakeholder_consultation``: groups named per document."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, STAKEHOLDER_COLUMNS),
        _in_set(gxe, "stakeholder_group", STAKEHOLDER_GROUPS),
        *not_null(gxe, "document_id"),
        gxe.ExpectColumnValuesToBeBetween(column="passages", min_value=0, meta=contract()),
    ]


def register_expectations() -> list[Expectation]:
    """Return the contracts on the good-practice and challenge registers: cited excerpts."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, REGISTER_COLUMNS),
        _in_set(gxe, "category", REGISTER_CATEGORIES),
        *_citation(gxe),
    ]


OBJECTIVE_TOTALS_SUITE = SuiteSpec(
    "objective_totals", "objective_totals", objective_totals_expectations,
    ("region", "cycle", "objective"))
COUNTRY_OBJECTIVE_MATRIX_SUITE = SuiteSpec(
    "country_objective_matrix", "country_objective_matrix",
    country_objective_matrix_expectations, ("region", "country_iso3", "objective"))
ROUND_TABLE_EVIDENCE_SUITE = SuiteSpec(
    "round_table_evidence", "round_table_evidence", round_table_evidence_expectations,
    ("region", "objective", "rank", "passage_id"))
COMPILED_TABLE_SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec("review_findings", "review_findings", review_findings_expectations,
              ("document_id", "objective")),
    SuiteSpec("submission_register", "submission_register", submission_register_expectations,
              ("document_id",)),
    SuiteSpec("regional_coverage", "regional_coverage", regional_coverage_expectations,
              ("region", "cycle")),
    OBJECTIVE_TOTALS_SUITE, COUNTRY_OBJECTIVE_MATRIX_SUITE, ROUND_TABLE_EVIDENCE_SUITE,
    SuiteSpec("principle_matrix", "principle_matrix", principle_matrix_expectations,
              ("region", "country_iso3", "guiding_principle")),
    SuiteSpec("stakeholder_consultation", "stakeholder_consultation",
              stakeholder_consultation_expectations,
              ("region", "document_id", "stakeholder_group")),
    SuiteSpec("good_practice_register", "good_practice_register", register_expectations,
              ("region", "passage_id")),
    SuiteSpec("challenge_register", "challenge_register", register_expectations,
              ("region", "passage_id")),
)
