"""Footnotes are kept, as their own ``footnote`` blocks, apart from the body text they annotate."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from imrf_analysis.ingest import passages_from_blocks
from imrf_analysis.ingest.blocks import BLOCK_TYPES
from imrf_analysis.ingest.docx_format import docx_blocks
from imrf_analysis.ingest.pdf_footnotes import starts_with_note_mark
from imrf_analysis.ingest.pdf_format import pdf_blocks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>
</w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>
<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Source: national statistics office,
labour force survey 2024.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Law 12 of
2023 on </w:t></w:r><w:r><w:t>consular assistance.</w:t></w:r></w:p>
<w:p><w:r><w:t>Amended in 2025.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _reference(note_id: int) -> str:
    return (f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>')


def _docx_with_footnotes(path: Path) -> None:
    """Write a .docx whose first paragraph refers to note 1 and whose table refers to note 2.

    python-docx cannot add footnotes, so the footnotes part, its relationship, its content
    type and the reference runs are written into the package by hand, as Word writes them.
    """
    from lxml import etree

    document = docx.Document()
    document.add_heading("Objective 6: Fair recruitment", level=1)
    first = document.add_paragraph("Recruitment fees charged to migrant workers were banned")
    first._p.append(etree.fromstring(_reference(1)))
    first.add_run(" and inspections doubled.")
    document.add_paragraph("Labour inspectors were trained in ten provinces.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Consular cases"
    table.cell(0, 1).paragraphs[0].add_run("1 240")
    table.cell(0, 1).paragraphs[0]._p.append(etree.fromstring(_reference(2)))
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/>'
                    "</Types>").encode())
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdNotes" Type="{FOOTNOTES_REL}" '
                    'Target="footnotes.xml"/></Relationships>').encode())
            out.writestr(info.filename, data)
        out.writestr("word/footnotes.xml", FOOTNOTES_XML)


def test_footnote_is_a_block_type():
    assert "footnote" in BLOCK_TYPES


def test_docx_footnotes_follow_the_paragraph_and_table_that_refer_to_them(tmp_path: Path):
    path = tmp_path / "notes.docx"
    _docx_with_footnotes(path)
    blocks = docx_blocks(path)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Objective 6: Fair recruitment"),
        ("paragraph", "Recruitment fees charged to migrant workers were banned and inspections "
                      "doubled."),
        ("footnote", "Source: national statistics office, labour force survey 2024."),
        ("paragraph", "Labour inspectors were trained in ten provinces."),
        ("table_row", "Consular cases | 1 240"),
        ("footnote", "Law 12 of 2023 on consular assistance. Amended in 2025."),
    ]


def test_docx_footnote_passages_keep_their_heading_path_and_block_type(tmp_path: Path):
    path = tmp_path / "notes.docx"
    _docx_with_footnotes(path)
    blocks = docx_blocks(path)
    passages = passages_from_blocks(blocks, "doc")
    notes = passages[passages["block_type"] == "footnote"]
    assert len(notes) == 2
    assert all(path == ["Objective 6: Fair recruitment"] for path in notes["heading_path"])
    body = " ".join(passages.loc[passages["block_type"] != "footnote", "text"])
    assert "labour force survey" not in body
    assert not re.search(r"banned\d", body)


def test_docx_without_a_footnotes_part_has_no_footnote_blocks(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Return and reintegration support reached 3 000 people.")
    document.save(tmp_path / "plain.docx")
    blocks = docx_blocks(tmp_path / "plain.docx")
    assert [b.kind for b in blocks] == ["paragraph"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_footnotes_written_by_libreoffice_are_read(tmp_path: Path):
    odt = tmp_path / "source.odt"
    odt.write_bytes(_odt_with_footnote())
    subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir",
                    str(tmp_path), str(odt)], check=True, timeout=120, capture_output=True)
    blocks = docx_blocks(tmp_path / "source.docx")
    assert ("footnote", "Decree 7 of 2024.") in [(b.kind, b.text) for b in blocks]
    assert ("paragraph", "Visas were simplified.") in [(b.kind, b.text) for b in blocks]


def _odt_with_footnote() -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text><text:p>Visas were simplified.<text:note text:id=\"n1\" "
        'text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>'
        "<text:p>Decree 7 of 2024.</text:p></text:note-body></text:note></text:p>"
        "</office:text></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", content)
        odt.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'text"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>'))
    return buffer.getvalue()


BODY = [
    "Ministries agreed a national plan on labour migration in March 2024, and",
    "the plan sets targets for fair recruitment and the recognition of skills.",
    "Bilateral labour agreements were signed with four countries of destination.",
]
NOTES = [
    ("1", "Cabinet decision 45 of 12 March 2024, published in the official gazette."),
    ("2", "Agreements with two Gulf states and two European Union members,"),
]


def _pdf_with_footnotes(path: Path, pages: int = 1) -> None:
    """Body text in 11 pt, then a short rule and 8 pt numbered notes at the foot of each page."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, 730, f"Objective 6: Fair recruitment, part {number}")
        pdf.setFont("Helvetica", 11)
        y = 700
        for line in BODY:
            pdf.drawString(72, y, line)
            y -= 14
        pdf.line(72, 110, 220, 110)
        pdf.setFont("Helvetica", 8)
        y = 98
        for mark, text in NOTES:
            pdf.drawString(72, y, f"{mark} {text}")
            y -= 10
        pdf.drawString(72, y, "and its annex on fees.")  # the second note runs on a line
        pdf.setFont("Helvetica", 9)
        pdf.drawCentredString(A4[0] / 2, 30, str(number))
        pdf.showPage()
    pdf.save()


