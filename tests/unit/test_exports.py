"""CSV files and the Excel workbook that drafters open: readable, complete and inert."""

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from imrf_analysis.compilation.wide import ROW_TOTAL
from imrf_analysis.reference import gcm
from imrf_analysis.reporting.exports import (
    WIDE_SHEET,
    WORKBOOK_NAME,
    country_objective_wide,
    header,
    render_csvs,
    render_workbook,
    sheet_names,
    write_rendered,
)

NAMES = {"ESP": "España", "TUR": "Türkiye", "MEX": "México"}
MEMBERS = {"ECE": ("ESP", "TUR"), "ECLAC": ("ESP", "MEX")}
PASSAGES = {"ESP": {5: 2, 23: 1}, "TUR": {11: 4}, "MEX": {5: 3, 20: 1}}
LEVELS = {("ESP", 5): "challenge-reported", ("MEX", 20): "progress-reported"}


def write_tables(tables, folder):
    """Write each table's CSV and the workbook, as a run does (``publish``)."""
    return write_rendered({**render_csvs(tables), **render_workbook(tables)}, folder)


def make_matrix() -> pd.DataFrame:
    return pd.DataFrame([
        {"region": region, "cycle": "2024", "country_iso3": iso3, "country_name": NAMES[iso3],
         "objective": n, "round_table": gcm.round_table_of(n).code,
         "passages": PASSAGES[iso3].get(n, 0), "reviews": int(n in PASSAGES[iso3]),
         "reviews_total": 1,
         "passage_ids": [f"{iso3}-{n}-{k}" for k in range(PASSAGES[iso3].get(n, 0))],
         "level": LEVELS.get((iso3, n), "mentioned" if n in PASSAGES[iso3] else "not-mentioned")}
        for region, members in MEMBERS.items() for iso3 in members for n in gcm.OBJECTIVE_NUMBERS])


def make_tables() -> dict[str, pd.DataFrame]:
    documents = pd.DataFrame([
        {"document_id": f"{iso3.lower()}0a", "file": f"{iso3.lower()}/review.pdf",
         "country_iso3": iso3, "country_name": name,
         "commissions": np.array(["ECE", "ECLAC"] if iso3 == "ESP" else ["ECE"], dtype=object),
         "cycle": "2024", "pages": 12}
        for iso3, name in NAMES.items()])
    evidence = pd.DataFrame([
        {"region": "ECE", "objective": 11, "rank": 1, "country_name": "Türkiye",
         "file": "tur/review.pdf", "page": 14, "passage_id": "tur0a-0011",
         "text": "=HYPERLINK(\"x\") border \x0bcontrols"},
        {"region": "ECE", "objective": 5, "rank": 1, "country_name": "España",
         "file": "esp/review.pdf", "page": 8, "passage_id": "esp0a-0005",
         "text": "Vías de migración regular"}])
    return {"documents": documents, "country_objective_matrix": make_matrix(),
            "round_table_evidence": evidence}


def test_writes_one_csv_per_table_and_one_workbook(tmp_path):
    written = write_tables(make_tables(), tmp_path / "reports")
    assert [p.name for p in written] == [
        "documents.csv", "country_objective_matrix.csv", "round_table_evidence.csv",
        WORKBOOK_NAME]
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == sorted(
        p.name for p in written)


