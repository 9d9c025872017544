"""The document row of a text review records the encoding its text was read in."""

from __future__ import annotations

from pathlib import Path

import pytest

from imrf_analysis.ingest import ReviewToRead, ingest_review
from imrf_analysis.ingest.register import RegisterEntry
from imrf_analysis.ingest.reviews import extract
from imrf_analysis.ingest.screening import IngestLimits

REPO = Path(__file__).resolve().parents[2]
FRENCH = ("Examen national volontaire de la France sur le Pacte mondial pour des migrations "
          "sûres, ordonnées et régulières\n\n"
          "Le Gouvernement a renforcé l’accès des personnes migrantes aux services de santé — "
          "notamment les femmes enceintes et les enfants.\n\n"
          "Les envois de fonds des travailleurs migrants coûtent désormais moins cher grâce aux "
          "virements mobiles.\n")
ENGLISH = ("Voluntary review of Kenya on the Global Compact for Migration\n\n"
           "Objective 5: regular pathways were expanded for seasonal workers.\n")


def _review(path: Path, iso3: str, language: str) -> ReviewToRead:
    entry = RegisterEntry(path.name, iso3, "2026", "national-review", language, "2026-01-15")
    return ReviewToRead(path, entry, True, IngestLimits())


@pytest.mark.parametrize(("text", "iso3", "language", "saved_as", "recorded"), [
    (FRENCH, "FRA", "fr", "utf-8", "utf-8"),
    (FRENCH, "FRA", "fr", "utf-8-sig", "utf-8"),
    (FRENCH, "FRA", "fr", "cp1252", "cp1252"),
    # Latin-1 and Windows-1252 agree on these letters: the text reads the same either way.
    (FRENCH.replace("’", "'").replace("—", "-"), "FRA", "fr", "latin-1", "cp1252"),
    (FRENCH, "FRA", "fr", "utf-16-le", "utf-16-le"),  # no byte-order mark
    (ENGLISH, "KEN", "en", "utf-16-le", "utf-16-le"),  # ASCII text, no byte-order mark
    (FRENCH, "FRA", "fr", "utf-16", "utf-16-le"),  # with the mark (little-endian here)
    (FRENCH, "FRA", "fr", "utf-16-be", "utf-16-be"),
])
def test_a_text_review_s_document_row_records_its_encoding(tmp_path, text, iso3, language,
                                                           saved_as, recorded):
    if saved_as == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(saved_as)
    path = tmp_path / f"review-{iso3.lower()}.txt"
    path.write_bytes(data)
    read = ingest_review(_review(path, iso3, language))
    assert read.document["text_encoding"] == recorded
    assert "personnes migrantes" in " ".join(read.passages["text"]) or iso3 == "KEN"


def test_markdown_and_html_reviews_record_theirs_too(tmp_path):
    markdown = tmp_path / "france.md"
    markdown.write_bytes(("# " + FRENCH).encode("cp1252"))
    html = tmp_path / "france.html"
    html.write_bytes(("<html><body><h1>Examen national volontaire de la France</h1><p>"
                      + FRENCH.split("\n\n")[1] + "</p></body></html>").encode("utf-16"))
    assert extract(markdown, IngestLimits()).text_encoding == "cp1252"
    assert extract(html, IngestLimits()).text_encoding == "utf-16-le"


def test_a_pdf_review_records_no_text_encoding():
    path = REPO / "data" / "raw" / "kenya-gcm-review-2026.pdf"
    assert ingest_review(_review(path, "KEN", "en")).document["text_encoding"] == ""
