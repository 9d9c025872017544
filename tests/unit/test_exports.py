import numpy as np
import pandas as pd
from openpyxl import load_workbook

from imrf_analysis import gcm
from imrf_analysis.exports import (
    WIDE_SHEET,
    WORKBOOK_NAME,
    country_objective_wide,
    sheet_names,
    write_tables,
)

NAMES = {"ESP": "España", "TUR": "Türkiye", "MEX": "México"}
MEMBERS = {"ECE": ("ESP", "TUR"), "ECLAC": ("ESP", "MEX")}
PASSAGES = {"ESP": {5: 2, 23: 1}, "TUR": {11: 4}, "MEX": {5: 3, 20: 1}}


def make_matrix() -> pd.DataFrame:
    return pd.DataFrame([
        {"region": region, "cycle": "2024", "country_iso3": iso3, "country_name": NAMES[iso3],
         "objective": n, "round_table": gcm.round_table_of(n).code,
         "passages": PASSAGES[iso3].get(n, 0), "reviews": int(n in PASSAGES[iso3]),
         "reviews_total": 1,
         "passage_ids": [f"{iso3}-{n}-{k}" for k in range(PASSAGES[iso3].get(n, 0))]}
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
        assert list(sheets[name].columns) == list(frame.columns)
    assert sheets["documents"].loc[0, "commissions"] == "ECE; ECLAC"
    readme = sheets["README"]
    assert list(readme["sheet"]) == [*tables, WIDE_SHEET]
    assert readme.set_index("sheet").loc["documents", "rows"] == 3
    assert readme.set_index("sheet").loc["documents", "source"] == (
        "data/processed/documents.parquet")


def test_wide_sheet_puts_objectives_in_round_table_order_with_a_total_row():
    wide = country_objective_wide(make_matrix())
    objective_columns = list(wide.columns[4:])
    assert [int(c.split(" ")[0]) for c in objective_columns] == (
        gcm.objectives_in_round_table_order())
    assert objective_columns[0] == "2 – Minimize adverse drivers (RT1)"
    ece = wide[wide["region"] == "ECE"]
    assert list(ece["country_name"]) == ["España", "Türkiye", "Total (2 countries)"]
    regular_pathways = "5 – Regular pathways (RT1)"
    assert list(ece[regular_pathways]) == [2, 0, "1 of 2 reviews"]
    eclac_total = wide[(wide["region"] == "ECLAC") & (wide["country_iso3"] == "")]
    assert eclac_total[regular_pathways].iloc[0] == "2 of 2 reviews"
    assert len(wide) == 2 + 1 + 2 + 1


def test_formula_like_text_stays_text_and_control_characters_are_dropped(tmp_path):
    write_tables(make_tables(), tmp_path)
    sheet = load_workbook(tmp_path / WORKBOOK_NAME)["round_table_evidence"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("text") + 1)
    assert cell.data_type == "s"
    assert cell.value == "=HYPERLINK(\"x\") border controls"


def test_sheet_names_are_short_unique_and_valid():
    names = sheet_names(["a" * 40, "a" * 40 + "b", "readme", "x/y:z"])
    assert all(len(n) <= 31 for n in names.values())
    assert len(set(names.values())) == 4
    assert names["readme"] != "readme"
    assert names["x/y:z"] == "x_y_z"
