"""The country × objective matrix pivoted wide: a level per cell, totals in words."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.compilation.scope import sort_rows
from imrf_analysis.reference import gcm
from imrf_analysis.reporting.report.labels import Labels

WIDE_KEYS: list[str] = ["region", "cycle", "country_iso3", "country_name"]
ROW_TOTAL = "objectives reported"
LEVEL_WORDS: dict[str, str] = {
    "not-mentioned": "not mentioned", "mentioned": "mentioned",
    "progress-reported": "progress reported", "challenge-reported": "challenge reported",
}


# The sheet's own words in English, French and Spanish.
_WORDS: dict[str, tuple[str, str, str]] = {
    "objectives": ("{k} of {n} objectives", "{k} objectifs sur {n}", "{k} de {n} objetivos"),
    "reviews": ("{k} of {n} reviews", "{k} examens sur {n}", "{k} de {n} exámenes"),
    "total": ("Total ({n} countries)", "Total ({n} pays)", "Total ({n} países)"),
    "row_total": (ROW_TOTAL, "objectifs traités", "objetivos tratados"),
}
_LANGUAGES = ("en", "fr", "es")


def level_words(language: str = "en") -> dict[str, str]:
    """Return the words of each level of reporting in ``language`` (the reports' labels)."""
    words = Labels(language)
    return {level: words.level(level) for level in LEVEL_WORDS}


def _say(key: str, language: str, **values: object) -> str:
    return _WORDS[key][_LANGUAGES.index(language)].format(**values)


def objective_header(number: int, language: str = "en") -> str:
    """Return the wide sheet's header of objective ``number``: ``"5 – Regular pathways (RT1)"``."""
    short = gcm.objective(number).short_name
    return (f"{number} – {short.get(language, short['en'])} "
            f"({gcm.round_table_of(number).code})")


def _levels(matrix: pd.DataFrame, language: str) -> pd.Series:
    words = level_words(language)
    if "level" in matrix.columns:
        return matrix["level"].map(words)
    return matrix["passages"].gt(0).map({True: words["mentioned"],
                                         False: words["not-mentioned"]})


def country_objective_wide(matrix: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """Pivot the country × objective matrix to one row per region, cycle and country.

    Words (levels, totals, objective headers) are in ``language`` (en, fr or es).

    Returns:
        A new frame: ``WIDE_KEYS``, then one column per objective in round-table order holding
        the level of reporting in words, then ``ROW_TOTAL`` ("K of 23 objectives"). After each
        region's countries (sorted by name) comes a total row reading "N of M reviews" per
        objective.
    """
    order = list(gcm.objectives_in_round_table_order())
    headers = [objective_header(n, language) for n in order]
    row_total = _say("row_total", language)
    if matrix.empty:
        return pd.DataFrame(columns=[*WIDE_KEYS, *headers, row_total])
    none = level_words(language)["not-mentioned"]
    cells = matrix.assign(words=_levels(matrix, language))
    wide = (cells.pivot(index=WIDE_KEYS, columns="objective", values="words")
            .reindex(columns=order, fill_value=none).fillna(none))
    reported = cells[cells["passages"] > 0].groupby(WIDE_KEYS)["objective"].nunique()
    wide[row_total] = [_say("objectives", language, k=int(reported.get(key, 0)), n=len(order))
                       for key in wide.index]
    wide = wide.reset_index()
    wide.columns = [*WIDE_KEYS, *headers, row_total]
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
        "country_name": [_say("total", language, n=countries[key]) for key in reporting.index],
        **{header: [_say("reviews", language, k=int(reporting.loc[key, n]), n=int(reviews[key]))
                    for key in reporting.index] for n, header in zip(order, headers, strict=True)},
        row_total: [_say("objectives", language, k=int((reporting.loc[key] > 0).sum()),
                         n=len(order)) for key in reporting.index],
        "_total": 1,
    })
    both = pd.concat([wide, totals], ignore_index=True)
    return sort_rows(both, [*groups, "_total", "country_name"]).drop(columns="_total")
