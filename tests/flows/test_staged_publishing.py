"""A run killed or failing at any point leaves one whole compilation; the next run repairs.

Each faulty run is a real ``regional_compilation`` in its own process, on three reviews of the
sample, against the session's Prefect server; it kills itself (SIGKILL, as an operator or the
out-of-memory killer would) at one point of its work: while reading reviews, while writing its
reports, just before and just after it swaps the published compilation.
"""

import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]

REVIEWS = ("kenya-gcm-review-2026.pdf", "ghana-vnr-gcm-2026.docx", "senegal-rapport-pmm-2026.pdf")

# The faulty run: arguments are the input folder, the output folder, the region and the fault.
FAULTY_RUN = """
import os, signal, sys
from pathlib import Path

from imrf_analysis.reporting import publish
from imrf_analysis.store.reviews import ReviewStore
from imrf_analysis.store import staging
from imrf_analysis.runs.settings import RunSettings
from pipelines.compile_flow import with_task_runner

input_dir, output_dir, region, fault = sys.argv[1:]


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def on_call(module, name, number, after=False):
    original, calls = getattr(module, name), []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == number and not after:
            die()
        result = original(*args, **kwargs)
        if len(calls) == number and after:
            die()
        return result
    setattr(module, name, wrapper)


if fault == "reading reviews":
    on_call(ReviewStore, "put", 2)
elif fault == "writing reports":
    on_call(publish, "write_html", 3)
elif fault == "before the swap":
    original_point = staging._point
    staging._point = lambda link, target: (die() if link.name == staging.CURRENT
                                           else original_point(link, target))
elif fault == "after the swap":
    on_call(staging, "_link_published", 1)
with_task_runner("threads")(RunSettings(input_dir=Path(input_dir), output_dir=Path(output_dir),
                                        regions=(region,)))
"""


def _input(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    with (REPO / "data" / "raw" / "register.csv").open(encoding="utf-8") as source:
        rows = [row for row in csv.DictReader(source) if row["file"] in REVIEWS]
    with (folder / "register.csv").open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for name in REVIEWS:
        shutil.copy(REPO / "data" / "raw" / name, folder / name)
    return folder


def _whole_compilation(out):
    """Return the published files' digests after checking they are exactly one compilation."""
    manifest = out / "data" / "processed" / "run_manifest.json"
    listed = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
    found = {}
    for folder in (out / "data" / "processed", out / "reports"):
        for path in folder.rglob("*"):
            if path.is_file() and path != manifest:
                found[os.path.relpath(path, manifest.parent)] = hashlib.sha256(
                    path.read_bytes()).hexdigest()
    assert found == listed  # every file of the manifest, intact, and no other
    return found


def _run_killed(input_dir, out, region, fault):
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-c", FAULTY_RUN, str(input_dir), str(out), region,
                          fault], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == -signal.SIGKILL, run.stderr[-3000:]


def test_a_run_killed_anywhere_leaves_one_whole_compilation_and_the_next_run_repairs(
        prefect_harness, tmp_path):
    from imrf_analysis.runs.settings import RunSettings
    from imrf_analysis.store.staging import COMPILATIONS
    from pipelines.compile_flow import regional_compilation

    input_dir, out = _input(tmp_path), tmp_path / "out"
    regional_compilation(RunSettings(input_dir=input_dir, output_dir=out, regions=("ECA",)))
    first = _whole_compilation(out)
    # Another region makes another compilation, so each faulty run has everything to write.
    for fault in ("reading reviews", "writing reports", "before the swap"):
        if fault == "reading reviews":  # every review to read again, as after an upgrade
            shutil.rmtree(out / "data" / "cache" / "reviews")
        _run_killed(input_dir, out, "GLOBAL", fault)
        assert _whole_compilation(out) == first, fault
    _run_killed(input_dir, out, "GLOBAL", "after the swap")
    second = _whole_compilation(out)
    assert second != first and any("GLOBAL" in name for name in second)

    # The next run publishes a whole compilation and removes what the killed runs left.
    reports = regional_compilation(RunSettings(input_dir=input_dir, output_dir=out,
                                               regions=("ECE",)))
    third = _whole_compilation(out)
    assert all(path.is_file() and path.is_relative_to(out / "reports") for path in reports)
    assert any("ECE" in name for name in third)
    kept = [p for p in (out / COMPILATIONS).iterdir() if not p.is_symlink()]
    assert len(kept) == 2  # the published compilation and the one before it


def test_a_run_out_of_disk_space_leaves_the_previous_compilation(prefect_harness, tmp_path,
                                                                 monkeypatch):
    from imrf_analysis.reporting import publish
    from imrf_analysis.runs.settings import RunSettings
    from imrf_analysis.store.staging import FAILED_RUN
    from pipelines.compile_flow import regional_compilation

    input_dir, out = _input(tmp_path), tmp_path / "out"
    regional_compilation(RunSettings(input_dir=input_dir, output_dir=out, regions=("ECA",)))
    first = _whole_compilation(out)
    write_html, written = publish.write_html, []

    def disk_full_at_the_second_report(*args, **kwargs):
        if written:
            raise OSError(28, "No space left on device")
        written.append(write_html(*args, **kwargs))
        return written[-1]

    monkeypatch.setattr(publish, "write_html", disk_full_at_the_second_report)
    with pytest.raises(OSError, match="No space left on device"):
        regional_compilation(RunSettings(input_dir=input_dir, output_dir=out,
                                         regions=("GLOBAL",)))
    assert _whole_compilation(out) == first
    # What the failed run wrote stays apart, with the Data Docs of the checks it ran.
    assert (out / FAILED_RUN / "reports" / "validation" / "index.html").is_file()
