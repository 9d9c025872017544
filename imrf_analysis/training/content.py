"""Train the content classifier (``tagging.content_classifier``) and measure it honestly.

Training passages come from two kinds of source:

* the project's own passages, ``resources/training/content/<lang>.jsonl`` (written for the
  project, with invented programmes and figures; see the README there), always used;
* labelled review passages given at training time (``imrf train-content --passages P``), in
  the ``passages.jsonl`` format of an answer key: paragraphs and list items with their
  ``content_types`` and ``support_needs`` (a trap keeps its labels: an item of a generic
  support-needs list does ask for support, it just reports on no objective); covers, notes,
  captions, disclaimers, contents entries and table rows are taught as doing nothing. Their
  sentences are never
  written into the model folder: only the trained weights and the figures are.

``cross_validate`` measures on passages held out by group (a review file, or a block of the
project's passages), so no review is read while being measured; the card written beside the
model keeps those figures, the leave-one-language-out ones, and says which sources trained it.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from imrf_analysis.store.schemas import CONTENT_TYPES, SUPPORT_NEEDS
from imrf_analysis.tagging.content_classifier import (
    COMPONENT,
    CONTENT_LABELS,
    SUPPORT_PREFIX,
    ContentClassifier,
    classifier_text,
)

# An answer key's names for the content types.
GOLD_CONTENT_NAMES = {"progress": "progress", "challenge": "gap-or-challenge",
                      "gap-or-challenge": "gap-or-challenge", "good-practice": "good-practice",
                      "support-needed": "support-needed"}
# Kinds of answer-key passages that can carry content types; the others do nothing.
CONTENT_KINDS = ("paragraph", "list-item")
NGRAM_SIZE = 2
EPOCHS = 12
DROPOUT = 0.2
SEED = 0
SEED_GROUP_SIZE = 20


@dataclass(frozen=True)
class ContentExample:
    """One labelled passage: text, language, the labels it has and where it comes from."""

    text: str
    language: str
    labels: frozenset[str]  # among CONTENT_LABELS
    group: str  # cross-validation group: a review file, or a block of the project's passages
    source: str  # "project" or the labelled file's name


def bundled_seed_dir() -> Path:
    """Return the folder of the project's own content passages."""
    return Path(str(resources.files("imrf_analysis") / "resources" / "training" / "content"))


def _labels(content_types: Sequence[str], support_needs: Sequence[str]) -> frozenset[str]:
    types = {GOLD_CONTENT_NAMES[c] for c in content_types if c in GOLD_CONTENT_NAMES}
    needs = {SUPPORT_PREFIX + s for s in support_needs if s in SUPPORT_NEEDS}
    if "good-practice" in types:
        types.add("progress")  # a good practice is always also progress
    return frozenset(types | (needs if "support-needed" in types else set()))


def read_seed_examples(folder: Path | None = None) -> list[ContentExample]:
    """Read the project's own passages (one ``<lang>.jsonl`` per language).

    Raises:
        ValueError: a line is not a JSON object with ``text``; the message names file and line.
    """
    examples = []
    for path in sorted((folder or bundled_seed_dir()).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = str(row["text"])
            except (json.JSONDecodeError, KeyError, TypeError):
                raise ValueError(f"{path}:{number}: not a JSON object with a text") from None
            examples.append(ContentExample(
                text, path.stem, _labels(row.get("content_types", []),
                                         row.get("support_needs", [])),
                f"project-{path.stem}-{number // SEED_GROUP_SIZE}", "project"))
    return examples


def read_labelled_passages(path: Path) -> list[ContentExample]:
    """Read an answer key's ``passages.jsonl``: one example per passage, grouped by file.

    Raises:
        ValueError: a line is not a JSON object with ``text`` and ``file``.
    """
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, file = str(row["text"]), str(row["file"])
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ValueError(f"{path}:{number}: not a JSON object with text and file") from None
        labels = (_labels(row.get("content_types") or [], row.get("support_needs") or [])
                  if row.get("kind") in CONTENT_KINDS else frozenset())
        examples.append(ContentExample(text, str(row.get("language") or ""), labels,
                                       file, f"{path.parent.name}/{path.name}"))
    return examples


# Word n-grams beside a small CNN over subword features. Measured by grouped cross-validation
# on the development reviews' passages: n-grams alone missed most good practices (F1 0.15); a
# CNN of width 64 and depth 2 read 1,900 passages/s for micro-F1 0.89; this one, width 32 and
# depth 1, reads 5,000/s for 0.86, which keeps the content types within the run's time budget.
CNN_WIDTH = 32
CNN_DEPTH = 1


def model_config() -> dict[str, Any]:
    """Return the textcat model config: word n-grams beside a small CNN (``TextCatEnsemble``)."""
    bow = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
           "ngram_size": NGRAM_SIZE, "no_output_layer": False, "length": 262144}
    tok2vec = {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
               "width": CNN_WIDTH, "depth": CNN_DEPTH, "embed_size": 4000, "window_size": 1,
               "maxout_pieces": 3, "subword_features": True}
    return {"@architectures": "spacy.TextCatEnsemble.v2", "nO": None, "tok2vec": tok2vec,
            "linear_model": bow}


def new_pipeline() -> Language:
    """Return an untrained multilingual pipeline with the content component."""
    nlp = spacy.blank("xx")
    textcat: Any = nlp.add_pipe("textcat_multilabel", name=COMPONENT,
                                config={"model": model_config()})
    for label in CONTENT_LABELS:
        textcat.add_label(label)
    return nlp


def _example(nlp: Language, example: ContentExample) -> Example:
    cats = {label: float(label in example.labels) for label in CONTENT_LABELS}
    return Example.from_dict(nlp.make_doc(classifier_text(example.text)), {"cats": cats})


