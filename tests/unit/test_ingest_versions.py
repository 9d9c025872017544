"""Versions supersede older ones; reading a folder again gives identical passages."""

from pathlib import Path

import docx
import pytest

from imrf_analysis.ingest import current_documents, ingest_reviews
from imrf_analysis.samples import SAMPLE_REVIEWS, render_review
from imrf_analysis.store.catalog import write_parquet
from imrf_analysis.store.schemas import DOCUMENTS, PASSAGES

HEADER = "file,country_iso3,cycle,document_kind,language,date\n"


def _docx(path: Path, text: str) -> None:
    document = docx.Document()
    document.add_heading("Objective 20: Remittances", level=1)
    document.add_paragraph(text)
    document.save(str(path))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    _docx(folder / "kenya-v1.docx", "Remittance costs fell to 5 per cent in 2024.")
    _docx(folder / "kenya-v2.docx", "Remittance costs fell to 4 per cent in 2025.")
    _docx(folder / "kenya-ngo.docx", "Civil society tracked remittance costs.")
    _docx(folder / "kenya-ngo-2.docx", "A diaspora association reports on remittances.")
    pdf = next(s for s in SAMPLE_REVIEWS if s.file.endswith(".pdf") and s.columns == 2)
    (folder / pdf.file).write_bytes(render_review(pdf))
    (folder / "register.csv").write_text(
        HEADER
        + "kenya-v2.docx,KEN,2026,national-review,en,2025-12-01\n"
        + "kenya-v1.docx,KEN,2026,national-review,en,2025-10-01\n"
        + "kenya-ngo.docx,KEN,2026,stakeholder-contribution,en,2025-10-05\n"
        + "kenya-ngo-2.docx,KEN,2026,stakeholder-contribution,en,2025-12-05\n"
        + f"{pdf.file},{pdf.country_iso3},2026,national-review,{pdf.language},{pdf.date}\n",
        encoding="utf-8")
    return folder


@pytest.mark.slow  # reads several reviews for real (seconds): make test
def test_a_later_national_review_supersedes_the_earlier_and_both_are_kept(tmp_path: Path):
    documents, passages, _ = ingest_reviews(_folder(tmp_path))
    by_file = documents.set_index("file")
    v1, v2 = by_file.loc["kenya-v1.docx"], by_file.loc["kenya-v2.docx"]
    assert (v1["version"], v2["version"]) == (1, 2)
    assert v1["superseded_by"] == v2["document_id"]
    assert v2["superseded_by"] is None
    current = set(current_documents(documents)["file"])
    assert "kenya-v1.docx" not in current and "kenya-v2.docx" in current
    assert {"kenya-ngo.docx", "kenya-ngo-2.docx"} <= current  # contributions never supersede
    assert set(passages["document_id"]) == set(documents["document_id"])
    assert len(current_documents(documents)) == len(documents) - 1


@pytest.mark.slow  # reads several reviews for real (seconds): make test
def test_reading_a_folder_twice_writes_identical_passages(tmp_path: Path):
    folder = _folder(tmp_path)
    documents, first, _ = ingest_reviews(folder)
    write_parquet(first, tmp_path / "first.parquet", PASSAGES)
    write_parquet(documents, tmp_path / "documents-first.parquet", DOCUMENTS)
    _, second, _ = ingest_reviews(folder)
    write_parquet(second, tmp_path / "second.parquet", PASSAGES)
    assert (tmp_path / "first.parquet").read_bytes() == (tmp_path / "second.parquet").read_bytes()
