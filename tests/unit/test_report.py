import re
from dataclasses import dataclass

import pandas as pd
import pytest

from imrf_analysis import gcm
from imrf_analysis.catalog import Catalog
from imrf_analysis.report import (
    CompilationTables,
    load_compilation_tables,
    render_region_report,
    write_region_report,
)

NAMES = {"ESP": "Spain", "TUR": "Türkiye", "MEX": "Mexico"}
MEMBERS = {"ECE": ("ESP", "TUR"), "ECLAC": ("ESP", "MEX")}
COMMISSIONS = {"ESP": ["ECE", "ECLAC"], "TUR": ["ECE"], "MEX": ["ECLAC"]}
PASSAGES = {"ESP": {5: 2, 23: 1}, "TUR": {11: 4}, "MEX": {5: 3, 20: 1}}
HOSTILE = "Migrants <script>alert(1)</script> & families"


def file_of(iso3: str) -> str:
    return f"{iso3.lower()}/review-2024.pdf"


def make_tables() -> CompilationTables:
    documents = pd.DataFrame([
        {"document_id": f"{iso3.lower()}00000000000a", "file": file_of(iso3),
         "country_iso3": iso3, "country_name": name, "commissions": COMMISSIONS[iso3],
         "cycle": "2024", "document_kind": "national-review", "language": "en",
         "date": "2024-02-01", "format": "pdf", "pages": 12, "passages": 30, "sha256": "0" * 64}
        for iso3, name in NAMES.items()])
    quarantine = pd.DataFrame([{"file": "scan<img>.pdf", "stage": "extract",
                                "reason": "no text layer", "hint": "OCR it & resubmit"}])
    matrix = pd.DataFrame([
        {"region": region, "cycle": "2024", "country_iso3": iso3, "country_name": NAMES[iso3],
         "objective": n, "round_table": gcm.round_table_of(n).code,
         "passages": PASSAGES[iso3].get(n, 0), "reviews": int(n in PASSAGES[iso3]),
         "reviews_total": 1, "passage_ids": []}
        for region, members in MEMBERS.items() for iso3 in members for n in gcm.OBJECTIVE_NUMBERS])
    totals = pd.DataFrame([
        {"region": region, "cycle": "2024", "objective": n,
         "round_table": gcm.round_table_of(n).code,
         "short_name": gcm.objective(n).short_name["en"],
         "reviews_reporting": (k := sum(n in PASSAGES[i] for i in members)),
         "reviews_total": len(members), "countries_reporting": k,
         "countries_total": len(members), "label": f"{k} of {len(members)} reviews"}
        for region, members in MEMBERS.items() for n in gcm.OBJECTIVE_NUMBERS])
    evidence = pd.DataFrame([
        {"region": region, "cycle": "2024", "round_table": gcm.round_table_of(n).code,
         "objective": n, "rank": rank, "country_iso3": iso3, "country_name": NAMES[iso3],
         "document_id": f"{iso3.lower()}00000000000a", "file": file_of(iso3), "page": 3 + n,
         "passage_id": f"{iso3.lower()}00000000000a-{n:04d}", "score": 0.9,
         "text": HOSTILE if iso3 == "TUR" else f"{NAMES[iso3]} reports on objective {n}."}
        for region, members in MEMBERS.items() for n in gcm.OBJECTIVE_NUMBERS
        for rank, iso3 in enumerate((i for i in members if n in PASSAGES[i]), start=1)])
    principles = pd.DataFrame([
        {"region": region, "cycle": "2024", "country_iso3": iso3, "country_name": NAMES[iso3],
         "guiding_principle": slug, "passages": int(slug == "human-rights"), "passage_ids": []}
        for region, members in MEMBERS.items() for iso3 in members
        for slug in gcm.GUIDING_PRINCIPLE_SLUGS])
    reported = {(r, n) for r, members in MEMBERS.items() for i in members for n in PASSAGES[i]}
    gaps = pd.DataFrame(
        [{"region": r, "cycle": "2024", "scope": "region", "country_iso3": None,
          "document_id": None, "file": None, "objective": n}
         for r in MEMBERS for n in gcm.OBJECTIVE_NUMBERS if (r, n) not in reported]
        + [{"region": r, "cycle": "2024", "scope": "review", "country_iso3": i,
            "document_id": f"{i.lower()}00000000000a", "file": file_of(i), "objective": n}
           for r, members in MEMBERS.items() for i in members for n in gcm.OBJECTIVE_NUMBERS
           if n not in PASSAGES[i]])
    return CompilationTables(documents, quarantine, matrix, totals, evidence, principles, gaps)


