"""Export the compilation tables as CSV files and one Excel workbook for readers of the report.

CSVs are UTF-8 with a byte-order mark so that Excel shows accented country names correctly;
list cells (passage ids, commissions) are joined with ``"; "``. The workbook ``compilation.xlsx``
holds a README sheet, one sheet per table and a wide country × objective sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from imrf_analysis import gcm
from imrf_analysis.catalog import PROCESSED_DATASETS, atomic_path

WORKBOOK_NAME = "compilation.xlsx"
WIDE_SHEET = "country_by_objective"
LIST_SEPARATOR = "; "
_EXCEL_CELL_LIMIT = 32_767
_SHEET_NAME_LIMIT = 31
_TRUNCATED = " … [truncated: see the CSV]"

TABLE_DESCRIPTIONS: dict[str, str] = {
    "documents": "Submission register: one row per document read, with its country, "
                 "commissions, kind, language, pages and passages.",
    "quarantine": "Files set aside, the stage that set them aside, why, and what to do.",
    "country_objective_matrix": "One row per region × reviewing country × objective: tagged "
                                "passages, reviews reporting and the passage ids behind them "
                                "(joined with \"; \").",
    "objective_totals": "One row per region × objective: reviews and countries reporting.",
    "round_table_evidence": "The strongest passages per region and objective, with country, "
                            "file, page and passage id.",
    "principle_matrix": "One row per region × country × guiding principle: tagged passages "
                        "and their passage ids (joined with \"; \").",
    "coverage_gaps": "Objectives that no review in a region, or a given review, reports on.",
}


def _cell_text(value: object) -> object:
    """Return ``value`` with list cells joined and numpy scalars made plain Python."""
    if isinstance(value, list | tuple | np.ndarray):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def flatten_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose list cells are joined with ``"; "``."""
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].dtype == object:
            flat[column] = flat[column].map(_cell_text)
    return flat


def country_objective_wide(matrix: pd.DataFrame) -> pd.DataFrame:
    """Pivot the country × objective matrix to one row per region and country.

    Returns:
        A new frame: ``region, cycle, country_iso3, country_name`` then one column per objective
        in round-table order holding tagged passages, and after each region's countries a total
        row whose cells read ``"N of M reviews"``.
    """
    order = gcm.objectives_in_round_table_order()
    headers = {n: f"{n} – {gcm.objective(n).short_name['en']} "
                  f"({gcm.round_table_of(n).code})" for n in order}
    keys = ["region", "cycle", "country_iso3", "country_name"]
    blocks = []
    for (region, cycle), rows in matrix.groupby(["region", "cycle"], sort=True):
        wide = (rows.pivot_table(index=keys, columns="objective", values="passages",
                                 aggfunc="sum", fill_value=0)
                .reindex(columns=order, fill_value=0)
                .sort_index(level="country_name").reset_index())
        reviews_total = int(rows.groupby("country_iso3")["reviews_total"].max().sum())
        reporting = rows.groupby("objective")["reviews"].sum().reindex(order, fill_value=0)
        total: dict[object, object] = {"region": region, "cycle": cycle, "country_iso3": "",
                 "country_name": f"Total ({rows['country_iso3'].nunique()} countries)",
                 **{n: f"{int(reporting[n])} of {reviews_total} reviews" for n in order}}
        blocks.append(pd.concat([wide.astype({n: object for n in order}), pd.DataFrame([total])],
                                ignore_index=True))
    if not blocks:
        return pd.DataFrame(columns=[*keys, *headers.values()])
    wide_all = pd.concat(blocks, ignore_index=True)
    wide_all.columns = [headers.get(c, c) for c in wide_all.columns]
    return wide_all


def sheet_names(names: Iterable[str]) -> dict[str, str]:
    """Return a valid, unique Excel sheet name (≤ 31 characters) for each table name."""
    taken: set[str] = {"readme"}
    result: dict[str, str] = {}
    for name in names:
        base = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "sheet"
        candidate, suffix = base[:_SHEET_NAME_LIMIT], 2
        while candidate.lower() in taken:
            tail = f"~{suffix}"
            candidate, suffix = base[:_SHEET_NAME_LIMIT - len(tail)] + tail, suffix + 1
        taken.add(candidate.lower())
        result[name] = candidate
    return result


def _excel_value(value: object) -> object:
    value = _cell_text(value)
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(text) > _EXCEL_CELL_LIMIT:
            return text[:_EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
        return text
    return value


def _fill_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_excel_value(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Text from reviews may start with "=": store it as text, never as a formula.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
    for index, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
    sheet.freeze_panes = "A2"


def _readme(sheets: dict[str, pd.DataFrame], names: dict[str, str]) -> pd.DataFrame:
    derived = {WIDE_SHEET: ("Tagged passages per country (rows) and objective (columns, in "
                            "round-table order); each region ends with a total row of reviews "
                            "reporting out of reviews.", "derived from country_objective_matrix")}
    rows = []
    for name, frame in sheets.items():
        contents, source = derived.get(name) or (
            TABLE_DESCRIPTIONS.get(name, f"Compilation table {name}."),
            f"data/processed/{PROCESSED_DATASETS.get(name, name + '.parquet')}")
        rows.append((names[name], contents, source, len(frame)))
    return pd.DataFrame(rows, columns=["sheet", "contents", "source", "rows"])


def write_tables(tables: dict[str, pd.DataFrame], reports_dir: Path) -> list[Path]:
    """Write each table as ``<name>.csv`` and all of them to ``compilation.xlsx``.

    Args:
        tables: Compilation tables by dataset name (e.g. ``CompilationTables.as_dict()``).
        reports_dir: Folder receiving the files (created when missing).

    Returns:
        The paths written, CSVs first then the workbook; each was written atomically.
    """
    reports_dir = Path(reports_dir)
    written = []
    for name, frame in tables.items():
        target = reports_dir / f"{name}.csv"
        with atomic_path(target) as tmp:
            flatten_lists(frame).to_csv(tmp, index=False, encoding="utf-8-sig")
        written.append(target)

    sheets = dict(tables)
    if "country_objective_matrix" in tables and WIDE_SHEET not in tables:
        sheets[WIDE_SHEET] = country_objective_wide(tables["country_objective_matrix"])
    names = sheet_names(sheets)
    workbook = Workbook()
    readme = workbook.active
    readme.title = "README"
    _fill_sheet(readme, _readme(sheets, names))
    for name, frame in sheets.items():
        _fill_sheet(workbook.create_sheet(names[name]), frame)
    target = reports_dir / WORKBOOK_NAME
    with atomic_path(target) as tmp:
        workbook.save(tmp)
    written.append(target)
    return written
