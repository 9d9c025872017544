"""Fit the encoder heads (``tagging.encoder_classifier``) and write them as a spaCy pipeline.

Training text, all read at training time and never saved with the model:

* **reference**: the Compact's own text given to ``imrf train --reference DIR``: per objective
  its title, commitment and actions (``# Objective N`` sections of ``*-en.md``, ``*-fr.md``,
  ``*-es.md``; the language is the file name's suffix), and the guiding principles' paragraphs
  (``# (a) ...`` sections with ``## EN``/``## FR``/``## ES`` parts). Parts marked as not
  retrieved are skipped, never filled in;
* **seed**: the project's own descriptor passages (``resources/training/seeds``), including the
  off-topic passages that teach "no objective";
* **labelled**: labelled passages given with ``--labelled`` (an answer key's
  ``passages.jsonl``, a gold set): their objectives, "no objective" when they have none, and
  their guiding principles.

Objectives: a passage with two objectives counts once for each, at half weight.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from imrf_analysis.findings.corrections import Decision, labelled_passages
from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS
from imrf_analysis.store.catalog import write_json
from imrf_analysis.store.jsonl import read_jsonl_objects
from imrf_analysis.tagging.encoder import SentenceEncoder, encodable
from imrf_analysis.tagging.encoder_classifier import (
    NO_OBJECTIVE,
    EncoderHeads,
    build_encoder_pipeline,
)
from imrf_analysis.training.examples import TrainingExample, count_examples, seed_examples
from imrf_analysis.training.train import replace_folder

CARD_FILE = "card.json"
# Inverse regularisation of the heads; 10 was best of 3, 10, 30 on held-out review passages.
REGULARISATION_C = 10.0
_OBJECTIVE = re.compile(r"^# Objective (\d+)\s*$")
_PRINCIPLE = re.compile(r"^# \(([a-j])\)")
_LANGUAGE_PART = re.compile(r"^## (EN|FR|ES)\s*$")
_ACTION_LETTER = re.compile(r"^- [a-z]\.\s*")
_LANGUAGE_SUFFIX = re.compile(r"-(en|fr|es)\.md$")
_MIN_REFERENCE_WORDS = 4


def _objective_units(path: Path, language: str) -> list[TrainingExample]:
    units = []
    number = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _OBJECTIVE.match(line)
        if match:
            number = int(match.group(1))
            continue
        text = line.strip()
        if number is None or not text or text.startswith("<!--"):
            continue
        if text.startswith("## Title:"):
            text = text.removeprefix("## Title:").strip()
        elif text.startswith("#") or text.endswith(":"):
            continue  # section headings, "we will draw from the following actions:"
        text = _ACTION_LETTER.sub("", text).split("<!--")[0].strip()
        if len(text.split()) >= _MIN_REFERENCE_WORDS:
            units.append(TrainingExample(text, language, (number,), None, "reference"))
    return units


def _principle_units(path: Path) -> list[TrainingExample]:
    units = []
    slug = language = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PRINCIPLE.match(line)
        if match:
            slug = GUIDING_PRINCIPLE_SLUGS["abcdefghij".index(match.group(1))]
            language = None
            continue
        match = _LANGUAGE_PART.match(line)
        if match:
            language = match.group(1).lower()
            continue
        text = line.strip()
        if slug and language and text and not text.startswith("<!--"):
            units.append(TrainingExample(text, language, None, (slug,), "reference"))
    return units


def reference_examples(reference_dir: Path) -> list[TrainingExample]:
    """Return the Compact's text in ``reference_dir`` as training examples (see module doc).

    Raises:
        FileNotFoundError: the folder has no objective file in English, French or Spanish.
    """
    reference_dir = Path(reference_dir)
    examples = []
    for path in sorted(reference_dir.glob("*.md")):
        suffix = _LANGUAGE_SUFFIX.search(path.name)
        if "principles" in path.name:
            examples += _principle_units(path)
        elif suffix:
            examples += _objective_units(path, suffix.group(1))
    if not any(e.objectives for e in examples):
        raise FileNotFoundError(f"{reference_dir}: no '# Objective N' sections in *-en.md, "
                                "*-fr.md or *-es.md files")
    return examples


def labelled_examples_from_rows(rows: Sequence[dict[str, Any]],
                                where: Sequence[str] | None = None) -> list[TrainingExample]:
    """Return labelled passages (``text``, ``language``, ``objectives``, ``guiding_principles``).

    Passages too short to encode are left out (the encoder never reads them). Rows whose
    ``labels_complete`` is ``"no"`` keep their objectives but leave principles unknown.

    Raises:
        ValueError: a row lacks ``text`` or an ``objectives`` list; names it (``where``).
    """
    examples = []
    for i, row in enumerate(rows):
        text = row.get("text")
        objectives, principles = row.get("objectives"), row.get("guiding_principles")
        if not isinstance(text, str) or not isinstance(objectives, list):
            name = where[i] if where is not None else f"row {i + 1}"
            raise ValueError(f"{name}: expected 'text' and an 'objectives' list")
        if not encodable(text):
            continue
        complete = row.get("labels_complete") != "no"
        examples.append(TrainingExample(
            text, str(row.get("language") or ""), tuple(int(n) for n in objectives),
            tuple(principles) if complete and isinstance(principles, list) else None,
            "labelled"))
    return examples


def labelled_examples(path: Path) -> list[TrainingExample]:
    """Return the labelled passages of a JSON Lines file (``labelled_examples_from_rows``).

    Raises:
        ValueError: a line is not valid JSON or not a labelled passage; names the line.
    """
    read = list(read_jsonl_objects(Path(path)))
    return labelled_examples_from_rows([row for _, row in read], [where for where, _ in read])


def fit_heads(examples: Sequence[TrainingExample], encoder: SentenceEncoder,
              c: float = REGULARISATION_C) -> EncoderHeads:
    """Fit the objective and principle heads on the encoder's vectors of ``examples``."""
    vectors = encoder.encode([e.text for e in examples])
    rows, targets, weights = [], [], []
    for i, example in enumerate(examples):
        if example.objectives is None:
            continue
        labels = example.objectives or (NO_OBJECTIVE,)
        for label in labels:
            rows.append(i)
            targets.append(label)
            weights.append(1 / len(labels))
    if len(set(targets)) < 2:
        raise ValueError("the objective head needs examples of at least two objectives (or "
                         "of one objective and of none)")
    objective_model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    objective_model.fit(vectors[rows], targets, sample_weight=weights)
    objective_coef, objective_intercept = objective_model.coef_, objective_model.intercept_
    if len(objective_model.classes_) == 2:  # one logit for the second class: as a softmax
        objective_coef = np.vstack([np.zeros_like(objective_coef), objective_coef])
        objective_intercept = np.concatenate([[0.0], objective_intercept])
    known = [i for i, e in enumerate(examples) if e.guiding_principles is not None]
    coef = np.zeros((len(GUIDING_PRINCIPLE_SLUGS), vectors.shape[1]), dtype=np.float32)
    intercept = np.full(len(GUIDING_PRINCIPLE_SLUGS), -10.0, dtype=np.float32)
    for j, slug in enumerate(GUIDING_PRINCIPLE_SLUGS):
        y = [slug in (examples[i].guiding_principles or ()) for i in known]
        if any(y) and not all(y):
            model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
            model.fit(vectors[known], y)
            coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
    return EncoderHeads(encoder.name, [int(n) for n in objective_model.classes_],
                        objective_coef.astype(np.float32),
                        objective_intercept.astype(np.float32),
                        list(GUIDING_PRINCIPLE_SLUGS), coef, intercept)


