import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """A real, temporary Prefect API (SQLite) for the whole session, isolated from ~/.prefect."""
    os.environ.setdefault("PREFECT_HOME", str(tmp_path_factory.mktemp("prefect-home")))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_run(prefect_harness, tmp_path_factory):
    """Run the regional compilation flow once on a copy of the bundled sample."""
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    root = tmp_path_factory.mktemp("run")
    input_dir = root / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    reports = regional_compilation(RunSettings(input_dir=input_dir, output_dir=root / "out"))
    return root / "out", reports


@pytest.fixture
def sample_copy(sample_run, tmp_path):
    """A copy of the bundled sample's input folder, and an output folder beside it.

    The output folder's review store holds the session run's reviews, so a run there reads and
    tags only the reviews that are new or changed, as a scheduled rerun would.

    Returns:
        The input folder (with its ``register.csv``) and the output folder.
    """
    input_dir, output_dir = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    store = Path("data") / "cache" / "reviews"
    shutil.copytree(sample_run[0] / store, output_dir / store)
    return input_dir, output_dir


@pytest.fixture(scope="session")
def review_task_states(prefect_harness):
    """Return a function giving a flow run's per-review task runs: {task run name: state}."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    def states(flow_state) -> dict[str, str]:
        flow_run_id = flow_state.state_details.flow_run_id
        with get_client(sync_client=True) as client:
            runs = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
        return {run.name: run.state.name for run in runs if run.name.startswith("process-")}

    return states
