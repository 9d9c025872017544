"""The flow on a two-worker Dask cluster gives the same datasets as the default run."""

import shutil

import pandas as pd
import pytest

from tests.flows.conftest import REPO

pytestmark = pytest.mark.slow
DATASETS = ("documents", "passages", "tags", "quarantine", "country_objective_matrix",
            "objective_totals", "round_table_evidence", "principle_matrix", "coverage_gaps")


def test_dask_local_cluster_run_matches_the_default_run(sample_run, tmp_path):
    from imrf_analysis.settings import RunSettings
    from pipelines.compile_flow import with_task_runner

    default_out, _ = sample_run
    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    dask_flow = with_task_runner("dask")
    dask_flow(RunSettings(input_dir=input_dir, output_dir=tmp_path / "out"))
    for name in DATASETS:
        expected = pd.read_parquet(default_out / "data" / "processed" / f"{name}.parquet")
        got = pd.read_parquet(tmp_path / "out" / "data" / "processed" / f"{name}.parquet")
        pd.testing.assert_frame_equal(got, expected, check_like=False, obj=name)
