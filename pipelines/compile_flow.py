"""Prefect flow: compile submitted reviews into regional tables, charts and reports.

Each task is one call into ``imrf_analysis``; reading a review is the only per-item task.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from prefect import Flow, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from imrf_analysis import compile as compilation
from imrf_analysis import ingest, publish, summary, tagging, validation
from imrf_analysis.catalog import Catalog, write_json
from imrf_analysis.manifest import build_manifest
from imrf_analysis.settings import RunSettings
from imrf_analysis.validation import Finding


@task(retries=2, retry_delay_seconds=[2, 10], timeout_seconds=120)
def plan_ingest(input_dir: Path) -> ingest.IngestPlan:
    plan = ingest.plan_ingest(input_dir)
    get_run_logger().info("%d reviews to read, %d files quarantined before reading",
                          len(plan.reviews), len(plan.quarantined))
    return plan


# No timeout here: mapped tasks run in worker threads, where Prefect cannot interrupt them;
# the file size limit of the ingest plan bounds the work instead.
@task(task_run_name="read-{review.entry.file}")
def read_review(review: ingest.ReviewToRead) -> ingest.IngestedReview | ingest.QuarantinedFile:
    return ingest.read_review_or_quarantine(review)


@task(timeout_seconds=300)
def validate_ingest(documents: pd.DataFrame, passages: pd.DataFrame) -> list[Finding]:
    summaries = [validation.validate_documents(documents), validation.validate_passages(passages)]
    return [finding for summary in summaries for finding in summary.findings]


@task(timeout_seconds=1800)
def tag_passages(passages: pd.DataFrame) -> pd.DataFrame:
    tags = tagging.tag_passages(passages, tagging.Tagger.load())
    get_run_logger().info("%d tags on %d passages", len(tags), len(passages))
    return tags


@task(timeout_seconds=300)
def validate_tags(tags: pd.DataFrame, passages: pd.DataFrame) -> list[Finding]:
    return list(validation.validate_tags(tags, passages).findings)


@task(timeout_seconds=600)
def compile_tables(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                   per_objective: int) -> dict[str, pd.DataFrame]:
    return compilation.compile_tables(documents, passages, tags, per_objective)


@task(timeout_seconds=300)
def find_coverage_gaps(tables: dict[str, pd.DataFrame], documents: pd.DataFrame,
                       passages: pd.DataFrame, tags: pd.DataFrame) -> list[Finding]:
    return validation.coverage_findings(tables["objective_totals"], documents, passages, tags)


@task(retries=2, retry_delay_seconds=[2, 10], timeout_seconds=300)
def save_datasets(catalog: Catalog, frames: dict[str, pd.DataFrame]) -> None:
    publish.save_datasets(catalog, frames)


@task(retries=2, retry_delay_seconds=[2, 10], timeout_seconds=900)
def publish_reports(catalog: Catalog, frames: dict[str, pd.DataFrame], findings: list[Finding],
                    regions: tuple[str, ...]) -> list[Path]:
    publish.save_findings(catalog, findings)
    return publish.publish_reports(catalog, frames, findings, regions)


@task(retries=2, retry_delay_seconds=[2, 10], timeout_seconds=120)
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
    plan = plan_ingest(catalog.input_dir)
    outcomes = read_review.map(plan.reviews).result() if plan.reviews else []
    documents, passages, quarantine = ingest.collect_reviews(plan, outcomes)
    findings = validate_ingest(documents, passages)
    tags: pd.DataFrame = tag_passages(passages)
    findings += validate_tags(tags, passages)
    tables = compile_tables(documents, passages, tags, settings.evidence_per_objective)
    findings += find_coverage_gaps(tables, documents, passages, tags)
    frames = {"documents": documents, "passages": passages, "tags": tags,
              "quarantine": quarantine, **tables}
    save_datasets(catalog, frames)
    reports: list[Path] = publish_reports(catalog, frames, findings, settings.regions)
    publish_artifacts(frames, reports, settings.regions)
    counts = {"documents": len(documents), "passages": len(passages), "tags": len(tags),
              "quarantined": len(quarantine), "reports": len(reports)}
    write_json(build_manifest(plan.input_files, documents, quarantine, counts),
               catalog.path("manifest"))
    get_run_logger().info("compiled %s", counts)
    return reports


def with_task_runner(kind: str = "threads", dask_address: str | None = None) -> Flow:
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
    return regional_compilation.with_options(task_runner=runner)
