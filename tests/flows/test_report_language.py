"""`imrf run --lang fr` writes the French edition of the reports through the whole flow."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imrf_analysis.reference import gcm
from pipelines.cli import app

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_imrf_run_with_lang_fr_writes_french_reports_and_charts(sample_run, tmp_path):
    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    result = CliRunner().invoke(app, ["run", "--input", str(input_dir), "--output",
                                      str(tmp_path / "out"), "--region", "ECE", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    cycle = tmp_path / "out" / "reports" / "2026"
    assert (cycle / "synthesis-ECE-fr.docx").is_file()
    assert (cycle / "charts" / "coverage-ECE-fr.svg").is_file()
    assert not (cycle / "synthesis-ECE.html").exists()
    html = (cycle / "synthesis-ECE-fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert gcm.objective(2).title["fr"] in html
    assert gcm.objective(2).title["en"] not in html
