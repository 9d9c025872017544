"""A rerun reads and tags only the reviews that are new: the others come from the task cache."""

import csv
import dataclasses
import shutil

import pandas as pd
import pytest

from imrf_analysis.samples import SAMPLE_REVIEWS, render_review
from tests.flows.conftest import REPO

pytestmark = pytest.mark.slow


def _review_task_states(state) -> dict[str, str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    flow_run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return {run.name: run.state.name for run in runs
            if run.name.startswith(("process-", "reuse-processed-reviews"))}


def _submit_new_version(input_dir, iso3: str, file: str, date: str):
    """Add a new version of sample country ``iso3``'s review to ``input_dir`` and its register.

    Returns:
        The sample review it replaces and the new one's spec.
    """
    original = next(s for s in SAMPLE_REVIEWS if s.country_iso3 == iso3)
    spec = dataclasses.replace(original, file=file, date=date)
    (input_dir / spec.file).write_bytes(render_review(spec))
    with (input_dir / "register.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow([spec.file, iso3, "2026", "national-review", "en",
                                     spec.date])
    return original, spec


def test_adding_a_new_version_processes_only_that_review_and_supersedes_the_old(
        sample_run, tmp_path):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    first = regional_compilation(RunSettings(input_dir=input_dir, output_dir=tmp_path / "a"),
                                 return_state=True)
    # The session's run filled the task cache: every review is answered from it, in one task.
    assert _review_task_states(first) == {"reuse-processed-reviews": "Completed"}

    original, spec = _submit_new_version(input_dir, "GHA", "ghana-vnr-gcm-2026-v2.docx",
                                         "2026-03-01")
    second = regional_compilation(RunSettings(input_dir=input_dir, output_dir=tmp_path / "b"),
                                  return_state=True)
    assert _review_task_states(second) == {"reuse-processed-reviews": "Completed",
                                           f"process-{spec.file}": "Completed"}
    documents = pd.read_parquet(tmp_path / "b" / "data" / "processed" / "documents.parquet")
    versions = documents.set_index("file")
    new_id = versions.loc[spec.file, "document_id"]
    assert versions.loc[original.file, "superseded_by"] == new_id  # the newer version counts
    assert pd.isna(versions.loc[spec.file, "superseded_by"])


def test_report_links_to_the_validation_data_docs(sample_run):
    out, reports = sample_run
    assert (out / "reports" / "validation" / "index.html").exists()
    assert 'href="../validation/index.html"' in reports[0].read_text()


def test_a_rerun_with_nothing_changed_keeps_the_outputs(sample_run, tmp_path):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    settings = RunSettings(input_dir=input_dir, output_dir=tmp_path / "out", regions=("ECA",))
    reports = regional_compilation(settings)
    written = reports[0].stat().st_mtime_ns
    again = regional_compilation(settings, return_state=True)
    assert _review_task_states(again) == {}
    assert again.result() == reports
    assert reports[0].stat().st_mtime_ns == written


def test_a_rerun_rebuilds_outputs_deleted_or_altered_since_the_last_run(sample_run, tmp_path):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    settings = RunSettings(input_dir=input_dir, output_dir=tmp_path / "out", regions=("ECA",))
    reports = regional_compilation(settings)
    processed = tmp_path / "out" / "data" / "processed"
    passages = (processed / "passages.parquet").read_bytes()
    docx = next(path for path in reports[0].parent.rglob("*.docx"))
    (processed / "passages.parquet").write_bytes(passages[: len(passages) // 2])
    docx.unlink()
    again = regional_compilation(settings, return_state=True)
    assert again.result() == reports
    assert (processed / "passages.parquet").read_bytes() == passages
    assert docx.is_file()


def test_a_review_whose_shards_were_deleted_is_processed_again(sample_run, tmp_path):
    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    from imrf_analysis import ingest
    from imrf_analysis.runs.settings import RunSettings
    from imrf_analysis.store import fingerprint
    from imrf_analysis.store import reviews as review_shards
    from pipelines.compile_flow import regional_compilation

    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    settings = RunSettings(input_dir=input_dir, output_dir=tmp_path / "out", regions=("ECA",))
    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):
        regional_compilation(settings)  # the shards are written under this output folder
    ghana = next(review for review in ingest.plan_ingest(input_dir).reviews
                 if review.entry.country_iso3 == "GHA")
    shard_dir = tmp_path / "out" / "data" / "cache" / "reviews"
    for path in review_shards.shard_paths(shard_dir, fingerprint.review_cache_key(ghana)):
        path.unlink()
    # Inputs must change for the run to compile at all: a new version of Kenya's review.
    _, spec = _submit_new_version(input_dir, "KEN", "kenya-vnr-gcm-2026-v2.docx", "2026-03-02")
    state = regional_compilation(settings, return_state=True)
    assert _review_task_states(state) == {"reuse-processed-reviews": "Completed",
                                          f"process-{ghana.entry.file}": "Completed",
                                          f"process-{spec.file}": "Completed"}
    documents = pd.read_parquet(tmp_path / "out" / "data" / "processed" / "documents.parquet")
    assert ghana.entry.file in set(documents["file"])
