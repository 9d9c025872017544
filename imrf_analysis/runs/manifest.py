"""The run manifest: proof that every input file was either compiled or quarantined.

It also lists every output file of the run with its SHA-256 (``output_hashes``), so that a
rerun with the same inputs keeps the outputs only when each of them is still there, byte for
byte (``unchanged_reports``); a file deleted, truncated or edited since makes the run compile
again and write it anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd


class UnaccountedFilesError(Exception):
    """Some input file is neither among the documents nor in the quarantine list."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def output_hashes(folders: Iterable[Path], manifest_path: Path,
                  skip: Iterable[Path] = ()) -> dict[str, str]:
    """Return the SHA-256 of every file under ``folders``, keyed by path from the manifest.

    Files under ``skip`` (caches, locks) and the manifest itself are left out; keys are
    relative to the manifest's folder, so a moved output folder keeps its manifest valid.
    """
    skipped = [Path(p).resolve() for p in skip]
    hashes = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            resolved = path.resolve()
            if (not path.is_file() or resolved == manifest_path.resolve()
                    or any(resolved.is_relative_to(s) for s in skipped)):
                continue
            hashes[os.path.relpath(path, manifest_path.parent)] = _sha256(path)
    return hashes


def build_manifest(input_files: tuple[str, ...], documents: pd.DataFrame,
                   quarantine: pd.DataFrame, counts: dict[str, int],
                   inputs_fingerprint: str = "", reports: tuple[Path, ...] = (),
                   outputs: dict[str, str] | None = None) -> dict[str, Any]:
    """Return the manifest of a run: input files, which were processed, which quarantined.

    ``inputs_fingerprint``, ``reports`` and ``outputs`` (``output_hashes``) let the next run
    with the same inputs keep the outputs instead of recomputing them (``unchanged_reports``).

    Raises:
        UnaccountedFilesError: an input file is in neither list (a bug, never silently passed).
    """
    processed = sorted(documents["file"])
    # A processed file may also have a quarantine row (a scanned page OCR could not read):
    # it counts as processed, and is listed as partly read.
    quarantined = sorted(set(quarantine["file"]) & set(input_files) - set(processed))
    partly_read = sorted(set(quarantine["file"]) & set(processed))
    missing = sorted(set(input_files) - set(processed) - set(quarantined))
    if missing:
        raise UnaccountedFilesError(f"input files neither processed nor quarantined: {missing}")
    return {
        "input_files": len(input_files),
        "processed": processed,
        "quarantined": quarantined,
        "partly_read": partly_read,
        "register_problems": sorted(set(quarantine["file"]) - set(input_files)),
        "counts": counts,
        "inputs_fingerprint": inputs_fingerprint,
        "reports": [str(p) for p in reports],
        "outputs": outputs or {},
    }


def unchanged_reports(manifest_path: Path, inputs_fingerprint: str) -> list[Path] | None:
    """Return the previous run's reports if it had the same inputs and its outputs are intact.

    Returns:
        The report paths, or None when there was no previous run (or its manifest cannot be
        read), its inputs differ, or one of its output files is missing or differs from the
        SHA-256 the manifest lists: then the run must compile again.
    """
    if not manifest_path.is_file():
        return None
    try:
        previous = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    reports = [Path(p) for p in previous.get("reports", [])]
    outputs = previous.get("outputs") or {}
    if previous.get("inputs_fingerprint") != inputs_fingerprint or not reports or not outputs:
        return None
    for name, digest in outputs.items():
        path = manifest_path.parent / name
        if not path.is_file() or _sha256(path) != digest:
            return None
    return reports if all(p.is_file() for p in reports) else None
