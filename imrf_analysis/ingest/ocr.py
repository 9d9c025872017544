"""Text of scanned PDF pages, read by Tesseract OCR.

A scanned page is an image with no text layer. When the ``tesseract`` program is installed,
the page is rendered with PDFium, read by Tesseract in the review's declared language, and its
words are grouped into paragraphs as Tesseract finds them. Without Tesseract, or when OCR
fails, the page is kept as an ``unread_page`` block naming the reason, so it is reported and
never silently dropped.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import pypdfium2 as pdfium

from imrf_analysis.ingest.blocks import (
    UNREAD_PAGE,
    Block,
    ExtractionError,
    is_list_item,
    join_hyphenated,
)

TESSERACT_LANGUAGES: dict[str, str] = {
    "en": "eng", "fr": "fra", "es": "spa", "ar": "ara", "ru": "rus",
}
FALLBACK_LANGUAGES: tuple[str, ...] = ("eng", "fra", "spa")
SCANNED_PAGE_MAX_CHARS = 20  # fewer text characters than this, plus an image: a scanned page
OCR_NOT_INSTALLED = "Tesseract OCR is not installed"
_MIN_CONFIDENCE = 30.0  # mean word confidence under which a paragraph is image noise
_PAGE_NUMBER = re.compile(r"^\W*(?:page|página|pagina|p\.|стр\.?|صفحة)?\s*\d{1,4}\W*$",
                          re.IGNORECASE)


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are read.

    Attributes:
        languages: Tesseract language codes, joined with ``+`` on the command line.
        dpi: resolution at which a page is rendered for OCR.
        timeout_seconds: limit on one page's OCR; a page over it is reported unread.
        max_pages: scanned pages of one file read by OCR; later ones are reported unread.
    """

    languages: tuple[str, ...] = FALLBACK_LANGUAGES
    dpi: int = 300
    timeout_seconds: float = 120.0
    max_pages: int = 200


class OcrFailed(Exception):
    """Tesseract could not read a page; the message says why in plain words."""


def find_tesseract() -> str | None:
    """Return the path of the ``tesseract`` program, or None when it is not installed."""
    return shutil.which("tesseract")


@cache
def installed_languages(tesseract: str) -> frozenset[str]:
    """Return the language data installed for ``tesseract`` (empty if it cannot be listed)."""
    try:
        listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:] if line.strip())


def tesseract_languages(language: str) -> tuple[str, ...]:
    """Map a register language (``en``, ``fr``, ``es``, ``ar``, ``ru``) to Tesseract codes.

    Returns:
        One Tesseract code; for a blank or unknown language, English, French and Spanish
        together.
    """
    code = TESSERACT_LANGUAGES.get(language.strip().lower()[:2])
    return (code,) if code else FALLBACK_LANGUAGES


def is_scanned(text_chars: int, has_images: bool) -> bool:
    """Return True for a page that shows an image and has (almost) no text characters."""
    return has_images and text_chars < SCANNED_PAGE_MAX_CHARS


def scanned_page_reader(document: pdfium.PdfDocument,
                 settings: OcrSettings) -> Callable[[int], list[Block]]:
    """Return a function giving the blocks of a scanned page of ``document`` by its number.

    Tesseract is looked up once; the settings' languages are narrowed to the language data
    installed, and at most ``settings.max_pages`` pages are read.

    Returns:
        A function of the 1-based page number: the page's OCR blocks, or one ``unread_page``
        block saying why it was not read (no Tesseract, OCR failed, over the page limit).
    """
    tesseract = find_tesseract()
    if tesseract is None:
        return lambda number: [unread_page(number, OCR_NOT_INSTALLED)]
    installed = installed_languages(tesseract)
    usable = (tuple(c for c in settings.languages if c in installed)
              or tuple(c for c in FALLBACK_LANGUAGES if c in installed)
              or tuple(sorted(installed - {"osd"}))[:1] or settings.languages)
    settings = replace(settings, languages=usable)
    done = 0

    def read(number: int) -> list[Block]:
        nonlocal done
        if done >= settings.max_pages:
            return [unread_page(number, f"over the limit of {settings.max_pages} pages of OCR "
                                        "per file")]
        done += 1
        try:
            return read_scanned_page(tesseract, document, number, settings)
        except OcrFailed as err:
            return [unread_page(number, str(err))]

    return read


