"""Passages from blocks: every block that is not a heading, under the path of its headings.

A block longer than ``MAX_PASSAGE_CHARS`` (a file without paragraph breaks, a table flattened
into one cell) becomes several passages, cut between sentences where it can and between words
where a sentence alone is too long: a passage is what a report cites and what the tagger
reads, and neither can use a block of a million characters.
"""

from __future__ import annotations

import re

import pandas as pd

from imrf_analysis.ingest.blocks import UNREAD_PAGE, Block

PASSAGE_COLUMNS: tuple[str, ...] = (
    "passage_id", "document_id", "page", "paragraph_index", "heading_path", "block_type",
    "text", "ocr",
)


MAX_PASSAGE_CHARS = 5_000
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def split_long_text(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """Return ``text`` in pieces of at most ``limit`` characters (``[text]`` when it fits).

    Pieces end at sentence ends where possible, else at the last space before the limit, else
    at the limit itself; no character but the whitespace between pieces is lost.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece]


def passages_from_blocks(blocks: list[Block], document_id: str) -> pd.DataFrame:
    """Turn blocks into passages, each carrying the path of headings above it.

    Headings are not passages themselves; they become the ``heading_path`` of what follows.
    An unread scanned page has no text to pass on and is reported elsewhere. A block over
    ``MAX_PASSAGE_CHARS`` gives one passage per piece (``split_long_text``).

    Returns:
        One row per non-heading block (or piece of one), in order, with ``PASSAGE_COLUMNS``.
    """
    stack: list[tuple[int, str]] = []
    rows: list[dict[str, object]] = []
    for block in blocks:
        if block.kind == UNREAD_PAGE:
            continue
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            continue
        for piece in split_long_text(block.text):
            index = len(rows)
            rows.append(
                {
                    "passage_id": f"{document_id}-{index:04d}",
                    "document_id": document_id,
                    "page": block.page,
                    "paragraph_index": index,
                    "heading_path": [text for _, text in stack],
                    "block_type": block.kind,
                    "text": piece,
                    "ocr": block.ocr,
                }
            )
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))
