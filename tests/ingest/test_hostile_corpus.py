"""Hostile and damaged submissions never stop a run, and every file is accounted for."""

import pytest

from imrf_analysis.ingest import collect_reviews, plan_ingest, read_review_or_quarantine
from imrf_analysis.runs.manifest import build_manifest
from imrf_analysis.store.catalog import write_parquet
from imrf_analysis.store.schemas import DOCUMENTS, PASSAGES, QUARANTINE


@pytest.fixture(scope="module")
def corpus(hostile_corpus):
    folder, expected, limits = hostile_corpus
    plan = plan_ingest(folder, limits)
    outcomes = [read_review_or_quarantine(review) for review in plan.reviews]
    documents, passages, quarantine = collect_reviews(plan, outcomes)
    return expected, plan, documents, passages, quarantine


def test_every_hostile_file_gets_the_quarantine_reason_it_deserves(corpus):
    expected, _, documents, _, quarantine = corpus
    reasons = {}
    for row in quarantine.itertuples():
        reasons.setdefault(row.file, []).append(row.reason)
    for name, reason in expected.items():
        if reason:
            assert name in reasons, f"{name!r} was not quarantined"
            assert any(reason in r for r in reasons[name]), (name, reasons[name])
        else:
            assert name in set(documents["file"]), f"{name!r} was not read"


def test_no_hostile_file_causes_an_unexpected_error_and_each_row_has_a_hint(corpus):
    _, _, _, _, quarantine = corpus
    assert not quarantine["reason"].str.contains("unexpected error").any()
    assert (quarantine["hint"].str.len() > 0).all()
    assert set(quarantine["stage"]) <= {"register", "extract", "metadata"}


def test_manifest_counts_every_file_of_the_hostile_folder(corpus):
    expected, plan, documents, _, quarantine = corpus
    manifest = build_manifest(plan.input_files, documents, quarantine, {})
    assert len(manifest["processed"]) + len(manifest["quarantined"]) == manifest["input_files"]
    on_disk = set(expected) - {"../escape.pdf", "missing.pdf"}
    assert set(plan.input_files) == on_disk
    assert "../escape.pdf" in manifest["register_problems"]


def test_hostile_outcome_is_written_to_parquet_with_unprintable_names_escaped(corpus, tmp_path):
    _, _, documents, passages, quarantine = corpus
    write_parquet(documents, tmp_path / "documents.parquet", DOCUMENTS)
    write_parquet(passages, tmp_path / "passages.parquet", PASSAGES)
    write_parquet(quarantine, tmp_path / "quarantine.parquet", QUARANTINE)
    assert "bad-\\xff-name.txt" in set(quarantine["file"])
