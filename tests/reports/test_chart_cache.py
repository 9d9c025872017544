"""Charts are kept between runs: an unchanged chart is read back, a changed one is redrawn."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from imrf_analysis.reporting import charts
from imrf_analysis.reporting.publish import publish_reports
from imrf_analysis.reporting.report import ChartCache
from imrf_analysis.store.catalog import Catalog


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """Names of the charts drawn (not read from the cache) while the test runs."""
    names: list[str] = []
    real = charts.render_chart

    def counting(fig, name, alt):  # noqa: ANN001, ANN202
        names.append(name)
        return real(fig, name, alt)

    monkeypatch.setattr(charts, "render_chart", counting)
    return names


def _chart_files(catalog: Catalog) -> dict[str, bytes]:
    folder = catalog.reports_dir / "2026" / "charts"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_rerun_on_the_same_tables_draws_no_chart_and_writes_the_same_files(
        sample_datasets, sample_frames, tmp_path: Path, drawn: list[str]) -> None:
    catalog = Catalog.under(sample_datasets.input_dir, tmp_path)
    frames = sample_frames
    publish_reports(catalog, frames, [], ["ECE"])
    first = _chart_files(catalog)
    assert drawn, "the first run draws its charts"
    drawn.clear()
    publish_reports(catalog, frames, [], ["ECE"])
    assert drawn == []
    assert _chart_files(catalog) == first


def test_only_the_charts_of_a_changed_region_are_drawn_again(
        sample_datasets, sample_frames, tmp_path: Path, drawn: list[str]) -> None:
    catalog = Catalog.under(sample_datasets.input_dir, tmp_path)
    frames = sample_frames
    publish_reports(catalog, frames, [], ["ECE", "ECA"])
    drawn.clear()
    totals = frames["objective_totals"]
    eca_first = totals.index[(totals["region"] == "ECA") & (totals["objective"] == 1)]
    totals.loc[eca_first, "reviews_reporting"] += 1
    publish_reports(catalog, frames, [], ["ECE", "ECA"])
    # ECA's ranked objectives and the chart comparing regions read objective totals of ECA.
    assert sorted(drawn) == ["objectives-ranked-ECA", "regions-compared"]


def test_a_change_no_chart_draws_redraws_nothing(
        sample_datasets, sample_frames, tmp_path: Path, drawn: list[str]) -> None:
    catalog = Catalog.under(sample_datasets.input_dir, tmp_path)
    frames = sample_frames
    publish_reports(catalog, frames, [], ["ECE", "ECA"])
    drawn.clear()
    # The reviews reporting progress are in the tables and the reports, not in any chart.
    frames["objective_totals"]["reviews_progress"] += 1
    publish_reports(catalog, frames, [], ["ECE", "ECA"])
    assert drawn == []


def test_charts_no_run_uses_any_more_are_removed_from_the_cache(
        sample_datasets, sample_frames, tmp_path: Path) -> None:
    catalog = Catalog.under(sample_datasets.input_dir, tmp_path)
    frames = sample_frames
    cache_dir = catalog.chart_cache_dir
    publish_reports(catalog, frames, [], ["ECE", "ECA"])
    both = {p.name for p in cache_dir.iterdir()}
    publish_reports(catalog, frames, [], ["ECE"])
    ece_only = {p.name for p in cache_dir.iterdir()}
    assert ece_only < both


def test_the_cache_key_follows_the_rows_and_the_language(sample_datasets) -> None:
    totals = sample_datasets.tables["objective_totals"]
    ece = totals[totals["region"] == "ECE"]
    assert ChartCache.key("ranked", ece, "en") == ChartCache.key("ranked", ece.copy(), "en")
    assert ChartCache.key("ranked", ece, "en") != ChartCache.key("ranked", ece, "fr")
    assert ChartCache.key("ranked", ece, "en") != ChartCache.key("ranked", ece.iloc[1:], "en")


def test_the_cache_key_does_not_depend_on_how_the_rows_are_chunked(sample_datasets) -> None:
    # In a run, string columns hold Arrow arrays in one chunk per review's shard, so adding a
    # review changes the chunks of every table, not the rows of the other regions' charts.
    totals = sample_datasets.tables["objective_totals"]
    ece = totals[totals["region"] == "ECE"].reset_index(drop=True)
    pieces = pd.concat([ece.iloc[:3], ece.iloc[3:]], ignore_index=True)
    chunks = [pa.Table.from_pandas(frame, preserve_index=False).column("short_name").num_chunks
              for frame in (ece, pieces)]
    assert chunks[0] != chunks[1]
    assert ChartCache.key("ranked", ece, "en") == ChartCache.key("ranked", pieces, "en")
