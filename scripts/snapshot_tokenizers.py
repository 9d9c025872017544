"""Write the French tokenizer snapshot from the installed spaCy (run it after upgrading spaCy).

Usage: python scripts/snapshot_tokenizers.py

``imrf_analysis.tagging.languages.blank("fr")`` builds French pipelines from this snapshot
instead of importing ``spacy.lang.fr`` (see that module); a test fails while it is stale.
"""

from __future__ import annotations

from imrf_analysis.tagging.languages import make_french_snapshot, snapshot_path


def main() -> int:
    path = snapshot_path("fr")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(make_french_snapshot())
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
