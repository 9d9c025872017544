"""The guiding-principles chart: share of reviewing States invoking each principle, by region."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from imrf_analysis.reference import gcm
from imrf_analysis.reporting.charts.rows import select_rows
from imrf_analysis.reporting.charts.style import (
    GRID_COLOUR,
    add_source,
    hide_spines,
    new_figure,
    set_title,
    small_sample_note,
    styled,
)
from imrf_analysis.reporting.report.labels import Labels

_SHARE_CMAP = mpl.colormaps["Blues"]


def _region_order(regions: list[str]) -> list[str]:
    return sorted(regions, key=lambda code: (code == "GLOBAL", code))


# A State counts as invoking a principle when its reviews do so in this many passages or more:
# nearly every review names most principles once (the chart was nearly all 100%), fewer dwell
# on them.
SUBSTANTIVE_PASSAGES = 3


def principle_shares(principle_matrix: pd.DataFrame,
                     min_passages: int = SUBSTANTIVE_PASSAGES) -> pd.DataFrame:
    """Return the share of reviewing countries invoking each principle in ``min_passages``+.

    Returns:
        A new frame indexed by guiding-principle slug (GCM order), one column per region
        (``GLOBAL`` last), values in 0..1.
    """
    countries = principle_matrix.groupby("region")["country_iso3"].nunique()
    invoking = (principle_matrix[principle_matrix["passages"] >= min_passages]
                .groupby(["guiding_principle", "region"])["country_iso3"].nunique()
                .unstack(fill_value=0))
    regions = _region_order(list(countries.index))
    invoking = invoking.reindex(index=list(gcm.GUIDING_PRINCIPLE_SLUGS), columns=regions,
                                fill_value=0)
    return invoking.div(countries.reindex(regions), axis="columns")


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    r, g, b, _ = rgba
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else "black"


@dataclass(frozen=True)
class PrincipleShares:
    """What the guiding-principles chart draws: shares by principle × region, countries."""

    shares: pd.DataFrame  # 0..1, see ``principle_shares``
    countries: pd.Series  # reviewing countries per region
    cycle: str


def principles_by_region(principle_matrix: pd.DataFrame,
                         cycle: str | None = None) -> PrincipleShares:
    """Return the shares of reviewing countries invoking each principle, and the countries.

    Raises:
        ValueError: the table is empty (for ``cycle``).
    """
    rows = select_rows(principle_matrix, None, cycle)
    return PrincipleShares(principle_shares(rows),
                           rows.groupby("region")["country_iso3"].nunique(),
                           str(rows["cycle"].iloc[0]))


def plot_principles_by_region(principle_matrix: pd.DataFrame, *, cycle: str | None = None,
                              labels: Labels | None = None) -> Figure:
    """Draw, per region, the share of reviewing countries invoking each guiding principle.

    Returns:
        A new Figure: a heatmap of guiding principles (rows) by region (columns), in percent.

    Raises:
        ValueError: the table is empty (for ``cycle``).
    """
    return draw_principles_by_region(principles_by_region(principle_matrix, cycle), labels)


def draw_principles_by_region(data: PrincipleShares, labels: Labels | None = None) -> Figure:
    """Draw ``data`` (see ``principles_by_region``) as a heat map in percent."""
    words = labels or Labels()
    shares, countries = data.shares, data.countries
    values = shares.to_numpy(dtype=float) * 100
    norm = Normalize(vmin=0, vmax=100)
    with styled():
        fig = new_figure(max(8.0, 4.6 + 1.1 * shares.shape[1]), 5.8)
        ax = fig.subplots()
        mesh = ax.pcolormesh(np.ma.masked_invalid(values), cmap=_SHARE_CMAP, norm=norm,
                             edgecolors=GRID_COLOUR, linewidth=0.5)
        for (i, j), value in np.ndenumerate(values):
            if not np.isnan(value):
                ax.text(j + 0.5, i + 0.5, f"{value:.0f}%", ha="center", va="center",
                        fontsize=8, color=_text_colour(_SHARE_CMAP(norm(value))))
        ax.set_xticks(np.arange(shares.shape[1]) + 0.5,
                      [f"{words.region_code(code)}\n(n={countries[code]})"
                       for code in shares.columns])
        ax.set_yticks(np.arange(len(shares)) + 0.5,
                      [words.principle(slug) for slug in shares.index])
        ax.set_ylim(len(shares), 0)
        ax.tick_params(length=0)
        hide_spines(ax)
        ax.set_xlabel(words("h_region"))
        ax.set_ylabel(words("h_principle"))
        set_title(fig, words("c_principles"))
        fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02).set_label(words("h_share"))
        total = int(countries.get("GLOBAL", countries.sum()))
        add_source(fig, words("source", n=total, cycle=data.cycle),
                   small_sample_note({str(k): int(v) for k, v in countries.items()}, words))
    return fig