def test_csv_has_a_byte_order_mark_and_joins_list_cells(tmp_path):
    write_tables(make_tables(), tmp_path)
    raw = (tmp_path / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    documents = pd.read_csv(tmp_path / "documents.csv", encoding="utf-8-sig")
    assert list(documents["country_name"]) == list(NAMES.values())
    assert documents.loc[0, "commissions"] == "ECE; ECLAC"
    matrix = pd.read_csv(tmp_path / "country_objective_matrix.csv", encoding="utf-8-sig")
    spain_5 = matrix[(matrix["country_iso3"] == "ESP") & (matrix["objective"] == 5)]
    assert spain_5["passage_ids"].iloc[0] == "ESP-5-0; ESP-5-1"
    assert len(matrix) == len(make_matrix())


def test_workbook_sheets_load_back_with_the_same_rows(tmp_path):
    tables = make_tables()
    write_tables(tables, tmp_path)
    sheets = pd.read_excel(tmp_path / WORKBOOK_NAME, sheet_name=None, engine="openpyxl")
    assert list(sheets) == ["README", *tables, WIDE_SHEET]
    for name, frame in tables.items():
        assert sheets[name].shape == frame.shape
        assert list(sheets[name].columns) == [header(str(c)) for c in frame.columns]
    assert sheets["documents"].loc[0, "Commissions"] == "ECE; ECLAC"


def test_readme_describes_each_sheet_and_each_column(tmp_path):
    tables = make_tables()
    write_tables(tables, tmp_path)
    readme = pd.read_excel(tmp_path / WORKBOOK_NAME, sheet_name="README", engine="openpyxl")
    readme = readme.rename(columns={"Sheet": "sheet", "Column in the CSV and Parquet files":
                                    "column", "Description (English)": "description",
                                    "Source": "source", "Rows": "rows", "Header": "header"})
    sheet_rows = readme[readme["column"].isna()].set_index("sheet")
    assert list(sheet_rows.index) == [*tables, WIDE_SHEET]
    assert sheet_rows.loc["documents", "rows"] == 3
    assert sheet_rows.loc["documents", "source"] == "data/processed/documents.parquet"
    matrix_columns = readme[readme["sheet"] == "country_objective_matrix"].dropna(
        subset=["column"])
    assert list(matrix_columns["column"]) == list(make_matrix().columns)
    described = matrix_columns.set_index("column")["description"]
    assert described.notna().all()
    assert "challenge-reported" in described["level"]
    headers = matrix_columns.set_index("column")["header"]
    assert headers["country_name"] == "Country" and headers["reviews_total"] == "Reviews"


def test_wide_sheet_shows_levels_in_round_table_order_with_row_and_column_totals():
    wide = country_objective_wide(make_matrix())
    objective_columns = list(wide.columns[4:-1])
    assert wide.columns[-1] == ROW_TOTAL
    assert [int(c.split(" ")[0]) for c in objective_columns] == (
        gcm.objectives_in_round_table_order())
    assert objective_columns[0] == "2 – Minimize adverse drivers (RT1)"
    ece = wide[wide["region"] == "ECE"]
    assert list(ece["country_name"]) == ["España", "Türkiye", "Total (2 countries)"]
    regular_pathways = "5 – Regular pathways (RT1)"
    assert list(ece[regular_pathways]) == ["challenge reported", "not mentioned",
                                           "1 of 2 reviews"]
    assert list(ece[ROW_TOTAL]) == ["2 of 23 objectives", "1 of 23 objectives",
                                    "3 of 23 objectives"]
    eclac_total = wide[(wide["region"] == "ECLAC") & (wide["country_iso3"] == "")]
    assert eclac_total[regular_pathways].iloc[0] == "2 of 2 reviews"
    assert len(wide) == 2 + 1 + 2 + 1


def test_wide_sheet_groups_objective_columns_under_their_round_table(tmp_path):
    write_tables(make_tables(), tmp_path)
    sheet = load_workbook(tmp_path / WORKBOOK_NAME)[WIDE_SHEET]
    order = gcm.objectives_in_round_table_order()
    merged = sorted((r.min_col, r.max_col) for r in sheet.merged_cells.ranges)
    assert len(merged) == 4
    for first, last in merged:
        names = {sheet.cell(row=2, column=c).value.rsplit("(", 1)[1] for c in
                 range(first, last + 1)}
        assert names == {f"{sheet.cell(row=1, column=first).value})"}
    assert sum(last - first + 1 for first, last in merged) == len(order)
    spain = [cell.value for cell in sheet[3]]
    assert spain[3] == "Spain"  # the edition's name of ESP
    challenge = sheet.cell(row=3, column=5 + order.index(5))
    assert challenge.value == "challenge reported"
    assert challenge.fill.fill_type == "solid"


def test_formula_like_text_stays_text_and_control_characters_are_dropped(tmp_path):
    write_tables(make_tables(), tmp_path)
    sheet = load_workbook(tmp_path / WORKBOOK_NAME)["round_table_evidence"]
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("Text") + 1)
    assert cell.data_type == "s"
    assert cell.value == "=HYPERLINK(\"x\") border controls"


