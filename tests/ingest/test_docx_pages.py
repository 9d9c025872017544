"""A Word review is cited on the page Word shows, or by section and paragraph: never a guess.

The pages come from LibreOffice's layout of the file (real LibreOffice, installed by .ci/run).
"""

import shutil
from pathlib import Path

import docx
import pandas as pd
import pytest

from imrf_analysis.ingest.blocks import NO_PAGE, Block
from imrf_analysis.ingest.conversion import locate_pages, paged_docx_blocks
from imrf_analysis.ingest.passages import passages_from_blocks
from imrf_analysis.reporting.report import Labels, index_passages
from imrf_analysis.reporting.report.sources import Draft

needs_office = pytest.mark.skipif(shutil.which("soffice") is None,
                                  reason="LibreOffice is not installed (libreoffice-writer-nogui)")


def _review(path: Path) -> Path:
    """A review whose pages are known: two page breaks, then text that flows over pages."""
    document = docx.Document()
    document.add_heading("Kenya: voluntary GCM review", level=1)
    document.add_paragraph("Submitted to the International Migration Review Forum.")
    document.add_page_break()
    document.add_heading("Objective 5: Regular pathways", level=1)
    document.add_paragraph("Eleven bilateral labour agreements were signed since 2022.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Agreements signed", "Year"
    table.cell(1, 0).text, table.cell(1, 1).text = "Labour mobility partnership", "2024"
    document.add_page_break()
    document.add_heading("Objective 13: Alternatives to detention", level=1)
    for number in range(1, 121):  # about three pages of short paragraphs
        document.add_paragraph(f"Case management reached family number {number} this year.")
    document.save(str(path))
    return path


@needs_office
def test_a_word_review_is_cited_on_the_pages_libreoffice_lays_out(tmp_path: Path):
    pages, blocks = paged_docx_blocks(_review(tmp_path / "kenya.docx"))
    page_of = {b.text: b.page for b in blocks}
    assert page_of["Submitted to the International Migration Review Forum."] == 1
    assert page_of["Objective 5: Regular pathways"] == 2
    assert page_of["Agreements signed | Year"] == 2
    assert page_of["Labour mobility partnership | 2024"] == 2
    assert page_of["Objective 13: Alternatives to detention"] == 3
    assert page_of["Case management reached family number 1 this year."] == 3
    # The paragraphs flow over pages no break in the file marks: the last is on the last page.
    assert pages >= 5
    assert page_of["Case management reached family number 120 this year."] == pages
    flowing = [b.page for b in blocks if b.text.startswith("Case management")]
    assert flowing == sorted(flowing) and len(set(flowing)) == pages - 2


def test_without_libreoffice_a_word_review_claims_no_page_and_is_cited_by_section(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    pages, blocks = paged_docx_blocks(_review(tmp_path / "kenya.docx"))
    assert pages == 0 and {b.page for b in blocks} == {NO_PAGE}
    passages = passages_from_blocks(blocks, "d1").assign(
        file="kenya.docx", country_iso3="KEN", cycle="2026", document_kind="national-review",
        language="en", ocr=False)
    row = passages[passages["text"].str.contains("family number 3 ")].iloc[0]
    draft = Draft(index_passages(passages), Labels("fr"))
    draft.quote({**row.to_dict(), "country_name": "Kenya"})
    citation = draft.blocks[-1].citation
    assert citation.text() == (
        "(Kenya, kenya.docx, § Objective 13: Alternatives to detention, par. 3)")


def test_a_block_is_placed_on_the_page_where_it_starts_or_on_no_page_when_unsure():
    pages = ["Title page\nKenya review", "1. Introduction\nMigration has long been part",
             "of life here.\nObjective 5\n| 2024 |", "Objective 7\nThe end."]
    blocks = [Block(0, "heading", "Kenya review"),
              Block(0, "paragraph", "Introduction"),
              Block(0, "paragraph", "Migration has long been part of life here."),  # spans 2-3
              Block(0, "heading", "Objective 5"),
              Block(0, "table_row", "2024"),  # too short to look for far: between two on 3
              Block(0, "heading", "Objective 5 bis"),  # not in the layout
              Block(0, "heading", "Objective 7"),
              Block(0, "paragraph", "Not in the layout"),  # nothing found after it
              ]
    located = [b.page for b in locate_pages(blocks, pages)]
    assert located == [1, 2, 2, 3, 3, NO_PAGE, 4, NO_PAGE]


def test_the_bundled_word_reviews_are_paged_as_their_pdf_rendering(tmp_path: Path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    sample = Path(__file__).resolve().parents[2] / "data" / "raw"
    for path in sorted(sample.glob("*.docx")):
        pages, blocks = paged_docx_blocks(path)
        assert pages > 1, path.name
        found = [b.page for b in blocks]
        assert NO_PAGE not in found, path.name  # every block is found in the layout
        assert found == sorted(found) and found[-1] == pages, path.name
        assert pd.Series(found).nunique() == pages, path.name
