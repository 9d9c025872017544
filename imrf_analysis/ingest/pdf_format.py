"""Blocks from PDF reviews, in reading order, without running headers, footers or page numbers.

Lines are rebuilt from words (PDFium, ``pdf_pages``); a page whose rows split at the middle into two
independent halves is read as two columns; lines repeated at the top or bottom of most pages,
and bare page numbers, are dropped; lines set larger (or bold and alone) than the body text are
headings, their level given by size; ruled tables (``pdf_tables``) become one block per row;
small numbered lines at the foot of a page are footnotes (``pdf_footnotes``), kept as their own
blocks after the page's body text.
A scanned page (an image, no text) is read by OCR (``ocr``) when Tesseract is installed, or
else kept as an ``unread_page`` block so that it is reported.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from imrf_analysis.ingest.blocks import (
    UNREAD_PAGE,
    Block,
    ExtractionError,
    is_list_item,
    join_hyphenated,
)
from imrf_analysis.ingest.ocr import (
    OcrSettings,
    is_scanned,
    needs_ocr_error,
    scanned_page_reader,
)
from imrf_analysis.ingest.pdf_footnotes import split_footnotes
from imrf_analysis.ingest.pdf_pages import PDFIUM_LOCK, PdfPage, open_pdf, read_pages
from imrf_analysis.ingest.pdf_tables import find_tables

_PAGE_NUMBER = re.compile(
    r"^(?:page|página|pagina|p\.|стр\.?|صفحة)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*"
    r"(?:(?:of|sur|de|/|из|من)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_MARGIN = 0.08  # share of the page height where running headers and footers sit


@dataclass
class _Line:
    page: int
    x0: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    in_margin: bool
    low: bool  # in the lower half of the page, where footnotes sit


def _is_bold(fontname: str) -> bool:
    return any(mark in fontname.lower() for mark in ("bold", "black", "heavy", "semibold"))


def _make_line(page: int, words: list[dict[str, Any]], height: float) -> _Line:
    words = sorted(words, key=lambda w: w["x0"])
    top = min(w["top"] for w in words)
    bottom = max(w["bottom"] for w in words)
    sizes = [round(w["size"], 1) for w in words]
    return _Line(
        page=page,
        x0=words[0]["x0"],
        top=top,
        bottom=bottom,
        text=" ".join(w["text"] for w in words),
        size=max(set(sizes), key=sizes.count),
        bold=all(_is_bold(w["fontname"]) for w in words),
        in_margin=top < height * _MARGIN or bottom > height * (1 - _MARGIN),
        low=top > height / 2,
    )


def _rows(words: list[dict[str, Any]], tolerance: float = 3.0) -> list[list[dict[str, Any]]]:
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return rows


def _page_lines(page: PdfPage) -> tuple[list[_Line], list[tuple[float, list[str]]]]:
    """Return the page's text lines in reading order and its tables (top, row texts)."""
    tables = find_tables(page.rulings, page.words)
    table_rows = [(t.bbox[1], t.rows) for t in tables]
    words = [w for w in page.words if not any(t.holds(w) for t in tables)]
    number, mid, height = page.number, page.width / 2, page.height
    rows = _rows(words)
    if not _has_two_columns(rows, mid, height):
        return [_make_line(number, row, height) for row in rows], table_rows
    # Read each column top to bottom; a row crossing the gutter (a full-width heading)
    # closes the columns above it.
    lines: list[_Line] = []
    segment: list[dict[str, Any]] = []
    for row in rows + [[]]:
        if row and not any(_crosses(w, mid) for w in row):
            segment += row
            continue
        for side in ([w for w in segment if w["x1"] <= mid], [w for w in segment if w["x1"] > mid]):
            lines += [_make_line(number, r, height) for r in _rows(side)]
        segment = []
        if row:
            lines.append(_make_line(number, row, height))
    return lines, table_rows


def _crosses(word: dict[str, Any], mid: float) -> bool:
    return bool(word["x0"] < mid - 3 and word["x1"] > mid + 3)


def _has_two_columns(rows: list[list[dict[str, Any]]], mid: float, height: float) -> bool:
    """True when body rows almost never cross the page middle and both halves hold text."""
    body = [r for r in rows if height * _MARGIN < r[0]["top"] < height * (1 - _MARGIN)]
    if len(body) < 6:
        return False
    crossing = sum(1 for r in body if any(_crosses(w, mid) for w in r))
    left = sum(1 for r in body if any(w["x1"] <= mid for w in r))
    right = sum(1 for r in body if any(w["x0"] >= mid for w in r))
    return crossing <= 0.15 * len(body) and left >= 3 and right >= 3


def _running_texts(lines: list[_Line], pages: int) -> set[str]:
    """Texts (digits masked) of margin lines that recur on at least half of the pages."""
    on_pages: dict[str, set[int]] = {}
    for ln in lines:
        if ln.in_margin:
            on_pages.setdefault(re.sub(r"\d+", "#", ln.text), set()).add(ln.page)
    return {key for key, seen in on_pages.items()
            if pages >= 2 and len(seen) >= max(2, pages / 2)}


def pdf_blocks(path: Path, max_pages: int | None = None,
               ocr: OcrSettings | None = None) -> tuple[int, list[Block]]:
    """Return the page count and the blocks of a PDF review, in reading order.

    Pages are read one at a time (PDFium); only their lines are kept. Scanned pages are read
    by OCR with ``ocr`` settings (defaults when None) if Tesseract is installed.

    Returns:
        ``(pages, blocks)``; blocks read by OCR have ``ocr=True``; a scanned page that could
        not be read is an ``UNREAD_PAGE`` block whose text says why.

    Raises:
        ExtractionError: the PDF cannot be opened, is encrypted, is over ``max_pages``, or has
            no text at all (no text layer and no text found by OCR).
    """
    # PDFium is not thread-safe and reviews are read in worker threads: one document at a time.
    with PDFIUM_LOCK:
        pages, lines, tables, scanned = _read_document(path, max_pages, ocr)
    if not lines and not tables and all(b.kind == UNREAD_PAGE for b in scanned):
        raise needs_ocr_error(scanned)
    return pages, _blocks(lines, tables, pages, scanned)