def read_scanned_page(tesseract: str, document: pdfium.PdfDocument, number: int,
                      settings: OcrSettings) -> list[Block]:
    """Render page ``number`` (1-based) of an open PDF and read its text with Tesseract.

    Returns:
        The page's paragraphs and list items marked ``ocr=True``, in Tesseract's reading order
        (bare page numbers dropped); empty for a blank image.

    Raises:
        OcrFailed: Tesseract timed out, failed, or is missing the language data.
    """
    page = document[number - 1]
    try:
        image = page.render(scale=settings.dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()
    png = io.BytesIO()
    image.save(png, format="PNG")
    # One thread per call: the machine's cores go to reviews read in parallel, and OpenMP
    # threads competing on a busy machine make one page many times slower.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [tesseract, "stdin", "stdout", "--dpi", str(settings.dpi),
               "-l", "+".join(settings.languages), "tsv"]
    try:
        result = subprocess.run(command, input=png.getvalue(), capture_output=True,
                                timeout=settings.timeout_seconds, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"OCR took over {settings.timeout_seconds:g} s") from None
    except OSError as err:
        raise OcrFailed(f"Tesseract could not be started ({err.strerror})") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"Tesseract failed ({(message or ['no message'])[-1][:120]})")
    return blocks_from_tsv(result.stdout.decode("utf-8", "replace"), number, image.height)


def blocks_from_tsv(tsv: str, page: int, image_height: int) -> list[Block]:
    """Group the words of Tesseract's TSV output into paragraph blocks of one page.

    Words of one Tesseract paragraph are joined line by line (hyphenated breaks mended);
    paragraphs whose mean word confidence is low (specks, logos) and bare page numbers near
    the top or bottom edge are dropped.

    Returns:
        Blocks with ``ocr=True``: list items where the text starts like one, else paragraphs.
    """
    paragraphs: dict[tuple[int, int], dict[int, list[str]]] = {}
    confidences: dict[tuple[int, int], list[float]] = {}
    tops: dict[tuple[int, int], tuple[int, int]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        key = (int(row["block_num"]), int(row["par_num"]))
        paragraphs.setdefault(key, {}).setdefault(int(row["line_num"]), []).append(text)
        confidences.setdefault(key, []).append(float(row["conf"]))
        top, bottom = int(row["top"]), int(row["top"]) + int(row["height"])
        low, high = tops.get(key, (top, bottom))
        tops[key] = (min(low, top), max(high, bottom))
    blocks: list[Block] = []
    for key, lines in paragraphs.items():
        scores = confidences[key]
        if sum(scores) / len(scores) < _MIN_CONFIDENCE:
            continue
        text = join_hyphenated([" ".join(words) for _, words in sorted(lines.items())])
        top, bottom = tops[key]
        in_margin = top < image_height * 0.08 or bottom > image_height * 0.92
        if not text or in_margin and _PAGE_NUMBER.match(text):
            continue
        blocks.append(Block(page, "list_item" if is_list_item(text) else "paragraph", text,
                            ocr=True))
    return blocks


def unread_page(page: int, reason: str) -> Block:
    """Return the block that stands for a scanned page left unread, and why."""
    return Block(page, UNREAD_PAGE, reason)


def needs_ocr_error(scanned: Sequence[Block]) -> ExtractionError:
    """Return the error for a PDF whose pages are all scanned and none could be read."""
    reasons = sorted({b.text for b in scanned} - {OCR_NOT_INSTALLED})
    return ExtractionError(
        "no text layer: the PDF looks scanned and needs OCR"
        + (f" ({'; '.join(reasons)})" if reasons else ""),
        "install Tesseract OCR (Debian: tesseract-ocr) and run again, or submit a text PDF or "
        "a Word version",
    )


def describe_unread_pages(blocks: Sequence[Block]) -> list[tuple[str, str]]:
    """Summarise the scanned pages left unread, one line per reason.

    Returns:
        ``(reason, hint)`` pairs in plain words naming the pages; empty when every page was read.
    """
    by_reason: dict[str, list[int]] = {}
    for block in blocks:
        if block.kind == UNREAD_PAGE:
            by_reason.setdefault(block.text, []).append(block.page)
    notes = []
    for reason, pages in by_reason.items():
        shown = ", ".join(str(p) for p in pages)
        label = "page" if len(pages) == 1 else "pages"
        hint = ("install Tesseract OCR (Debian: tesseract-ocr and its language data) and run "
                "again, or submit a text PDF" if reason == OCR_NOT_INSTALLED else
                "check the scan is legible, or raise the OCR limits of the run; or submit a "
                "text PDF")
        notes.append((f"scanned {label} {shown} not read ({reason}); the rest of the file is "
                      "compiled", hint))
    return notes
