"""Review findings: which part of a review a passage is in, what it is about, what it reports.

Each test builds a small review the way ingest and tagging leave it (passages with their page,
headings and block type; tags with their scores) and reads the findings a drafter would cite.
"""

from __future__ import annotations

import pandas as pd
import pytest

from imrf_analysis.findings import compile_review_findings, passage_roles
from imrf_analysis.findings.practices import practice_details
from imrf_analysis.findings.review_findings import passage_objectives

BODY = ("In 2024 the ministry opened four regional offices that registered migrant workers and "
        "handled their complaints, and it trained 300 labour inspectors.")


def review(*passages: tuple) -> pd.DataFrame:
    """Passages ``(page, headings, block_type, text)`` of one review, in reading order."""
    return pd.DataFrame([
        {"passage_id": f"d-{i:04d}", "document_id": "d", "file": "review.pdf", "page": page,
         "paragraph_index": i, "heading_path": list(headings), "block_type": block,
         "text": text, "language": "en"}
        for i, (page, headings, block, text) in enumerate(passages)])


def tags(*rows: tuple) -> pd.DataFrame:
    """Tags ``(passage index, label_type, label, score, source)``."""
    return pd.DataFrame([
        {"passage_id": f"d-{i:04d}", "document_id": "d", "label_type": label_type,
         "label": label, "score": score, "source": source, "evidence": ""}
        for i, label_type, label, score, source in rows])


def documents() -> pd.DataFrame:
    return pd.DataFrame([{
        "document_id": "d", "file": "review.pdf", "country_iso3": "KEN", "cycle": "2026",
        "document_kind": "national-review", "language": "en", "superseded_by": None}])


def finding(frame: pd.DataFrame, objective: int) -> pd.Series:
    return frame[frame["objective"] == objective].iloc[0]


def test_roles_follow_the_structure_of_a_review():
    passages = review(
        (1, [], "paragraph", "Ministry of Labour and Social Protection"),
        (1, [], "paragraph", "Nairobi, January 2026"),
        (2, ["Preparation of the review"], "paragraph", BODY),
        (2, ["Labour migration"], "paragraph", BODY),
        (2, ["Labour migration"], "table_row", "Region | 2023 | 2024"),
        (2, ["Labour migration"], "paragraph", "2023 1,240 +12 %"),
        (2, ["Labour migration"], "paragraph", "Source: National Employment Authority."),
        (3, ["List of acronyms"], "paragraph", "NEA National Employment Authority"),
        (3, ["Annex 2: laws adopted"], "list_item", "Act No. 12 of 2023 on labour migration."),
        (3, ["Labour migration"], "paragraph",
         "Contributions were received from the trade unions, the employers' federation, "
         "diaspora associations, returnee groups and the human rights commission."),
    )
    assert passage_roles(passages).tolist() == [
        "cover", "cover", "methodology", "body", "table", "table", "table-note", "acronyms",
        "annex", "consulted-organisations"]


def test_a_heading_naming_one_objective_makes_it_the_subject_and_the_rest_mentions():
    subjects, others = passage_objectives([(5, 0.95, "heading+lexicon"), (6, 0.7, "lexicon")])
    assert list(subjects) == [5] and others == (6,)


def test_under_a_round_table_heading_the_text_chooses_among_its_objectives():
    # Heading score 0.92 alone; 0.98 means the text itself scores objective 6 at 0.75.
    labels = [(n, 0.92, "heading") for n in (2, 5, 12, 18)] + [(6, 0.98, "heading+lexicon")]
    subjects, others = passage_objectives(labels)
    assert list(subjects) == [6] and others == (2, 5, 12, 18)


def test_a_thematic_paragraph_is_about_what_its_text_scores_best_or_its_section():
    assert list(passage_objectives([(9, 0.9, "lexicon"), (10, 0.88, "lexicon")])[0]) == [9, 10]
    assert list(passage_objectives([(9, 0.9, "lexicon"), (10, 0.5, "lexicon")])[0]) == [9]
    # A paragraph naming nothing is read in the light of its section's topic.
    assert list(passage_objectives([], section={21: 1.0, 19: 0.2})[0]) == [21]


