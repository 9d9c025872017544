"""The spaCy pipelines that find lexicon terms: blank language, lookup lemmas, span ruler.

No statistical model is needed: a blank tokenizer, a component that looks each word's lemma
up in the tables of ``spacy-lookups-data`` (as spaCy's lookup lemmatizer does) and turns it into
a match key, and a SpanRuler (``ruler.TermRuler``) matching the lexicons on those keys
(``phrase_matcher_attr="LEMMA"``). Matches land in ``doc.spans[SPANS_KEY]`` labelled
``"<label_type>:<label>"`` with the term as ``span.id_``.

The match key is the lemma folded (lower case, no accents). The French and Spanish lookup
tables are inconsistent across gender and number ("régulière" stays, "régulières" becomes
"régulier"; "dato" becomes the verb "datar" but "datos" the noun "dato"), so for those
languages the key also drops agreement endings: "régulier", "régulière", "réguliers" and
"régulières" all read "regulier"; "desaparecido(s)" and "desaparecida(s)" read "desaparecid".
Patterns go through the same pipeline, so a term written in one form finds the others.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_language_data
from spacy.vocab import Vocab
from thinc.types import Ints2d

from imrf_analysis.tagging.ruler import TermRuler
from imrf_analysis.tagging.text import fold

SPANS_KEY = "imrf_terms"
LONGEST_TEXT = 100_000_000  # characters; see build_pipeline

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


def _first(found: Any) -> str:
    # Lookup tables map a form to a lemma or to a list of lemmas, the first being the usual one.
    return found if isinstance(found, str) else found[0]


@cache
def lemma_lookup(lang: str) -> dict[str, Any]:
    """Return the lookup lemmatizer's table of ``lang`` from ``spacy-lookups-data``.

    The table is the one spaCy's ``Lemmatizer`` (``mode="lookup"``) reads, kept as a plain dict
    keyed by form and shared by every pipeline of the process.

    Raises:
        KeyError: ``spacy-lookups-data`` has no lemma table for ``lang``.
    """
    tables = spacy.registry.lookups.get(lang) if lang in spacy.registry.lookups else {}
    if "lemma_lookup" not in tables:
        raise KeyError(f"spacy-lookups-data has no lemma_lookup table for {lang!r}")
    return cast(dict[str, Any], load_language_data(tables["lemma_lookup"]))


class MatchKeys:
    """Set each token's lemma to its match key: its lookup lemma, then ``match_key``.

    The lemma is the one spaCy's lookup ``Lemmatizer`` gives (a lemma already set is kept).
    The tables are case-sensitive ("Children" stays "Children"), and reviews capitalise
    headings and programme names, so a capitalised word is looked up again in lower case.
    A token's key depends on its text alone, so each distinct word is keyed once per pipeline
    and the keys are written through the doc's arrays, without building a ``Token`` per word.
    """

    def __init__(self, nlp: Language, name: str = "imrf_match_keys") -> None:
        self.nlp = nlp
        self.name = name
        self.lang = nlp.lang or ""
        self._table: dict[str, Any] | None = None
        self._keys: dict[int, int] = {}  # orth of a token without lemma -> hash of its key

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Load the lemma table (``nlp.initialize`` calls this; otherwise the first doc does)."""
        self._table = lemma_lookup(self.lang)

    def key_of(self, text: str, lower: str, lemma: str = "") -> str:
        """Return the match key of a word, given its lower case and the lemma already set."""
        table = self._table if self._table is not None else lemma_lookup(self.lang)
        self._table = table
        lemma = (lemma or _first(table.get(text, text))) or text
        if lemma == text and text != lower:
            lemma = _first(table.get(lower, lower))
        return match_key(lower, lemma, self.lang)

    def _key_hash(self, vocab: Vocab, orth: int, lemma: int) -> int:
        text = vocab.strings[orth]
        set_lemma = vocab.strings[lemma] if lemma else ""
        return vocab.strings.add(self.key_of(text, vocab[orth].lower_, set_lemma))

    def __call__(self, doc: Doc) -> Doc:
        """Return ``doc`` with each token's lemma replaced by its match key."""
        if not len(doc):
            return doc
        vocab = doc.vocab
        # The cached keys are strings of this pipeline's vocab: a doc of another starts afresh.
        keys = self._keys if vocab is self.nlp.vocab else {}
        values = []
        for orth, lemma in doc.to_array([ORTH, LEMMA]).tolist():
            if lemma:
                values.append(self._key_hash(vocab, orth, lemma))
                continue
            key = keys.get(orth)
            if key is None:
                key = keys[orth] = self._key_hash(vocab, orth, 0)
            values.append(key)
        keyed = numpy.array(values, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], cast(Ints2d, keyed))
        return doc


@Language.factory("imrf_match_keys")
def make_match_keys(nlp: Language, name: str) -> MatchKeys:
    """Build the match-key component (``name`` is the pipe name spaCy gives it)."""
    return MatchKeys(nlp, name)


def build_pipeline(lang: str) -> Language:
    """Return a pipeline that marks the objective and guiding-principle terms of ``lang``.

    Returns:
        A blank ``lang`` pipeline (``spacy.blank``) with the match keys (lookup lemmas)
        and a span ruler loaded from ``imrf.objective_patterns.v1`` and
        ``imrf.guiding_principle_patterns.v1``.
    """
    # French takes about 2.3 s more than English here (spaCy compiles its French TOKEN_MATCH),
    # once per process: under 10% of every benchmark figure (benchmarks/README.md).
    nlp = spacy.blank(lang)
    # spaCy refuses texts over a million characters to spare a parser's memory; these
    # components keep a few bytes per word, so a long passage given to `imrf tag` is read.
    nlp.max_length = LONGEST_TEXT
    nlp.add_pipe("imrf_match_keys")
    ruler = cast(TermRuler, nlp.add_pipe("imrf_term_ruler", config={
        "spans_key": SPANS_KEY, "phrase_matcher_attr": "LEMMA", "validate": True}))
    nlp.initialize()
    patterns = (spacy.registry.misc.get("imrf.objective_patterns.v1")(lang)
                + spacy.registry.misc.get("imrf.guiding_principle_patterns.v1")(lang))
    ruler.add_patterns(patterns)
    return nlp
