"""The expectation suites, as code: contracts on the pipeline's datasets and coverage checks.

Each expectation's meta holds its ``policy`` (``contract`` stops the run, ``finding`` is
reported), and may hold ``why`` (a plain reason appended to the message) and ``column`` (the
dataset column to name when the expectation looks at a derived one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imrf_analysis.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS
from imrf_analysis.schemas import (
    DOCUMENT_KINDS,
    DOCUMENTS,
    LABEL_TYPES,
    PASSAGES,
    SUPPORTED_LANGUAGES,
    TAGS,
)
from imrf_analysis.validation.context import SuiteSpec
from imrf_analysis.validation.findings import CONTRACT, FINDING

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

OBJECTIVE_LABELS: tuple[str, ...] = tuple(str(number) for number in OBJECTIVE_NUMBERS)
TAG_LABELS: tuple[str, ...] = OBJECTIVE_LABELS + GUIDING_PRINCIPLE_SLUGS
# Derived column of the tags frame: the tag's passage_id when passages lacks it, else null.
UNKNOWN_PASSAGE_ID = "unknown_passage_id"
MIN_TAGGED_SHARE = "min_tagged_share"  # suite parameter of the tagged-share check


def _meta(policy: str, why: str | None = None, column: str | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"policy": policy}
    if why:
        meta["why"] = why
    if column:
        meta["column"] = column
    return meta


def documents_expectations() -> list[Expectation]:
    """Return the expectations on ``documents``: one row per review read from the register."""
    import great_expectations.expectations as gxe

    def contract(why: str | None = None) -> dict[str, Any]:
        return _meta(CONTRACT, why)

    return [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(DOCUMENTS.names), exact_match=False, meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id", meta=contract()),
        gxe.ExpectColumnValuesToBeUnique(column="document_id", meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="country_iso3", meta=contract()),
        gxe.ExpectColumnValuesToMatchRegex(
            column="country_iso3", regex=r"^[A-Z]{3}$",
            meta=contract("country codes are ISO 3166-1 alpha-3, upper case")),
        gxe.ExpectColumnValuesToBeInSet(
            column="document_kind", value_set=list(DOCUMENT_KINDS), meta=contract()),
        gxe.ExpectColumnValuesToBeBetween(column="pages", min_value=1, meta=contract()),
        gxe.ExpectColumnValuesToBeBetween(
            column="passages", min_value=1,
            meta=_meta(FINDING, "no passage was extracted from the review")),
    ]


def passages_expectations() -> list[Expectation]:
    """Return the contracts on ``passages``: every passage traces back to a review's page."""
    import great_expectations.expectations as gxe

    def contract(why: str | None = None) -> dict[str, Any]:
        return _meta(CONTRACT, why)

    return [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(PASSAGES.names), exact_match=True, meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="passage_id", meta=contract()),
        gxe.ExpectColumnValuesToBeUnique(column="passage_id", meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id", meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="text", meta=contract()),
        gxe.ExpectColumnValuesToMatchRegex(
            column="text", regex=r"\S", meta=contract("passage text is empty or blank")),
        gxe.ExpectColumnValuesToNotBeNull(column="page", meta=contract()),
        gxe.ExpectColumnValuesToBeBetween(
            column="page", min_value=1, meta=contract("pages are numbered from 1")),
        gxe.ExpectColumnValuesToBeBetween(
            column="paragraph_index", min_value=0, meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="language", meta=contract()),
        gxe.ExpectColumnValuesToBeInSet(
            column="language", value_set=list(SUPPORTED_LANGUAGES),
            meta=contract(f"supported languages are {', '.join(SUPPORTED_LANGUAGES)}")),
    ]


def tags_expectations() -> list[Expectation]:
    """Return the contracts on ``tags``, checked on tags with an ``unknown_passage_id`` column."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    def contract(why: str | None = None, column: str | None = None) -> dict[str, Any]:
        return _meta(CONTRACT, why, column)

    return [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(TAGS.names), exact_match=False, meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="passage_id", meta=contract()),
        gxe.ExpectColumnValuesToBeNull(
            column=UNKNOWN_PASSAGE_ID,
            meta=contract("tags point to passages that are not in passages", "passage_id")),
        gxe.ExpectColumnValuesToNotBeNull(column="label_type", meta=contract()),
        gxe.ExpectColumnValuesToBeInSet(
            column="label_type", value_set=list(LABEL_TYPES), meta=contract()),
        gxe.ExpectColumnValuesToNotBeNull(column="label", meta=contract()),
        gxe.ExpectColumnValuesToBeInSet(
            column="label", value_set=list(TAG_LABELS),
            meta=contract("labels are objective numbers 1-23 or guiding-principle slugs")),
        gxe.ExpectColumnValuesToBeInSet(
            column="label", value_set=list(OBJECTIVE_LABELS),
            row_condition=Column("label_type") == "objective",
            meta=contract("objective tags carry an objective number 1-23")),
        gxe.ExpectColumnValuesToBeInSet(
            column="label", value_set=list(GUIDING_PRINCIPLE_SLUGS),
            row_condition=Column("label_type") == "guiding_principle",
            meta=contract("guiding-principle tags carry a guiding-principle slug")),
        gxe.ExpectColumnValuesToNotBeNull(column="score", meta=contract()),
        gxe.ExpectColumnValuesToBeBetween(
            column="score", min_value=0, max_value=1, meta=contract("scores lie in 0..1")),
    ]


def region_coverage_expectations() -> list[Expectation]:
    """Return the finding that each region has a review reporting each objective."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(
        column="reviews_reporting", min_value=1,
        meta=_meta(FINDING, "no review of the region reports the objective"))]


def review_coverage_expectations() -> list[Expectation]:
    """Return the finding that each review has a tagged passage for each objective."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(
        column="tagged_passages", min_value=1,
        meta=_meta(FINDING, "the review has no passage tagged with the objective"))]


def tagged_share_expectations() -> list[Expectation]:
    """Return the finding that enough of each review's passages carry an objective tag."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(
        column="tagged_share", min_value={"$PARAMETER": MIN_TAGGED_SHARE}, max_value=1,
        meta=_meta(FINDING, "few of the review's passages carry an objective tag"))]


def language_mix_expectations() -> list[Expectation]:
    """Return the findings on each review's language mix: supported, and as registered."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="language", value_set=list(SUPPORTED_LANGUAGES),
            meta=_meta(FINDING, "passages are in a language outside the supported set")),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="declared_language", column_B="language",
            row_condition=Column("main_language") == True,  # noqa: E712 - builds a condition
            meta=_meta(FINDING, "most passages are not in the language the register declares",
                       "language")),
    ]


DOCUMENTS_SUITE = SuiteSpec("documents", "documents", documents_expectations, ("file",))
PASSAGES_SUITE = SuiteSpec("passages", "passages", passages_expectations, ("passage_id",))
TAGS_SUITE = SuiteSpec("tags", "tags", tags_expectations, ("passage_id",))
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
