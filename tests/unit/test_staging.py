"""A compilation is published whole or not at all (``imrf_analysis.store.staging``)."""

import os

import pytest

from imrf_analysis.store.catalog import Catalog
from imrf_analysis.store.staging import (
    COMPILATIONS,
    FAILED_RUN,
    staged_compilation,
)


def _compile(catalog: Catalog, label: str) -> None:
    """Write a miniature compilation: one dataset and one report, both saying ``label``."""
    (catalog.processed_dir / "documents.parquet").write_text(label)
    (catalog.reports_dir / "2026").mkdir()
    (catalog.reports_dir / "2026" / "synthesis.html").write_text(label)


def _read(catalog: Catalog) -> tuple[str, str]:
    return ((catalog.processed_dir / "documents.parquet").read_text(),
            (catalog.reports_dir / "2026" / "synthesis.html").read_text())


def _compilations(catalog: Catalog) -> list[str]:
    root = catalog.output_dir / COMPILATIONS
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.is_symlink())


def test_a_staged_compilation_is_read_at_the_usual_paths_once_published(tmp_path):
    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    with staged_compilation(catalog) as staged:
        _compile(staged, "first")
        assert not catalog.reports_dir.exists()  # nothing is visible while it is written
    assert _read(catalog) == ("first", "first")
    assert catalog.reports_dir.is_symlink() and catalog.processed_dir.is_symlink()
    assert catalog.published(staged.reports_dir / "2026" / "synthesis.html", staged) == (
        catalog.reports_dir / "2026" / "synthesis.html")


def test_the_next_compilation_replaces_the_first_and_keeps_one_previous(tmp_path):
    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    for label in ("first", "second", "third"):
        with staged_compilation(catalog) as staged:
            _compile(staged, label)
            during = _read(catalog) if label != "first" else None
        if during is not None:
            assert during[0] == during[1] != label  # readers see the previous one, whole
    assert _read(catalog) == ("third", "third")
    assert len(_compilations(catalog)) == 2  # the published one and the one before it
    current = catalog.output_dir / COMPILATIONS / "current"
    assert current.resolve() == staged.processed_dir.parent.parent


def test_a_failed_run_leaves_the_published_compilation_and_keeps_what_it_wrote_apart(tmp_path):
    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    with staged_compilation(catalog) as staged:
        _compile(staged, "good")
    with pytest.raises(OSError, match="No space left"):
        with staged_compilation(catalog) as staged:
            (staged.processed_dir / "documents.parquet").write_text("half")
            raise OSError(28, "No space left on device")
    assert _read(catalog) == ("good", "good")
    failed = catalog.output_dir / FAILED_RUN
    assert (failed / "data" / "processed" / "documents.parquet").read_text() == "half"
    assert len(_compilations(catalog)) == 1
    with staged_compilation(catalog) as staged:  # the next good run clears the failed one
        _compile(staged, "repaired")
    assert not failed.exists() and _read(catalog) == ("repaired", "repaired")


def test_what_a_killed_run_left_half_written_is_removed_by_the_next_run(tmp_path):
    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    with staged_compilation(catalog) as staged:
        _compile(staged, "good")
    # A run killed while it wrote: a staging folder that no link names.
    orphan = catalog.output_dir / COMPILATIONS / "20260101T000000-killed"
    (orphan / "reports").mkdir(parents=True)
    (orphan / "reports" / "half.html").write_text("half")
    with staged_compilation(catalog) as staged:
        assert not orphan.exists()
        _compile(staged, "next")
    assert _read(catalog) == ("next", "next")


def test_outputs_of_an_older_version_are_adopted_with_their_caches(tmp_path):
    out = tmp_path / "out"
    catalog = Catalog.under(tmp_path / "raw", out)
    # Written before staging existed: plain folders, caches under data/processed.
    (out / "data" / "processed" / "cache" / "reviews").mkdir(parents=True)
    (out / "data" / "processed" / "cache" / "reviews" / "shard").write_text("kept")
    (out / "data" / "processed" / "documents.parquet").write_text("old")
    (out / "reports" / "2026").mkdir(parents=True)
    (out / "reports" / "2026" / "synthesis.html").write_text("old")
    with staged_compilation(catalog) as staged:
        assert _read(catalog) == ("old", "old")  # still readable while the run works
        assert (catalog.cache_dir / "reviews" / "shard").read_text() == "kept"
        _compile(staged, "new")
    assert _read(catalog) == ("new", "new")


def test_a_published_output_folder_can_be_moved(tmp_path):
    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    with staged_compilation(catalog) as staged:
        _compile(staged, "good")
    os.rename(tmp_path / "out", tmp_path / "moved")
    assert _read(Catalog.under(tmp_path / "raw", tmp_path / "moved")) == ("good", "good")
