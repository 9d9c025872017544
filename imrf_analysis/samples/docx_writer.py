"""Write a composed review as a Word document with real heading, list and table styles.

The notice that the file is an illustrative sample is on the title page, in the footer and in
the core properties. Dates inside the package and the zip entries are fixed, so the same review
gives the same bytes on every run.
"""

from __future__ import annotations

import io
import string
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from imrf_analysis.samples.document import (
    BulletList,
    Heading,
    Paragraph,
    ReviewDocument,
    Table,
)

_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
_LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}


def _add_field(paragraph: BaseOxmlElement, instruction: str) -> None:
    """Append a simple field, showing "1" until it is computed, to a paragraph's ``w:p``."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph.append(field)


def _page_label(paragraph: DocxParagraph, xml: BaseOxmlElement, label: str) -> None:
    """Write "Page {page} of {pages}" with live PAGE and NUMPAGES fields.

    ``xml`` is the paragraph's ``w:p``, which the fields go into.
    """
    for literal, field, _, _ in string.Formatter().parse(label):
        if literal:
            paragraph.add_run(literal)
        if field:
            _add_field(xml, _FIELDS[field])


def _title_page(doc: DocxDocument, document: ReviewDocument) -> None:
    page = document.title_page
    lines = [
        (page.country, "Title", None), (page.title, "Subtitle", None),
        (page.prepared_by, None, None), (page.forum, None, None), (page.submitted, None, None),
        *((notice, None, "notice") for notice in page.notices),
        (page.disclaimer, None, "small"),
    ]
    for text, style, kind in lines:
        paragraph = doc.add_paragraph(style=style)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        if kind == "notice":
            run.bold = True
            run.font.color.rgb = RGBColor(0x9B, 0x1C, 0x1C)
        elif kind == "small":
            run.font.size = Pt(9)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _table(doc: DocxDocument, block: Table) -> None:
    doc.add_paragraph(block.caption, style="Caption")
    rows = (block.header, *block.rows)
    table = doc.add_table(rows=len(rows), cols=len(block.header))
    table.style = doc.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            if r == 0:
                cell.paragraphs[0].runs[0].bold = True
    doc.add_paragraph(block.note).runs[0].font.size = Pt(8)


def _set_properties(doc: DocxDocument, document: ReviewDocument, date: datetime) -> None:
    page = document.title_page
    props = doc.core_properties
    props.title = f"{page.country} — {page.title}"
    props.subject = page.notices[0]
    props.comments = " / ".join(page.notices)  # core properties hold 255 characters at most
    props.keywords = document.keywords
    props.category = page.notices[0]
    props.author = page.prepared_by
    props.last_modified_by = "imrf-analysis sample generator"
    props.language = _LOCALES.get(document.language, document.language)
    props.revision = 1
    props.created = props.modified = props.last_printed = date


def _fixed_zip(data: bytes, date: datetime) -> bytes:
    """Return the package re-zipped with one fixed timestamp on every entry."""
    out = io.BytesIO()
    stamp = (date.year, date.month, date.day, date.hour, date.minute, date.second)
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render_docx(document: ReviewDocument, date: str) -> bytes:
    """Return ``document`` as DOCX bytes, dated ``date`` (ISO) in its properties."""
    when = datetime.fromisoformat(date).replace(hour=9, tzinfo=UTC)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), _LOCALES.get(document.language, document.language))
    doc.styles["Normal"].element.get_or_add_rPr().append(language)
    section.header.paragraphs[0].text = document.running_header
    footer = section.footer.paragraphs[0]
    footer.text = document.title_page.notices[0]
    number = section.footer.add_paragraph(style="Footer")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # The footer's part holds the footer's XML, this paragraph last.
    number_xml = next(number.part.element.iterchildren(qn("w:p"), reversed=True))
    _page_label(number, number_xml, document.page_label)

    _title_page(doc, document)
    for block in document.body:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, BulletList):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        else:
            _table(doc, block)
    _set_properties(doc, document, when)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue(), when)
