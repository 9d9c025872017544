"""A rerun reads and tags only the reviews that are new or changed: the others come from the
output folder's review store; nothing changed, nothing is redone."""

import csv
import dataclasses

import pandas as pd
import pytest

from imrf_analysis.samples import SAMPLE_REVIEWS, render_review

pytestmark = pytest.mark.slow


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
        sample_copy, review_task_states):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    input_dir, out = sample_copy
    settings = RunSettings(input_dir=input_dir, output_dir=out)
    first = regional_compilation(settings, return_state=True)
    # The store holds every review: none is read again.
    assert review_task_states(first) == {}

    original, spec = _submit_new_version(input_dir, "GHA", "ghana-vnr-gcm-2026-v2.docx",
                                         "2026-03-01")
    second = regional_compilation(settings, return_state=True)
    assert review_task_states(second) == {f"process-{spec.file}": "Completed"}
    documents = pd.read_parquet(out / "data" / "processed" / "documents.parquet")
    versions = documents.set_index("file")
    new_id = versions.loc[spec.file, "document_id"]
    assert versions.loc[original.file, "superseded_by"] == new_id  # the newer version counts
    assert pd.isna(versions.loc[spec.file, "superseded_by"])


def test_report_links_to_the_validation_data_docs(sample_run):
    out, reports = sample_run
    assert (out / "reports" / "validation" / "index.html").exists()
    assert 'href="../validation/index.html"' in reports[0].read_text()


def test_a_rerun_with_nothing_changed_keeps_the_outputs(sample_copy, review_task_states):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    input_dir, out = sample_copy
    settings = RunSettings(input_dir=input_dir, output_dir=out, regions=("ECA",))
    reports = regional_compilation(settings)
    written = reports[0].stat().st_mtime_ns
    again = regional_compilation(settings, return_state=True)
    assert review_task_states(again) == {}
    assert again.result() == reports
    assert reports[0].stat().st_mtime_ns == written


def test_a_rerun_rebuilds_outputs_deleted_or_altered_since_the_last_run(sample_copy):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    input_dir, out = sample_copy
    settings = RunSettings(input_dir=input_dir, output_dir=out, regions=("ECA",))
    reports = regional_compilation(settings)
    processed = out / "data" / "processed"
    passages = (processed / "passages.parquet").read_bytes()
    docx = next(path for path in reports[0].parent.rglob("*.docx"))
    (processed / "passages.parquet").write_bytes(passages[: len(passages) // 2])
    docx.unlink()
    again = regional_compilation(settings, return_state=True)
    assert again.result() == reports
    assert (processed / "passages.parquet").read_bytes() == passages
    assert docx.is_file()


def test_a_review_missing_from_the_store_is_read_again_and_unused_entries_go(
        sample_copy, review_task_states):
    from imrf_analysis import ingest
    from imrf_analysis.runs.settings import RunSettings
    from imrf_analysis.store.reviews import ReviewStore
    from pipelines.compile_flow import regional_compilation

    input_dir, out = sample_copy
    store = ReviewStore(out / "data" / "cache" / "reviews")
    reviews = {review.entry.country_iso3: review
               for review in ingest.plan_ingest(input_dir).reviews}
    ghana, kenya = reviews["GHA"], reviews["KEN"]
    (store.entry(ghana) / "tags.parquet").unlink()  # an entry missing a table is no entry
    kenya_entry = store.entry(kenya)
    # Kenya's review is withdrawn: the file leaves the folder (its register row stays).
    (input_dir / kenya.entry.file).unlink()
    state = regional_compilation(RunSettings(input_dir=input_dir, output_dir=out),
                                 return_state=True)
    assert review_task_states(state) == {f"process-{ghana.entry.file}": "Completed"}
    documents = pd.read_parquet(out / "data" / "processed" / "documents.parquet")
    assert ghana.entry.file in set(documents["file"])
    assert kenya.entry.file not in set(documents["file"])
    assert store.get(ghana) is not None
    # The withdrawn review's entry is gone; every other review's is kept for the next run.
    assert kenya_entry.parent.is_dir() and not kenya_entry.exists()
    assert len(list(store.folder.glob("*/*"))) == len(reviews) - 1
