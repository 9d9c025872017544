"""The run manifest: proof that every input file was either compiled or quarantined."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd


class UnaccountedFilesError(Exception):
    """Some input file is neither among the documents nor in the quarantine list."""


def build_manifest(input_files: tuple[str, ...], documents: pd.DataFrame,
                   quarantine: pd.DataFrame, counts: dict[str, int],
                   inputs_fingerprint: str = "", reports: tuple[Path, ...] = ()
                   ) -> dict[str, Any]:
    """Return the manifest of a run: input files, which were processed, which quarantined.

    ``inputs_fingerprint`` and ``reports`` let the next run with the same inputs keep the
    outputs instead of recomputing them (``unchanged_reports``).

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
    }


def unchanged_reports(manifest_path: Path, inputs_fingerprint: str) -> list[Path] | None:
    """Return the previous run's reports if it had the same inputs and its outputs are all there.

    Returns:
        The report paths, or None when there was no previous run, its inputs differ, or one of
        its reports is missing: then the run must compile again.
    """
    if not manifest_path.is_file():
        return None
    previous = json.loads(manifest_path.read_text(encoding="utf-8"))
    reports = [Path(p) for p in previous.get("reports", [])]
    if previous.get("inputs_fingerprint") != inputs_fingerprint or not reports:
        return None
    return reports if all(p.is_file() for p in reports) else None
