"""The French pipeline built from the tokenizer snapshot is ``spacy.blank("fr")``, only faster.

Each test compares it with spaCy's own French (imported here, which takes a few seconds).
"""

import json
import logging
import re
import subprocess
import sys
from functools import cache
from importlib import resources

import spacy
import srsly
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from spacy.lang.char_classes import ALPHA, ALPHA_LOWER
from spacy.lang.fr import French, lex_attrs
from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH, _regular_exp
from spacy.util import load_language_data

from imrf_analysis.reference.gcm import OBJECTIVES
from imrf_analysis.samples import SAMPLE_REVIEWS, compose_review
from imrf_analysis.tagging import languages
from imrf_analysis.tagging.lexicons import load_lexicon

TRICKY_TEXT = (
    "aujourd'hui Aujourd’hui peut-être c'est-à-dire non-refoulement main-d'œuvre Saint-Étienne "
    "États-Unis entr'ouvert porte-parole arc-en-ciel l'OIM qu'il J.-C. n° M. Mme. etc. "
    "https://www.iom.int/fr/pacte-mondial?x=1 www.un.org/fr 1er 2e 3ème XXIe 1 515 000 "
    "12,5 % 2023-2024 +3,4 1/2 vingt-trois quatre-vingt-dix dix-septième "
    "est-ce qu'il a-t-il Qu'est-ce (OIM) « Pacte » — 20 %. "
    "faux-semblant anti-traite Porte-Parole NON-REFOULEMENT sous-région franco-marocain "
    "saut-de-ski pet-en-l'air burn-out Droits-de-l'homme prud'homme "
)


def french_texts() -> list[str]:
    """French text the repository holds: sample reviews, training seeds, lexicon, titles."""
    reviews = [compose_review(spec).text() for spec in SAMPLE_REVIEWS if spec.language == "fr"]
    sample_prose = (resources.files("imrf_analysis.samples") / "text" / "fr.txt").read_text()
    seeds = (resources.files("imrf_analysis") / "resources" / "training" / "seeds" / "fr.jsonl")
    seed_texts = [json.loads(line)["text"] for line in seeds.read_text().splitlines()]
    terms = "\n".join(term.term for term in load_lexicon("fr"))
    titles = "\n".join(f"{o.title['fr']} ({o.short_name['fr']})" for o in OBJECTIVES)
    return [*reviews, sample_prose, *seed_texts, terms, titles, TRICKY_TEXT]


def token_attributes(nlp, text):
    return [(t.text, t.whitespace_, t.lower_, t.norm_, t.like_num, t.is_punct, t.is_space,
             t.is_stop) for t in nlp(text)]


@cache
def snapshot_token_match():
    return languages.blank("fr").tokenizer.token_match


def test_french_from_the_snapshot_tokenizes_as_spacy_blank_fr():
    nlp, spacy_nlp = languages.blank("fr"), spacy.blank("fr")
    assert type(spacy_nlp) is French and type(nlp) is not French
    for text in french_texts():
        assert token_attributes(nlp, text) == token_attributes(spacy_nlp, text)
    # Words kept whole by token_match and by the special cases, then split by the prefixes.
    assert [t.text for t in nlp("porte-parole non-refoulement aujourd'hui J.-C. qu'il")] == [
        "porte-parole", "non-refoulement", "aujourd'hui", "J.", "-C.", "qu'", "il"]
    assert nlp.lang == "fr" and nlp.config == spacy_nlp.config


def spacy_words_with_hyphen_or_elision():
    """French words written with a hyphen or an apostrophe, from spacy-lookups-data."""
    table = load_language_data(spacy.registry.lookups.get("fr")["lemma_lookup"])
    words = {w for form, lemma in table.items()
             for w in (form, *([lemma] if isinstance(lemma, str) else lemma))}
    return sorted(w for w in words if re.search("[-–—‐‑'’]", w))


def test_snapshot_token_match_agrees_with_spacy_on_french_words():
    words = spacy_words_with_hyphen_or_elision()
    variants = {v for w in words for v in (
        w, w.upper(), w.title(), w.replace("-", "‐"), w.replace("-", "–"), w.replace("'", "’"),
        w[:-1], w.split("-")[0] + "-", w + "1")}
    token_match = snapshot_token_match()
    disagreements = [v for v in variants if bool(token_match(v)) != bool(TOKEN_MATCH(v))]
    assert disagreements == []
    matched = sum(bool(TOKEN_MATCH(v)) for v in variants)
    assert len(words) > 4000 and 10_000 < matched < len(variants) - 10_000