def test_a_cover_page_ministry_is_a_mention_never_a_report():
    passages = review((1, [], "paragraph", "Ministry of Inclusion, Social Security and Migration"),
                      (2, ["Objective 6"], "paragraph", BODY))
    found = compile_review_findings(documents(), passages, tags(
        (0, "objective", "22", 0.9, "lexicon"),
        (1, "objective", "6", 0.95, "heading"), (1, "content_type", "progress", 0.9, "classifier")))
    assert finding(found, 6)[["reported", "progress", "challenge"]].tolist() == [True, True, False]
    assert finding(found, 6)["passage_ids"] == ["d-0001"]
    cover = finding(found, 22)
    assert not cover["reported"] and cover["mentioned_only"]
    assert cover["mention_passage_ids"] == ["d-0000"]
    assert len(found) == 23


def test_a_heading_followed_by_nothing_to_report_is_not_reporting():
    passages = review((2, ["Objective 13"], "paragraph",
                       "No measures were taken under this objective during the period covered "
                       "by this review, which the Government will address in the next cycle."))
    found = compile_review_findings(documents(), passages,
                                    tags((0, "objective", "13", 0.92, "heading")))
    assert not finding(found, 13)["reported"] and finding(found, 13)["mentioned_only"]


def test_support_asked_in_a_support_chapter_counts_on_objectives_the_review_reports():
    passages = review(
        (2, ["Objective 1"], "paragraph", BODY),
        (3, ["Support needs"], "paragraph",
         "The Government requests technical assistance and financing to connect the databases "
         "of the statistics office and of the border police."),
        (3, ["Support needs"], "list_item",
         "Border management equipment for the northern posts, with training for the officers."))
    found = compile_review_findings(documents(), passages, tags(
        (0, "objective", "1", 0.92, "heading"), (0, "content_type", "progress", 0.9, "x"),
        (1, "objective", "1", 0.8, "lexicon"), (1, "content_type", "support-needed", 0.9, "x"),
        (1, "support_need", "data", 0.8, "cue"), (1, "support_need", "financing", 0.8, "cue"),
        (2, "objective", "11", 0.8, "lexicon"), (2, "content_type", "support-needed", 0.9, "x"),
        (2, "support_need", "technology", 0.8, "cue")))
    assert finding(found, 1)["support_needs"] == ["financing", "data"]
    border = finding(found, 11)
    assert not border["reported"] and border["support_needs"] == [] and border["mentioned_only"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Coastal Skills Bridge Programme, run by the National Training Authority with hotel "
     "employers from 2021 to 2024, is presented as a good practice. It trained 1,450 young "
     "people, of whom 80 per cent found work within a year.",
     ("Coastal Skills Bridge Programme", "the National Training Authority", "2021–2024",
      "It trained 1,450 young people, of whom 80 per cent found work within a year.")),
    ("Le programme « Passerelles vers l'emploi », mis en œuvre de 2022 à 2025 par la commune de "
     "Thiès avec des associations, est une bonne pratique. Il a accompagné 3 200 personnes.",
     ("Passerelles vers l'emploi", "la commune de Thiès", "2022–2025",
      "Il a accompagné 3 200 personnes.")),
    ("La Red de Profesionales en el Exterior, impulsada por la Cancillería desde 2023, es una "
     "buena práctica.",
     ("Red de Profesionales en el Exterior", "la Cancillería", "2023–", "")),
])
def test_a_good_practice_gives_its_name_implementer_period_and_result(text, expected):
    details = practice_details(text)
    assert (details.practice, details.implementer, details.period, details.result) == expected


def test_a_summary_table_gives_each_thematic_chapter_its_objectives():
    passages = review(
        (2, ["Remittances and the diaspora"], "paragraph", BODY),
        (3, ["Correspondence with the Compact"], "paragraph",
         "Remittances and the diaspora Objectives 19 and 20"),
        (3, ["Correspondence with the Compact"], "paragraph", "Border management Objective 11"))
    found = compile_review_findings(documents(), passages, tags(
        (0, "content_type", "progress", 0.9, "classifier"),
        (0, "objective", "20", 0.6, "lexicon"),
        (1, "objective", "19", 0.88, "mention"), (1, "objective", "20", 0.88, "mention"),
        (2, "objective", "11", 0.88, "mention")))
    # The chapter names 19 and 20; its paragraph's own text chooses 20.
    assert finding(found, 20)["reported"] and finding(found, 20)["passage_ids"] == ["d-0000"]
    assert not finding(found, 19)["reported"]
    # The table itself reports nothing: objective 11 is named there only.
    assert not finding(found, 11)["reported"] and finding(found, 11)["mentioned_only"]
