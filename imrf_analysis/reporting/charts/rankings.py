"""Bar charts: objectives ranked, regions compared by round table, support needs by category."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from imrf_analysis.reference import gcm
from imrf_analysis.reporting.charts.rows import select_rows
from imrf_analysis.reporting.charts.style import (
    OKABE_ITO,
    ROUND_TABLE_COLOURS,
    add_source,
    new_figure,
    set_title,
    small_sample_note,
    styled,
)
from imrf_analysis.reporting.report.labels import Labels

GLOBAL = "GLOBAL"


def _round_table_legend(words: Labels, codes: set[str] | None = None) -> list[Patch]:
    return [Patch(color=ROUND_TABLE_COLOURS[rt.code], label=words.round_table(rt.code))
            for rt in gcm.ROUND_TABLES if codes is None or rt.code in codes]


@dataclass(frozen=True)
class RankedObjectives:
    """What the ranked-objectives chart draws: reviews reporting per objective, most first."""

    reporting: pd.DataFrame  # objective, reviews_reporting
    reviews_total: int
    cycle: str


def ranked_objectives(totals: pd.DataFrame, region: str,
                      cycle: str | None = None) -> RankedObjectives:
    """Return the objectives of ``region`` by reviews reporting (most first, then by number).

    Raises:
        ValueError: ``totals`` has no rows for ``region`` (and ``cycle``).
    """
    rows = select_rows(totals, region, cycle).sort_values(
        ["reviews_reporting", "objective"], ascending=[False, True])
    return RankedObjectives(rows[["objective", "reviews_reporting"]].reset_index(drop=True),
                            int(rows["reviews_total"].max()), str(rows["cycle"].iloc[0]))


def plot_objectives_ranked(totals: pd.DataFrame, region: str, *, cycle: str | None = None,
                           labels: Labels | None = None) -> Figure:
    """Draw the objectives of one region ranked by the reviews reporting on them.

    Returns:
        A new Figure of horizontal bars labelled ``"N – short name"`` and ``"n of m"``,
        coloured by round table, most reported first.

    Raises:
        ValueError: ``totals`` has no rows for ``region`` (and ``cycle``).
    """
    return draw_objectives_ranked(ranked_objectives(totals, region, cycle), region, labels)


def draw_objectives_ranked(data: RankedObjectives, region: str,
                           labels: Labels | None = None) -> Figure:
    """Draw ``data`` (see ``ranked_objectives``) as the ranked objectives of ``region``."""
    words = labels or Labels()
    rows, reviews_total = data.reporting, data.reviews_total
    codes = [gcm.round_table_of(int(n)).code for n in rows["objective"]]
    positions = np.arange(len(rows))
    with styled():
        fig = new_figure(9.0, 1.9 + 0.3 * len(rows))
        ax = fig.subplots()
        ax.barh(positions, rows["reviews_reporting"],
                color=[ROUND_TABLE_COLOURS[c] for c in codes], height=0.7)
        for y, reporting in enumerate(rows["reviews_reporting"]):
            ax.text(reporting + max(1, reviews_total) * 0.01, y,
                    f"{reporting} / {reviews_total}", va="center", fontsize=8, color="#333333")
        ax.set_yticks(positions, [words.objective_short(int(n)) for n in rows["objective"]])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, max(1, reviews_total) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(words("a_reviews_reporting"))
        set_title(fig, f"{words('c_ranked')} — {words.region_code(region)}")
        ax.legend(handles=_round_table_legend(words, set(codes)), loc="lower right")
        add_source(fig, words("source", n=reviews_total, cycle=data.cycle))
    return fig


def round_table_shares(totals: pd.DataFrame) -> pd.DataFrame:
    """Return, per region and round table, the mean share of reviews reporting its objectives.

    Returns:
        A new frame indexed by region (``GLOBAL`` last), one column per round table, in 0..1.
    """
    shares = totals.assign(share=totals["reviews_reporting"]
                           / totals["reviews_total"].where(totals["reviews_total"] > 0))
    table = shares.pivot_table(index="region", columns="round_table", values="share",
                               aggfunc="mean").fillna(0.0)
    order = sorted(table.index, key=lambda code: (code == GLOBAL, code))
    return table.reindex(index=order, columns=[rt.code for rt in gcm.ROUND_TABLES],
                         fill_value=0.0)


@dataclass(frozen=True)
class RegionShares:
    """What the regions chart draws: shares per region and round table, reviews per region."""

    shares: pd.DataFrame  # percent, by region (GLOBAL last) × round table
    reviews: pd.Series  # reviews per region
    cycle: str


def region_shares(totals: pd.DataFrame, cycle: str | None = None) -> RegionShares:
    """Return, per region, the mean share (in percent) of reviews reporting per round table.

    Raises:
        ValueError: the table is empty (for ``cycle``).
    """
    rows = select_rows(totals, None, cycle)
    return RegionShares(round_table_shares(rows) * 100,
                        rows.groupby("region")["reviews_total"].max(),
                        str(rows["cycle"].iloc[0]))


def plot_regions_compared(totals: pd.DataFrame, *, cycle: str | None = None,
                          labels: Labels | None = None) -> Figure:
    """Draw the regions side by side: per round table, the mean share of reviews reporting.

    Returns:
        A new Figure of grouped bars, one group per region, one bar per round table.

    Raises:
        ValueError: the table is empty (for ``cycle``).
    """
    return draw_regions_compared(region_shares(totals, cycle), labels)


def draw_regions_compared(data: RegionShares, labels: Labels | None = None) -> Figure:
    """Draw ``data`` (see ``region_shares``) as grouped bars."""
    words = labels or Labels()
    shares, reviews = data.shares, data.reviews
    width = 0.8 / shares.shape[1]
    with styled():
        fig = new_figure(max(7.0, 1.3 * len(shares) + 3), 4.6)
        ax = fig.subplots()
        for i, code in enumerate(shares.columns):
            ax.bar(np.arange(len(shares)) + (i - 1.5) * width, shares[code], width,
                   color=ROUND_TABLE_COLOURS[code])
        ax.set_xticks(np.arange(len(shares)),
                      [f"{words.region_code(code)}\n(n={reviews[code]})" for code in shares.index])
        ax.set_ylim(0, 100)
        ax.set_xlabel(words("h_region"))
        ax.set_ylabel(words("a_share"))
        set_title(fig, words("c_regions"))
        fig.legend(handles=_round_table_legend(words), loc="outside right upper")
        add_source(fig, words("source", n=int(reviews.get(GLOBAL, reviews.max())),
                              cycle=data.cycle),
                   small_sample_note({str(k): int(v) for k, v in reviews.items()}, words))
    return fig


def support_need_counts(register: pd.DataFrame) -> pd.Series:
    """Return, per support-need category, the reviewing States asking for it.

    Returns:
        A new Series indexed by every category of ``gcm.SUPPORT_NEED_CATEGORIES`` (zeros kept).
        Stakeholder contributions are not counted.
    """
    needs = register[(register["category"] == "support-needed")
                     & (register["document_kind"] == "national-review")]
    exploded = needs[["country_iso3", "support_needs"]].explode("support_needs").dropna()
    counts = exploded.groupby("support_needs")["country_iso3"].nunique()
    return counts.reindex(list(gcm.SUPPORT_NEED_CATEGORIES), fill_value=0).astype(int)


@dataclass(frozen=True)
class SupportNeeds:
    """What the support-needs chart draws: reviewing States per category, reviews, cycle."""

    counts: pd.Series
    reviews: int
    cycle: str


def support_needs(register: pd.DataFrame, region: str, reviews: int,
                  cycle: str | None = None) -> SupportNeeds:
    """Return, for ``region``, the reviewing States asking for each kind of support.

    Raises:
        ValueError: the register has no rows for ``region`` (and ``cycle``).
    """
    rows = select_rows(register, region, cycle)
    return SupportNeeds(support_need_counts(rows), reviews, str(rows["cycle"].iloc[0]))


def plot_support_needs(register: pd.DataFrame, region: str, reviews: int, *,
                       cycle: str | None = None, labels: Labels | None = None) -> Figure:
    """Draw, for one region, how many reviewing States ask for each kind of support.

    Args:
        register: The challenge register (rows of category ``support-needed`` are counted).
        region: Commission code or ``GLOBAL``.
        reviews: Reviews of the region and cycle, for the source line.
        cycle: The cycle, needed when the register holds several.
        labels: Words of the report language.

    Returns:
        A new Figure of horizontal bars, one per support-need category.

    Raises:
        ValueError: the register has no rows for ``region`` (and ``cycle``).
    """
    return draw_support_needs(support_needs(register, region, reviews, cycle), region, labels)


def draw_support_needs(data: SupportNeeds, region: str, labels: Labels | None = None) -> Figure:
    """Draw ``data`` (see ``support_needs``) as horizontal bars."""
    words = labels or Labels()
    counts = data.counts
    positions = np.arange(len(counts))
    with styled():
        fig = new_figure(8.0, 3.6)
        ax = fig.subplots()
        ax.barh(positions, counts.to_numpy(), color=OKABE_ITO["vermillion"], height=0.6)
        ax.set_yticks(positions, [words.support_need(key) for key in counts.index])
        ax.set_ylim(len(counts) - 0.5, -0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max(1, int(counts.max())) * 1.1)
        ax.set_xlabel(words("h_states"))
        set_title(fig, f"{words('c_support')} — {words.region_code(region)}")
        add_source(fig, words("source", n=data.reviews, cycle=data.cycle))
    return fig
