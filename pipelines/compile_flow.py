"""Prefect flow: compile submitted reviews into regional tables, charts and reports.

Each task is one call into ``imrf_analysis``. Reading and tagging one review is the only
per-item task; it is cached by the review's content hash, register row and the pipeline's code
(``review_cache_key``), so a rerun only processes reviews that are new or changed. Great
Expectations gates each stage: a broken contract stops the run; findings go into the reports;
the Data Docs of the run are written to ``reports/validation`` even when a contract breaks.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import Flow, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.context import TaskRunContext

from imrf_analysis import compile as compilation
from imrf_analysis import ingest, publish, review_processing, summary, validation
from imrf_analysis.catalog import Catalog, write_json
from imrf_analysis.manifest import build_manifest, unchanged_reports
from imrf_analysis.review_processing import ProcessedReview
from imrf_analysis.settings import RunSettings
from imrf_analysis.validation import Finding

IO_RETRIES: dict[str, Any] = {"retries": 2, "retry_delay_seconds": [2, 10]}


@task(timeout_seconds=120, **IO_RETRIES)
def plan_ingest(catalog: Catalog) -> ingest.IngestPlan:
    plan = ingest.plan_ingest(catalog.input_dir, cache_dir=catalog.processed_dir / "cache")
    get_run_logger().info("%d reviews to read, %d files quarantined before reading",
                          len(plan.reviews), len(plan.quarantined))
    return plan


@task(timeout_seconds=120)
def validate_register(register_csv: Path) -> list[Finding]:
    return list(validation.validate_register(ingest.register_frame(register_csv)).findings)


def _review_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    return review_processing.review_cache_key(parameters["review"])


# No timeout here: mapped tasks run in worker threads, where Prefect cannot interrupt them;
# the ingest limits (file size, pages, OCR) bound the work of one review instead.
@task(task_run_name="process-{review.entry.file}", cache_key_fn=_review_key,
      persist_result=True, cache_expiration=timedelta(days=180))
def process_review(review: ingest.ReviewToRead) -> ProcessedReview:
    return review_processing.process_review(review)


@task(timeout_seconds=300)
def validate_reviews(documents: pd.DataFrame, passages: pd.DataFrame,
                     tags: pd.DataFrame) -> list[Finding]:
    summaries = [validation.validate_documents(documents), validation.validate_passages(passages),
                 validation.validate_tags(tags, passages)]
    return [finding for summary in summaries for finding in summary.findings]


@task(timeout_seconds=600)
def compile_tables(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                   per_objective: int) -> dict[str, pd.DataFrame]:
    return compilation.compile_tables(documents, passages, tags, per_objective)


@task(timeout_seconds=300)
def validate_compilation(tables: dict[str, pd.DataFrame], documents: pd.DataFrame,
                         passages: pd.DataFrame, tags: pd.DataFrame) -> list[Finding]:
    checked = validation.validate_compiled_tables(tables)
    return [*checked.findings, *validation.coverage_findings(
        tables["objective_totals"], documents, passages, tags)]


@task(timeout_seconds=300, **IO_RETRIES)
def save_datasets(catalog: Catalog, frames: dict[str, pd.DataFrame],
                  findings: list[Finding]) -> None:
    publish.save_datasets(catalog, frames)
    publish.save_findings(catalog, findings)


@task(timeout_seconds=900, **IO_RETRIES)
def publish_reports(catalog: Catalog, frames: dict[str, pd.DataFrame], findings: list[Finding],
                    regions: tuple[str, ...]) -> list[Path]:
    return publish.publish_reports(catalog, frames, findings, regions)


@task(timeout_seconds=300, **IO_RETRIES)
def build_validation_docs(catalog: Catalog) -> Path:
    return validation.build_validation_docs(catalog.validation_docs_dir)


@task(timeout_seconds=120, **IO_RETRIES)
def publish_artifacts(frames: dict[str, pd.DataFrame], reports: list[Path],
                      regions: tuple[str, ...]) -> None:
    create_markdown_artifact(
        summary.coverage_summary_markdown(frames["objective_totals"], frames["quarantine"],
                                          reports, regions),
        key="coverage-summary", description="Objectives with no reporting State, per region")
    create_table_artifact(summary.register_records(frames["documents"]),
                          key="submission-register", description="Reviews compiled in this run")


@flow(name="regional-compilation", log_prints=True)
def regional_compilation(settings: RunSettings | None = None) -> list[Path]:
    """Ingest, tag, validate and compile the reviews in ``settings.input_dir``.

    Returns the paths of the HTML reports written.
    """
    settings = settings or RunSettings()
    catalog = Catalog.under(settings.input_dir, settings.output_dir)
    plan = plan_ingest(catalog)
    fingerprint = review_processing.inputs_fingerprint(plan, settings.model_dump_json())
    kept = unchanged_reports(catalog.path("manifest"), fingerprint)
    if kept is not None:
        get_run_logger().info("nothing changed since the last run: %d reports kept", len(kept))
        return kept
    try:
        findings = validate_register(catalog.register_csv)
        processed = process_review.map(plan.reviews).result() if plan.reviews else []
        documents, passages, quarantine = ingest.collect_reviews(
            plan, [p.outcome for p in processed])
        tags = review_processing.tags_of_kept_documents(processed, documents)
        findings += validate_reviews(documents, passages, tags)
        tables = compile_tables(documents, passages, tags, settings.evidence_per_objective)
        findings += validate_compilation(tables, documents, passages, tags)
        frames = {"documents": documents, "passages": passages, "tags": tags,
                  "quarantine": quarantine, **tables}
        save_datasets(catalog, frames, findings)
        reports: list[Path] = publish_reports(catalog, frames, findings, settings.regions)
        publish_artifacts(frames, reports, settings.regions)
    finally:
        build_validation_docs(catalog)
    counts = {"documents": len(documents), "passages": len(passages), "tags": len(tags),
              "quarantined": len(quarantine), "reports": len(reports)}
    write_json(build_manifest(plan.input_files, documents, quarantine, counts, fingerprint,
                              tuple(reports)), catalog.path("manifest"))
    get_run_logger().info("compiled %s", counts)
    return reports


def with_task_runner(kind: str = "threads",
                     dask_address: str | None = None) -> Flow[[RunSettings | None], list[Path]]:
    """Return the compilation flow set to run its per-review tasks on ``kind``.

    ``threads`` (default) uses Prefect's thread pool; ``dask`` sends them to the Dask cluster at
    ``dask_address`` (``tcp://host:port``), or to a local cluster of two worker processes.
    """
    if kind == "threads":
        return regional_compilation
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r}; use threads or dask")
    from prefect_dask import DaskTaskRunner

    runner = (DaskTaskRunner(address=dask_address) if dask_address else
              DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1}))
    # DaskTaskRunner's futures are PrefectDaskFutures; Prefect's annotation asks for the base type.
    return regional_compilation.with_options(task_runner=runner)  # type: ignore[arg-type]
