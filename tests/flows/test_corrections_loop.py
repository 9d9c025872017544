"""The analyst's loop on real runs: a run writes review sheets; decisions saved into
``data/corrections/`` change exactly the findings they decide, in the tables and the reports,
and keep doing so on later runs and on a new version of the review; ``imrf train`` learns from
them."""

import csv
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from imrf_analysis.samples import SAMPLE_REVIEWS

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _compile(input_dir, output_dir):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    return regional_compilation(RunSettings(input_dir=input_dir, output_dir=output_dir))


def _decide(sheet_path, decisions: dict[int, str], target):
    """Save the review sheet with ``decisions`` (sheet row index -> decision), as Excel would."""
    book = openpyxl.load_workbook(sheet_path)
    sheet = book["review"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("analyst_decision") + 1
    for index, value in decisions.items():
        sheet.cell(row=index + 2, column=column, value=value)
    book.save(target)


def _totals(output):
    totals = pd.read_parquet(output / "data" / "processed" / "objective_totals.parquet")
    return totals.set_index(["region", "objective"])[["reviews_reporting", "reviews_progress",
                                                       "reviews_verified"]]


def test_decisions_change_exactly_their_counts_and_survive_reruns_and_new_versions(
        sample_run, tmp_path):
    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    output = tmp_path / "out"
    _compile(input_dir, output)
    before = _totals(output)
    sheet_path = output / "reports" / "2026" / "review-sheet-ECA.xlsx"
    sheet = pd.read_excel(sheet_path, dtype={"key": str})
    # Every finding of the region's reviews that reports or names an objective, least certain
    # first, each with its passage and citation.
    assert sheet["finding"].iloc[0].startswith("reports")
    assert sheet["citation"].str.match(r"^(p\. \d+|§ .+)$").all()
    pdfs = sheet[sheet["file"].str.endswith(".pdf")]
    rejected = pdfs[pdfs["finding"].str.startswith("reports")].iloc[0]
    added = pdfs[(pdfs["finding"] == "mentioned only")
                 & (pdfs["country_iso3"] != rejected["country_iso3"])
                 & (pdfs["objective"] != rejected["objective"])].iloc[0]

    corrections = output / "data" / "corrections"
    corrections.mkdir(parents=True)
    _decide(sheet_path, {int(rejected.name): "reject", int(added.name): "add progress"},
            corrections / "review-sheet-ECA-checked.xlsx")
    # And a decision on a passage no review holds any more.
    stale = added.to_frame().T.assign(key="0000000000000000", analyst_decision="confirm")
    stale.to_csv(corrections / "older-decisions.csv", index=False)
    _compile(input_dir, output)
    after = _totals(output)

    changed = (before != after).any(axis=1)
    rejected_regions = _regions_of(output, rejected["country_iso3"])
    added_regions = _regions_of(output, added["country_iso3"])
    expected = ({(r, int(rejected["objective"])) for r in rejected_regions}
                | {(r, int(added["objective"])) for r in added_regions})
    assert set(after.index[changed]) == expected
    for region in rejected_regions:
        key = (region, int(rejected["objective"]))
        assert after.loc[key, "reviews_reporting"] == before.loc[key, "reviews_reporting"] - 1
    for region in added_regions:
        key = (region, int(added["objective"]))
        assert after.loc[key, "reviews_reporting"] == before.loc[key, "reviews_reporting"] + 1
        assert after.loc[key, "reviews_progress"] == before.loc[key, "reviews_progress"] + 1
        assert after.loc[key, "reviews_verified"] == 1
    synthesis = (output / "reports" / "2026" / "synthesis-ECA.html").read_text(encoding="utf-8")
    assert "2 findings of these reviews were decided by an analyst" in synthesis
    digest = (output / "reports" / "2026" / "digest.html").read_text(encoding="utf-8")
    assert "objective figures for all regions rest only on findings an analyst verified" in (
        digest)
    assert "Verified by an analyst: 1 of these" in synthesis
    assert "One decision of an analyst no longer matches a passage" in synthesis
    log = pd.read_parquet(output / "data" / "processed" / "analyst_decisions.parquet")
    assert sorted(log["status"]) == ["applied", "applied", "no longer matches"]

    # A new version of both reviews: read and tagged again, the same passages, the same
    # decisions applied.
    for iso3 in {rejected["country_iso3"], added["country_iso3"]}:
        _submit_new_version(input_dir, iso3)
    _compile(input_dir, output)
    pd.testing.assert_frame_equal(_totals(output), after)
    log = pd.read_parquet(output / "data" / "processed" / "analyst_decisions.parquet")
    assert sorted(log["status"]) == ["applied", "applied", "no longer matches"]
    findings = pd.read_parquet(output / "data" / "processed" / "review_findings.parquet")
    new_versions = set(findings.loc[findings["file"].str.endswith("-v2.pdf"), "document_id"])
    assert len(new_versions) == 2
    assert set(log.loc[log["status"] == "applied", "document_id"]) == new_versions

    # The decisions are labelled passages for the objective models.
    from pipelines.cli import app

    trained = CliRunner().invoke(app, ["train", "--corrections", str(corrections),
                                       "-o", str(tmp_path / "model"), "--epochs", "1",
                                       "--folds", "0", "--passages", str(
                                           output / "data" / "processed" / "passages.parquet")])
    assert trained.exit_code == 0, trained.output
    # The added finding labels its passage; a rejection says only what it is not about.
    assert "'correction': 1" in trained.output


def _regions_of(output, iso3) -> set[str]:
    register = pd.read_parquet(output / "data" / "processed" / "submission_register.parquet")
    commissions = register.loc[register["country_iso3"] == iso3, "commissions"].iloc[0]
    return {*commissions, "GLOBAL"}


def _submit_new_version(input_dir, iso3: str) -> None:
    """Add a later version of sample country ``iso3``'s PDF review to the register.

    The same pages saved again (a comment appended after the end of the file): other bytes,
    the same text, read and tagged anew.
    """
    original = next(s for s in SAMPLE_REVIEWS if s.country_iso3 == iso3)
    again = original.file.replace(".pdf", "-v2.pdf")
    (input_dir / again).write_bytes((input_dir / original.file).read_bytes() + b"\n% saved again\n")
    with (input_dir / "register.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow([again, iso3, "2026", "national-review", original.language,
                                     "2026-03-01"])
