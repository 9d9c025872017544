"""Charts of a regional compilation: objective coverage, ranked objectives, guiding principles.

Each ``plot_*`` function takes compilation tables and returns a matplotlib ``Figure`` built with
the object API (no pyplot state), so charts can be drawn in worker threads and tested without a
display. ``save_figure`` and ``figure_png_bytes`` are the only functions that write anything.

Every plot takes the full table of a run: ``region`` is a regional commission code or
``"GLOBAL"``, and ``cycle`` is needed only when the table holds more than one cycle.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import QuadMesh
from matplotlib.colors import Colormap, ListedColormap, Normalize, PowerNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.typing import RcKeyType

from imrf_analysis import gcm
from imrf_analysis.catalog import atomic_path

STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans", "font.size": 10,
    "axes.titlesize": 13, "axes.titleweight": "bold", "axes.labelsize": 10.5,
    "axes.spines.top": False, "axes.spines.right": False,
    "xtick.labelsize": 9, "ytick.labelsize": 9, "legend.fontsize": 9, "legend.frameon": False,
    "savefig.dpi": 150, "savefig.facecolor": "white",
}

# Okabe-Ito colours: distinguishable under the common colour-vision deficiencies.
ROUND_TABLE_COLOURS: dict[str, str] = {
    "RT1": "#0072B2", "RT2": "#E69F00", "RT3": "#009E73", "RT4": "#CC79A7"}
# A single-hue ramp that starts well above white, so a zero (drawn white) never looks like a one.
_PASSAGES_CMAP = ListedColormap(
    mpl.colormaps["Blues"](np.linspace(0.25, 1.0, 256))).with_extremes(bad="white")
_SHARE_CMAP = mpl.colormaps["Blues"]
_GRID_COLOUR = "#d0d0d0"


@contextmanager
def _styled() -> Iterator[None]:
    with mpl.rc_context(STYLE):
        yield


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _select(frame: pd.DataFrame, region: str | None, cycle: str | None) -> pd.DataFrame:
    """Return the rows of ``region`` (all when None) for one cycle.

    Raises:
        ValueError: no rows match, or several cycles are present and ``cycle`` is None.
    """
    rows = frame if region is None else frame[frame["region"] == region]
    if cycle is not None:
        rows = rows[rows["cycle"] == cycle]
    if rows.empty:
        raise ValueError(f"no rows for region {region!r}, cycle {cycle!r}")
    cycles = sorted(rows["cycle"].unique())
    if len(cycles) > 1:
        raise ValueError(f"rows span cycles {cycles}; pass cycle= to choose one")
    return rows


def _title(fig: Figure, text: str) -> None:
    # A figure title, unlike an axes title, is kept inside the canvas by the constrained layout.
    fig.suptitle(text, x=0.01, ha="left", fontsize=STYLE["axes.titlesize"], fontweight="bold")


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    r, g, b, _ = rgba
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else "black"


def _draw_grid(ax: Axes, values: np.ma.MaskedArray, cmap: Colormap, norm: Normalize,
               row_labels: list[str], column_labels: list[str], fmt: str) -> QuadMesh:
    """Draw ``values`` as labelled cells, writing each unmasked value in its cell."""
    mesh = ax.pcolormesh(values, cmap=cmap, norm=norm, edgecolors=_GRID_COLOUR, linewidth=0.5)
    for (i, j), value in np.ndenumerate(values.filled(np.nan)):
        if not np.isnan(value):
            ax.text(j + 0.5, i + 0.5, fmt.format(value), ha="center", va="center", fontsize=8,
                    color=_text_colour(cmap(norm(value))))
    ax.set_xticks(np.arange(len(column_labels)) + 0.5, column_labels)
    ax.set_yticks(np.arange(len(row_labels)) + 0.5, row_labels)
    ax.set_ylim(len(row_labels), 0)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return mesh


def plot_coverage_heatmap(matrix: pd.DataFrame, region: str, *, cycle: str | None = None) -> Figure:
    """Draw tagged passages per reviewing country and objective for one region.

    Returns:
        A new Figure: countries as rows, objectives as columns grouped by round table, blank
        cells where no passage was tagged, and a source line under the plot.

    Raises:
        ValueError: ``matrix`` has no rows for ``region`` (and ``cycle``).
    """
    rows = _select(matrix, region, cycle)
    order = gcm.objectives_in_round_table_order()
    grid = (rows.pivot_table(index="country_name", columns="objective", values="passages",
                             aggfunc="sum", fill_value=0)
            .reindex(columns=order, fill_value=0).sort_index())
    values = grid.to_numpy(dtype=float)
    reviews = int(rows.groupby("country_iso3")["reviews_total"].max().sum())
    top = max(2.0, float(values.max()))
    norm = PowerNorm(gamma=0.5, vmin=1, vmax=top)
    n_rows = len(grid)

    with _styled():
        fig = _new_figure(11.0, 2.6 + 0.34 * n_rows)
        ax = fig.subplots()
        mesh = _draw_grid(ax, np.ma.masked_equal(values, 0), _PASSAGES_CMAP, norm,
                          list(grid.index), [str(n) for n in order], "{:.0f}")
        ax.set_xlim(0, len(order))

        sizes = np.array([len(rt.objectives) for rt in gcm.ROUND_TABLES])
        edges = np.cumsum(sizes)
        for edge in edges[:-1]:
            ax.axvline(edge, color="#333333", linewidth=1.6)
        top_axis = ax.secondary_xaxis("top")
        top_axis.set_xticks(edges - sizes / 2, [rt.code for rt in gcm.ROUND_TABLES],
                            fontweight="bold")
        top_axis.tick_params(length=0)
        top_axis.spines["top"].set_visible(False)

        ax.set_xlabel("GCM objective (grouped by IMRF round table)")
        ax.set_ylabel("Reviewing country")
        _title(fig, f"Tagged passages by country and objective — {region}")
        colourbar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.01)
        colourbar.set_label("Tagged passages (blank: none)")
        colourbar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.annotate(f"Source: {reviews} voluntary reviews, cycle {rows['cycle'].iloc[0]}",
                    xy=(0, 0), xycoords=("axes fraction", ax.xaxis.label), xytext=(0, -6),
                    textcoords="offset points", ha="left", va="top", fontsize=8.5,
                    color="#444444", annotation_clip=False)
    return fig


def plot_objectives_ranked(totals: pd.DataFrame, region: str, *,
                           cycle: str | None = None) -> Figure:
    """Draw the objectives of one region ranked by how many countries report on them.

    Returns:
        A new Figure of horizontal bars labelled ``"N – short name"``, coloured by round table.

    Raises:
        ValueError: ``totals`` has no rows for ``region`` (and ``cycle``).
    """
    rows = _select(totals, region, cycle).sort_values(
        ["countries_reporting", "objective"], ascending=[False, True])
    countries_total = int(rows["countries_total"].max())
    labels = [f"{n} – {gcm.objective(int(n)).short_name['en']}" for n in rows["objective"]]
    codes = [gcm.round_table_of(int(n)).code for n in rows["objective"]]
    positions = np.arange(len(rows))

    with _styled():
        fig = _new_figure(9.0, 1.6 + 0.3 * len(rows))
        ax = fig.subplots()
        ax.barh(positions, rows["countries_reporting"],
                color=[ROUND_TABLE_COLOURS[c] for c in codes], height=0.7)
        for y, (reporting, total) in enumerate(
                zip(rows["countries_reporting"], rows["countries_total"], strict=True)):
            ax.text(reporting + countries_total * 0.01, y, f"{reporting} of {total}",
                    va="center", fontsize=8, color="#333333")
        ax.set_yticks(positions, labels)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, max(1, countries_total) * 1.12)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(f"Reviewing countries reporting on the objective (of {countries_total})")
        _title(fig, f"Objectives ranked by countries reporting — {region}, "
                    f"cycle {rows['cycle'].iloc[0]}")
        ax.legend(handles=[Patch(color=ROUND_TABLE_COLOURS[rt.code], label=rt.code)
                           for rt in gcm.ROUND_TABLES],
                  title="IMRF round table", loc="lower right")
    return fig


def _region_order(regions: list[str]) -> list[str]:
    return sorted(regions, key=lambda code: (code == "GLOBAL", code))


def principle_shares(principle_matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the share of reviewing countries whose reviews invoke each guiding principle.

    Returns:
        A new frame indexed by guiding-principle slug (GCM order), one column per region
        (``GLOBAL`` last), values in 0..1.
    """
    countries = principle_matrix.groupby("region")["country_iso3"].nunique()
    invoking = (principle_matrix[principle_matrix["passages"] > 0]
                .groupby(["guiding_principle", "region"])["country_iso3"].nunique()
                .unstack(fill_value=0))
    regions = _region_order(list(countries.index))
    invoking = invoking.reindex(index=list(gcm.GUIDING_PRINCIPLE_SLUGS), columns=regions,
                                fill_value=0)
    return invoking.div(countries.reindex(regions), axis="columns")


