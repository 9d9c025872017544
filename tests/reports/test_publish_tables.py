"""The tables are written by a process of their own while the reports are drawn."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from imrf_analysis.reporting.publish import publish_reports
from imrf_analysis.store.catalog import Catalog


def test_the_tables_written_beside_the_reports_read_back_as_the_compiled_tables(
        sample_datasets, sample_frames, tmp_path: Path) -> None:
    catalog = Catalog.under(sample_datasets.input_dir, tmp_path)
    frames = sample_frames
    publish_reports(catalog, frames, [], ["ECE"])
    folder = catalog.reports_dir / "2026"
    coverage = pd.read_csv(folder / "regional_coverage.csv", encoding="utf-8-sig")
    assert list(coverage["region"]) == list(frames["regional_coverage"]["region"])
    workbook = pd.ExcelFile(folder / "compilation.xlsx")
    assert "objective_totals" in workbook.sheet_names
    assert (folder / "synthesis-ECE.html").is_file()


def test_a_table_that_cannot_be_written_stops_the_stage_naming_the_file(
        sample_datasets, sample_frames, tmp_path: Path) -> None:
    catalog = Catalog.under(sample_datasets.input_dir, tmp_path)
    blocked = catalog.reports_dir / "2026" / "compilation.xlsx"
    blocked.mkdir(parents=True)  # a folder where the workbook should go
    with pytest.raises(OSError, match="compilation.xlsx"):
        publish_reports(catalog, sample_frames, [], ["ECE"])
