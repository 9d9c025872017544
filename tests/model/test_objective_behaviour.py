"""Behaviour of the rule-based tagger on clear sentences, in English, French and Spanish."""

import pytest

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS

from .sentences import (
    GUIDING_PRINCIPLE_SENTENCES,
    OBJECTIVE_SENTENCES,
    OFF_TOPIC_SENTENCES,
    REMITTANCE_CLAUSES,
)

LANGUAGES = ("en", "fr", "es")


def _score(tagger, text, lang):
    (scores,) = tagger.score([text], [lang])
    return scores


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("number", OBJECTIVE_NUMBERS)
def test_clear_sentence_is_tagged_with_its_objective_first(tagger, number, lang):
    scores = _score(tagger, OBJECTIVE_SENTENCES[number][lang], lang)
    assert number in scores.objectives()
    assert scores.top_objective() == number


@pytest.mark.parametrize("number", OBJECTIVE_NUMBERS)
def test_same_sentence_in_three_languages_gets_the_same_top_objective(tagger, number):
    tops = {lang: _score(tagger, OBJECTIVE_SENTENCES[number][lang], lang).top_objective()
            for lang in LANGUAGES}
    assert len(set(tops.values())) == 1, tops


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("number", [n for n in OBJECTIVE_NUMBERS if n != 20])
def test_a_remittance_clause_counts_for_objective_20_without_taking_the_passage_over(
        tagger, number, lang):
    # The lexicon term names objective 20; the encoder reads the passage as a whole and gives
    # the clause little weight, so the blended score rises but stays under the threshold.
    # Keeping such labels (a floor at the threshold) cost 5 points of top-1 and 7 of micro-F1
    # on the development reviews (README, "Tagging quality").
    sentence = OBJECTIVE_SENTENCES[number][lang]
    before = _score(tagger, sentence, lang)
    after = _score(tagger, sentence + REMITTANCE_CLAUSES[lang], lang)
    assert 20 not in before.objectives()
    assert after.objective_scores[20] > before.objective_scores[20] + 0.2
    assert "lexicon" in after.objective_evidence[20][0].split("+")
    assert after.top_objective() == number
    assert number in after.objectives()


@pytest.mark.parametrize("lang", [*LANGUAGES, None])
def test_off_topic_sentence_gets_no_label(tagger, lang):
    scores = _score(tagger, OFF_TOPIC_SENTENCES[lang or "en"], lang)
    assert scores.objectives() == []
    assert scores.guiding_principles() == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", GUIDING_PRINCIPLE_SLUGS)
def test_clear_sentence_is_tagged_with_its_guiding_principle(tagger, slug, lang):
    scores = _score(tagger, GUIDING_PRINCIPLE_SENTENCES[slug][lang], lang)
    assert slug in scores.guiding_principles()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", GUIDING_PRINCIPLE_SLUGS)
def test_principle_sentence_is_not_tagged_with_other_principles(tagger, slug, lang):
    scores = _score(tagger, GUIDING_PRINCIPLE_SENTENCES[slug][lang], lang)
    assert scores.guiding_principles() == [slug], scores.guiding_principle_evidence
