"""The compilation tables a regional report is rendered from, and their region selections.

``CompilationTables`` holds the full tables of one run (every region and cycle); the renderer
selects one region and cycle itself, so a flow loads the tables once and renders every region.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Protocol

import numpy as np
import pandas as pd

from imrf_analysis import regions
from imrf_analysis.catalog import Catalog
from imrf_analysis.compile import GLOBAL, documents_in_region


class Finding(Protocol):
    """A validation finding: which contract failed, on which dataset and column."""

    @property
    def dataset(self) -> str: ...  # noqa: D102

    @property
    def expectation(self) -> str: ...  # noqa: D102

    @property
    def column(self) -> str | None: ...  # noqa: D102

    @property
    def message(self) -> str: ...  # noqa: D102


@dataclass(frozen=True)
class CompilationTables:
    """The compiled tables of one run, for every region and cycle (not pre-filtered)."""

    documents: pd.DataFrame
    quarantine: pd.DataFrame
    country_objective_matrix: pd.DataFrame
    objective_totals: pd.DataFrame
    round_table_evidence: pd.DataFrame
    principle_matrix: pd.DataFrame
    coverage_gaps: pd.DataFrame

    def as_dict(self) -> dict[str, pd.DataFrame]:
        """Return the tables keyed by their catalog dataset names."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def load_compilation_tables(catalog: Catalog) -> CompilationTables:
    """Read the compilation tables of a run from its processed datasets.

    Returns:
        The tables, as written by the compile stage.
    """
    return CompilationTables(**{f.name: catalog.load(f.name) for f in fields(CompilationTables)})


def as_list(value: object) -> list[str]:
    """Return a list cell (list, tuple, numpy array from Parquet, or missing) as a list of str."""
    if value is None:
        return []
    if isinstance(value, list | tuple | np.ndarray):
        return [str(item) for item in value]
    if isinstance(value, float) and np.isnan(value):
        return []
    return [str(value)]


def select_region(frame: pd.DataFrame, region: str, cycle: str) -> pd.DataFrame:
    """Return the rows of a region-keyed table for ``region`` and ``cycle``."""
    return frame[(frame["region"] == region) & (frame["cycle"] == cycle)]


def select_documents(documents: pd.DataFrame, region: str, cycle: str) -> pd.DataFrame:
    """Return the register rows of ``cycle`` in ``region`` (every one for ``GLOBAL``)."""
    return documents_in_region(documents[documents["cycle"] == cycle], region)


def region_title(region: str) -> str:
    """Return the full name of a commission, ``"All regions"`` for GLOBAL, else the code."""
    if region == GLOBAL:
        return "All regions"
    commission = regions.COMMISSIONS.get(region)
    return commission.name if commission else region


def review_counts(matrix: pd.DataFrame) -> tuple[int, int]:
    """Return (reviews, reviewing countries) of an already-selected country × objective matrix."""
    if matrix.empty:
        return 0, 0
    per_country = matrix.groupby("country_iso3")["reviews_total"].max()
    return int(per_country.sum()), int(len(per_country))


def join_numbers(numbers: Iterable[int]) -> str:
    """Return numbers sorted and comma-joined, e.g. ``"3, 8, 21"``."""
    return ", ".join(str(n) for n in sorted(int(n) for n in numbers))
