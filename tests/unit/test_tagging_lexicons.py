"""The lexicon files, how they are read, and the match keys terms are matched on."""

import json
from functools import lru_cache

import pytest
import spacy

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS
from imrf_analysis.tagging.lexicons import (
    LEXICON_LANGUAGES,
    LexiconError,
    lexicon_dir,
    load_lexicon,
    read_lexicon,
)
from imrf_analysis.tagging.pipeline import SPANS_KEY, build_pipeline, match_key

pipeline = lru_cache(maxsize=None)(build_pipeline)  # one pipeline per language for the module

ALL_LABELS = {("objective", str(n)) for n in OBJECTIVE_NUMBERS} | {
    ("guiding_principle", slug) for slug in GUIDING_PRINCIPLE_SLUGS}


@pytest.mark.parametrize("lang", LEXICON_LANGUAGES)
def test_lexicon_file_is_valid_with_known_labels_and_weights_in_range(lang):
    terms = read_lexicon(lexicon_dir() / f"{lang}.jsonl")
    assert terms
    assert {(t.label_type, t.label) for t in terms} <= ALL_LABELS
    assert all(0 < t.weight <= 1 for t in terms)


@pytest.mark.parametrize("lang", LEXICON_LANGUAGES)
def test_every_objective_and_principle_has_terms_that_can_tag_it_alone(lang):
    terms = load_lexicon(lang)
    labelled = {(t.label_type, t.label) for t in terms}
    assert labelled == ALL_LABELS
    decisive = {(t.label_type, t.label) for t in terms if t.weight >= 0.7}
    assert decisive == ALL_LABELS


