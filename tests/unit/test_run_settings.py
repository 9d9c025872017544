"""Run settings: the report language is one of the supported ones, from the CLI or a deployment."""

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from imrf_analysis.runs.settings import RunSettings
from pipelines.cli import app


def test_report_language_defaults_to_english_and_accepts_french_and_spanish():
    assert RunSettings().report_language == "en"
    assert RunSettings(report_language="fr").report_language == "fr"
    # A deployment passes its parameters as JSON-like values.
    assert RunSettings.model_validate({"report_language": "es"}).report_language == "es"


def test_an_unsupported_report_language_is_rejected():
    with pytest.raises(ValidationError, match="report_language"):
        RunSettings(report_language="de")


def test_run_rejects_an_unsupported_lang_option_before_running(tmp_path):
    result = CliRunner().invoke(app, ["run", "--input", str(tmp_path), "--lang", "de"])
    assert result.exit_code != 0
    assert "report_language" in result.output


def test_run_rejects_an_unknown_task_runner(tmp_path):
    result = CliRunner().invoke(app, ["run", "--input", str(tmp_path), "--task-runner", "gpu"])
    assert result.exit_code != 0
    assert "unknown task runner" in result.output
