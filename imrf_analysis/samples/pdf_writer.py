"""Write a composed review as an A4 PDF, the way a ministry's word processor would export it.

Title page, then body pages under a running header with the page number in the footer. The
standard PDF fonts are used (nothing embedded), and reportlab's invariant mode fixes dates and
file ids, so the same review gives the same bytes on every run.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from imrf_analysis.samples.document import (
    BulletList,
    Heading,
    Paragraph,
    ReviewDocument,
    Table,
)

MARGIN = 22 * mm
GUTTER = 9 * mm
_BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}


def _styles(font: str) -> dict[str, ParagraphStyle]:
    bold = _BOLD[font]
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13.5, spaceAfter=6,
                          alignment=TA_JUSTIFY if font == "Times-Roman" else TA_LEFT)
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0,
                               alignment=TA_LEFT),
        "caption": ParagraphStyle("caption", parent=body, fontName=bold, fontSize=9.5,
                                  spaceBefore=4, spaceAfter=4, alignment=TA_LEFT, keepWithNext=1),
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10, spaceAfter=10),
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=15, leading=19, spaceBefore=14,
                             spaceAfter=8, keepWithNext=1),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=12, leading=15, spaceBefore=10,
                             spaceAfter=5, keepWithNext=1),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10.5, leading=13.5, spaceBefore=8,
                             spaceAfter=4, keepWithNext=1),
        "country": ParagraphStyle("country", fontName=bold, fontSize=26, leading=32,
                                  alignment=TA_CENTER, spaceAfter=18),
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=20,
                                alignment=TA_CENTER, spaceAfter=16),
        "centre": ParagraphStyle("centre", fontName=font, fontSize=11, leading=15,
                                 alignment=TA_CENTER, spaceAfter=6),
        "notice": ParagraphStyle("notice", fontName=bold, fontSize=12, leading=16,
                                 alignment=TA_CENTER, textColor=colors.HexColor("#9b1c1c"),
                                 spaceAfter=4),
        "disclaimer": ParagraphStyle("disclaimer", fontName=font, fontSize=9, leading=12,
                                     alignment=TA_CENTER, spaceBefore=8),
    }


def check_printable(document: ReviewDocument) -> None:
    """Check that the standard PDF fonts can show every character of ``document``.

    Raises:
        ValueError: a character falls outside the fonts' Windows-1252 repertoire; it would
            print as a blank box.
    """
    page = document.title_page
    texts = [document.text(), document.running_header, page.country, page.title,
             page.prepared_by, page.forum, page.submitted, page.disclaimer, *page.notices]
    for text in texts:
        for char in text:
            try:
                char.encode("cp1252")
            except UnicodeEncodeError:
                raise ValueError(f"{char!r} (U+{ord(char):04X}) cannot be printed in the "
                                 f"standard PDF fonts: {text[:60]!r}") from None


def _p(text: str, style: ParagraphStyle) -> PdfParagraph:
    return PdfParagraph(escape(text), style)


def _title_flowables(document: ReviewDocument, styles: dict[str, ParagraphStyle]) -> list[Any]:
    page = document.title_page
    return [
        Spacer(1, 35 * mm), _p(page.country.upper(), styles["country"]),
        _p(page.title, styles["title"]), _p(page.prepared_by, styles["centre"]),
        Spacer(1, 10 * mm), _p(page.forum, styles["centre"]), _p(page.submitted, styles["centre"]),
        Spacer(1, 22 * mm), *(_p(notice, styles["notice"]) for notice in page.notices),
        _p(page.disclaimer, styles["disclaimer"]),
    ]


def _table(block: Table, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    # Labels wrap inside their cell; figures are plain strings so a number never breaks.
    data = [[_p(row[0], styles["cell"]), *row[1:]] for row in (block.header, *block.rows)]
    columns = len(block.header)
    first = width * (0.38 if width > 120 * mm else 0.32)
    table = PdfTable(data, colWidths=[first] + [(width - first) / (columns - 1)] * (columns - 1),
                     repeatRows=1)
    cell = styles["cell"]
    table.setStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
        ("FONT", (1, 0), (-1, -1), cell.fontName, cell.fontSize if width > 120 * mm else 8),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (1, 0), (-1, -1), 3),
        ("RIGHTPADDING", (1, 0), (-1, -1), 3),
    ])
    return [_p(block.caption, styles["caption"]), table, _p(block.note, styles["note"])]


def _body_flowables(document: ReviewDocument, styles: dict[str, ParagraphStyle],
                    width: float) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in document.body:
        if isinstance(block, Heading):
            flowables.append(_p(block.text, styles[f"h{block.level}"]))
        elif isinstance(block, Paragraph):
            flowables.append(_p(block.text, styles["body"]))
        elif isinstance(block, BulletList):
            items = [ListItem(_p(item, styles["body"]), leftIndent=14) for item in block.items]
            flowables.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=14,
                                          bulletFontName=styles["body"].fontName))
        else:
            flowables.extend(_table(block, styles, width))
    return flowables


def _numbered_canvas(document: ReviewDocument, font: str) -> type[Canvas]:
    """Return a canvas class that draws header and footer once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, height = A4
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(MARGIN, height - 14 * mm, document.running_header)
            self.setStrokeColor(colors.grey)
            self.setLineWidth(0.4)
            self.line(MARGIN, height - 15.5 * mm, width - MARGIN, height - 15.5 * mm)
            self.drawString(MARGIN, 11 * mm, document.title_page.notices[0])
            label = document.page_label.format(page=self._pageNumber, pages=total)
            self.drawRightString(width - MARGIN, 11 * mm, label)
            self.restoreState()

    return NumberedCanvas


def render_pdf(document: ReviewDocument, font: str = "Helvetica", columns: int = 1) -> bytes:
    """Return ``document`` as PDF bytes; body pages in one or two columns.

    Raises:
        ValueError: the text holds a character the standard PDF fonts cannot show.
    """
    check_printable(document)
    styles = _styles(font)
    buffer = io.BytesIO()
    page = document.title_page
    template = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=24 * mm,
        bottomMargin=20 * mm, invariant=1, title=f"{page.country} — {page.title}",
        author=page.prepared_by, subject=page.notices[0], keywords=document.keywords,
        creator="imrf-analysis sample generator", lang=document.language,
    )
    x, y, width, height = (template.leftMargin, template.bottomMargin, template.width,
                           template.height)
    column = (width - GUTTER * (columns - 1)) / columns
    body_frames = [Frame(x + i * (column + GUTTER), y, column, height, id=f"column{i}")
                   for i in range(columns)]
    template.addPageTemplates([
        PageTemplate(id="title", frames=[Frame(x, y, width, height, id="title")]),
        PageTemplate(id="body", frames=body_frames),
    ])
    story = [*_title_flowables(document, styles), NextPageTemplate("body"), PageBreak(),
             *_body_flowables(document, styles, column)]
    template.build(story, canvasmaker=_numbered_canvas(document, font))
    return buffer.getvalue()
