"""The suites on the compiled tables, as code: every expectation is a ``contract``.

A compiled table that breaks one would put a wrong count or an untraceable quotation in a
report, so the run stops before publishing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imrf_analysis.compile import EVIDENCE_COLUMNS, MATRIX_COLUMNS
from imrf_analysis.gcm import OBJECTIVE_NUMBERS
from imrf_analysis.validation.context import SuiteSpec
from imrf_analysis.validation.findings import CONTRACT
from imrf_analysis.validation.suites import meta

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

TOTALS_COLUMNS: tuple[str, ...] = ("region", "cycle", "objective", "reviews_reporting",
                                   "reviews_total", "label")
LABEL_PATTERN = r"^\d+ of \d+ reviews$"
FIRST, LAST = min(OBJECTIVE_NUMBERS), max(OBJECTIVE_NUMBERS)


def _contract(why: str | None = None, column: str | None = None) -> dict[str, Any]:
    return meta(CONTRACT, why, column)


def _objective(gxe: Any) -> Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column="objective", min_value=FIRST, max_value=LAST,
        meta=_contract(f"objectives are numbered {FIRST}-{LAST}"))


def objective_totals_expectations() -> list[Expectation]:
    """Return the contracts on ``objective_totals``: "N of M reviews" per region and objective."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(TOTALS_COLUMNS), exact_match=False, meta=_contract()),
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
    ]


def country_objective_matrix_expectations() -> list[Expectation]:
    """Return the contracts on ``country_objective_matrix``: counts per country and objective."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(MATRIX_COLUMNS), exact_match=False, meta=_contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="country_iso3", meta=_contract()),
        _objective(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="passages", min_value=0, meta=_contract("passage counts are never negative")),
        gxe.ExpectColumnValuesToBeBetween(column="reviews", min_value=0, meta=_contract()),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="reviews_total", column_B="reviews", or_equal=True,
            meta=_contract("more of a country's reviews report an objective than it submitted",
                           "reviews")),
    ]


def round_table_evidence_expectations() -> list[Expectation]:
    """Return the contracts on ``round_table_evidence``: ranked passages traced to a page."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(EVIDENCE_COLUMNS), exact_match=False, meta=_contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="passage_id", meta=_contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="file", meta=_contract()),
        _objective(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="page", min_value=1, meta=_contract("pages are numbered from 1")),
        gxe.ExpectColumnValuesToBeBetween(
            column="score", min_value=0, max_value=1, meta=_contract("scores lie in 0..1")),
        gxe.ExpectColumnValuesToBeBetween(
            column="rank", min_value=1, meta=_contract("ranks start at 1")),
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
    OBJECTIVE_TOTALS_SUITE, COUNTRY_OBJECTIVE_MATRIX_SUITE, ROUND_TABLE_EVIDENCE_SUITE)
