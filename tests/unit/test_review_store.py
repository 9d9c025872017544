"""The review store keeps each processed review whole, under its content and code, per folder."""

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from imrf_analysis.findings import compile_review_findings
from imrf_analysis.ingest import QuarantinedFile, collect_reviews, plan_ingest
from imrf_analysis.runs.review import process_review
from imrf_analysis.store.reviews import ReviewStore, StoredReview

REPO = Path(__file__).resolve().parents[2]
SAMPLES = ("kenya-gcm-review-2026.pdf", "maroc-examen-volontaire-2026.docx",
           "zz-truncated-submission.pdf")


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """Three sample reviews (one unreadable) and an exact copy of one, read and tagged."""
    input_dir = tmp_path_factory.mktemp("raw")
    with (REPO / "data" / "raw" / "register.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["file"] in SAMPLES]
    for name in SAMPLES:
        shutil.copy(REPO / "data" / "raw" / name, input_dir / name)
    shutil.copy(input_dir / SAMPLES[0], input_dir / "kenya-copy.pdf")
    rows.append({**rows[0], "file": "kenya-copy.pdf", "date": "2026-02-01"})
    with (input_dir / "register.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    plan = plan_ingest(input_dir)
    return plan, [process_review(review) for review in plan.reviews]


def _stored(store: ReviewStore, processed) -> list[StoredReview]:
    plan, results = processed
    return [store.put(review, result)
            for review, result in zip(plan.reviews, results, strict=True)]


def test_stored_reviews_collect_into_the_frames_of_the_reviews_read(processed, tmp_path):
    plan, results = processed
    store = ReviewStore(tmp_path)
    collected = store.collect(plan, _stored(store, processed))

    documents, passages, quarantine = collect_reviews(plan, [r.outcome for r in results])
    pd.testing.assert_frame_equal(collected.documents, documents)
    pd.testing.assert_frame_equal(collected.passages, passages)
    pd.testing.assert_frame_equal(collected.quarantine, quarantine)
    # Findings drawn review by review are those drawn from every review at once.
    pd.testing.assert_frame_equal(collected.findings, compile_review_findings(
        documents, passages, collected.tags))
    assert len(documents) == 2 and len(collected.tags) > 0
    assert set(collected.tags["document_id"]) == set(documents["document_id"])
    assert "exact duplicate of kenya-gcm-review-2026.pdf" in set(quarantine["reason"])
    assert isinstance(collected.passages["heading_path"].iloc[0], list)


def test_a_review_is_found_again_by_another_store_on_the_same_folder(processed, tmp_path):
    plan, _ = processed
    stored = _stored(ReviewStore(tmp_path), processed)
    again = [ReviewStore(tmp_path).get(review) for review in plan.reviews]
    assert [entry.entry for entry in again] == [entry.entry for entry in stored]
    # The handle carries no passages; a quarantined review is kept as its quarantine row.
    assert all(entry.outcome.passages.empty for entry in again
               if not isinstance(entry.outcome, QuarantinedFile))
    assert [type(entry.outcome) for entry in again] == [type(e.outcome) for e in stored]
    assert ReviewStore(tmp_path / "another-folder").get(plan.reviews[0]) is None


def test_an_entry_missing_a_table_or_damaged_is_no_entry(processed, tmp_path):
    plan, _ = processed
    store = ReviewStore(tmp_path)
    kenya, maroc = _stored(store, processed)[:2]
    (kenya.table("tags")).unlink()
    (maroc.entry / "review.pickle").write_bytes(b"not a pickle")
    assert store.get(plan.reviews[0]) is None
    assert store.get(plan.reviews[1]) is None


def test_keeping_only_the_used_entries_deletes_the_others_and_leftovers(processed, tmp_path):
    plan, _ = processed
    store = ReviewStore(tmp_path)
    stored = _stored(store, processed)
    leftover = stored[0].entry.parent / f".{stored[0].entry.name}.half-written"
    leftover.mkdir()
    assert store.keep_only(stored[1:]) == 2  # the first review's entry and the leftover
    assert store.get(plan.reviews[0]) is None and not leftover.exists()
    assert all(store.get(review) is not None for review in plan.reviews[1:])


def test_a_review_whose_bytes_change_gets_a_new_entry(processed, tmp_path):
    plan, results = processed
    store = ReviewStore(tmp_path)
    review = plan.reviews[1]
    changed_copy = tmp_path / "changed" / review.path.name
    changed_copy.parent.mkdir()
    changed_copy.write_bytes(review.path.read_bytes() + b"\0")
    changed = type(review)(changed_copy, review.entry, review.registered, review.limits)
    store.put(review, results[1])
    assert store.entry(changed) != store.entry(review)
    assert store.get(changed) is None
