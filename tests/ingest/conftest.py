"""A folder of hostile and damaged submissions, with what ingest must say about each.

Run ``python tests/ingest/conftest.py OUT_DIR`` to write it for inspection; the tests take the
``hostile_corpus`` fixture. Every file is registered (unless the case is about the register)
so that it reaches the stage that must catch it. Limits are small (``CORPUS_LIMITS``) so the
oversized cases stay small on disk.
"""

from __future__ import annotations

import io
import os
import random
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from imrf_analysis.ingest import IngestLimits
from imrf_analysis.samples import SAMPLE_REVIEWS, render_review

CORPUS_LIMITS = IngestLimits(max_file_bytes=2 * 2**20, max_pages=40,
                             max_unpacked_bytes=8 * 2**20, max_compression_ratio=100)
HEADER = "file,country_iso3,cycle,document_kind,language,date\n"
_BAD_BYTES_NAME = b"bad-\xff-name.txt"


def _pdf(lines: list[str], pages: int = 1, encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1,
                        encrypt=StandardEncryption(encrypt, "owner") if encrypt else None)
    for number in range(1, pages + 1):
        y = 760
        for line in lines:
            pdf.drawString(72, y, f"{line} (page {number})")
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_heading("Objective 20: Remittances", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """Return the .docx ``data`` with some parts replaced (deflated)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, replace.get(info.filename, source.read(info)))
    return buffer.getvalue()


def _files() -> dict[str, tuple[bytes, str]]:
    """Map file name -> (content, what the quarantine reason must contain; "" = processed)."""
    text_pdf = _pdf(["The remittance corridor reduced costs to four per cent in 2025."])
    sample = render_review(SAMPLE_REVIEWS[1])
    good_docx = _docx("Mobile money operators were licensed for cross-border transfers.")
    bomb = _rezip(good_docx, {"word/document.xml": b"<" + b" " * (20 * 2**20)})
    rng = random.Random(7)
    return {
        "empty.pdf": (b"", "empty (0 bytes)"),
        "zero-bytes.docx": (b"", "empty (0 bytes)"),
        "truncated.pdf": (sample[: len(sample) // 3], "cannot be read"),
        "garbage-after-header.pdf": (b"%PDF-1.7\n" + rng.randbytes(4000), "cannot be read"),
        "encrypted.pdf": (_pdf(["Confidential review."], encrypt="secret"), "password"),
        "password-protected.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088),
                                    "password-protected"),
        "not-a-zip.docx": (b"PK\x03\x04" + rng.randbytes(500), "ZIP archive"),
        "broken-xml.docx": (_rezip(good_docx, {"word/document.xml": b"<w:document x"}),
                            "not a readable Word document"),
        "zip-bomb.docx": (bomb, "zip bomb"),
        "oversized.txt": (b"Migration review. " * 140_000, "over the 2.0 MiB limit"),
        "too-many-pages.pdf": (_pdf(["A long annex."], pages=45), "45 pages, over the limit"),
        "pdf-named-as.docx": (text_pdf, "named .docx but its content is a PDF"),
        "word-named-as.pdf": (good_docx, "named .pdf but its content is a Word document"),
        "random-bytes.md": (rng.randbytes(3000), "not valid UTF-8"),
        "script-only.html": (b"<html><script>alert(1)</script></html>", "no text found"),
        "notes.xyz": (b"?", "unsupported file type '.xyz'"),
        "scan.tiff": (b"II*\x00" + bytes(100), "unsupported file type '.tiff'"),
        "no-extension": (b"plain words", "unsupported file type (no extension)"),
        "review.odt": (b"PK\x03\x04", "named .odt but its content is a ZIP archive"),
        "kenya_copy.pdf": (text_pdf, "exact duplicate of kenya.pdf"),
        "kenya.pdf": (text_pdf, ""),
        "utf16.txt": ("Le registre civil délivre des actes de naissance aux enfants nés "
                      "dans le pays.".encode("utf-16"), ""),
        "..dots..in..name.md": (b"# Objective 4\n\nBirth certificates are now issued to every "
                                b"child born in the country.\n", ""),
        "révision (v2) – Sénégal.md": ("# Objectif 4\n\nLe registre d'état civil délivre des "
                                       "actes de naissance.\n".encode(), ""),
    }


def write_hostile_corpus(folder: Path) -> dict[str, str]:
    """Write the corpus into ``folder``; return file name -> expected reason ('' = processed).

    Besides regular files: a link to a file outside the folder, a dangling link, a link to a
    folder, a named pipe, a name that is not UTF-8, and register rows pointing out of the
    folder or at a missing file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    rows = []
    for number, (name, (content, reason)) in enumerate(sorted(_files().items())):
        (folder / name).write_bytes(content)
        expected[name] = reason
        language = "fr" if "Sénégal" in name or "utf16" in name else "en"
        rows.append(f'"{name}",KEN,2026,national-review,{language},2025-11-{number + 1:02d}')
    outside = folder.parent / "outside-the-input-folder.pdf"
    outside.write_bytes(_pdf(["A file that lives elsewhere."]))
    links = {"link-outside.pdf": (outside, "outside the input folder"),
             "dangling-link.pdf": (folder / "gone.pdf", "does not exist"),
             "link-to-folder.pdf": (folder.parent, "outside the input folder")}
    for name, (target, reason) in links.items():
        os.symlink(target, folder / name)
        expected[name] = reason
    os.mkfifo(folder / "named-pipe.txt")
    expected["named-pipe.txt"] = "not a regular file"
    (folder / "line\nbreak.txt").write_bytes(b"A name with a line break.")
    expected["line\\nbreak.txt"] = "control characters"
    with open(os.path.join(os.fsencode(folder), _BAD_BYTES_NAME), "wb") as handle:
        handle.write(b"Text under a name that is not UTF-8.")
    expected["bad-\\xff-name.txt"] = "not UTF-8"
    rows += ["../escape.pdf,KEN,2026,national-review,en,2025-11-30",
             "missing.pdf,KEN,2026,national-review,en,2025-11-30"]
    expected["../escape.pdf"] = "points outside the input folder"
    expected["missing.pdf"] = "no such file"
    (folder / "register.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return expected


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str],
                                                                      IngestLimits]:
    """The corpus written once per test module.

    Returns:
        Its folder, file name -> expected reason ('' = processed), and the limits to read it
        with (``CORPUS_LIMITS``).
    """
    folder = tmp_path_factory.mktemp("hostile") / "raw"
    return folder, write_hostile_corpus(folder), CORPUS_LIMITS


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for file_name, why in sorted(write_hostile_corpus(target).items()):
        print(f"{file_name!r:40} {why or 'processed'}")
