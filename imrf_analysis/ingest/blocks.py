"""The unit every extractor produces: a block of text with its page and role.

Extractors differ by format; everything after them (heading paths, passage ids, language)
is shared, so a new format only has to yield ``Block`` objects in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A footnote is kept as its own block, after the body text that refers to it, so that its
# words are neither lost nor merged into the sentence they annotate.
BLOCK_TYPES = ("heading", "paragraph", "list_item", "table_row", "footnote")
# A scanned page that could not be read (its text is the reason): never a passage, it is
# reported with the document so that no page is silently lost.
UNREAD_PAGE = "unread_page"

# The page of a block whose format has no pages (text, Markdown, HTML) or whose page could not
# be established (a Word file without LibreOffice to lay it out): such a passage is cited by its
# section and paragraph, never by a guessed page.
NO_PAGE = 0

_BULLET = re.compile(r"^\s*(?:[•▪◦●‣\-–—*·]|\(?[a-z]\)|\(?\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item, table row or footnote as read from a review.

    Attributes:
        page: 1-based page of the source file where the block starts, or ``NO_PAGE``.
        kind: one of ``BLOCK_TYPES``, or ``UNREAD_PAGE``.
        text: the block's text with whitespace normalised.
        level: heading depth (1 = top) for headings, else 0.
        ocr: the text was read from an image of the page by OCR, not from a text layer.
    """

    page: int
    kind: str
    text: str
    level: int = 0
    ocr: bool = False


@dataclass(frozen=True)
class Extraction:
    """What reading a file gave: its page count, its blocks and the encoding of its text.

    Attributes:
        pages: page count; 0 for a format without pages.
        blocks: the blocks in reading order.
        text_encoding: the encoding a text, Markdown or HTML review was read in (``utf-8``,
            ``cp1252``, ``utf-16-le``...); "" for PDF and Word files, whose text is not
            stored in a single encoding.
    """

    pages: int
    blocks: list[Block]
    text_encoding: str = ""


class ExtractionError(Exception):
    """A review could not be read; ``reason`` and ``hint`` are in plain words for the quarantine."""

    def __init__(self, reason: str, hint: str, stage: str = "extract") -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint
        self.stage = stage


def normalise_space(text: str) -> str:
    """Return ``text`` with runs of whitespace (including non-breaking) collapsed to one space."""
    return " ".join(text.replace("\u00ad", "").split())


def is_list_item(text: str) -> bool:
    """Return True when ``text`` starts like a bullet or a numbered/lettered list item."""
    return bool(_BULLET.match(text))


def join_hyphenated(lines: list[str]) -> str:
    """Join wrapped lines into one string, mending words hyphenated across a line break.

    ``"migra-" + "tion"`` becomes ``"migration"``; a hyphen before an upper-case letter or a digit
    ("COVID-" + "19", "Franco-" + "Spanish") is kept.
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line
        elif out:
            out = f"{out} {line}"
        else:
            out = line
    return normalise_space(out)
