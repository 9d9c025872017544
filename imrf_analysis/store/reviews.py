"""Processed reviews kept on disk as Parquet shards, so a run never holds them all as objects.

Each processed review's passages, tags and findings are written under the review's cache key
(content hash, register row, ingest limits, pipeline code), atomically; what a run passes between
processes and keeps in its task cache is a small :class:`ReviewShard` naming those files.
Collecting reads the kept reviews' shards with pyarrow and builds each frame once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from imrf_analysis.ingest import IngestedReview, IngestPlan, QuarantinedFile, ReviewToRead
from imrf_analysis.ingest.collection import document_and_quarantine_frames, select_kept_reviews
from imrf_analysis.store.catalog import atomic_path
from imrf_analysis.store.fingerprint import review_cache_key
from imrf_analysis.store.schemas import PASSAGES, REVIEW_FINDINGS, TAGS

if TYPE_CHECKING:
    from imrf_analysis.runs.review import ProcessedReview

PASSAGES_SUFFIX = ".passages.parquet"
TAGS_SUFFIX = ".tags.parquet"
FINDINGS_SUFFIX = ".findings.parquet"


@dataclass(frozen=True)
class ReviewShard:
    """A processed review as a handle: its outcome without passages, and its shard files.

    Attributes:
        outcome: the document row and notes (passages left empty), or the quarantine row.
        passages_path: Parquet file of the review's passages; None when quarantined.
        tags_path: Parquet file of the review's tags; None when quarantined.
        findings_path: Parquet file of the review's findings; None when quarantined.
    """

    outcome: IngestedReview | QuarantinedFile
    passages_path: Path | None = None
    tags_path: Path | None = None
    findings_path: Path | None = None

    @property
    def paths(self) -> tuple[Path, ...]:
        """The shard files this handle names (none for a quarantined review)."""
        return tuple(path for path in (self.passages_path, self.tags_path, self.findings_path)
                     if path is not None)

    def is_present(self) -> bool:
        """Return whether the shard files this handle names still exist."""
        return all(path.is_file() for path in self.paths)


def process_review_into(review: ReviewToRead, shard_dir: Path) -> ReviewShard:
    """Read and tag one review, writing its passages and tags as shards under ``shard_dir``.

    Passage vectors are kept beside the shards (``embeddings_path``), so a review re-read after a
    change of code or model encodes only the passages it has not seen before.

    Returns:
        The handle of the shards written (or of the quarantine row, writing nothing).
    """
    # Imported here: the tagger's modules (spaCy) are only needed where reviews are processed.
    from imrf_analysis.runs.review import process_review

    processed = process_review(review, embeddings=embeddings_path(shard_dir))
    return write_review_shard(processed, shard_dir, review_cache_key(review))


def embeddings_path(shard_dir: Path) -> Path:
    """Return the file where the passage vectors of the reviews under ``shard_dir`` are kept."""
    return shard_dir.parent / "embeddings.sqlite"


def shard_paths(shard_dir: Path, key: str) -> tuple[Path, Path, Path]:
    """Return where the passages, tags and findings of the review with cache key ``key`` are."""
    folder = shard_dir / key[:2]
    return tuple(folder / f"{key}{suffix}"  # type: ignore[return-value]
                 for suffix in (PASSAGES_SUFFIX, TAGS_SUFFIX, FINDINGS_SUFFIX))


def write_review_shard(processed: ProcessedReview, shard_dir: Path, key: str) -> ReviewShard:
    """Write a processed review's passages, tags, findings as ``<key>.*.parquet`` in ``shard_dir``.

    Returns:
        The handle naming the files written, each atomically; a quarantined review writes none.
    """
    outcome = processed.outcome
    if isinstance(outcome, QuarantinedFile):
        return ReviewShard(outcome)
    paths = shard_paths(shard_dir, key)
    tables = (pa.Table.from_pandas(outcome.passages, preserve_index=False),
              pa.Table.from_pandas(processed.tags, preserve_index=False),
              pa.Table.from_pandas(processed.findings, schema=REVIEW_FINDINGS,
                                   preserve_index=False))
    for table, path in zip(tables, paths, strict=True):
        with atomic_path(path) as tmp:
            pq.write_table(table, tmp)
    light = dataclasses.replace(outcome, passages=outcome.passages.iloc[:0])
    return ReviewShard(light, *paths)


def read_review_shards(shards: Sequence[ReviewShard | None]) -> dict[Path, pa.Table]:
    """Read the shard files of ``shards`` (None entries are skipped), by path.

    A run reads the shards of the reviews answered from its cache while the others are still
    being processed, and gives them to ``collect_review_shards``.

    Raises:
        FileNotFoundError: a shard file is missing.
    """
    return {path: pq.read_table(path) for shard in shards if shard is not None
            for path in shard.paths}


def collect_review_shards(
    plan: IngestPlan, shards: Sequence[ReviewShard],
    read: Mapping[Path, pa.Table] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Assemble documents, passages, tags, findings and quarantine from a run's review shards.

    Gives the same frames as ``ingest.collect_reviews`` on the in-memory outcomes plus the
    tags of the kept documents, reading only the kept reviews' shards: those in ``read``
    (from ``read_review_shards``) are not read again.

    Returns:
        Documents, passages (by passage id), tags (by passage id, the tagger's label order
        within a passage, no duplicates), the kept reviews' findings (by document id and
        objective) and quarantine rows.

    Raises:
        FileNotFoundError: a kept review's shard is missing (see ``ReviewShard.is_present``).
    """
    path_of = {id(shard.outcome): shard for shard in shards}
    kept, quarantined = select_kept_reviews(plan, [shard.outcome for shard in shards])
    kept_shards = [path_of[id(review)] for review in kept]
    documents, quarantine = document_and_quarantine_frames(kept, quarantined)
    read = read or {}
    passages = _read_frames([s.passages_path for s in kept_shards], PASSAGES, read)
    passages = passages.sort_values("passage_id", ignore_index=True)
    tags = _read_frames([s.tags_path for s in kept_shards], TAGS, read)
    tags = tags.drop_duplicates(["passage_id", "label_type", "label"])
    findings = _read_frames([s.findings_path for s in kept_shards], REVIEW_FINDINGS, read)
    findings = findings.sort_values(["document_id", "objective"], ignore_index=True)
    # Stable on passage id: keeps the tagger's label order within each passage.
    return (documents, passages, tags.sort_values("passage_id", kind="stable", ignore_index=True),
            findings, quarantine)


def prune_review_shards(shard_dir: Path, shards: Sequence[ReviewShard]) -> int:
    """Delete the shard files under ``shard_dir`` that none of ``shards`` names.

    Returns:
        How many files were deleted; a later run needing one of them processes its review again.
    """
    wanted = {path.resolve() for shard in shards for path in shard.paths}
    stale = [path for path in shard_dir.glob("*/*.parquet") if path.resolve() not in wanted]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def _read_frames(paths: list[Path | None], schema: pa.Schema,
                 read: Mapping[Path, pa.Table]) -> pd.DataFrame:
    tables = [table for table in (read[p] if p in read else pq.read_table(p)
                                  for p in paths if p is not None) if table.num_rows]
    if not tables:
        return pd.DataFrame(columns=schema.names)
    # A column that is empty or all null in one review is typed null there: promote it.
    table = pa.concat_tables(tables, promote_options="permissive")
    frame = table.to_pandas()
    for name in table.column_names:
        if pa.types.is_list(table.schema.field(name).type):
            # Arrow gives list cells back as arrays; passages carry them as Python lists.
            frame[name] = table.column(name).to_pylist()
    return frame