@dataclass(frozen=True)
class Finding:
    dataset: str
    expectation: str
    column: str | None
    message: str


@pytest.fixture(scope="module")
def ece_html() -> str:
    findings = [Finding("tags", "expect_column_values_to_be_between", "score", "2 scores > 1")]
    return render_region_report("ECE", "2024", make_tables(), findings, "2024-03-11T09:00Z",
                                region_name="United Nations Economic Commission for Europe")


def test_report_title_names_the_commission_and_cycle(ece_html):
    title = ("GCM regional compilation — United Nations Economic Commission for Europe — "
             "cycle 2024")
    assert f"<title>{title}</title>" in ece_html
    assert f"<h1>{title}</h1>" in ece_html
    assert "2024-03-11T09:00Z" in ece_html
    assert "illustrative samples" in ece_html


def test_method_states_reviews_countries_and_quarantined_files(ece_html):
    assert "covers 2 reviews from 2 member States" in ece_html
    assert "1 file quarantined in this run is not counted" in ece_html


def test_register_lists_only_documents_of_the_region(ece_html):
    assert file_of("ESP") in ece_html and file_of("TUR") in ece_html
    assert file_of("MEX") not in ece_html
    assert "ECE, ECLAC" in ece_html


def test_report_has_a_section_per_round_table_with_every_objective_title(ece_html):
    for rt in gcm.ROUND_TABLES:
        assert f'<h2 id="{rt.code.lower()}">{rt.title} ({rt.code})</h2>' in ece_html
    for n in gcm.OBJECTIVE_NUMBERS:
        assert f'<h3 id="objective-{n}">Objective {n}: {gcm.objective(n).title["en"]}</h3>' in (
            ece_html.replace("&#x27;", "'"))
    assert ece_html.index('id="rt1"') < ece_html.index('id="objective-18"') < ece_html.index(
        'id="rt2"')


def test_each_objective_states_reviews_reporting(ece_html):
    assert "1 of 2 reviews · 1 of 2 countries" in ece_html
    assert ece_html.count("0 of 2 reviews") == 23 - 3


def test_evidence_is_cited_by_country_file_and_page(ece_html):
    assert "Spain — esp/review-2024.pdf, p. 8" in ece_html
    assert "Türkiye — tur/review-2024.pdf, p. 14" in ece_html
    assert "tur00000000000a-0011" in ece_html
    assert "Mexico — " not in ece_html


def test_every_value_from_the_data_is_escaped(ece_html):
    assert "<script" not in ece_html
    assert "<img>" not in ece_html
    assert "Migrants &lt;script&gt;alert(1)&lt;/script&gt; &amp; families" in ece_html
    assert "scan&lt;img&gt;.pdf" in ece_html and "OCR it &amp; resubmit" in ece_html


def test_charts_are_embedded_and_nothing_external_is_referenced(ece_html):
    sources = re.findall(r'src="([^"]*)"', ece_html)
    assert len(sources) == 3
    assert all(s.startswith("data:image/png;base64,") for s in sources)
    links = re.findall(r'href="([^"]*)"', ece_html)
    assert links and all(link.startswith("#") for link in links)
    assert "http" not in ece_html.replace(sources[0], "").replace(sources[1], "").replace(
        sources[2], "")
    assert "<link" not in ece_html


