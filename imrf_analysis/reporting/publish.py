"""Write what a run produced: datasets to ``data/processed``, tables, charts and reports.

Layout under the reports folder, per cycle (``<cycle>/``): ``synthesis-<REGION>.html`` and
``.docx`` per region, ``round-table-RT1..RT4.html`` and ``.docx``, ``digest.html`` and ``.docx``,
``charts/<chart>.png`` and ``.svg``, ``<table>.csv`` and ``compilation.xlsx``, and
``review-sheet-<REGION>.xlsx`` per region, for analysts to verify and correct the findings.
A French or Spanish edition adds ``-fr`` or ``-es`` to each report and chart name.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

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
from imrf_analysis.runs.child_process import exit_when_orphaned
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


def draw_heat_maps(chart_dir: Path, frames: dict[str, pd.DataFrame],
                   only_regions: Sequence[str] = (), language: str = "en") -> list[str]:
    """Draw the coverage heat map of each region and cycle into the chart cache at ``chart_dir``.

    They are the slowest charts of the reports (one row per reviewing country). Drawn ahead,
    for instance by the export process while the other tables are compiled, they are then read
    back from the cache by ``publish_reports`` like any unchanged chart. ``frames`` needs
    ``documents`` and ``country_objective_matrix``; ``only_regions`` and ``language`` are those
    ``publish_reports`` is given.

    Returns:
        The cache keys of the heat maps, drawn now or found in the cache.
    """
    cache, labels = ChartCache(chart_dir), Labels(language)
    keys: list[str] = []
    for cycle in _cycles(frames["documents"]):
        book = ChartBook(ReportSources(frames, cycle, labels), cache)
        for region in _report_regions(frames["documents"], only_regions):
            book.coverage(region)
        keys += book.keys
    return keys


class Exporter:
    """A second process for the report stage: heat maps, workbooks and, when idle, Word reports.

    Started early, it imports its writers while the run is still collecting and compiling;
    ``draw_heat_maps`` then has it draw the slowest charts into the chart cache, and
    ``render_workbooks`` turn the compiled tables into workbook bytes, while the run
    validates. Nothing is written to the reports folder until ``publish_reports`` writes those
    bytes, so a contract breach found meanwhile leaves the previous tables in place. Use it as a
    context manager; on leaving, the process ends (after finishing the job it is on). It is
    started with ``spawn``, so a script using it must do so under ``if __name__ == "__main__":``.
    """

    def __init__(self) -> None:
        """Start the process; its initializer, being this module's, imports the writers."""
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                         initializer=_exporter_started)
        # A pool starts its process on the first job, not before: this one starts it now.
        self._jobs: list[Future[Any]] = [self._pool.submit(_exporter_ready)]
        self._workbooks: dict[str, Future[dict[str, bytes]]] = {}
        self._workbooks_from: dict[str, pd.DataFrame] = {}
        self._workbooks_language = ""
        self._heat_maps: Future[list[str]] | None = None

    def __enter__(self) -> Exporter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=kind is not None)

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run ``function(*args)`` in the process; ``wait`` raises its error, if any."""
        job = self._pool.submit(function, *args)
        self._jobs.append(job)
        return job

    @property
    def idle(self) -> bool:
        """Whether every job given so far is done."""
        return all(job.done() for job in self._jobs)

    def wait(self) -> None:
        """Wait for every job given since the last wait; raise the first error among them."""
        jobs, self._jobs = self._jobs, []
        for job in jobs:
            job.result()

    def draw_heat_maps(self, catalog: Catalog, frames: dict[str, pd.DataFrame],
                       only_regions: Sequence[str] = (), language: str = "en") -> None:
        """Start drawing the heat maps of ``publish_reports``' reports (see ``draw_heat_maps``).

        Only the tables the heat maps are drawn from are sent to the process.
        """
        needed = {name: frames[name] for name in ("documents", "country_objective_matrix")}
        self._heat_maps = self.submit(draw_heat_maps, _chart_dir(catalog), needed, only_regions,
                                      language)

    def heat_maps_drawn(self) -> None:
        """Wait until the heat maps started by ``draw_heat_maps`` (if any) are in the cache."""
        if self._heat_maps is not None:
            self._heat_maps.result()

    def render_workbooks(self, frames: dict[str, pd.DataFrame], language: str = "en") -> None:
        """Start rendering each cycle's workbook (see ``exports.render_workbook``) of ``frames``.

        ``frames`` are the run's datasets as ``publish_reports`` takes them; the passages, tags
        and documents are not exported. ``language`` is the edition's.
        """
        self._workbooks_from = {name: frames[name] for name in _exported(frames)}
        self._workbooks_language = language
        self._workbooks = {cycle: self.submit(render_workbook, _of_cycle(frames, cycle),
                                              language)
                           for cycle in _cycles(frames["documents"])}

    def rendered_workbooks(self, frames: dict[str, pd.DataFrame], language: str = "en"
                           ) -> dict[str, Future[dict[str, bytes]]]:
        """Return the rendering of each cycle's workbook of ``frames``, by cycle.

        The rendering started by ``render_workbooks`` is used when it was given these very
        frames and language; otherwise it is started now.
        """
        names = _exported(frames)
        if language != self._workbooks_language or set(names) != set(self._workbooks_from) or any(
                frames[name] is not self._workbooks_from[name] for name in names):
            self.render_workbooks(frames, language)
        return self._workbooks


def publish_reports(catalog: Catalog, frames: dict[str, pd.DataFrame],
                    findings: Sequence[Finding], only_regions: Sequence[str] = (),
                    language: str = "en", exporter: Exporter | None = None) -> list[Path]:
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
        exporter: The second process rendering the workbooks and Word reports, started earlier
            by the caller (see ``Exporter``); when None, one is started here.

    Charts are kept in ``data/processed/cache/charts`` between runs: a chart whose data (what
    it draws) and labels have not changed is read back, not drawn again; heat maps the
    exporter was asked to draw ahead (``Exporter.draw_heat_maps``) are waited for and read
    back the same way. The workbooks are rendered by the exporter while this process draws
    the other charts, writes the reports and renders the CSVs; once it is free, the exporter
    also writes the Word reports. An error there is raised here. The exporter
    is started with ``spawn``, so a script calling this must do so under
    ``if __name__ == "__main__":``, as for any ``multiprocessing`` code; notebooks need nothing.

    Returns:
        The HTML reports written, per cycle: syntheses, round-table packs, then the digest.
    """
    with contextlib.ExitStack() as stack:
        if exporter is None:
            exporter = stack.enter_context(Exporter())
        return _publish(catalog, frames, findings, only_regions, language, exporter)


