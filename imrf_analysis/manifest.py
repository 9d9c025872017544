"""The run manifest: proof that every input file was either compiled or quarantined."""

from __future__ import annotations

from typing import Any

import pandas as pd


class UnaccountedFilesError(Exception):
    """Some input file is neither among the documents nor in the quarantine list."""


def build_manifest(input_files: tuple[str, ...], documents: pd.DataFrame,
                   quarantine: pd.DataFrame, counts: dict[str, int]) -> dict[str, Any]:
    """Return the manifest of a run: input files, which were processed, which quarantined.

    Raises:
        UnaccountedFilesError: an input file is in neither list (a bug, never silently passed).
    """
    processed = sorted(documents["file"])
    quarantined = sorted(set(quarantine["file"]) & set(input_files))
    missing = sorted(set(input_files) - set(processed) - set(quarantined))
    if missing:
        raise UnaccountedFilesError(f"input files neither processed nor quarantined: {missing}")
    return {
        "input_files": len(input_files),
        "processed": processed,
        "quarantined": quarantined,
        "register_problems": sorted(set(quarantine["file"]) - set(input_files)),
        "counts": counts,
    }