def test_coverage_summary_names_objectives_no_review_reported_on(ece_html):
    coverage = ece_html[ece_html.index('id="coverage"'):ece_html.index('id="rt1"')]
    assert "20 of 23 objectives were not reported on" in coverage
    assert "2 – Minimize adverse drivers" in coverage
    assert "11 – Manage borders" not in coverage
    assert "2 reviews leave some objectives without a tagged passage" in coverage


def test_principles_quarantine_and_findings_are_reported(ece_html):
    principles = ece_html[ece_html.index('id="principles"'):ece_html.index('id="quarantine"')]
    assert "15(f) Human rights" in principles and "2 of 2" in principles
    assert "expect_column_values_to_be_between" in ece_html and "2 scores &gt; 1" in ece_html


def test_report_without_findings_says_every_contract_passed():
    html = render_region_report("ECLAC", "2024", make_tables(), [], "now")
    assert "Every data contract passed." in html
    assert ("GCM regional compilation — Economic Commission for Latin America and the "
            "Caribbean — cycle 2024") in html
    assert "Mexico — mex/review-2024.pdf, p. 8" in html


def test_global_report_covers_every_document_of_the_cycle():
    html = render_region_report("GLOBAL", "2024", make_tables(), [], "now")
    assert "GCM regional compilation — All regions — cycle 2024" in html
    assert all(file_of(iso3) in html for iso3 in NAMES)


def test_region_without_reviews_renders_without_charts():
    html = render_region_report("ESCAP", "2024", make_tables(), [], "now")
    assert "covers 0 reviews from 0 member States" in html
    assert "No document of this region was registered" in html
    assert html.count('src="data:image/png') == 1  # the all-regions principles chart only


def test_tables_read_back_from_parquet_render_the_same_citations(tmp_path):
    catalog = Catalog.under(tmp_path / "input", tmp_path / "out")
    for name, frame in make_tables().as_dict().items():
        catalog.save(name, frame)
    tables = load_compilation_tables(catalog)
    html = render_region_report("ECE", "2024", tables, [], "now")
    assert "Türkiye — tur/review-2024.pdf, p. 14" in html
    assert "ECE, ECLAC" in html


def test_write_region_report_writes_utf8_html(tmp_path, ece_html):
    target = tmp_path / "reports" / "ece-2024.html"
    assert write_region_report(ece_html, target) == target
    assert target.read_text(encoding="utf-8") == ece_html
    assert [p.name for p in target.parent.iterdir()] == ["ece-2024.html"]


def test_stakeholder_contributions_are_marked_in_citations_and_not_counted_as_reviews():
    tables = make_tables()
    contribution = tables.documents.iloc[[0]].assign(
        document_id="espcso0000000a", file="esp/civil-society.docx",
        document_kind="stakeholder-contribution", commissions=[["ECE"]])
    quote = tables.round_table_evidence.iloc[[0]].assign(
        region="ECE", objective=2, round_table="RT1", rank=1, document_id="espcso0000000a",
        file="esp/civil-society.docx", page=2, passage_id="espcso0000000a-0001",
        text="Civil society asks for regular pathways.", document_kind="stakeholder-contribution")
    evidence = pd.concat([tables.round_table_evidence.assign(document_kind="national-review"),
                          quote], ignore_index=True)
    html = render_region_report(
        "ECE", "2024",
        CompilationTables(pd.concat([tables.documents, contribution], ignore_index=True),
                          tables.quarantine, tables.country_objective_matrix,
                          tables.objective_totals, evidence, tables.principle_matrix,
                          tables.coverage_gaps),
        [], "now")
    assert "Spain — esp/civil-society.docx, p. 2 (stakeholder contribution)" in html
    assert "Spain — esp/review-2024.pdf, p. 8 (" not in html
    assert "covers 2 reviews from 2 member States" in html
    assert "1 stakeholder contribution may be quoted as evidence" in html
