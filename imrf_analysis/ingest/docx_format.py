"""Blocks from Word (.docx) reviews: heading styles give the heading path, tables become rows."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from imrf_analysis.ingest.blocks import Block, ExtractionError, is_list_item, normalise_space

_HEADING_STYLE = re.compile(r"^(?:heading|titre|título|titulo|überschrift)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _heading_level(paragraph: Paragraph) -> int:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name == "Title":
        return 1
    match = _HEADING_STYLE.match(name or "")
    return int(match.group(1)) if match else 0


def _page_breaks(paragraph: Paragraph) -> int:
    """Count the page breaks a paragraph starts or contains (explicit or as last rendered)."""
    element = paragraph._p
    explicit = sum(1 for br in element.iter(f"{_W}br") if br.get(f"{_W}type") == "page")
    rendered = sum(1 for _ in element.iter(f"{_W}lastRenderedPageBreak"))
    before = element.find(f"{_W}pPr/{_W}pageBreakBefore") is not None
    return max(explicit, rendered) + int(before)


def _row_text(row_cells: list[str]) -> str:
    unique: list[str] = []
    for cell in row_cells:  # merged cells repeat their text in python-docx
        if cell and (not unique or unique[-1] != cell):
            unique.append(cell)
    return " | ".join(unique)


def docx_blocks(path: Path) -> tuple[int, list[Block]]:
    """Return the page count and the blocks of a .docx review, in document order.

    Pages are counted from explicit and last-rendered page breaks, so page numbers are exact
    for files saved by Word and a lower bound for files written by other tools.

    Raises:
        ExtractionError: the file is not a readable Word document.
    """
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            XMLSyntaxError) as err:
        raise ExtractionError(
            f"not a readable Word document ({type(err).__name__}: {err})",
            "open the file in Word, check it is not password-protected, and save it as .docx again",
        ) from None
    page = 1
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            page += _page_breaks(item)
            text = normalise_space(item.text)
            if not text:
                continue
            level = _heading_level(item)
            style = (item.style.name if item.style is not None else "") or ""
            if level:
                blocks.append(Block(page, "heading", text, level))
            elif style.startswith("List") or is_list_item(text):
                blocks.append(Block(page, "list_item", text))
            else:
                blocks.append(Block(page, "paragraph", text))
        elif isinstance(item, Table):
            for row in item.rows:
                text = _row_text([normalise_space(c.text) for c in row.cells])
                if text:
                    blocks.append(Block(page, "table_row", text))
    return page, blocks
