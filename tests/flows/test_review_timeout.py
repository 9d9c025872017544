"""Reading a review in a worker process is bounded in time: an overrun is quarantined."""

import csv
import dataclasses
import time

import pytest

from imrf_analysis.ingest import QuarantinedFile, plan_ingest
from imrf_analysis.samples import SAMPLE_REVIEWS, render_review
from imrf_analysis.store.schemas import REGISTER_COLUMNS

pytestmark = pytest.mark.slow


def test_reviews_overrunning_their_timeout_in_worker_processes_are_quarantined(
        prefect_harness, tmp_path):
    from prefect import flow
    from prefect.task_runners import ProcessPoolTaskRunner

    from imrf_analysis.store.reviews import ReviewStore
    from pipelines.review_tasks import process_reviews

    # Two reviews, so that they go to worker processes.
    specs = [dataclasses.replace(spec, date="2026-04-30") for spec in SAMPLE_REVIEWS[:2]]
    input_dir = tmp_path / "raw"
    input_dir.mkdir()
    with (input_dir / "register.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGISTER_COLUMNS)
        for spec in specs:
            (input_dir / spec.file).write_bytes(render_review(spec))
            writer.writerow([spec.file, spec.country_iso3, "2026", "national-review",
                             spec.language, spec.date])
    plan = plan_ingest(input_dir)

    @flow(task_runner=ProcessPoolTaskRunner(max_workers=2))
    def read_with_a_short_timeout() -> list:
        # Shorter than reading any review, even by a worker that has its models loaded (one
        # may load them during a task that times out, then read the other review).
        return process_reviews(plan.reviews, ReviewStore(tmp_path / "store"),
                               timeout_seconds=0.02)

    started = time.monotonic()
    entries = read_with_a_short_timeout()
    assert time.monotonic() - started < 90
    assert sorted(entry.outcome.file for entry in entries) == sorted(spec.file for spec in specs)
    for entry in entries:
        assert isinstance(entry.outcome, QuarantinedFile)
        assert "did not finish" in entry.outcome.reason
        assert entry.entry is None  # not stored: the next run tries again
    assert not (tmp_path / "store").exists()