def train_pipeline(examples: Sequence[ContentExample], epochs: int = EPOCHS,
                   seed: int = SEED) -> Language:
    """Train a new pipeline on ``examples`` with spaCy's update loop (seeded)."""
    fix_random_seed(seed)
    nlp = new_pipeline()
    data = [_example(nlp, example) for example in examples]
    optimizer = nlp.initialize(lambda: data)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
    return nlp


def micro_scores(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]],
                 labels: Sequence[str]) -> dict[str, float]:
    """Return micro precision, recall and F1 over ``labels``, with the counts."""
    tp = fp = fn = 0
    for truth, guess in zip(gold, predicted, strict=True):
        truth, guess = truth & set(labels), guess & set(labels)
        tp, fp, fn = tp + len(truth & guess), fp + len(guess - truth), fn + len(truth - guess)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}


def predicted_labels(classifier: ContentClassifier, texts: Sequence[str]) -> list[frozenset[str]]:
    """Return each text's kept labels as one set (support categories prefixed)."""
    return [frozenset(found["content_type"])
            | {SUPPORT_PREFIX + s for s in found["support_need"]}
            for found in classifier.labels(texts)]


def _report(examples: Sequence[ContentExample], predicted: Sequence[frozenset[str]]
            ) -> dict[str, Any]:
    gold = [e.labels for e in examples]
    support = [SUPPORT_PREFIX + s for s in SUPPORT_NEEDS]
    report: dict[str, Any] = {
        "passages": len(examples),
        "content_types": micro_scores(gold, predicted, CONTENT_TYPES),
        "support_needs": micro_scores(gold, predicted, support),
        "per_label": {label: micro_scores(gold, predicted, [label]) for label in CONTENT_TYPES},
        "per_language": {},
        "per_source": {},
    }
    for source in sorted({e.source for e in examples}):
        rows = [i for i, e in enumerate(examples) if e.source == source]
        report["per_source"][source] = micro_scores(
            [gold[i] for i in rows], [predicted[i] for i in rows], CONTENT_TYPES)
    for lang in sorted({e.language for e in examples}):
        rows = [i for i, e in enumerate(examples) if e.language == lang]
        report["per_language"][lang] = micro_scores(
            [gold[i] for i in rows], [predicted[i] for i in rows], CONTENT_TYPES)
    return report


def cross_validate(examples: Sequence[ContentExample], measured: Sequence[ContentExample],
                   folds: int = 4, seed: int = SEED) -> dict[str, Any]:
    """Measure by grouped k-fold: each group of ``measured`` is predicted without it.

    The model predicting a group is trained on every example of ``examples`` outside it.

    Args:
        examples: Every training example (``measured`` included).
        measured: The examples to predict, e.g. the labelled review passages only.
        folds: Number of folds; groups of ``measured`` are dealt round-robin to them.
        seed: Seeds the dealing of groups and the training.
    """
    groups = sorted({e.group for e in measured})
    random.Random(seed).shuffle(groups)
    fold_of = {group: i % folds for i, group in enumerate(groups)}
    predicted: dict[int, frozenset[str]] = {}
    for fold in range(min(folds, len(groups))):
        held = {g for g, f in fold_of.items() if f == fold}
        model = ContentClassifier(train_pipeline([e for e in examples if e.group not in held],
                                                 seed=seed))
        rows = [i for i, e in enumerate(measured) if e.group in held]
        for i, labels in zip(rows, predicted_labels(model, [measured[i].text for i in rows]),
                             strict=True):
            predicted[i] = labels
    order = sorted(predicted)
    return _report([measured[i] for i in order], [predicted[i] for i in order])


def leave_one_language_out(examples: Sequence[ContentExample], measured: Sequence[ContentExample],
                           seed: int = SEED) -> dict[str, Any]:
    """Measure each language of ``measured`` with a model trained on the other languages only."""
    results = {}
    for lang in sorted({e.language for e in measured}):
        model = ContentClassifier(train_pipeline([e for e in examples if e.language != lang],
                                                 seed=seed))
        held = [e for e in measured if e.language == lang]
        results[lang] = _report(held, predicted_labels(model, [e.text for e in held]))
    return results


def train_content_classifier(examples: Sequence[ContentExample], target: Path,
                             measured: Sequence[ContentExample] = (), folds: int = 4
                             ) -> dict[str, Any]:
    """Train on every example, write the pipeline and its card to ``target``; return the card.

    When ``measured`` (labelled review passages) is given, the card holds their grouped
    cross-validated and leave-one-language-out figures.
    """
    card: dict[str, Any] = {
        "labels": list(CONTENT_LABELS),
        "architecture": f"spacy.TextCatEnsemble.v2: TextCatBOW.v3 (word n-grams up to "
                        f"{NGRAM_SIZE}) and HashEmbedCNN.v2 (width {CNN_WIDTH}, depth "
                        f"{CNN_DEPTH}); {EPOCHS} epochs, dropout {DROPOUT}, seed {SEED}",
        "input": "text folded (no case, no accents), digits written 0",
        "data": _counts(examples),
    }
    if measured:
        card["cross_validated"] = cross_validate(examples, measured, folds)
        card["leave_one_language_out"] = leave_one_language_out(examples, measured)
    nlp = train_pipeline(examples)
    target.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target / "model")
    (target / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    return card


def _counts(examples: Sequence[ContentExample]) -> dict[str, Any]:
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for example in examples:
        key = f"{example.source} ({example.language})"
        by_source[key]["passages"] += 1
        by_source[key].update(example.labels)
    return {key: dict(sorted(counts.items())) for key, counts in sorted(by_source.items())}
