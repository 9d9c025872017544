"""Regenerate the bundled sample of illustrative voluntary reviews (same bytes on every run).

Usage: python scripts/make_sample.py --out data/raw
"""

from __future__ import annotations

import argparse
from pathlib import Path

from imrf_analysis.samples import write_sample_reviews

RAW_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RAW_DIR,
                        help="folder for the reviews, register.csv, the answer keys "
                             "(answers.jsonl, passages.jsonl) and README.md "
                             "(default: the repository's data/raw)")
    args = parser.parse_args(argv)
    written = write_sample_reviews(args.out)
    print(f"wrote {len(written)} files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
