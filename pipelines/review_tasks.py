"""The per-review task of the compilation flow, and how a run maps it over its reviews.

Kept apart from the flow so that a worker process, which imports this module to run the task,
loads only what reading and tagging need (not the compilation, charts and reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

from prefect import Task, get_run_logger, task, unmapped
from prefect.context import FlowRunContext, TaskRunContext
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from imrf_analysis import fingerprint, ingest, review_shards
from imrf_analysis.review_shards import ReviewShard

# A 40-page review takes about a second; the ingest limits bound pages, size and OCR, so a
# review still running after this long is stuck and is quarantined instead of holding the run.
REVIEW_TIMEOUT_SECONDS = 600
# Threads answering cache hits: each hit mostly waits on its result file and the API, and more
# threads only contend for the interpreter with the flow's other work (loading GX, say).
CACHE_HIT_THREADS = 4


def _review_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    return fingerprint.review_cache_key(parameters["review"])


# The timeout is set where Prefect can enforce it: in a worker process, whose main thread runs
# the task and gets an alarm signal. A task in a thread (the threads and Dask runners, and cache
# hits answered in the flow's process) cannot be interrupted inside PDFium or spaCy, so it gets
# none; the ingest limits (file size, pages, OCR) bound its work instead.
@task(task_run_name="process-{review.entry.file}", cache_key_fn=_review_key,
      persist_result=True, cache_expiration=timedelta(days=180))
def process_review(review: ingest.ReviewToRead, shard_dir: Path) -> ReviewShard:
    return review_shards.process_review_into(review, shard_dir)


def process_reviews(reviews: Sequence[ingest.ReviewToRead], shard_dir: Path,
                    timeout_seconds: float = REVIEW_TIMEOUT_SECONDS) -> list[ReviewShard]:
    """Run ``process_review`` on every review; redo those whose cached shards were deleted.

    A review whose task fails (it timed out, or its worker died) becomes a quarantine row.
    """
    shards = _run_reviews(process_review, reviews, shard_dir, timeout_seconds)
    gone = [i for i, shard in enumerate(shards) if not shard.is_present()]
    if gone:
        get_run_logger().info("%d cached reviews lost their shards: processing them again",
                              len(gone))
        again = [reviews[i] for i in gone]
        redone = _run_reviews(process_review.with_options(refresh_cache=True), again, shard_dir,
                              timeout_seconds)
        for i, shard in zip(gone, redone, strict=True):
            shards[i] = shard
    return shards


def _run_reviews(attempt: Task[..., ReviewShard], reviews: Sequence[ingest.ReviewToRead],
                 shard_dir: Path, timeout_seconds: float) -> list[ReviewShard]:
    runner = FlowRunContext.get().task_runner  # type: ignore[union-attr]
    if isinstance(runner, ThreadPoolTaskRunner):
        return _shards_or_quarantine(reviews, attempt.map(reviews, unmapped(shard_dir)))
    # Reviews whose shards are already here are cache hits, answered from this process's
    # threads: sending them to workers would only add a round trip each. The others go to the
    # workers: a pool of worker processes (each loading the tagger and language models), started
    # only for them and stopped as soon as they are done, so their memory is free again for
    # compiling; or the flow's Dask cluster.
    stored = [review_shards.is_stored(shard_dir, review) for review in reviews]
    groups = {False: [r for r, s in zip(reviews, stored, strict=True) if not s],
              True: [r for r, s in zip(reviews, stored, strict=True) if s]}
    done: dict[bool, list[ReviewShard]] = {}
    with ExitStack() as stack:
        tasks: dict[bool, Task[..., ReviewShard]] = {False: attempt, True: attempt}
        pools: dict[bool, Any] = {False: runner, True: stack.enter_context(
            ThreadPoolTaskRunner(max_workers=CACHE_HIT_THREADS))}
        if isinstance(runner, ProcessPoolTaskRunner):
            pools[False] = stack.enter_context(runner.duplicate())
            tasks[False] = attempt.with_options(timeout_seconds=timeout_seconds)
        # The workers' group first: starting worker processes takes seconds.
        futures = {kind: pools[kind].map(
            tasks[kind], {"review": group, "shard_dir": unmapped(shard_dir)})
            for kind, group in groups.items() if group}
        for kind, running in futures.items():
            done[kind] = _shards_or_quarantine(groups[kind], running)
    answers = {kind: iter(done.get(kind, [])) for kind in groups}
    return [next(answers[s]) for s in stored]


def _shards_or_quarantine(reviews: Sequence[ingest.ReviewToRead],
                          futures: Any) -> list[ReviewShard]:
    shards = []
    for review, future in zip(reviews, futures, strict=True):
        try:
            future.wait()
            if future.state.is_completed():
                shards.append(future.result())
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
    return shards