def test_text_too_long_for_a_cell_is_cut_with_a_note_and_the_rest_kept_as_it_is(tmp_path):
    tables = make_tables()
    long_text = "\x01" + "a" * 40_000
    evidence = tables["round_table_evidence"]
    tables["round_table_evidence"] = pd.concat(
        [evidence, evidence.iloc[:1].assign(text=long_text), evidence.iloc[:1].assign(text=None)],
        ignore_index=True).astype({"text": "string"})
    write_tables(tables, tmp_path)
    sheet = load_workbook(tmp_path / WORKBOOK_NAME)["round_table_evidence"]
    headers = [c.value for c in sheet[1]]
    texts = [row[headers.index("Text")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert texts[1] == "Vías de migración regular"
    assert len(texts[2]) == 32_767 and texts[2].endswith(" … [truncated: see the CSV]")
    assert texts[2].startswith("aaa")
    assert texts[3] is None


def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(tmp_path):
    tables = make_tables()
    tables["round_table_evidence"].loc[1, "text"] = "-1+2 migrants"
    write_tables(tables, tmp_path)
    evidence = pd.read_csv(tmp_path / "round_table_evidence.csv", encoding="utf-8-sig")
    assert evidence["text"].tolist() == ["'=HYPERLINK(\"x\") border \x0bcontrols",
                                         "'-1+2 migrants"]
    assert evidence["page"].tolist() == [14, 8]


def test_a_csv_opened_with_semicolons_as_separators_shows_no_formula(tmp_path):
    import csv

    tables = make_tables()
    tables["round_table_evidence"].loc[1, "text"] = "Plan adopted;=1+2; +3 migrants"
    write_tables(tables, tmp_path)
    text = (tmp_path / "round_table_evidence.csv").read_text(encoding="utf-8-sig")
    # As a spreadsheet in a French locale splits it: at every semicolon, quotes or not.
    cells = [cell for line in text.splitlines() for part in line.split(",")
             for cell in part.split(";")]
    assert not [c for c in cells if c.strip().strip('"').startswith(("=", "+", "-", "@"))]
    evidence = pd.read_csv(tmp_path / "round_table_evidence.csv", encoding="utf-8-sig",
                           quoting=csv.QUOTE_MINIMAL)
    assert evidence["text"].tolist()[1] == "Plan adopted;'=1+2; '+3 migrants"


def test_sheet_names_are_short_unique_and_valid():
    names = sheet_names(["a" * 40, "a" * 40 + "b", "readme", "x/y:z"])
    assert all(len(n) <= 31 for n in names.values())
    assert len(set(names.values())) == 4
    assert names["readme"] != "readme"
    assert names["x/y:z"] == "x_y_z"


def test_the_same_tables_give_a_byte_identical_workbook(tmp_path):
    write_tables(make_tables(), tmp_path / "first")
    write_tables(make_tables(), tmp_path / "second")
    first, second = (tmp_path / run / WORKBOOK_NAME for run in ("first", "second"))
    assert first.read_bytes() == second.read_bytes()


def test_every_sheet_has_filters_and_fractions_show_rounded():
    import io

    from imrf_analysis.reporting.exports import render_workbook

    frame = pd.DataFrame({"country": ["Kenya", "Chile"], "score": [0.123456, 0.5],
                          "reviews": [1, 2]})
    book = load_workbook(io.BytesIO(render_workbook({"scores": frame})[WORKBOOK_NAME]))
    sheet = book["scores"]
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet["B2"].number_format == "0.00" and sheet["B2"].value == 0.123456
    assert sheet["C2"].number_format == "General"
    assert book["README"].auto_filter.ref is not None


def test_the_french_workbook_is_written_in_french(tmp_path):
    from imrf_analysis.reporting.exports import render_workbook

    book = load_workbook(io_bytes(render_workbook(make_tables(), "fr")[WORKBOOK_NAME]))
    documents = [[c.value for c in row] for row in book["documents"].iter_rows(max_row=2)]
    assert "Pays" in documents[0] and "country_name" not in documents[0]
    wide = book[WIDE_SHEET]
    assert wide.cell(row=2, column=5).value == "2 – Lutter contre les facteurs négatifs (RT1)"
    values = {c.value for row in wide.iter_rows(min_row=3) for c in row}
    assert "Espagne" in values and "non mentionné" in values
    assert not values & {"not mentioned", "challenge reported", "Spain"}
    readme = [c.value for c in book["README"][1]]
    assert readme[:3] == ["Feuille", "En-tête", "Colonne des fichiers CSV et Parquet"]


def io_bytes(data: bytes):  # noqa: ANN201
    import io

    return io.BytesIO(data)
