"""Charts of the compilation: coverage, objectives ranked, regions, principles, support needs.

Each ``plot_*`` function takes a compiled table of the whole run and returns a matplotlib
``Figure`` built with the object API (no pyplot state), so charts can be drawn in worker threads
and tested without a display. ``render_chart`` renders a figure once to PNG and SVG bytes;
``save_chart`` and ``save_figure`` are the only functions that write files.
"""

from imrf_analysis.charts.coverage import plot_coverage_heatmap
from imrf_analysis.charts.principles import plot_principles_by_region, principle_shares
from imrf_analysis.charts.rankings import (
    plot_objectives_ranked,
    plot_regions_compared,
    plot_support_needs,
    round_table_shares,
    support_need_counts,
)
from imrf_analysis.charts.style import (
    LEVEL_COLOURS,
    OKABE_ITO,
    ROUND_TABLE_COLOURS,
    STYLE,
    Chart,
    figure_png_bytes,
    figure_svg_bytes,
    render_chart,
    save_chart,
    save_figure,
)

__all__ = [
    "LEVEL_COLOURS", "OKABE_ITO", "ROUND_TABLE_COLOURS", "STYLE", "Chart", "figure_png_bytes",
    "figure_svg_bytes", "plot_coverage_heatmap", "plot_objectives_ranked",
    "plot_principles_by_region", "plot_regions_compared", "plot_support_needs",
    "principle_shares", "render_chart", "round_table_shares", "save_chart", "save_figure",
    "support_need_counts",
]
