"""A review is answered from the task cache only by a live record whose shard files are there."""

from datetime import UTC, datetime, timedelta

import pytest

from imrf_analysis import ingest
from imrf_analysis.ingest import QuarantinedFile
from imrf_analysis.store import fingerprint
from imrf_analysis.store.reviews import ReviewShard
from tests.conftest import REPO


@pytest.fixture
def store(tmp_path):
    from prefect.filesystems import LocalFileSystem
    from prefect.results import ResultStore

    return ResultStore(result_storage=LocalFileSystem(basepath=str(tmp_path / "results")))


@pytest.fixture(scope="module")
def review() -> ingest.ReviewToRead:
    return ingest.plan_ingest(REPO / "data" / "raw").reviews[0]


def _answer(store, review, shard_dir):
    from pipelines.review_tasks import _cached_shard

    return _cached_shard(store, review, shard_dir)


def test_a_live_record_answers_and_an_expired_or_missing_one_does_not(store, review, tmp_path):
    key = fingerprint.review_cache_key(review)
    shard = ReviewShard(QuarantinedFile(review.entry.file, "extract", "unreadable", "resend"))
    assert _answer(store, review, tmp_path) is None  # nothing stored yet
    store.write(shard, key=key, expiration=datetime.now(UTC) + timedelta(days=1))
    assert _answer(store, review, tmp_path) == shard
    store.write(shard, key=key, expiration=datetime.now(UTC) - timedelta(seconds=1))
    assert _answer(store, review, tmp_path) is None


def test_a_record_whose_shard_files_are_gone_does_not_answer(store, review, tmp_path):
    key = fingerprint.review_cache_key(review)
    passages, tags = tmp_path / "p.parquet", tmp_path / "t.parquet"
    passages.write_bytes(b"")
    tags.write_bytes(b"")
    shard = ReviewShard(QuarantinedFile(review.entry.file, "extract", "x", "y"), passages, tags)
    store.write(shard, key=key)
    assert _answer(store, review, tmp_path) == shard
    tags.unlink()
    assert _answer(store, review, tmp_path) is None
