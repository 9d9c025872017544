"""Reviews kept as Parquet shards collect into exactly the frames the in-memory path gives."""

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from imrf_analysis.findings import compile_review_findings
from imrf_analysis.ingest import collect_reviews, plan_ingest
from imrf_analysis.runs.review import process_review, review_cache_key, tags_of_kept_documents
from imrf_analysis.store.reviews import (
    collect_review_shards,
    prune_review_shards,
    read_review_shards,
    write_review_shard,
)

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


def test_shards_collect_into_the_same_frames_as_the_in_memory_outcomes(processed, tmp_path):
    plan, results = processed
    shards = [write_review_shard(p, tmp_path, review_cache_key(r))
              for p, r in zip(results, plan.reviews, strict=True)]
    documents, passages, tags, findings, quarantine = collect_review_shards(plan, shards)

    expected_documents, expected_passages, expected_quarantine = collect_reviews(
        plan, [p.outcome for p in results])
    pd.testing.assert_frame_equal(documents, expected_documents)
    pd.testing.assert_frame_equal(passages, expected_passages)
    pd.testing.assert_frame_equal(tags, tags_of_kept_documents(results, expected_documents))
    # Findings drawn review by review are those drawn from every review at once.
    pd.testing.assert_frame_equal(findings, compile_review_findings(
        expected_documents, expected_passages, tags))
    pd.testing.assert_frame_equal(quarantine, expected_quarantine)
    assert len(documents) == 2 and len(tags) > 0
    assert "exact duplicate of kenya-gcm-review-2026.pdf" in set(quarantine["reason"])
    assert isinstance(passages["heading_path"].iloc[0], list)


def test_shards_read_ahead_collect_into_the_same_frames(processed, tmp_path):
    # A run reads the cached reviews' shards while the others are processed; the shard files
    # of the others are deleted here to show those read ahead are not read a second time.
    plan, results = processed
    shards = [write_review_shard(p, tmp_path, review_cache_key(r))
              for p, r in zip(results, plan.reviews, strict=True)]
    expected = collect_review_shards(plan, shards)
    read = read_review_shards([*shards[:2], None])
    assert set(read) == {path for shard in shards[:2] for path in shard.paths}
    for path in read:
        path.unlink()
    collected = collect_review_shards(plan, shards, read)
    for frame, expected_frame in zip(collected, expected, strict=True):
        pd.testing.assert_frame_equal(frame, expected_frame)


def test_a_shard_handle_holds_no_passages_and_notices_deleted_files(processed, tmp_path):
    plan, results = processed
    shard = write_review_shard(results[0], tmp_path, review_cache_key(plan.reviews[0]))
    assert shard.outcome.passages.empty and shard.is_present()
    shard.tags_path.unlink()
    assert not shard.is_present()


def test_pruning_deletes_only_shards_no_handle_names(processed, tmp_path):
    plan, results = processed
    kept = write_review_shard(results[0], tmp_path, "aa-kept")
    stale = write_review_shard(results[0], tmp_path, "bb-stale")
    assert prune_review_shards(tmp_path, [kept]) == 3  # passages, tags, findings
    assert kept.is_present() and not stale.is_present()
