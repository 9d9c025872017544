"""Segmentation never loses, duplicates or reorders text, whatever the Unicode it is given."""

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from imrf_analysis.ingest.blocks import Block, join_hyphenated
from imrf_analysis.ingest.passages import passages_from_blocks
from imrf_analysis.ingest.text_formats import markdown_blocks, text_blocks

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
_LINES = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
                  max_size=12)
_MARKDOWN = st.lists(st.one_of(
    _TEXT, st.sampled_from(["# Objective 5", "## Objectif 20 :", "- item", "* point", "1. first",
                            "", "   ", "\u2028", "### هدف ٥", "#### Цель 7"])), max_size=20)


def _letters(text: str) -> str:
    """The text without whitespace and soft hyphens (invisible): what must be kept, in order."""
    return "".join(text.replace("\u00ad", "").split())


def _write(folder: str, text: str) -> Path:
    path = Path(folder) / "review.txt"
    path.write_bytes(text.encode("utf-8"))
    return path


@given(_LINES)
def test_join_hyphenated_keeps_every_character_but_line_end_hyphens(lines: list[str]):
    joined = join_hyphenated(lines)
    source = _letters("".join(lines))
    assert _letters(joined).replace("-", "") == source.replace("-", "")
    assert joined == joined.strip()


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_text_paragraphs_keep_all_text_once_in_order(text: str):
    with TemporaryDirectory() as folder:
        blocks = list(text_blocks(_write(folder, text)))
    assert "".join(_letters(b.text) for b in blocks) == _letters(text.removeprefix("\ufeff"))
    assert all(b.text for b in blocks)


@settings(max_examples=150, deadline=None)
@given(_MARKDOWN)
def test_markdown_blocks_keep_all_text_but_heading_marks(lines: list[str]):
    text = "\n".join(lines)
    with TemporaryDirectory() as folder:
        blocks = list(markdown_blocks(_write(folder, text)))
    kept = "".join(_letters(b.text) for b in blocks).replace("#", "")
    assert kept == _letters(text.removeprefix("\ufeff")).replace("#", "")


_BLOCKS = st.lists(st.builds(
    Block, page=st.integers(1, 500), kind=st.sampled_from(["heading", "paragraph", "list_item",
                                                            "table_row"]),
    text=st.text(min_size=1, max_size=60), level=st.integers(1, 6)), max_size=40)


@given(_BLOCKS)
def test_every_block_but_headings_becomes_exactly_one_passage_in_order(blocks: list[Block]):
    passages = passages_from_blocks(blocks, "doc")
    body = [b for b in blocks if b.kind != "heading"]
    assert passages["text"].tolist() == [b.text for b in body]
    assert passages["page"].tolist() == [b.page for b in body]
    assert passages["passage_id"].is_unique
    for row, block in zip(passages.itertuples(), body, strict=True):
        assert len(row.heading_path) <= 6
        assert all(h in [b.text for b in blocks if b.kind == "heading"] for h in row.heading_path)
        assert row.block_type == block.kind
