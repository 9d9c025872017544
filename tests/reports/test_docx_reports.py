"""Each kind of Word report opened with python-docx: headings, tables, charts, plain text."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document

from imrf_analysis.reporting.report import word_document
from imrf_analysis.reporting.report.model import Report, Table
from imrf_analysis.reporting.report.word_document import plain, render_docx

KINDS = ("synthesis-ECE.docx", "synthesis-GLOBAL.docx", "round-table-RT1.docx", "digest.docx")


def _headings(document) -> list[str]:  # noqa: ANN001
    return [p.text for p in document.paragraphs
            if p.style.name.startswith("Heading") or p.style.name == "Title"]


@pytest.mark.parametrize("name", KINDS)
def test_word_report_has_headings_tables_and_embedded_charts(published, name):
    document = Document(str(published.folder / name))
    headings = _headings(document)
    assert len(headings) >= 5
    assert len(document.tables) >= 1
    assert len(document.inline_shapes) >= 1
    html_name = name.replace(".docx", ".html")
    assert published.folder / html_name in published.reports


def test_synthesis_has_the_four_round_table_chapters_and_cross_cutting_sections(published):
    headings = _headings(Document(str(published.folder / "synthesis-ECE.docx")))
    for expected in ("Method", "Round table 1", "Round table 2", "Round table 3",
                     "Round table 4", "Cross-cutting guiding principles",
                     "Stakeholder groups consulted", "Support needs", "Annexes",
                     "Annex for analysts: files left out and validation findings",
                     "Quarantined files", "Validation findings"):
        assert expected in headings
    assert any(h.startswith("Objective 23: ") for h in headings)


def test_citations_are_plain_text_country_file_and_page(published):
    document = Document(str(published.folder / "round-table-RT1.docx"))
    evidence = published.frames["round_table_evidence"]
    quoted = evidence[(evidence["region"] == "GLOBAL") & (evidence["round_table"] == "RT1")]
    texts = {p.text for p in document.paragraphs}
    row = quoted.sort_values(["objective", "rank"]).iloc[0]
    assert f"({row.country_name}, {row.file}, p. {row.page})" in "\n".join(texts)


@pytest.mark.parametrize("name", ["synthesis-ECE.docx", "synthesis-GLOBAL.docx"])
def test_markup_and_field_codes_in_a_passage_stay_plain_text(published, name):
    path = published.folder / name
    document = Document(str(path))
    assert published.hostile_text in [p.text for p in document.paragraphs]
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                      if n.endswith(".xml"))
    assert "w:fldSimple" not in xml
    # The only fields are the two the report writes itself: the contents and page numbers.
    instructions = set(re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml))
    assert instructions == {r' TOC \o "1-2" \h \z \u ', " PAGE "}
    assert "MERGEFIELD" not in "".join(instructions)
    assert "&lt;script&gt;" in xml


@pytest.mark.parametrize(("name", "language"), [("synthesis-ECE.docx", "en-GB"),
                                                ("round-table-RT1.docx", "en-GB")])
def test_word_reports_are_a4_with_page_numbers_contents_and_repeated_table_headers(
        published, name, language):
    from docx.oxml.ns import qn

    document = Document(str(published.folder / name))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and round(section.left_margin.cm, 1) == 2.2
    body = document.element.body.xml
    assert " TOC " in body
    texts = [p.text for p in document.paragraphs]
    # The contents follow the title block and precede the first section.
    assert 0 < texts.index("Contents") < next(i for i, p in enumerate(document.paragraphs)
                                              if p.style.name == "Heading 1" and i > 0
                                              and p.text != "Contents")
    assert all(t._tbl.tr_lst[0].trPr is not None
               and t._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
               for t in document.tables)
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/"
                                        f"{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == language
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def _table_the_python_docx_way(document, block) -> None:  # noqa: ANN001
    # What _table wrote before it copied runs: every cell through python-docx's own API.
    from docx.shared import Pt

    table = document.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
    table.style = "Table Grid"
    table._tbl.tr_lst[0].get_or_add_trPr().append(word_document._element("w:tblHeader"))
    word_document._set_widths(table, block)
    for index, (row, values) in enumerate(zip(table.rows, [block.headers, *block.rows],
                                              strict=True)):
        for cell, value in zip(row.cells, values, strict=True):
            run = cell.paragraphs[0].add_run(plain(value))
            run.font.size = Pt(8.5)
            if index == 0:
                run.bold = True


def test_table_cells_are_the_xml_python_docx_writes_for_any_text(monkeypatch):
    # Tabs and line breaks become their own elements, spaces at either end keep
    # xml:space="preserve", an empty cell has no text element: the copied runs must match.
    cells = ("Kenya", " leading", "trailing ", "tab\there", "line\nbreak", "", "\u00a0nbsp",
             "1 234", "<b>&amp;</b>", "é", " ", "a  b", "x\r")
    block = Table(("Country", " Objective", "Text"),
                  tuple(tuple(cells[(row + column) % len(cells)] for column in range(3))
                        for row in range(len(cells))))
    report = Report("t", "Tables", "en", (block,))
    written = zipfile.ZipFile(io.BytesIO(render_docx(report))).read("word/document.xml")
    monkeypatch.setattr(word_document, "_table", _table_the_python_docx_way)
    expected = zipfile.ZipFile(io.BytesIO(render_docx(report))).read("word/document.xml")
    assert written == expected


@pytest.mark.parametrize(("lang", "proofing", "contents"), [("fr", "fr-FR", "Sommaire"),
                                                            ("es", "es-ES", "Índice")])
def test_french_and_spanish_word_files_are_proofed_in_their_language(lang, proofing, contents):
    from docx.oxml.ns import qn

    from imrf_analysis.reporting.report.model import Heading, Paragraph

    blocks = (Heading("Titre", 1), Paragraph("…", "meta"), Heading("Méthode", 2))
    document = Document(io.BytesIO(render_docx(Report("r", "Titre", lang, blocks, {}))))
    lang_element = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang_element.get(qn("w:val")) == proofing
    assert [p.text for p in document.paragraphs][2] == contents


def test_word_table_columns_are_sized_after_their_text():
    from imrf_analysis.reporting.report.model import Heading, Paragraph

    rows = tuple((f"{n} – Legal identity and documentation", "1 / 5", "7 / 15") for n in range(3))
    blocks = (Heading("T", 1), Paragraph("m", "meta"), Table(("Objective", "ECA", "World"), rows))
    document = Document(io.BytesIO(render_docx(Report("r", "T", "en", blocks, {}))))
    widths = [column.width for column in document.tables[0].columns]
    assert widths[0] > 3 * widths[2] and widths[1] <= widths[2]
    assert abs(sum(widths) - document.sections[0].page_width + 2 * document.sections[0].left_margin
               ) < 5000  # EMU: within 0.15 mm of the text width
