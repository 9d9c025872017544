"""Suites run as real GX checkpoints; compiled tables and the register have suites of their own."""

from __future__ import annotations

import pandas as pd
import pytest

from imrf_analysis.compilation.tables import compile_tables
from imrf_analysis.store.schemas import TAGS
from imrf_analysis.validation import (
    DataContractError,
    validate_compiled_tables,
    validate_passages,
    validate_register,
    validate_tags,
)
from imrf_analysis.validation.context import validation_context

# Appended to each passage, so that each reads as a body paragraph reporting progress and every
# compiled table has rows to corrupt.
REPORTING = ("The measure was adopted by the Government after wide consultations and has been "
             "carried out across the country since then, with results published every year.")


@pytest.fixture
def tables(documents, passages, tags, rows) -> dict[str, pd.DataFrame]:
    reporting = passages.assign(text=passages["text"] + " " + REPORTING)
    progress = rows.frame([rows.tag(pid, "progress", "content_type", 0.9)
                           for pid in passages["passage_id"]], TAGS)
    return compile_tables(documents, reporting, pd.concat([tags, progress], ignore_index=True))


@pytest.fixture
def register() -> pd.DataFrame:
    rows = [
        ("albania-2022.pdf", "ALB", "2022", "national-review", "en", "2021-11-30"),
        ("france-2022.docx", "FRA", "2022", "national-review", "fr", "2021-12-01"),
        ("csos-albania.pdf", "ALB", "2022", "stakeholder-contribution", "en", "2021-12-02"),
    ]
    columns = ["file", "country_iso3", "cycle", "document_kind", "language", "date"]
    return pd.DataFrame(rows, columns=columns, dtype=str)


def _set(frame: pd.DataFrame, row: int, column: str, value) -> pd.DataFrame:
    changed = frame.copy()
    changed[column] = changed[column].astype(object)
    changed.at[row, column] = value
    return changed


def test_a_stage_suite_runs_as_the_checkpoint_of_its_name(passages):
    validate_passages(passages)

    checkpoint = validation_context().checkpoints.get("passages")
    assert [d.name for d in checkpoint.validation_definitions] == ["passages"]
    assert checkpoint.result_format["unexpected_index_column_names"] == ["passage_id"]


def test_a_frame_lacking_its_key_columns_runs_on_a_checkpoint_keyed_by_no_column(passages, tags):
    with pytest.raises(DataContractError):
        validate_tags(tags.drop(columns=["passage_id"]), passages)

    checkpoint = validation_context().checkpoints.get("tags[]")
    assert "unexpected_index_column_names" not in checkpoint.result_format


def test_contracts_are_critical_and_findings_warnings_in_the_gx_suites(documents, passages,
                                                                       tags, tables):
    from imrf_analysis.validation import coverage_findings

    coverage_findings(tables["objective_totals"], documents, passages, tags)

    suites = validation_context().suites
    assert {e.severity.value for e in suites.get("passages").expectations} == {"critical"}
    assert {e.severity.value for e in suites.get("tagged_share").expectations} == {"warning"}
    [gap] = suites.get("region_coverage").expectations
    assert gap.description.startswith("WARNING (a failure is reported; the run goes on): "
                                      "expect_column_values_to_be_between('reviews_reporting'")


def test_tables_compiled_from_valid_data_pass_every_table_contract(tables):
    summary = validate_compiled_tables(tables)

    assert summary.dataset == "compiled_tables"
    assert summary.evaluated == summary.passed >= 50
    assert summary.findings == ()


TABLE_BREACHES = {
    "objective 24": ("objective_totals", lambda t: _set(t, 0, "objective", 24),
                     "expect_column_values_to_be_between", "objective"),
    "more reporting than reviews": ("objective_totals",
                                    lambda t: _set(t, 2, "reviews_reporting", 3),
                                    "expect_column_pair_values_a_to_be_greater_than_b",
                                    "reviews_reporting"),
    "label without 'reviews'": ("objective_totals", lambda t: _set(t, 1, "label", "1 of 2"),
                                "expect_column_values_to_match_regex", "label"),
    "negative passages": ("country_objective_matrix", lambda t: _set(t, 0, "passages", -1),
                          "expect_column_values_to_be_between", "passages"),
    "more reviews than submitted": ("country_objective_matrix",
                                    lambda t: _set(t, 5, "reviews", 2),
                                    "expect_column_pair_values_a_to_be_greater_than_b",
                                    "reviews"),
    "page -1": ("round_table_evidence", lambda t: _set(t, 0, "page", -1),
               "expect_column_values_to_be_between", "page"),
    "score 1.5": ("round_table_evidence", lambda t: _set(t, 1, "score", 1.5),
                  "expect_column_values_to_be_between", "score"),
    "rank 0": ("round_table_evidence", lambda t: _set(t, 0, "rank", 0),
               "expect_column_values_to_be_between", "rank"),
    "unknown level": ("country_objective_matrix", lambda t: _set(t, 0, "level", "high"),
                      "expect_column_values_to_be_in_set", "level"),
    "more progress than reporting": ("objective_totals",
                                     lambda t: _set(t, 0, "reviews_progress", 9),
                                     "expect_column_pair_values_a_to_be_greater_than_b",
                                     "reviews_progress"),
    "unknown category": ("round_table_evidence", lambda t: _set(t, 0, "category", "trivia"),
                         "expect_column_values_to_be_in_set", "category"),
    "document listed twice": ("submission_register",
                              lambda t: _set(t, 1, "document_id", t.at[0, "document_id"]),
                              "expect_column_values_to_be_unique", "document_id"),
    "progress on an objective not reported": (
        "review_findings",
        lambda t: _set(_set(t, 0, "reported", False), 0, "progress", True),
        "expect_column_pair_values_a_to_be_greater_than_b", "progress"),
    "share above 1": ("regional_coverage", lambda t: _set(t, 0, "share_of_members", 1.5),
                      "expect_column_values_to_be_between", "share_of_members"),
    "unknown stakeholder": ("stakeholder_consultation",
                            lambda t: _set(t, 0, "stakeholder_group", "aliens"),
                            "expect_column_values_to_be_in_set", "stakeholder_group"),
}


