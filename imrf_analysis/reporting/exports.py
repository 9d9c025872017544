"""Export the compilation tables as CSV files and one Excel workbook for readers of the report.

CSVs are UTF-8 with a byte-order mark so that Excel shows accented country names correctly;
list cells (passage ids, commissions) are joined with ``"; "``; their headers and values are
the datasets' own, the same in every edition, for scripts. The workbook ``compilation.xlsx`` is
for readers, in the edition's language: readable headers, country names, commission acronyms,
kinds of documents and evidence, levels and principles in words; a README sheet (each sheet
and each column, with the name it has in the CSV and Parquet files), one sheet per table and a
wide country × objective sheet. Text from reviews never becomes a formula: in the workbook it is
stored as text, and in a CSV a text cell starting with ``= + - @`` gets a leading apostrophe.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from xlsxwriter.worksheet import Worksheet as XlsxSheet

from imrf_analysis.compilation.columns import (
    COLUMN_DESCRIPTIONS,
    COLUMN_HEADERS,
    TABLE_DESCRIPTIONS,
)
from imrf_analysis.compilation.wide import (
    LEVEL_WORDS,
    WIDE_KEYS,
    country_objective_wide,
    level_words,
)
from imrf_analysis.reference import gcm
from imrf_analysis.reporting.report.labels import REPORT_LANGUAGES, Labels
from imrf_analysis.store.catalog import PROCESSED_DATASETS, write_bytes

__all__ = ["LIST_SEPARATOR", "WIDE_SHEET", "WORKBOOK_NAME", "country_objective_wide", "header",
           "in_edition",
           "flatten_lists", "render_csvs", "render_workbook", "sheet_names", "write_rendered"]

WORKBOOK_NAME = "compilation.xlsx"
WIDE_SHEET = "country_by_objective"
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet set up for French, Spanish or German opens a CSV split at semicolons, quotes
# or not: what follows a ";" in a text is a cell of its own there, and gets the apostrophe too.
_FORMULA_AFTER_SEMICOLON = re.compile(r";(\s*)(?=[=+\-@])")
_EXCEL_CELL_LIMIT = 32_767
_SHEET_NAME_LIMIT = 31
_TRUNCATED = " … [truncated: see the CSV]"
# Colour-blind-safe fills (Okabe-Ito, lightened) for the levels of the wide sheet.
_LEVEL_FILLS = {"challenge-reported": "F5C285", "progress-reported": "9CCFEF",
                "mentioned": "E6E6E6"}
# The README sheet's own headers.
_README_HEADERS: dict[str, tuple[str, str, str]] = {
    "sheet": ("Sheet", "Feuille", "Hoja"), "header": ("Header", "En-tête", "Encabezado"),
    "column": ("Column in the CSV and Parquet files", "Colonne des fichiers CSV et Parquet",
               "Columna de los archivos CSV y Parquet"),
    "description": ("Description (English)", "Description (en anglais)",
                    "Descripción (en inglés)"),
    "source": ("Source", "Source", "Fuente"), "rows": ("Rows", "Lignes", "Filas")}
# Nothing a review wrote is read as a formula, a link or a number.
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}
WORKBOOK_CREATED = datetime(2000, 1, 1)


def _cell_text(value: object) -> object:
    """Return ``value`` with list cells joined and numpy scalars made plain Python."""
    if isinstance(value, list | tuple | np.ndarray):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _csv_text(value: object) -> object:
    value = _cell_text(value)
    if isinstance(value, str):
        value = _FORMULA_AFTER_SEMICOLON.sub(r";\1'", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def flatten_lists(frame: pd.DataFrame, csv: bool = False) -> pd.DataFrame:
    """Return a copy of ``frame`` whose list cells are joined with ``"; "``.

    Args:
        frame: A compiled table.
        csv: Also prefix text that a spreadsheet would read as a formula with an apostrophe.
    """
    flat = frame.copy()
    for column in flat.columns:
        values = flat[column]
        if isinstance(values.dtype, pd.StringDtype):  # text only: nothing to join
            if csv:
                values = values.str.replace(_FORMULA_AFTER_SEMICOLON, r";\1'", regex=True)
                formula = values.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(bool)
                flat[column] = values.where(~formula, "'" + values)
        elif values.dtype == object:
            flat[column] = values.map(_csv_text if csv else _cell_text)
    return flat


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
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(text) > _EXCEL_CELL_LIMIT:
            return text[:_EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
        return text
    return value


def _excel_column(column: pd.Series) -> list[object]:
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return column.astype(object).where(column.notna(), None).tolist()
    if not isinstance(column.dtype, pd.StringDtype):
        return [_excel_value(value) for value in column.tolist()]
    # Text: taken as it is, but for the few cells with a character Excel refuses or too long
    # for a cell, found at once by the column's own string methods.
    values = column.astype(object).where(column.notna(), None).tolist()
    to_clean = (column.str.contains(ILLEGAL_CHARACTERS_RE.pattern, regex=True)
                | (column.str.len() > _EXCEL_CELL_LIMIT)).fillna(False).to_numpy(bool)
    for index in np.flatnonzero(to_clean):
        values[index] = _excel_value(values[index])
    return values


class _Styles:
    """The few cell formats of the workbook, created once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook, language: str = "en") -> None:
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        # Fractions shown rounded (the cell keeps the value): scores and shares.
        self.fraction = book.add_format({"num_format": "0.00"})
        self.group = book.add_format({"bold": True, "align": "center"})
        words = level_words(language)
        self.levels = {words[level]: book.add_format({"pattern": 1, "bg_color": f"#{colour}"})
                       for level, colour in _LEVEL_FILLS.items()}


