"""The per-review task of the compilation flow, and how a run maps it over its reviews.

Kept apart from the flow so that a worker process, which imports this module to run the task,
loads only what reading and tagging need (not the compilation, charts and reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from prefect import Task, get_run_logger, task, unmapped
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext, TaskRunContext
from prefect.results import ResultStore, get_result_store
from prefect.settings import get_current_settings
from prefect.task_runners import ProcessPoolTaskRunner

from imrf_analysis import ingest
from imrf_analysis.runs import progress, run_log
from imrf_analysis.runs.child_process import exit_when_orphaned
from imrf_analysis.store import fingerprint
from imrf_analysis.store import reviews as review_shards
from imrf_analysis.store.reviews import ReviewShard

# A 40-page review takes about a second; the ingest limits bound pages, size and OCR, so a
# review still running after this long is stuck and is quarantined instead of holding the run.
REVIEW_TIMEOUT_SECONDS = 600


def review_worker_started() -> None:
    """Set up a worker process of the review pool: the pool's ``initializer``.

    A worker ends by itself if the run is killed, and records its log lines in the run's log.
    """
    exit_when_orphaned()
    run_log.record_in_worker()


def _review_key(context: TaskRunContext | None, parameters: dict[str, Any]) -> str:
    return fingerprint.review_cache_key(parameters["review"])


# The timeout is set where Prefect can enforce it: in a worker process, whose main thread runs
# the task and gets an alarm signal. A task in a thread (the threads and Dask runners) cannot be
# interrupted inside PDFium or spaCy, so it gets none; the ingest limits (file size, pages, OCR)
# bound its work instead.
@task(task_run_name="process-{review.entry.file}", cache_key_fn=_review_key,
      persist_result=True, cache_expiration=timedelta(days=180))
def process_review(review: ingest.ReviewToRead, shard_dir: Path) -> ReviewShard:
    return review_shards.process_review_into(review, shard_dir)


@task(task_run_name="reuse-processed-reviews", cache_policy=NO_CACHE, timeout_seconds=300)
def reuse_processed_reviews(reviews: Sequence[ingest.ReviewToRead],
                            shard_dir: Path) -> list[ReviewShard | None]:
    """Answer each review from ``process_review``'s cache, without a task run per review.

    The key is the one ``process_review`` computes (its cache policy) and the record the one it
    persisted in Prefect's result store, read as Prefect does for a cache hit: a record past its
    expiration does not count, and none counts while Prefect's ``refresh_cache`` is set. A
    review is answered only when its shard files are still there.

    Returns:
        Per review, its shard handle, or None when it must be read and tagged (again).
    """
    refresh = process_review.refresh_cache
    if refresh is None:
        refresh = get_current_settings().tasks.refresh_cache
    if refresh:  # PREFECT_TASKS_REFRESH_CACHE: every review is read and tagged again
        get_run_logger().info("the task cache is being refreshed: no review is answered from it")
        return [None] * len(reviews)
    store = get_result_store().update_for_task(process_review, _sync=True)
    answers = [_cached_shard(store, review, shard_dir) for review in reviews]
    get_run_logger().info("%d of %d reviews answered from the task cache",
                          sum(answer is not None for answer in answers), len(reviews))
    return answers


def _cached_shard(store: ResultStore, review: ingest.ReviewToRead,
                  shard_dir: Path) -> ReviewShard | None:
    key = process_review.cache_policy.compute_key(  # type: ignore[union-attr]
        task_ctx=None, inputs={"review": review, "shard_dir": shard_dir},  # type: ignore[arg-type]
        flow_parameters={})
    if key is None:
        return None
    try:
        record = store.read(key)
    # As Prefect's own check: a record that is missing (or cannot be read) is no cache hit.
    except Exception:
        return None
    expiration = record.metadata.expiration
    if expiration is not None and expiration <= datetime.now(UTC):
        return None
    shard = record.result
    return shard if isinstance(shard, ReviewShard) and shard.is_present() else None


def process_reviews(reviews: Sequence[ingest.ReviewToRead], shard_dir: Path,
                    answers: Sequence[ReviewShard | None] | None = None,
                    timeout_seconds: float = REVIEW_TIMEOUT_SECONDS) -> list[ReviewShard]:
    """Return every review's shard: its answer from the cache, or by running ``process_review``.

    ``answers`` come from ``reuse_processed_reviews`` (None: no review is answered). The
    reviews without one go to the flow's task runner: with the (default) process pool, to a
    pool of worker processes (each loading the tagger and language models), started only for
    them and stopped once they are done, so their memory is free again for compiling; with
    Dask, to the cluster; with threads, to a thread pool of the flow's process. They run with
    ``refresh_cache`` set, so a cached record whose shard files were deleted is replaced. A
    review whose task fails (it timed out, or its worker died) becomes a quarantine row.
    """
    answers = list(answers) if answers is not None else [None] * len(reviews)
    todo = [review for review, answer in zip(reviews, answers, strict=True) if answer is None]
    if len(todo) < len(reviews):
        progress.stage("reading and tagging", f"{len(reviews) - len(todo)} of {len(reviews)} "
                       f"reviews answered from the task cache, {len(todo)} to read")
    processed = iter(_process(todo, shard_dir, timeout_seconds) if todo else [])
    return [answer if answer is not None else next(processed) for answer in answers]


def _process(reviews: Sequence[ingest.ReviewToRead], shard_dir: Path,
             timeout_seconds: float) -> list[ReviewShard]:
    runner = FlowRunContext.get().task_runner  # type: ignore[union-attr]
    attempt: Task[..., ReviewShard] = process_review.with_options(refresh_cache=True)
    parameters = {"review": reviews, "shard_dir": unmapped(shard_dir)}
    if not isinstance(runner, ProcessPoolTaskRunner):
        return _shards_or_quarantine(reviews, runner.map(attempt, parameters))
    # The pool is stopped (its workers have exited) before compiling uses their memory.
    with runner.duplicate() as pool:
        futures = pool.map(attempt.with_options(timeout_seconds=timeout_seconds), parameters)
        return _shards_or_quarantine(reviews, futures)


def _shards_or_quarantine(reviews: Sequence[ingest.ReviewToRead],
                          futures: Any) -> list[ReviewShard]:
    shards = []
    for done, (review, future) in enumerate(zip(reviews, futures, strict=True), start=1):
        try:
            future.wait()
            if future.state.is_completed():
                shards.append(future.result())
                get_run_logger().info("reviews read and tagged: %d of %d", done, len(reviews))
                progress.reviews(done, len(reviews))
                continue
            why = future.state.name.lower()
            get_run_logger().error("%s: %s", review.entry.file, future.state.message)
        # A worker interrupted at an odd point may fail to send its outcome back (its traceback
        # does not pickle): the review is quarantined all the same, not the run stopped.
        except Exception as error:
            why = "its worker process could not report back"
            get_run_logger().error("%s: %s: %s", review.entry.file, type(error).__name__, error)
        shards.append(ReviewShard(ingest.QuarantinedFile(
            review.entry.file, "extract", f"reading and tagging did not finish ({why})",
            "check the file opens and is within the page limit, then submit it again")))
        progress.reviews(done, len(reviews))
    return shards