def _read_document(path: Path, max_pages: int | None, ocr: OcrSettings | None
                   ) -> tuple[int, list[_Line], list[tuple[int, float, list[str]]], list[Block]]:
    document = open_pdf(path, max_pages)
    lines: list[_Line] = []
    tables: list[tuple[int, float, list[str]]] = []
    scanned: list[Block] = []
    try:
        pages = len(document)
        read_scan = scanned_page_reader(document, ocr or OcrSettings())
        for page in read_pages(document):
            if is_scanned(sum(len(w["text"]) for w in page.words), page.has_images):
                scanned += read_scan(page.number)
                continue
            page_lines, page_tables = _page_lines(page)
            lines += page_lines
            tables += [(page.number, top, rows) for top, rows in page_tables]
    except pdfium.PdfiumError as err:
        raise ExtractionError(
            f"the PDF cannot be read ({str(err)[:120]})",
            "check the file opens in a PDF reader; export it to PDF again",
        ) from None
    finally:
        document.close()
    return pages, lines, tables, scanned



def _starts_block(ln: _Line, current: list[_Line], level: Callable[[_Line], int],
                  paragraph_gap: float) -> bool:
    """Whether line ``ln`` starts a new block rather than continuing ``current``."""
    prev, first = current[-1], current[0]
    if ln.page != prev.page:
        # A paragraph may run on over a page break; a heading, a list item, or a capital after
        # a closed sentence starts a new block.
        return (level(ln) != 0 or is_list_item(ln.text)
                or prev.text.rstrip()[-1:] in ".!?:;" and ln.text[:1].isupper())
    return (
        ln.top - prev.bottom > paragraph_gap
        or ln.top < prev.top  # back up the page: the next column
        or level(ln) != level(prev)
        or is_list_item(ln.text)
        # a list item's wrapped lines hang indented; a line back at the bullet ends it
        or is_list_item(first.text) and ln.x0 <= first.x0 + 1
    )


def _blocks(
    lines: list[_Line], tables: list[tuple[int, float, list[str]]], pages: int,
    scanned: list[Block],
) -> list[Block]:
    running = _running_texts(lines, pages)
    body = [
        ln
        for ln in lines
        if not (
            ln.in_margin
            and (_PAGE_NUMBER.match(ln.text) or re.sub(r"\d+", "#", ln.text) in running)
        )
    ]
    if not body:
        only_rows = [Block(p, "table_row", r) for p, _, rows in tables for r in rows if r]
        return sorted(only_rows + scanned, key=lambda b: b.page)
    weights: Counter[float] = Counter()
    for ln in body:
        weights[ln.size] += len(ln.text)
    body_size = weights.most_common(1)[0][0]
    heading_sizes = sorted({ln.size for ln in body if ln.size >= body_size * 1.15}, reverse=True)
    body, notes = split_footnotes(body, body_size)

    def level(ln: _Line) -> int:
        if ln.size in heading_sizes:
            return heading_sizes.index(ln.size) + 1
        if ln.bold and ln.size >= body_size and len(ln.text) <= 150:
            return len(heading_sizes) + 1
        return 0

    # The usual gap between lines of one paragraph; a clearly larger gap starts a new one.
    # Line boxes of tightly set text overlap (the gap is negative): those gaps count too, or
    # the usual gap would be taken from the breaks between paragraphs.
    gaps = [
        b.top - a.bottom
        for a, b in zip(body, body[1:], strict=False)
        if a.page == b.page
        and not level(a)
        and not level(b)
        and -body_size / 2 <= b.top - a.bottom < body_size * 3
    ]
    usual_gap = statistics.median_low(gaps) if gaps else body_size * 0.3

    blocks: list[Block] = []
    current: list[_Line] = []

    def flush() -> None:
        if current:
            kind = "list_item" if is_list_item(current[0].text) else "paragraph"
            lvl = level(current[0])
            text = join_hyphenated([ln.text for ln in current])
            blocks.append(Block(current[0].page, "heading" if lvl else kind, text, lvl))
            current.clear()

    def flush_notes(before_page: int) -> None:
        # A page's notes follow its body, once the block running over the page break ends.
        while notes and notes[0].page < before_page:
            blocks.append(notes.pop(0))

    pending_tables = sorted(tables)
    pending_scanned = list(scanned)
    for ln in body:
        while pending_tables and (pending_tables[0][0], pending_tables[0][1]) < (ln.page, ln.top):
            flush()
            flush_notes(pending_tables[0][0])
            page, _, rows = pending_tables.pop(0)
            blocks += [Block(page, "table_row", r) for r in rows if r]
        while pending_scanned and pending_scanned[0].page < ln.page:
            flush()
            flush_notes(pending_scanned[0].page)
            blocks.append(pending_scanned.pop(0))
        if current and _starts_block(ln, current, level, usual_gap + max(2.0, body_size / 4)):
            flush()
            flush_notes(ln.page)
        current.append(ln)
    flush()
    rest = [Block(p, "table_row", r) for p, _, table in pending_tables for r in table if r]
    # sorted() is stable: on each page, table rows, then notes, then an unread page
    return blocks + sorted(rest + notes + pending_scanned, key=lambda b: b.page)