def _fill_sheet(sheet: XlsxSheet, frame: pd.DataFrame, styles: _Styles,
                header_row: int = 0, level_from: int | None = None) -> None:
    """Write ``frame`` with a bold header at ``header_row`` (0-based), rows below it.

    Text is written as text (a review's "=..." never becomes a formula); from column
    ``level_from`` on, cells naming a level get that level's fill.
    """
    sheet.write_row(header_row, 0, [str(c) for c in frame.columns], styles.header)
    columns = [_excel_column(frame[c]) for c in frame.columns]
    for offset, row in enumerate(zip(*columns, strict=True), start=header_row + 1):
        for index, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                level = styles.levels.get(value) if level_from is not None and (
                    index >= level_from) else None
                sheet.write_string(offset, index, value, level)
            elif isinstance(value, bool):
                sheet.write_boolean(offset, index, value)
            elif isinstance(value, float):
                sheet.write_number(offset, index, value, styles.fraction)
            elif isinstance(value, int):
                sheet.write_number(offset, index, value)
            else:
                sheet.write_string(offset, index, str(value))
    for index, column in enumerate(frame.columns):
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
        sheet.set_column(index, index, min(60, max(8, longest + 2)))
    sheet.freeze_panes(header_row + 1, level_from or 0)
    # Filters on every column, from the header row.
    sheet.autofilter(header_row, 0, header_row + max(len(frame), 1), len(frame.columns) - 1)


def _fill_wide_sheet(sheet: XlsxSheet, wide: pd.DataFrame, styles: _Styles) -> None:
    """Write the wide sheet under a first row naming each round table over its objectives."""
    first = len(WIDE_KEYS)
    # The objectives' columns (named "5 – …"), then the row total's.
    groups = [gcm.round_table_of(int(str(c).split(" ")[0])).code
              for c in wide.columns[first:-1]]
    start = 0
    for index in range(1, len(groups) + 1):
        if index == len(groups) or groups[index] != groups[start]:
            sheet.merge_range(0, first + start, 0, first + index - 1, groups[start],
                              styles.group)
            start = index
    _fill_sheet(sheet, wide, styles, header_row=1, level_from=first)


def header(column: str, language: str = "en") -> str:
    """Return the workbook's header of dataset column ``column`` in ``language``."""
    names = COLUMN_HEADERS.get(column)
    return names[REPORT_LANGUAGES.index(language)] if names else column


