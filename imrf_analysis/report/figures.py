"""The charts of a cycle's reports, each drawn once and shared by every report that shows it.

Drawing is most of a report stage's time, so a chart can also be kept across runs: with a
``ChartCache``, a chart whose rows, labels and code are unchanged since an earlier run is read
back from the cache instead of drawn again (a rerun after one new review redraws only the
charts of the regions that review is counted in).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
from matplotlib.figure import Figure as MplFigure

from imrf_analysis import charts
from imrf_analysis.catalog import write_bytes
from imrf_analysis.fingerprint import package_fingerprint
from imrf_analysis.report.model import Figure
from imrf_analysis.report.sources import ReportSources

Plot = Callable[[pd.DataFrame], MplFigure]


class ChartCache:
    """Charts rendered by earlier runs, stored as ``<key>.png`` and ``<key>.svg`` in a folder.

    The key of a chart hashes its name, the rows it is drawn from, its labels' language and the
    package's code, so a cached chart is exactly the chart that would be drawn now.
    """

    def __init__(self, folder: Path) -> None:
        """Use ``folder`` (created when the first chart is stored)."""
        self.folder = Path(folder)

    @staticmethod
    def key(name: str, rows: pd.DataFrame, *extra: object) -> str:
        """Return the cache key of chart ``name`` drawn from ``rows`` (and ``extra`` settings)."""
        digest = hashlib.sha256(repr((name, extra, package_fingerprint())).encode())
        digest.update(_arrow_bytes(rows))
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

    def _figure(self, name: str, alt: str, caption: str, rows: pd.DataFrame, plot: Plot,
                *extra: object) -> Figure | None:
        if name not in self._charts:
            self._charts[name] = self._chart(name, alt, rows, plot, *extra)
        chart = self._charts[name]
        return None if chart is None else Figure(chart, caption)

    def _chart(self, name: str, alt: str, rows: pd.DataFrame, plot: Plot,
               *extra: object) -> charts.Chart | None:
        if self._cache is None:
            return _render(name, alt, rows, plot)
        key = ChartCache.key(name, rows, self._sources.labels.lang, *extra)
        self.keys.append(key)
        chart = self._cache.get(key, name, alt)
        if chart is None:
            chart = _render(name, alt, rows, plot)
            if chart is not None:
                self._cache.put(key, chart)
        return chart

    def coverage(self, region: str) -> Figure | None:
        """The coverage heat map of ``region`` (levels, country × objective)."""
        src, words = self._sources, self._sources.labels
        matrix = src.table("country_objective_matrix")
        return self._figure(
            f"coverage-{region}", words("c_heatmap"), f"{words('c_heatmap')} — {region}",
            matrix[matrix["region"] == region],
            lambda rows: charts.plot_coverage_heatmap(rows, region, cycle=src.cycle,
                                                      labels=words))

    def ranked(self, region: str, round_table: str | None = None) -> Figure | None:
        """The objectives of ``region`` ranked (only those of ``round_table`` when given)."""
        src, words = self._sources, self._sources.labels
        totals = src.table("objective_totals")
        totals = totals[totals["region"] == region]
        if round_table is not None:
            totals = totals[totals["round_table"] == round_table]
        suffix = f"-{round_table}" if round_table else ""
        return self._figure(
            f"objectives-ranked-{region}{suffix}", words("c_ranked"),
            f"{words('c_ranked')} — {region}", totals,
            lambda rows: charts.plot_objectives_ranked(rows, region, cycle=src.cycle,
                                                       labels=words))

    def regions(self) -> Figure | None:
        """The regions compared by round table."""
        src, words = self._sources, self._sources.labels
        return self._figure(
            "regions-compared", words("c_regions"), words("c_regions"),
            src.table("objective_totals"),
            lambda rows: charts.plot_regions_compared(rows, cycle=src.cycle, labels=words))

    def principles(self) -> Figure | None:
        """The guiding principles invoked, by region."""
        src, words = self._sources, self._sources.labels
        return self._figure(
            "guiding-principles-by-region", words("c_principles"), words("c_principles"),
            src.table("principle_matrix"),
            lambda rows: charts.plot_principles_by_region(rows, cycle=src.cycle, labels=words))

    def support(self, region: str, reviews: int) -> Figure | None:
        """The support needs of ``region`` by category."""
        src, words = self._sources, self._sources.labels
        register = src.table("challenge_register")
        return self._figure(
            f"support-needs-{region}", words("c_support"), f"{words('c_support')} — {region}",
            register[register["region"] == region],
            lambda rows: charts.plot_support_needs(rows, region, reviews, cycle=src.cycle,
                                                   labels=words), reviews)


def _arrow_bytes(rows: pd.DataFrame) -> bytes:
    # The rows as an Arrow IPC stream: the same values and dtypes give the same bytes, and list
    # cells (passage ids) are hashed as lists, without printing each one as text.
    table = pa.Table.from_pandas(rows.reset_index(drop=True), preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as stream:
        stream.write_table(table)
    return sink.getvalue().to_pybytes()


def _render(name: str, alt: str, rows: pd.DataFrame, plot: Plot) -> charts.Chart | None:
    try:
        return charts.render_chart(plot(rows), name, alt)
    except ValueError:  # no rows for this region and cycle: no chart
        return None
