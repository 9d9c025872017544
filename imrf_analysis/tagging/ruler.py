"""The span ruler of the lexicon pipelines: spaCy's SpanRuler, with token patterns gated.

A few lexicon terms are token patterns, and some of them open on almost any word ("any word but
'and' or 'orderly', then 'regular migration'"), so spaCy's ``Matcher`` tries them at every
token of every passage. Yet a pattern can only match a passage that holds, for each of its
required tokens, a word with the text, lower case or lemma that token asks for. ``GatedMatcher``
keeps one ``Matcher`` per token pattern and runs it only on passages that hold those words: the
matches are the same, since a skipped pattern could not have matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.matcher.levenshtein import levenshtein_compare
from spacy.pipeline import SpanRuler
from spacy.pipeline.span_ruler import overlapping_labeled_spans_score
from spacy.strings import get_string_id
from spacy.tokens import Doc

_GATE_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "LEMMA": LEMMA}
_ARRAY_ATTRS = (ORTH, LOWER, LEMMA)

Anchor = tuple[int, frozenset[int]]  # attribute id, hashes of the values a token must have


def _anchor(key: str, value: Any) -> Anchor | None:
    attr = _GATE_ATTRS.get(key.upper())
    if attr is None:
        return None
    if isinstance(value, str):
        return attr, frozenset({get_string_id(value)})
    if (isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list)
            and all(isinstance(v, str) for v in value["IN"])):
        return attr, frozenset(get_string_id(v) for v in value["IN"])
    return None


def pattern_anchors(pattern: Sequence[dict[str, Any]]) -> tuple[Anchor, ...]:
    """Return what a doc needs for ``pattern`` to match: per required token, allowed values.

    Only tokens without an operator count (an optional token requires nothing), and only
    exact values or ``IN`` lists of the text, lower case or lemma; other conditions
    (``NOT_IN``, ``REGEX``, flags) are left to the ``Matcher``.

    Returns:
        ``(attribute id, hashes)`` pairs: some token of the doc must have one of the hashes as
        that attribute, for each pair.
    """
    anchors: list[Anchor] = []
    for token in pattern:
        if any(key.upper() == "OP" for key in token):
            continue
        anchors.extend(a for a in (_anchor(k, v) for k, v in token.items()) if a is not None)
    return tuple(anchors)


def _exact_steps(pattern: Sequence[dict[str, Any]]) -> tuple[tuple[Anchor, ...], ...] | None:
    # A pattern of fixed words (each token only exact values or IN lists, no operator) is
    # matched on the arrays directly; any other condition leaves it to the Matcher.
    steps = []
    for token in pattern:
        conditions = [_anchor(key, value) for key, value in token.items()]
        if not conditions or None in conditions:
            return None
        steps.append(tuple(a for a in conditions if a is not None))
    return tuple(steps) if steps else None


@dataclass
class _GatedPattern:
    key: str
    match_id: int
    anchors: tuple[Anchor, ...]
    matcher: Matcher
    exact_steps: tuple[tuple[Anchor, ...], ...] | None

    def find(self, doc: Doc, columns: dict[int, list[int]]) -> list[tuple[int, int, int]]:
        """Return the matches of this pattern in ``doc``, whose arrays are ``columns``."""
        if self.exact_steps is None:
            return list(self.matcher(doc))
        width = len(self.exact_steps)
        attr, allowed = self.exact_steps[0][0]
        last_start = len(doc) - width
        starts = [start for start, value in enumerate(columns[attr][:max(0, last_start + 1)])
                  if value in allowed]
        return [(self.match_id, start, start + width) for start in starts
                if all(columns[a][start + offset] in values
                       for offset, conditions in enumerate(self.exact_steps)
                       for a, values in conditions)]


class GatedMatcher:
    """A ``Matcher`` that tries each token pattern only on docs holding its required words.

    A pattern of fixed words (no operators, only exact values or ``IN`` lists of the text,
    lower case or lemma) is found on the doc's arrays without the ``Matcher``; it is still
    added to one, so it is validated the same way.
    """

    def __init__(self, vocab: Any, validate: bool = False,
                 fuzzy_compare: Callable[..., bool] = levenshtein_compare) -> None:
        self.vocab = vocab
        self.validate = validate
        self.fuzzy_compare = fuzzy_compare
        self._patterns: list[_GatedPattern] = []

    def __len__(self) -> int:
        return len({gated.key for gated in self._patterns})

    def __contains__(self, key: str) -> bool:
        return any(gated.key == key for gated in self._patterns)

    def add(self, key: str, patterns: Iterable[list[dict[str, Any]]]) -> None:
        """Add token ``patterns`` under the match key ``key``, one ``Matcher`` each."""
        for pattern in patterns:
            matcher = Matcher(self.vocab, validate=self.validate,
                              fuzzy_compare=self.fuzzy_compare)
            matcher.add(key, [pattern])
            self._patterns.append(_GatedPattern(key, self.vocab.strings.add(key),
                                                pattern_anchors(pattern), matcher,
                                                _exact_steps(pattern)))

    def remove(self, key: str) -> None:
        """Remove the patterns of match key ``key``."""
        self._patterns = [gated for gated in self._patterns if gated.key != key]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Return ``(match id, start, end)`` of every token pattern found, in no set order."""
        if not self._patterns or not len(doc):
            return []
        columns = dict(zip(_ARRAY_ATTRS, doc.to_array(list(_ARRAY_ATTRS)).T.tolist(),
                           strict=True))
        present = {attr: set(values) for attr, values in columns.items()}
        matches: list[tuple[int, int, int]] = []
        for gated in self._patterns:
            if all(not present[attr].isdisjoint(allowed) for attr, allowed in gated.anchors):
                matches.extend(gated.find(doc, columns))
        return matches


class TermRuler(SpanRuler):
    """spaCy's ``SpanRuler`` whose token patterns go through a ``GatedMatcher``."""

    def clear(self) -> None:
        """Reset all patterns."""
        super().clear()
        self.matcher = GatedMatcher(  # type: ignore[assignment]
            self.nlp.vocab, validate=self.validate, fuzzy_compare=self.matcher_fuzzy_compare)


@Language.factory("imrf_term_ruler", assigns=["doc.spans"], default_config={
    "spans_key": "ruler", "phrase_matcher_attr": None, "validate": False, "overwrite": True})
def make_term_ruler(nlp: Language, name: str, spans_key: str,
                    phrase_matcher_attr: str | None, validate: bool,
                    overwrite: bool) -> TermRuler:
    """Build the span ruler of the lexicon pipelines (``name`` is the pipe name)."""
    return TermRuler(nlp, name, spans_key=spans_key, phrase_matcher_attr=phrase_matcher_attr,
                     validate=validate, overwrite=overwrite,
                     scorer=partial(overlapping_labeled_spans_score, spans_key=spans_key))
