"""The country × objective matrix pivoted wide: a level per cell, totals in words."""

from __future__ import annotations

import pandas as pd

from imrf_analysis import gcm
from imrf_analysis.compilation.scope import sort_rows

WIDE_KEYS: list[str] = ["region", "cycle", "country_iso3", "country_name"]
ROW_TOTAL = "objectives reported"
LEVEL_WORDS: dict[str, str] = {
    "not-mentioned": "not mentioned", "mentioned": "mentioned",
    "progress-reported": "progress reported", "challenge-reported": "challenge reported",
}


def objective_header(number: int) -> str:
    """Return the wide sheet's header of objective ``number``: ``"5 – Regular pathways (RT1)"``."""
    return (f"{number} – {gcm.objective(number).short_name['en']} "
            f"({gcm.round_table_of(number).code})")


def _levels(matrix: pd.DataFrame) -> pd.Series:
    if "level" in matrix.columns:
        return matrix["level"].map(LEVEL_WORDS)
    return matrix["passages"].gt(0).map({True: "mentioned", False: "not mentioned"})


def country_objective_wide(matrix: pd.DataFrame) -> pd.DataFrame:
    """Pivot the country × objective matrix to one row per region, cycle and country.

    Returns:
        A new frame: ``WIDE_KEYS``, then one column per objective in round-table order holding
        the level of reporting in words, then ``ROW_TOTAL`` ("K of 23 objectives"). After each
        region's countries (sorted by name) comes a total row reading "N of M reviews" per
        objective.
    """
    order = list(gcm.objectives_in_round_table_order())
    headers = [objective_header(n) for n in order]
    if matrix.empty:
        return pd.DataFrame(columns=[*WIDE_KEYS, *headers, ROW_TOTAL])
    cells = matrix.assign(words=_levels(matrix))
    wide = (cells.pivot(index=WIDE_KEYS, columns="objective", values="words")
            .reindex(columns=order, fill_value=LEVEL_WORDS["not-mentioned"])
            .fillna(LEVEL_WORDS["not-mentioned"]))
    reported = cells[cells["passages"] > 0].groupby(WIDE_KEYS)["objective"].nunique()
    wide[ROW_TOTAL] = [f"{int(reported.get(key, 0))} of {len(order)} objectives"
                       for key in wide.index]
    wide = wide.reset_index()
    wide.columns = [*WIDE_KEYS, *headers, ROW_TOTAL]
    wide["_total"] = 0

    groups = ["region", "cycle"]
    reviews = (cells.drop_duplicates([*groups, "country_iso3"])
               .groupby(groups)["reviews_total"].sum())
    countries = cells.groupby(groups)["country_iso3"].nunique()
    reporting = (cells.pivot_table(index=groups, columns="objective", values="reviews",
                                   aggfunc="sum", fill_value=0)
                 .reindex(columns=order, fill_value=0))
    totals = pd.DataFrame({
        "region": [key[0] for key in reporting.index],
        "cycle": [key[1] for key in reporting.index],
        "country_iso3": "",
        "country_name": [f"Total ({countries[key]} countries)" for key in reporting.index],
        **{header: [f"{int(reporting.loc[key, n])} of {int(reviews[key])} reviews"
                    for key in reporting.index] for n, header in zip(order, headers, strict=True)},
        ROW_TOTAL: [f"{int((reporting.loc[key] > 0).sum())} of {len(order)} objectives"
                    for key in reporting.index],
        "_total": 1,
    })
    both = pd.concat([wide, totals], ignore_index=True)
    return sort_rows(both, [*groups, "_total", "country_name"]).drop(columns="_total")
