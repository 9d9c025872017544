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
from imrf_analysis.validation.findings import CONTRACT, FINDING
from imrf_analysis.validation.suites import meta

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

TOTALS_COLUMNS: tuple[str, ...] = ("region", "cycle", "objective", "reviews_reporting",
                                   "reviews_total", "label", *REVIEW_COUNT_COLUMNS)
LABEL_PATTERN = r"^\d+ of \d+ reviews$"
MEMBER_LABEL_PATTERN = r"^\d+ of \d+ member States$"
FIRST, LAST = min(OBJECTIVE_NUMBERS), max(OBJECTIVE_NUMBERS)
REGISTER_CATEGORIES: tuple[str, ...] = ("good-practice", "gap-or-challenge", "support-needed")


def _contract(why: str | None = None, column: str | None = None) -> dict[str, Any]:
    return meta(CONTRACT, why, column)


def _objective(gxe: Any) -> Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column="objective", min_value=FIRST, max_value=LAST,
        meta=_contract(f"objectives are numbered {FIRST}-{LAST}"))


def _columns(gxe: Any, columns: Any) -> Expectation:
    return gxe.ExpectTableColumnsToMatchSet(column_set=list(columns), exact_match=False,
                                            meta=_contract())


def _in_set(gxe: Any, column: str, values: Any, why: str | None = None) -> Expectation:
    return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values),
                                           meta=_contract(why))


def _citation(gxe: Any) -> list[Expectation]:
    """Every quoted passage names its document, file, page and passage id, and a 0..1 score."""
    return [
        *(gxe.ExpectColumnValuesToNotBeNull(column=c, meta=_contract("excerpts cite their source"))
          for c in ("document_id", "file", "passage_id", "excerpt")),
        gxe.ExpectColumnValuesToBeBetween(
            column="page", min_value=0,
            meta=_contract("pages are numbered from 1; 0 when the format has none")),
        gxe.ExpectColumnValuesToBeBetween(
            column="score", min_value=0, max_value=1, meta=_contract("scores lie in 0..1")),
    ]


def objective_totals_expectations() -> list[Expectation]:
    """Return the contracts on ``objective_totals``: "N of M reviews" per region and objective."""
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, TOTALS_COLUMNS),
        gxe.ExpectColumnValuesToNotBeNull(column="region", meta=_contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="objective", meta=_contract()),
        _objective(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="reviews_reporting", min_value=0, meta=_contract()),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="reviews_total", column_B="reviews_reporting", or_equal=True,
            meta=_contract("more reviews report an objective than the region has",
                           "reviews_reporting")),
        gxe.ExpectColumnValuesToMatchRegex(
            column="label", regex=LABEL_PATTERN,
            meta=_contract('labels read "N of M reviews"')),
        *(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="reviews_reporting", column_B=column, or_equal=True,
            meta=_contract("more reviews report a kind of content on an objective than "
                           "report the objective", column))
          for column in REVIEW_COUNT_COLUMNS),
    ]


def country_objective_matrix_expectations() -> list[Expectation]:
    """Return the contracts on ``country_objective_matrix``: counts per country and objective."""
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, MATRIX_COLUMNS),
        gxe.ExpectColumnValuesToNotBeNull(column="country_iso3", meta=_contract()),
        _objective(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="passages", min_value=0, meta=_contract("passage counts are never negative")),
        gxe.ExpectColumnValuesToBeBetween(column="reviews", min_value=0, meta=_contract()),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="reviews_total", column_B="reviews", or_equal=True,
            meta=_contract("more of a country's reviews report an objective than it submitted",
                           "reviews")),
        _in_set(gxe, "level", LEVELS, f"levels are {', '.join(LEVELS)}"),
    ]


