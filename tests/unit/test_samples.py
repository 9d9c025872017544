"""The bundled sample of illustrative reviews: what the generator writes and how it reads back."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pytest

from imrf_analysis.reference.gcm import objective
from imrf_analysis.samples import (
    REGISTERED_SAMPLES,
    SAMPLE_REVIEWS,
    TRUNCATED_REVIEW,
    SampleReview,
    compose_review,
    render_review,
    write_sample_reviews,
)
from imrf_analysis.samples.figures import FIGURES, fill, placeholders
from imrf_analysis.samples.labels import objective_heading
from imrf_analysis.samples.pdf_writer import check_printable
from imrf_analysis.samples.places import PLACES
from imrf_analysis.samples.text import load_entries, parse_entries
from imrf_analysis.store.schemas import REGISTER_COLUMNS

REPO = Path(__file__).resolve().parents[2]

# UN regional commission of each sample country, kept here independently of the specs.
COMMISSION = {
    "SEN": "ECA", "KEN": "ECA", "MAR": "ECA", "GHA": "ECA", "TGO": "ECA",
    "MDA": "ECE", "LUX": "ECE", "ESP": "ECE", "AZE": "ECE",
    "MEX": "ECLAC", "COL": "ECLAC", "ECU": "ECLAC", "CRI": "ECLAC",
    "BGD": "ESCAP", "PHL": "ESCAP",
    "IRQ": "ESCWA", "TUN": "ESCWA",
}
OBJECTIVE_WORD = {"en": "Objective", "fr": "Objectif", "es": "Objetivo"}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path, columns: int = 1) -> list[str]:
    """Return each page's text; two-column body pages are read one column after the other."""
    texts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if columns == 2 and page.page_number > 1:
                halves = [page.crop((x0, 0, x1, page.height))
                          for x0, x1 in ((0, page.width / 2), (page.width / 2, page.width))]
                texts.append("\n".join(half.extract_text() or "" for half in halves))
            else:
                texts.append(page.extract_text() or "")
    return texts


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("raw")
    write_sample_reviews(out)
    return out


