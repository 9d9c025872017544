"""Selecting the rows of one region and cycle from a table of the whole run."""

from __future__ import annotations

import pandas as pd


def select_rows(frame: pd.DataFrame, region: str | None, cycle: str | None) -> pd.DataFrame:
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


def reviews_in(matrix_rows: pd.DataFrame) -> int:
    """Return the reviews behind already-selected country × objective rows."""
    if matrix_rows.empty:
        return 0
    return int(matrix_rows.groupby("country_iso3")["reviews_total"].max().sum())
