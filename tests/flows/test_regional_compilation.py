"""The real flow, on the bundled sample, under Prefect's test harness: files it writes."""

import json

import pandas as pd
import pytest

from imrf_analysis.compilation.tables import REGIONS

pytestmark = pytest.mark.slow


def _load(out, name):
    return pd.read_parquet(out / "data" / "processed" / f"{name}.parquet")


def test_writes_every_dataset_and_accounts_for_every_input_file(sample_run):
    out, _ = sample_run
    manifest = json.loads((out / "data" / "processed" / "run_manifest.json").read_text())
    assert len(manifest["processed"]) >= 12
    assert len(manifest["processed"]) + len(manifest["quarantined"]) == manifest["input_files"]
    passages = _load(out, "passages")
    assert passages["passage_id"].is_unique
    assert (passages["page"] >= 1).all()
    assert set(passages["language"]) >= {"en", "fr", "es"}


def test_matrix_has_all_23_objectives_for_each_region(sample_run):
    out, _ = sample_run
    totals = _load(out, "objective_totals")
    for region in set(totals["region"]):
        assert sorted(totals.loc[totals["region"] == region, "objective"]) == list(range(1, 24))
    assert set(totals["region"]) == set(REGIONS)


def test_quarantined_files_are_listed_with_reasons(sample_run):
    out, reports = sample_run
    quarantine = _load(out, "quarantine")
    assert len(quarantine) >= 1
    assert quarantine["reason"].str.len().min() > 0
    html = next(p for p in reports if p.name == "synthesis-GLOBAL.html").read_text()
    for file in quarantine["file"]:
        assert file in html


def test_each_region_report_cites_real_pages_of_the_sample(sample_run):
    out, reports = sample_run
    evidence = _load(out, "round_table_evidence")
    passages = _load(out, "passages").set_index("passage_id")
    syntheses = [p for p in reports if p.name.startswith("synthesis-")]
    assert len(syntheses) == len(REGIONS)
    for report in syntheses:
        region = report.stem.removeprefix("synthesis-")
        cited = evidence[evidence["region"] == region]
        assert not cited.empty, region
        html = report.read_text()
        for row in cited.head(5).itertuples():
            assert passages.loc[row.passage_id, "page"] == row.page
            assert row.file in html


def test_writes_csv_tables_a_workbook_and_charts(sample_run):
    out, _ = sample_run
    cycle_dirs = [p for p in (out / "reports").iterdir() if p.is_dir()]
    assert cycle_dirs
    folder = cycle_dirs[0]
    assert (folder / "compilation.xlsx").stat().st_size > 0
    assert (folder / "country_objective_matrix.csv").exists()
    pngs = list((folder / "charts").glob("*.png"))
    assert any(p.name.startswith("coverage-") for p in pngs)
    assert (folder / "charts" / "guiding-principles-by-region.png").exists()