@pytest.fixture(scope="module")
def register(sample_dir: Path) -> list[dict[str, str]]:
    with (sample_dir / "register.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == REGISTER_COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def pdf_pages(sample_dir: Path) -> dict[str, list[str]]:
    """Extracted text of every readable sample PDF, page by page."""
    return {s.file: _pdf_text(sample_dir / s.file, s.columns) for s in SAMPLE_REVIEWS
            if s.format == "pdf"}


def _pdf_specs() -> list[SampleReview]:
    return [s for s in SAMPLE_REVIEWS if s.format == "pdf"]


def test_writes_at_least_fourteen_reviews_a_register_and_a_readme(sample_dir: Path) -> None:
    reviews = [p for p in sample_dir.iterdir() if p.suffix in (".pdf", ".docx")]
    assert len(reviews) >= 15  # 14 readable reviews at least, plus the damaged one
    assert (sample_dir / "register.csv").is_file()
    readme = (sample_dir / "README.md").read_text(encoding="utf-8")
    assert "not an official submission" in readme
    assert "scripts/make_sample.py" in readme


def test_returns_every_path_it_wrote(tmp_path: Path) -> None:
    written = write_sample_reviews(tmp_path)
    assert sorted(written) == sorted(tmp_path.iterdir())


def test_register_lists_every_file_with_valid_values(sample_dir: Path,
                                                     register: list[dict[str, str]]) -> None:
    not_reviews = {"register.csv", "README.md", "answers.jsonl", "passages.jsonl"}
    on_disk = {p.name for p in sample_dir.iterdir()} - not_reviews
    assert {row["file"] for row in register} == on_disk
    for row in register:
        assert row["cycle"] == "2026"
        assert row["document_kind"] in ("national-review", "stakeholder-contribution")
        assert row["language"] in ("en", "fr", "es")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"])


def test_sample_spans_five_commissions_three_languages_and_both_formats(
        register: list[dict[str, str]]) -> None:
    readable = [row for row in register if row["file"] != TRUNCATED_REVIEW.file]
    per_commission = {c: {r["country_iso3"] for r in readable if COMMISSION[r["country_iso3"]] == c}
                      for c in set(COMMISSION.values())}
    assert len(per_commission) == 5
    assert all(len(countries) >= 2 for countries in per_commission.values()), per_commission
    for lang in ("en", "fr", "es"):
        assert sum(row["language"] == lang for row in readable) >= 3
    assert {Path(row["file"]).suffix for row in readable} == {".pdf", ".docx"}
    assert sum(row["document_kind"] == "stakeholder-contribution" for row in readable) == 1


def test_every_pdf_says_illustrative_sample_on_page_one_and_has_4_to_12_pages(
        pdf_pages: dict[str, list[str]]) -> None:
    for spec in _pdf_specs():
        pages = pdf_pages[spec.file]
        assert 4 <= len(pages) <= 12, (spec.file, len(pages))
        assert "ILLUSTRATIVE SAMPLE" in pages[0], spec.file
        assert spec.place.name.upper() in pages[0]


def test_every_pdf_page_has_running_header_and_page_number(
        pdf_pages: dict[str, list[str]]) -> None:
    for spec in _pdf_specs():
        pages = pdf_pages[spec.file]
        for number, text in enumerate(pages, start=1):
            lines = text.splitlines()
            assert lines[0].startswith(spec.place.name), (spec.file, number)
            assert re.search(rf"P(age|ágina) {number}( (of|sur|de) {len(pages)})?$", lines[-1])


def test_objective_headings_read_back_from_pdfs(pdf_pages: dict[str, list[str]]) -> None:
    for spec in _pdf_specs():
        if spec.layout == "narrative":
            continue
        text = _flat("\n".join(pdf_pages[spec.file]))
        for number in spec.objectives:
            heading = objective_heading(number, spec.language, spec.heading_style, "")
            assert _flat(heading) in text, (spec.file, heading)


def test_by_objective_reviews_report_on_a_subset_of_objectives() -> None:
    for spec in SAMPLE_REVIEWS:
        if spec.layout == "by-objective":
            assert 8 <= len(spec.objectives) <= 16, spec.file
            word = OBJECTIVE_WORD[spec.language]
            headed = {int(n) for h in compose_review(spec).headings()
                      for n in re.findall(rf"(?:{word}|{word.upper()}|Obj\.) (\d+)", h.text,
                                          flags=re.IGNORECASE)}
            assert headed == set(spec.objectives), spec.file


def test_coverage_gaps_differ_between_commissions() -> None:
    covered: dict[str, set[int]] = {}
    for spec in SAMPLE_REVIEWS:
        covered.setdefault(COMMISSION[spec.country_iso3], set()).update(spec.objectives)
    assert len({frozenset(objectives) for objectives in covered.values()}) > 1
    assert all(len(objectives) < 23 for objectives in covered.values())  # every region has gaps


def test_narrative_reviews_have_no_objective_headings() -> None:
    narratives = [s for s in SAMPLE_REVIEWS if s.layout == "narrative"]
    assert len(narratives) == 2
    for spec in narratives:
        document = compose_review(spec)
        word = OBJECTIVE_WORD[spec.language]
        assert not any(re.search(rf"{word} \d", h.text, re.I) for h in document.headings())
        mentions = re.findall(r"objecti(?:ve|f) (\d+)", document.text(), re.I)
        assert bool(mentions) == spec.mentions_objectives, spec.file


def test_pdf_tables_read_back_with_pdfplumber(sample_dir: Path,
                                             pdf_pages: dict[str, list[str]]) -> None:
    with_tables = [s for s in _pdf_specs() if s.tables]
    assert len(with_tables) >= 2
    for spec in with_tables:
        with pdfplumber.open(sample_dir / spec.file) as pdf:
            tables = [table for page, text in zip(pdf.pages, pdf_pages[spec.file], strict=True)
                      if re.search(r"(Table|Tableau|Cuadro) \d\.", text)
                      for table in page.extract_tables()]
        assert len(tables) == len(spec.tables), spec.file
        for table in tables:
            assert table[0][1:] == ["2022", "2023", "2024", "2025"]


def test_docx_reviews_use_heading_styles_and_carry_the_notice(sample_dir: Path) -> None:
    for spec in (s for s in SAMPLE_REVIEWS if s.format == "docx"):
        document = docx.Document(str(sample_dir / spec.file))
        styles = {p.style.name for p in document.paragraphs}
        assert "Heading 1" in styles, spec.file
        assert ("Heading 2" in styles) == (spec.layout == "by-objective"), spec.file
        assert any("ILLUSTRATIVE SAMPLE" in p.text for p in document.paragraphs[:10])
        assert "ILLUSTRATIVE SAMPLE" in document.core_properties.subject
        assert document.core_properties.created.date().isoformat() == spec.date
        assert document.sections[0].header.paragraphs[0].text.startswith(spec.place.name)
    assert any(docx.Document(str(sample_dir / s.file)).tables
               for s in SAMPLE_REVIEWS if s.format == "docx")


def test_truncated_submission_is_registered_but_cannot_be_opened(
        sample_dir: Path, register: list[dict[str, str]]) -> None:
    path = sample_dir / TRUNCATED_REVIEW.file
    assert path.stat().st_size == 600
    assert path.read_bytes().startswith(b"%PDF-")
    row = next(r for r in register if r["file"] == TRUNCATED_REVIEW.file)
    assert (row["country_iso3"], row["language"]) == ("TGO", "fr")
    with pytest.raises(Exception):  # noqa: B017 - pdfminer raises several parser errors
        with pdfplumber.open(path) as pdf:
            [page.extract_text() for page in pdf.pages]


def test_regenerating_gives_identical_bytes(sample_dir: Path, tmp_path: Path) -> None:
    write_sample_reviews(tmp_path)
    for path in sample_dir.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_countries_sharing_a_language_read_differently() -> None:
    english = [compose_review(s).text() for s in SAMPLE_REVIEWS if s.language == "en"]
    paragraphs = [set(text.splitlines()) for text in english]
    for i, first in enumerate(paragraphs):
        for second in paragraphs[i + 1:]:
            assert len(first & second) < 0.5 * min(len(first), len(second))


def test_every_placeholder_in_the_sample_text_is_a_place_form_or_a_figure() -> None:
    known = set(next(iter(PLACES.values())).forms()) | set(FIGURES)
    for lang in ("en", "fr", "es"):
        for entry in load_entries(lang):
            for text in (entry.paragraph, *entry.items):
                assert placeholders(text) <= known, (lang, entry.key, placeholders(text) - known)


def test_all_sample_text_prints_in_the_standard_pdf_fonts() -> None:
    for spec in REGISTERED_SAMPLES:
        check_printable(compose_review(spec))


def test_unprintable_character_is_reported() -> None:
    spec = SAMPLE_REVIEWS[0]
    document = compose_review(spec)
    broken = type(document)(document.language, document.title_page, "Chișinău",
                            document.page_label, document.body, document.keywords)
    with pytest.raises(ValueError, match="U\\+0219"):
        check_printable(broken)


def test_fill_rejects_an_unknown_placeholder() -> None:
    with pytest.raises(KeyError, match="nonsense"):
        fill("{Country} reported {nonsense} cases.", "KEN", "en", PLACES["KEN"])


def test_fill_writes_figures_in_the_language_convention() -> None:
    assert fill("{remit_gdp}", "SEN", "fr", PLACES["SEN"]).endswith("\u00a0%")
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", fill("{diaspora}", "KEN", "en", PLACES["KEN"]))
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", fill("{diaspora}", "MEX", "es", PLACES["MEX"]))


def test_parse_entries_joins_wrapped_lines_and_list_items() -> None:
    source = "# note\n[support needs origin]\nLead\ncontinues:\n- one\n  wraps\n- two\n"
    entries = parse_entries(source)
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.key, entry.profile) == ("support needs", "origin")
    assert entry.paragraph == "Lead continues:"
    assert entry.items == ("one wraps", "two")


