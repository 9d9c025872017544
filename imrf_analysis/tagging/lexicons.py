"""Lexicons: the terms a review uses for each objective and guiding principle, per language.

Each language has a JSONL file in ``imrf_analysis/resources/lexicons/`` with one term a line::

    {"label_type": "objective", "label": "20", "pattern": "remittances", "weight": 1.0}

``pattern`` is a phrase, matched on match keys (folded lemmas, see ``pipeline``), so
"remittance" also finds "Remittances"; or a spaCy token pattern (a list of token dicts) where a
phrase list is not enough, with a ``term`` naming it in evidence. ``weight`` in (0, 1] says how
specific the term is: 1.0 names the label on its own, 0.7-0.8 is enough alone, 0.4-0.6 needs
another cue, 0.3 and below is context (the lexicons' README gives the scale). The registered
functions below compose the files into SpanRuler patterns, so a pipeline config can name them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS

LEXICON_LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
_KEYS = frozenset({"label_type", "label", "pattern", "weight", "term"})
_LABELS = {
    "objective": frozenset(str(n) for n in OBJECTIVE_NUMBERS),
    "guiding_principle": frozenset(GUIDING_PRINCIPLE_SLUGS),
}


class LexiconError(ValueError):
    """A lexicon file has a line that is not a valid term."""


@dataclass(frozen=True)
class LexiconTerm:
    """One term of a lexicon and the label it is evidence for."""

    label_type: str
    label: str
    pattern: str | tuple[dict[str, Any], ...]
    weight: float
    term: str  # how the term is named in evidence

    @property
    def span_label(self) -> str:
        """The SpanRuler label of the term's matches: ``"<label_type>:<label>"``."""
        return f"{self.label_type}:{self.label}"


def lexicon_dir() -> Path:
    """Return the folder holding the bundled lexicons."""
    return Path(str(resources.files("imrf_analysis") / "resources" / "lexicons"))


def _parse_term(row: Any) -> LexiconTerm:
    if not isinstance(row, dict):
        raise ValueError("a term is a JSON object")
    unknown = set(row) - _KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    label_type, label = row.get("label_type"), str(row.get("label"))
    if label_type not in _LABELS:
        raise ValueError(f"label_type {label_type!r} is not one of {tuple(_LABELS)}")
    if label not in _LABELS[label_type]:
        raise ValueError(f"{label!r} is not a known {label_type}")
    weight = row.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1:
        raise ValueError(f"weight {weight!r} is not in (0, 1]")
    pattern = row.get("pattern")
    if isinstance(pattern, str) and pattern.strip():
        return LexiconTerm(label_type, label, pattern.strip(), float(weight),
                           str(row.get("term", pattern.strip())))
    if isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern):
        if not isinstance(row.get("term"), str) or not row["term"].strip():
            raise ValueError("a token pattern needs a 'term' naming it")
        return LexiconTerm(label_type, label, tuple(pattern), float(weight), row["term"].strip())
    raise ValueError("pattern is neither a phrase nor a list of token patterns")


def read_lexicon(path: Path) -> tuple[LexiconTerm, ...]:
    """Read and check a lexicon file.

    Raises:
        LexiconError: a line is not valid JSON or not a valid term, or repeats a term; the
            message names the file and the line number.
    """
    terms: list[LexiconTerm] = []
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            term = _parse_term(json.loads(line))
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            raise LexiconError(f"{path}:{number}: {error}") from None
        if (term.span_label, term.term) in seen:
            raise LexiconError(f"{path}:{number}: {term.term!r} repeats a term of {term.label}")
        seen.add((term.span_label, term.term))
        terms.append(term)
    return tuple(terms)


@cache
def load_lexicon(lang: str) -> tuple[LexiconTerm, ...]:
    """Return the bundled lexicon of ``lang`` (one of ``LEXICON_LANGUAGES``)."""
    if lang not in LEXICON_LANGUAGES:
        raise KeyError(f"no lexicon for language {lang!r}; lexicons: {LEXICON_LANGUAGES}")
    return read_lexicon(lexicon_dir() / f"{lang}.jsonl")


def _patterns(lang: str, label_type: str) -> list[dict[str, Any]]:
    return [
        {"label": t.span_label, "id": t.term,
         "pattern": t.pattern if isinstance(t.pattern, str) else list(t.pattern)}
        for t in load_lexicon(lang) if t.label_type == label_type
    ]


@spacy.registry.misc("imrf.objective_patterns.v1")
def objective_patterns(lang: str) -> list[dict[str, Any]]:
    """Return SpanRuler patterns for the 23 objectives in ``lang``; ``id`` names the term."""
    return _patterns(lang, "objective")


@spacy.registry.misc("imrf.guiding_principle_patterns.v1")
def guiding_principle_patterns(lang: str) -> list[dict[str, Any]]:
    """Return SpanRuler patterns for the 10 guiding principles in ``lang``."""
    return _patterns(lang, "guiding_principle")


@cache
def term_weights(lang: str) -> dict[tuple[str, str], float]:
    """Return the weight of each term of ``lang``, keyed by (span label, term)."""
    return {(t.span_label, t.term): t.weight for t in load_lexicon(lang)}
