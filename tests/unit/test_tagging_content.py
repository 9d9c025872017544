"""What a passage does (content classifier), the support it asks for and the groups it names.

The content classifier is the trained pipeline shipped in the package; these sentences were
written for the tests and are not in its training data.
"""

import pandas as pd
import pytest

from imrf_analysis.findings import CONTENT_ROLES, passage_roles
from imrf_analysis.tagging import stakeholder_groups, tag_content
from imrf_analysis.tagging.content import CONTENT_LABEL_TYPES, read_cues
from imrf_analysis.tagging.content_classifier import (
    MIN_WORDS,
    classifier_text,
    shared_content_classifier,
)


def content_of(text):
    return shared_content_classifier().labels([text])[0]


@pytest.mark.parametrize("text", [
    "In 2024 the labour inspectorate opened four regional offices and registered 3,100 "
    "complaints from migrant workers, twice as many as in 2021.",
    "En 2023, le ministère a ouvert six guichets d'information pour les travailleurs migrants "
    "et a délivré plus de 12 000 attestations de compétences.",
    "En 2024 se aprobó la ley de movilidad laboral y se abrieron cinco oficinas de orientación "
    "que atendieron a 9.400 personas migrantes.",
])
def test_a_measure_taken_with_figures_is_progress(text):
    assert "progress" in content_of(text)["content_type"]


@pytest.mark.parametrize("text", [
    "The bill on fair recruitment is still pending before Parliament, and unlicensed agencies "
    "continue to operate without sanction in border districts.",
    "Les centres d'accueil restent insuffisants et les délais de traitement des demandes "
    "demeurent trop longs dans les régions frontalières.",
    "Persisten demoras en la emisión de documentos y la reforma del reglamento sigue pendiente "
    "desde hace tres años.",
])
def test_a_shortfall_or_pending_reform_is_a_challenge(text):
    assert "gap-or-challenge" in content_of(text)["content_type"]


def test_a_request_for_support_gets_its_categories():
    found = content_of("The Government requests technical assistance and financing to build "
                       "a national migration data system linking the civil registry and border "
                       "records.")
    assert "support-needed" in found["content_type"]
    assert found["support_need"]  # at least one category, among the known ones


def test_support_categories_need_a_request_for_support():
    found = content_of("The ministry trained 400 border officers in 2024 and published new "
                       "statistics on arrivals by sex and age.")
    assert "support-needed" not in found["content_type"]
    assert found["support_need"] == {}


def test_short_lines_get_no_content_type():
    assert content_of("Ministry of Labour and Employment") == {"content_type": {},
                                                                "support_need": {}}
    assert len("Ministry of Labour and Employment".split()) < MIN_WORDS


def test_the_classifier_reads_folded_text_with_digits_as_zero():
    assert classifier_text("Élaborée en 2024, la Stratégie") == "elaboree en 0000, la strategie"


def test_stakeholder_groups_are_found_by_cues_in_each_language():
    assert {"civil-society", "trade-unions"} <= set(stakeholder_groups(
        "Civil society and trade unions took part.", "en"))
    assert "trade-unions" in stakeholder_groups("avec la société civile et les syndicats", "fr")
    assert "diaspora" in stakeholder_groups("con la diáspora y los municipios", "es")


def test_tag_content_returns_tags_rows_of_the_three_label_types():
    passages = pd.DataFrame({
        "passage_id": ["p1", "p2"], "document_id": ["d", "d"],
        "text": ["The Government requests financing and technical assistance from partners to "
                 "train labour inspectors, with civil society and trade unions.",
                 "Weather report."],
        "language": ["en", "en"]})
    tags = tag_content(passages)
    assert set(tags["passage_id"]) == {"p1"}
    assert set(tags["label_type"]) == set(CONTENT_LABEL_TYPES)
    by_type = tags.groupby("label_type")["source"].first()
    assert by_type["content_type"] == "classifier" and by_type["stakeholder_group"] == "cue"
    assert list(tags.columns) == ["passage_id", "document_id", "label_type", "label", "score",
                                  "source", "evidence"]


def test_a_cue_file_naming_an_unknown_group_is_rejected_naming_the_file(tmp_path):
    path = tmp_path / "xx.json"
    path.write_text('{"stakeholder_group": {"rumour-mills": ["heard"]}}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"xx\.json.*rumour-mills"):
        read_cues(path)


def test_every_passage_of_every_kept_review_gets_its_content_tags(sample_datasets):
    # The classifier reads the passages whose role can count; cues read every passage.
    passages, tags = sample_datasets.passages, sample_datasets.tags
    expected = tag_content(passages, classify=passage_roles(passages).isin(CONTENT_ROLES))
    got = tags[tags["label_type"].isin(CONTENT_LABEL_TYPES)]
    key = ["passage_id", "label_type", "label"]
    assert sorted(map(tuple, got[key].to_numpy())) == sorted(map(tuple, expected[key].to_numpy()))
    assert set(got["document_id"]) == set(sample_datasets.documents["document_id"])
