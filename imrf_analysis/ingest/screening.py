"""Checks on a submitted file before any parser opens it: size, real type, archive bombs.

Parsers are given only files that passed these checks, so a hostile or damaged file becomes a
quarantine row with a plain reason instead of a crash, a hang or an exhausted memory.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from imrf_analysis.ingest.blocks import ExtractionError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc, or an encrypted .docx
_TEXT_FORMATS = ("txt", "md", "html", "htm")
_FORMAT_NAMES = {"pdf": "a PDF", "docx": "a Word document (.docx)", "ole2": "an old Word "
                 "(.doc) file or a password-protected Office file", "zip": "a ZIP archive",
                 "odt": "an OpenDocument text (.odt)", "rtf": "a Rich Text (.rtf) file",
                 "text": "a text file"}
# What the first bytes show for each extension whose content is not simply its own name.
_EXPECTED = {"doc": "ole2", **{suffix: "text" for suffix in _TEXT_FORMATS}}


@dataclass(frozen=True)
class IngestLimits:
    """Bounds on the work one submitted file may cause; over a bound, the file is quarantined.

    Attributes:
        max_file_bytes: size of the file as submitted.
        max_pages: pages of a PDF.
        max_unpacked_bytes: total size of the parts of a .docx once unzipped.
        max_compression_ratio: unzipped size over zipped size, per part of a .docx.
        max_parts: number of parts inside a .docx.
        max_ocr_pages: scanned pages of one PDF read by OCR; later ones are reported unread.
        ocr_timeout_seconds: limit on the OCR of one page; a page over it is reported unread.
        conversion_timeout_seconds: limit on LibreOffice converting one .odt, .doc or .rtf
            file to .docx; a file over it is quarantined.
    """

    max_file_bytes: int = 50 * 2**20
    max_pages: int = 2000
    max_unpacked_bytes: int = 200 * 2**20
    max_compression_ratio: float = 200.0
    max_parts: int = 5000
    max_ocr_pages: int = 200
    ocr_timeout_seconds: float = 120.0
    conversion_timeout_seconds: float = 120.0


def sniff_format(head: bytes) -> str:
    """Return the format the first bytes of a file show: pdf, zip, ole2, rtf or text.

    Returns:
        ``"pdf"``, ``"zip"`` (which ``zip_format`` tells apart), ``"ole2"``, ``"rtf"``,
        ``"empty"`` or ``"text"`` for anything else (text files have no signature).
    """
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return "text"


def check_size(path: Path, limits: IngestLimits) -> None:
    """Check the file is neither empty nor over the size limit.

    Raises:
        ExtractionError: the file is empty or too large.
    """
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError("the file is empty (0 bytes)", "submit the file again")
    if size > limits.max_file_bytes:
        raise ExtractionError(
            f"the file is {size / 2**20:.1f} MiB, over the {limits.max_file_bytes / 2**20:.1f} "
            "MiB limit", "split the file, or raise the size limit of the run")


def check_format(path: Path, suffix: str) -> None:
    """Check the file's content matches its extension.

    Raises:
        ExtractionError: the content is of another type (say a PDF named ``.docx``), or a
            password-protected Office file.
    """
    with path.open("rb") as handle:
        found = sniff_format(handle.read(2048))
    if found == "empty":
        raise ExtractionError("the file is empty (0 bytes)", "submit the file again")
    if found == "zip":
        found = _zip_format(path)
    expected = _EXPECTED.get(suffix, suffix)
    if found == expected:
        return
    if found == "ole2" and suffix == "docx":
        raise ExtractionError(
            "the Word document is password-protected (encrypted)",
            "remove the password in Word (File > Info > Protect document) and submit it again")
    right = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt", "ole2": ".doc",
             "rtf": ".rtf"}.get(found)
    hint = (f"rename the file to end in {right}, or" if right else "") + \
        " submit the review as PDF, Word (.docx, .doc), OpenDocument (.odt), RTF, text, " \
        "Markdown or HTML"
    raise ExtractionError(
        f"the file is named .{suffix} but its content is {_FORMAT_NAMES.get(found, found)}",
        hint.strip())


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument.text"):
                return "odt"
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    return "zip"


def check_docx_archive(path: Path, limits: IngestLimits) -> None:
    """Check a .docx is a sound ZIP that does not unpack to far more than it weighs.

    Reads only the archive's directory, never the parts, so a zip bomb is caught before
    python-docx inflates it.

    Raises:
        ExtractionError: the archive is damaged, has too many parts, or unpacks too large.
    """
    hint = "open the file in Word and save it as .docx again"
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ExtractionError(f"the Word document is damaged ({err})", hint) from None
    if len(infos) > limits.max_parts:
        raise ExtractionError(
            f"the Word document holds {len(infos)} parts, over the limit of {limits.max_parts}",
            hint)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise ExtractionError(
            f"the Word document unpacks to {unpacked / 2**20:.0f} MiB, over the "
            f"{limits.max_unpacked_bytes / 2**20:.0f} MiB limit (a possible zip bomb)", hint)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 2**20 and ratio > limits.max_compression_ratio:
            raise ExtractionError(
                f"part {info.filename!r} of the Word document is compressed {ratio:.0f} to 1, "
                "far beyond any real document (a possible zip bomb)", hint)