def _publish(catalog: Catalog, frames: dict[str, pd.DataFrame], findings: Sequence[Finding],
             only_regions: Sequence[str], language: str, exporter: Exporter) -> list[Path]:
    workbooks = exporter.rendered_workbooks(frames, language)
    labels = Labels(language)
    documents = frames["documents"]
    chosen = _report_regions(documents, only_regions)
    passages = index_passages(frames["passages"])
    generated_at = generation_time().strftime("%Y-%m-%d %H:%M UTC")
    written: list[Path] = []
    # Heat maps being drawn ahead are read from the cache once there, not drawn a second time.
    exporter.heat_maps_drawn()
    cache = ChartCache(_chart_dir(catalog))
    sheets = ReviewSheets(frames["passages"], frames["tags"], passages)
    used: list[str] = []
    for cycle in _cycles(documents):
        folder = catalog.reports_dir / cycle
        docs_href = Path(os.path.relpath(catalog.validation_docs_dir / "index.html",
                                         folder)).as_posix()
        sources = ReportSources(frames, cycle, labels, findings, generated_at, docs_href)
        book = ChartBook(sources, cache)
        for report in iter_reports(sources, passages, chosen, book):
            if exporter.idle:
                exporter.submit(write_docx, report, folder, language)
            else:
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
    # The CSVs are rendered here, while the export process is still on the workbooks.
    for cycle, workbook in workbooks.items():
        folder = catalog.reports_dir / cycle
        write_rendered({**render_csvs(_of_cycle(frames, cycle)), **workbook.result()}, folder)
    exporter.wait()
    cache.keep_only(used)
    return written


def _exporter_started() -> None:
    """Set up the export process (its pool's initializer), this module being imported.

    The process ends by itself if the run is killed.
    """
    exit_when_orphaned()


def _exporter_ready() -> None:
    """Nothing: the first job, which makes the pool start its process at once."""


def _chart_dir(catalog: Catalog) -> Path:
    return catalog.cache_dir / "charts"


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


__all__ = ["Chart", "Exporter", "draw_heat_maps", "edition_name", "iter_reports",
           "publish_reports", "save_datasets", "save_findings", "write_docx", "write_html"]
