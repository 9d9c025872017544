"""The flow gives the same datasets on every task runner: threads and a two-worker Dask cluster
against the default pool of worker processes."""

import shutil

import pandas as pd
import pytest

from tests.flows.conftest import REPO
from tests.flows.test_incremental import _review_task_states

pytestmark = pytest.mark.slow
DATASETS = ("documents", "passages", "tags", "quarantine", "country_objective_matrix",
            "objective_totals", "round_table_evidence", "principle_matrix", "coverage_gaps")


@pytest.mark.parametrize("runner", ["threads", "dask"])
def test_a_run_on_another_task_runner_matches_the_default_run(sample_run, tmp_path, runner):
    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import with_task_runner

    default_out, _ = sample_run
    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    # Every review is read and tagged again on this runner, not taken from the task cache.
    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):
        state = with_task_runner(runner)(
            RunSettings(input_dir=input_dir, output_dir=tmp_path / "out"), return_state=True)
    states = _review_task_states(state)
    assert len(states) >= 16 and set(states.values()) == {"Completed"}
    for name in DATASETS:
        expected = pd.read_parquet(default_out / "data" / "processed" / f"{name}.parquet")
        got = pd.read_parquet(tmp_path / "out" / "data" / "processed" / f"{name}.parquet")
        pd.testing.assert_frame_equal(got, expected, check_like=False, obj=name)
