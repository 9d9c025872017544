"""Baselines the tagger is compared with: title keywords and TF-IDF + logistic regression."""

from imrf_analysis.training import TrainingExample, seed_examples
from imrf_analysis.training.baselines import TfidfLogisticTagger, TitleKeywordTagger


def test_title_keywords_find_an_objective_named_by_its_spanish_title_words():
    (scores,) = TitleKeywordTagger().score(
        ["Promover transferencias de remesas más rápidas, seguras y económicas."], ["es"])
    assert scores.top_objective() == 20
    assert 20 in scores.objectives(TitleKeywordTagger().thresholds)


def test_title_keywords_do_not_cross_languages_when_the_language_is_known():
    (french,) = TitleKeywordTagger().score(["cheaper remittances"], ["fr"])
    (unknown,) = TitleKeywordTagger().score(["cheaper remittances"], [None])
    assert french.objective_scores[20] == 0
    assert unknown.objective_scores[20] > 0


def test_off_topic_text_gets_no_title_keyword_label():
    (scores,) = TitleKeywordTagger().score(["The football team won the cup."], ["en"])
    assert scores.objectives(TitleKeywordTagger().thresholds) == []


def test_tfidf_logistic_regression_learns_from_the_training_examples():
    tagger = TfidfLogisticTagger(seed_examples())
    texts = ["Transfer operators cut the cost of sending money home to families.",
             "Unaccompanied children get a guardian and the best interests of the child rule."]
    remittance, child = tagger.score(texts, ["en", "en"])
    assert remittance.top_objective() == 20
    assert max(child.guiding_principle_scores, key=child.guiding_principle_scores.get) == (
        "child-sensitive")


def test_tfidf_ignores_examples_whose_labels_are_unknown():
    examples = [TrainingExample("remittances", "en", (20,), None, "seed"),
                TrainingExample("money home", "en", (20,), None, "seed"),
                TrainingExample("detention", "en", (13,), None, "seed"),
                TrainingExample("girls and women", "en", None, ("gender-responsive",), "seed"),
                TrainingExample("children", "en", None, ("child-sensitive",), "seed")]
    tagger = TfidfLogisticTagger(examples)
    (scores,) = tagger.score(["remittances"], ["en"])
    assert scores.top_objective() == 20
    assert set(scores.objective_scores) == set(range(1, 24))