@pytest.mark.parametrize("breach", TABLE_BREACHES, ids=list(TABLE_BREACHES))
def test_a_compiled_table_breach_raises_naming_table_expectation_and_column(tables, breach):
    table, corrupt, expectation, column = TABLE_BREACHES[breach]
    corrupted = {**tables, table: corrupt(tables[table])}

    with pytest.raises(DataContractError) as raised:
        validate_compiled_tables(corrupted)

    error = raised.value
    assert (error.dataset, error.expectation, error.column) == (table, expectation, column)
    assert f"{table} failed {expectation} on column {column!r}" in str(error)
    assert len(error.breaches) == 1


def test_breaches_in_several_compiled_tables_are_listed_together(tables):
    corrupted = {**tables,
                 "objective_totals": _set(tables["objective_totals"], 0, "objective", 0),
                 "round_table_evidence": _set(tables["round_table_evidence"], 0, "rank", 0)}

    with pytest.raises(DataContractError) as raised:
        validate_compiled_tables(corrupted)

    assert [b.dataset for b in raised.value.breaches] == ["objective_totals",
                                                          "round_table_evidence"]


def test_an_excerpt_without_its_document_breaks_the_register_contract(tables, rows):
    register = pd.concat([tables["challenge_register"], pd.DataFrame([{
        "region": "ECE", "cycle": "2022", "category": "gap-or-challenge", "support_needs": [],
        "objectives": [6], "country_iso3": "ALB", "country_name": "Alb", "document_id": None,
        "document_kind": "national-review", "file": "albania-2022.pdf", "page": 2,
        "passage_id": "a1b2c3d4e5f60718-0002", "score": 0.6, "excerpt": "x", "text": "x"}])],
        ignore_index=True)

    with pytest.raises(DataContractError) as raised:
        validate_compiled_tables({**tables, "challenge_register": register})

    assert (raised.value.dataset, raised.value.column) == ("challenge_register", "document_id")


def test_a_region_with_only_stakeholder_contributions_is_a_finding_not_a_breach(
        documents, passages, tags):
    contributions = documents.assign(document_kind="stakeholder-contribution")
    tables = compile_tables(contributions, passages, tags)

    summary = validate_compiled_tables(tables)

    [finding] = summary.findings
    assert (finding.dataset, finding.column) == ("regional_coverage", "reviews_submitted")
    assert "no national review" in finding.message


def test_a_missing_compiled_table_is_named(tables):
    with pytest.raises(KeyError, match="round_table_evidence"):
        validate_compiled_tables({k: v for k, v in tables.items()
                                  if k != "round_table_evidence"})


def test_a_clean_register_passes_with_no_finding(register):
    summary = validate_register(register)

    assert summary.dataset == "register"
    assert summary.evaluated == summary.passed >= 6
    assert summary.findings == ()


def test_bad_register_rows_are_findings_naming_the_file_not_breaches(register):
    bad = _set(_set(_set(register, 1, "country_iso3", "fr"), 2, "document_kind", "ngo-letter"),
               0, "language", "de")
    bad = pd.concat([bad, register.iloc[[1]]], ignore_index=True)

    findings = validate_register(bad).findings

    assert [(f.expectation, f.column) for f in findings] == [
        ("expect_column_values_to_be_unique", "file"),
        ("expect_column_values_to_match_regex", "country_iso3"),
        ("expect_column_values_to_be_in_set", "document_kind"),
        ("expect_column_values_to_be_in_set", "language"),
    ]
    assert "france-2022.docx" in findings[1].message
    assert "the file is quarantined" in findings[1].message


def test_a_register_without_a_column_breaks_its_contract(register):
    with pytest.raises(DataContractError, match=r"register failed .*missing \['language'\]"):
        validate_register(register.drop(columns=["language"]))
