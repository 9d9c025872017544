"""The report document model: what a report says, independent of HTML or DOCX.

A report is built once from the compiled tables as a flat sequence of blocks (headings,
paragraphs, lists, tables, figures, quoted excerpts); each writer turns the same blocks into
its format. Every value here is plain text: writers escape it for their format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # charts import the report labels; the model only names the chart type
    from imrf_analysis.reporting.charts import Chart


@dataclass(frozen=True)
class Citation:
    """Where a quoted excerpt comes from: country, file and page (or section) of one passage.

    ``where`` is the place in the file as printed: ``"p. 3"``, or for a file without pages
    ``"§ Objective 5, para. 3"`` (``PassageIndex.where``).
    """

    passage_id: str
    country: str
    file: str
    page: int
    stakeholder: bool = False
    where: str = ""

    def text(self) -> str:
        """Return the citation as printed, e.g. ``"(Kenya, kenya-review.pdf, p. 3)"``."""
        return f"({self.country}, {self.file}, {self.where or f'p. {self.page}'})"


@dataclass(frozen=True)
class Heading:
    """A heading; level 2 headings make the table of contents."""

    text: str
    level: int = 2
    anchor: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text, optionally ending with a link (text, relative href)."""

    text: str
    style: str = "body"  # body | meta | count | muted | notice | statement
    link: tuple[str, str] | None = None


@dataclass(frozen=True)
class BulletList:
    """A bulleted list of plain-text items."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of plain-text cells; ``numeric`` columns are right-aligned."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A chart rendered once (PNG and SVG) with its caption."""

    chart: Chart
    caption: str


@dataclass(frozen=True)
class Quote:
    """A verbatim excerpt of a passage with its citation; ``note`` marks e.g. a contribution."""

    text: str
    citation: Citation
    note: str | None = None


@dataclass(frozen=True)
class PassageContext:
    """A cited passage with its neighbours, shown when a reader opens a citation."""

    passage_id: str
    country: str
    file: str
    page: int
    heading_path: tuple[str, ...]
    neighbours: tuple[tuple[str, int, str], ...]  # (passage_id, page, text), document order
    where: str = ""  # as in ``Citation.where``


Block = Heading | Paragraph | BulletList | Table | Figure | Quote


@dataclass(frozen=True)
class Report:
    """One report: its file stem, title, language, blocks and the contexts of its citations."""

    stem: str
    title: str
    lang: str
    blocks: tuple[Block, ...]
    contexts: dict[str, PassageContext] = field(default_factory=dict)

    def citations(self) -> list[Citation]:
        """Return the citations of the report's quotes, in reading order."""
        return [b.citation for b in self.blocks if isinstance(b, Quote)]

    def figures(self) -> list[Figure]:
        """Return the report's figures, in reading order."""
        return [b for b in self.blocks if isinstance(b, Figure)]
