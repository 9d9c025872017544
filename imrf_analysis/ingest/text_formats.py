"""Blocks from plain text, Markdown and HTML reviews: formats without pages (``NO_PAGE``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

from imrf_analysis.ingest.blocks import (
    NO_PAGE,
    Block,
    ExtractionError,
    is_list_item,
    normalise_space,
)

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr")


def read_text(path: Path) -> str:
    """Return the text of ``path``: UTF-8, or UTF-16 when it starts with a byte-order mark.

    Raises:
        ExtractionError: the file is not valid UTF-8 (nor marked UTF-16).
    """
    raw = path.read_bytes()
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ExtractionError(
            f"the text is not valid {err.encoding.upper()} (byte {err.start})",
            "save the file as UTF-8 and submit it again",
        ) from None


def text_blocks(path: Path) -> Iterator[Block]:
    """Yield one block per paragraph of a .txt review.

    Paragraphs are separated by blank lines; in a text without any blank line whose lines
    mostly end a sentence (a paragraph per line, as a word processor saves plain text), each
    line is a paragraph.
    """
    text = read_text(path)
    chunks = re.split(r"\n\s*\n", text)
    if len(chunks) == 1 and _one_paragraph_per_line(text):
        chunks = text.splitlines()
    for chunk in chunks:
        paragraph = normalise_space(chunk)
        if paragraph:
            yield Block(NO_PAGE, "list_item" if is_list_item(paragraph) else "paragraph", paragraph)


def _one_paragraph_per_line(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    ended = sum(line.endswith((".", "!", "?", ":", ";", "»", "\"", "”")) for line in lines)
    return len(lines) > 1 and ended * 2 >= len(lines)


def markdown_blocks(path: Path) -> Iterator[Block]:
    """Yield headings (``#`` levels), list items and paragraphs of a .md review."""
    for chunk in re.split(r"\n\s*\n", read_text(path)):
        paragraph: list[str] = []
        for line in chunk.splitlines():
            heading = _MD_HEADING.match(line)
            if heading or is_list_item(line):
                if paragraph:
                    yield Block(NO_PAGE, "paragraph", normalise_space(" ".join(paragraph)))
                    paragraph = []
                if heading:
                    yield Block(NO_PAGE, "heading", normalise_space(heading.group(2)),
                                len(heading.group(1)))
                else:
                    yield Block(NO_PAGE, "list_item", normalise_space(line))
            elif line.strip():
                paragraph.append(line)
        if paragraph:
            yield Block(NO_PAGE, "paragraph", normalise_space(" ".join(paragraph)))


def html_blocks(path: Path) -> Iterator[Block]:
    """Yield headings, paragraphs, list items and table rows of an .html review."""
    soup = BeautifulSoup(read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header"]):
        tag.decompose()
    for element in soup.find_all(_HTML_BLOCKS):
        if element.name != "tr" and element.find_parent(["li", "tr"]):
            continue
        if element.name == "tr":
            cells = [normalise_space(c.get_text(" ")) for c in element.find_all(["td", "th"])]
            text = " | ".join(c for c in cells if c)
            kind, level = "table_row", 0
        else:
            text = normalise_space(element.get_text(" "))
            heading = element.name.startswith("h")
            kind = "heading" if heading else ("list_item" if element.name == "li" else "paragraph")
            level = int(element.name[1]) if heading else 0
        if text:
            yield Block(NO_PAGE, kind, text, level)
