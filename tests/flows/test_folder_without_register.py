"""A folder of review files with no register.csv is compiled; what was found is written down."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.slow


def test_a_folder_without_a_register_is_compiled_and_its_register_inferred(prefect_harness,
                                                                          tmp_path):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    folder = tmp_path / "reviews"
    folder.mkdir()
    for name in ("kenya-gcm-review-2026.pdf", "maroc-examen-volontaire-2026.docx"):
        shutil.copy(REPO / "data" / "raw" / name, folder / name)
    # Named for nobody: its title page says whose it is.
    shutil.copy(REPO / "data" / "raw" / "senegal-rapport-pmm-2026.pdf", folder / "final.pdf")
    (folder / "notes-2026.md").write_text("# Notes\n\nMeeting notes without a country.\n",
                                          encoding="utf-8")
    out = tmp_path / "out"
    reports = regional_compilation(RunSettings(input_dir=folder, output_dir=out))
    assert reports
    inferred = pd.read_csv(out / "data" / "processed" / "register.inferred.csv", dtype=str,
                           keep_default_na=False).set_index("file")
    assert inferred.loc["kenya-gcm-review-2026.pdf", ["country_iso3", "cycle", "found_from"]
                        ].tolist() == ["KEN", "2026", "file name"]
    assert inferred.loc["maroc-examen-volontaire-2026.docx", "country_iso3"] == "MAR"
    assert inferred.loc["final.pdf", ["country_iso3", "found_from"]].tolist() == [
        "SEN", "title page"]
    assert inferred.loc["notes-2026.md", "country_iso3"] == ""
    assert inferred.loc["notes-2026.md", "found_from"].startswith("not found: ")
    # Saved as the register (less the column saying how), the next run uses it as given.
    inferred.drop(columns="found_from").drop(index="notes-2026.md").to_csv(
        folder / "register.csv")
    regional_compilation(RunSettings(input_dir=folder, output_dir=out))
    documents = pd.read_parquet(out / "data" / "processed" / "documents.parquet")
    assert set(documents["metadata_source"]) == {"register"}
    again = pd.read_csv(out / "data" / "processed" / "register.inferred.csv", dtype=str)
    assert again["file"].tolist() == ["notes-2026.md"]  # still nobody's


def test_imrf_run_does_not_stop_at_a_missing_register(tmp_path):
    from typer.testing import CliRunner

    from pipelines.cli import app

    (tmp_path / "reviews").mkdir()
    (tmp_path / "blocker").write_text("a file where the output folder should be")
    result = CliRunner().invoke(app, ["run", "--input", str(tmp_path / "reviews"),
                                      "--output", str(tmp_path / "blocker")])
    # The checks before any work pass the register (there is none) and stop at the output.
    assert result.exit_code == 1
    assert "the output folder cannot be written" in result.output
    assert "register" not in result.output
