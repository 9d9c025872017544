# ruff: noqa: T201  (a comparison prints its figures)
"""Compare the encoders the tagger can read passages with: accuracy on unseen text and speed.

For each encoder (``tagging.encoder.VARIANTS``): the time to encode every labelled passage
once (passages/s on every core, no store), then document-grouped 5-fold cross-validation over
the labelled passages, the heads refitted without each fold (``training.crossval``), for the
encoder alone and for the combined tagger. Prints objective top-1 and micro-F1 per language.

    .venv/bin/python scripts/compare_encoders.py --reference ../shared/reference \\
        --labelled ../shared/gold/dev.jsonl --labelled ../shared/reviews-dev/passages.jsonl \\
        --labelled data/raw/passages.jsonl
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from imrf_analysis.store.jsonl import read_jsonl_objects
from imrf_analysis.tagging import SignalScores, Tagger
from imrf_analysis.tagging.encoder import VARIANTS, MemoryStore, SentenceEncoder, encodable
from imrf_analysis.training.crossval import cross_validate
from imrf_analysis.training.encoder import encoder_training_examples

ENCODER_ONLY = SignalScores(encoder_blend=1.0, principle_encoder_blend=1.0)


def _line(name: str, metrics: dict[str, Any]) -> str:
    languages = metrics["slices"]["language"]
    objectives = metrics["objectives"]
    per_language = " ".join(f"{lang} {languages[lang]['objectives']['top1']['accuracy']:.2f}"
                            for lang in ("en", "fr", "es") if lang in languages)
    return (f"  {name:<30} top-1 {objectives['top1']['accuracy']:.3f} ({per_language})  "
            f"F1 {objectives['micro']['f1']:.3f}  GP F1 "
            f"{metrics['guiding_principles']['micro']['f1']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, required=True)
    parser.add_argument("--labelled", type=Path, action="append", required=True)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = [row for path in args.labelled for _, row in read_jsonl_objects(path)]
    base = encoder_training_examples(args.reference)
    texts = list(dict.fromkeys(str(row["text"]) for row in rows
                               if encodable(str(row["text"]))))
    print(f"{len(rows)} labelled passages, {len(texts)} distinct ones long enough to encode")
    for name in VARIANTS:
        encoder = SentenceEncoder(name, store=MemoryStore())
        encoder.encode(texts[:8])  # loads the model: not timed
        start = time.perf_counter()
        encoder.encode(texts)
        seconds = time.perf_counter() - start
        print(f"{name}: {len(texts) / seconds:.1f} passages/s ({seconds:.1f} s)")
        for label, signals, scores in (
                ("encoder alone", ("encoder",), ENCODER_ONLY),
                ("combined tagger", None, SignalScores())):
            tagger = Tagger.load(signals=signals) if signals else Tagger.load()
            estimate = cross_validate(rows, base, encoder, tagger, args.folds, scores)
            print(_line(f"{label}, {args.folds}-fold", estimate["cross_validated"]))


if __name__ == "__main__":
    main()
