"""Data Docs: a static site with a page per validation run, contracts and warnings labelled."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from imrf_analysis.compilation.tables import compile_tables
from imrf_analysis.validation import (
    DataContractError,
    build_validation_docs,
    coverage_findings,
    validate_compiled_tables,
    validate_documents,
    validate_passages,
    validate_tags,
)
from imrf_analysis.validation.context import take_record


@pytest.fixture(autouse=True)
def fresh_record():
    """Start each test with no validation recorded by earlier tests in the process."""
    take_record()
    yield
    take_record()


def pages(site: Path) -> dict[str, str]:
    """Return the text of each validation page, by suite name (the folder under validations/)."""
    found = {}
    for page in sorted((site / "validations").rglob("*.html")):
        text = re.sub(r"<(script|style).*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        found[page.relative_to(site / "validations").parts[0]] = re.sub(r"\s+", " ", text)
    return found


def test_a_run_builds_an_index_and_a_page_per_validation_naming_expectations(
        tmp_path, documents, passages, tags):
    tables = compile_tables(documents, passages, tags)
    validate_documents(documents)
    validate_passages(passages)
    validate_tags(tags, passages)
    validate_compiled_tables(tables)
    coverage_findings(tables["objective_totals"], documents, passages, tags)

    index = build_validation_docs(tmp_path / "reports" / "validation")

    assert index == tmp_path / "reports" / "validation" / "index.html"
    found = pages(index.parent)
    assert sorted(found) == sorted([
        "documents", "passages", "tags", "review_findings", "submission_register",
        "regional_coverage",
        "objective_totals", "country_objective_matrix", "round_table_evidence",
        "principle_matrix", "stakeholder_consultation", "good_practice_register",
        "challenge_register", "region_coverage", "review_coverage", "tagged_share",
        "language_mix"])
    assert "expect_column_values_to_be_unique('passage_id')" in found["passages"]
    assert "expect_column_pair_values_a_to_be_greater_than_b" in found["objective_totals"]
    assert "expect_compound_columns_to_be_unique" in found["review_findings"]
    index_html = index.read_text(encoding="utf-8")
    for suite in found:
        assert f"validations/{suite}/" in index_html
    assert sorted(p.name for p in (index.parent / "expectations").glob("*.html")) != []


def test_coverage_gaps_show_as_failed_warnings_in_the_docs(tmp_path, documents, passages, tags):
    tables = compile_tables(documents, passages, tags)
    findings = coverage_findings(tables["objective_totals"], documents, passages, tags)

    found = pages(build_validation_docs(tmp_path / "validation").parent)

    assert findings  # the two fixture reviews leave most objectives untagged
    review_page = found["review_coverage"]
    assert "WARNING (a failure is reported; the run goes on)" in review_page
    assert "The review has no passage tagged with the objective" in review_page
    assert "albania-2022.pdf" in review_page
    assert "unexpected values found" in review_page


def test_a_contract_breach_that_stopped_the_run_is_in_the_docs(tmp_path, passages):
    broken = passages.copy()
    broken.loc[2, "page"] = -1
    with pytest.raises(DataContractError):
        validate_passages(broken)

    found = pages(build_validation_docs(tmp_path / "validation").parent)

    assert "CONTRACT (a failure stops the run): expect_column_values_to_be_between" in \
        found["passages"]
    assert "Pages are numbered from 1; 0 when the format has none" in found["passages"]
    assert "1 unexpected values found" in found["passages"]


def test_a_second_build_replaces_the_site_with_only_the_runs_since(tmp_path, documents,
                                                                   passages):
    docs_dir = tmp_path / "validation"
    validate_passages(passages)
    build_validation_docs(docs_dir)
    validate_documents(documents)

    build_validation_docs(docs_dir)

    assert list(pages(docs_dir)) == ["documents"]
    assert [p.name for p in tmp_path.iterdir()] == ["validation"]  # no staging folder left


def test_a_build_with_nothing_validated_writes_an_index_without_validation_pages(tmp_path):
    index = build_validation_docs(tmp_path / "validation")

    assert index.is_file()
    assert pages(index.parent) == {}


def test_a_file_where_the_docs_folder_should_be_is_a_clear_error(tmp_path, passages):
    occupied = tmp_path / "validation"
    occupied.write_text("not a folder")
    validate_passages(passages)

    with pytest.raises(NotADirectoryError, match="validation: the Data Docs folder is a file"):
        build_validation_docs(occupied)

    assert occupied.read_text() == "not a folder"
    assert [name for name, *_ in take_record()] != []  # kept for the next build


def test_building_the_docs_writes_only_under_the_folder_given(tmp_path, monkeypatch, passages):
    monkeypatch.chdir(tmp_path)
    validate_passages(pd.DataFrame(passages))

    build_validation_docs(tmp_path / "out" / "validation")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
