"""Footnotes of PDF pages: the small lines at the foot of a page, set apart from its body.

A page's footnotes are the last lines read on it when they sit in its lower half, are set
clearly smaller than the body text, and the first of them starts with a note mark (a number
or a symbol). Each mark starts a new note; the lines after it continue that note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from typing import Protocol, TypeVar

from imrf_analysis.ingest.blocks import Block, join_hyphenated

# Note text is at most this share of the body size (body 10-12 pt, notes 8-9 pt).
FOOTNOTE_SIZE_RATIO = 0.85
_MARK = re.compile(
    r"^(?:\d{1,3}|[*†‡§¶]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\(\d{1,3}\)|\[\d{1,3}\])(?:[.)]?\s|(?=[^\W\d_]))")


class _PageLine(Protocol):
    page: int
    x0: float
    text: str
    size: float
    low: bool


LineT = TypeVar("LineT", bound=_PageLine)


def starts_with_note_mark(text: str) -> bool:
    """Return True when ``text`` opens like a footnote: ``1 ...``, ``* ...``, ``(2) ...``."""
    return bool(_MARK.match(text))


def _note_zone(lines: list[LineT], body_size: float) -> int:
    """Index in ``lines`` (one page, reading order) where the page's footnotes begin."""
    start = len(lines)
    while start > 0:
        ln = lines[start - 1]
        if not (ln.low and ln.size <= body_size * FOOTNOTE_SIZE_RATIO):
            break
        start -= 1
    # The zone may open with a continuation of the previous page's last note; it must at
    # least hold one mark, and everything above its first mark stays body text.
    while start < len(lines) and not starts_with_note_mark(lines[start].text):
        start += 1
    return start


def split_footnotes(lines: Sequence[LineT], body_size: float) -> tuple[list[LineT], list[Block]]:
    """Separate the footnotes of each page from its body lines.

    Args:
        lines: the body lines of the document in reading order (running headers, footers and
            page numbers already removed).
        body_size: the font size of the body text.

    Returns:
        The body lines without the footnote lines, and one ``footnote`` block per note, in
        page order; the input is not changed.
    """
    body: list[LineT] = []
    notes: list[Block] = []
    for page, group in groupby(lines, key=lambda ln: ln.page):
        page_lines = list(group)
        start = _note_zone(page_lines, body_size)
        body += page_lines[:start]
        note: list[str] = []
        for ln in page_lines[start:]:
            if note and starts_with_note_mark(ln.text):
                notes.append(Block(page, "footnote", join_hyphenated(note)))
                note = []
            note.append(ln.text)
        if note:
            notes.append(Block(page, "footnote", join_hyphenated(note)))
    return body, notes
