"""The expectation suites, as code: the register and the datasets each stage writes.

Each expectation's meta holds its ``policy`` (``contract`` stops the run, ``finding`` is
reported), and may hold ``why`` (a plain reason appended to the message) and ``column`` (the
dataset column to name when the expectation looks at a derived one).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from imrf_analysis.reference.gcm import (
    GUIDING_PRINCIPLE_SLUGS,
    OBJECTIVE_NUMBERS,
    STAKEHOLDER_GROUPS,
)
from imrf_analysis.store.schemas import (
    CONTENT_TYPES,
    DOCUMENT_KINDS,
    DOCUMENTS,
    LABEL_TYPES,
    PASSAGES,
    REGISTER_COLUMNS,
    SUPPORT_NEEDS,
    SUPPORTED_LANGUAGES,
    TAGS,
)
from imrf_analysis.validation.context import SuiteSpec
from imrf_analysis.validation.findings import CONTRACT, FINDING

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

OBJECTIVE_LABELS: tuple[str, ...] = tuple(str(number) for number in OBJECTIVE_NUMBERS)
# The labels each label type may carry (content labels as ``tagging.content`` produces them).
LABELS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "objective": OBJECTIVE_LABELS,
    "guiding_principle": GUIDING_PRINCIPLE_SLUGS,
    "content_type": CONTENT_TYPES,
    "support_need": SUPPORT_NEEDS,
    "stakeholder_group": tuple(STAKEHOLDER_GROUPS),
}
LABEL_RULES: dict[str, str] = {
    "objective": "objective tags carry an objective number 1-23",
    "guiding_principle": "guiding-principle tags carry a guiding-principle slug",
}
TAG_LABELS: tuple[str, ...] = tuple(dict.fromkeys(
    label for labels in LABELS_BY_TYPE.values() for label in labels))
# Derived column of the tags frame: the tag's passage_id when passages lacks it, else null.
UNKNOWN_PASSAGE_ID = "unknown_passage_id"


def meta(policy: str, why: str | None = None, column: str | None = None) -> dict[str, Any]:
    """Return an expectation's meta: its policy, and the reason and column its message gives."""
    values: dict[str, Any] = {"policy": policy}
    if why:
        values["why"] = why
    if column:
        values["column"] = column
    return values


def contract(why: str | None = None, column: str | None = None) -> dict[str, Any]:
    """Return the meta of a contract (see ``meta``)."""
    return meta(CONTRACT, why, column)


# Expectations several suites share; ``gxe`` is ``great_expectations.expectations``, imported
# by the suite (not here, so that importing the suites stays cheap).


def column_set(gxe: Any, columns: Iterable[str], *, exact: bool = False) -> Expectation:
    """Return the contract that the table has ``columns`` (and no other when ``exact``)."""
    return gxe.ExpectTableColumnsToMatchSet(column_set=list(columns), exact_match=exact,
                                            meta=contract())


def not_null(gxe: Any, *columns: str) -> list[Expectation]:
    """Return the contracts that each of ``columns`` has a value on every row."""
    return [gxe.ExpectColumnValuesToNotBeNull(column=column, meta=contract())
            for column in columns]


def identifier(gxe: Any, column: str) -> list[Expectation]:
    """Return the contracts that ``column`` identifies the rows: never null, never repeated."""
    return [*not_null(gxe, column),
            gxe.ExpectColumnValuesToBeUnique(column=column, meta=contract())]


def page_number(gxe: Any) -> Expectation:
    """Return the contract on the ``page`` of a passage: from 1, or 0 in a format without."""
    return gxe.ExpectColumnValuesToBeBetween(
        column="page", min_value=0,
        meta=contract("pages are numbered from 1; 0 when the format has none"))


def score_range(gxe: Any) -> Expectation:
    """Return the contract that ``score`` lies in 0..1."""
    return gxe.ExpectColumnValuesToBeBetween(
        column="score", min_value=0, max_value=1, meta=contract("scores lie in 0..1"))


