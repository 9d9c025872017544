"""Passages from blocks: every block that is not a heading, under the path of its headings."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.ingest.blocks import UNREAD_PAGE, Block

PASSAGE_COLUMNS: tuple[str, ...] = (
    "passage_id", "document_id", "page", "paragraph_index", "heading_path", "block_type",
    "text", "ocr",
)


def passages_from_blocks(blocks: list[Block], document_id: str) -> pd.DataFrame:
    """Turn blocks into passages, each carrying the path of headings above it.

    Headings are not passages themselves; they become the ``heading_path`` of what follows.
    An unread scanned page has no text to pass on and is reported elsewhere.

    Returns:
        One row per non-heading block, in order, with ``PASSAGE_COLUMNS``.
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
        index = len(rows)
        rows.append(
            {
                "passage_id": f"{document_id}-{index:04d}",
                "document_id": document_id,
                "page": block.page,
                "paragraph_index": index,
                "heading_path": [text for _, text in stack],
                "block_type": block.kind,
                "text": block.text,
                "ocr": block.ocr,
            }
        )
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))
