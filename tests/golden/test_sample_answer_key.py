"""The sample's findings against its answer key, both ways: what a drafter would cite is true.

``data/raw/answers.jsonl`` and ``passages.jsonl`` are derived from the sample generator's
composition (``imrf_analysis.samples.answers``), not from the pipeline. The content classifier
learnt from the sample's passages among others, so these are in-sample figures: the test guards
against regressions; the honest estimates are in the README (held-out reviews). Thresholds are
the project's targets, for each language separately.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imrf_analysis.findings import passage_roles
from imrf_analysis.findings.evaluation import (
    document_kinds_of,
    score_findings,
    score_passage_content,
)

SAMPLE_KEY = Path(__file__).resolve().parents[2] / "data" / "raw"
LANGUAGES = ("en", "fr", "es")


def _lines(name: str) -> list[dict]:
    text = (SAMPLE_KEY / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def answers() -> list[dict]:
    return _lines("answers.jsonl")


@pytest.fixture(scope="module")
def scores(sample_datasets, answers):
    return score_findings(sample_datasets.tables["review_findings"], answers)


@pytest.mark.parametrize("language", LANGUAGES)
def test_states_reported_on_an_objective_only_when_the_key_says_so(scores, language):
    reported = scores.by_language[language].flags["reported"]
    assert reported.precision >= 0.95, reported
    assert reported.recall >= 0.90, reported


@pytest.mark.parametrize("language", LANGUAGES)
def test_progress_challenges_good_practices_and_support_match_the_key(scores, language):
    flags = scores.by_language[language].flags
    assert flags["progress"].f1 >= 0.85, flags["progress"]
    assert flags["challenge"].f1 >= 0.85, flags["challenge"]
    assert flags["good_practice"].f1 >= 0.75, flags["good_practice"]
    assert flags["support_needs"].f1 >= 0.80, flags["support_needs"]


def test_every_review_of_the_key_was_compiled(scores, answers):
    national = [a for a in answers if a.get("document_kind", "national-review")
                == "national-review"]
    assert scores.missing == [] and len(scores.reviews) == len(national)


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_each_passage_does_matches_the_key(sample_datasets, answers, language):
    gold = [row for row in _lines("passages.jsonl") if row["language"] == language]
    passages = sample_datasets.passages
    scored = score_passage_content(passages, sample_datasets.tags, gold,
                                   document_kinds_of(answers))
    assert scored.unaligned == []
    assert scored.content.f1 >= 0.80, scored.content


def test_no_finding_rests_on_a_cover_contents_consultation_list_or_table_note(sample_datasets):
    passages = sample_datasets.passages
    roles = dict(zip(passages["passage_id"], passage_roles(passages), strict=True))
    findings = sample_datasets.tables["review_findings"]
    behind = {p for ids in findings["passage_ids"] for p in ids}
    assert behind and {roles[p] for p in behind} == {"body"}
