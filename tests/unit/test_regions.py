import unicodedata

import pycountry
import pytest

from imrf_analysis.reference.regions import (
    CHAMPION_COUNTRIES,
    CHAMPIONS_OUTSIDE_ACCRA_LIST,
    COMMISSION_CODES,
    COMMISSIONS,
    commissions_of,
    country_iso3,
    country_name,
)

ALL_MEMBERS = sorted(set().union(*(c.members for c in COMMISSIONS.values())))
ECLAC_NON_REGIONAL = set("CAN FRA DEU ITA JPN NLD NOR PRT KOR ESP TUR GBR USA".split())
# The Accra list of champion countries, spelled as the source spells them.
ACCRA_SPELLINGS = [
    name.strip()
    for name in """Azerbaijan, Canada, Chad, Colombia, Costa Rica, Ecuador, Egypt, El Salvador,
    Ethiopia, Ghana, Guinea Bissau, Honduras, Iraq, Kenya, Luxembourg, Malawi, Mali, Mexico,
    Morocco, Niger, Nigeria, Panama, Peru, Portugal, Senegal, Sierra Leone, The Gambia,
    Türkiye""".split(",")
]


def test_commission_codes_are_the_five_in_fixed_order():
    assert COMMISSION_CODES == ("ECA", "ECE", "ECLAC", "ESCAP", "ESCWA")
    assert all(COMMISSIONS[code].code == code for code in COMMISSION_CODES)


def test_every_member_is_a_valid_iso_alpha_3_code():
    # pycountry lists the State of Palestine (PSE); Kosovo has no ISO code and is left out.
    assert pycountry.countries.get(alpha_3="PSE") is not None
    invalid = [code for code in ALL_MEMBERS if pycountry.countries.get(alpha_3=code) is None]
    assert invalid == []
    assert commissions_of("XKX") == ()


@pytest.mark.parametrize(
    ("code", "count"), [("ECA", 54), ("ECE", 56), ("ECLAC", 46), ("ESCAP", 53), ("ESCWA", 21)]
)
def test_commission_has_its_published_number_of_member_states(code, count):
    assert len(COMMISSIONS[code].members) == count


def test_commissions_cover_193_un_members_plus_palestine_and_no_territories():
    assert len(ALL_MEMBERS) == 194
    for territory in ("HKG", "MAC", "PRI", "GUM", "NCL", "ABW", "GRL"):
        assert commissions_of(territory) == ()


def test_eclac_is_33_regional_states_plus_13_non_regional_members():
    regional = COMMISSIONS["ECLAC"].members - ECLAC_NON_REGIONAL
    assert ECLAC_NON_REGIONAL <= COMMISSIONS["ECLAC"].members
    assert len(regional) == 33
    assert all(commissions_of(code) == ("ECLAC",) for code in regional)


def test_non_regional_members_are_members_but_not_of_the_region():
    eclac = COMMISSIONS["ECLAC"]
    assert eclac.non_regional_members == ECLAC_NON_REGIONAL
    assert "ESP" in eclac.members and "ESP" not in eclac.regional_members
    assert COMMISSIONS["ESCAP"].non_regional_members == {"FRA", "NLD", "GBR", "USA"}
    assert len(COMMISSIONS["ESCAP"].regional_members) == 49


def test_unverified_members_are_members():
    for commission in COMMISSIONS.values():
        assert commission.unverified_members <= commission.members
    assert COMMISSIONS["ESCWA"].unverified_members == {"DJI"}


@pytest.mark.parametrize(
    ("iso3", "expected"),
    [
        ("EGY", ("ECA", "ESCWA")),
        ("MAR", ("ECA", "ESCWA")),
        ("SOM", ("ECA", "ESCWA")),
        ("USA", ("ECE",)),  # non-regional member of ECLAC and ESCAP
        ("FRA", ("ECE",)),
        ("ESP", ("ECE",)),
        ("TUR", ("ECE", "ESCAP")),
        ("KAZ", ("ECE", "ESCAP")),
        ("RUS", ("ECE", "ESCAP")),
        ("CAN", ("ECE",)),
        ("JPN", ("ESCAP",)),
        ("ISR", ("ECE",)),
        ("BRA", ("ECLAC",)),
        ("IRQ", ("ESCWA",)),
        ("PSE", ("ESCWA",)),
        ("COM", ("ECA",)),
    ],
)
def test_commissions_of_lists_every_commission_in_code_order(iso3, expected):
    assert commissions_of(iso3) == expected


