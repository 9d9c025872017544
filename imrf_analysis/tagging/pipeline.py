"""The spaCy pipelines that find lexicon terms: blank language, lookup lemmas, span ruler.

No statistical model is needed: a blank tokenizer, the lookup lemmatizer of
``spacy-lookups-data``, a component that turns each lemma into a match key, and a SpanRuler
matching the lexicons on those keys (``phrase_matcher_attr="LEMMA"``). Matches land in
``doc.spans[SPANS_KEY]`` labelled ``"<label_type>:<label>"`` with the term as ``span.id_``.

The match key is the lemma folded (lower case, no accents). The French and Spanish lookup
tables are inconsistent across gender and number ("régulière" stays, "régulières" becomes
"régulier"; "dato" becomes the verb "datar" but "datos" the noun "dato"), so for those
languages the key also drops agreement endings: "régulier", "régulière", "réguliers" and
"régulières" all read "regulier"; "desaparecido(s)" and "desaparecida(s)" read "desaparecid".
Patterns go through the same pipeline, so a term written in one form finds the others.
"""

from __future__ import annotations

from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer, SpanRuler
from spacy.tokens import Doc

from imrf_analysis.tagging.text import fold

SPANS_KEY = "imrf_terms"

# Forms the lookup tables send to a verb's infinitive although, in reviews, they are nearly
# always nouns or participles ("datos", "retorno", "agences", "fondée"): keep the surface.
_INFINITIVE_ENDINGS = {"fr": ("er", "ir", "re"), "es": ("ar", "er", "ir")}
_NOMINAL_ENDINGS = {"fr": ("e", "es", "é", "és"), "es": ("o", "a", "e", "os", "as", "es")}
_AGREEMENT_VOWELS = {"fr": "e", "es": "oae"}
_MIN_KEY_LENGTH = 4  # short function words keep their lemma


def match_key(lower: str, lemma: str, lang: str) -> str:
    """Return the key a token is matched on: its lemma, folded, without agreement endings."""
    if lang not in _INFINITIVE_ENDINGS:
        return fold(lemma)
    if lemma != lower and lemma.endswith(_INFINITIVE_ENDINGS[lang]) and lower.endswith(
            _NOMINAL_ENDINGS[lang]):
        lemma = lower
    key = fold(lemma)
    if len(key) <= _MIN_KEY_LENGTH:
        return key
    if key[-1] in "sx":
        key = key[:-1]
    for _ in range(2 if lang == "fr" else 1):  # French "-ée": drop both vowels
        if len(key) > _MIN_KEY_LENGTH and key[-1] in _AGREEMENT_VOWELS[lang]:
            key = key[:-1]
    if lang == "fr":  # "inclusive" -> "inclusif", "universelle" -> "universel"
        if key.endswith("iv"):
            key = key[:-1] + "f"
        elif key[-2:] in ("ll", "nn", "tt"):
            key = key[:-1]
    return key


class MatchKeys:
    """Set each token's lemma to its match key, looking capitalised words up in lower case.

    The lookup tables are case-sensitive ("Children" stays "Children"), and reviews capitalise
    headings and programme names, so a capitalised word is looked up again in lower case.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._table: Any = None

    def _lookup_table(self) -> Any:
        if self._table is None:
            lemmatizer = cast(Lemmatizer, self.nlp.get_pipe("lemmatizer"))
            self._table = lemmatizer.lookups.get_table("lemma_lookup", {})
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        """Return ``doc`` with each token's lemma replaced by its match key."""
        table = self._lookup_table()
        lang = self.nlp.lang or ""
        for token in doc:
            lower = token.lower_
            lemma = token.lemma_ or token.text
            if lemma == token.text and token.text != lower:
                found = table.get(lower, lower)
                lemma = found[0] if isinstance(found, list) else found
            token.lemma_ = match_key(lower, lemma, lang)
        return doc


@Language.factory("imrf_match_keys")
def make_match_keys(nlp: Language, name: str) -> MatchKeys:
    """Build the match-key component (``name`` is the pipe name spaCy gives it)."""
    return MatchKeys(nlp)


def build_pipeline(lang: str) -> Language:
    """Return a pipeline that marks the objective and guiding-principle terms of ``lang``.

    Returns:
        A blank ``lang`` pipeline with the lookup lemmatizer, the match keys and a span ruler
        loaded from ``imrf.objective_patterns.v1`` and ``imrf.guiding_principle_patterns.v1``.
    """
    nlp = spacy.blank(lang)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("imrf_match_keys")
    ruler = cast(SpanRuler, nlp.add_pipe("span_ruler", config={
        "spans_key": SPANS_KEY, "phrase_matcher_attr": "LEMMA", "validate": True}))
    nlp.initialize()
    patterns = (spacy.registry.misc.get("imrf.objective_patterns.v1")(lang)
                + spacy.registry.misc.get("imrf.guiding_principle_patterns.v1")(lang))
    ruler.add_patterns(patterns)
    return nlp