def train_encoder_classifier(examples: Sequence[TrainingExample], model_dir: Path,
                             encoder: SentenceEncoder) -> dict[str, Any]:
    """Fit the heads on ``examples`` and write the spaCy pipeline to ``model_dir``.

    Returns:
        The card written beside the pipeline (``card.json``): encoder, date, counts per
        source and language, objectives without a training passage.

    Raises:
        ValueError: no example has objective labels.
    """
    if not any(e.objectives is not None for e in examples):
        raise ValueError("no training example with objective labels")
    heads = fit_heads(examples, encoder)
    model_dir = Path(model_dir)
    staging = model_dir.with_name(f".{model_dir.name}.training")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    build_encoder_pipeline(heads).to_disk(staging)
    counts = count_examples(examples)
    card = {"encoder": encoder.version, "trained_on": dt.date.today().isoformat(),
            "regularisation_c": REGULARISATION_C, "data": counts,
            "by_source_and_language": {f"{source}/{lang}": n for (source, lang), n in sorted(
                Counter((e.source, e.language) for e in examples).items())},
            "objectives_without_examples": [n for n in OBJECTIVE_NUMBERS
                                            if str(n) not in counts["objective_positives"]]}
    write_json(card, staging / CARD_FILE)
    replace_folder(staging, model_dir)
    return card


def encoder_training_examples(reference_dir: Path | None,
                              labelled: Sequence[Path] = (),
                              decisions: Sequence[Decision] = ()) -> list[TrainingExample]:
    """Return the examples the shipped heads are fitted on: reference, seeds, labelled.

    The passages of analysts' ``decisions`` (``corrections.labelled_passages``) are labelled
    passages too.
    """
    examples = reference_examples(reference_dir) if reference_dir is not None else []
    examples += seed_examples()
    for path in labelled:
        examples += labelled_examples(path)
    return examples + labelled_examples_from_rows(labelled_passages(decisions))
