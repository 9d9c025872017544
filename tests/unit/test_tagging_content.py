"""Content type, support needed and stakeholder groups of passages, in EN, FR and ES."""

import pandas as pd
import pytest

from imrf_analysis.tagging import tag_content
from imrf_analysis.tagging.content import CONTENT_LABEL_TYPES, read_cues, score_content

CASES = {
    "en": ("Lack of funding remains a challenge, and the country would benefit from technical "
           "assistance and training with civil society and trade unions."),
    "fr": ("Le manque de financement reste un défi, et le pays a besoin d'un appui pour le "
           "renforcement des capacités avec la société civile et les syndicats."),
    "es": ("La falta de financiamiento sigue siendo un desafío, y el país necesita apoyo para el "
           "fortalecimiento de capacidades con la sociedad civil y los sindicatos."),
}


@pytest.mark.parametrize("lang", CASES)
def test_a_support_request_gives_type_categories_and_stakeholders(lang):
    found = score_content(CASES[lang], lang)
    assert {"gap-or-challenge", "support-needed"} <= set(found["content_type"])
    assert {"financing", "capacity-building"} <= set(found["support_need"])
    assert {"civil-society", "trade-unions"} <= set(found["stakeholder_group"])


@pytest.mark.parametrize("lang", ["en", "fr", "es", None])
def test_off_topic_sentence_gets_no_content_label(lang):
    found = score_content("The football match ended in a draw on a sunny day.", lang)
    assert found == {label_type: {} for label_type in CONTENT_LABEL_TYPES}


def test_support_categories_need_a_request_for_support():
    found = score_content("The ministry launched training for officers and new data.", "en")
    assert set(found["content_type"]) == {"progress"}
    assert found["support_need"] == {}


def test_good_practice_in_spanish_is_recognised():
    found = score_content("Esta buena práctica con la diáspora podría replicarse.", "es")
    assert found["content_type"]["good-practice"][0] == pytest.approx(0.84)
    assert "diaspora" in found["stakeholder_group"]


def test_tag_content_returns_tags_rows_with_the_new_label_types():
    passages = pd.DataFrame({"passage_id": ["p1", "p2"], "document_id": ["d", "d"],
                             "text": [CASES["en"], "Weather report."], "language": ["en", "en"]})
    tags = tag_content(passages)
    assert set(tags["passage_id"]) == {"p1"}
    assert set(tags["label_type"]) == set(CONTENT_LABEL_TYPES)
    assert (tags["score"] >= 0.5).all() and (tags["source"] == "cue").all()
    assert list(tags.columns) == ["passage_id", "document_id", "label_type", "label", "score",
                                  "source", "evidence"]


def test_a_cue_file_naming_an_unknown_label_is_rejected_naming_the_file(tmp_path):
    path = tmp_path / "xx.json"
    path.write_text('{"content_type": {"rumour": ["heard"]}}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"xx\.json.*rumour"):
        read_cues(path)


def test_every_passage_of_every_kept_review_gets_its_content_tags(sample_datasets):
    passages, tags = sample_datasets.passages, sample_datasets.tags
    expected = tag_content(passages)
    got = tags[tags["label_type"].isin(CONTENT_LABEL_TYPES)]
    key = ["passage_id", "label_type", "label"]
    assert sorted(map(tuple, got[key].to_numpy())) == sorted(map(tuple, expected[key].to_numpy()))
    assert set(got["document_id"]) == set(sample_datasets.documents["document_id"])
