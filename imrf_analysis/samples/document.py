"""A composed review, independent of its file format: title page, running header and body blocks.

The PDF and DOCX writers both render this one structure, so the two formats carry the same text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """A chapter (level 1), section (level 2) or sub-section (level 3) heading."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    text: str


@dataclass(frozen=True)
class BulletList:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a caption above it and an optional source note below."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


Block = Heading | Paragraph | BulletList | Table


@dataclass(frozen=True)
class TitlePage:
    """What the first page of a review shows, top to bottom."""

    country: str
    title: str
    prepared_by: str
    forum: str
    submitted: str
    notices: tuple[str, ...]  # the English notice, then the review's language if different
    disclaimer: str


@dataclass(frozen=True)
class ReviewDocument:
    """A review ready to be written as PDF or DOCX."""

    language: str
    title_page: TitlePage
    running_header: str
    page_label: str  # "Page {page}" or "Page {page} of {pages}", in the review's language
    body: tuple[Block, ...]
    keywords: str

    def text(self) -> str:
        """Return the body's text, one block per line (tables row by row), for checks and tests."""
        lines: list[str] = []
        for block in self.body:
            if isinstance(block, Heading | Paragraph):
                lines.append(block.text)
            elif isinstance(block, BulletList):
                lines.extend(block.items)
            else:
                lines.append(block.caption)
                lines.extend(" | ".join(row) for row in (block.header, *block.rows))
                if block.note:
                    lines.append(block.note)
        return "\n".join(lines)

    def headings(self) -> list[Heading]:
        """Return the body's headings in order."""
        return [block for block in self.body if isinstance(block, Heading)]
