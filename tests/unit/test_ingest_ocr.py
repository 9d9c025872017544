"""Scanned PDF pages are read by Tesseract OCR, or reported when they cannot be read.

The scanned PDFs are made here: a page of a sample review the project renders is turned into
an image and written back as an image-only page, so the words it should yield are known.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from imrf_analysis.ingest import ocr
from imrf_analysis.ingest.blocks import UNREAD_PAGE, ExtractionError
from imrf_analysis.ingest.collection import collect_reviews
from imrf_analysis.ingest.passages import passages_from_blocks
from imrf_analysis.ingest.pdf_format import pdf_blocks
from imrf_analysis.ingest.plan import IngestPlan, ReviewToRead
from imrf_analysis.ingest.register import RegisterEntry
from imrf_analysis.ingest.reviews import extract_blocks, ingest_review
from imrf_analysis.ingest.screening import IngestLimits
from imrf_analysis.samples import SAMPLE_REVIEWS, render_review

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract OCR is not installed (see .ci/run)")


def _sample_pdf(file: str) -> pdfium.PdfDocument:
    spec = next(s for s in SAMPLE_REVIEWS if s.file == file)
    return pdfium.PdfDocument(render_review(spec))


def _scanned_copy(source: pdfium.PdfDocument, index: int) -> pdfium.PdfDocument:
    """Return a one-page PDF holding only an image of page ``index`` of ``source``."""
    page = source[index]
    width, height = page.get_size()
    image = page.render(scale=200 / 72, grayscale=True).to_pil()
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))
    sheet.drawImage(ImageReader(image), 0, 0, width, height)
    sheet.showPage()
    sheet.save()
    return pdfium.PdfDocument(buffer.getvalue())


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{4,}", text.lower()))


@pytest.fixture(scope="module")
def kenya_mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """Kenya's review: pages 1 and 3 as text, page 2 as a scan; and page 2's own words."""
    source = _sample_pdf("kenya-gcm-review-2026.pdf")
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(source, [0])
    mixed.import_pages(_scanned_copy(source, 1))
    mixed.import_pages(source, [2])
    path = tmp_path_factory.mktemp("ocr") / "kenya-mixed.pdf"
    mixed.save(str(path))
    textpage = source[1].get_textpage()
    return path, _words(textpage.get_text_range())


@pytest.fixture
def senegal_scanned(tmp_path: Path) -> Path:
    """Senegal's (French) review page 2, as an image-only PDF."""
    path = tmp_path / "senegal-scanned.pdf"
    _scanned_copy(_sample_pdf("senegal-rapport-pmm-2026.pdf"), 1).save(str(path))
    return path


@pytest.fixture
def without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)


@needs_tesseract
def test_a_scanned_page_between_text_pages_is_read_by_ocr_and_marked(kenya_mixed):
    path, page_words = kenya_mixed
    pages, blocks = pdf_blocks(path)
    passages = passages_from_blocks(blocks, "doc")
    assert pages == 3
    assert set(passages["page"]) == {1, 2, 3}
    assert passages["ocr"].tolist() == (passages["page"] == 2).tolist()
    read = _words(" ".join(passages.loc[passages["ocr"], "text"]))
    assert {"kenya", "inter", "ministerial", "consultation", "diaspora", "municipalities",
            "statistics"} <= read
    assert len(read & page_words) >= 0.9 * len(page_words)
    assert passages["page"].is_monotonic_increasing  # the scanned page stays in its place


@needs_tesseract
def test_a_fully_scanned_french_review_is_read_in_french(senegal_scanned):
    _, blocks = extract_blocks(senegal_scanned, IngestLimits(), language="fr")
    assert blocks and all(b.ocr for b in blocks)
    text = " ".join(b.text for b in blocks).lower()
    assert {"sénégal", "mobilité", "émigration", "méthodologie", "interministériel",
            "souveraineté"} <= _words(text)


