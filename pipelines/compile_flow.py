"""Prefect flow: compile submitted reviews into regional tables, charts and reports.

Each task is one call into ``imrf_analysis``. Reading and tagging one review is the only
per-item task: it runs in a pool of worker processes (one per core; each loads the tagger
once), writes the review's passages and tags as Parquet shards and returns a small handle.
It is cached by the review's content hash, register row and the pipeline's code
(``review_cache_key``), so a rerun only processes reviews that are new or changed. Great
Expectations gates each stage: a broken contract stops the run; findings go into the reports;
the Data Docs of the run are written to ``reports/validation`` even when a contract breaks.
"""

from __future__ import annotations

import functools
import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
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
from imrf_analysis.store import reviews as review_shards
from imrf_analysis.store.catalog import Catalog, output_lock, write_json
from imrf_analysis.store.reviews import ReviewShard
from imrf_analysis.store.staging import staged_compilation
from imrf_analysis.validation import Finding
from pipelines.review_tasks import (
    process_reviews,
    reuse_processed_reviews,
    review_worker_started,
)

if TYPE_CHECKING:
    from prefect.futures import PrefectFuture

    from imrf_analysis.reporting import publish

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
    plan = ingest.plan_ingest(catalog.input_dir, cache_dir=catalog.cache_dir)
    get_run_logger().info("%d reviews to read, %d files quarantined before reading",
                          len(plan.reviews), len(plan.quarantined))
    return plan


# Runs in a thread beside the reviews' processing, where a timeout could not interrupt it
# (Prefect warns and waits anyway), so none is set; it reads one small CSV.
@stage()
def validate_register(register_csv: Path) -> list[Finding]:
    if not register_csv.exists():  # a folder of files: nothing to check
        return []
    return list(validation.validate_register(ingest.register_frame(register_csv)).findings)


# In a thread too (see validate_register); it reads the Parquet shards of the cached reviews.
@stage()
def read_cached_shards(shards: list[ReviewShard | None]) -> dict[Path, pa.Table]:
    return review_shards.read_review_shards(shards)


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


# Runs in a thread beside the reports (see validate_register): no timeout, which Prefect could
# not enforce there and warns about.
@stage(**IO_RETRIES)
def save_datasets(catalog: Catalog, frames: dict[str, pd.DataFrame],
                  findings: list[Finding]) -> None:
    from imrf_analysis.reporting import publish

    publish.save_datasets(catalog, frames)
    publish.save_findings(catalog, findings)
    publish.save_inferred_register(catalog, frames["documents"], frames["quarantine"])


@stage(timeout_seconds=900, **IO_RETRIES)
def publish_reports(catalog: Catalog, frames: dict[str, pd.DataFrame], findings: list[Finding],
                    regions: tuple[str, ...], language: str,
                    exporter: publish.Exporter | None = None) -> list[Path]:
    from imrf_analysis.reporting import publish

    return publish.publish_reports(catalog, frames, findings, regions, language, exporter)


# In a thread too, after the datasets are saved.
@stage(**IO_RETRIES)
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
    docs_built: PrefectFuture[Path] | None = None
    try:
        shard_dir = catalog.cache_dir / "reviews"
        progress.stage("reading and tagging", f"{len(plan.reviews)} reviews")
        # Answered first, before anything competes with it for the interpreter.
        cached = reuse_processed_reviews(plan.reviews, shard_dir)
        side_runner: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=1)
        with side_runner as beside:
            # While the reviews are read: the register's checks (and loading Great
            # Expectations), then reading the shards of the reviews answered from the cache.
            # A broken register contract still stops the run before anything is compiled.
            register_checked = beside.submit(validate_register,
                                             {"register_csv": catalog.register_csv})
            cached_read = beside.submit(read_cached_shards, {"shards": cached})
            # And the report stage's modules, imported while this process waits for workers.
            importing = threading.Thread(target=importlib.import_module,
                                         args=("imrf_analysis.reporting.publish",), daemon=True)
            importing.start()
            shards = process_reviews(plan.reviews, shard_dir, cached)
            findings: list[Finding] = register_checked.result()
            read = cached_read.result()
            importing.join()
        from imrf_analysis.reporting import publish

        # The report stage's process starts now: it imports its writers while the reviews are
        # collected, draws the heat maps (from the coverage, compiled first) while the other
        # tables are compiled, then renders the workbooks while the run validates. Nothing is
        # published before every check has passed.
        progress.stage("compiling")
        with publish.Exporter() as exporter:
            documents, passages, tags, review_findings, quarantine = (
                review_shards.collect_review_shards(plan, shards, read))
            del read
            review_shards.prune_review_shards(shard_dir, shards)
            # The analysts' decisions have the last word on the model's findings.
            corrected = apply_corrections(review_findings, documents, passages, tags,
                                          decisions)
            review_findings = corrected.findings
            try:
                coverage = compile_coverage(documents, passages, tags, review_findings)
                exporter.draw_heat_maps(catalog, {"documents": documents,
                                                  "country_objective_matrix": coverage.matrix},
                                        settings.regions, settings.report_language)
                tables = compile_tables(documents, passages, tags,
                                        settings.evidence_per_objective, coverage)
            except Exception:
                # Compiled before the reviews' checks, so that the export process starts early:
                # when compiling fails, a broken contract is the clearer error to stop with.
                validate_reviews(documents, passages, tags)
                raise
            frames = {"documents": documents, "passages": passages, "tags": tags,
                      "quarantine": quarantine, "analyst_decisions": corrected.decisions,
                      **tables}
            exporter.render_workbooks(frames, settings.report_language)
            progress.stage("validating")
            findings += validate_reviews(documents, passages, tags)
            findings += validate_compilation(tables, documents, passages, tags)
            progress.stage("writing reports")
            saving: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=1)
            with saving as beside:
                # The datasets are written (Arrow and Parquet, mostly outside the interpreter's
                # lock) while the charts and reports are drawn; each file is written atomically.
                saved = beside.submit(save_datasets, {"catalog": catalog, "frames": frames,
                                                      "findings": findings})
                # Then the Data Docs, every check having run, while this thread waits for the
                # export process.
                docs_built = beside.submit(build_validation_docs, {"catalog": catalog})
                reports: list[Path] = publish_reports(catalog, frames, findings,
                                                      settings.regions, settings.report_language,
                                                      exporter)
                saved.result()
                docs_built.result()
        progress.stage("publishing")
        publish_artifacts(frames, reports, settings.regions)
    finally:
        # A run stopped earlier (a breach, an error) still documents the checks that ran.
        if docs_built is None:
            build_validation_docs(catalog)
    counts = {"documents": len(documents), "passages": len(passages), "tags": len(tags),
              "quarantined": len(quarantine), "reports": len(reports)}
    manifest = catalog.path("manifest")
    # Every file the run wrote, so a rerun can check them.
    outputs = output_hashes([catalog.processed_dir, catalog.reports_dir], manifest)
    published = Catalog.under(catalog.input_dir, catalog.output_dir)
    write_json(build_manifest(plan.input_files, documents, quarantine, counts, inputs,
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
    (``tcp://host:port``), or to a local cluster of two worker processes. With the process pool
    and Dask, reviews already processed are answered from threads of the flow's process; only
    the others go to the workers. The workers must share the output folder's file system: the
    tasks write their shards there.
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
