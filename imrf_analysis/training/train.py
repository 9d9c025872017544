"""Build the classifiers a tagger loads: key the examples, choose thresholds, train, save.

Two layouts: ``multilingual`` trains one ``xx`` pipeline on every language's examples;
``per-language`` trains one pipeline per language on that language's examples. Either way each
text is first keyed by its own language's lexicon pipeline (lemmas folded, agreement endings
dropped), exactly as the tagger keys passages at run time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy

from imrf_analysis.store.catalog import write_json, write_text
from imrf_analysis.store.jsonl import read_jsonl_objects
from imrf_analysis.tagging.classifier import MULTILINGUAL, THRESHOLDS_FILE, classifier_words
from imrf_analysis.tagging.lexicons import LEXICON_LANGUAGES
from imrf_analysis.tagging.pipeline import build_pipeline
from imrf_analysis.training.examples import TrainingExample, count_examples
from imrf_analysis.training.textcat import (
    COMPONENT_LABELS,
    fold_thresholds,
    load_training_config,
    train_pipeline,
)

LAYOUTS: tuple[str, ...] = ("multilingual", "per-language")
CARD_FILE = "card.json"
EXAMPLES_FILE = "training.jsonl"  # what the model was trained on, so baselines can use it too


def write_examples(examples: Sequence[TrainingExample], path: Path) -> Path:
    """Write examples as JSONL (``text``, ``language``, labels or null, ``source``).

    Returns:
        ``path``, replaced atomically.
    """
    lines = [json.dumps(dataclasses.asdict(example), ensure_ascii=False) for example in examples]
    return write_text("\n".join(lines) + "\n", path)


def read_examples(path: Path) -> list[TrainingExample]:
    """Read examples written by ``write_examples``.

    Raises:
        ValueError: a line is not a valid example; the message names the file and line.
    """
    examples = []
    for where, row in read_jsonl_objects(Path(path)):
        try:
            examples.append(TrainingExample(
                str(row["text"]), str(row["language"]),
                None if row["objectives"] is None else tuple(int(n) for n in row["objectives"]),
                None if row["guiding_principles"] is None else tuple(row["guiding_principles"]),
                str(row["source"])))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{where}: not a training example ({error})") from None
    return examples


def key_examples(examples: Sequence[TrainingExample]) -> list[list[str]]:
    """Return the classifier words of each example, keyed in the example's language.

    Raises:
        ValueError: an example's language has no lexicon pipeline.
    """
    words: list[list[str]] = [[] for _ in examples]
    for lang in {example.language for example in examples}:
        if lang not in LEXICON_LANGUAGES:
            raise ValueError(f"training example in {lang!r}: only {LEXICON_LANGUAGES} are keyed")
        indices = [i for i, example in enumerate(examples) if example.language == lang]
        docs = build_pipeline(lang).pipe(examples[i].text for i in indices)
        for i, doc in zip(indices, docs, strict=True):
            words[i] = classifier_words(doc)
    return words


def _groups(examples: Sequence[TrainingExample], layout: str) -> dict[str, list[int]]:
    if layout == "multilingual":
        return {MULTILINGUAL: list(range(len(examples)))}
    if layout == "per-language":
        return {lang: [i for i, e in enumerate(examples) if e.language == lang]
                for lang in LEXICON_LANGUAGES}
    raise ValueError(f"layout {layout!r} is not one of {LAYOUTS}")


def train_classifier(examples: Sequence[TrainingExample], model_dir: Path,
                     layout: str = "multilingual", folds: int = 4,
                     max_epochs: int | None = None, config_path: Path | None = None,
                     max_steps: int | None = None) -> dict[str, Any]:
    """Train the classifiers on ``examples`` and write them to ``model_dir``.

    Args:
        examples: Labelled examples (``build_training_examples``).
        model_dir: Folder to write; replaced as a whole once everything is trained.
        layout: ``"multilingual"`` (one ``xx`` pipeline) or ``"per-language"``.
        folds: Folds for choosing thresholds; below 2, every threshold stays 0.5.
        max_epochs: Epochs per training; ``None`` takes the config's.
        config_path: Training config; ``None`` takes the committed one.
        max_steps: Cap on updates per training (for tests).

    Returns:
        The model card written to ``model_dir/card.json``: data counts per source, layout,
        date, out-of-fold scores and thresholds.

    Raises:
        ValueError: unknown layout, or a language group without examples.
    """
    model_dir = Path(model_dir)
    words = key_examples(examples)
    staging = model_dir.with_name(f".{model_dir.name}.training")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    thresholds: dict[str, Any] = {}
    card: dict[str, Any] = {"layout": layout, "trained_on": dt.date.today().isoformat(),
                            "spacy": spacy.__version__, "folds": folds, "data": {},
                            "out_of_fold": {}}
    for lang, indices in _groups(examples, layout).items():
        if not indices:
            raise ValueError(f"no training examples for pipeline {lang!r}")
        config = load_training_config(config_path, lang)
        group_words = [words[i] for i in indices]
        group = [examples[i] for i in indices]
        if folds >= 2:
            thresholds[lang], card["out_of_fold"][lang] = fold_thresholds(
                group_words, group, config, folds, max_epochs)
        else:
            thresholds[lang] = {component: dict.fromkeys(labels, 0.5)
                                for component, labels in COMPONENT_LABELS.items()}
        nlp = train_pipeline(group_words, group, config, max_epochs, max_steps)
        nlp.to_disk(staging / lang)
        card["data"][lang] = count_examples(group)
    (staging / THRESHOLDS_FILE).write_text(json.dumps(thresholds, indent=2, sort_keys=True),
                                           encoding="utf-8")
    card["thresholds"] = thresholds
    write_examples(examples, staging / EXAMPLES_FILE)
    write_json(card, staging / CARD_FILE)
    replace_folder(staging, model_dir)
    return card


def replace_folder(new: Path, target: Path) -> None:
    """Put the folder ``new`` in place of ``target``, keeping the old one until it is in."""
    # Keep the old model until the new one is in place, so a failure never leaves no model.
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
