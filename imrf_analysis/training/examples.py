"""Training examples for the objective and guiding-principle classifiers, and where they come from.

Three sources, each kept apart so the model card can count them:

* **structure**: passages of ingested reviews that sit under a heading naming one objective
  ("Objective 16", "Objectif 16 :", "Objetivo 16.", or its title). They are positives for that
  objective and negatives for the others; their guiding principles are left unknown. Reviews
  repeat boilerplate, so near-identical passages are kept once and each objective keeps at most
  ``max_per_objective`` passages per language.
* **lexicon**: the project's EN/FR/ES lexicon terms of weight >= ``min_term_weight``, each a tiny
  example of its label (weak labels), so the classifier knows the vocabulary of every language.
* **correction**: passages of reviews an analyst decided on in a review sheet
  (``findings.corrections.labelled_passages``): a confirmed finding labels its passage with
  its objective, a moved one with the objective the analyst named.
* **seed**: short descriptor passages written by the project for each objective and guiding
  principle in EN, FR and ES, and off-topic passages as negatives
  (``resources/training/seeds/<lang>.jsonl``).

A label left out of ``objectives``/``guiding_principles`` (``None``) is unknown, not negative:
spaCy's ``textcat_multilabel`` does not learn from missing labels.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from imrf_analysis.findings.corrections import Decision, labelled_passages
from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS
from imrf_analysis.store.jsonl import read_jsonl_objects
from imrf_analysis.tagging.lexicons import LEXICON_LANGUAGES, load_lexicon
from imrf_analysis.tagging.structure import (
    guiding_principles_in_heading_path,
    objectives_in_heading_path,
)
from imrf_analysis.tagging.text import fold

SOURCES: tuple[str, ...] = ("structure", "lexicon", "seed", "composite", "correction")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class TrainingExample:
    """One labelled text; ``None`` means that label type is unknown for it."""

    text: str
    language: str
    objectives: tuple[int, ...] | None
    guiding_principles: tuple[str, ...] | None
    source: str


def seed_dir() -> Path:
    """Return the folder of the seed descriptor files written by the project."""
    return Path(str(resources.files("imrf_analysis") / "resources" / "training" / "seeds"))


def _checked_labels(values: Any, known: Sequence[Any], where: str) -> tuple[Any, ...]:
    if not isinstance(values, list) or any(value not in known for value in values):
        raise ValueError(f"{where}: labels {values!r} are not a list of {list(known)[:3]}...")
    return tuple(values)


def read_seed_examples(path: Path, language: str) -> list[TrainingExample]:
    """Read a seed file: one ``{"text", "objectives", "guiding_principles"}`` per line.

    A seed with an objective leaves its guiding principles unknown and the other way round; a
    seed with neither is a negative for both.

    Raises:
        ValueError: a line is not valid JSON or has unknown labels; names the file and line.
    """
    examples = []
    for where, row in read_jsonl_objects(path):
        if not str(row.get("text") or "").strip():
            raise ValueError(f"{where}: expected an object with a non-empty 'text'")
        objectives = _checked_labels(row.get("objectives"), OBJECTIVE_NUMBERS, where)
        principles = _checked_labels(row.get("guiding_principles"), GUIDING_PRINCIPLE_SLUGS,
                                     where)
        negative = not objectives and not principles
        examples.append(TrainingExample(
            row["text"].strip(), language,
            objectives if objectives or negative else None,
            principles if principles or negative else None, "seed"))
    return examples


def seed_examples() -> list[TrainingExample]:
    """Return the bundled seed descriptors of every lexicon language."""
    return [example for lang in LEXICON_LANGUAGES
            for example in read_seed_examples(seed_dir() / f"{lang}.jsonl", lang)]


def lexicon_examples(min_term_weight: float = 0.7) -> list[TrainingExample]:
    """Return one tiny example per specific lexicon term (weak label: the term's label).

    An objective term is a negative for the other objectives; its principles stay unknown.
    """
    examples = []
    for lang in LEXICON_LANGUAGES:
        for term in load_lexicon(lang):
            if term.weight < min_term_weight:
                continue
            text = term.pattern if isinstance(term.pattern, str) else term.term
            if term.label_type == "objective":
                examples.append(TrainingExample(text, lang, (int(term.label),), None, "lexicon"))
            else:
                examples.append(TrainingExample(text, lang, None, (term.label,), "lexicon"))
    return examples


def _heading_path(value: Any) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    return [str(heading) for heading in value]


def _boilerplate_key(text: str) -> str:
    # Generated or copied reviews differ mostly in names and figures: compare the rest.
    words = [w for w in _DIGITS.sub("", text).split() if not w[:1].isupper()]
    return fold(" ".join(words))[:160]


def structural_examples(passages: pd.DataFrame,
                        max_per_objective: int = 12) -> list[TrainingExample]:
    """Return passages under a heading naming exactly one objective as positives for it.

    Args:
        passages: Rows of a run's ``passages`` dataset (``text``, ``language``,
            ``heading_path``). Only English, French and Spanish passages are used.
        max_per_objective: Most passages kept per objective and language, in reading order.

    Returns:
        New examples; a heading naming a guiding principle also labels the principle.

    Raises:
        ValueError: a column the examples need is missing.
    """
    missing = {"text", "language", "heading_path"} - set(passages.columns)
    if missing:
        raise ValueError(f"passages lack column(s) {sorted(missing)}")
    seen: set[str] = set()
    kept: Counter[tuple[int, str]] = Counter()
    examples = []
    for text, language, path in zip(passages["text"], passages["language"],
                                    passages["heading_path"], strict=True):
        headings = _heading_path(path)
        objectives, _ = objectives_in_heading_path(headings)
        lang = str(language or "")
        if len(objectives) != 1 or lang not in LEXICON_LANGUAGES or not str(text).strip():
            continue
        (number,) = objectives
        key = _boilerplate_key(str(text))
        if key in seen or kept[(number, lang)] >= max_per_objective:
            continue
        seen.add(key)
        kept[(number, lang)] += 1
        principles, _ = guiding_principles_in_heading_path(headings)
        examples.append(TrainingExample(str(text), lang, (number,),
                                        tuple(principles) or None, "structure"))
    return examples


def composite_examples(examples: Sequence[TrainingExample], per_label: int = 30,
                       seed: int = 0) -> list[TrainingExample]:
    """Return passage-length examples made by joining examples of one objective and language.

    Review passages are several sentences long while terms are a few words: a bag-of-words
    model trained on terms alone never sees enough evidence in one text to cross its bias.
    Each composite joins 3-6 texts with the same single objective (and language); a third of
    them also join 2-3 texts of a second objective and carry both. No new label is invented.

    Returns:
        ``per_label`` new examples per objective and language (source ``"composite"``).
    """
    rng = random.Random(seed)
    pools: dict[tuple[int, str], list[str]] = defaultdict(list)
    for example in examples:
        if example.objectives is not None and len(example.objectives) == 1:
            pools[(example.objectives[0], example.language)].append(example.text)
    composites = []
    for (number, lang), texts in sorted(pools.items()):
        others = [n for (n, lang2) in pools if lang2 == lang and n != number]
        for i in range(per_label):
            parts = rng.sample(texts, min(len(texts), rng.randint(3, 6)))
            labels = [number]
            if i % 3 == 0 and others:
                second = rng.choice(others)
                labels.append(second)
                pool = pools[(second, lang)]
                parts += rng.sample(pool, min(len(pool), rng.randint(2, 3)))
                rng.shuffle(parts)
            composites.append(TrainingExample(". ".join(parts), lang, tuple(sorted(labels)),
                                              None, "composite"))
    return composites


def correction_examples(decisions: Sequence[Decision]) -> list[TrainingExample]:
    """Return the passages analysts decided on as examples (``labelled_passages``)."""
    return [TrainingExample(str(row["text"]), str(row["language"]),
                            tuple(int(n) for n in row["objectives"]),  # type: ignore[attr-defined]
                            None, "correction")
            for row in labelled_passages(decisions)]


def build_training_examples(passages: pd.DataFrame | None = None,
                            min_term_weight: float = 0.7, max_per_objective: int = 12,
                            composites_per_label: int = 30,
                            decisions: Sequence[Decision] = ()) -> list[TrainingExample]:
    """Return the training examples of all sources (structure only when passages are given).

    Returns:
        Structural, lexicon and seed examples, then composites built from them, then the
        passages of the analysts' ``decisions`` (``correction_examples``).
    """
    examples: list[TrainingExample] = []
    if passages is not None:
        examples += structural_examples(passages, max_per_objective)
    examples += lexicon_examples(min_term_weight) + seed_examples()
    return [*examples, *composite_examples(examples, composites_per_label),
            *correction_examples(decisions)]


def count_examples(examples: Iterable[TrainingExample]) -> dict[str, Any]:
    """Return how many examples each source and language gave, and positives per label."""
    examples = list(examples)
    return {
        "total": len(examples),
        "by_source": dict(Counter(e.source for e in examples)),
        "by_language": dict(Counter(e.language for e in examples)),
        "objective_positives": {str(n): c for n, c in sorted(Counter(
            n for e in examples for n in e.objectives or ()).items())},
        "guiding_principle_positives": dict(Counter(
            s for e in examples for s in e.guiding_principles or ())),
    }