def plot_principles_by_region(principle_matrix: pd.DataFrame, *,
                              cycle: str | None = None) -> Figure:
    """Draw, per region, the share of reviewing countries invoking each guiding principle.

    Returns:
        A new Figure: a heatmap of guiding principles (rows) by region (columns), in percent.

    Raises:
        ValueError: the table is empty (for ``cycle``).
    """
    rows = _select(principle_matrix, None, cycle)
    shares = principle_shares(rows)
    countries = rows.groupby("region")["country_iso3"].nunique()
    names = {p.slug: f"{p.name['en']} ({p.paragraph})" for p in gcm.GUIDING_PRINCIPLES}
    values = shares.to_numpy(dtype=float) * 100
    norm = Normalize(vmin=0, vmax=100)

    with _styled():
        fig = _new_figure(max(8.0, 4.6 + 1.1 * shares.shape[1]), 5.6)
        ax = fig.subplots()
        mesh = _draw_grid(ax, np.ma.masked_invalid(values), _SHARE_CMAP, norm,
                          [names[slug] for slug in shares.index],
                          [f"{code}\n(n={countries[code]})" for code in shares.columns], "{:.0f}%")
        ax.set_xlabel("Region (n = reviewing countries)")
        ax.set_ylabel("Guiding principle (GCM para. 15)")
        _title(fig, f"Guiding principles invoked, by region — cycle {rows['cycle'].iloc[0]}")
        colourbar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02)
        colourbar.set_label("Share of reviewing countries (%)")
    return fig


def figure_png_bytes(fig: Figure) -> bytes:
    """Return ``fig`` rendered as PNG bytes (the figure is left unchanged)."""
    buffer = io.BytesIO()
    with _styled():
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def save_figure(fig: Figure, path: Path) -> Path:
    """Write ``fig`` as a PNG to ``path`` atomically.

    Returns:
        ``path``, now holding the PNG (parent folders created as needed).
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(figure_png_bytes(fig))
    return path