def documents_expectations() -> list[Expectation]:
    """Return the expectations on ``documents``: one row per review read from the register."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, DOCUMENTS.names),
        *identifier(gxe, "document_id"),
        *not_null(gxe, "country_iso3"),
        gxe.ExpectColumnValuesToMatchRegex(
            column="country_iso3", regex=r"^[A-Z]{3}$",
            meta=contract("country codes are ISO 3166-1 alpha-3, upper case")),
        gxe.ExpectColumnValuesToBeInSet(
            column="document_kind", value_set=list(DOCUMENT_KINDS), meta=contract()),
        gxe.ExpectColumnValuesToBeBetween(
            column="pages", min_value=0,
            meta=contract("0 pages: a format without pages, or Word without LibreOffice")),
        gxe.ExpectColumnValuesToBeBetween(
            column="passages", min_value=1,
            meta=meta(FINDING, "no passage was extracted from the review")),
    ]


def passages_expectations() -> list[Expectation]:
    """Return the contracts on ``passages``: every passage traces back to a review's page."""
    import great_expectations.expectations as gxe

    return [
        column_set(gxe, PASSAGES.names, exact=True),
        *identifier(gxe, "passage_id"),
        *not_null(gxe, "document_id", "text"),
        gxe.ExpectColumnValuesToMatchRegex(
            column="text", regex=r"\S", meta=contract("passage text is empty or blank")),
        *not_null(gxe, "page"),
        page_number(gxe),
        gxe.ExpectColumnValuesToBeBetween(
            column="paragraph_index", min_value=0, meta=contract()),
        *not_null(gxe, "language"),
        gxe.ExpectColumnValuesToBeInSet(
            column="language", value_set=list(SUPPORTED_LANGUAGES),
            meta=contract(f"supported languages are {', '.join(SUPPORTED_LANGUAGES)}")),
    ]


def tags_expectations() -> list[Expectation]:
    """Return the contracts on ``tags``, checked on tags with an ``unknown_passage_id`` column."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    return [
        column_set(gxe, TAGS.names),
        *not_null(gxe, "passage_id"),
        gxe.ExpectColumnValuesToBeNull(
            column=UNKNOWN_PASSAGE_ID,
            meta=contract("tags point to passages that are not in passages", "passage_id")),
        *not_null(gxe, "label_type"),
        gxe.ExpectColumnValuesToBeInSet(
            column="label_type", value_set=list(LABEL_TYPES), meta=contract()),
        *not_null(gxe, "label"),
        gxe.ExpectColumnValuesToBeInSet(
            column="label", value_set=list(TAG_LABELS),
            meta=contract("labels are objective numbers 1-23, guiding-principle slugs, content "
                          "types, support needs or stakeholder groups")),
        *(gxe.ExpectColumnValuesToBeInSet(
            column="label", value_set=list(labels),
            row_condition=Column("label_type") == label_type,
            meta=contract(LABEL_RULES.get(label_type)
                          or f"{label_type} tags carry one of: {', '.join(labels)}"))
          for label_type, labels in LABELS_BY_TYPE.items()),
        *not_null(gxe, "score"),
        score_range(gxe),
    ]


def register_expectations() -> list[Expectation]:
    """Return the expectations on the submission register read as text, one row per file.

    The columns are a contract. A bad row is a finding: the ingest plan quarantines that
    file with a reason and the run goes on, so the rows are shown rather than fatal.
    """
    import great_expectations.expectations as gxe

    def finding(why: str) -> dict[str, Any]:
        return meta(FINDING, f"{why}; the file is quarantined")

    return [
        column_set(gxe, REGISTER_COLUMNS),
        gxe.ExpectColumnValuesToMatchRegex(
            column="file", regex=r"\S", meta=finding("a register row has no file name")),
        gxe.ExpectColumnValuesToBeUnique(
            column="file", meta=finding("a file is listed twice in the register")),
        gxe.ExpectColumnValuesToMatchRegex(
            column="country_iso3", regex=r"^[A-Z]{3}$",
            meta=finding("country codes are ISO 3166-1 alpha-3, upper case")),
        gxe.ExpectColumnValuesToBeInSet(
            column="document_kind", value_set=list(DOCUMENT_KINDS),
            meta=finding(f"document kinds are {', '.join(DOCUMENT_KINDS)}")),
        gxe.ExpectColumnValuesToBeInSet(
            column="language", value_set=list(SUPPORTED_LANGUAGES),
            meta=finding(f"supported languages are {', '.join(SUPPORTED_LANGUAGES)}")),
    ]


REGISTER_SUITE = SuiteSpec("register", "register", register_expectations, ("file",))
DOCUMENTS_SUITE = SuiteSpec("documents", "documents", documents_expectations, ("file",))
PASSAGES_SUITE = SuiteSpec("passages", "passages", passages_expectations, ("passage_id",))
TAGS_SUITE = SuiteSpec("tags", "tags", tags_expectations, ("passage_id",))
