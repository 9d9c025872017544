"""The flow gives the same datasets on every task runner: threads and a two-worker Dask cluster
against the default pool of worker processes."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
DATASETS = ("documents", "passages", "tags", "quarantine", "country_objective_matrix",
            "objective_totals", "round_table_evidence", "principle_matrix", "coverage_gaps")


@pytest.mark.parametrize("runner", ["threads", "dask"])
def test_a_run_on_another_task_runner_matches_the_default_run(sample_run, tmp_path, runner,
                                                             review_task_states):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import with_task_runner

    default_out, _ = sample_run
    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    # A new output folder has an empty review store: every review is read on this runner.
    state = with_task_runner(runner)(
        RunSettings(input_dir=input_dir, output_dir=tmp_path / "out"), return_state=True)
    states = review_task_states(state)
    assert len(states) >= 16 and set(states.values()) == {"Completed"}
    for name in DATASETS:
        expected = pd.read_parquet(default_out / "data" / "processed" / f"{name}.parquet")
        got = pd.read_parquet(tmp_path / "out" / "data" / "processed" / f"{name}.parquet")
        pd.testing.assert_frame_equal(got, expected, check_like=False, obj=name)
