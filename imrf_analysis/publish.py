"""Write what a run produced: datasets to ``data/processed``, tables, charts and reports.

Layout under the reports folder, per cycle (``<cycle>/``): ``synthesis-<REGION>.html`` and
``.docx`` per region, ``round-table-RT1..RT4.html`` and ``.docx``, ``digest.html`` and ``.docx``,
``charts/<chart>.png`` and ``.svg``, ``<table>.csv`` and ``compilation.xlsx``. A French or
Spanish edition adds ``-fr`` or ``-es`` to each report and chart name.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pandas as pd

from imrf_analysis import gcm
from imrf_analysis.catalog import Catalog, write_bytes, write_json, write_text
from imrf_analysis.charts import Chart, save_chart
from imrf_analysis.compile import regions_present
from imrf_analysis.exports import write_tables
from imrf_analysis.ingest.collection import current_documents
from imrf_analysis.report import (
    ChartBook,
    ChartCache,
    Finding,
    Labels,
    Report,
    ReportSources,
    build_digest,
    build_round_table_pack,
    build_synthesis,
    index_passages,
    render_docx,
    render_html,
)
from imrf_analysis.schemas import DOCUMENTS, PASSAGES, QUARANTINE, TAGS

SCHEMAS = {"documents": DOCUMENTS, "passages": PASSAGES, "tags": TAGS, "quarantine": QUARANTINE}
# Datasets too large, or too raw, for the reader's tables; submission_register holds every
# document (with its regions, version and whether it is counted), so documents is left out.
NOT_EXPORTED = ("passages", "tags", "documents")


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


def edition_name(stem: str, language: str) -> str:
    """Return a report or chart file stem for ``language`` (English keeps the plain stem)."""
    return stem if language == "en" else f"{stem}-{language}"


def iter_reports(sources: ReportSources, passages: pd.DataFrame, regions: Sequence[str],
                 book: ChartBook) -> Iterator[Report]:
    """Build every report of one cycle, one at a time, each as soon as it is asked for.

    Yields:
        A synthesis per region, a pack per round table, then the digest; their charts are
        drawn once into ``book``.
    """
    for region in regions:
        yield build_synthesis(sources, passages, region, book)
    for round_table in gcm.ROUND_TABLES:
        yield build_round_table_pack(sources, passages, round_table, book)
    yield build_digest(sources, passages, book)


def write_docx(report: Report, folder: Path, language: str) -> Path:
    """Write ``report`` as ``<stem>.docx`` in ``folder``, atomically; return its path."""
    return write_bytes(render_docx(report),
                       folder / f"{edition_name(report.stem, language)}.docx")


def write_html(report: Report, folder: Path, labels: Labels) -> Path:
    """Write ``report`` as ``<stem>.html`` in ``folder``, atomically; return its path."""
    html = render_html(report, labels("contents"), labels("close"), labels("cite_context"))
    return write_text(html, folder / f"{edition_name(report.stem, labels.lang)}.html")


def publish_reports(catalog: Catalog, frames: dict[str, pd.DataFrame],
                    findings: Sequence[Finding], only_regions: Sequence[str] = (),
                    language: str = "en") -> list[Path]:
    """Write the tables (CSV, XLSX), the charts (PNG, SVG) and every report (HTML, DOCX).

    Args:
        catalog: Where the run writes.
        frames: The run's datasets by catalog name: documents, passages, tags, quarantine and
            the compiled tables.
        findings: Validation findings to show in the reports.
        only_regions: Regions to write a synthesis for; empty means every region with a
            review, and GLOBAL.
        language: ``"en"``, ``"fr"`` or ``"es"``: the language of headings, labels, objective
            titles and charts (excerpts stay in the language of the review).

    Charts are kept in ``data/processed/cache/charts`` between runs: a chart whose data (what
    it draws) and labels have not changed is read back, not drawn again. The tables and the
    Word reports are written by a second process (started with ``spawn``), so a script calling
    this must do so under ``if __name__ == "__main__":``, as for any ``multiprocessing`` code;
    notebooks need nothing.

    Returns:
        The HTML reports written, per cycle: syntheses, round-table packs, then the digest.
    """
    labels = Labels(language)
    documents = frames["documents"]
    chosen = list(only_regions) or regions_present(current_documents(documents))
    passages = index_passages(frames["passages"])
    generated_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    written: list[Path] = []
    cache = ChartCache(catalog.processed_dir / "cache" / "charts")
    used: list[str] = []
    cycles = sorted(str(c) for c in documents["cycle"].unique())
    # A second process writes the tables (CSV and the workbook) while this one draws the charts
    # and writes the reports; once it is free, it also writes the Word reports. An error there
    # is raised here. Its initializer, being this module's, has it import the Word writer as it
    # starts rather than when a late report reaches it.
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                             initializer=_exporter_ready) as exporter:
        exports: list[Future[Any]] = [
            exporter.submit(write_tables, _of_cycle(frames, cycle), catalog.reports_dir / cycle)
            for cycle in cycles]
        for cycle in cycles:
            folder = catalog.reports_dir / cycle
            docs_href = Path(os.path.relpath(catalog.validation_docs_dir / "index.html",
                                             folder)).as_posix()
            sources = ReportSources(frames, cycle, labels, findings, generated_at, docs_href)
            book = ChartBook(sources, cache)
            for report in iter_reports(sources, passages, chosen, book):
                if all(job.done() for job in exports):  # the other process is free
                    exports.append(exporter.submit(write_docx, report, folder, language))
                else:
                    write_docx(report, folder, language)
                written.append(write_html(report, folder, labels))
            used += book.keys
            for chart in book.drawn:
                save_chart(dataclasses.replace(chart, name=edition_name(chart.name, language))
                           if language != "en" else chart, folder / "charts")
        for exported in exports:
            exported.result()
    cache.keep_only(used)
    return written


def _exporter_ready() -> None:
    """Nothing: being this module's, it makes the export process import it as it starts."""


def _of_cycle(frames: dict[str, pd.DataFrame], cycle: str) -> dict[str, pd.DataFrame]:
    return {name: frame[frame["cycle"] == cycle] if "cycle" in frame.columns else frame
            for name, frame in frames.items() if name not in NOT_EXPORTED}


__all__ = ["Chart", "edition_name", "iter_reports", "publish_reports", "save_datasets",
           "save_findings", "write_docx", "write_html"]
