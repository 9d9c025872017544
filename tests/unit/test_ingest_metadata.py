"""An unregistered review gets its country, cycle and kind from its name or title page, or is
quarantined with the reason; Arabic and Russian reviews are segmented and reach tagging."""

from pathlib import Path

import pytest

from imrf_analysis import tagging
from imrf_analysis.ingest import ingest_reviews
from imrf_analysis.ingest.metadata import countries_named
from imrf_analysis.samples import SAMPLE_REVIEWS, render_review

HEADER = "file,country_iso3,cycle,document_kind,language,date\n"
_ARABIC = ("# الهدف 20: التحويلات المالية\n\nخفضت الحكومة تكلفة التحويلات المالية التي يرسلها "
           "المهاجرون إلى أسرهم، وأطلقت محفظة رقمية جديدة بالتعاون مع المصرف المركزي.\n\n"
           "- برنامج لتثقيف الأسر في مجال الادخار والاستثمار.\n")
_RUSSIAN = ("# Цель 20: Денежные переводы\n\nПравительство снизило стоимость денежных переводов, "
            "которые мигранты отправляют своим семьям, и запустило новый цифровой кошелёк.\n\n"
            "- Программа финансовой грамотности для семей мигрантов.\n")


@pytest.mark.parametrize(("text", "codes"), [
    ("kenya-gcm-review-2026", ["KEN"]),
    ("south-sudan-vnr-2026", ["SSD"]),
    ("examen-national-du-maroc", ["MAR"]),
    ("examen-voluntario-españa", ["ESP"]),
    ("استعراض المغرب الوطني", ["MAR"]),
    ("Российская Федерация обзор", ["RUS"]),
    ("gcm-review-final-2026", []),
])
def test_country_names_in_five_languages_resolve_to_iso3(text: str, codes: list[str]):
    assert countries_named(text) == codes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    kenya = next(s for s in SAMPLE_REVIEWS if s.file.startswith("kenya"))
    (raw / "final-version.pdf").write_bytes(render_review(kenya))
    (raw / "maroc-examen-pmm-2026.md").write_text(
        "# Objectif 5\n\nLe Maroc a ouvert de nouvelles voies de migration régulière pour les "
        "travailleurs saisonniers.\n", encoding="utf-8")
    (raw / "contribution-societe-civile-senegal-2026.txt").write_text(
        "Les associations de migrants ont suivi les coûts des transferts de fonds.\n",
        encoding="utf-8")
    (raw / "kenya-uganda-2026.md").write_text("Joint notes.\n", encoding="utf-8")
    (raw / "ghana-review.md").write_text("A review without a year.\n", encoding="utf-8")
    (raw / "jordan-ar.md").write_text(_ARABIC, encoding="utf-8")
    (raw / "kazakhstan-ru.md").write_text(_RUSSIAN, encoding="utf-8")
    (raw / "register.csv").write_text(
        HEADER + "jordan-ar.md,JOR,2026,national-review,ar,2025-11-01\n"
        "kazakhstan-ru.md,KAZ,2026,national-review,ru,2025-11-02\n", encoding="utf-8")
    return raw


def test_unregistered_reviews_take_metadata_from_name_or_title_page(folder: Path):
    documents, passages, quarantine = ingest_reviews(folder)
    rows = documents.set_index("file")
    assert rows.loc["maroc-examen-pmm-2026.md", ["country_iso3", "cycle", "document_kind",
                                                 "language", "metadata_source"]].tolist() == [
        "MAR", "2026", "national-review", "fr", "file name"]
    ngo = rows.loc["contribution-societe-civile-senegal-2026.txt"]
    assert (ngo["country_iso3"], ngo["document_kind"]) == ("SEN", "stakeholder-contribution")
    title = rows.loc["final-version.pdf"]
    assert (title["country_iso3"], title["cycle"], title["metadata_source"]) == (
        "KEN", "2026", "title page")
    assert rows.loc["jordan-ar.md", "metadata_source"] == "register"
    reasons = dict(zip(quarantine["file"], quarantine["reason"], strict=True))
    assert "several countries (KEN, UGA)" in reasons["kenya-uganda-2026.md"]
    assert "no single cycle year" in reasons["ghana-review.md"]
    assert set(quarantine["stage"]) == {"metadata"}
    assert set(passages["file"]) == set(documents["file"])


def test_arabic_and_russian_reviews_are_segmented_detected_and_tagged(folder: Path):
    _, passages, _ = ingest_reviews(folder)
    for file, language, heading in (("jordan-ar.md", "ar", "الهدف 20: التحويلات المالية"),
                                    ("kazakhstan-ru.md", "ru", "Цель 20: Денежные переводы")):
        review = passages[passages["file"] == file]
        assert review["block_type"].tolist() == ["paragraph", "list_item"]
        assert set(review["language"]) == {language}
        assert [list(p) for p in review["heading_path"]] == [[heading], [heading]]
    subset = passages[passages["language"].isin(["ar", "ru"])]
    tags = tagging.tag_passages(subset, tagging.Tagger.load())
    assert set(tags["passage_id"]) <= set(subset["passage_id"])


def test_a_review_registered_under_another_state_than_its_title_page_is_quarantined(
        tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for country in ("moldova", "azerbaijan"):
        spec = next(s for s in SAMPLE_REVIEWS if s.file.startswith(country))
        (raw / spec.file).write_bytes(render_review(spec))
    moldova = next(s.file for s in SAMPLE_REVIEWS if s.file.startswith("moldova"))
    azerbaijan = next(s.file for s in SAMPLE_REVIEWS if s.file.startswith("azerbaijan"))
    # Moldova's file on a row copied from Azerbaijan's: it would supersede Azerbaijan's review.
    (raw / "register.csv").write_text(
        HEADER + f"{azerbaijan},AZE,2026,national-review,en,2025-11-01\n"
        f"{moldova},AZE,2026,national-review,en,2025-12-01\n", encoding="utf-8")
    documents, _, quarantine = ingest_reviews(raw)
    assert documents["file"].tolist() == [azerbaijan]  # the right one is compiled
    reason = quarantine.set_index("file").loc[moldova, "reason"]
    assert "lists it under AZE" in reason and "Moldova (MDA)" in reason


def test_a_title_page_naming_no_country_or_the_registered_one_among_others_passes():
    from imrf_analysis.ingest.blocks import Block
    from imrf_analysis.ingest.metadata import check_title_page
    from imrf_analysis.ingest.register import RegisterEntry

    entry = RegisterEntry(file="r.pdf", country_iso3="KEN", cycle="2026",
                          document_kind="national-review", language="en", date="2025-11-01")
    for title in (["Voluntary GCM review", "Nairobi, 2025"],
                  ["Kenya and Uganda", "Joint voluntary review"]):
        check_title_page(entry, [Block(page=1, kind="paragraph", text=t) for t in title])
