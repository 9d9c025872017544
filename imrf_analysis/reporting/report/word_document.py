"""Write a report as a Word document (python-docx) from the same blocks as the HTML page.

Text from the data goes into plain runs only: braces, ``<script>`` and the like stay literal
text (python-docx never turns a run into a field), and characters XML cannot hold are dropped.
Citations are plain text ``(Country, file, p. N)``.

The document is ready to circulate: A4, page numbers in the footer (a PAGE field), a table of
contents (a TOC field over Heading 1-2, which Word fills in when it opens the file), table
header rows repeated on each page, and the edition's language for proofing. Those two fields
are the only ones, written by this module, never from the data.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from imrf_analysis.reporting.report.labels import Labels
from imrf_analysis.reporting.report.model import (
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
_A4 = (Cm(21.0), Cm(29.7))
_TEXT_WIDTH = Cm(21.0 - 2 * 2.2)
# Word's proofing language of each edition.
PROOFING_LANGUAGE = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}


def plain(text: object) -> str:
    """Return ``text`` as a string Word can hold (XML-illegal control characters dropped)."""
    return _XML_ILLEGAL.sub("", "" if text is None else str(text))


def _table(document: DocumentObject, block: Table) -> None:
    # Sized once: adding rows one by one re-reads the whole table each time.
    table = document.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
    table.style = "Table Grid"
    # The header row is repeated at the top of each page the table runs over. python-docx has
    # no word for it: the row's properties (first in a new row, which has none) say so.
    header_row = _last_child(document.element.body, "w:tbl").find(qn("w:tr"))
    header_properties = _element("w:trPr")
    header_properties.append(_element("w:tblHeader"))
    header_row.insert(0, header_properties)
    size = Pt(7) if len(block.headers) > 8 else Pt(8.5)
    for index, (row, values) in enumerate(zip(table.rows, [block.headers, *block.rows],
                                              strict=True)):
        for cell, value in zip(row.cells, values, strict=True):
            run = cell.paragraphs[0].add_run(plain(value))
            run.font.size = size
            if index == 0:
                run.bold = True
    _set_widths(table, block)


def _set_widths(table: DocxTable, block: Table) -> None:
    """Give each column a share of the text width after its longest cell (within limits).

    Word and LibreOffice split a new table into equal columns: a name column of a counts
    table broke words in two.
    """
    # Characters of the longest cell (a bold header's count half as much again), plus two for
    # the cell's margins; a name column at most 40.
    lengths = [min(40, 2 + max(4, round(1.5 * len(plain(block.headers[i]))),
                               *(len(plain(row[i])) for row in block.rows)))
               for i in range(len(block.headers))]
    total = sum(lengths)
    widths = [Emu(int(_TEXT_WIDTH * length / total)) for length in lengths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


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


def _quote(document: DocumentObject, block: Quote) -> None:
    document.add_paragraph(style="Quote").add_run(plain(block.text))
    source = document.add_paragraph()
    cite = block.citation.text() + (f" — {block.note}" if block.note else "")
    run = source.add_run(plain(cite))
    run.font.size = Pt(8.5)
    run.font.color.rgb = _MUTED


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _last_child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """Return the last ``tag`` child of ``parent``.

    python-docx gives the XML of a document's body and of its parts, not of a paragraph or
    table: one just added to the body is the body's last of its kind.
    """
    child: BaseOxmlElement = next(parent.iterchildren(qn(tag), reversed=True))
    return child


def _field(paragraph: DocxParagraph, xml: BaseOxmlElement, instruction: str,
           placeholder: str = "") -> None:
    """Append a field (``PAGE``, ``TOC …``) to ``paragraph``, whose XML is ``xml``.

    It shows ``placeholder`` until Word or LibreOffice computes it.
    """
    def run(*children: BaseOxmlElement) -> None:
        element = _element("w:r")
        element.extend(children)
        xml.append(element)

    instr = _element("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run(_element("w:fldChar", fldCharType="begin"))
    run(instr)
    run(_element("w:fldChar", fldCharType="separate"))
    if placeholder:
        paragraph.add_run(placeholder)
    run(_element("w:fldChar", fldCharType="end"))


def _contents(document: DocumentObject, labels: Labels) -> None:
    heading = "TOC Heading" if _has_style(document, "TOC Heading") else "Heading 1"
    document.add_paragraph(labels("contents"), style=heading)
    paragraph = document.add_paragraph()
    _field(paragraph, _last_child(document.element.body, "w:p"), r'TOC \o "1-2" \h \z \u',
           labels("toc_update"))
    # Word asks to update the fields (the contents) when it opens the document.
    settings = document.settings.element
    settings.append(_element("w:updateFields", val="true"))


def _has_style(document: DocumentObject, name: str) -> bool:
    return any(style.name == name for style in document.styles)


def _page_setup(document: DocumentObject, lang: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = _A4
    section.left_margin = section.right_margin = Cm(2.2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The footer's part holds the footer's XML, its paragraph first.
    _field(footer, footer.part.element.find(qn("w:p")), "PAGE", "1")
    # The default run properties carry the proofing language of every paragraph.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for old in run_properties.findall(qn("w:lang")):
        run_properties.remove(old)
    run_properties.append(_element("w:lang", val=PROOFING_LANGUAGE.get(lang, lang)))


def _block(document: DocumentObject, block: Block) -> None:
    if isinstance(block, Heading):
        level = min(block.level - 1, 9)
        document.add_paragraph(plain(block.text),
                               style="Title" if level == 0 else f"Heading {level}")
    elif isinstance(block, Paragraph):
        _paragraph(document, block)
    elif isinstance(block, BulletList):
        for item in block.items:
            document.add_paragraph(plain(item), style="List Bullet")
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Figure):
        document.add_picture(io.BytesIO(block.chart.png), width=_FIGURE_WIDTH)
        document.add_paragraph(style="Caption").add_run(plain(block.caption))
    else:
        _quote(document, block)


def render_docx(report: Report) -> bytes:
    """Render ``report`` as a Word document.

    Returns:
        The .docx bytes: headings, paragraphs, tables, charts as inline PNG pictures and quotes
        with plain-text citations; the contents and page-number fields only, no hyperlinks, no
        macros.
    """
    document = Document()
    _page_setup(document, report.lang)
    properties = document.core_properties
    properties.title = plain(report.title)
    properties.language = report.lang
    properties.author = "imrf-analysis"
    properties.created = properties.modified = _FIXED_TIME
    properties.revision = 1
    # The contents go after the title block (heading, meta line and notice), as in HTML.
    split = next((i for i, b in enumerate(report.blocks)
                  if isinstance(b, Heading) and b.level == 2), len(report.blocks))
    for index, block in enumerate(report.blocks):
        if index == split:
            _contents(document, Labels(report.lang))
        _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_entry_times(buffer.getvalue())


def _with_fixed_entry_times(docx: bytes) -> bytes:
    """Return the Word package ``docx`` with each part dated 1980-01-01 in the zip.

    python-docx dates the zip's entries with the time of saving: the same report saved twice
    would differ in those bytes alone. The parts and their order are unchanged.
    """
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, \
            zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0)),
                            source.read(entry.filename), compress_type=zipfile.ZIP_DEFLATED)
    return rewritten.getvalue()