# Letters of spaCy's classes, few enough for hypothesis to draw from.
_FEW_LETTERS = {ALPHA: "A-Za-zÀ-ÖØ-öø-ÿŒœ", ALPHA_LOWER: "a-zß-öø-ÿœ"}


def _few_letters(alternative):
    for letters, few in _FEW_LETTERS.items():
        alternative = alternative.replace(letters, few)
    return alternative


# For each of spaCy's alternatives, a word it matches (drawn from fewer letters).
_WORDS_OF_EACH_ALTERNATIVE = st.tuples(
    *(st.from_regex(_few_letters(alternative), fullmatch=True) for alternative in _regular_exp))
_EDITS = (str, str.upper, str.title, lambda w: w[:-1], lambda w: w + "-", lambda w: w + "2",
          lambda w: "x" + w, lambda w: w.replace("-", " "), lambda w: w.replace("'", "’"))


# No shrinking: the failing word is in the message, and shrinking 532 words takes minutes.
@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          phases=[Phase.generate])
@given(_WORDS_OF_EACH_ALTERNATIVE,
       st.lists(st.sampled_from(_EDITS), min_size=len(_regular_exp), max_size=len(_regular_exp)))
def test_snapshot_token_match_agrees_with_spacy_on_made_up_words(words, edits):
    token_match = snapshot_token_match()
    for word in (*words, *(edit(word) for word, edit in zip(words, edits, strict=True))):
        assert bool(token_match(word)) == bool(TOKEN_MATCH(word)), word


def test_the_snapshot_is_current():
    assert languages.make_french_snapshot() == languages.snapshot_path("fr").read_bytes(), (
        f"the French tokenizer snapshot is stale: run {languages.REGENERATE_COMMAND}")


def test_a_snapshot_of_another_spacy_version_falls_back_to_spacy_blank(
        tmp_path, monkeypatch, caplog):
    snapshot = srsly.msgpack_loads(languages.snapshot_path("fr").read_bytes())
    stale = tmp_path / "fr.bin"
    stale.write_bytes(srsly.msgpack_dumps({**snapshot, "spacy_version": "3.0.0"}))
    monkeypatch.setattr(languages, "snapshot_path", lambda lang: stale)
    languages._french_snapshot.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger=languages.__name__):
            assert type(languages.blank("fr")) is French
            assert type(languages.blank("fr")) is French
    finally:
        languages._french_snapshot.cache_clear()
    assert len(caplog.records) == 1
    assert str(stale) in caplog.text and languages.REGENERATE_COMMAND in caplog.text


def test_other_languages_are_spacy_blank():
    assert type(languages.blank("en")) is type(spacy.blank("en"))


def test_build_pipeline_fr_does_not_import_spacy_lang_fr():
    code = ("import sys, time\n"
            "from imrf_analysis.tagging.pipeline import build_pipeline\n"
            "start = time.perf_counter()\n"
            "nlp = build_pipeline('fr')\n"
            "seconds = time.perf_counter() - start\n"
            "tokens = len(nlp('Les travailleurs migrants et leurs familles.'))\n"
            "assert 'spacy.lang.fr' not in sys.modules\n"
            "print(nlp.lang, tokens, seconds)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    lang, tokens, seconds = result.stdout.split()
    assert (lang, tokens) == ("fr", "7")
    print(f"build_pipeline('fr') in a fresh process: {float(seconds):.2f} s")


def test_like_num_is_spacys_french_like_num():
    assert (languages._num_words, languages._ordinal_words) == (
        lex_attrs._num_words, lex_attrs._ordinal_words)
    words = ["12", "+3", "-4,5", "1.000", "1/2", "1/x", "3/4/5", "Vingt", "DIX-SEPT", "1er",
             "quinzième", "migrants", "", "~7", "±2", "½"]
    assert [languages.like_num(w) for w in words] == [lex_attrs.like_num(w) for w in words]


def test_numbers_and_stop_words_are_french():
    nlp = languages.blank("fr")
    assert [t.like_num for t in nlp("dix-sept quinzième 1er trois migrants")] == [
        True, True, False, True, False]
    assert nlp("leurs")[0].is_stop and not nlp("migrants")[0].is_stop
