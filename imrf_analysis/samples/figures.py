"""Invented but stable figures for the sample reviews, and the filling of text templates.

A template says ``{victims}`` or ``{remit_gdp}``; each country gets its own value, drawn from a
generator seeded with the country code and the figure's name, so every run writes the same
numbers and two countries rarely share one.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from imrf_analysis.samples.labels import LABELS
from imrf_analysis.samples.places import Place


@dataclass(frozen=True)
class FigureRange:
    """Where an invented figure falls and how it is written."""

    low: float
    high: float
    kind: str = "count"  # count | percent | year | money
    digits: int = 0  # decimals kept; negative rounds to tens (-1), hundreds (-2), thousands (-3)


FIGURES: dict[str, FigureRange] = {
    # people
    "workers_abroad": FigureRange(180_000, 2_400_000, digits=-3),
    "diaspora": FigureRange(250_000, 4_500_000, digits=-3),
    "immigrants": FigureRange(60_000, 1_200_000, digits=-3),
    "permits": FigureRange(3_000, 85_000, digits=-1),
    "placements": FigureRange(1_200, 40_000, digits=-1),
    "victims": FigureRange(45, 950),
    "children": FigureRange(30, 1_400),
    "returnees": FigureRange(400, 15_000, digits=-1),
    "trained": FigureRange(150, 3_200, digits=-1),
    "registered": FigureRange(2_000, 450_000, digits=-2),
    "calls": FigureRange(1_500, 60_000, digits=-1),
    "inspections": FigureRange(300, 9_000, digits=-1),
    "students": FigureRange(500, 30_000, digits=-1),
    "rescued": FigureRange(80, 4_000),
    "cases": FigureRange(20, 600),
    "agencies": FigureRange(40, 900),
    "beneficiaries": FigureRange(5_000, 300_000, digits=-2),
    "participants": FigureRange(2_000, 90_000, digits=-1),
    "certified": FigureRange(1_000, 60_000, digits=-1),
    "prosecutions": FigureRange(20, 600),
    # institutions, events
    "agreements": FigureRange(3, 16),
    "centres": FigureRange(3, 28),
    "crossings": FigureRange(4, 40),
    "one_stops": FigureRange(3, 45),
    "ss_agreements": FigureRange(2, 30),
    "municipalities": FigureRange(5, 60),
    "orgs": FigureRange(25, 140),
    "meetings": FigureRange(4, 20),
    "workshops": FigureRange(3, 12),
    "missions": FigureRange(12, 90),
    "languages": FigureRange(4, 14),
    "occupations": FigureRange(8, 60),
    # shares
    "remit_gdp": FigureRange(2.0, 14.0, "percent", 1),
    "remit_cost": FigureRange(3.2, 8.9, "percent", 1),
    "share_women": FigureRange(34, 71, "percent"),
    "pct": FigureRange(12, 48, "percent"),
    "pct_growth": FigureRange(8, 65, "percent"),
    "alt_share": FigureRange(15, 60, "percent"),
    # dates and money
    "year_a": FigureRange(2018, 2021, "year"),
    "year_b": FigureRange(2022, 2025, "year"),
    "budget": FigureRange(2, 80, "money"),
    "fund": FigureRange(1, 25, "money", 1),
}


def draw(seed: str, low: float, high: float, digits: int = 0) -> float:
    """Return a number in ``[low, high]`` fixed by ``seed`` and rounded to ``digits``."""
    value = random.Random(seed).uniform(low, high)
    return round(value, digits) if digits > 0 else float(round(value, digits))


def figure(country_iso3: str, name: str) -> float:
    """Return the invented figure ``name`` for a country.

    Raises:
        KeyError: ``name`` is not in ``FIGURES``.
    """
    spec = FIGURES[name]
    return draw(f"{country_iso3}|{name}", spec.low, spec.high, spec.digits)


def format_number(value: float, lang: str, digits: int = 0) -> str:
    """Return ``value`` with the language's thousands and decimal separators."""
    labels = LABELS[lang]
    text = f"{value:,.{max(digits, 0)}f}"
    return text.replace(",", "\x00").replace(".", labels.decimal).replace("\x00",
                                                                          labels.thousands)


def format_figure(country_iso3: str, name: str, lang: str, currency: str, salt: str = "") -> str:
    """Return figure ``name`` for a country as a review in ``lang`` would print it.

    ``salt`` varies the value between passages: years use it, so that not every law of a
    country dates from the same year, while counts stay the same wherever they are cited.
    """
    spec = FIGURES[name]
    value = figure(country_iso3, name)
    if spec.kind == "year" and salt:
        value = draw(f"{country_iso3}|{name}|{salt}", spec.low, spec.high)
    labels = LABELS[lang]
    if spec.kind == "year":
        return str(int(value))
    number = format_number(value, lang, spec.digits)
    if spec.kind == "percent":
        return labels.percent.format(value=number)
    if spec.kind == "money":
        return labels.money.format(currency=currency, amount=number)
    return number


def placeholders(template: str) -> set[str]:
    """Return the names of the ``{placeholders}`` in ``template``."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def fill(template: str, country_iso3: str, lang: str, place: Place,
         extra: dict[str, str] | None = None) -> str:
    """Return ``template`` with its place names and figures filled in for one country.

    Raises:
        KeyError: the template names a placeholder that is neither a place form, a figure nor
            in ``extra``.
    """
    values = {**place.forms(), **(extra or {})}
    for name in placeholders(template) - values.keys():
        if name not in FIGURES:
            raise KeyError(f"unknown placeholder {{{name}}} in sample text: {template[:60]!r}")
        values[name] = format_figure(country_iso3, name, lang, place.currency, template)
    return template.format_map(values)
