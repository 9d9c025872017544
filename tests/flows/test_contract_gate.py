"""A compiled table that breaks its contract stops the run before anything is published."""

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.slow


def _published(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_broken_compiled_table_stops_the_run_and_the_previous_tables_stay(
        sample_run, tmp_path, monkeypatch):
    from imrf_analysis import compilation
    from imrf_analysis.runs.settings import RunSettings
    from imrf_analysis.validation import DataContractError
    from pipelines.compile_flow import regional_compilation

    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    output_dir = tmp_path / "out"
    settings = RunSettings(input_dir=input_dir, output_dir=output_dir, regions=("ECA",))
    regional_compilation(settings)
    folder = output_dir / "reports" / "2026"
    before = _published(folder)
    assert "compilation.xlsx" in before and "objective_totals.csv" in before

    compile_tables = compilation.compile_tables

    def with_objective_24(*args, **kwargs):  # a fault in the compilation
        tables = compile_tables(*args, **kwargs)
        totals = tables["objective_totals"].copy()
        totals.loc[totals.index[0], "objective"] = 24
        return {**tables, "objective_totals": totals}

    monkeypatch.setattr(compilation, "compile_tables", with_objective_24)
    (output_dir / "data" / "processed" / "run_manifest.json").unlink()  # compile again
    with pytest.raises(DataContractError, match="objective"):
        regional_compilation(settings)
    # The tables were being rendered while the gate ran: none of them was written.
    assert _published(folder) == before
