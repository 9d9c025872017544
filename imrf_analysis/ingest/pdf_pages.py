"""Words and ruling lines of each PDF page, read with PDFium one page at a time.

PDFium gives every character with its box and font; characters are grouped into words at
spaces, line changes and gaps. Only one page is open at a time, so memory does not grow with
the length of the file.
"""

from __future__ import annotations

import ctypes
import re
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from imrf_analysis.ingest.blocks import ExtractionError

Box = tuple[float, float, float, float]
Word = dict[str, Any]  # text, x0, x1, top, bottom, size, fontname (top measured from the top)
# PDFium (pypdfium2) is not thread-safe: every use of it holds this lock.
PDFIUM_LOCK = threading.Lock()
_RUN = re.compile(r"[^\s\ufeff]+")
_UNMAPPED = {"\x02": "-", "\ufffe": "•", "\uffff": "•", "\x00": "•"}
_UNMAPPED_CHARS = re.compile("[\x02\ufffe\uffff\x00]")
_RECT = struct.Struct("=4f")  # FS_RECTF: left, top, right, bottom, read in one call


@dataclass
class PdfPage:
    """What one page holds: its words, its ruling lines and whether it shows images.

    Attributes:
        number: 1-based page number.
        width: page width in points.
        height: page height in points.
        words: words in the order PDFium reads them.
        rulings: thin horizontal or vertical lines and boxes, as (x0, top, x1, bottom).
        has_images: the page draws at least one image (a scan, when there are no words).
    """

    number: int
    width: float
    height: float
    words: list[Word]
    rulings: list[Box]
    has_images: bool


def open_pdf(path: Path, max_pages: int | None) -> pdfium.PdfDocument:
    """Open a PDF and check its page count.

    Raises:
        ExtractionError: the file is encrypted, damaged, or has too many pages.
    """
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise ExtractionError(
                "the PDF is encrypted: it needs a password to open",
                "remove the password (print or export to PDF again) and submit it again",
            ) from None
        raise ExtractionError(
            f"the PDF cannot be read ({str(err)[:120]})",
            "check the file opens in a PDF reader; export it to PDF again",
        ) from None
    pages = len(document)
    if max_pages is not None and pages > max_pages:
        document.close()
        raise ExtractionError(f"{pages} pages, over the limit of {max_pages}",
                              "raise the page limit of the run or split the file")
    return document


def read_pages(document: pdfium.PdfDocument) -> Iterator[PdfPage]:
    """Yield the pages of an open PDF one by one, closing each before the next."""
    for index in range(len(document)):
        page = document[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                words = _words(textpage, height)
            finally:
                textpage.close()
            rulings, has_images = _graphics(page, height)
            yield PdfPage(index + 1, width, height, words, rulings, has_images)
        finally:
            page.close()


@cache
def _text_object_address() -> Any:
    # FPDFText_GetTextObject declared to return a plain address (an int, None for no object):
    # casting the typed pointer pypdfium2 returns costs more than the call, once per word.
    address = cast(int, ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)


def _words(textpage: pdfium.PdfTextPage, height: float) -> list[Word]:
    """Return the words of a page: runs of characters between whitespace.

    PDFium puts a (generated) space or line break wherever characters are apart, so only the
    first and last character of each run are measured, which keeps long files fast.
    """
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range()
    raw = textpage.raw
    if len(text) != count:  # characters outside the BMP: read one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    # Each unmapped character becomes one character, none of them a space: the runs and their
    # character indices stay the same.
    text = _UNMAPPED_CHARS.sub(lambda m: _UNMAPPED[m.group()], text)
    first, last = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    buffer, flags = ctypes.create_string_buffer(96), ctypes.c_int()
    char_box, font_size = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
    text_object, address = _text_object_address(), ctypes.cast(raw, ctypes.c_void_p).value
    fonts: dict[int | None, str] = {}  # font name by text object: one lookup per object
    words: list[Word] = []
    for match in _RUN.finditer(text):
        start, end = match.span()
        char_box(raw, start, first)
        char_box(raw, end - 1, last)
        left, top, right, bottom = _RECT.unpack_from(first)
        _, last_top, last_right, last_bottom = _RECT.unpack_from(last)
        key = text_object(address, start)
        fontname = fonts.get(key)
        if fontname is None:
            pdfium_c.FPDFText_GetFontInfo(raw, start, buffer, len(buffer), flags)
            fontname = fonts[key] = buffer.value.decode("utf-8", "replace")
        words.append({
            "text": match.group(), "x0": left, "x1": max(last_right, right),
            "top": height - max(top, last_top), "bottom": height - min(bottom, last_bottom),
            "size": font_size(raw, start), "fontname": fontname,
        })
    return words


def _graphics(page: pdfium.PdfPage, height: float) -> tuple[list[Box], bool]:
    """Return the page's thin lines and boxes (table rulings) and whether it shows images."""
    raw = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    rulings: list[Box] = []
    has_images = False
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            has_images = True
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(
                obj, left, bottom, right, top):
            rulings.append((left.value, height - top.value, right.value, height - bottom.value))
    return rulings, has_images
