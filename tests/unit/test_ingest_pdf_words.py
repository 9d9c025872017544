"""PDF words read with one call per measure equal PDFium's characters read through pypdfium2."""

import ctypes
from pathlib import Path

import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from imrf_analysis.ingest.pdf_pages import open_pdf, read_pages

SAMPLE = Path(__file__).parents[2] / "data" / "raw"
UNMAPPED = {"\x02": "-", "\ufffe": "•", "\uffff": "•", "\x00": "•"}


def words_through_typed_api(textpage, height):
    """Each run between spaces, measured with pypdfium2's typed calls, one character at a time."""
    raw = textpage.raw
    text = textpage.get_text_range()
    words, start = [], None
    for index, char in enumerate([*text, " "]):
        if not (char.isspace() or char == "\ufeff"):
            start = index if start is None else start
            continue
        if start is None:
            continue
        end, start_index = index, start
        start = None
        first, last = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
        pdfium_c.FPDFText_GetLooseCharBox(raw, start_index, first)
        pdfium_c.FPDFText_GetLooseCharBox(raw, end - 1, last)
        buffer, flags = ctypes.create_string_buffer(96), ctypes.c_int()
        pdfium_c.FPDFText_GetFontInfo(raw, start_index, buffer, len(buffer), flags)
        words.append({
            "text": "".join(UNMAPPED.get(c, c) for c in text[start_index:end]),
            "x0": first.left, "x1": max(last.right, first.right),
            "top": height - max(first.top, last.top),
            "bottom": height - min(first.bottom, last.bottom),
            "size": pdfium_c.FPDFText_GetFontSize(raw, start_index),
            "fontname": buffer.value.decode("utf-8", "replace"),
        })
    return words


def _reference_pages(path):
    document = open_pdf(path, None)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(words_through_typed_api(textpage, page.get_height()))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def _words_of(path):
    document = open_pdf(path, None)
    try:
        return [page.words for page in read_pages(document)]
    finally:
        document.close()


@pytest.fixture
def two_font_pdf(tmp_path):
    path = tmp_path / "two-fonts.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 760, "Objective 5: Regular pathways")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(72, 740, "Migrant workers   gained access to labour-market information.")
    pdf.showPage()
    pdf.setFont("Courier", 9)
    pdf.drawString(72, 760, "Page two, one line.")
    pdf.save()
    return path


def test_words_keep_text_box_size_and_font_of_each_run(two_font_pdf):
    words = _words_of(two_font_pdf)
    assert words == _reference_pages(two_font_pdf)
    assert {w["fontname"] for w in words[0]} == {"Helvetica-Bold", "Times-Roman"}
    assert [w["text"] for w in words[1]] == ["Page", "two,", "one", "line."]


def test_words_of_a_sample_review_equal_the_typed_api_reading():
    path = next(p for p in sorted(SAMPLE.glob("*.pdf")) if "truncated" not in p.name)
    assert _words_of(path) == _reference_pages(path)
