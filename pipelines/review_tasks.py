"""The per-review task of the compilation flow, and how a run maps it over its reviews.

Kept apart from the flow so that a worker process, which imports this module to run the task,
loads only what reading and tagging need (not the compilation, checks, charts and reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect import get_run_logger, task, unmapped
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.task_runners import ProcessPoolTaskRunner

from imrf_analysis import ingest
from imrf_analysis.runs import progress, run_log
from imrf_analysis.runs.child_process import exit_when_orphaned
from imrf_analysis.store.reviews import ReviewStore, StoredReview

# A 40-page review takes about a second; the ingest limits bound pages, size and OCR, so a
# review still running after this long is stuck and is quarantined instead of holding the run.
REVIEW_TIMEOUT_SECONDS = 600


def review_worker_started() -> None:
    """Set up a worker process of the review pool: the pool's ``initializer``.

    A worker ends by itself if the run is killed, and records its log lines in the run's log.
    """
    exit_when_orphaned()
    run_log.record_in_worker()


# The review store is the cache: Prefect's own result caching is not used for reviews.
# The timeout is set where Prefect can enforce it: in a worker process, whose main thread runs
# the task and gets an alarm signal. A task in a thread (the threads and Dask runners) cannot be
# interrupted inside PDFium or spaCy, so it gets none; the ingest limits (file size, pages, OCR)
# bound its work instead.
@task(task_run_name="process-{review.entry.file}", cache_policy=NO_CACHE)
def process_review(review: ingest.ReviewToRead, store: ReviewStore) -> StoredReview:
    """Read and tag ``review``, draw its findings and keep them in ``store``."""
    # Imported here: the tagger's modules (spaCy) are only needed where reviews are processed.
    from imrf_analysis.runs.review import process_review as read_and_tag

    return store.put(review, read_and_tag(review, embeddings=store.embeddings))


def process_reviews(reviews: Sequence[ingest.ReviewToRead], store: ReviewStore,
                    timeout_seconds: float = REVIEW_TIMEOUT_SECONDS) -> list[StoredReview]:
    """Return every review's entry in ``store``, reading and tagging those it does not hold.

    The reviews to read go to the flow's task runner: with the (default) process pool, to a
    pool of worker processes (each loading the tagger and language models), started only for
    them and stopped once they are done, so their memory is free again for compiling; with
    Dask, to the cluster; with threads, to a thread pool of the flow's process. A review whose
    task fails (it timed out, or its worker died) becomes a quarantine row, not stored.
    """
    found = [store.get(review) for review in reviews]
    todo = [review for review, entry in zip(reviews, found, strict=True) if entry is None]
    get_run_logger().info("%d of %d reviews found in the review store %s",
                          len(reviews) - len(todo), len(reviews), store.folder)
    if len(todo) < len(reviews):
        progress.stage("reading and tagging", f"{len(reviews) - len(todo)} of {len(reviews)} "
                       f"reviews already read, {len(todo)} to read")
    processed = iter(_process(todo, store, timeout_seconds) if todo else [])
    return [entry if entry is not None else next(processed) for entry in found]


def _process(reviews: Sequence[ingest.ReviewToRead], store: ReviewStore,
             timeout_seconds: float) -> list[StoredReview]:
    runner = FlowRunContext.get().task_runner  # type: ignore[union-attr]
    parameters = {"review": reviews, "store": unmapped(store)}
    if not isinstance(runner, ProcessPoolTaskRunner):
        return _entries_or_quarantine(reviews, runner.map(process_review, parameters))
    # The pool is stopped (its workers have exited) before compiling uses their memory.
    with runner.duplicate() as pool:
        futures = pool.map(process_review.with_options(timeout_seconds=timeout_seconds),
                           parameters)
        return _entries_or_quarantine(reviews, futures)


def _entries_or_quarantine(reviews: Sequence[ingest.ReviewToRead],
                           futures: Any) -> list[StoredReview]:
    entries = []
    for done, (review, future) in enumerate(zip(reviews, futures, strict=True), start=1):
        try:
            future.wait()
            if future.state.is_completed():
                entries.append(future.result())
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
        entries.append(StoredReview(ingest.QuarantinedFile(
            review.entry.file, "extract", f"reading and tagging did not finish ({why})",
            "check the file opens and is within the page limit, then submit it again")))
        progress.reviews(done, len(reviews))
    return entries
