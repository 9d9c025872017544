"""OpenDocument (.odt), old Word (.doc) and RTF reviews, converted to .docx by LibreOffice.

LibreOffice runs headless in a temporary folder, on a copy of the file under a plain name
(so no submitted name reaches its command line) and with a profile of its own (so runs in
parallel do not wait on each other's lock). The .docx it writes is then screened and read
like any submitted Word document. Without LibreOffice, such a file is quarantined.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from imrf_analysis.ingest.blocks import Block, ExtractionError
from imrf_analysis.ingest.docx_format import docx_blocks
from imrf_analysis.ingest.screening import IngestLimits, check_docx_archive

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


def convert_to_docx(path: Path, out_dir: Path, timeout_seconds: float,
                    office: str | None = None) -> Path:
    """Convert an .odt, .doc or .rtf review to .docx with LibreOffice headless.

    Args:
        path: the submitted file.
        out_dir: an existing empty folder for the copy, the profile and the result.
        timeout_seconds: how long LibreOffice may take before it is stopped.
        office: the LibreOffice command; found on PATH when None.

    Returns:
        The path of the .docx written in ``out_dir``.

    Raises:
        ExtractionError: LibreOffice is not installed, timed out, failed, or wrote nothing.
    """
    suffix = path.suffix.lower().lstrip(".")
    office = office or find_office()
    if office is None:
        raise ExtractionError(
            f"{_ARTICLE.get(suffix, 'a')} .{suffix} file needs LibreOffice to be converted, "
            "and it is not installed",
            f"install the Debian package libreoffice-writer, {_RESUBMIT}", stage="convert")
    source = out_dir / f"review.{suffix}"
    shutil.copyfile(path, source)
    profile = out_dir / "profile"
    command = [office, "--headless", "--norestore", "--nologo",
               f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "docx", "--outdir", str(out_dir), str(source)]
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
    result = out_dir / "review.docx"
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
        converted = convert_to_docx(path, Path(folder), limits.conversion_timeout_seconds,
                                    office)
        check_docx_archive(converted, limits)
        return docx_blocks(converted)
