"""Run summaries published as orchestrator artifacts."""

from pathlib import Path

import pandas as pd

from imrf_analysis.runs.summary import coverage_summary_markdown, register_records


def _totals() -> pd.DataFrame:
    rows = []
    for region, reporting in (("ECE", {5, 6}), ("ESCWA", {4})):
        for n in range(1, 24):
            rows.append({"region": region, "cycle": "2026", "objective": n,
                         "reviews_reporting": int(n in reporting), "reviews_total": 2})
    return pd.DataFrame(rows)


def test_coverage_summary_names_unreported_objectives_per_region_and_lists_quarantine():
    quarantine = pd.DataFrame([{"file": "scan.pdf", "stage": "extract", "reason": "no text",
                                "hint": "OCR"}])
    markdown = coverage_summary_markdown(_totals(), quarantine, [Path("/tmp/r/report-ECE.html")],
                                         regions=("ECE",))
    ece_row = next(line for line in markdown.splitlines() if line.startswith("| ECE"))
    assert "| 5 (" not in ece_row and " 5 (Regular" not in ece_row
    assert "6 (Recruitment" not in ece_row and "4 (Legal identity" in ece_row
    assert "20 (Remittances)" in ece_row
    assert "ESCWA" not in markdown
    assert "`scan.pdf` (extract): no text" in markdown
    assert "[report-ECE.html](file:///tmp/r/report-ECE.html)" in markdown


def test_register_records_are_plain_json_values_sorted_by_country():
    documents = pd.DataFrame([
        {"country_name": "Spain", "country_iso3": "ESP", "file": "b.txt", "document_kind": "x",
         "language": "es", "date": "2026-01-01", "pages": 0, "passages": 10, "document_id": "b",
         "text_encoding": "cp1252"},
        {"country_name": "Kenya", "country_iso3": "KEN", "file": "a.pdf", "document_kind": "x",
         "language": "en", "date": "2026-01-02", "pages": 4, "passages": 12, "document_id": "a",
         "text_encoding": ""},
    ])
    records = register_records(documents)
    assert [r["country_iso3"] for r in records] == ["KEN", "ESP"]
    assert type(records[0]["pages"]) is int
    # The encoding a text review was read in is shown with it.
    assert [r["text_encoding"] for r in records] == ["", "cp1252"]


def test_the_run_summary_says_what_was_compiled_left_out_and_written(tmp_path):
    import json

    import pandas as pd

    from imrf_analysis.runs.summary import run_summary
    from imrf_analysis.store.catalog import Catalog

    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    catalog.processed_dir.mkdir(parents=True)
    report = catalog.reports_dir / "2026" / "synthesis-ECA.html"
    catalog.path("manifest").write_text(json.dumps({
        "input_files": 3, "counts": {"documents": 2, "passages": 1234},
        "reports": [str(report)]}), encoding="utf-8")
    catalog.save("quarantine", pd.DataFrame({
        "file": ["togo.pdf"], "stage": ["extract"], "reason": ["the PDF cannot be read"],
        "hint": ["send it again"], "country_iso3": ["TGO"]}))
    catalog.save("analyst_decisions", pd.DataFrame({
        "status": ["applied", "applied", "no longer matches"]}))
    lines = run_summary(catalog, 41.6).splitlines()
    assert lines[0] == "Compiled 2 of 3 files (1,234 passages) in 42 s."
    assert (f"Analysts' decisions ({catalog.corrections_dir}): 2 applied, 1 no longer matches; "
            f"see {catalog.path('analyst_decisions')}") in lines
    assert "  [extract] togo.pdf: the PDF cannot be read" in lines
    assert f"1 reports (HTML, with Word files beside them) in {report.parent}" in lines
    assert lines[-1].endswith("reports/validation/index.html")
