"""The review store: every processed review of an output folder, kept between runs.

Reading and tagging a review is the slow part of a run, and its result depends only on the
review's bytes, its register row, the ingest limits and the code and models that read and tag
it. The store keeps each processed review under exactly that key (``ReviewToRead.cache_key``,
see ``fingerprint.review_cache_key``) in the output folder's ``data/cache/reviews``, one folder
per review::

    <key[:2]>/<key>/review.pickle        the outcome: document row and notes, or quarantine row
                    passages.parquet     its passages
                    tags.parquet         its objective, principle and content tags
                    findings.parquet     its rows of review_findings

A run asks the store for each review of its plan (``get``), reads and tags only those it does
not hold, and stores them (``put``); a new file, a changed file or changed code is a new key.
An entry is written into a temporary folder and renamed into place, so a killed run never
leaves half an entry. The pickled outcome is only ever read back by the code that wrote it: the
key holds the code's fingerprint. A run finally keeps only the entries it used (``keep_only``).
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from imrf_analysis.ingest import IngestedReview, IngestPlan, QuarantinedFile, ReviewToRead
from imrf_analysis.ingest.collection import document_and_quarantine_frames, select_kept_reviews
from imrf_analysis.store.catalog import Catalog, process_umask
from imrf_analysis.store.schemas import PASSAGES, REVIEW_FINDINGS, TAGS

if TYPE_CHECKING:
    from imrf_analysis.runs.review import ProcessedReview

OUTCOME_FILE = "review.pickle"
TABLE_FILES: dict[str, str] = {"passages": "passages.parquet", "tags": "tags.parquet",
                               "findings": "findings.parquet"}


@dataclass(frozen=True)
class StoredReview:
    """A processed review as a small handle: its outcome without passages, and its entry.

    Attributes:
        outcome: the document row and notes (passages left empty), or the quarantine row.
        entry: the store folder holding its tables; None for a review that was never stored
            (reading it did not finish, see ``pipelines.review_tasks``).
    """

    outcome: IngestedReview | QuarantinedFile
    entry: Path | None = None

    def table(self, name: str) -> Path:
        """Return the Parquet file of table ``name`` (passages, tags or findings)."""
        if self.entry is None:
            raise ValueError(f"{self.outcome}: the review has no stored tables")
        return self.entry / TABLE_FILES[name]


class CollectedReviews(NamedTuple):
    """The frames of a run's reviews, assembled from the store."""

    documents: pd.DataFrame
    passages: pd.DataFrame
    tags: pd.DataFrame
    findings: pd.DataFrame
    quarantine: pd.DataFrame


class ReviewStore:
    """The processed reviews of one output folder (see the module's docstring).

    Args:
        folder: where the entries are kept (``Catalog.review_store_dir``).
        embeddings: where passage vectors are kept, so a review read again after a change of
            code encodes only passages it has not seen (``Catalog.embeddings_path``).
    """

    def __init__(self, folder: Path, embeddings: Path | None = None) -> None:
        """Open the store at ``folder``; nothing is read or created yet."""
        self.folder = Path(folder)
        self.embeddings = embeddings

    @classmethod
    def of(cls, catalog: Catalog) -> ReviewStore:
        """Return the review store of ``catalog``'s output folder."""
        return cls(catalog.review_store_dir, catalog.embeddings_path)

    def __repr__(self) -> str:
        return f"ReviewStore({str(self.folder)!r})"

    def entry(self, review: ReviewToRead) -> Path:
        """Return the folder that holds (or would hold) ``review``'s entry."""
        key = review.cache_key
        return self.folder / key[:2] / key

    def get(self, review: ReviewToRead) -> StoredReview | None:
        """Return ``review``'s entry, or None when the store does not hold it (whole)."""
        entry = self.entry(review)
        try:
            outcome = pickle.loads((entry / OUTCOME_FILE).read_bytes())
        # A missing, truncated or foreign entry is no entry: the review is read again.
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        stored = StoredReview(outcome, entry)
        if isinstance(outcome, IngestedReview) and not all(
                stored.table(name).is_file() for name in TABLE_FILES):
            return None
        return stored

    def put(self, review: ReviewToRead, processed: ProcessedReview) -> StoredReview:
        """Store ``processed``, the outcome of reading and tagging ``review``; return its handle.

        The entry is written whole into a temporary folder beside its place, then renamed into
        place (replacing an older entry of the same key).
        """
        entry = self.entry(review)
        entry.parent.mkdir(parents=True, exist_ok=True)
        outcome = processed.outcome
        if isinstance(outcome, IngestedReview):
            tables = {"passages": pa.Table.from_pandas(outcome.passages, preserve_index=False),
                      "tags": pa.Table.from_pandas(processed.tags, preserve_index=False),
                      "findings": pa.Table.from_pandas(processed.findings,
                                                       schema=REVIEW_FINDINGS,
                                                       preserve_index=False)}
            outcome = dataclasses.replace(outcome, passages=outcome.passages.iloc[:0])
        else:
            tables = {}
        staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
        try:
            for name, table in tables.items():
                pq.write_table(table, staging / TABLE_FILES[name])
            (staging / OUTCOME_FILE).write_bytes(pickle.dumps(outcome))
            os.chmod(staging, 0o777 & ~process_umask())  # mkdtemp makes 0700; outputs are shared
            if entry.exists():
                shutil.rmtree(entry)
            os.rename(staging, entry)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return StoredReview(outcome, entry)

    def collect(self, plan: IngestPlan, stored: Sequence[StoredReview]) -> CollectedReviews:
        """Assemble documents, passages, tags, findings and quarantine of a run's reviews.

        Each document is kept once (``ingest.collection.select_kept_reviews``); only the kept
        reviews' tables are read.

        Returns:
            Documents, passages (by passage id), tags (by passage id, the tagger's label order
            within a passage, no duplicates), the kept reviews' findings (by document id and
            objective) and quarantine rows.
        """
        handle_of = {id(review.outcome): review for review in stored}
        kept, quarantined = select_kept_reviews(plan, [review.outcome for review in stored])
        entries = [handle_of[id(review)] for review in kept]
        documents, quarantine = document_and_quarantine_frames(kept, quarantined)
        passages = _read_tables([e.table("passages") for e in entries], PASSAGES)
        tags = _read_tables([e.table("tags") for e in entries], TAGS)
        tags = tags.drop_duplicates(["passage_id", "label_type", "label"])
        findings = _read_tables([e.table("findings") for e in entries], REVIEW_FINDINGS)
        return CollectedReviews(
            documents,
            passages.sort_values("passage_id", ignore_index=True),
            # Stable on passage id: keeps the tagger's label order within each passage.
            tags.sort_values("passage_id", kind="stable", ignore_index=True),
            findings.sort_values(["document_id", "objective"], ignore_index=True),
            quarantine)

    def keep_only(self, stored: Sequence[StoredReview]) -> int:
        """Delete every entry (and leftover) of the store that none of ``stored`` is.

        Returns:
            How many were deleted; a later run needing one of them reads its review again.
        """
        wanted = {review.entry.resolve() for review in stored if review.entry is not None}
        stale = [path for path in self.folder.glob("*/*") if path.resolve() not in wanted]
        for path in stale:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        return len(stale)


def _read_tables(paths: list[Path], schema: pa.Schema) -> pd.DataFrame:
    tables = [table for table in map(pq.read_table, paths) if table.num_rows]
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
