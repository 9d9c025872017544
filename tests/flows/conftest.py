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
