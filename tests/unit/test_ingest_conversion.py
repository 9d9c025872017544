""".odt, .doc and .rtf reviews: screened by their bytes, converted by LibreOffice or quarantined.

Most tests put a small stand-in ``soffice`` on PATH that behaves like LibreOffice's command
line (it writes a real .docx, made with python-docx, into ``--outdir``), so that our command
line, timeout and error handling run for real; one test runs the real LibreOffice if it is
installed.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path

import pytest

from imrf_analysis.ingest import IngestLimits
from imrf_analysis.ingest.blocks import ExtractionError
from imrf_analysis.ingest.conversion import converted_blocks, find_office
from imrf_analysis.ingest.plan import ReviewToRead
from imrf_analysis.ingest.register import RegisterEntry
from imrf_analysis.ingest.reviews import extract_blocks, read_review_or_quarantine
from imrf_analysis.ingest.screening import check_format, sniff_format

RTF = rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Migrant workers were registered.\par}"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

FAKE_SOFFICE = """#!{python}
import json, os, sys, time
from pathlib import Path
import docx
args = sys.argv[1:]
Path(os.environ["FAKE_SOFFICE_LOG"]).write_text(json.dumps(args))
mode = os.environ.get("FAKE_SOFFICE_MODE", "convert")
if mode == "hang":
    time.sleep(60)
if mode == "fail":
    print("Error: source file could not be loaded")
    sys.exit(1)
source = Path(args[-1])
out_dir = Path(args[args.index("--outdir") + 1])
document = docx.Document()
document.add_heading("Objective 5: Regular pathways", level=1)
document.add_paragraph("Converted from " + source.suffix + ": "
                       + source.read_bytes().decode("latin-1").split("\\\\pard ")[-1]
                       .split("\\\\par")[0])
document.save(out_dir / (source.stem + ".docx"))
"""


def _odt(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", f"<office:document-content>{text}</office:document-content>")
    return buffer.getvalue()


@pytest.fixture
def fake_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a stand-in ``soffice`` first on PATH; return the file where it logs its arguments."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    log = tmp_path / "soffice-args.json"
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


@pytest.fixture
def no_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave nothing on PATH, as on a machine without LibreOffice."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.parametrize(("head", "found"), [
    (_odt("x"), "zip"), (OLE2 + bytes(8), "ole2"), (RTF, "rtf"), (b"plain", "text"),
])
def test_magic_bytes_tell_odt_doc_and_rtf_apart(head: bytes, found: str):
    assert sniff_format(head) == found


@pytest.mark.parametrize(("name", "content"), [
    ("review.odt", _odt("Texte")), ("review.doc", OLE2 + bytes(504)), ("review.rtf", RTF),
])
def test_odt_doc_and_rtf_with_matching_content_pass_screening(tmp_path: Path, name: str,
                                                              content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    check_format(path, path.suffix.lstrip("."))


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("review.doc", b"Just words.", "named .doc but its content is a text file"),
    ("review.rtf", OLE2 + bytes(504), "named .rtf but its content is an old Word"),
    ("review.odt", b"PK\x03\x04", "named .odt but its content is a ZIP archive"),
    ("notes.txt", RTF, "named .txt but its content is a Rich Text (.rtf) file"),
])
def test_content_that_does_not_match_the_extension_is_rejected(tmp_path: Path, name: str,
                                                                content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        check_format(path, path.suffix.lstrip("."))


@pytest.mark.usefixtures("no_office")
@pytest.mark.parametrize(("name", "content", "reason"), [
    ("review.odt", _odt("Texte"), "an .odt file needs LibreOffice to be converted, and it is "
                                  "not installed"),
    ("review.doc", OLE2 + bytes(504), "a .doc file needs LibreOffice"),
    ("review.rtf", RTF, "an .rtf file needs LibreOffice"),
])
def test_without_libreoffice_the_file_is_quarantined_with_a_hint(tmp_path: Path, name: str,
                                                                 content: bytes, reason: str):
    assert find_office() is None
    path = tmp_path / name
    path.write_bytes(content)
    entry = RegisterEntry(name, "KEN", "2026", "national-review", "en", "2025-11-01")
    outcome = read_review_or_quarantine(ReviewToRead(path, entry, True, IngestLimits()))
    assert getattr(outcome, "reason", "").startswith(reason)
    assert "libreoffice-writer" in outcome.hint and ".docx or .pdf" in outcome.hint
    assert outcome.stage == "convert"


def test_rtf_is_converted_to_docx_and_read(tmp_path: Path, fake_office: Path):
    path = tmp_path / "Kenya review (final).rtf"
    path.write_bytes(RTF)
    pages, blocks = extract_blocks(path, IngestLimits())
    assert pages == 0  # the stand-in cannot lay the document out: no page is claimed
    assert {b.page for b in blocks} == {0}
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Objective 5: Regular pathways"),
        ("paragraph", "Converted from .rtf: Migrant workers were registered."),
    ]
    args = json.loads(fake_office.read_text())
    assert args[:2] == ["--headless", "--norestore"]
    assert any(a.startswith("-env:UserInstallation=file://") for a in args)
    # LibreOffice is given a copy under a plain name, never the submitted name
    assert Path(args[-1]).name == "source.docx"  # the last call lays the .docx out
    assert args[args.index("--convert-to") + 1] == "pdf"
    assert not Path(args[-1]).exists()  # the temporary folder is gone


def test_a_failed_conversion_is_reported_with_libreoffice_message(
        tmp_path: Path, fake_office: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "fail")
    path = tmp_path / "review.odt"
    path.write_bytes(_odt("Texte"))
    with pytest.raises(ExtractionError, match=r"could not convert the \.odt file \(exit code 1: "
                                              "Error: source file could not be loaded"):
        converted_blocks(path, IngestLimits())


def test_a_conversion_over_the_time_limit_is_stopped(
        tmp_path: Path, fake_office: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    path = tmp_path / "review.doc"
    path.write_bytes(OLE2 + bytes(504))
    started = time.monotonic()
    with pytest.raises(ExtractionError, match=r"took more than 1 s to convert the \.doc file"):
        converted_blocks(path, IngestLimits(conversion_timeout_seconds=1))
    assert time.monotonic() - started < 15


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_converts_a_real_rtf(tmp_path: Path):
    path = tmp_path / "review.rtf"
    path.write_bytes(RTF)
    _, blocks = converted_blocks(path, IngestLimits())
    assert [b.text for b in blocks] == ["Migrant workers were registered."]
