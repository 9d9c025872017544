"""Write a report as a Word document (python-docx) from the same blocks as the HTML page.

Text from the data goes into plain runs only: braces, ``<script>`` and the like stay literal
text (python-docx never turns a run into a field), and characters XML cannot hold are dropped.
Citations are plain text ``(Country, file, p. N)``.
"""

from __future__ import annotations

import copy
import io
import re
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from imrf_analysis.report.model import (
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Quote,
    Report,
    Table,
)

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text python-docx writes as one <w:t> without xml:space: no tab or line break (those become
# their own elements) and no space at either end.
_PLAIN_RUN = re.compile(r"[^\s](?:[^\t\n\r]*[^\s])?", re.DOTALL)
_MUTED = RGBColor(0x5B, 0x5B, 0x5B)
_FIGURE_WIDTH = Cm(16.5)
_FIXED_TIME = datetime(2000, 1, 1)


def plain(text: object) -> str:
    """Return ``text`` as a string Word can hold (XML-illegal control characters dropped)."""
    return _XML_ILLEGAL.sub("", "" if text is None else str(text))


class _Styles:
    """Paragraphs in a named style, the style looked up once per document.

    python-docx looks a style up, and scans every style for the default one, each time a
    paragraph is given a style; here the style id is found that way once per name and then set
    on each paragraph's XML directly, as python-docx itself sets it.
    """

    def __init__(self, document: DocumentObject) -> None:
        self._document = document
        self._ids: dict[str, str | None] = {}

    def paragraph(self, name: str, text: str = "") -> DocxParagraph:
        """Add a paragraph in style ``name`` (holding ``text``, if any) to the document."""
        if name not in self._ids:
            self._ids[name] = self._document.part.get_style_id(
                self._document.styles[name], WD_STYLE_TYPE.PARAGRAPH)
        paragraph = self._document.add_paragraph(text)
        paragraph._p.style = self._ids[name]
        return paragraph


def _table(document: DocumentObject, block: Table) -> None:
    # Sized once: adding rows one by one re-reads the whole table each time.
    table = document.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
    table.style = "Table Grid"
    size = Pt(7) if len(block.headers) > 8 else Pt(8.5)
    templates: dict[bool, BaseOxmlElement] = {}
    for index, (row, values) in enumerate(zip(table._tbl.tr_lst, [block.headers, *block.rows],
                                              strict=True)):
        header = index == 0
        for cell, value in zip(row.tc_lst, values, strict=True):
            text = plain(value)
            copyable = _PLAIN_RUN.fullmatch(text) is not None
            if copyable and header in templates:
                # A copy of the first such run python-docx made, with this text: the same XML
                # without python-docx's per-character and per-property work (most of a table).
                run = copy.deepcopy(templates[header])
                run.find(qn("w:t")).text = text
                cell.p_lst[0].append(run)
                continue
            docx_run = DocxParagraph(cell.p_lst[0], table).add_run(text)
            docx_run.font.size = size
            if header:
                docx_run.bold = True
            if copyable:
                templates[header] = docx_run._r


def _paragraph(document: DocumentObject, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(plain(block.text))
    if block.style in ("meta", "muted"):
        run.font.color.rgb = _MUTED
        run.font.size = Pt(9)
    if block.style in ("count", "statement"):
        run.bold = True
    if block.style == "notice":
        run.italic = True
    if block.link:
        paragraph.add_run(plain(f" {block.link[0]}: {block.link[1]}"))


def _quote(document: DocumentObject, block: Quote, styles: _Styles) -> None:
    styles.paragraph("Quote").add_run(plain(block.text))
    source = document.add_paragraph()
    cite = block.citation.text() + (f" — {block.note}" if block.note else "")
    run = source.add_run(plain(cite))
    run.font.size = Pt(8.5)
    run.font.color.rgb = _MUTED


def _block(document: DocumentObject, block: Block, styles: _Styles) -> None:
    if isinstance(block, Heading):
        level = min(block.level - 1, 9)
        styles.paragraph("Title" if level == 0 else f"Heading {level}", plain(block.text))
    elif isinstance(block, Paragraph):
        _paragraph(document, block)
    elif isinstance(block, BulletList):
        for item in block.items:
            styles.paragraph("List Bullet", plain(item))
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Figure):
        document.add_picture(io.BytesIO(block.chart.png), width=_FIGURE_WIDTH)
        styles.paragraph("Caption").add_run(plain(block.caption))
    else:
        _quote(document, block, styles)


def render_docx(report: Report) -> bytes:
    """Render ``report`` as a Word document.

    Returns:
        The .docx bytes: headings, paragraphs, tables, charts as inline PNG pictures and quotes
        with plain-text citations; no fields, no hyperlinks, no macros.
    """
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2.2)
    properties = document.core_properties
    properties.title = plain(report.title)
    properties.language = report.lang
    properties.author = "imrf-analysis"
    properties.created = properties.modified = _FIXED_TIME
    properties.revision = 1
    styles = _Styles(document)
    for block in report.blocks:
        _block(document, block, styles)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
