"""Write what a run produced: datasets to ``data/processed``, tables, charts and reports.

Layout under the reports folder, per cycle (``<cycle>/``): ``synthesis-<REGION>.html`` and
``.docx`` per region, ``round-table-RT1..RT4.html`` and ``.docx``, ``digest.html`` and ``.docx``,
``charts/<chart>.png`` and ``.svg``, ``<table>.csv`` and ``compilation.xlsx``, and
``review-sheet-<REGION>.xlsx`` per region, for analysts to verify and correct the findings.
A French or Spanish edition adds ``-fr`` or ``-es`` to each report and chart name.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from imrf_analysis.compilation.tables import regions_present
from imrf_analysis.ingest.collection import current_documents
from imrf_analysis.ingest.register import inferred_register
from imrf_analysis.reference import gcm
from imrf_analysis.reporting.charts import Chart, save_chart
from imrf_analysis.reporting.exports import render_csvs, render_workbook, write_rendered
from imrf_analysis.reporting.report import (
    ChartBook,
    ChartCache,
    Finding,
    Labels,
    PassageIndex,
    Report,
    ReportSources,
    build_digest,
    build_round_table_pack,
    build_synthesis,
    index_passages,
    render_docx,
    render_html,
)
from imrf_analysis.reporting.report.review_sheet import ReviewSheets, render_review_sheet
from imrf_analysis.reporting.report.sources import sheet_file_name
from imrf_analysis.store.catalog import Catalog, write_bytes, write_json, write_text
from imrf_analysis.store.schemas import DOCUMENTS, PASSAGES, QUARANTINE, TAGS

SCHEMAS = {"documents": DOCUMENTS, "passages": PASSAGES, "tags": TAGS, "quarantine": QUARANTINE}
# Datasets too large, or too raw, for the reader's tables; submission_register holds every
# document (with its regions, version and whether it is counted), so documents is left out.
NOT_EXPORTED = ("passages", "tags", "documents", "analyst_decisions")


def save_datasets(catalog: Catalog, frames: dict[str, pd.DataFrame]) -> list[Path]:
    """Write each frame as its catalog dataset (Parquet), with its schema where one is fixed.

    Returns:
        The paths written, each atomically.
    """
    return [catalog.save(name, frame, SCHEMAS.get(name)) for name, frame in frames.items()]


def save_inferred_register(catalog: Catalog, documents: pd.DataFrame,
                           quarantine: pd.DataFrame) -> Path | None:
    """Write ``register.inferred.csv`` beside the datasets when the run found any register row.

    It is the rows of the files the register does not list, with how each was found
    (``ingest.inferred_register``): checked, and saved as ``register.csv``, they are used.
    """
    rows = inferred_register(documents, quarantine)
    if rows.empty:
        return None
    return write_bytes(rows.to_csv(index=False).encode("utf-8"), catalog.path("inferred_register"))


def save_findings(catalog: Catalog, findings: Sequence[Finding]) -> Path:
    """Write the validation findings of a run as JSON beside the datasets."""
    rows = [dataclasses.asdict(f) if dataclasses.is_dataclass(f) else vars(f) for f in findings]
    return write_json(rows, catalog.path("findings"))


def generation_time() -> datetime:
    """Return the time the reports say they were generated: now, in UTC.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention) sets it
    instead: the same inputs then give the same bytes, which a test of the whole sample checks.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def edition_name(stem: str, language: str) -> str:
    """Return a report or chart file stem for ``language`` (English keeps the plain stem)."""
    return stem if language == "en" else f"{stem}-{language}"


def iter_reports(sources: ReportSources, passages: PassageIndex, regions: Sequence[str],
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

    Charts are kept in the catalog's chart cache (``data/cache/charts``) between runs: a chart
    whose data (what it draws) and labels have not changed is read back, not drawn again.

    Returns:
        The HTML reports written, per cycle: syntheses, round-table packs, then the digest.
    """
    labels = Labels(language)
    documents = frames["documents"]
    chosen = _report_regions(documents, only_regions)
    passages = index_passages(frames["passages"])
    generated_at = generation_time().strftime("%Y-%m-%d %H:%M UTC")
    written: list[Path] = []
    cache = ChartCache(catalog.chart_cache_dir)
    sheets = ReviewSheets(frames["passages"], frames["tags"], passages)
    used: list[str] = []
    for cycle in _cycles(documents):
        folder = catalog.reports_dir / cycle
        docs_href = Path(os.path.relpath(catalog.validation_docs_dir / "index.html",
                                         folder)).as_posix()
        sources = ReportSources(frames, cycle, labels, findings, generated_at, docs_href)
        book = ChartBook(sources, cache)
        for report in iter_reports(sources, passages, chosen, book):
            write_docx(report, folder, language)
            written.append(write_html(report, folder, labels))
        of_cycle = _of_cycle(frames, cycle)
        for region in chosen:
            sheet = sheets.frame(of_cycle["review_findings"], of_cycle["submission_register"],
                                 region, labels)
            write_bytes(render_review_sheet(sheet), folder / sheet_file_name(region, language))
        used += book.keys
        for chart in book.drawn:
            save_chart(dataclasses.replace(chart, name=edition_name(chart.name, language))
                       if language != "en" else chart, folder / "charts")
        write_rendered({**render_csvs(of_cycle), **render_workbook(of_cycle, language)}, folder)
    cache.keep_only(used)
    return written


def _report_regions(documents: pd.DataFrame, only_regions: Sequence[str]) -> list[str]:
    return list(only_regions) or regions_present(current_documents(documents))


def _exported(frames: dict[str, pd.DataFrame]) -> list[str]:
    return [name for name in frames if name not in NOT_EXPORTED]


def _cycles(documents: pd.DataFrame) -> list[str]:
    return sorted(str(cycle) for cycle in documents["cycle"].unique())


def _of_cycle(frames: dict[str, pd.DataFrame], cycle: str) -> dict[str, pd.DataFrame]:
    of_cycle = {}
    for name in _exported(frames):
        frame = frames[name]
        of_cycle[name] = frame[frame["cycle"] == cycle] if "cycle" in frame.columns else frame
    return of_cycle


__all__ = ["Chart", "edition_name", "iter_reports", "publish_reports", "save_datasets",
           "save_findings", "write_docx", "write_html"]
