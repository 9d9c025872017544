"""The charts of a cycle's reports, each drawn once and shared by every report that shows it."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure as MplFigure

from imrf_analysis import charts
from imrf_analysis.report.model import Figure
from imrf_analysis.report.sources import ReportSources


class ChartBook:
    """Draws each chart of a cycle at most once (PNG and SVG) and keeps it for reuse."""

    def __init__(self, sources: ReportSources) -> None:
        """Prepare to draw charts from ``sources``; nothing is drawn yet."""
        self._sources = sources
        self._charts: dict[str, charts.Chart | None] = {}

    @property
    def drawn(self) -> list[charts.Chart]:
        """The charts drawn so far, in the order they were first asked for."""
        return [c for c in self._charts.values() if c is not None]

    def _figure(self, name: str, alt: str, caption: str,
                plot: Callable[[], MplFigure]) -> Figure | None:
        if name not in self._charts:
            try:
                self._charts[name] = charts.render_chart(plot(), name, alt)
            except ValueError:  # no rows for this region and cycle: no chart
                self._charts[name] = None
        chart = self._charts[name]
        return None if chart is None else Figure(chart, caption)

    def coverage(self, region: str) -> Figure | None:
        """The coverage heat map of ``region`` (levels, country × objective)."""
        src, words = self._sources, self._sources.labels
        return self._figure(
            f"coverage-{region}", words("c_heatmap"), f"{words('c_heatmap')} — {region}",
            lambda: charts.plot_coverage_heatmap(src.table("country_objective_matrix"), region,
                                                 cycle=src.cycle, labels=words))

    def ranked(self, region: str, round_table: str | None = None) -> Figure | None:
        """The objectives of ``region`` ranked (only those of ``round_table`` when given)."""
        src, words = self._sources, self._sources.labels
        totals = src.table("objective_totals")
        if round_table is not None:
            totals = totals[totals["round_table"] == round_table]
        suffix = f"-{round_table}" if round_table else ""
        return self._figure(
            f"objectives-ranked-{region}{suffix}", words("c_ranked"),
            f"{words('c_ranked')} — {region}",
            lambda: charts.plot_objectives_ranked(totals, region, cycle=src.cycle, labels=words))

    def regions(self) -> Figure | None:
        """The regions compared by round table."""
        src, words = self._sources, self._sources.labels
        totals = src.table("objective_totals")
        return self._figure(
            "regions-compared", words("c_regions"), words("c_regions"),
            lambda: charts.plot_regions_compared(totals, cycle=src.cycle, labels=words))

    def principles(self) -> Figure | None:
        """The guiding principles invoked, by region."""
        src, words = self._sources, self._sources.labels
        return self._figure(
            "guiding-principles-by-region", words("c_principles"), words("c_principles"),
            lambda: charts.plot_principles_by_region(src.table("principle_matrix"),
                                                     cycle=src.cycle, labels=words))

    def support(self, region: str, reviews: int) -> Figure | None:
        """The support needs of ``region`` by category."""
        src, words = self._sources, self._sources.labels
        register = src.table("challenge_register")
        return self._figure(
            f"support-needs-{region}", words("c_support"), f"{words('c_support')} — {region}",
            lambda: charts.plot_support_needs(register, region, reviews, cycle=src.cycle,
                                              labels=words))
