"""Prefect flow: compile submitted reviews into regional tables, charts and reports.

The run reads top to bottom: plan, read and tag the reviews, validate them, compile, validate
the compiled tables, publish. Each step is one task calling into ``imrf_analysis``. Reading and
tagging one review is the only per-item task: it runs in a pool of worker processes (one per
core; each loads the tagger once) and keeps the review in the output folder's review store
(``store.reviews``), so a rerun reads only reviews that are new or changed. Great
Expectations gates each stage: a broken contract stops the run; findings go into the reports;
the Data Docs of the run are written to ``reports/validation`` even when a contract breaks.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import Flow, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from imrf_analysis import compilation, ingest, validation
from imrf_analysis.findings import corrections
from imrf_analysis.findings.corrections import correction_files
from imrf_analysis.runs import progress, summary
from imrf_analysis.runs.manifest import build_manifest, output_hashes, unchanged_reports
from imrf_analysis.runs.settings import RunSettings
from imrf_analysis.store import fingerprint
from imrf_analysis.store.catalog import Catalog, output_lock, write_json
from imrf_analysis.store.reviews import CollectedReviews, ReviewStore, StoredReview
from imrf_analysis.store.staging import staged_compilation
from imrf_analysis.validation import Finding
from pipelines.review_tasks import process_reviews, review_worker_started

# Worker processes import this module too (Prefect sends them the flow), so the report-writing
# modules (matplotlib, python-docx, XlsxWriter) are imported by the flow's body and the tasks
# that write reports, which only run in the flow's process.

TASK_RUNNERS: tuple[str, ...] = ("processes", "threads", "dask")
IO_RETRIES: dict[str, Any] = {"retries": 2, "retry_delay_seconds": [2, 10]}
# The stages are not cached: only reading and tagging a review is worth keeping between runs,
# and Prefect's default policy would hash every input (the whole corpus) to key each stage.
stage = functools.partial(task, cache_policy=NO_CACHE)


@stage(timeout_seconds=120, **IO_RETRIES)
def plan_ingest(catalog: Catalog) -> ingest.IngestPlan:
    plan = ingest.plan_ingest(catalog.input_dir)
    get_run_logger().info("%d reviews to read, %d files quarantined before reading",
                          len(plan.reviews), len(plan.quarantined))
    return plan


@stage(timeout_seconds=300)
def validate_register(register_csv: Path) -> list[Finding]:
    if not register_csv.exists():  # a folder of files: nothing to check
        return []
    return list(validation.validate_register(ingest.register_frame(register_csv)).findings)


@stage(timeout_seconds=300)
def collect_reviews(store: ReviewStore, plan: ingest.IngestPlan,
                    stored: list[StoredReview]) -> CollectedReviews:
    """Assemble the run's frames from the store, then drop the entries no review uses."""
    collected = store.collect(plan, stored)
    store.keep_only(stored)
    return collected


@stage(timeout_seconds=120)
def read_corrections(catalog: Catalog) -> list[corrections.Decision]:
    decisions = corrections.read_decisions(catalog.corrections_dir)
    if decisions:
        get_run_logger().info("%d analysts' decisions read from %s", len(decisions),
                              catalog.corrections_dir)
    return decisions


@stage(timeout_seconds=120)
def apply_corrections(findings: pd.DataFrame, documents: pd.DataFrame, passages: pd.DataFrame,
                      tags: pd.DataFrame, decisions: list[corrections.Decision]
                      ) -> corrections.Applied:
    applied = corrections.apply_decisions(findings, documents, passages, tags, decisions)
    statuses = applied.decisions["status"].value_counts().to_dict()
    if statuses:
        get_run_logger().info("analysts' decisions: %s", statuses)
    return applied


@stage(timeout_seconds=300)
def validate_reviews(documents: pd.DataFrame, passages: pd.DataFrame,
                     tags: pd.DataFrame) -> list[Finding]:
    summaries = [validation.validate_documents(documents), validation.validate_passages(passages),
                 validation.validate_tags(tags, passages)]
    return [finding for summary in summaries for finding in summary.findings]


@stage(timeout_seconds=600)
def compile_coverage(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                     findings: pd.DataFrame) -> compilation.Coverage:
    return compilation.compile_coverage(documents, passages, tags, findings)


@stage(timeout_seconds=600)
def compile_tables(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                   per_objective: int, coverage: compilation.Coverage) -> dict[str, pd.DataFrame]:
    return compilation.compile_tables(documents, passages, tags, per_objective, coverage)


@stage(timeout_seconds=300)
def validate_compilation(tables: dict[str, pd.DataFrame], documents: pd.DataFrame,
                         passages: pd.DataFrame, tags: pd.DataFrame) -> list[Finding]:
    checked = validation.validate_compiled_tables(tables)
    return [*checked.findings, *validation.coverage_findings(
        tables["objective_totals"], documents, passages, tags)]


@stage(timeout_seconds=300, **IO_RETRIES)
def save_datasets(catalog: Catalog, frames: dict[str, pd.DataFrame],
                  findings: list[Finding]) -> None:
    from imrf_analysis.reporting import publish

    publish.save_datasets(catalog, frames)
    publish.save_findings(catalog, findings)
    publish.save_inferred_register(catalog, frames["documents"], frames["quarantine"])


@stage(timeout_seconds=900, **IO_RETRIES)
def publish_reports(catalog: Catalog, frames: dict[str, pd.DataFrame], findings: list[Finding],
                    regions: tuple[str, ...], language: str) -> list[Path]:
    from imrf_analysis.reporting import publish

    return publish.publish_reports(catalog, frames, findings, regions, language)


@stage(timeout_seconds=300, **IO_RETRIES)
def build_validation_docs(catalog: Catalog) -> Path:
    return validation.build_validation_docs(catalog.validation_docs_dir)