def test_champion_countries_are_the_28_of_the_accra_list_and_sit_in_a_commission():
    assert len(CHAMPION_COUNTRIES) == len(set(CHAMPION_COUNTRIES)) == 28
    assert len(ACCRA_SPELLINGS) == 28
    assert [country_iso3(name) for name in ACCRA_SPELLINGS] == list(CHAMPION_COUNTRIES)
    assert set(CHAMPIONS_OUTSIDE_ACCRA_LIST).isdisjoint(CHAMPION_COUNTRIES)
    for code in CHAMPION_COUNTRIES + CHAMPIONS_OUTSIDE_ACCRA_LIST:
        assert commissions_of(code), f"champion {code} is in no commission"


@pytest.mark.parametrize(
    ("iso3", "lang", "name"),
    [
        ("SEN", "fr", "Sénégal"),
        ("SEN", "en", "Senegal"),
        ("DEU", "es", "Alemania"),
        ("TUR", "en", "Türkiye"),
        ("BOL", "es", "Bolivia"),
        ("PSE", "en", "State of Palestine"),
        ("COD", "fr", "République démocratique du Congo"),
        ("COG", "en", "Republic of the Congo"),
        ("SLB", "fr", "Îles Salomon"),
    ],
)
def test_country_name_gives_the_short_name_in_each_language(iso3, lang, name):
    assert country_name(iso3, lang) == name


@pytest.mark.parametrize(
    ("iso3", "lang"), [("XKX", "en"), ("SENE", "en"), ("", "en"), ("SEN", "de")]
)
def test_country_name_rejects_unknown_codes_and_languages(iso3, lang):
    with pytest.raises(ValueError):
        country_name(iso3, lang)


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_every_member_name_resolves_back_to_its_code(lang):
    mismatched = {
        code: country_name(code, lang)
        for code in ALL_MEMBERS
        if country_iso3(country_name(code, lang)) != code
    }
    assert mismatched == {}


def test_country_iso3_ignores_case_and_accents():
    for code in ALL_MEMBERS:
        name = country_name(code, "fr")
        stripped = "".join(
            ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
        )
        assert country_iso3(stripped.upper()) == code, name


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Turkey", "TUR"),
        ("Turquie", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Costa de Marfil", "CIV"),
        ("Bolivia", "BOL"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Estado Plurinacional de Bolivia", "BOL"),
        ("Republic of Moldova", "MDA"),
        ("Moldova", "MDA"),
        ("République de Moldova", "MDA"),
        ("República de Moldova", "MDA"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("República Islámica del Irán", "IRN"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("République de Corée", "KOR"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Pays-Bas", "NLD"),
        ("Países Bajos", "NLD"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Estados Unidos de América", "USA"),
        ("Federación de Rusia", "RUS"),
        ("State of Palestine", "PSE"),
        ("The Gambia", "GMB"),
        ("Guinea", "GIN"),
        ("Guinée", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Guinea Ecuatorial", "GNQ"),
        ("Papua New Guinea", "PNG"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Dominica", "DMA"),
        ("República Dominicana", "DOM"),
        ("Republic of the Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Trinidad & Tobago", "TTO"),
    ],
)
def test_country_iso3_resolves_english_french_and_spanish_forms(name, iso3):
    assert country_iso3(name) == iso3


@pytest.mark.parametrize(
    "name",
    ["Congo", "Korea", "Corée", "Virgin Islands", "Saint Martin"],
)
def test_country_iso3_refuses_names_shared_by_two_countries(name):
    assert country_iso3(name) is None


@pytest.mark.parametrize(
    "name",
    ["", "   ", "Global", "Europe", "Africa", "Republic", "xyzzy", "ECA", "Guinea-Bissau Niger"],
)
def test_country_iso3_returns_none_for_what_is_not_a_country(name):
    assert country_iso3(name) is None
