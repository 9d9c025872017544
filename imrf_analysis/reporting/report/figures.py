"""The charts of a cycle's reports, each drawn once and shared by every report that shows it.

Drawing is most of a report stage's time, so a chart can also be kept across runs: with a
``ChartCache``, a chart whose data, labels and code are unchanged since an earlier run is read
back from the cache instead of drawn again. The data is what the chart draws (the small frame
that ``charts.coverage_grid``, ``charts.ranked_objectives`` and the like compute from a
compiled table), not the table's rows: a new review redraws only the charts whose bars, cells
or counts it changes.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
from matplotlib.figure import Figure as MplFigure

from imrf_analysis.reporting import charts
from imrf_analysis.reporting.report.labels import Labels
from imrf_analysis.reporting.report.model import Figure
from imrf_analysis.reporting.report.sources import ReportSources
from imrf_analysis.store.catalog import write_bytes
from imrf_analysis.store.fingerprint import package_fingerprint

Draw = Callable[[Any], MplFigure]


class ChartCache:
    """Charts rendered by earlier runs, stored as ``<key>.png`` and ``<key>.svg`` in a folder.

    The key of a chart hashes its name, the data it draws (see ``ChartBook``), its labels'
    language and the package's code, so a cached chart is exactly the chart that would be drawn
    now.
    """

    def __init__(self, folder: Path) -> None:
        """Use ``folder`` (created when the first chart is stored)."""
        self.folder = Path(folder)

    @staticmethod
    def key(name: str, data: object, *extra: object) -> str:
        """Return the cache key of chart ``name`` drawing ``data`` (and ``extra`` settings).

        ``data`` is a frame, a series, or a dataclass of them and plain values (a chart's data,
        such as ``charts.CoverageGrid``).
        """
        digest = hashlib.sha256(repr((name, extra, package_fingerprint())).encode())
        for part in _parts(data):
            digest.update(_arrow_bytes(part) if isinstance(part, pd.DataFrame)
                          else repr(part).encode())
        return digest.hexdigest()[:32]

    def get(self, key: str, name: str, alt: str) -> charts.Chart | None:
        """Return the chart stored under ``key``, or None when it is not (wholly) there."""
        png, svg = self.folder / f"{key}.png", self.folder / f"{key}.svg"
        if not (png.is_file() and svg.is_file()):
            return None
        return charts.Chart(name, png.read_bytes(), svg.read_bytes(), alt)

    def put(self, key: str, chart: charts.Chart) -> None:
        """Store ``chart`` under ``key`` (atomically, PNG then SVG)."""
        write_bytes(chart.png, self.folder / f"{key}.png")
        write_bytes(chart.svg, self.folder / f"{key}.svg")

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete the stored charts whose key is not in ``keys`` (those of older runs)."""
        kept = set(keys)
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.suffix in (".png", ".svg") and path.stem not in kept:
                    path.unlink(missing_ok=True)


