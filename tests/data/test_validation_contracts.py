"""Contract suites on real Great Expectations: valid data passes, a breach stops the run."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from dataclasses import asdict

import pandas as pd
import pytest

from imrf_analysis.validation import (
    DataContractError,
    ValidationSummary,
    validate_documents,
    validate_passages,
    validate_tags,
)
from imrf_analysis.validation.context import validation_context


def test_valid_documents_passages_and_tags_pass_every_expectation(documents, passages, tags):
    summaries = [
        validate_documents(documents),
        validate_passages(passages),
        validate_tags(tags, passages),
    ]

    for summary in summaries:
        assert isinstance(summary, ValidationSummary)
        assert summary.evaluated >= 8
        assert summary.passed == summary.evaluated
        assert summary.findings == ()
    assert [s.dataset for s in summaries] == ["documents", "passages", "tags"]


def test_empty_datasets_with_the_schema_columns_pass(documents, passages, tags):
    assert validate_passages(passages.iloc[0:0]).passed > 0
    assert validate_tags(tags.iloc[0:0], passages.iloc[0:0]).findings == ()


def _set(frame: pd.DataFrame, row: int, column: str, value) -> pd.DataFrame:
    changed = frame.copy()
    changed[column] = changed[column].astype(object)
    changed.at[row, column] = value
    return changed


PASSAGE_BREACHES = {
    "empty text": (lambda p: _set(p, 1, "text", ""),
                   "expect_column_values_to_match_regex", "text"),
    "blank text": (lambda p: _set(p, 2, "text", " \n\t"),
                   "expect_column_values_to_match_regex", "text"),
    "missing text": (lambda p: _set(p, 2, "text", None),
                     "expect_column_values_to_not_be_null", "text"),
    "duplicate passage_id": (lambda p: _set(p, 1, "passage_id", p.at[0, "passage_id"]),
                             "expect_column_values_to_be_unique", "passage_id"),
    "page -1": (lambda p: _set(p, 3, "page", -1), "expect_column_values_to_be_between", "page"),
    "negative paragraph_index": (lambda p: _set(p, 3, "paragraph_index", -1),
                                 "expect_column_values_to_be_between", "paragraph_index"),
    "language de": (lambda p: _set(p, 4, "language", "de"),
                    "expect_column_values_to_be_in_set", "language"),
    "missing document_id": (lambda p: _set(p, 0, "document_id", None),
                            "expect_column_values_to_not_be_null", "document_id"),
    "extra column": (lambda p: p.assign(score=0.5),
                     "expect_table_columns_to_match_set", None),
}


@pytest.mark.parametrize("breach", PASSAGE_BREACHES, ids=list(PASSAGE_BREACHES))
def test_a_passage_contract_breach_raises_naming_expectation_and_column(passages, breach):
    corrupt, expectation, column = PASSAGE_BREACHES[breach]

    with pytest.raises(DataContractError) as raised:
        validate_passages(corrupt(passages))

    error = raised.value
    assert (error.dataset, error.expectation, error.column) == ("passages", expectation, column)
    assert f"passages failed {expectation}" in str(error)
    if column:
        assert f"on column {column!r}" in str(error)
        assert f"of {len(passages)} rows" in str(error)


TAG_BREACHES = {
    "objective label 24": (lambda t: _set(t, 0, "label", "24"),
                           "expect_column_values_to_be_in_set", "label"),
    "unknown slug": (lambda t: _set(t, 3, "label", "open-borders"),
                     "expect_column_values_to_be_in_set", "label"),
    "score 1.2": (lambda t: _set(t, 1, "score", 1.2),
                  "expect_column_values_to_be_between", "score"),
    "negative score": (lambda t: _set(t, 1, "score", -0.1),
                       "expect_column_values_to_be_between", "score"),
    "unknown label_type": (lambda t: _set(t, 1, "label_type", "sdg"),
                           "expect_column_values_to_be_in_set", "label_type"),
    "missing passage_id": (lambda t: _set(t, 2, "passage_id", None),
                           "expect_column_values_to_not_be_null", "passage_id"),
    "tag for unknown passage": (lambda t: _set(t, 2, "passage_id", "ffffffffffffffff-0009"),
                                "expect_column_values_to_be_null", "passage_id"),
}


@pytest.mark.parametrize("breach", TAG_BREACHES, ids=list(TAG_BREACHES))
def test_a_tag_contract_breach_raises_naming_expectation_and_column(passages, tags, breach):
    corrupt, expectation, column = TAG_BREACHES[breach]

    with pytest.raises(DataContractError) as raised:
        validate_tags(corrupt(tags), passages)

    error = raised.value
    assert (error.dataset, error.expectation, error.column) == ("tags", expectation, column)
    assert f"tags failed {expectation} on column {column!r}" in str(error)


def test_an_unknown_passage_is_named_in_the_message(passages, tags):
    with pytest.raises(DataContractError, match="ffffffffffffffff-0009"):
        validate_tags(_set(tags, 2, "passage_id", "ffffffffffffffff-0009"), passages)


def test_a_principle_slug_on_an_objective_tag_breaks_the_objective_row_condition(passages, tags):
    # "human-rights" is a valid label overall, but not for a row whose label_type is objective.
    with pytest.raises(DataContractError) as raised:
        validate_tags(_set(tags, 0, "label", "human-rights"), passages)

    assert raised.value.expectation == "expect_column_values_to_be_in_set"
    assert len(raised.value.breaches) == 1
    assert "objective tags carry an objective number" in str(raised.value)
    assert "(1 of 6 rows" in str(raised.value)


def test_a_number_on_a_principle_tag_breaks_the_principle_row_condition(passages, tags):
    with pytest.raises(DataContractError, match="guiding-principle tags carry a .*slug"):
        validate_tags(_set(tags, 3, "label", "7"), passages)


DOCUMENT_BREACHES = {
    "duplicate document_id": (lambda d: _set(d, 1, "document_id", d.at[0, "document_id"]),
                              "expect_column_values_to_be_unique", "document_id"),
    "lower-case country": (lambda d: _set(d, 0, "country_iso3", "alb"),
                           "expect_column_values_to_match_regex", "country_iso3"),
    "two-letter country": (lambda d: _set(d, 0, "country_iso3", "AL"),
                           "expect_column_values_to_match_regex", "country_iso3"),
    "unknown document kind": (lambda d: _set(d, 1, "document_kind", "press-release"),
                              "expect_column_values_to_be_in_set", "document_kind"),
    "negative pages": (lambda d: _set(d, 1, "pages", -1),
                   "expect_column_values_to_be_between", "pages"),
    "missing column": (lambda d: d.drop(columns=["sha256"]),
                       "expect_table_columns_to_match_set", None),
}


@pytest.mark.parametrize("breach", DOCUMENT_BREACHES, ids=list(DOCUMENT_BREACHES))
def test_a_document_contract_breach_raises_naming_expectation_and_column(documents, breach):
    corrupt, expectation, column = DOCUMENT_BREACHES[breach]

    with pytest.raises(DataContractError) as raised:
        validate_documents(corrupt(documents))

    assert (raised.value.expectation, raised.value.column) == (expectation, column)


def test_every_broken_contract_is_reported_and_the_first_is_named(passages):
    corrupt = _set(_set(passages, 1, "text", ""), 3, "page", -1)

    with pytest.raises(DataContractError) as raised:
        validate_passages(corrupt)

    error = raised.value
    assert [(b.expectation, b.column) for b in error.breaches] == [
        ("expect_column_values_to_match_regex", "text"),
        ("expect_column_values_to_be_between", "page"),
    ]
    assert (error.expectation, error.column) == ("expect_column_values_to_match_regex", "text")
    assert "column 'text' (1 of 7 rows" in str(error) and "column 'page' (1 of 7 rows" in str(error)


def test_a_missing_column_is_reported_as_missing(passages):
    with pytest.raises(DataContractError) as raised:
        validate_passages(passages.drop(columns=["language"]))

    assert raised.value.expectation == "expect_table_columns_to_match_set"
    assert "missing ['language']" in str(raised.value)
    assert any("could not be evaluated" in b.message for b in raised.value.breaches)


def test_a_review_without_passages_is_a_finding_not_a_breach(documents):
    summary = validate_documents(_set(documents, 1, "passages", 0))

    assert summary.passed == summary.evaluated - 1
    [finding] = summary.findings
    assert (finding.expectation, finding.column) == ("expect_column_values_to_be_between",
                                                     "passages")
    assert "france-2022.docx" in finding.message
    json.dumps(asdict(finding))


def test_the_contract_error_survives_pickling(passages):
    with pytest.raises(DataContractError) as raised:
        validate_passages(_set(passages, 1, "text", ""))

    copy = pickle.loads(pickle.dumps(raised.value))

    assert str(copy) == str(raised.value)
    assert (copy.dataset, copy.expectation, copy.column) == ("passages",
                                                             raised.value.expectation, "text")


def test_validation_leaves_the_frames_untouched(passages, tags):
    before_passages, before_tags = passages.copy(), tags.copy()

    validate_passages(passages)
    validate_tags(tags, passages)

    pd.testing.assert_frame_equal(passages, before_passages)
    pd.testing.assert_frame_equal(tags, before_tags)


def test_the_context_is_built_once_in_memory_without_analytics():
    context = validation_context()

    assert validation_context() is context
    assert type(context).__name__ == "EphemeralDataContext"
    assert context.config.analytics_enabled is False
    assert os.environ.get("GX_ANALYTICS_ENABLED", "false").lower() == "false"


def test_importing_validation_loads_neither_prefect_nor_great_expectations():
    code = ("import sys, imrf_analysis.validation; "
            "print(sorted(m for m in ('prefect', 'great_expectations') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)

    assert out.stdout.strip() == "[]"
