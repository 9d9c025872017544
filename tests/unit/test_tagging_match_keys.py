"""Match keys and classifier words read from doc arrays equal the token-by-token rule."""

from functools import cache

import pytest
import spacy
from spacy.matcher import Matcher

from imrf_analysis.tagging.classifier import classifier_words
from imrf_analysis.tagging.lexicons import LEXICON_LANGUAGES, load_lexicon
from imrf_analysis.tagging.pipeline import build_pipeline, match_key
from imrf_analysis.tagging.ruler import GatedMatcher, pattern_anchors

pipeline = cache(build_pipeline)

TEXTS = {
    "fr": ("Les Travailleuses migrantes régulières n'ont pas accès aux Droits (2024) ; "
           "les ENFANTS non accompagnés, les données ventilées et les agences fondées en 2019. "
           "Les formes multiples et croisées de discrimination poussent à migrer.  Fin."),
    "es": ("Las Remesas de los trabajadores migrantes, los datos desglosados y el Retorno "
           "digno; las personas desaparecidas y la trata de personas: 25 % en 2023. "
           "Las formas múltiples e interseccionales de discriminación obligan a migrar."),
    "en": ("Children's rights, Remittances and the trafficking of persons: regular migration "
           "pathways (IRIS) for 1,200 migrant workers forced to leave.\n\nLives saved."),
}


@cache
def lemmatizer_pipeline(lang):
    """spaCy's own lookup lemmatizer: the reference the match keys are built on."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def keys_token_by_token(text, lang):
    """The match key of each token, from spaCy's lemmatizer and ``match_key`` on Tokens."""
    nlp = lemmatizer_pipeline(lang)
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    keys = []
    for token in nlp(text):
        lower = token.lower_
        lemma = token.lemma_ or token.text
        if lemma == token.text and token.text != lower:
            found = table.get(lower, lower)
            lemma = found[0] if isinstance(found, list) else found
        keys.append(match_key(lower, lemma, lang))
    return keys


@pytest.mark.parametrize("lang", LEXICON_LANGUAGES)
def test_match_keys_from_arrays_equal_the_lemmatizer_and_match_key_per_token(lang):
    doc = pipeline(lang)(TEXTS[lang])
    assert [token.lemma_ for token in doc] == keys_token_by_token(TEXTS[lang], lang)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_word_seen_again_gets_the_same_key_from_the_cache(lang):
    nlp = pipeline(lang)
    first = [t.lemma_ for t in nlp(TEXTS[lang])]
    again = [t.lemma_ for t in nlp(TEXTS[lang])]
    assert first == again
    assert first == keys_token_by_token(TEXTS[lang], lang)


def test_a_lemma_already_set_is_keyed_not_looked_up():
    nlp = pipeline("es")
    doc = nlp.make_doc("Remesas enviadas")
    doc[0].lemma_ = "Envíos"
    keyed = nlp.get_pipe("imrf_match_keys")(doc)
    assert keyed[0].lemma_ == match_key("remesas", "Envíos", "es")
    assert keyed[1].lemma_ == keys_token_by_token("Remesas enviadas", "es")[1]


def test_pipeline_keys_lemmas_itself_without_a_separate_lemmatizer():
    nlp = pipeline("fr")
    assert nlp.pipe_names == ["imrf_match_keys", "imrf_term_ruler"]
    factories = [nlp.config["components"][name]["factory"] for name in nlp.pipe_names]
    assert factories == ["imrf_match_keys", "imrf_term_ruler"]


@pytest.mark.parametrize("lang", LEXICON_LANGUAGES)
def test_classifier_words_are_the_keys_of_words_not_punctuation_spaces_or_numbers(lang):
    doc = pipeline(lang)(TEXTS[lang])
    expected = [t.lemma_ for t in doc
                if not (t.is_punct or t.is_space or t.like_num) and t.lemma_]
    assert classifier_words(doc) == expected
    assert classifier_words(pipeline(lang)("")) == []


def test_pattern_anchors_skip_optional_tokens_and_negative_conditions():
    pattern = [{"LOWER": {"NOT_IN": ["and"]}}, {"LEMMA": "regular"},
               {"IS_PUNCT": False, "OP": "{0,3}"}, {"LOWER": {"IN": ["migration", "mobility"]}}]
    anchors = pattern_anchors(pattern)
    assert len(anchors) == 2
    assert pattern_anchors([{"IS_PUNCT": False}, {"LOWER": {"REGEX": "^mig"}}]) == ()


def _token_patterns(lang):
    return [(term.span_label, list(term.pattern)) for term in load_lexicon(lang)
            if not isinstance(term.pattern, str)]


@pytest.mark.parametrize("lang", LEXICON_LANGUAGES)
def test_gated_matcher_finds_what_spacys_matcher_finds_with_the_lexicon_patterns(lang):
    nlp = pipeline(lang)
    gated, plain = GatedMatcher(nlp.vocab), Matcher(nlp.vocab)
    patterns = _token_patterns(lang)
    assert patterns
    for label, pattern in patterns:
        gated.add(label, [pattern])
        plain.add(label, [pattern])
    texts = [*TEXTS.values(), "Nothing here at all.", ""]
    found_any = False
    for text in texts:
        doc = nlp(text)
        assert sorted(gated(doc)) == sorted(plain(doc))
        found_any = found_any or bool(plain(doc))
    assert found_any


def test_gated_matcher_skips_a_pattern_whose_required_word_is_missing():
    nlp = pipeline("en")
    gated = GatedMatcher(nlp.vocab)
    gated.add("regular", [[{"LOWER": {"NOT_IN": ["and"]}}, {"LOWER": "regular"},
                           {"LOWER": "migration"}]])
    assert gated(nlp("safe regular migration")) != []
    assert gated(nlp("safe regular pathways and migration")) == []
    assert "regular" in gated
    gated.remove("regular")
    assert "regular" not in gated
    assert gated(nlp("safe regular migration")) == []


@pytest.mark.parametrize("text", [
    "travailleuses migrantes migrantes",  # overlapping matches
    "Les travailleuses",  # a two-word pattern cannot start on the last word
    "migrantes",
    "admission et séjour",  # shorter than a pattern whose words it holds
    "les Travailleuses Migrantes et l'admission et de séjour",
])
def test_fixed_word_patterns_found_on_arrays_as_spacys_matcher_finds_them(text):
    nlp = pipeline("fr")
    patterns = [
        [{"LOWER": {"IN": ["travailleuses", "migrantes"]}},
         {"LOWER": {"IN": ["migrantes", "travailleuses"]}}],
        [{"LOWER": "admission"}, {"LOWER": "et"}, {"LOWER": {"IN": ["de", "du"]}},
         {"LOWER": "séjour"}],
        [{"ORTH": "Travailleuses", "LOWER": "travailleuses"}],
        [{"LEMMA": "migrant"}],
    ]
    gated, plain = GatedMatcher(nlp.vocab), Matcher(nlp.vocab)
    for number, pattern in enumerate(patterns):
        gated.add(f"p{number}", [pattern])
        plain.add(f"p{number}", [pattern])
    doc = nlp(text)
    assert sorted(gated(doc)) == sorted(plain(doc))


def test_a_doc_shorter_than_a_fixed_word_pattern_has_no_match_even_with_its_words():
    nlp = pipeline("fr")
    gated = GatedMatcher(nlp.vocab)
    gated.add("et-et-et-et", [[{"LOWER": "et"}] * 4])
    assert gated(nlp("et et")) == []
    assert len(gated(nlp("et et et et et"))) == 2
