"""The bundled sample compiles to the same bytes: datasets, tables, charts, review sheets and
reports (HTML and Word), file by file.

A change of the code that is meant to change no output (a restructuring, a speed-up) must keep
this test green. A change meant to change outputs regenerates the expected digests, and the
commit says why:

    IMRF_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/flows/test_sample_outputs.py

The reports' generation time comes from ``SOURCE_DATE_EPOCH``; the run manifest (which hashes
the code) and the Great Expectations Data Docs (which record when each check ran) are left out.
"""

import hashlib
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.slow

EXPECTED = Path(__file__).parents[1] / "golden" / "sample_outputs.sha256"
LEFT_OUT = ("data/processed/run_manifest.json", "reports/validation/")


def _digests(output: Path) -> dict[str, str]:
    files = sorted(p for folder in ("data/processed", "reports")
                   for p in (output / folder).rglob("*") if p.is_file())
    digests = {}
    for path in files:
        name = path.relative_to(output).as_posix()
        if not name.startswith(LEFT_OUT):
            digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def test_the_sample_compiles_to_the_same_bytes(sample_run, tmp_path, monkeypatch):
    from imrf_analysis.runs.settings import RunSettings
    from pipelines.compile_flow import regional_compilation

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    regional_compilation(RunSettings(input_dir=input_dir, output_dir=tmp_path / "out"))
    digests = _digests(tmp_path / "out")
    lines = [f"{digest}  {name}\n" for name, digest in digests.items()]
    if os.environ.get("IMRF_UPDATE_GOLDEN"):
        EXPECTED.write_text("".join(lines), encoding="utf-8")
    expected = dict(reversed(line.rstrip("\n").split("  ", 1))
                    for line in EXPECTED.read_text(encoding="utf-8").splitlines())
    assert sorted(digests) == sorted(expected), "files written differ"
    changed = sorted(name for name in digests if digests[name] != expected[name])
    assert not changed, f"{len(changed)} files changed: {changed}"