class ChartBook:
    """Draws each chart of a cycle at most once (PNG and SVG) and keeps it for reuse."""

    def __init__(self, sources: ReportSources, cache: ChartCache | None = None) -> None:
        """Prepare to draw charts from ``sources``; nothing is drawn yet."""
        self._sources = sources
        self._cache = cache
        self._charts: dict[str, charts.Chart | None] = {}
        self.keys: list[str] = []  # cache keys of the charts this book used, drawn or read

    @property
    def drawn(self) -> list[charts.Chart]:
        """The charts of the reports so far, in the order they were first asked for."""
        return [c for c in self._charts.values() if c is not None]

    def _figure(self, name: str, alt: str, caption: str, data: Callable[[], Any],
                draw: Draw) -> Figure | None:
        if name not in self._charts:
            self._charts[name] = self._chart(name, alt, data, draw)
        chart = self._charts[name]
        return None if chart is None else Figure(chart, caption)

    def _chart(self, name: str, alt: str, data: Callable[[], Any],
               draw: Draw) -> charts.Chart | None:
        try:
            drawn_from = data()
        except ValueError:  # no rows for this region and cycle: no chart
            return None
        if self._cache is None:
            return charts.render_chart(draw(drawn_from), name, alt)
        key = ChartCache.key(name, drawn_from, self._sources.labels.lang)
        self.keys.append(key)
        chart = self._cache.get(key, name, alt)
        if chart is None:
            chart = charts.render_chart(draw(drawn_from), name, alt)
            self._cache.put(key, chart)
        return chart

    def coverage(self, region: str) -> list[Figure]:
        """The coverage heat map of ``region`` (levels, country × objective), page by page.

        A page holds at most ``charts.ROWS_PER_PAGE`` countries, so that a page of a Word
        report shows them at a readable size.
        """
        src, words = self._sources, self._sources.labels
        try:
            whole = charts.coverage_grid(src.table("country_objective_matrix"), region,
                                         src.cycle)
        except ValueError:  # no rows for this region and cycle: no chart
            return []
        figures = []
        for page in charts.coverage_pages(whole):
            suffix = f"-{page.page}" if page.pages > 1 else ""
            caption = f"{words('c_heatmap')} — {words.region_code(region)}"
            if page.pages > 1:
                caption += f" ({words('page_of', n=page.page, m=page.pages)})"
            figure = self._figure(f"coverage-{region}{suffix}", words("c_heatmap"), caption,
                                  lambda page=page: page,  # type: ignore[misc]
                                  lambda data: charts.draw_coverage_heatmap(data, region, words))
            if figure is not None:
                figures.append(figure)
        return figures

    def ranked(self, region: str, round_table: str | None = None) -> Figure | None:
        """The objectives of ``region`` ranked (only those of ``round_table`` when given)."""
        src, words = self._sources, self._sources.labels
        totals = src.table("objective_totals")
        if round_table is not None:
            totals = totals[totals["round_table"] == round_table]
        suffix = f"-{round_table}" if round_table else ""
        return self._figure(
            f"objectives-ranked-{region}{suffix}", words("c_ranked"),
            f"{words('c_ranked')} — {words.region_code(region)}",
            lambda: charts.ranked_objectives(totals, region, src.cycle),
            lambda data: charts.draw_objectives_ranked(data, region, words))

    def regions(self) -> Figure | None:
        """The regions compared by round table."""
        return self._all_regions("regions-compared", "c_regions", "objective_totals",
                                 charts.region_shares, charts.draw_regions_compared)

    def principles(self) -> Figure | None:
        """The guiding principles invoked, by region."""
        return self._all_regions("guiding-principles-by-region", "c_principles",
                                 "principle_matrix", charts.principles_by_region,
                                 charts.draw_principles_by_region)

    def _all_regions(self, name: str, title: str, table: str,
                     data: Callable[[pd.DataFrame, str | None], Any],
                     draw: Callable[[Any, Labels], MplFigure]) -> Figure | None:
        # A chart of every region side by side: its title (a label key) is also its caption.
        src, words = self._sources, self._sources.labels
        return self._figure(name, words(title), words(title),
                            lambda: data(src.table(table), src.cycle),
                            lambda drawn_from: draw(drawn_from, words))

    def support(self, region: str, reviews: int) -> Figure | None:
        """The support needs of ``region`` by category."""
        src, words = self._sources, self._sources.labels
        return self._figure(
            f"support-needs-{region}", words("c_support"),
            f"{words('c_support')} — {words.region_code(region)}",
            lambda: charts.support_needs(src.table("challenge_register"), region, reviews,
                                         src.cycle),
            lambda data: charts.draw_support_needs(data, region, words))


def _parts(data: object) -> list[object]:
    # A dataclass hashes field by field; frames and series with their index, as columns.
    fields = ([getattr(data, f.name) for f in dataclasses.fields(data)]  # type: ignore[arg-type]
              if dataclasses.is_dataclass(data) else [data])
    return [part.reset_index() if isinstance(part, pd.DataFrame | pd.Series) else part
            for part in fields]


def _arrow_bytes(rows: pd.DataFrame) -> bytes:
    # The rows as an Arrow IPC stream: the same values and dtypes give the same bytes, and list
    # cells (passage ids) are hashed as lists, without printing each one as text. Columns are
    # made one chunk each first: a run's tables hold one chunk per review, and the stream
    # writes each chunk as its own batch, so otherwise a new review would change every key.
    table = pa.Table.from_pandas(rows.reset_index(drop=True),
                                 preserve_index=False).combine_chunks()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as stream:
        stream.write_table(table)
    return sink.getvalue().to_pybytes()
