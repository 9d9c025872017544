"""The one style of every chart, and rendering a figure once to PNG and SVG bytes.

Rendering is deterministic: no date in the SVG metadata and a fixed SVG hash salt, so a rerun
on the same tables writes byte-identical files.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from imrf_analysis.reporting.report.labels import Labels
from imrf_analysis.store.catalog import write_bytes

STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans", "font.size": 10,
    "axes.titlesize": 13, "axes.titleweight": "bold", "axes.labelsize": 10.5,
    "axes.spines.top": False, "axes.spines.right": False,
    "xtick.labelsize": 9, "ytick.labelsize": 9, "legend.fontsize": 9, "legend.frameon": False,
    "savefig.dpi": 150, "savefig.facecolor": "white",
    "svg.hashsalt": "imrf-analysis", "svg.fonttype": "none",
}

# Okabe-Ito colours: distinguishable under the common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "pink": "#CC79A7",
    "sky": "#56B4E9", "vermillion": "#D55E00", "yellow": "#F0E442", "black": "#000000"}
ROUND_TABLE_COLOURS: dict[str, str] = {
    "RT1": OKABE_ITO["blue"], "RT2": OKABE_ITO["orange"], "RT3": OKABE_ITO["green"],
    "RT4": OKABE_ITO["pink"]}
LEVEL_COLOURS: dict[str, str] = {
    "not-mentioned": "#f2f2f2", "mentioned": OKABE_ITO["sky"],
    "progress-reported": OKABE_ITO["green"], "challenge-reported": OKABE_ITO["orange"]}
GRID_COLOUR = "#d0d0d0"


@dataclass(frozen=True)
class Chart:
    """A chart rendered once: saved as files and embedded in every report that shows it."""

    name: str
    png: bytes
    svg: bytes
    alt: str


@contextmanager
def styled() -> Iterator[None]:
    """Apply the chart style for the duration of the block."""
    with mpl.rc_context(STYLE):
        yield


def new_figure(width: float, height: float) -> Figure:
    """Return a new Figure with its own Agg canvas (no pyplot state)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def set_title(fig: Figure, text: str) -> None:
    """Set the figure title, left-aligned (kept inside the canvas by the constrained layout)."""
    fig.suptitle(text, x=0.01, ha="left", fontsize=STYLE["axes.titlesize"], fontweight="bold")


# A share of fewer reviews or States than this is a small sample: its chart says so.
SMALL_N = 10


def add_source(fig: Figure, text: str, small: str = "") -> None:
    """Write the source line (``"Source: N voluntary reviews, cycle C"``) under the plot.

    ``small`` is a warning (for shares of few reviews) written after it.
    """
    fig.supxlabel(f"{text}. {small}" if small else text, x=0.01, ha="left", fontsize=8.5,
                  color="#444444")


def small_sample_note(counts: dict[str, int], words: Labels) -> str:
    """Return the warning for the groups (regions) of fewer than ``SMALL_N``, or ""."""
    few = [f"{words.region_code(code)} (n={n})" for code, n in counts.items() if n < SMALL_N]
    return words("small_n", groups=", ".join(few), k=SMALL_N) if few else ""


def hide_spines(ax: Axes) -> None:
    """Remove every spine of ``ax`` (for grids)."""
    for spine in ax.spines.values():
        spine.set_visible(False)


def figure_png_bytes(fig: Figure) -> bytes:
    """Return ``fig`` rendered as PNG bytes (the figure is left unchanged)."""
    buffer = io.BytesIO()
    with styled():
        fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def figure_svg_bytes(fig: Figure) -> bytes:
    """Return ``fig`` rendered as SVG bytes without a date, so reruns are identical."""
    buffer = io.BytesIO()
    with styled():
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def render_chart(fig: Figure, name: str, alt: str) -> Chart:
    """Render ``fig`` once as PNG and SVG.

    Returns:
        The chart; ``fig`` is closed afterwards (its canvas released).
    """
    png = figure_png_bytes(fig)
    # The PNG draw has laid the figure out; the SVG reuses those positions. With no layout
    # engine at all (None, not "none", which keeps a placeholder engine), saving does not
    # draw the figure once more beforehand to lay it out.
    fig.set_layout_engine(None)
    chart = Chart(name, png, figure_svg_bytes(fig), alt)
    fig.clear()
    return chart


def save_chart(chart: Chart, folder: Path) -> list[Path]:
    """Write ``chart`` as ``<name>.png`` and ``<name>.svg`` in ``folder``, atomically.

    Returns:
        The two paths written.
    """
    folder = Path(folder)
    return [write_bytes(chart.png, folder / f"{chart.name}.png"),
            write_bytes(chart.svg, folder / f"{chart.name}.svg")]


def save_figure(fig: Figure, path: Path) -> Path:
    """Write ``fig`` as a PNG to ``path`` atomically.

    Returns:
        ``path``, now holding the PNG (parent folders created as needed).
    """
    return write_bytes(figure_png_bytes(fig), Path(path))
