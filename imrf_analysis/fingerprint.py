"""Fingerprints that key cached work: a review's content and the code that processes it."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# Code and data that decide what a review's passages and tags are; a change to any of them
# must invalidate cached results. Reports and charts are rebuilt on every run anyway.
PROCESSING_PARTS: tuple[str, ...] = ("ingest", "tagging", "resources", "schemas.py", "gcm.py",
                                     "regions.py")


@cache
def pipeline_fingerprint() -> str:
    """Return a short hash of the installed package's extraction and tagging code and resources."""
    return code_fingerprint(PACKAGE_DIR)


@cache
def package_fingerprint() -> str:
    """Return a short hash of the whole installed package: anything that shapes a run's outputs."""
    return code_fingerprint(PACKAGE_DIR, parts=("",))


def code_fingerprint(package_dir: Path, parts: tuple[str, ...] = PROCESSING_PARTS) -> str:
    """Return a short hash of the files under ``parts`` of ``package_dir`` ("" for all of it).

    Returns:
        16 hex digits; the same for the same files, different after any change to one of them.
    """
    digest = hashlib.sha256()
    for part in parts:
        root = package_dir / part
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(package_dir).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_fingerprint(path: Path, chunk: int = 1 << 20) -> str:
    """Return the SHA-256 of a file's bytes, read in chunks (large reviews stay out of memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()
