"""The coverage heat map: the level of each reviewing country on each objective."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from imrf_analysis.reference import gcm
from imrf_analysis.reporting.charts.rows import reviews_in, select_rows
from imrf_analysis.reporting.charts.style import (
    GRID_COLOUR,
    LEVEL_COLOURS,
    OKABE_ITO,
    add_source,
    hide_spines,
    new_figure,
    set_title,
    styled,
)
from imrf_analysis.reporting.report.labels import Labels

# The levels of the matrix, then a cell whose reviews report both progress and challenges
# (the matrix's level keeps the challenge; the map shows both).
BOTH = "progress-and-challenge"
LEVELS: tuple[str, ...] = (*LEVEL_COLOURS, BOTH)
CELL_COLOURS: dict[str, str] = {**LEVEL_COLOURS, BOTH: OKABE_ITO["vermillion"]}
# Countries on one page of the map: at 0.34 inch a row, 50 rows fill an A4 page Word fits it to.
ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class CoverageGrid:
    """What the coverage heat map draws: level codes (country × objective), reviews, cycle.

    ``page`` of ``pages``: the rows of one page, when the region has more than
    ``ROWS_PER_PAGE`` reviewing countries (``coverage_pages``).
    """

    grid: pd.DataFrame
    reviews: int
    cycle: str
    page: int = 1
    pages: int = 1


def coverage_grid(matrix: pd.DataFrame, region: str, cycle: str | None = None) -> CoverageGrid:
    """Return the level code of each reviewing country of ``region`` on each objective.

    Returns:
        Countries (by name) as rows, objectives in round-table order as columns, codes
        indexing ``LEVELS`` (0 when not mentioned).

    Raises:
        ValueError: ``matrix`` has no rows for ``region`` (and ``cycle``).
    """
    rows = select_rows(matrix, region, cycle)
    codes = rows["level"].map({level: i for i, level in enumerate(LEVELS)})
    if {"progress_passage_ids", "challenge_passage_ids"} <= set(rows.columns):
        both = (rows["progress_passage_ids"].map(len) > 0) & (
            rows["challenge_passage_ids"].map(len) > 0)
        codes = codes.where(~both, LEVELS.index(BOTH))
    grid = (rows.assign(code=codes)
            .pivot_table(index="country_name", columns="objective", values="code",
                         aggfunc="max", fill_value=0)
            .reindex(columns=gcm.objectives_in_round_table_order(), fill_value=0).sort_index())
    return CoverageGrid(grid, reviews_in(rows), str(rows["cycle"].iloc[0]))


def coverage_pages(data: CoverageGrid, rows_per_page: int = ROWS_PER_PAGE) -> list[CoverageGrid]:
    """Split ``data`` into pages of at most ``rows_per_page`` countries, of near-equal size."""
    count = max(1, -(-len(data.grid) // rows_per_page))
    size = -(-len(data.grid) // count)
    return [CoverageGrid(data.grid.iloc[start:start + size], data.reviews, data.cycle,
                         number, count)
            for number, start in enumerate(range(0, max(len(data.grid), 1), size), start=1)]


def plot_coverage_heatmap(matrix: pd.DataFrame, region: str, *, cycle: str | None = None,
                          labels: Labels | None = None) -> Figure:
    """Draw the coverage level of each reviewing country on each objective of one region.

    Returns:
        A new Figure: countries as rows, objectives as columns grouped by round table, each
        cell coloured by its level (not mentioned, mentioned, progress, challenge), a legend
        and the source line.

    Raises:
        ValueError: ``matrix`` has no rows for ``region`` (and ``cycle``).
    """
    return draw_coverage_heatmap(coverage_grid(matrix, region, cycle), region, labels)


def draw_coverage_heatmap(data: CoverageGrid, region: str,
                          labels: Labels | None = None) -> Figure:
    """Draw ``data`` (see ``coverage_grid``) as the heat map of ``region``."""
    words = labels or Labels()
    grid, order = data.grid, list(data.grid.columns)
    # Each level code coloured here, once per cell: given colours, matplotlib has no colour
    # map to apply to every pixel of the enlarged image (the same pixels, drawn faster).
    colours = (to_rgba_array([CELL_COLOURS[level] for level in LEVELS]) * 255).round()
    cells = colours.astype(np.uint8)[grid.to_numpy(dtype=int)]

    # Readable up to ROWS_PER_PAGE rows; a larger grid (plot_coverage_heatmap on the world)
    # gets thinner rows and smaller names.
    dense = len(grid) > ROWS_PER_PAGE
    rows_height = (0.16 if dense else 0.34) * len(grid)
    with styled():
        fig = new_figure(11.0, 2.8 + rows_height)
        ax = fig.subplots()
        # One image for the cells and two line sets for their borders: a global map of ~200
        # countries stays a small SVG (a mesh of edged cells is 4,600 paths) and draws fast.
        ax.imshow(cells, aspect="auto", interpolation="none",
                  extent=(0, len(order), len(grid), 0))
        ax.hlines(np.arange(1, len(grid)), 0, len(order), colors=GRID_COLOUR, linewidth=0.5)
        ax.vlines(np.arange(1, len(order)), 0, len(grid), colors=GRID_COLOUR, linewidth=0.5)
        ax.set_xticks(np.arange(len(order)) + 0.5, [str(n) for n in order])
        ax.set_yticks(np.arange(len(grid)) + 0.5, list(grid.index))
        ax.set_ylim(len(grid), 0)
        ax.set_xlim(0, len(order))
        ax.tick_params(length=0)
        if dense:
            ax.tick_params(axis="y", labelsize=6)
        hide_spines(ax)
        sizes = np.array([len(rt.objectives) for rt in gcm.ROUND_TABLES])
        edges = np.cumsum(sizes)
        for edge in edges[:-1]:
            ax.axvline(edge, color="#333333", linewidth=1.6)
        top_axis = ax.secondary_xaxis("top")
        top_axis.set_xticks(edges - sizes / 2, [rt.code for rt in gcm.ROUND_TABLES],
                            fontweight="bold")
        top_axis.tick_params(length=0)
        top_axis.spines["top"].set_visible(False)
        ax.set_xlabel(words("a_round_table"))
        ax.set_ylabel(words("h_country"))
        title = f"{words('c_heatmap')} — {words.region_code(region)}"
        if data.pages > 1:
            title += f" ({words('page_of', n=data.page, m=data.pages)})"
        set_title(fig, title)
        fig.legend(handles=[Patch(facecolor=CELL_COLOURS[level], edgecolor=GRID_COLOUR,
                                  label=words.level(level)) for level in LEVELS],
                   loc="outside right upper", title=words("h_level"))
        add_source(fig, words("source", n=data.reviews, cycle=data.cycle))
    return fig
