"""A second run into an output folder a run is writing stops before touching anything."""

import shutil
from pathlib import Path

import pytest

from imrf_analysis.store.catalog import Catalog, OutputLockedError, output_lock

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_run_into_a_folder_another_run_holds_stops_and_writes_nothing(prefect_harness,
                                                                       tmp_path):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    shutil.copytree(REPO / "data" / "raw", tmp_path / "raw")
    settings = RunSettings(input_dir=tmp_path / "raw", output_dir=tmp_path / "out")
    with output_lock(Catalog.under(tmp_path / "raw", tmp_path / "out")):
        with pytest.raises(OutputLockedError, match="another run"):
            regional_compilation(settings)
    written = [p.name for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert written == [".run.lock"]
