"""Fingerprints that key cached work: a review's content and the code that processes it.

Reading and tagging a review depend only on its bytes, its register row, the ingest limits and
the pipeline's code, so ``review_cache_key`` is built from exactly those: adding one review to
a folder re-reads and re-tags that review only. Nothing here loads the tagger or the readers,
so a run can key its work without importing them.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imrf_analysis.ingest.plan import IngestPlan, ReviewToRead

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Code and data that decide what a review's passages, tags and findings are; a change to any of
# them must invalidate cached results. Reports and charts are rebuilt on every run anyway.
PROCESSING_PARTS: tuple[str, ...] = ("ingest", "tagging", "findings", "resources", "reference",
                                     "store/schemas.py", "runs/review.py")


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


def review_cache_key(review: ReviewToRead) -> str:
    """Return the key under which processing ``review`` may be reused across runs.

    The key covers the file's SHA-256, its register row, the ingest limits and the code and
    resources that read and tag it (``pipeline_fingerprint``); the file's path is left out, so a
    moved or renamed copy of the same review under the same register row is not read again.
    """
    # Word files take their pages from LibreOffice when it is installed (ingest.conversion).
    laid_out = any(shutil.which(command) for command in ("soffice", "libreoffice"))
    settings = repr((review.entry, review.registered, review.limits, laid_out))
    return "-".join((file_fingerprint(review.path)[:32],
                     hashlib.sha256(settings.encode()).hexdigest()[:16], pipeline_fingerprint()))


def inputs_fingerprint(plan: IngestPlan, settings: str, corrections: Sequence[Path] = ()) -> str:
    """Return a hash of everything a run's outputs depend on.

    That is every review's cache key, the files quarantined before reading, the run settings
    (as JSON), the analysts' corrections files (names and contents) and the whole package's
    code; equal fingerprints mean equal outputs.
    """
    parts = [review.cache_key for review in plan.reviews]
    parts += [repr(q) for q in plan.quarantined] + [settings, package_fingerprint()]
    parts += [f"{path.name}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
              for path in corrections]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
