"""Each format's extractor yields headings, paragraphs, list items and table rows in order."""

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from imrf_analysis.ingest import ExtractionError, passages_from_blocks
from imrf_analysis.ingest.blocks import Block, join_hyphenated
from imrf_analysis.ingest.docx_format import docx_blocks
from imrf_analysis.ingest.pdf_format import pdf_blocks
from imrf_analysis.ingest.text_formats import html_blocks, markdown_blocks, text_blocks


def test_join_hyphenated_mends_words_split_at_line_end_but_keeps_real_hyphens():
    assert join_hyphenated(["the migra-", "tion office"]) == "the migration office"
    assert join_hyphenated(["after COVID-", "19 the"]) == "after COVID- 19 the"
    assert join_hyphenated(["well-", "Known"]) == "well- Known"


def test_heading_path_follows_heading_levels():
    blocks = [
        Block(1, "heading", "3. Progress by objective", 1),
        Block(1, "heading", "Objective 5: Regular pathways", 2),
        Block(1, "paragraph", "Permits rose."),
        Block(2, "heading", "Objective 6: Decent work", 2),
        Block(2, "list_item", "- Inspections doubled."),
        Block(3, "heading", "4. Challenges", 1),
        Block(3, "paragraph", "Funding is short."),
    ]
    passages = passages_from_blocks(blocks, "abc")
    assert passages["heading_path"].tolist() == [
        ["3. Progress by objective", "Objective 5: Regular pathways"],
        ["3. Progress by objective", "Objective 6: Decent work"],
        ["4. Challenges"],
    ]
    assert passages["passage_id"].tolist() == ["abc-0000", "abc-0001", "abc-0002"]
    assert passages["page"].tolist() == [1, 2, 3]


def test_markdown_headings_lists_and_paragraphs(tmp_path: Path):
    path = tmp_path / "review.md"
    path.write_text("# Review\n\n## Objective 20\n\nRemittance costs fell\nto 4 per cent.\n\n"
                    "- a digital wallet\n- a savings scheme\n", encoding="utf-8")
    blocks = list(markdown_blocks(path))
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Review"), ("heading", "Objective 20"),
        ("paragraph", "Remittance costs fell to 4 per cent."),
        ("list_item", "- a digital wallet"), ("list_item", "- a savings scheme"),
    ]
    assert [b.level for b in blocks[:2]] == [1, 2]


def test_a_text_file_with_a_paragraph_per_line_gives_a_passage_per_line(tmp_path: Path):
    lines = ["Objective 5: regular pathways.",
             "In 2024 the ministry opened three labour migration offices.",
             "Waiting times for work permits remain long in the capital."]
    (tmp_path / "lines.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [b.text for b in text_blocks(tmp_path / "lines.txt")] == lines
    # Hard-wrapped paragraphs (lines cut mid-sentence) stay whole.
    wrapped = "In 2024 the ministry opened three\nlabour migration offices in the\nnorth.\n"
    (tmp_path / "wrapped.txt").write_text(wrapped, encoding="utf-8")
    assert [b.text for b in text_blocks(tmp_path / "wrapped.txt")] == [
        "In 2024 the ministry opened three labour migration offices in the north."]


def test_html_skips_scripts_and_reads_table_rows(tmp_path: Path):
    path = tmp_path / "review.html"
    path.write_text("<html><script>var x=1;</script><h2>Objective 4</h2><p>IDs were issued.</p>"
                    "<table><tr><th>Year</th><th>IDs</th></tr><tr><td>2024</td><td>1 200</td>"
                    "</tr></table></html>", encoding="utf-8")
    blocks = list(html_blocks(path))
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Objective 4"), ("paragraph", "IDs were issued."),
        ("table_row", "Year | IDs"), ("table_row", "2024 | 1 200"),
    ]


@pytest.mark.parametrize(("text", "encoding"), [
    ("El Gobierno de Honduras reforzó la protección consular de los migrantes hondureños; "
     "niños y niñas retornados reciben atención.", "latin-1"),
    ("Le Gouvernement a renforcé l’accès des migrants aux services de santé — notamment "
     "les femmes enceintes.", "cp1252"),
    ("Правительство расширило доступ мигрантов к медицинским услугам.", "cp1251"),
    ("Objective 5: regular pathways were expanded for seasonal workers.", "utf-16-le"),
])
def test_text_saved_in_a_legacy_encoding_is_read_as_written(tmp_path: Path, text: str,
                                                            encoding: str):
    path = tmp_path / "Honduras_notes_2025.txt"
    path.write_bytes(text.encode(encoding))
    assert [b.text for b in text_blocks(path)] == [text]


def test_bytes_no_known_encoding_reads_as_text_are_rejected_with_a_hint(tmp_path: Path):
    import random

    path = tmp_path / "review.txt"
    path.write_bytes(random.Random(3).randbytes(3000))
    with pytest.raises(ExtractionError, match="not valid UTF-8.*no known encoding") as err:
        list(text_blocks(path))
    assert "UTF-8" in err.value.hint


