"""Publishing a compilation in one step: readers see the previous compilation or the new one.

A run writes everything it publishes (datasets, tables, reports, charts, Data Docs, manifest)
into a fresh folder under ``<output>/.compilations/``. When every stage has passed, one atomic
rename points the link ``.compilations/current`` at that folder. ``data/processed`` and
``reports`` are fixed links through ``current``, so they change together, whole::

    reports         -> .compilations/current/reports
    data/processed  -> ../.compilations/current/data/processed
    .compilations/current   -> 20261206T223152-k3j9x/   (the compilation published last)
    .compilations/previous  -> 20261205T070001-a81qz/   (kept for readers still on it)

A run that fails leaves ``current`` as it was: what it wrote (its Data Docs say which check
stopped it) is moved to ``<output>/failed-run/``, which the next good run removes. A run killed
midway leaves a folder no link points to; the next run removes it. Only one run writes an
output folder at a time (``catalog.output_lock``), so none of this races another run.

What it does not give: files are not flushed to disk one by one, so a power cut (as opposed to
a killed process) may leave a published compilation with files the file system lost.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from imrf_analysis.store.catalog import Catalog, process_umask

COMPILATIONS = ".compilations"
CURRENT = "current"
PREVIOUS = "previous"
FAILED_RUN = "failed-run"

log = logging.getLogger(__name__)


@contextmanager
def staged_compilation(catalog: Catalog) -> Iterator[Catalog]:
    """Yield a catalog writing into a new staging folder; publish it when the block succeeds.

    The caller holds the output lock. Caches (``catalog.cache_dir``) are shared, not staged.
    When the block raises, nothing published changes: the staging folder becomes
    ``<output>/failed-run`` and the error goes on.
    """
    root = catalog.output_dir / COMPILATIONS
    root.mkdir(parents=True, exist_ok=True)
    _adopt_unstaged_layout(catalog, root)
    _remove_unpublished(root)
    folder = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"), dir=root))
    os.chmod(folder, 0o777 & ~process_umask())  # mkdtemp makes 0700; outputs are shared
    staged = catalog.staged_in(folder)
    staged.processed_dir.mkdir(parents=True)
    staged.reports_dir.mkdir(parents=True)
    try:
        yield staged
    except BaseException:
        failed = _keep_failed_run(catalog, folder)
        log.error("the run failed: the compilation published in %s is unchanged; what the "
                  "failed run wrote is in %s", catalog.output_dir, failed)
        raise
    _publish(catalog, root, folder)


def _publish(catalog: Catalog, root: Path, folder: Path) -> None:
    previous = _target(root / CURRENT)
    if previous is not None:
        _point(root / PREVIOUS, previous)
    _point(root / CURRENT, folder.name)  # the one step readers see
    _link_published(catalog)
    _remove_unpublished(root)
    shutil.rmtree(catalog.output_dir / FAILED_RUN, ignore_errors=True)


def _point(link: Path, target: str) -> None:
    """Make ``link`` a symbolic link to ``target``, replacing any link there in one rename."""
    fresh = link.with_name(f".{link.name}.{os.getpid()}")
    if fresh.is_symlink():
        fresh.unlink()
    os.symlink(target, fresh)
    os.replace(fresh, link)


def _target(link: Path) -> str | None:
    return os.readlink(link) if link.is_symlink() else None


def _link_published(catalog: Catalog) -> None:
    """Make ``reports`` and ``data/processed`` the links through ``.compilations/current``."""
    for link, target in ((catalog.reports_dir, Path(COMPILATIONS) / CURRENT / "reports"),
                         (catalog.processed_dir,
                          Path("..") / COMPILATIONS / CURRENT / "data" / "processed")):
        if _target(link) != str(target):
            link.parent.mkdir(parents=True, exist_ok=True)
            _point(link, str(target))


def _remove_unpublished(root: Path) -> None:
    """Remove the folders under ``root`` that neither ``current`` nor ``previous`` names."""
    kept = {_target(root / CURRENT), _target(root / PREVIOUS)}
    for folder in root.iterdir():
        if folder.is_dir() and not folder.is_symlink() and folder.name not in kept:
            shutil.rmtree(folder, ignore_errors=True)


def _keep_failed_run(catalog: Catalog, folder: Path) -> Path:
    failed = catalog.output_dir / FAILED_RUN
    shutil.rmtree(failed, ignore_errors=True)
    os.rename(folder, failed)
    return failed


def _adopt_unstaged_layout(catalog: Catalog, root: Path) -> None:
    """Move outputs written as plain folders (before staging existed) into a compilation.

    Their caches move to ``data/cache``; the old datasets and reports become the published
    compilation until the run replaces them. Runs once per output folder.
    """
    plain = [path for path in (catalog.processed_dir, catalog.reports_dir)
             if path.is_dir() and not path.is_symlink()]
    if not plain:
        return
    old_cache = catalog.processed_dir / "cache"
    if old_cache.is_dir() and not catalog.cache_dir.exists():
        os.rename(old_cache, catalog.cache_dir)
    folder = Path(tempfile.mkdtemp(prefix="unstaged-", dir=root))
    adopted = catalog.staged_in(folder)
    for path, into in ((catalog.processed_dir, adopted.processed_dir),
                       (catalog.reports_dir, adopted.reports_dir)):
        into.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            os.rename(path, into)
        else:
            into.mkdir()
    _point(root / CURRENT, folder.name)
    _link_published(catalog)
    log.info("outputs of %s moved into %s", catalog.output_dir, folder)