def test_without_tesseract_a_fully_scanned_pdf_is_quarantined_as_needing_ocr(
        senegal_scanned, without_tesseract):
    with pytest.raises(ExtractionError, match="no text layer.*needs OCR"):
        pdf_blocks(senegal_scanned)


def test_without_tesseract_the_scanned_page_is_reported_and_the_text_pages_kept(
        kenya_mixed, without_tesseract):
    path, _ = kenya_mixed
    entry = RegisterEntry(path.name, "KEN", "2026", "national-review", "en", "2025-12-03")
    review = ingest_review(ReviewToRead(path, entry))
    assert set(review.passages["page"]) == {1, 3}
    assert not review.passages["ocr"].any()
    plan = IngestPlan(reviews=(), quarantined=(), input_files=(path.name,))
    documents, _, quarantine = collect_reviews(plan, [review])
    assert documents["file"].tolist() == [path.name]
    assert quarantine[["file", "stage"]].values.tolist() == [[path.name, "ocr"]]
    assert "scanned page 2 not read" in quarantine["reason"].iloc[0]
    assert "Tesseract" in quarantine["reason"].iloc[0]


@needs_tesseract
def test_a_page_whose_ocr_times_out_is_reported_not_lost(kenya_mixed):
    path, _ = kenya_mixed
    _, blocks = pdf_blocks(path, ocr=ocr.OcrSettings(languages=("eng",), timeout_seconds=0.01))
    unread = [b for b in blocks if b.kind == UNREAD_PAGE]
    assert [(b.page, b.text) for b in unread] == [(2, "OCR took over 0.01 s")]
    assert {b.page for b in blocks} == {1, 2, 3}


@needs_tesseract
def test_scanned_pages_over_the_ocr_page_limit_are_reported_unread(kenya_mixed):
    path, _ = kenya_mixed
    _, blocks = pdf_blocks(path, ocr=ocr.OcrSettings(max_pages=0))
    assert [b.page for b in blocks if b.kind == UNREAD_PAGE] == [2]
    notes = ocr.describe_unread_pages(blocks)
    assert notes[0][0].startswith("scanned page 2 not read (over the limit of 0 pages")


def test_register_languages_map_to_tesseract_codes_with_a_three_language_fallback():
    assert ocr.tesseract_languages("fr") == ("fra",)
    assert ocr.tesseract_languages("ar") == ("ara",)
    assert ocr.tesseract_languages("ru") == ("rus",)
    assert ocr.tesseract_languages("") == ("eng", "fra", "spa")
    assert ocr.tesseract_languages("xx") == ("eng", "fra", "spa")


def test_tesseract_paragraphs_become_blocks_joined_across_lines_without_noise_or_page_numbers():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t" \
             "height\tconf\ttext"
    words = [  # block, paragraph, line, word, top, text, confidence
        (1, 1, 1, 1, 300, "Remittances", 95), (1, 1, 1, 2, 300, "lower", 93),
        (1, 1, 1, 3, 300, "the", 96), (1, 1, 1, 4, 300, "migra-", 90),
        (1, 1, 2, 1, 340, "tion", 91), (1, 1, 2, 2, 340, "costs.", 94),
        (2, 1, 1, 1, 900, "~~", 8), (2, 1, 1, 2, 900, "%#", 12),  # a speck of the scan
        (3, 1, 1, 1, 3400, "7", 96),  # the page number at the foot
    ]
    lines = [header] + [f"5\t1\t{b}\t{p}\t{ln}\t{w}\t100\t{top}\t50\t30\t{conf}\t{text}"
                        for b, p, ln, w, top, text, conf in words]
    blocks = ocr.blocks_from_tsv("\n".join(lines), page=4, image_height=3508)
    assert [(b.page, b.kind, b.text, b.ocr) for b in blocks] == [
        (4, "paragraph", "Remittances lower the migration costs.", True)]
