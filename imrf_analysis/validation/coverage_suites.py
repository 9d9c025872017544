"""The coverage suites, as code: every expectation is a ``finding`` that warns, never stops.

They run on the coverage frames of :mod:`imrf_analysis.validation.coverage_frames`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imrf_analysis.store.schemas import SUPPORTED_LANGUAGES
from imrf_analysis.validation.context import SuiteSpec
from imrf_analysis.validation.findings import FINDING
from imrf_analysis.validation.suites import meta

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

MIN_TAGGED_SHARE = "min_tagged_share"  # suite parameter of the tagged-share check


def region_coverage_expectations() -> list[Expectation]:
    """Return the finding that each region has a review reporting each objective."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(
        column="reviews_reporting", min_value=1,
        meta=meta(FINDING, "no review of the region reports the objective"))]


def review_coverage_expectations() -> list[Expectation]:
    """Return the finding that each review has a tagged passage for each objective."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(
        column="tagged_passages", min_value=1,
        meta=meta(FINDING, "the review has no passage tagged with the objective"))]


def tagged_share_expectations() -> list[Expectation]:
    """Return the finding that enough of each review's passages carry an objective tag."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(
        column="tagged_share", min_value={"$PARAMETER": MIN_TAGGED_SHARE}, max_value=1,
        meta=meta(FINDING, "few of the review's passages carry an objective tag"))]


def language_mix_expectations() -> list[Expectation]:
    """Return the findings on each review's language mix: supported, and as registered."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="language", value_set=list(SUPPORTED_LANGUAGES),
            meta=meta(FINDING, "passages are in a language outside the supported set")),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="declared_language", column_B="language",
            row_condition=Column("main_language") == True,  # noqa: E712 - builds a condition
            meta=meta(FINDING, "most passages are not in the language the register declares",
                       "language")),
    ]


REGION_COVERAGE_SUITE = SuiteSpec(
    "region_coverage", "objective_totals", region_coverage_expectations,
    ("cycle", "region", "objective"), every_failure=True)
REVIEW_COVERAGE_SUITE = SuiteSpec(
    "review_coverage", "review_coverage", review_coverage_expectations,
    ("document_id", "country_iso3", "file", "objective"), every_failure=True)
TAGGED_SHARE_SUITE = SuiteSpec(
    "tagged_share", "tagged_share", tagged_share_expectations,
    ("document_id", "country_iso3", "file", "passages", "tagged_passages"), every_failure=True)
LANGUAGE_MIX_SUITE = SuiteSpec(
    "language_mix", "language_mix", language_mix_expectations,
    ("document_id", "country_iso3", "file", "language", "passages", "share"), every_failure=True)
