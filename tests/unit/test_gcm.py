import pytest

from imrf_analysis.reference.gcm import (
    GUIDING_PRINCIPLE_SLUGS,
    GUIDING_PRINCIPLES,
    LANGUAGES,
    OBJECTIVE_NUMBERS,
    OBJECTIVES,
    ROUND_TABLES,
    SUPPORT_NEED_CATEGORIES,
    objective,
    objectives_in_round_table_order,
    round_table_of,
)

EXPECTED_ROUND_TABLES = {
    "RT1": (2, 5, 6, 12, 18),
    "RT2": (4, 8, 9, 10, 11, 13, 21),
    "RT3": (14, 15, 16, 19, 20, 22),
    "RT4": (1, 3, 7, 17, 23),
}


def test_objectives_are_numbered_one_to_twenty_three_in_order():
    assert OBJECTIVE_NUMBERS == tuple(range(1, 24))
    assert [o.number for o in OBJECTIVES] == list(range(1, 24))


def test_hub_term_ids_run_from_279_in_objective_order():
    assert [o.hub_term_id for o in OBJECTIVES] == list(range(279, 302))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_objective_has_a_title_and_short_name_in_each_language(lang):
    for o in OBJECTIVES:
        assert o.title[lang].strip(), f"objective {o.number} has no {lang} title"
        assert o.short_name[lang].strip(), f"objective {o.number} has no {lang} short name"


def test_unverified_marks_only_name_supported_languages():
    for o in OBJECTIVES:
        assert set(o.unverified) <= set(LANGUAGES)


def test_french_text_uses_the_typographic_apostrophe():
    french = [o.title["fr"] for o in OBJECTIVES] + [o.short_name["fr"] for o in OBJECTIVES]
    french += [p.name["fr"] for p in GUIDING_PRINCIPLES]
    assert any("\u2019" in text for text in french)
    assert [text for text in french if "'" in text] == []


def test_label_joins_number_and_short_name_and_falls_back_to_english():
    assert objective(20).label("es") == "20 - Remesas"
    assert objective(1).label("de") == "1 - Data"


def test_round_tables_are_rt1_to_rt4_with_the_objectives_of_a_res_73_326():
    assert {rt.code: rt.objectives for rt in ROUND_TABLES} == EXPECTED_ROUND_TABLES
    assert [rt.code for rt in ROUND_TABLES] == ["RT1", "RT2", "RT3", "RT4"]


def test_every_objective_sits_in_exactly_one_round_table():
    for n in OBJECTIVE_NUMBERS:
        holders = [rt.code for rt in ROUND_TABLES if n in rt.objectives]
        assert len(holders) == 1, f"objective {n} is in {holders}"
        assert round_table_of(n).code == holders[0]


def test_round_table_order_is_a_permutation_of_all_objectives():
    order = objectives_in_round_table_order()
    assert sorted(order) == list(range(1, 24))
    assert order[:5] == [2, 5, 6, 12, 18]


def test_round_table_theme_lists_the_short_names_of_its_objectives():
    rt4 = next(rt for rt in ROUND_TABLES if rt.code == "RT4")
    assert rt4.theme().split("; ") == [objective(n).short_name["en"] for n in rt4.objectives]


def test_guiding_principle_slugs_are_the_ten_of_paragraph_15():
    assert GUIDING_PRINCIPLE_SLUGS == (
        "people-centred",
        "international-cooperation",
        "national-sovereignty",
        "rule-of-law",
        "sustainable-development",
        "human-rights",
        "gender-responsive",
        "child-sensitive",
        "whole-of-government",
        "whole-of-society",
    )
    assert [p.paragraph for p in GUIDING_PRINCIPLES] == [f"15({c})" for c in "abcdefghij"]
    for p in GUIDING_PRINCIPLES:
        assert all(p.name[lang].strip() for lang in LANGUAGES)


def test_there_are_six_support_need_categories():
    assert len(SUPPORT_NEED_CATEGORIES) == 6
    assert all(label.strip() for label in SUPPORT_NEED_CATEGORIES.values())


@pytest.mark.parametrize("number", [0, 24, -1])
def test_objective_outside_1_to_23_raises_key_error(number):
    with pytest.raises(KeyError, match="not a GCM objective"):
        objective(number)
    with pytest.raises(KeyError):
        round_table_of(number)
