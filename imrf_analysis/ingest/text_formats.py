"""Blocks from plain text, Markdown and HTML reviews: formats without pages (``NO_PAGE``).

``text_review`` reads one such review into an ``Extraction`` that records the encoding its
text was read in (``decode_text``).
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup

from imrf_analysis.ingest.blocks import (
    NO_PAGE,
    Block,
    Extraction,
    ExtractionError,
    is_list_item,
    normalise_space,
)

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_log = logging.getLogger(__name__)
_HTML_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr")


# What text files of reviews come in besides UTF-8 and UTF-16 with a byte-order mark: Windows'
# encodings for Western European, Cyrillic and Arabic text, UTF-16 without the mark, and the
# old Macintosh encoding. Detection is limited to these: given every encoding, the detector
# reads French Windows text as Central European.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1252", "cp1251", "cp1256", "utf_16_le", "utf_16_be",
                                     "mac_roman")
# How garbled (charset-normalizer's "chaos", 0 to 1) a decoded text may be and still be read.
MAX_CHAOS = 0.2


def _ascii_utf16(raw: bytes) -> tuple[str, str] | None:
    """Return ``raw`` decoded as UTF-16, and which, when it is mostly ASCII text saved so.

    The signature: an even length, nine bytes in ten of one parity NUL and almost none of the
    other, and no NUL left once decoded.
    """
    if len(raw) < 16 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0) / (len(raw) // 2), raw[1::2].count(0) / (len(raw) // 2)
    encoding = ("utf-16-le" if odd >= 0.9 and even <= 0.1 else
                "utf-16-be" if even >= 0.9 and odd <= 0.1 else None)
    if encoding is None:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else (text, encoding)


def encoding_name(encoding: str) -> str:
    """Return Python's codec name of ``encoding``: ``cp1252``, ``utf-16-le``, ``mac-roman``."""
    return codecs.lookup(encoding).name


def read_text(path: Path) -> str:
    """Return the text of ``path``, decoded as it was saved (see ``decode_text``)."""
    return decode_text(path)[0]


def decode_text(path: Path) -> tuple[str, str]:
    """Return the text of ``path``, decoded as it was saved, and the encoding it was read in.

    UTF-8, or UTF-16 when it starts with a byte-order mark; otherwise the encoding of
    ``LEGACY_ENCODINGS`` that charset-normalizer finds reads it cleanly (logged). The encoding
    is named as Python's codecs name it (``encoding_name``): ``utf-8`` (with or without its
    byte-order mark), ``utf-16-le``, ``utf-16-be``, ``cp1252``, ``cp1251``, ``cp1256``,
    ``mac-roman``.

    Raises:
        ExtractionError: the bytes are not UTF-8 and no encoding reads them as text.
    """
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return (raw.decode("utf-16"),
                    "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be")
        except UnicodeDecodeError as err:
            raise ExtractionError(f"the text is not valid UTF-16 (byte {err.start})",
                                  "save the file as UTF-8 and submit it again") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problem = f"the text is not valid {err.encoding.upper()} (byte {err.start})"
    else:
        # UTF-16 without its mark is valid UTF-8 when its text is ASCII: every other byte NUL.
        utf16 = _ascii_utf16(raw)
        if utf16 is not None:
            _log.info("%s: not UTF-8, read as UTF-16 without its byte-order mark", path.name)
            return utf16
        return text, "utf-8"
    best = charset_normalizer.from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is not None and best.chaos <= MAX_CHAOS:
        _log.info("%s: not UTF-8, read as %s", path.name, best.encoding)
        return str(best), encoding_name(best.encoding)
    raise ExtractionError(
        f"{problem}, and no known encoding ({', '.join(LEGACY_ENCODINGS)}) reads it as text",
        "save the file as UTF-8 and submit it again")


def text_blocks(path: Path) -> Iterator[Block]:
    """Yield one block per paragraph of a .txt review.

    Paragraphs are separated by blank lines; in a text without any blank line whose lines
    mostly end a sentence (a paragraph per line, as a word processor saves plain text), each
    line is a paragraph.
    """
    return paragraph_blocks(read_text(path))


def paragraph_blocks(text: str) -> Iterator[Block]:
    """Yield the blocks of plain text ``text`` (see ``text_blocks``)."""
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
    return markdown_text_blocks(read_text(path))


def markdown_text_blocks(text: str) -> Iterator[Block]:
    """Yield the blocks of Markdown text ``text`` (see ``markdown_blocks``)."""
    for chunk in re.split(r"\n\s*\n", text):
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
    return html_text_blocks(read_text(path))


def html_text_blocks(text: str) -> Iterator[Block]:
    """Yield the blocks of HTML text ``text`` (see ``html_blocks``)."""
    soup = BeautifulSoup(text, "html.parser")
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


# The readers of each text format, given the decoded text.
TEXT_FORMATS: dict[str, Callable[[str], Iterator[Block]]] = {
    "txt": paragraph_blocks, "md": markdown_text_blocks, "html": html_text_blocks,
    "htm": html_text_blocks,
}


def text_review(path: Path) -> Extraction:
    """Read a text, Markdown or HTML review (by its suffix) into its blocks and encoding.

    Raises:
        ExtractionError: the bytes are not UTF-8 and no encoding reads them as text.
    """
    text, encoding = decode_text(path)
    blocks = list(TEXT_FORMATS[path.suffix.lower().lstrip(".")](text))
    return Extraction(NO_PAGE, blocks, encoding)