def review_findings_expectations() -> list[Expectation]:
    """Return the contracts on ``review_findings``: one row per review and objective.

    A progress, challenge or good-practice flag is only set where the review reports.
    """
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, FINDING_COLUMNS),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id", meta=_contract()),
        _objective(gxe),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["document_id", "objective"],
            meta=_contract("one finding per review and objective")),
        *(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="reported", column_B=flag, or_equal=True,
            meta=_contract(f"{flag} is only found on an objective the review reports on", flag))
          for flag in ("progress", "challenge", "good_practice")),
        gxe.ExpectColumnValuesToBeBetween(
            column="confidence", min_value=0, max_value=1,
            meta=_contract("confidence is between 0 and 1")),
    ]


def round_table_evidence_expectations() -> list[Expectation]:
    """Return the contracts on ``round_table_evidence``: ranked passages traced to a page."""
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, EVIDENCE_COLUMNS),
        gxe.ExpectColumnValuesToNotBeNull(column="passage_id", meta=_contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="file", meta=_contract()),
        _objective(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="page", min_value=0,
            meta=_contract("pages are numbered from 1; 0 when the format has none")),
        gxe.ExpectColumnValuesToBeBetween(
            column="score", min_value=0, max_value=1, meta=_contract("scores lie in 0..1")),
        gxe.ExpectColumnValuesToBeBetween(
            column="rank", min_value=1, meta=_contract("ranks start at 1")),
        _in_set(gxe, "category", CATEGORIES, f"categories are {', '.join(CATEGORIES)}"),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id", meta=_contract()),
    ]


def submission_register_expectations() -> list[Expectation]:
    """Return the contracts on ``submission_register``: one row per document, versions linked."""
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, SUBMISSION_COLUMNS),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id", meta=_contract()),
        gxe.ExpectColumnValuesToBeUnique(column="document_id", meta=_contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="sha256", meta=_contract()),
        gxe.ExpectColumnValuesToBeBetween(
            column="version", min_value=1, meta=_contract("versions are numbered from 1")),
    ]


def regional_coverage_expectations() -> list[Expectation]:
    """Return the expectations on ``regional_coverage``: States reporting out of members.

    All are contracts but one finding: a region whose only documents are stakeholder
    contributions is reported, not fatal.
    """
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, COVERAGE_COLUMNS),
        _in_set(gxe, "region", REGIONS),
        gxe.ExpectColumnValuesToBeBetween(
            column="share_of_members", min_value=0, max_value=1,
            meta=_contract("shares of members lie in 0..1")),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="reviews_submitted", column_B="states_reporting", or_equal=True,
            meta=_contract("more States report than reviews were submitted",
                           "states_reporting")),
        gxe.ExpectColumnValuesToMatchRegex(
            column="label", regex=MEMBER_LABEL_PATTERN,
            meta=_contract('labels read "N of M member States"')),
        gxe.ExpectColumnValuesToBeBetween(
            column="reviews_submitted", min_value=1,
            meta=meta(FINDING, "the region has stakeholder contributions but no national "
                               "review, so no State of it is counted")),
    ]


def principle_matrix_expectations() -> list[Expectation]:
    """Return the contracts on ``principle_matrix``: passages per country and principle."""
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, PRINCIPLE_COLUMNS),
        _in_set(gxe, "guiding_principle", GUIDING_PRINCIPLE_SLUGS),
        gxe.ExpectColumnValuesToBeBetween(column="passages", min_value=0, meta=_contract()),
    ]


def stakeholder_consultation_expectations() -> list[Expectation]:
    """Return the contracts on ``stakeholder_consultation``: groups named per document."""
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, STAKEHOLDER_COLUMNS),
        _in_set(gxe, "stakeholder_group", STAKEHOLDER_GROUPS),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id", meta=_contract()),
        gxe.ExpectColumnValuesToBeBetween(column="passages", min_value=0, meta=_contract()),
    ]


def register_expectations() -> list[Expectation]:
    """Return the contracts on the good-practice and challenge registers: cited excerpts."""
    import great_expectations.expectations as gxe

    return [
        _columns(gxe, REGISTER_COLUMNS),
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