@pytest.mark.parametrize(("row", "message"), [
    ({"label_type": "objective", "label": "24", "pattern": "x", "weight": 1.0}, "not a known"),
    ({"label_type": "principle", "label": "human-rights", "pattern": "x", "weight": 1.0},
     "label_type"),
    # Content labels are tags too, but they come from cue files, not from lexicons.
    ({"label_type": "content_type", "label": "progress", "pattern": "x", "weight": 1.0},
     "label_type"),
    ({"label_type": "guiding_principle", "label": "dignity", "pattern": "x", "weight": 1.0},
     "not a known"),
    ({"label_type": "objective", "label": "5", "pattern": "x", "weight": 0}, "weight"),
    ({"label_type": "objective", "label": "5", "pattern": "x", "weight": 1.5}, "weight"),
    ({"label_type": "objective", "label": "5", "pattern": " ", "weight": 1.0}, "pattern"),
    ({"label_type": "objective", "label": "5", "pattern": [{"LOWER": "visa"}], "weight": 1.0},
     "'term'"),
    ({"label_type": "objective", "label": "5", "pattern": "x", "weight": 1.0, "wieght": 1},
     "unknown keys"),
])
def test_invalid_term_is_refused_with_file_and_line(tmp_path, row, message):
    path = tmp_path / "xx.jsonl"
    good = {"label_type": "objective", "label": "20", "pattern": "remittances", "weight": 1.0}
    path.write_text(json.dumps(good) + "\n" + json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as raised:
        read_lexicon(path)
    assert f"{path}:2" in str(raised.value)


def test_repeated_term_is_refused(tmp_path):
    row = {"label_type": "objective", "label": "20", "pattern": "remittances", "weight": 1.0}
    path = tmp_path / "xx.jsonl"
    path.write_text((json.dumps(row) + "\n") * 2, encoding="utf-8")
    with pytest.raises(LexiconError, match="repeats"):
        read_lexicon(path)


def test_pattern_functions_are_registered_for_pipeline_configs():
    objective_patterns = spacy.registry.misc.get("imrf.objective_patterns.v1")
    principle_patterns = spacy.registry.misc.get("imrf.guiding_principle_patterns.v1")
    patterns = objective_patterns("es")
    assert {p["label"] for p in patterns} == {f"objective:{n}" for n in OBJECTIVE_NUMBERS}
    assert {p["label"] for p in principle_patterns("es")} == {
        f"guiding_principle:{slug}" for slug in GUIDING_PRINCIPLE_SLUGS}
    assert all(p["id"] for p in patterns)


@pytest.mark.parametrize(("lang", "forms"), [
    ("fr", ["régulier", "régulière", "réguliers", "régulières", "Régulières"]),
    ("fr", ["fondé", "fondée", "fondés", "fondées"]),
    ("fr", ["inclusif", "inclusive", "inclusives"]),
    ("es", ["dato", "datos"]),
    ("es", ["retorno", "retornos"]),
    ("es", ["desaparecido", "desaparecida", "desaparecidos", "desaparecidas"]),
    ("en", ["remittance", "remittances", "Remittances"]),
])
def test_inflections_of_a_word_share_one_match_key(lang, forms):
    keys = {pipeline(lang)(form)[0].lemma_ for form in forms}
    assert len(keys) == 1


def test_match_key_folds_case_and_accents_outside_french_and_spanish():
    assert match_key("réintégration", "Réintégration", "en") == "reintegration"


@pytest.mark.parametrize(("lang", "text", "term"), [
    ("es", "Las víctimas de la trata de personas recibieron apoyo.", "trata de personas"),
    ("fr", "Les Envois De Fonds ont augmenté.", "envois de fonds"),
    ("en", "MISSING MIGRANTS were identified.", "missing migrants"),
])
def test_pipeline_marks_terms_whatever_their_case(lang, text, term):
    doc = pipeline(lang)(text)
    assert term in {span.id_ for span in doc.spans[SPANS_KEY]}


@pytest.mark.parametrize(("lang", "text", "absent"), [
    ("es", "Se trata de personas que llegaron en 2019.", "objective:10"),
    ("fr", "Ce genre de mesure reste rare.", "guiding_principle:gender-responsive"),
    ("en", "Drug trafficking declined last year.", "objective:10"),
    ("en", "The Compact for Safe, Orderly and Regular Migration was adopted.", "objective:5"),
])
def test_pipeline_ignores_look_alike_phrases(lang, text, absent):
    doc = pipeline(lang)(text)
    assert absent not in {span.label_ for span in doc.spans[SPANS_KEY]}


@pytest.mark.parametrize(("lang", "text", "term"), [
    ("en", "Drought and conflict forced many young people to leave.", "compelled to migrate"),
    ("fr", "La sécheresse pousse de nombreux jeunes ruraux à migrer.", "poussés à migrer"),
    ("es", "La sequía obliga a muchos jóvenes del campo a emigrar.", "obligados a migrar"),
    ("en", "Laws must tackle multiple and intersecting forms of discrimination.",
     "intersecting forms of discrimination"),
    ("fr", "Les lois doivent viser les formes multiples et croisées de discrimination.",
     "formes multiples et croisées de discrimination"),
    ("fr", "Elles subissent des formes de discrimination multiples.",
     "formes de discrimination multiples et croisées"),
    ("es", "Las leyes deben abordar las formas múltiples e interseccionales de discriminación.",
     "formas múltiples e interseccionales de discriminación"),
    ("fr", "Des accords bilatéraux sur la main-d'œuvre ont été signés.",
     "accords sur la main-d'œuvre"),
    ("fr", "Les voies d'admission et de séjour ont été élargies.", "admission et de séjour"),
    ("en", "Hundreds of migrants lost their lives at sea.", "lives"),
])
def test_phrase_patterns_find_a_concept_across_its_word_orders(lang, text, term):
    doc = pipeline(lang)(text)
    assert term in {span.id_ for span in doc.spans[SPANS_KEY]}


@pytest.mark.parametrize(("lang", "text", "term"), [
    ("en", "The ministry was forced to postpone the survey. People like to move.",
     "compelled to migrate"),
    ("fr", "Le ministère a été contraint de reporter l'enquête. Ils aiment migrer.",
     "poussés à migrer"),
    ("es", "El ministerio se vio obligado por la ley. Les gusta migrar.", "obligados a migrar"),
    ("en", "Many forms of support were offered; no discrimination was found.",
     "intersecting forms of discrimination"),
    ("fr", "Plusieurs formes d'aide ont été offertes sans discrimination.",
     "formes multiples et croisées de discrimination"),
    ("es", "Se ofrecieron varias formas de apoyo sin discriminación alguna.",
     "formas múltiples e interseccionales de discriminación"),
    ("fr", "Un accord a été trouvé sur la durée du travail.", "accords sur la main-d'œuvre"),
    ("en", "The question remains open; they want a better life.", "lives"),
])
def test_phrase_patterns_skip_the_same_words_in_other_senses(lang, text, term):
    doc = pipeline(lang)(text)
    assert term not in {span.id_ for span in doc.spans[SPANS_KEY]}
