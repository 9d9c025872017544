"""Blocks from Word (.docx) reviews: heading styles give the heading path, tables become rows.

Footnotes live in a part of their own that python-docx does not read; each is read from there
and placed, as a ``footnote`` block, right after the paragraph or table that refers to it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree
from lxml.etree import XMLSyntaxError

from imrf_analysis.ingest.blocks import (
    NO_PAGE,
    Block,
    ExtractionError,
    is_list_item,
    normalise_space,
)

_HEADING_STYLE = re.compile(r"^(?:heading|titre|título|titulo|überschrift)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Separators are the rules Word draws above the notes, not notes; ids -1 and 0 are theirs.
_NOT_A_NOTE = {"separator", "continuationSeparator", "continuationNotice"}


# A short paragraph set in bold by hand, with no sentence end, is a heading too: many reviews are
# typed without heading styles. From 14 pt it is a chapter, else a section.
BOLD_HEADING_MAX_WORDS = 12
# "Table 2.", "Tableau 1 :", "Cuadro 3", "Figure 4": a caption in bold is not a heading.
_CAPTION = re.compile(r"^(?:table|tableau|tabla|cuadro|figure|figura|graphique|gráfico|chart|"
                      r"box|encadré|recuadro)\s+(?:\d+|[ivx]+)\b", re.IGNORECASE)
_CHAPTER_SIZE_HALF_POINTS = 28


def _heading_level(paragraph: Paragraph) -> int:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name == "Title":
        return 1
    match = _HEADING_STYLE.match(name or "")
    if match:
        return int(match.group(1))
    return _bold_heading_level(paragraph)


def _bold_heading_level(paragraph: Paragraph) -> int:
    text = paragraph.text.strip()
    runs = [run for run in paragraph.runs if run.text.strip()]
    if (not runs or len(text.split()) > BOLD_HEADING_MAX_WORDS
            or text.endswith((".", ";", ",", ":")) or is_list_item(text)
            or _CAPTION.match(text)):
        return 0
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    if not all(run.bold or (run.bold is None and style_bold) for run in runs):
        return 0
    sizes = [run.font.size.pt * 2 for run in runs if run.font.size is not None]
    return 1 if sizes and max(sizes) >= _CHAPTER_SIZE_HALF_POINTS else 2


_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _paragraph_text(paragraph: etree._Element) -> str:
    """Return the text of a paragraph (its ``w:p``), with what python-docx's ``text`` leaves out.

    Text inside simple fields (``w:fldSimple``: a document property, a page reference) and
    other containers is read too: every ``w:t`` of the paragraph, in order. Field codes
    (``w:instrText``) and deleted text (``w:delText``) are not ``w:t`` and stay out.
    """
    parts = []
    for element in paragraph.iter(*_TEXT_TAGS):
        fixed = _TEXT_TAGS[element.tag]
        parts.append(element.text or "" if fixed is None else fixed)
    return "".join(parts)


def _footnotes(document: Document) -> dict[str, str]:
    """Return the text of each footnote of the document by its id (separators left out)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    notes: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype != RT.FOOTNOTES:
            continue
        root = etree.fromstring(rel.target_part.blob, parser)
        for note in root.iter(f"{_W}footnote"):
            note_id = note.get(f"{_W}id", "")
            if note.get(f"{_W}type") in _NOT_A_NOTE or note_id in ("-1", "0"):
                continue
            paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t"))
                          for p in note.iter(f"{_W}p")]
            text = normalise_space(" ".join(paragraphs))
            if text:
                notes[note_id] = text
    return notes


def _notes_of(element: etree._Element, notes: dict[str, str], page: int) -> list[Block]:
    """Footnote blocks for the references inside a paragraph or table, in their order."""
    ids = [ref.get(f"{_W}id", "") for ref in element.iter(f"{_W}footnoteReference")]
    return [Block(page, "footnote", notes[i]) for i in ids if i in notes]


def _row_text(row_cells: list[str]) -> str:
    unique: list[str] = []
    for cell in row_cells:  # merged cells repeat their text in python-docx
        if cell and (not unique or unique[-1] != cell):
            unique.append(cell)
    return " | ".join(unique)


def docx_blocks(path: Path) -> list[Block]:
    """Return the blocks of a .docx review, in document order, each on ``NO_PAGE``.

    Each footnote follows, as a ``footnote`` block, the paragraph or table that refers to it.
    A .docx file has no pages until a word processor lays it out; ``conversion.
    paged_docx_blocks`` finds each block's page in LibreOffice's layout.

    Raises:
        ExtractionError: the file is not a readable Word document.
    """
    try:
        document = docx.Document(str(path))
        notes = _footnotes(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            XMLSyntaxError) as err:
        raise ExtractionError(
            f"not a readable Word document ({type(err).__name__}: {err})",
            "open the file in Word, check it is not password-protected, and save it as .docx again",
        ) from None
    page = NO_PAGE
    blocks: list[Block] = []
    # The body's paragraphs and tables in order, as ``iter_inner_content`` gives them, but read
    # from the body's XML: their text and footnote references are read there.
    for element in document.element.body.iterchildren(f"{_W}p", f"{_W}tbl"):
        if element.tag == f"{_W}p":
            text = normalise_space(_paragraph_text(element))
            if not text:
                blocks += _notes_of(element, notes, page)
                continue
            item = Paragraph(element, document)
            level = _heading_level(item)
            style = (item.style.name if item.style is not None else "") or ""
            if level:
                blocks.append(Block(page, "heading", text, level))
            elif style.startswith("List") or is_list_item(text):
                blocks.append(Block(page, "list_item", text))
            else:
                blocks.append(Block(page, "paragraph", text))
            blocks += _notes_of(element, notes, page)
        else:
            for row in Table(element, document).rows:
                text = _row_text([normalise_space(c.text) for c in row.cells])
                if text:
                    blocks.append(Block(page, "table_row", text))
            blocks += _notes_of(element, notes, page)
    return blocks
