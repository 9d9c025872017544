"""Behaviour of the trained classifiers shipped with the package, alone and combined."""

import json

import pytest

from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS
from imrf_analysis.tagging import Tagger
from imrf_analysis.tagging.classifier import bundled_model_dir

from .sentences import OBJECTIVE_SENTENCES, OFF_TOPIC_SENTENCES, REMITTANCE_CLAUSES

LANGUAGES = ("en", "fr", "es")
MAX_MODEL_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def classifier_only(tagger):
    return Tagger(classifier=tagger.classifier, signals=("classifier",))


def test_the_default_tagger_combines_rules_with_the_bundled_classifier(tagger):
    assert tagger.classifier is not None
    assert {"heading", "mention", "lexicon", "classifier"} <= tagger.signals


def test_bundled_model_is_small_and_carries_its_card():
    model = bundled_model_dir()
    size = sum(p.stat().st_size for p in model.rglob("*") if p.is_file())
    assert size < MAX_MODEL_BYTES
    card = json.loads((model / "card.json").read_text(encoding="utf-8"))
    assert set(card["data"]["xx"]["by_source"]) >= {"lexicon", "seed", "structure"}
    assert (model.parent / "MODEL_CARD.md").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_classifier_alone_ranks_a_clear_sentence_s_objective_first(classifier_only, lang):
    wrong = {}
    for number in OBJECTIVE_NUMBERS:
        (scores,) = classifier_only.score([OBJECTIVE_SENTENCES[number][lang]], [lang])
        if scores.top_objective() != number:
            wrong[number] = scores.top_objective()
    assert not wrong, wrong


@pytest.mark.parametrize("lang", LANGUAGES)
def test_classifier_alone_keeps_no_objective_for_an_off_topic_sentence(classifier_only, lang):
    (scores,) = classifier_only.score([OFF_TOPIC_SENTENCES[lang]], [lang])
    assert scores.objectives() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_remittance_clause_lifts_objective_20_in_the_combined_score(tagger, lang):
    sentence = OBJECTIVE_SENTENCES[13][lang]
    (before,) = tagger.score([sentence], [lang])
    (after,) = tagger.score([sentence + REMITTANCE_CLAUSES[lang]], [lang])
    assert after.objective_scores[20] > before.objective_scores[20] + 0.2
    assert after.top_objective() == before.top_objective() == 13


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_off_topic_sentence_has_no_top_objective_in_the_combined_tagger(tagger, lang):
    (scores,) = tagger.score([OFF_TOPIC_SENTENCES[lang]], [lang])
    assert scores.top_objective() is None