@stage(timeout_seconds=120, **IO_RETRIES)
def publish_artifacts(frames: dict[str, pd.DataFrame], reports: list[Path],
                      regions: tuple[str, ...]) -> None:
    create_markdown_artifact(
        summary.coverage_summary_markdown(frames["objective_totals"], frames["quarantine"],
                                          reports, regions),
        key="coverage-summary", description="Objectives with no reporting State, per region")
    create_table_artifact(summary.register_records(frames["documents"]),
                          key="submission-register", description="Reviews compiled in this run")


# One worker process per core, each set up by ``review_worker_started``.
REVIEW_POOL = ProcessPoolTaskRunner(initializer=review_worker_started)


# Prefect's annotation asks for a runner of base PrefectFutures; the process pool's are a subtype.
@flow(name="regional-compilation", log_prints=True,
      task_runner=REVIEW_POOL)  # type: ignore[arg-type]
def regional_compilation(settings: RunSettings | None = None) -> list[Path]:
    """Ingest, tag, validate and compile the reviews in ``settings.input_dir``.

    One run at a time writes an output folder (``catalog.output_lock``), and it publishes its
    whole output in one step at the end (``staging.staged_compilation``): a run that fails or
    is killed leaves the previous compilation as it was.

    Returns the paths of the HTML reports written.
    """
    settings = settings or RunSettings()
    catalog = Catalog.under(settings.input_dir, settings.output_dir, settings.corrections_dir)
    with output_lock(catalog):
        progress.stage("planning")
        plan = plan_ingest(catalog)
        # A corrections file that cannot be read stops the run here, before any work.
        decisions = read_corrections(catalog)
        inputs = fingerprint.inputs_fingerprint(plan, settings.model_dump_json(),
                                                correction_files(catalog.corrections_dir))
        kept = unchanged_reports(catalog.path("manifest"), inputs)
        if kept is not None:
            get_run_logger().info("nothing changed since the last run: %d reports kept",
                                  len(kept))
            return kept
        with staged_compilation(catalog) as staged:
            reports = _compile_into(staged, plan, inputs, settings, decisions)
        return [catalog.published(path, staged) for path in reports]


def _compile_into(catalog: Catalog, plan: ingest.IngestPlan, inputs: str,
                  settings: RunSettings, decisions: list[corrections.Decision]) -> list[Path]:
    try:
        # A broken register contract stops the run before any review is read.
        findings = validate_register(catalog.register_csv)
        progress.stage("reading and tagging", f"{len(plan.reviews)} reviews")
        store = ReviewStore.of(catalog)
        stored = process_reviews(plan.reviews, store)
        reviews = collect_reviews(store, plan, stored)
        documents, passages, tags = reviews.documents, reviews.passages, reviews.tags
        progress.stage("validating")
        findings += validate_reviews(documents, passages, tags)
        progress.stage("compiling")
        # The analysts' decisions have the last word on the model's findings.
        corrected = apply_corrections(reviews.findings, documents, passages, tags, decisions)
        coverage = compile_coverage(documents, passages, tags, corrected.findings)
        tables = compile_tables(documents, passages, tags, settings.evidence_per_objective,
                                coverage)
        findings += validate_compilation(tables, documents, passages, tags)
        progress.stage("writing reports")
        frames = {"documents": documents, "passages": passages, "tags": tags,
                  "quarantine": reviews.quarantine, "analyst_decisions": corrected.decisions,
                  **tables}
        save_datasets(catalog, frames, findings)
        reports = publish_reports(catalog, frames, findings, settings.regions,
                                  settings.report_language)
    finally:
        # A run stopped by a breach or an error still documents the checks that ran.
        build_validation_docs(catalog)
    progress.stage("publishing")
    publish_artifacts(frames, reports, settings.regions)
    counts = {"documents": len(documents), "passages": len(passages), "tags": len(tags),
              "quarantined": len(reviews.quarantine), "reports": len(reports)}
    manifest = catalog.path("manifest")
    # Every file the run wrote, so a rerun can check them.
    outputs = output_hashes([catalog.processed_dir, catalog.reports_dir], manifest)
    published = Catalog.under(catalog.input_dir, catalog.output_dir)
    write_json(build_manifest(plan.input_files, documents, reviews.quarantine, counts, inputs,
                              tuple(published.published(path, catalog) for path in reports),
                              outputs), manifest)
    get_run_logger().info("compiled %s", counts)
    return reports


def with_task_runner(kind: str = "processes",
                     dask_address: str | None = None) -> Flow[[RunSettings | None], list[Path]]:
    """Return the compilation flow set to run its per-review tasks on ``kind``.

    ``processes`` (default) uses a pool of one worker process per core; ``threads`` uses
    Prefect's thread pool in the flow's process (one core: the GIL and PDFium's lock serialise
    the work); ``dask`` sends the tasks to the Dask cluster at ``dask_address``
    (``tcp://host:port``), or to a local cluster of two worker processes. Reviews the store
    already holds are not sent anywhere. The workers must share the output folder's file
    system: the tasks write into its review store.
    """
    if kind == "processes":
        return regional_compilation
    if kind == "threads":
        return regional_compilation.with_options(
            task_runner=ThreadPoolTaskRunner())  # type: ignore[arg-type]
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r}; use {', '.join(TASK_RUNNERS)}")
    from prefect_dask import DaskTaskRunner

    runner = (DaskTaskRunner(address=dask_address) if dask_address else
              DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1}))
    # DaskTaskRunner's futures are PrefectDaskFutures; Prefect's annotation asks for the base type.
    return regional_compilation.with_options(task_runner=runner)  # type: ignore[arg-type]
