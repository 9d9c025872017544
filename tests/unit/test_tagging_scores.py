"""How signals combine into scores, and the ``tags`` table built from them."""

import math

import numpy as np
import pandas as pd
import pytest

from imrf_analysis.store.schemas import TAGS
from imrf_analysis.tagging import Tagger, Thresholds, tag_passages
from imrf_analysis.tagging.scoring import ScoreSheet, lexicon_score, noisy_or
from imrf_analysis.tagging.tagger import lexicon_languages_for


@pytest.fixture(scope="module")
def tagger():
    return Tagger.load()


def test_lexicon_score_grows_with_distinct_term_weights_and_is_capped():
    assert lexicon_score([]) == 0.0
    assert lexicon_score([0.7]) == pytest.approx(1 - math.exp(-0.7))
    assert lexicon_score([0.3]) < 0.5 <= lexicon_score([0.3, 0.5])
    assert lexicon_score([1.0] * 10) == 0.95


def test_noisy_or_of_signals_exceeds_each_and_stays_below_one():
    combined = noisy_or([0.92, 0.5])
    assert combined == pytest.approx(1 - 0.08 * 0.5)
    assert 0.92 < combined < 1.0


def test_score_sheet_names_every_source_and_joins_evidence():
    sheet = ScoreSheet()
    sheet.add("objective", 5, "lexicon", 0.6, ["work permits", "visas"])
    sheet.add("objective", 5, "heading", 0.92, ["Objective 5"])
    scores = sheet.freeze()
    assert scores.objective_evidence[5] == ("heading+lexicon", "Objective 5; work permits; visas")
    assert len(scores.objective_scores) == 23 and len(scores.guiding_principle_scores) == 10
    assert set(scores.objective_evidence) == {5} and scores.guiding_principle_evidence == {}


def test_per_label_threshold_overrides_default():
    sheet = ScoreSheet()
    sheet.add("objective", 23, "lexicon", 0.55, ["cooperation"])
    sheet.add("objective", 5, "lexicon", 0.55, ["visas"])
    scores = sheet.freeze()
    assert scores.objectives() == [5, 23]
    assert scores.objectives(Thresholds(objective={23: 0.6})) == [5]


def test_best_objective_is_kept_from_the_lower_top_objective_floor_and_others_are_not():
    sheet = ScoreSheet()
    sheet.add("objective", 7, "lexicon", 0.4, ["discrimination against women"])
    sheet.add("objective", 17, "lexicon", 0.35, ["racism"])
    scores = sheet.freeze()
    assert scores.objectives(Thresholds(top_objective=0.3)) == [7]
    assert scores.objectives(Thresholds(top_objective=0.45)) == []
    assert scores.objectives(Thresholds()) == []


def test_passage_with_nothing_scored_keeps_no_objective_whatever_the_floor():
    assert ScoreSheet().freeze().objectives(Thresholds(top_objective=0.0)) == []


def test_acronym_after_its_expansion_counts_once():
    spelled, both = Tagger(signals=["lexicon"]).score(
        ["Shelters for survivors of sexual and gender-based violence.",
         "Shelters for survivors of sexual and gender-based violence (SGBV)."], ["en", "en"])
    assert both.objective_scores[7] == spelled.objective_scores[7]
    assert "SGBV" not in both.objective_evidence[7][1]


def test_acronym_listed_after_another_term_still_counts():
    (scores,) = Tagger(signals=["lexicon"]).score(
        ["Shelters for survivors, SGBV and trafficking."], ["en"])
    assert "SGBV" in scores.objective_evidence[7][1]


def test_top_objective_is_none_when_nothing_scored():
    assert ScoreSheet().freeze().top_objective() is None


@pytest.mark.parametrize(("language", "lexicons"), [
    ("en", ("en",)), ("FR", ("fr",)), ("es-MX", ("es",)), ("ar", ()), ("ru", ()),
    (None, ("en", "fr", "es")), ("und", ("en", "fr", "es")),
])
def test_language_decides_which_lexicons_are_tried(language, lexicons):
    assert lexicon_languages_for(language) == lexicons


def test_passage_of_unknown_language_gets_best_of_the_three_lexicons(tagger):
    spanish = "Las remesas enviadas por los migrantes aumentaron."
    known, unknown = tagger.score([spanish, spanish], ["es", None])
    assert unknown.objectives() == known.objectives() == [20]


def test_arabic_passage_gets_mentions_but_no_lexicon(tagger):
    (scores,) = tagger.score(["Remittances and readmission agreements. الهدف 21"], ["ar"])
    assert scores.objectives() == [21]
    assert scores.objective_evidence[21][0] == "mention"


def test_score_refuses_sequences_of_different_lengths(tagger):
    with pytest.raises(ValueError, match="one of each"):
        tagger.score(["a", "b"], ["en"])


def _passages():
    return pd.DataFrame({
        "passage_id": ["d2-0001", "d1-0002", "d1-0001"],
        "document_id": ["d2", "d1", "d1"],
        "text": ["The weather was fine.",
                 "Women migrant workers send remittances; transfer costs fell. Objective 10 "
                 "of the GCM is also relevant.",
                 "Des cours de langue favorisent la cohésion sociale."],
        "language": ["en", "en", "fr"],
        # Parquet returns list columns as numpy arrays.
        "heading_path": [np.array(["Objective 3"]), np.array([], dtype=object), None],
    })


def test_tags_have_the_tags_schema_columns_and_sorted_rows(tagger):
    tags = tag_passages(_passages(), tagger)
    assert list(tags.columns) == TAGS.names
    keys = list(zip(tags["passage_id"], tags["label_type"], strict=True))
    assert keys == sorted(keys)
    objectives = tags[(tags["passage_id"] == "d1-0002") & (tags["label_type"] == "objective")]
    assert objectives["label"].tolist() == ["10", "20"]


def test_tags_keep_labels_at_threshold_with_source_and_evidence(tagger):
    tags = tag_passages(_passages(), tagger).set_index(["passage_id", "label_type", "label"])
    assert (tags["score"] >= tagger.thresholds.default).all() and (tags["score"] <= 1).all()
    assert tags.loc[("d2-0001", "objective", "3"), "source"] == "heading"
    assert tags.loc[("d1-0002", "objective", "10"), "source"] == "mention"
    assert "remittance" in tags.loc[("d1-0002", "objective", "20"), "evidence"]
    assert ("d1-0001", "objective", "16") in tags.index
    assert ("d1-0002", "guiding_principle", "gender-responsive") in tags.index


def test_tag_passages_leaves_its_input_unchanged(tagger):
    passages = _passages()
    before = passages.copy()
    tag_passages(passages, tagger)
    pd.testing.assert_frame_equal(passages, before)


def test_passages_without_any_label_give_an_empty_tags_table(tagger):
    passages = _passages().iloc[:1].assign(heading_path=[None])
    tags = tag_passages(passages, tagger)
    assert tags.empty and list(tags.columns) == TAGS.names