def test_docx_heading_styles_and_tables_are_read_without_claiming_pages(tmp_path: Path):
    document = docx.Document()
    document.add_heading("Objective 16: Inclusion", level=1)
    document.add_paragraph("Language courses reached 4,000 migrants.")
    document.add_page_break()
    document.add_heading("Objective 22: Social protection", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Agreement", "Year"
    table.cell(1, 0).text, table.cell(1, 1).text = "Spain", "2024"
    path = tmp_path / "review.docx"
    document.save(str(path))
    blocks = docx_blocks(path)
    # Pages are Word's layout, not the file's: they come from LibreOffice (test_docx_pages).
    assert [(b.page, b.kind, b.text) for b in blocks] == [
        (0, "heading", "Objective 16: Inclusion"),
        (0, "paragraph", "Language courses reached 4,000 migrants."),
        (0, "heading", "Objective 22: Social protection"),
        (0, "table_row", "Agreement | Year"), (0, "table_row", "Spain | 2024"),
    ]


def test_docx_text_inside_simple_fields_and_bold_headings_is_kept(tmp_path: Path):
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph().add_run("Trafficking in persons").bold = True
    paragraph = document.add_paragraph("The national referral mechanism of ")
    field = paragraph._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): "DOCPROPERTY Country"})
    run = field.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = "Kenya"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" referred 1,230 presumed victims to protection services in 2024.")
    path = tmp_path / "review.docx"
    document.save(str(path))

    blocks = docx_blocks(path)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Trafficking in persons"),
        ("paragraph", "The national referral mechanism of Kenya referred 1,230 presumed victims "
                      "to protection services in 2024.")]


def test_a_file_that_is_not_a_docx_is_rejected(tmp_path: Path):
    path = tmp_path / "review.docx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(ExtractionError, match="not a readable Word document"):
        docx_blocks(path)


def _write_pdf(path: Path, pages: list[list[tuple[str, int, str]]]) -> None:
    """Write a PDF: per page, lines of (font, size, text), with a running header and footer."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, height - 30, "Kenya - GCM voluntary review 2026")
        pdf.drawCentredString(width / 2, 25, f"Page {number}")
        y = height - 90
        for font, size, text in lines:
            pdf.setFont(font, size)
            pdf.drawString(72, y, text)
            y -= size * 1.4 if size > 11 else 14
            if text.endswith("."):
                y -= 10
        pdf.showPage()
    pdf.save()


def test_pdf_drops_running_headers_and_page_numbers_and_finds_headings(tmp_path: Path):
    path = tmp_path / "review.pdf"
    body = ("Helvetica", 10)
    _write_pdf(path, [
        [("Helvetica-Bold", 16, "Objective 5: Regular pathways"),
         (*body, "The labour mobility agreement with two partner countries opened"),
         (*body, "1,200 seasonal places in 2025."),
         (*body, "A second paragraph on the same objective.")],
        [("Helvetica-Bold", 16, "Objective 20: Remittances"),
         (*body, "The central bank licensed mobile money operators for cross-border"),
         (*body, "transfers, lowering the average cost to 4 per cent.")],
    ])
    pages, blocks = pdf_blocks(path)
    assert pages == 2
    texts = [(b.page, b.kind, b.text) for b in blocks]
    assert texts == [
        (1, "heading", "Objective 5: Regular pathways"),
        (1, "paragraph", "The labour mobility agreement with two partner countries opened "
                         "1,200 seasonal places in 2025."),
        (1, "paragraph", "A second paragraph on the same objective."),
        (2, "heading", "Objective 20: Remittances"),
        (2, "paragraph", "The central bank licensed mobile money operators for cross-border "
                         "transfers, lowering the average cost to 4 per cent."),
    ]


def test_pdf_without_text_layer_is_reported_as_needing_ocr(tmp_path: Path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.rect(100, 100, 300, 300, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(ExtractionError, match="no text layer"):
        pdf_blocks(path)


def test_truncated_pdf_is_rejected_with_a_plain_reason(tmp_path: Path):
    good = tmp_path / "good.pdf"
    _write_pdf(good, [[("Helvetica", 10, "Some text.")]])
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good.read_bytes()[:300])
    with pytest.raises(ExtractionError, match="cannot be read"):
        pdf_blocks(broken)


def test_a_block_of_a_million_characters_becomes_passages_of_at_most_5000():
    from imrf_analysis.ingest.passages import MAX_PASSAGE_CHARS, split_long_text

    sentence = "Les services consulaires ont délivré des cartes d'identité aux ressortissants. "
    text = (sentence * 15_000) + "x" * 12_000  # 1.2 million characters, and one 'word' of 12,000
    blocks = [Block(1, "heading", "Objectif 4", level=1), Block(3, "paragraph", text)]
    passages = passages_from_blocks(blocks, "doc")
    assert len(passages) > 240
    assert passages["text"].str.len().max() <= MAX_PASSAGE_CHARS
    assert set(passages["page"]) == {3}
    assert all(list(path) == ["Objectif 4"] for path in passages["heading_path"])
    assert "".join(passages["text"]).replace(" ", "") == text.replace(" ", "")
    assert split_long_text("Short enough.") == ["Short enough."]


def test_the_tagger_reads_a_passage_over_spacy_s_default_limit():
    from imrf_analysis.tagging import Tagger

    text = "Les envois de fonds des migrants ont augmenté. " * 25_000  # 1.2 million characters
    (scores,) = Tagger(signals=("heading", "mention", "lexicon")).score([text], ["fr"])
    assert 20 in scores.objectives()
