"""`imrf evaluate` compares the tagger with its baselines; `imrf train` checks its options."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app

GOLD = [
    {"text": "Remittance costs fell thanks to mobile money.", "language": "en",
     "objectives": [20], "guiding_principles": []},
    {"text": "Les envois de fonds des migrants coûtent moins cher.", "language": "fr",
     "objectives": [20], "guiding_principles": []},
    {"text": "La trata de personas se combate con un plan nacional.", "language": "es",
     "objectives": [10], "guiding_principles": ["human-rights"]},
]


@pytest.mark.slow  # reads several reviews for real (seconds): make test
def test_evaluate_prints_ours_beside_the_baselines_and_writes_them(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(row) for row in GOLD), encoding="utf-8")
    out = tmp_path / "metrics.json"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("combined (ours)", "rules only", "classifier only", "encoder only",
                 "title keywords", "tf-idf + logreg", "language=fr", "language=es"):
        assert name in result.output
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["rows"] == 3
    assert set(metrics["comparison"]) == {"combined (ours)", "rules only", "classifier only",
                                          "encoder only", "title keywords", "tf-idf + logreg"}
    assert metrics["objectives"]["top1"]["accuracy"] == 1.0


def test_train_refuses_an_unknown_layout(tmp_path):
    result = CliRunner().invoke(app, ["train", "--layout", "by-region", "-o",
                                      str(tmp_path / "m")])
    assert result.exit_code != 0
    assert "by-region" in result.output


def test_train_names_a_missing_passages_file(tmp_path):
    missing = tmp_path / "passages.parquet"
    result = CliRunner().invoke(app, ["train", "--passages", str(missing), "-o",
                                      str(tmp_path / "m")])
    assert result.exit_code != 0
    assert "no such passages file" in result.output
    assert not (tmp_path / "m").exists()


def test_run_stops_before_any_work_when_the_output_cannot_be_written_or_the_register_is_bad(
        tmp_path):
    import time

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    started = time.monotonic()
    sample = Path(__file__).resolve().parents[2] / "data" / "raw"
    result = CliRunner().invoke(app, ["run", "--input", str(sample), "--output", str(blocker)])
    assert result.exit_code == 1
    assert "a-file: the output folder cannot be written" in result.output
    empty = tmp_path / "reviews"
    empty.mkdir()
    result = CliRunner().invoke(app, ["run", "--input", str(empty), "--output",
                                      str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "reviews: no review file and no register.csv in the folder" in result.output
    assert "Traceback" not in result.output
    assert time.monotonic() - started < 20  # no Prefect server was started


def test_a_failed_run_says_the_published_compilation_is_unchanged_and_where_its_output_is(
        tmp_path, monkeypatch):
    import pipelines.compile_flow as compile_flow

    out = tmp_path / "out"

    def failing_flow(settings):  # noqa: ANN001, ANN202 - stands for a run a contract stopped
        (out / "failed-run").mkdir(parents=True)
        raise RuntimeError("objective_totals failed expect_column_values_to_be_between")

    monkeypatch.setattr(compile_flow, "with_task_runner", lambda *args: failing_flow)
    sample = Path(__file__).resolve().parents[2] / "data" / "raw"
    result = CliRunner().invoke(app, ["run", "--input", str(sample), "--output", str(out)])
    assert result.exit_code == 1
    assert "error: the run failed (RuntimeError: objective_totals failed" in result.output
    assert f"The compilation published in {out} is unchanged." in result.output
    assert f"What this run wrote, with its checks, is in {out / 'failed-run'}" in result.output
