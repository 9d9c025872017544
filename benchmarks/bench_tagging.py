# ruff: noqa: T201  (a benchmark prints its figures)
"""Tagging speed: passages per second, with and without the encoder, model loading excluded.

Passages are those of the bundled sample reviews (ingested from data/raw), repeated to the
requested count, with their heading paths and languages. They are tagged one copy of the sample
at a time, as reviews are: a tagger matches a text repeated within one call only once, so one
call over all copies would measure the repeats, not the tagging. Prints one line per tagger:
the combined tagger (encoder on every core), the same with each vector read from a warm store
(a rerun after a change of code), without the encoder, and the rules alone.

    .venv/bin/python benchmarks/bench_tagging.py [--passages 3000] [--input data/raw]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from imrf_analysis.ingest.reviews import ingest_reviews
from imrf_analysis.tagging import Tagger, tag_passages

RULES = ("heading", "mention", "lexicon")
WITHOUT_ENCODER = ("heading", "mention", "lexicon", "classifier")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=3_000)
    parser.add_argument("--input", type=Path, default=Path("data/raw"))
    args = parser.parse_args()
    _, sample, _ = ingest_reviews(args.input)
    repeats = -(-args.passages // len(sample))
    passages = pd.concat([sample] * repeats, ignore_index=True).head(args.passages)
    passages = passages.assign(passage_id=[f"p{i}" for i in range(len(passages))])
    chars = int(passages["text"].str.len().mean())
    print(f"{len(passages)} passages (mean {chars} characters) from {args.input}")
    encodable = passages["text"].map(lambda text: len(text.split()) >= 8)
    print(f"{int(encodable.sum())} of them long enough for the encoder")
    with tempfile.TemporaryDirectory() as folder:
        warm = Tagger.load(embeddings=Path(folder) / "embeddings.sqlite")
        tag_passages(passages.head(len(sample)), warm)  # one copy's vectors: every copy's
        for name, tagger in (("combined (ours)", Tagger.load()),
                             ("vectors stored", warm),
                             ("without encoder", Tagger.load(signals=WITHOUT_ENCODER)),
                             ("rules only", Tagger.load(signals=RULES))):
            tag_passages(passages.head(20), tagger)  # builds the pipelines: loading, not tagging
            start = time.perf_counter()
            tags = pd.concat([tag_passages(passages.iloc[i:i + len(sample)], tagger)
                              for i in range(0, len(passages), len(sample))])
            seconds = time.perf_counter() - start
            print(f"{name:<16} {len(passages) / seconds:>7.0f} passages/s "
                  f"({seconds:.1f} s, {len(tags)} tags)")


if __name__ == "__main__":
    main()
