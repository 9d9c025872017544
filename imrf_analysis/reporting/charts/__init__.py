"""Charts of the compilation: coverage, objectives ranked, regions, principles, support needs.

Each ``plot_*`` function takes a compiled table of the whole run and returns a matplotlib
``Figure`` built with the object API (no pyplot state), so charts can be drawn in worker threads
and tested without a display. It is two steps, also public: a data function computing the
small frame the chart draws (``coverage_grid``, ``ranked_objectives``, ``region_shares``,
``principles_by_region``, ``support_needs``), which keys the report stage's chart cache, and a
``draw_*`` function drawing it. ``render_chart`` renders a figure once to PNG and SVG bytes;
``save_chart`` and ``save_figure`` are the only functions that write files.
"""

from imrf_analysis.reporting.charts.coverage import (
    ROWS_PER_PAGE,
    CoverageGrid,
    coverage_grid,
    coverage_pages,
    draw_coverage_heatmap,
    plot_coverage_heatmap,
)
from imrf_analysis.reporting.charts.principles import (
    PrincipleShares,
    draw_principles_by_region,
    plot_principles_by_region,
    principle_shares,
    principles_by_region,
)
from imrf_analysis.reporting.charts.rankings import (
    RankedObjectives,
    RegionShares,
    SupportNeeds,
    draw_objectives_ranked,
    draw_regions_compared,
    draw_support_needs,
    plot_objectives_ranked,
    plot_regions_compared,
    plot_support_needs,
    ranked_objectives,
    region_shares,
    round_table_shares,
    support_need_counts,
    support_needs,
)
from imrf_analysis.reporting.charts.style import (
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
    "LEVEL_COLOURS", "OKABE_ITO", "ROUND_TABLE_COLOURS", "ROWS_PER_PAGE", "STYLE", "Chart",
    "CoverageGrid", "PrincipleShares", "RankedObjectives", "RegionShares", "SupportNeeds",
    "coverage_grid", "coverage_pages", "draw_coverage_heatmap", "draw_objectives_ranked",
    "draw_principles_by_region", "draw_regions_compared", "draw_support_needs",
    "figure_png_bytes", "figure_svg_bytes", "plot_coverage_heatmap", "plot_objectives_ranked",
    "plot_principles_by_region", "plot_regions_compared", "plot_support_needs",
    "principle_shares", "principles_by_region", "ranked_objectives", "region_shares",
    "render_chart", "round_table_shares", "save_chart", "save_figure", "support_need_counts",
    "support_needs",
]
