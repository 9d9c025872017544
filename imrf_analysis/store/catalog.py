"""The named datasets of a compilation run and where they live.

Steps exchange files, not objects: each can be rerun and inspected on its own. Paths are
always resolved from the folders a run is given, never from the working directory.

An output folder holds::

    data/processed/   the datasets of the last good compilation (a link into .compilations/)
    reports/          its reports, tables, charts and Data Docs (a link into .compilations/)
    data/cache/       what runs keep between them: the review store (reviews/, see
                      ``store.reviews``), passage vectors (embeddings.sqlite), drawn charts
                      (charts/)
    data/corrections/ the analysts' decisions on findings (review sheets saved there), which
                      every run applies
    failed-run/       what the last failed run wrote, when the last run failed
    logs/             each run's log file, the last 20 (``run_log``)
    .run.lock         held by the run writing the folder

A run writes a whole compilation into a staging folder and publishes it by one rename
(``imrf_analysis.store.staging``).
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from imrf_analysis.store.schemas import COMPILED, COMPILED_TABLES

PROCESSED_DATASETS: dict[str, str] = {
    **{name: f"{name}.parquet" for name in ("documents", "passages", "tags", "quarantine")},
    **{name: f"{name}.parquet" for name in COMPILED_TABLES},
    # Each analyst decision of data/corrections/ and what became of it (findings.corrections).
    "analyst_decisions": "analyst_decisions.parquet",
    "findings": "validation_findings.json",
    # What the run found of files the register does not list (ingest.inferred_register).
    "inferred_register": "register.inferred.csv",
    "manifest": "run_manifest.json",
}


@dataclass(frozen=True)
class Catalog:
    """Where one run reads its reviews and writes its datasets, reports and caches."""

    input_dir: Path
    output_dir: Path
    processed_dir: Path
    reports_dir: Path
    cache_dir: Path
    # The analysts' decisions on findings (review sheets, CSVs), applied by every run.
    corrections_dir: Path

    @classmethod
    def under(cls, input_dir: Path, output_dir: Path,
              corrections_dir: Path | None = None) -> Catalog:
        """Return the catalog of output folder ``output_dir`` (layout in the module's docstring).

        The corrections are read from ``corrections_dir``, by default ``data/corrections``
        of the output folder.
        """
        output = Path(output_dir)
        return cls(Path(input_dir), output, output / "data" / "processed", output / "reports",
                   output / "data" / "cache",
                   Path(corrections_dir) if corrections_dir else output / "data" / "corrections")

    def staged_in(self, folder: Path) -> Catalog:
        """Return this catalog writing its datasets and reports under ``folder`` instead.

        The caches stay where they are: they outlive any one compilation.
        """
        return replace(self, processed_dir=folder / "data" / "processed",
                       reports_dir=folder / "reports")

    def published(self, path: Path, staged: Catalog) -> Path:
        """Return where ``path``, written through catalog ``staged``, is read once published."""
        for written, read in ((staged.reports_dir, self.reports_dir),
                              (staged.processed_dir, self.processed_dir)):
            if path.is_relative_to(written):
                return read / path.relative_to(written)
        raise ValueError(f"{path} is not an output of the staged compilation")

    def path(self, name: str) -> Path:
        """Return the path of processed dataset ``name``.

        Raises:
            KeyError: ``name`` is not a dataset of the catalog.
        """
        try:
            return self.processed_dir / PROCESSED_DATASETS[name]
        except KeyError:
            raise KeyError(
                f"unknown dataset {name!r}; known: {sorted(PROCESSED_DATASETS)}"
            ) from None

    @property
    def logs_dir(self) -> Path:
        """Where each run writes its log file (``run_log``).

        Outside the staged compilations, so the log of a failed run stays.
        """
        return self.output_dir / "logs"

    @property
    def review_store_dir(self) -> Path:
        """Where the processed reviews are kept between runs (``store.reviews.ReviewStore``)."""
        return self.cache_dir / "reviews"

    @property
    def embeddings_path(self) -> Path:
        """Where passage vectors are kept between runs (``tagging.encoder``)."""
        return self.cache_dir / "embeddings.sqlite"

    @property
    def chart_cache_dir(self) -> Path:
        """Where drawn charts are kept between runs (``reporting.report.ChartCache``)."""
        return self.cache_dir / "charts"

    @property
    def validation_docs_dir(self) -> Path:
        """Where the Great Expectations Data Docs of the run are built."""
        return self.reports_dir / "validation"

    @property
    def register_csv(self) -> Path:
        """The submission register beside the raw reviews."""
        return self.input_dir / "register.csv"

    def load(self, name: str) -> pd.DataFrame:
        """Read processed dataset ``name`` into a DataFrame."""
        return pq.read_table(self.path(name)).to_pandas()

    def save(self, name: str, frame: pd.DataFrame, schema: pa.Schema | None = None) -> Path:
        """Write ``frame`` as dataset ``name`` atomically; return the path written.

        Without ``schema``, a compiled table holding every column of its schema in
        ``schemas.COMPILED`` is cast to that schema; other frames are written as they are.
        """
        compiled = COMPILED.get(name)
        if schema is None and compiled is not None and set(compiled.names) <= set(frame.columns):
            schema = compiled
        return write_parquet(frame, self.path(name), schema)


LOCK_FILE = ".run.lock"


class OutputFolderError(OSError):
    """The output folder cannot be written: a run would fail after its work."""


def check_writable(catalog: Catalog) -> None:
    """Create the catalog's output and cache folders and write and remove a file in each.

    Raises:
        OutputFolderError: a folder cannot be created or written; names it and why.
    """
    for folder in (catalog.output_dir, catalog.cache_dir):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check."):
                pass
        except OSError as error:
            raise OutputFolderError(f"{folder}: the output folder cannot be written "
                                    f"({error.strerror or error})") from None


class OutputLockedError(RuntimeError):
    """Another run is writing into the same output folder."""


@contextmanager
def output_lock(catalog: Catalog) -> Iterator[Path]:
    """Hold the output folder of ``catalog`` for one run; a second run stops at once.

    Two runs writing the same datasets and reports would interleave (a report saying 15 States
    beside datasets saying 14). The lock is an OS file lock (``flock``) on
    ``<output>/.run.lock``: the system releases it when the holding process ends, however it
    ends, so a killed run never leaves the folder locked.

    Raises:
        OutputLockedError: another run holds the folder; the message names it and that run's
            process id.
    """
    catalog.output_dir.mkdir(parents=True, exist_ok=True)
    path = catalog.output_dir / LOCK_FILE
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise OutputLockedError(
                f"{catalog.output_dir}: another run (process {holder}) is "
                "writing this output folder; wait for it to end, or give another --output"
            ) from None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target``.

    A run killed midway leaves the previous ``target`` intact.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~process_umask())  # mkstemp makes 0600; outputs are shared
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@functools.cache
def process_umask() -> int:
    """Return the process's file-creation mask, without changing it.

    Linux shows it in ``/proc/self/status``; setting it to read it back (``os.umask``) would
    leave other threads creating files with mask 0 meanwhile, so that is done only where
    ``/proc`` has no answer, and once per process.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_parquet(frame: pd.DataFrame, target: Path, schema: pa.Schema | None = None) -> Path:
    """Write ``frame`` to ``target`` atomically, cast to ``schema`` when given."""
    if schema is not None:
        table = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    else:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    with atomic_path(target) as tmp:
        pq.write_table(table, tmp)
    return target


def write_bytes(data: bytes, target: Path) -> Path:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target


def write_text(text: str, target: Path) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target


def write_json(data: Any, target: Path) -> Path:
    """Write ``data`` as indented JSON to ``target`` atomically."""
    return write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", target)