def test_parse_entries_reads_the_tags_of_a_key_line() -> None:
    source = ("[obj 7 support capacity-building financing origin]\nText.\n"
              "[challenges data]\nText.\n[obj 5 challenge destination]\nText.\n"
              "[cso obj 17 good-practice]\nText.\n"
              "[support needs financing data]\nLead:\n- [financing] money\n  wraps;\n"
              "- [data] figures.\n")
    support, challenges, challenge, observation, needs = parse_entries(source)
    assert (support.key, support.profile) == ("obj 7 support", "origin")
    assert support.support_needs == ("capacity-building", "financing")
    assert (challenges.key, challenges.support_needs) == ("challenges data", ())
    assert (challenge.key, challenge.profile) == ("obj 5 challenge", "destination")
    assert (observation.key, observation.observations) == ("cso obj 17", ("good-practice",))
    assert needs.items == ("money wraps;", "figures.")
    assert needs.item_support_needs == (("financing",), ("data",))


@pytest.mark.parametrize("source", [
    "[cso obj 4 origin financing]\nText.\n",  # support slugs only on a support key
    "[obj 7 support origin destination]\nText.\n",  # one profile at most
    "[support needs data]\nLead:\n- [financing] money.\n",  # item slug not on the key line
    "[method stakeholders]\nLead:\n- [data] a list.\n",  # item slugs only in support entries
])
def test_parse_entries_rejects_a_misplaced_tag(source: str) -> None:
    with pytest.raises(ValueError):
        parse_entries(source)


def test_parse_entries_rejects_text_before_the_first_key() -> None:
    with pytest.raises(ValueError, match="before the first"):
        parse_entries("stray text\n[intro purpose]\nText.\n")


def test_spec_rejects_a_table_whose_objective_is_not_covered() -> None:
    with pytest.raises(ValueError, match="table 'permits'"):
        SampleReview("x.pdf", "KEN", "ECA", "en", "pdf", "national-review", "by-objective",
                     "2026-01-01", (1, 2), "mixed", "Someone", tables=("permits",))


def test_render_review_makes_new_reviews_from_a_custom_spec() -> None:
    spec = SampleReview("kenya-short.docx", "KEN", "ECA", "en", "docx", "national-review",
                        "by-objective", "2026-03-01", (8, 9, 16), "mixed", "A ministry",
                        heading_style="parenthetical")
    data = render_review(spec)
    assert data.startswith(b"PK")
    headings = [h.text for h in compose_review(spec).headings()]
    assert f"{objective(8).title['en']} (objective 8)" in headings


def test_script_regenerates_the_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_sample.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )
    assert f"wrote {len(REGISTERED_SAMPLES) + 4} files" in result.stdout
    assert (tmp_path / "register.csv").is_file()