def test_pdf_footnotes_are_separate_blocks_after_the_page_body(tmp_path: Path):
    path = tmp_path / "notes.pdf"
    _pdf_with_footnotes(path)
    _, blocks = pdf_blocks(path)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "footnote", "footnote"]
    body = blocks[1].text
    assert body == " ".join(BODY)
    assert "gazette" not in body and "Gulf" not in body
    assert blocks[2].text == "1 " + NOTES[0][1]
    assert blocks[3].text == "2 " + NOTES[1][1] + " and its annex on fees."


def test_pdf_footnotes_stay_on_their_page_and_page_numbers_are_still_dropped(tmp_path: Path):
    path = tmp_path / "notes.pdf"
    _pdf_with_footnotes(path, pages=3)
    _, blocks = pdf_blocks(path)
    assert [(b.page, b.kind) for b in blocks] == [
        (page, kind) for page in (1, 2, 3)
        for kind in ("heading", "paragraph", "footnote", "footnote")]
    assert not any(b.text.strip().isdigit() for b in blocks)


def test_small_print_that_is_not_at_the_foot_of_the_page_stays_body_text(tmp_path: Path):
    path = tmp_path / "small.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 740, "Consular services opened in three new cities in 2024.")
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 700, "3 offices were staffed by social workers.")
    pdf.save()
    _, blocks = pdf_blocks(path)
    assert "footnote" not in [b.kind for b in blocks]


@pytest.mark.parametrize(("text", "is_note"), [
    ("1 Source: survey.", True), ("12. Law of 2020.", True), ("* Provisional data.", True),
    ("(3) Decree.", True), ("²Estimate.", True), ("Source: survey.", False),
    ("2024 was a record year.", False),
])
def test_note_marks_are_numbers_or_symbols_before_the_text(text: str, is_note: bool):
    assert starts_with_note_mark(text) is is_note


def test_pdf_notes_of_a_page_follow_a_paragraph_that_runs_on_to_the_next_page(tmp_path: Path):
    path = tmp_path / "run-on.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 700, "Ministries agreed a national plan on labour migration, and")
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 98, "1 Cabinet decision 45 of 12 March 2024.")
    pdf.showPage()
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 770, "the plan sets targets for fair recruitment.")
    pdf.save()
    _, blocks = pdf_blocks(path)
    assert [(b.page, b.kind, b.text) for b in blocks] == [
        (1, "paragraph", "Ministries agreed a national plan on labour migration, and the plan "
                         "sets targets for fair recruitment."),
        (1, "footnote", "1 Cabinet decision 45 of 12 March 2024."),
    ]
