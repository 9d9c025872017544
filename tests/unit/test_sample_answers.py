"""The answer keys of the bundled sample: what they say, and that they match the reviews."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from imrf_analysis.samples import (
    SAMPLE_REVIEWS,
    TRUNCATED_REVIEW,
    answers_jsonl,
    compose_review,
    passages_jsonl,
)
from imrf_analysis.samples.answers import CONTENT_TYPES, PASSAGE_KINDS, STRUCTURES, TRAPS
from imrf_analysis.samples.document import Heading
from imrf_analysis.samples.text import is_support_key, load_entries
from imrf_analysis.store.schemas import SUPPORT_NEEDS

RAW_DIR = Path(__file__).resolve().parents[2] / "data" / "raw"
SPECS = {spec.file: spec for spec in SAMPLE_REVIEWS}


def _read_jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def answers() -> dict[str, dict[str, Any]]:
    return {row["file"]: row for row in _read_jsonl(answers_jsonl())}


@pytest.fixture(scope="module")
def passages() -> list[dict[str, Any]]:
    return _read_jsonl(passages_jsonl())


def test_one_answer_per_readable_review_and_none_for_the_damaged_one(
        answers: dict[str, dict[str, Any]]) -> None:
    assert list(answers) == [spec.file for spec in SAMPLE_REVIEWS]
    assert TRUNCATED_REVIEW.file not in answers


def test_the_key_lists_exactly_the_objectives_of_each_spec(
        answers: dict[str, dict[str, Any]]) -> None:
    for file, answer in answers.items():
        assert [int(n) for n in answer["objectives"]] == sorted(SPECS[file].objectives), file


def test_every_objective_of_a_national_review_has_progress(
        answers: dict[str, dict[str, Any]]) -> None:
    for answer in answers.values():
        if answer["document_kind"] == "national-review":
            assert all(flags["progress"] for flags in answer["objectives"].values()), answer["file"]


def test_a_good_practice_is_always_progress(answers: dict[str, dict[str, Any]],
                                            passages: list[dict[str, Any]]) -> None:
    for answer in answers.values():
        for flags in answer["objectives"].values():
            assert flags["progress"] or not flags["good_practice"]
    for row in passages:
        assert "progress" in row["content_types"] or "good-practice" not in row["content_types"]


def test_labels_are_from_the_spec_vocabularies(answers: dict[str, dict[str, Any]],
                                               passages: list[dict[str, Any]]) -> None:
    for answer in answers.values():
        assert answer["structure"] in STRUCTURES
        assert answer["document_kind"] == SPECS[answer["file"]].kind
        for flags in answer["objectives"].values():
            assert set(flags["support_needs"]) <= set(SUPPORT_NEEDS)
    for row in passages:
        assert row["kind"] in PASSAGE_KINDS
        assert set(row["content_types"]) <= set(CONTENT_TYPES)
        assert set(row["support_needs"]) <= set(SUPPORT_NEEDS)
        assert row["trap"] is None or row["trap"] in TRAPS
        assert row["page"] is None and row["guiding_principles"] is None  # not labelled
    assert len({row["id"] for row in passages}) == len(passages)


def test_structures_follow_the_layouts(answers: dict[str, dict[str, Any]]) -> None:
    structures = {file: answer["structure"] for file, answer in answers.items()}
    assert structures["iraq-gcm-review-2026.pdf"] == "by-round-table"
    assert structures["maroc-examen-volontaire-2026.docx"] == "thematic"
    assert structures["azerbaijan-gcm-review-2026.pdf"] == "thematic"
    assert structures["colombia-contribucion-sociedad-civil-2026.pdf"] == "by-objective"


def test_every_support_entry_of_the_sample_text_names_its_kinds_of_support() -> None:
    for lang in ("en", "fr", "es"):
        for entry in load_entries(lang):
            if is_support_key(entry.key):
                assert entry.support_needs, (lang, entry.key, entry.paragraph[:40])
                assert set(entry.support_needs) <= set(SUPPORT_NEEDS)


def test_support_needed_on_an_objective_always_says_which_support(
        passages: list[dict[str, Any]]) -> None:
    asking = [row for row in passages if row["objectives"]
              and "support-needed" in row["content_types"]]
    assert asking
    assert all(row["support_needs"] for row in asking)


def test_passages_are_the_composed_body_without_headings(passages: list[dict[str, Any]]) -> None:
    for spec in SAMPLE_REVIEWS:
        document = compose_review(spec)
        headings = {block.text for block in document.body if isinstance(block, Heading)}
        expected = [line for line in document.text().splitlines() if line not in headings]
        assert [row["text"] for row in passages if row["file"] == spec.file] == expected


def test_passage_texts_read_back_from_the_docx_samples(passages: list[dict[str, Any]]) -> None:
    for spec in (s for s in SAMPLE_REVIEWS if s.format == "docx"):
        document = docx.Document(str(RAW_DIR / spec.file))
        written = {paragraph.text for paragraph in document.paragraphs}
        written |= {" | ".join(cell.text for cell in row.cells)
                    for table in document.tables for row in table.rows}
        missing = [row["text"] for row in passages
                   if row["file"] == spec.file and row["text"] not in written]
        assert not missing, (spec.file, missing[:3])


def test_no_objective_is_named_without_being_reported(answers: dict[str, dict[str, Any]],
                                                      passages: list[dict[str, Any]]) -> None:
    # The sample text names no objective by number; only the composer does, for reported ones.
    number = re.compile(r"\b(objecti(ve|f|vo)s?|obj\.)\s+\d", re.IGNORECASE)
    for lang in ("en", "fr", "es"):
        for entry in load_entries(lang):
            assert not any(number.search(t) for t in (entry.paragraph, *entry.items)), entry.key
    assert all(answer["mentioned_not_reported"] == [] for answer in answers.values())
    mentioning = [row for row in passages if row["mentions"]]
    assert {row["file"] for row in mentioning} == {"azerbaijan-gcm-review-2026.pdf"}
    for row in mentioning:
        assert row["mentions"] == row["objectives"]
        assert re.search(rf"objective {row['mentions'][0]}\b", row["text"])


def test_the_stakeholder_contribution_is_keyed_from_its_observation_tags(
        answers: dict[str, dict[str, Any]]) -> None:
    contribution = answers["colombia-contribucion-sociedad-civil-2026.pdf"]
    assert contribution["document_kind"] == "stakeholder-contribution"
    assert contribution["objectives"]["17"] == {"progress": True, "challenge": True,
                                                "good_practice": True, "support_needs": []}
    assert contribution["objectives"]["16"] == {"progress": False, "challenge": False,
                                                "good_practice": False, "support_needs": []}


def test_the_keys_in_data_raw_are_the_ones_the_generator_writes() -> None:
    assert (RAW_DIR / "answers.jsonl").read_text(encoding="utf-8") == answers_jsonl()
    assert (RAW_DIR / "passages.jsonl").read_text(encoding="utf-8") == passages_jsonl()
