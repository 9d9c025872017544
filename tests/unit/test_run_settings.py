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


def test_runs_from_the_command_send_no_heartbeats_unless_the_setting_is_given(monkeypatch):
    from prefect.settings import get_current_settings

    from pipelines.cli import flow_run_heartbeats

    monkeypatch.delenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", raising=False)
    assert get_current_settings().flows.heartbeat_frequency is not None  # Prefect's default
    with flow_run_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency is None
    # Given in the environment (read by Prefect as the process starts), it is left as it is.
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "60")
    outside = get_current_settings().flows.heartbeat_frequency
    with flow_run_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency == outside is not None