def in_edition(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """Return ``frame`` as the workbook shows it: values in words, headers, in ``language``.

    Country names, commission acronyms, kinds of document and of evidence, levels, guiding
    principles, stakeholder groups and support needs are written in the edition's language;
    identifiers, files, excerpts and numbers stay as they are.
    """
    words = Labels(language)
    shown = frame.copy()
    by_value = {"region": words.region_code, "document_kind": words.document_kind,
                "category": words.category, "level": words.level,
                "guiding_principle": words.principle, "stakeholder_group": words.stakeholder_group}
    for column, translate in by_value.items():
        if column in shown and len(shown):
            shown[column] = shown[column].map(lambda v, t=translate: t(str(v)) if isinstance(
                v, str) and v else v)
    shown = words.with_country_names(shown)
    if "short_name" in shown and "objective" in shown and len(shown):
        shown["short_name"] = shown["objective"].map(
            lambda n: gcm.objective(int(n)).short_name.get(language) if pd.notna(n) else None)
    if "support_needs" in shown and len(shown):
        shown["support_needs"] = shown["support_needs"].map(
            lambda needs: [words.support_need(str(need)) for need in needs]
            if isinstance(needs, list | tuple | np.ndarray) else needs)
    headers = [header(str(c), language) for c in shown.columns]
    # Two columns of one table never share a header: the second keeps its name beside it.
    unique = [h if headers.index(h) == i else f"{h} [{c}]"
              for i, (h, c) in enumerate(zip(headers, shown.columns, strict=True))]
    return shown.set_axis(unique, axis="columns")


def _readme(sheets: dict[str, pd.DataFrame], names: dict[str, str],
            language: str) -> pd.DataFrame:
    words = level_words(language)
    wide_words = (f"Level of reporting per country (rows) and objective (columns, grouped by "
                  f"round table): {', '.join(words[level] for level in LEVEL_WORDS)}. The last "
                  f"column reads 'K of 23 objectives'; each region ends with a total row of "
                  f"'N of M reviews' reporting each objective.")
    rows: list[tuple[str, str | None, str | None, str, str | None, int | None]] = []
    for name, frame in sheets.items():
        if name == WIDE_SHEET:
            contents, source = wide_words, "derived from country_objective_matrix"
        else:
            contents = TABLE_DESCRIPTIONS.get(name, f"Compilation table {name}.")
            source = f"data/processed/{PROCESSED_DATASETS.get(name, name + '.parquet')}"
        rows.append((names[name], None, None, contents, source, len(frame)))
        if name != WIDE_SHEET:
            rows += [(names[name], header(str(column), language), str(column),
                      COLUMN_DESCRIPTIONS.get(str(column), ""), None, None)
                     for column in frame.columns]
    index = REPORT_LANGUAGES.index(language)
    return pd.DataFrame(rows, columns=[_README_HEADERS[c][index] for c in (
        "sheet", "header", "column", "description", "source", "rows")])


def render_csvs(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Return the bytes of each table's ``<name>.csv``, by file name, in the order of ``tables``."""
    files: dict[str, bytes] = {}
    for name, frame in tables.items():
        buffer = io.BytesIO()
        flatten_lists(frame, csv=True).to_csv(buffer, index=False, encoding="utf-8-sig")
        files[f"{name}.csv"] = buffer.getvalue()
    return files


def render_workbook(tables: dict[str, pd.DataFrame], language: str = "en") -> dict[str, bytes]:
    """Return the bytes of ``compilation.xlsx`` holding ``tables``, by file name.

    The workbook has a README sheet, a sheet per table and the wide country × objective sheet
    (when ``country_objective_matrix`` is among ``tables``), in ``language`` (``in_edition``).
    """
    sheets = dict(tables)
    if "country_objective_matrix" in tables and WIDE_SHEET not in tables:
        sheets[WIDE_SHEET] = country_objective_wide(tables["country_objective_matrix"],
                                                    language)
    names = sheet_names(sheets)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    # A fixed creation date: the same tables give the same bytes.
    book.set_properties({"created": WORKBOOK_CREATED})
    styles = _Styles(book, language)
    _fill_sheet(book.add_worksheet("README"), _readme(sheets, names, language), styles)
    for name, frame in sheets.items():
        sheet = book.add_worksheet(names[name])
        if name == WIDE_SHEET:
            _fill_wide_sheet(sheet, in_edition(frame, language), styles)
        else:
            _fill_sheet(sheet, in_edition(frame, language), styles)
    book.close()
    return {WORKBOOK_NAME: buffer.getvalue()}


def write_rendered(files: dict[str, bytes], reports_dir: Path) -> list[Path]:
    """Write the files of ``render_tables`` into ``reports_dir``, each atomically.

    Returns:
        The paths written, in the order of ``files``.
    """
    return [write_bytes(data, Path(reports_dir) / name) for name, data in files.items()]
