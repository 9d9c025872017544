"""Word-processor reviews through LibreOffice: conversion to .docx, and pages as Word shows them.

OpenDocument (.odt), old Word (.doc) and RTF reviews are converted to .docx, then screened and
read like any submitted Word document; without LibreOffice such a file is quarantined.

A .docx file stores no pages: Word lays them out when it opens the file. So the blocks of a
Word review (headings, lists, tables, footnotes: its structure, from python-docx) take their
pages from a PDF that LibreOffice lays out (``paged_docx_blocks``): each block is found, in
order, in the text of the PDF's pages. A block that cannot be found between two found on the
same page is on that page; any other keeps ``NO_PAGE``, and so does every block when
LibreOffice is not installed: such passages are cited by section and paragraph, never by a
guessed page.

LibreOffice runs headless in a temporary folder, on a copy of the file under a plain name
(so no submitted name reaches its command line), with a profile kept by each thread for its
conversions (so processes in parallel never wait on each other's lock, and only the first
conversion of a process pays for creating the profile, about a second).
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import unicodedata
from dataclasses import replace
from pathlib import Path

import pypdfium2

from imrf_analysis.ingest.blocks import NO_PAGE, Block, ExtractionError
from imrf_analysis.ingest.docx_format import docx_blocks
from imrf_analysis.ingest.pdf_pages import PDFIUM_LOCK
from imrf_analysis.ingest.screening import IngestLimits, check_docx_archive

log = logging.getLogger(__name__)

CONVERTED_SUFFIXES: tuple[str, ...] = ("odt", "doc", "rtf")
OFFICE_COMMANDS: tuple[str, ...] = ("soffice", "libreoffice")
_ARTICLE = {"odt": "an", "doc": "a", "rtf": "an"}
_RESUBMIT = "or submit the review as .docx or .pdf"


def find_office() -> str | None:
    """Return the path of the LibreOffice command on PATH, or None when it is not installed."""
    for name in OFFICE_COMMANDS:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Run ``command`` in its own process group; on timeout the whole group is killed."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin as a child
        process.communicate()
        raise
    return process.returncode, output.decode("utf-8", "replace")


_PROFILES = threading.local()


def _profile() -> Path:
    """Return this thread's LibreOffice profile folder (removed when the process ends).

    Two LibreOffice instances on one profile wait for, or fail on, each other's lock; reviews
    are read in parallel by processes or by threads, so each thread has its own.
    """
    folder: Path | None = getattr(_PROFILES, "folder", None)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="imrf-office-profile-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _PROFILES.folder = folder
    return folder


def convert_with_office(path: Path, out_dir: Path, target: str, timeout_seconds: float,
                        office: str | None = None) -> Path:
    """Convert a word-processor file to ``target`` ("docx" or "pdf") with LibreOffice headless.

    Args:
        path: the submitted file.
        out_dir: an existing empty folder for the copy and the result.
        target: the format to write.
        timeout_seconds: how long LibreOffice may take before it is stopped.
        office: the LibreOffice command; found on PATH when None.

    Returns:
        The path of the file written in ``out_dir``.

    Raises:
        ExtractionError: LibreOffice is not installed, timed out, failed, or wrote nothing.
    """
    suffix = path.suffix.lower().lstrip(".")
    office = office or find_office()
    if office is None:
        raise ExtractionError(
            f"{_ARTICLE.get(suffix, 'a')} .{suffix} file needs LibreOffice to be converted, "
            "and it is not installed",
            f"install the Debian package libreoffice-writer-nogui, {_RESUBMIT}", stage="convert")
    source = out_dir / f"source.{suffix}"
    shutil.copyfile(path, source)
    command = [office, "--headless", "--norestore", "--nologo",
               f"-env:UserInstallation={_profile().as_uri()}",
               "--convert-to", target, "--outdir", str(out_dir), str(source)]
    try:
        code, output = _run(command, timeout_seconds)
    except subprocess.TimeoutExpired:
        raise ExtractionError(
            f"LibreOffice took more than {timeout_seconds:g} s to convert the .{suffix} file",
            f"open the file in LibreOffice or Word and save it as .docx, {_RESUBMIT}",
            stage="convert") from None
    except OSError as err:
        raise ExtractionError(f"LibreOffice could not be started ({err.strerror})",
                              f"check the LibreOffice installation, {_RESUBMIT}",
                              stage="convert") from None
    result = out_dir / f"source.{target}"
    if code != 0 or not result.is_file() or result.stat().st_size == 0:
        said = " ".join(output.split())[:160] or "no message"
        raise ExtractionError(
            f"LibreOffice could not convert the .{suffix} file (exit code {code}: {said})",
            f"check the file opens in LibreOffice or Word and is not password-protected, "
            f"{_RESUBMIT}", stage="convert")
    return result


def converted_blocks(path: Path, limits: IngestLimits,
                     office: str | None = None) -> tuple[int, list[Block]]:
    """Return the page count and blocks of an .odt, .doc or .rtf review, read via .docx.

    Returns:
        ``(pages, blocks)`` of the converted document; the temporary folder is removed.

    Raises:
        ExtractionError: the conversion failed, or its result breaks a limit or cannot be read.
    """
    with tempfile.TemporaryDirectory(prefix="imrf-convert-") as folder:
        converted = convert_with_office(path, Path(folder), "docx",
                                        limits.conversion_timeout_seconds, office)
        check_docx_archive(converted, limits)
        return paged_docx_blocks(converted, limits, office)


def paged_docx_blocks(path: Path, limits: IngestLimits | None = None,
                      office: str | None = None) -> tuple[int, list[Block]]:
    """Return the page count and blocks of a .docx review, with the pages Word would show.

    Returns:
        ``(pages, blocks)``: the pages of LibreOffice's layout, each block on the page where it
        starts; or ``(0, blocks)`` with every block on ``NO_PAGE`` when LibreOffice is not
        installed or cannot lay the file out (the reason is logged).

    Raises:
        ExtractionError: the file is not a readable Word document.
    """
    blocks = docx_blocks(path)
    pages = rendered_pages(path, limits or IngestLimits(), office)
    if pages is None:
        return 0, [replace(block, page=NO_PAGE) for block in blocks]
    return len(pages), locate_pages(blocks, pages)


def rendered_pages(path: Path, limits: IngestLimits, office: str | None = None) -> list[str] | None:
    """Return the text of each page of ``path`` as LibreOffice lays it out, or None without it."""
    if (office or find_office()) is None:
        return None
    with tempfile.TemporaryDirectory(prefix="imrf-layout-") as folder:
        try:
            pdf = convert_with_office(path, Path(folder), "pdf",
                                      limits.conversion_timeout_seconds, office)
        except ExtractionError as error:
            log.warning("%s: no pages from LibreOffice (%s); passages are cited by section",
                        path.name, error)
            return None
        # PDFium is not thread-safe: opened, read and closed under the lock of every use of it.
        with PDFIUM_LOCK:
            try:
                document = pypdfium2.PdfDocument(pdf)
            except pypdfium2.PdfiumError as error:
                log.warning("%s: LibreOffice's PDF cannot be read (%s); passages are cited by "
                            "section", path.name, error)
                return None
            try:
                texts = []
                for index in range(len(document)):
                    page = document[index]
                    textpage = page.get_textpage()
                    texts.append(textpage.get_text_range())
                    textpage.close()
                    page.close()
                return texts
            finally:
                document.close()


# Blocks are found in the pages by their first characters, letters and digits only, so that line
# breaks, hyphenation, list numbers and table borders of the layout do not matter.
_KEY_CHARS = 40
_TABLE_KEY_CHARS = 16  # a table's cells are laid out side by side, line by line
_FAR_KEY_CHARS = 16  # a shorter key is looked for on the current and next page only


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def locate_pages(blocks: list[Block], pages: list[str]) -> list[Block]:
    """Return ``blocks`` each on the page of ``pages`` (texts, in order) where it starts.

    Blocks are looked for in document order, never before the page of the previous block found.
    A block not found takes the page of its neighbours when the blocks found before and after it
    are on one page; otherwise it keeps ``NO_PAGE``.
    """
    texts = [_letters(page) for page in pages]
    found: list[int | None] = []
    current = 0
    for block in blocks:
        first = block.text.split(" | ", 1)[0] if block.kind == "table_row" else block.text
        key = _letters(first)[:_TABLE_KEY_CHARS if block.kind == "table_row" else _KEY_CHARS]
        page = _find(key, texts, current) if key else None
        if page is not None:
            current = page
        found.append(page)
    located = []
    for index, block in enumerate(blocks):
        page = found[index]
        if page is None:
            before = next((p for p in reversed(found[:index]) if p is not None), None)
            after = next((p for p in found[index + 1:] if p is not None), None)
            page = before if before is not None and before == after else None
        located.append(replace(block, page=NO_PAGE if page is None else page + 1))
    return located


def _find(key: str, texts: list[str], start: int) -> int | None:
    """Return the index of the first page from ``start`` where ``key`` starts, or None.

    A key may run over a page break: it is looked for in each page joined to the next.
    """
    last = len(texts) if len(key) >= _FAR_KEY_CHARS else min(len(texts), start + 2)
    for index in range(start, last):
        here = texts[index]
        joined = here + (texts[index + 1] if index + 1 < len(texts) else "")
        position = joined.find(key)
        if position >= 0:
            return index if position < len(here) else index + 1
    return None
