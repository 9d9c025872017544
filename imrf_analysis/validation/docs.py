"""Great Expectations Data Docs: a static HTML site of the validations a run made.

The site shows, per suite run, every expectation with its status, its observed value, its
expectation type and its policy (a failed ``contract`` stopped the run; a failed ``finding``
is a warning the report also shows). It is built from the in-memory context, so nothing is
written anywhere but the folder the caller names.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from imrf_analysis.store.catalog import process_umask
from imrf_analysis.validation.context import (
    RUN_LOCK,
    restore_record,
    take_record,
    validation_context,
)

log = logging.getLogger(__name__)

INDEX = "index.html"
SITE = "imrf-validation"


def build_validation_docs(docs_dir: Path) -> Path:
    """Build the Data Docs of the validations run in this process since the last build.

    The site holds every suite run recorded since the previous call (or since the process
    started), including runs whose contract breach raised :class:`DataContractError`, plus a
    page per expectation suite. Validations run in another process (e.g. a Dask worker) are
    not included: run the validation steps in the process that builds the docs. At most
    ``context.RECORD_LIMIT`` suite runs are kept between builds, the oldest dropped first.

    Args:
        docs_dir: Folder of the site, e.g. ``reports/validation``; created if missing.

    Returns:
        The path of the site's ``index.html``. ``docs_dir`` is replaced as a whole once the new
        site is complete, so it never mixes two runs; the record of validations is emptied.

    Raises:
        OSError: ``docs_dir`` cannot be written; the record is kept for a later build.
    """
    docs_dir = Path(docs_dir).resolve()
    if docs_dir.exists() and not docs_dir.is_dir():
        raise NotADirectoryError(f"{docs_dir}: the Data Docs folder is a file; give a folder")
    docs_dir.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with RUN_LOCK:
        taken = take_record()
        staging = Path(tempfile.mkdtemp(prefix=f".{docs_dir.name}.", dir=docs_dir.parent))
        try:
            _build_site(staging, taken)
            _swap_in(staging, docs_dir)
        except BaseException:
            restore_record(taken)
            shutil.rmtree(staging, ignore_errors=True)
            raise
    log.info("built validation Data Docs of %d suite runs in %s in %.2f s",
             len(taken), docs_dir, time.perf_counter() - started)
    return docs_dir / INDEX


def _build_site(folder: Path, taken: list[Any]) -> None:
    context = validation_context()
    store = context.validation_results_store
    site = SITE
    # SiteBuilder takes show_how_to_buttons, which GX's TypedDict of the config does not list.
    config: Any = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(folder)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "show_how_to_buttons": False,
    }
    context.add_data_docs_site(site, config)
    try:
        for key, result in taken:
            store.set(key, result)
        context.build_data_docs(site_names=[site])
    finally:
        for key, _ in taken:
            if store.has_key(key):
                store.remove_key(key)
        context.delete_data_docs_site(site)
    if not (folder / INDEX).is_file():
        raise OSError(f"{folder}: Great Expectations wrote no {INDEX}")


def _swap_in(staging: Path, docs_dir: Path) -> None:
    """Move the finished site to ``docs_dir``, removing the previous site only afterwards."""
    staging.chmod(0o777 & ~process_umask())  # mkdtemp makes 0700; the site is a shared output
    if not docs_dir.exists():
        staging.rename(docs_dir)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{docs_dir.name}.old.", dir=docs_dir.parent))
    previous.rmdir()
    docs_dir.rename(previous)
    try:
        staging.rename(docs_dir)
    except OSError:
        previous.rename(docs_dir)
        raise
    shutil.rmtree(previous, ignore_errors=True)
