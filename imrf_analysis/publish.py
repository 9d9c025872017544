"""Write what a run produced: datasets to ``data/processed``, tables, charts and reports.

Layout under the reports folder, per cycle: ``<cycle>/report-<REGION>.html`` (one per region),
``<cycle>/charts/*.png``, ``<cycle>/<table>.csv`` and ``<cycle>/compilation.xlsx``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from imrf_analysis import regions
from imrf_analysis.catalog import Catalog, write_bytes, write_json
from imrf_analysis.compile import GLOBAL, regions_present
from imrf_analysis.exports import write_tables
from imrf_analysis.report import (
    CompilationTables,
    Finding,
    render_region_charts,
    render_region_report,
    write_region_report,
)
from imrf_analysis.schemas import DOCUMENTS, PASSAGES, QUARANTINE, TAGS

SCHEMAS = {"documents": DOCUMENTS, "passages": PASSAGES, "tags": TAGS, "quarantine": QUARANTINE}


def save_datasets(catalog: Catalog, frames: dict[str, pd.DataFrame]) -> list[Path]:
    """Write each frame as its catalog dataset (Parquet), with its schema where one is fixed.

    Returns:
        The paths written, each atomically.
    """
    return [catalog.save(name, frame, SCHEMAS.get(name)) for name, frame in frames.items()]


def save_findings(catalog: Catalog, findings: Sequence[Finding]) -> Path:
    """Write the validation findings of a run as JSON beside the datasets."""
    rows = [dataclasses.asdict(f) if dataclasses.is_dataclass(f) else vars(f) for f in findings]
    return write_json(rows, catalog.path("findings"))


def region_name(code: str) -> str:
    """Return the full name of a commission, or "All regions" for GLOBAL."""
    return "All regions" if code == GLOBAL else regions.COMMISSIONS[code].name


def publish_reports(catalog: Catalog, frames: dict[str, pd.DataFrame],
                    findings: Sequence[Finding], only_regions: Sequence[str] = ()) -> list[Path]:
    """Write the CSV/XLSX tables, the charts and one HTML report per region and cycle.

    Args:
        catalog: Where the run writes.
        frames: The run's datasets by catalog name (documents, quarantine and compiled tables).
        findings: Validation findings to show in the reports.
        only_regions: Regions to report on; empty means every region with a review, and GLOBAL.

    Returns:
        The HTML reports written, one per region and cycle.
    """
    tables = CompilationTables(**{f.name: frames[f.name]
                                  for f in dataclasses.fields(CompilationTables)})
    documents = tables.documents
    chosen = list(only_regions) or regions_present(documents)
    generated_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    reports: list[Path] = []
    for cycle in sorted(documents["cycle"].unique()):
        folder = catalog.reports_dir / str(cycle)
        docs_href = Path(os.path.relpath(catalog.validation_docs_dir / "index.html",
                                         folder)).as_posix()
        write_tables(_of_cycle(tables.as_dict(), cycle), folder)
        for region in chosen:
            drawn = render_region_charts(region, str(cycle), tables)
            for chart in drawn:
                write_bytes(chart.png, folder / "charts" / f"{chart.name}.png")
            html = render_region_report(region, str(cycle), tables, findings, generated_at,
                                        region_name=region_name(region), region_charts=drawn,
                                        validation_docs_href=docs_href)
            reports.append(write_region_report(html, folder / f"report-{region}.html"))
    return reports


def _of_cycle(tables: dict[str, pd.DataFrame], cycle: str) -> dict[str, pd.DataFrame]:
    return {name: frame[frame["cycle"] == cycle] if "cycle" in frame.columns else frame
            for name, frame in tables.items()}
