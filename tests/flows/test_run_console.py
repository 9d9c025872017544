"""`imrf run` as an operator runs it: a clean console with its progress, details in a log file."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imrf_analysis.store.catalog import Catalog, output_lock

REPO = Path(__file__).resolve().parents[2]
IMRF = Path(sys.executable).with_name("imrf")
REVIEWS = ("kenya-gcm-review-2026.pdf", "senegal-rapport-pmm-2026.pdf")
# A review saved as Windows-1252 text, as an older word processor saves it.
LEGACY_TEXT = ("france-examen-pmm-2026.txt",
               "Examen national volontaire de la France sur le Pacte mondial pour des migrations "
               "sûres, ordonnées et régulières\n\n"
               "Le Gouvernement a renforcé l’accès des personnes migrantes aux services de santé "
               "— notamment les femmes enceintes et les enfants.\n\n"
               "Les envois de fonds des travailleurs migrants coûtent désormais moins cher grâce "
               "aux virements mobiles.\n")


def _small_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    with (REPO / "data" / "raw" / "register.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["file"] in REVIEWS]
    rows.append({"file": LEGACY_TEXT[0], "country_iso3": "FRA", "cycle": "2026",
                 "document_kind": "national-review", "language": "fr", "date": "2025-12-01"})
    with (folder / "register.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for name in REVIEWS:
        shutil.copy(REPO / "data" / "raw" / name, folder / name)
    (folder / LEGACY_TEXT[0]).write_bytes(LEGACY_TEXT[1].encode("cp1252"))
    return folder


def _imrf_run(input_dir: Path, output_dir: Path, home: Path) -> subprocess.CompletedProcess[str]:
    # Its own Prefect home and temporary server, as on an operator's machine; stdout and stderr
    # are pipes, not a terminal.
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": "",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run([str(IMRF), "run", "--input", str(input_dir), "--output",
                           str(output_dir)], env=env, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    root = tmp_path_factory.mktemp("small-run")
    result = _imrf_run(_small_folder(root / "raw"), root / "out", root / "prefect")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "out", result.stdout, result.stderr


def test_the_run_s_details_are_in_its_log_file_which_the_summary_names(small_run):
    out, stdout, _ = small_run
    logs = sorted((out / "logs").glob("run-*.log"))
    assert len(logs) == 1
    named = re.findall(r"^Log: (.+)$", stdout, flags=re.MULTILINE)
    assert named == [str(logs[0])]
    text = logs[0].read_text(encoding="utf-8")
    # The flow's and its tasks' log lines, from this process and from the review workers.
    assert "Beginning flow run" in text
    assert "reviews read and tagged: 3 of 3" in text
    assert re.search(r"SpawnProcess-\d+ \| prefect\.task_runs \| task run "
                     r"'process-kenya-gcm-review-2026\.pdf' - Finished in state Completed", text)
    assert "compiled {'documents': 3" in text
    assert "france-examen-pmm-2026.txt: not UTF-8, read as cp1252" in text
    # Written outside the published compilation: it is no link into .compilations.
    assert not logs[0].resolve().is_relative_to((out / ".compilations").resolve())


def test_the_console_shows_the_progress_and_the_summary_only(small_run):
    _, stdout, stderr = small_run
    console = stdout + stderr
    assert "Traceback" not in console
    assert not re.search(r"warning", console, flags=re.IGNORECASE), console
    # Not a terminal: a plain line per stage and the review count.
    lines = stderr.splitlines()
    assert lines == ["planning...", "reading and tagging: 3 reviews",
                     "reviews read and tagged: 1 of 3", "reviews read and tagged: 2 of 3",
                     "reviews read and tagged: 3 of 3",
                     "validating...", "compiling...", "writing reports...", "publishing..."]
    # stdout is the summary, then the reports; nothing after them.
    assert stdout.startswith("Compiled 3 of 3 files")
    assert re.search(r"^Log: .*\nReports:\n(  \S+\.html\n)+\Z", stdout, flags=re.MULTILINE)


def test_the_documents_dataset_records_the_encoding_of_the_text_review(small_run):
    import pandas as pd

    out, _, _ = small_run
    documents = pd.read_parquet(out / "data" / "processed" / "documents.parquet")
    encodings = dict(zip(documents["file"], documents["text_encoding"], strict=True))
    assert encodings == {"france-examen-pmm-2026.txt": "cp1252",
                         "kenya-gcm-review-2026.pdf": "", "senegal-rapport-pmm-2026.pdf": ""}


def test_reviews_the_store_already_holds_are_said_so(small_run):
    out, _, _ = small_run
    root = out.parent  # the same reviews, another output folder holding the same review store
    store = Path("data") / "cache" / "reviews"
    shutil.copytree(out / store, root / "second-out" / store)
    result = _imrf_run(root / "raw", root / "second-out", root / "prefect")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stderr.splitlines()[:3] == [
        "planning...", "reading and tagging: 3 reviews",
        "reading and tagging: 3 of 3 reviews already read, 0 to read"]
    assert "reviews read and tagged" not in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("Compiled 3 of 3 files")


def test_a_run_that_cannot_start_names_its_log_in_its_error_line(tmp_path):
    reviews = _small_folder(tmp_path / "raw")
    out = tmp_path / "out"
    with output_lock(Catalog.under(reviews, out)):  # another run holds the output folder
        result = _imrf_run(reviews, out, tmp_path / "prefect")
    assert result.returncode == 1
    [log] = (out / "logs").glob("run-*.log")
    assert result.stderr.splitlines()[-1] == (
        f"error: {out}: another run (process {os.getpid()}) is writing this output folder; "
        f"wait for it to end, or give another --output (log: {log})")
    assert "another run" in log.read_text(encoding="utf-8")
    assert "Traceback" not in result.stdout + result.stderr


def test_a_failed_run_s_error_line_names_the_log_holding_its_traceback(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import pipelines.compile_flow as compile_flow
    from imrf_analysis.runs import run_log
    from pipelines.cli import app

    def failing_flow(settings):  # noqa: ANN001, ANN202 - stands for a run a contract stopped
        raise RuntimeError("objective_totals failed expect_column_values_to_be_between")

    monkeypatch.setattr(compile_flow, "with_task_runner", lambda *args: failing_flow)
    out = tmp_path / "out"
    try:
        result = CliRunner().invoke(app, ["run", "--input", str(REPO / "data" / "raw"),
                                          "--output", str(out)])
    finally:
        run_log.stop_recording()
    assert result.exit_code == 1
    [log] = (out / "logs").glob("run-*.log")
    assert (f"error: the run failed (RuntimeError: objective_totals failed "
            f"expect_column_values_to_be_between); details in {log}") in result.output
    text = log.read_text(encoding="utf-8")
    assert "the run failed" in text and "Traceback" in text and "failing_flow" in text
    assert run_log.LOG_FILE_VARIABLE not in os.environ


def test_a_run_keeps_its_last_twenty_logs(tmp_path):
    from imrf_analysis.runs.run_log import KEEP_LOGS, new_log_file

    logs = tmp_path / "logs"
    made = []
    for _ in range(KEEP_LOGS + 3):
        made.append(new_log_file(logs))
        made[-1].write_text("a run\n", encoding="utf-8")
    assert set(logs.glob("run-*.log")) == set(made[-KEEP_LOGS:])
