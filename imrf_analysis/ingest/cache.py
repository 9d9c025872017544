"""What was extracted from a file, kept between runs under its content hash.

The key is the file's SHA-256, ``EXTRACTOR_VERSION`` and whether LibreOffice lays Word files
out here (their pages come from it): an unchanged file is not parsed again, and a change to
any extractor (bump the version) invalidates every entry at once. An entry holds the page
count, the blocks and the encoding a text review was read in (``Extraction``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from imrf_analysis.ingest.blocks import Block, Extraction
from imrf_analysis.ingest.conversion import find_office
from imrf_analysis.store.catalog import write_text

# 9: entries record the encoding of a text review (``text_encoding``); entries of version 8,
# without it, are not read.
EXTRACTOR_VERSION = "9"


def cache_path(cache_dir: Path, sha256: str) -> Path:
    """Return where the blocks of the file with content hash ``sha256`` are kept."""
    layout = "office" if find_office() else "no-office"
    return cache_dir / f"blocks-v{EXTRACTOR_VERSION}-{layout}" / sha256[:2] / f"{sha256}.json"


def cached_extraction(cache_dir: Path | None, sha256: str,
                      extract: Callable[[], Extraction]) -> Extraction:
    """Return what was extracted from a file, from the cache or by calling ``extract``.

    An unreadable cache entry is ignored and rewritten; errors of ``extract`` pass through
    and are not cached.

    Returns:
        The extraction; when ``cache_dir`` is given and the entry was missing, it is now
        written (atomically).
    """
    if cache_dir is None:
        return extract()
    path = cache_path(cache_dir, sha256)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Extraction(int(data["pages"]), [Block(*b) for b in data["blocks"]],
                          str(data["text_encoding"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    extraction = extract()
    rows = [[b.page, b.kind, b.text, b.level, b.ocr] for b in extraction.blocks]
    write_text(json.dumps({"pages": extraction.pages, "blocks": rows,
                           "text_encoding": extraction.text_encoding}, ensure_ascii=False), path)
    return extraction
