"""Extraction recovers the exact text of reviews the project renders itself (PDF and DOCX).

The sample generator knows each review's body (headings, paragraphs, list items, tables), so
the extracted blocks can be checked against it exactly, including the two-column PDF.
"""

import re
from pathlib import Path

import pytest

from imrf_analysis.ingest.blocks import normalise_space
from imrf_analysis.ingest.reviews import EXTRACTORS
from imrf_analysis.samples import SAMPLE_REVIEWS, compose_review, render_review
from imrf_analysis.samples.document import BulletList, Heading, Paragraph, Table


def _without_bullet(text: str) -> str:
    return re.sub(r"^[•\-–]\s*", "", normalise_space(text))


@pytest.mark.parametrize("spec", SAMPLE_REVIEWS, ids=lambda s: s.file)
def test_every_heading_paragraph_list_item_and_table_row_is_recovered(spec, tmp_path: Path):
    review = compose_review(spec)
    path = tmp_path / spec.file
    path.write_bytes(render_review(spec))
    _, blocks = EXTRACTORS[path.suffix.lstrip(".")](path)
    texts = {_without_bullet(b.text) for b in blocks if b.kind != "heading"}
    headings = {normalise_space(b.text) for b in blocks if b.kind == "heading"}
    for block in review.body:
        if isinstance(block, Heading):
            assert normalise_space(block.text) in headings
        elif isinstance(block, Paragraph):
            assert normalise_space(block.text) in texts
        elif isinstance(block, BulletList):
            assert {normalise_space(i) for i in block.items} <= texts
        elif isinstance(block, Table):
            rows = {" | ".join(normalise_space(c) for c in row)
                    for row in (block.header, *block.rows)}
            assert rows <= texts
    assert not any(review.running_header in b.text for b in blocks)
    assert not any("(cid:" in b.text for b in blocks)


def test_pdfs_read_from_several_threads_at_once_give_the_same_blocks(tmp_path: Path):
    """PDFium is not thread-safe; the flow reads reviews in worker threads."""
    from concurrent.futures import ThreadPoolExecutor

    paths = []
    for spec in [s for s in SAMPLE_REVIEWS if s.format == "pdf"][:6]:
        path = tmp_path / spec.file
        path.write_bytes(render_review(spec))
        paths.append(path)
    alone = [EXTRACTORS["pdf"](p) for p in paths]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(EXTRACTORS["pdf"], paths * 3))
    assert together == alone * 3


@pytest.mark.slow  # reads several reviews for real (seconds): make test
def test_word_and_pdf_reviews_read_from_several_threads_at_once_give_the_same_blocks(
        tmp_path: Path):
    """Word reviews take their pages from a PDF read with PDFium too: under the same lock."""
    from concurrent.futures import ThreadPoolExecutor

    paths = []
    for spec in ([s for s in SAMPLE_REVIEWS if s.format == "pdf"][:3]
                 + [s for s in SAMPLE_REVIEWS if s.format == "docx"][:3]):
        path = tmp_path / spec.file
        path.write_bytes(render_review(spec))
        paths.append(path)

    def read(path: Path):  # noqa: ANN202
        return EXTRACTORS[path.suffix.lstrip(".")](path)

    alone = [read(p) for p in paths]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(read, paths * 2))
    assert together == alone * 2
