"""Headings and explicit mentions that name GCM objectives."""

import pytest

from imrf_analysis.tagging import (
    Tagger,
    find_objective_mentions,
    guiding_principles_in_heading,
    objectives_in_heading,
    objectives_in_heading_path,
)


@pytest.mark.parametrize(("heading", "expected"), [
    ("Objective 5: Enhance availability and flexibility of pathways", {5}),
    ("OBJECTIVE 5 – REGULAR PATHWAYS", {5}),
    ("Objectif 5 : Filières de migration régulière", {5}),
    ("Objetivo 5. Vías de migración regular", {5}),
    ("Obj. 5", {5}),
    ("3.5 Objective 5 Regular pathways", {5}),
    ("GCM Objective 5 - Regular pathways", {5}),
    ("Objectif n° 12", {12}),
    ("Objetivo n.º 21 – Retorno", {21}),
    ("Objectives 9 and 10", {9, 10}),
    ("Objectifs 4 et 21", {4, 21}),
    ("Objetivos 2, 5 y 6", {2, 5, 6}),
    ("Цель 20. Денежные переводы", {20}),
    ("الهدف ٨", {8}),
    # Official titles and Hub short names, without a number.
    ("Regular pathways", {5}),
    ("5 – Filières de migration régulière", {5}),
    ("Remesas", {20}),
    ("IV. Envois de fonds", {20}),
    ("Enhance availability and flexibility of pathways for regular migration", {5}),
    ("S’attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire", {7}),
    ("S'attaquer aux facteurs de vulnerabilite lies aux migrations et les reduire", {7}),
    ("PROTECCIÓN CONSULAR", {14}),
    ("Identite legale et papiers", {4}),
])
def test_heading_names_objective_by_number_title_or_short_name(heading, expected):
    assert objectives_in_heading(heading) == expected


@pytest.mark.parametrize("heading", [
    "Objectives of the review",
    "Objective of this report",
    "Sustainable Development Goal 5",
    "Objetivo de Desarrollo Sostenible 5",
    "Table 5",
    "Article 5",
    "Annex 5: Objective-by-objective summary",
    "Strategic objective 3",
    "Objective 3 of the National Development Plan",
    "Objectif 5 des ODD",
    "objetivo 10.7",
    "Objectives 1 to 23",
    "Data and methodology",
    "Introduction",
])
def test_heading_that_names_no_gcm_objective_gives_nothing(heading):
    assert objectives_in_heading(heading) == set()


def test_innermost_heading_naming_an_objective_wins():
    path = ["Part II. Progress by objective", "Objective 5: Regular pathways", "Objective 7",
            "Good practices"]
    assert objectives_in_heading_path(path) == ({7}, "Objective 7")


def test_heading_path_without_objective_gives_nothing():
    assert objectives_in_heading_path(["Introduction", "Methodology"]) == (set(), "")


@pytest.mark.parametrize(("heading", "slug"), [
    ("Human rights", "human-rights"),
    ("b) Whole-of-government approach", "whole-of-government"),
    ("Perspectiva de género", "gender-responsive"),
    ("Droits de l’homme", "human-rights"),
    ("Guiding principle: Child-sensitive", "child-sensitive"),
])
def test_heading_names_guiding_principle(heading, slug):
    assert guiding_principles_in_heading(heading) == {slug}


@pytest.mark.parametrize(("text", "expected"), [
    ("This is in line with GCM objective 7.", [(7,)]),
    ("Ces mesures relèvent des objectifs 4 et 21 du Pacte mondial.", [(4, 21)]),
    ("Ver los objetivos 2, 5 y 6.", [(2, 5, 6)]),
    ("Objectives 9 to 11 are reported together.", [(9, 10, 11)]),
    ("See objective 20/b and Objective 23.", [(20,), (23,)]),
    ("In the national review, objective 7 is covered at length.", [(7,)]),
])
def test_text_mentions_objectives_by_number(text, expected):
    assert [m.objectives for m in find_objective_mentions(text)] == expected


@pytest.mark.parametrize("text", [
    "SDG target 10.7 and objective 10.7 of the plan.",
    "Strategic objective 3 of the ministry.",
    "Contribuye al objetivo 5 de los ODS.",
    "Il contribue à l'objectif 8 du plan national.",
    "The Compact's 23 objectives are all covered.",
])
def test_text_objective_of_another_framework_is_not_a_mention(text):
    assert find_objective_mentions(text) == []


def test_mention_naming_the_compact_scores_higher_than_bare_mention():
    tagger = Tagger()
    named, bare = tagger.score(["As GCM objective 14 asks, consulates were reinforced.",
                                "Under objective 14, consulates were reinforced."], ["ar", "ar"])
    assert named.objective_scores[14] > bare.objective_scores[14] >= 0.8
    assert named.objective_evidence[14][0] == "mention"


def test_passage_under_objective_heading_carries_it_with_heading_as_evidence():
    tagger = Tagger()
    (scores,) = tagger.score(["The programme reached 3,000 people in 2023."], ["ru"],
                             [["Раздел 2", "Цель 16. Интеграция"]])
    assert scores.objectives() == [16]
    assert scores.objective_evidence[16] == ("heading", "Цель 16. Интеграция")
