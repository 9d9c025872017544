"""UN regional commissions, their member States, country names and GCM champion countries.

GCM regional reviews are convened by UN regional commission, and a review counts in every
commission its country belongs to (Egypt: ECA and ESCWA; United States: ECE, ECLAC and ESCAP).
Countries are ISO 3166-1 alpha-3 codes; names in English, French and Spanish come from
pycountry and its gettext catalogues. Kosovo is left out: it is not a UN member State, sits in
no commission and has no ISO code.

Provenance of the member lists, as far as it could be checked against stored public pages:

- ECE: 56 member States (UN Network on Migration, UNECE region page and regional brief). The
  first 20 members of that page's alphabetical list were read and match; the rest is from
  memory, held to the published count.
- ECLAC: 46 member States, 33 in Latin America and the Caribbean plus 13 non-regional
  (encyclopedia copies; the member list read there breaks off after the United Kingdom, the
  rest is from memory). Associate members (Caribbean territories) are left out.
- ESCAP: 53 member States, including non-regional France, Netherlands, United Kingdom and
  United States (encyclopedia copies). The regional members are from memory, held to the count.
  The nine associate members (territories such as Hong Kong, China) are left out.
- ESCWA: encyclopedia copies from 2024 give 21 member States; a 2021 source gives 20, with
  Algeria and Somalia the last to join and Comoros and Djibouti outside. Djibouti as the 21st is
  from memory and listed in ``Commission.unverified_members``: check before release.
- ECA: the 54 African UN member States, from memory.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import pycountry


@dataclass(frozen=True)
class Commission:
    """A UN regional commission and its member States (ISO alpha-3)."""

    code: str
    name: str
    members: frozenset[str]
    unverified_members: frozenset[str] = field(default=frozenset())
    non_regional_members: frozenset[str] = field(default=frozenset())

    @property
    def regional_members(self) -> frozenset[str]:
        """Members from the commission's own region: the States its regional review covers."""
        return self.members - self.non_regional_members


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ECA = _codes("""
    DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB
    GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE
    SOM ZAF SSD SDN TZA TGO TUN UGA ZMB ZWE
""")
_ECE = _codes("""
    ALB AND ARM AUT AZE BLR BEL BIH BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC HUN ISL
    IRL ISR ITA KAZ KGZ LVA LIE LTU LUX MLT MCO MNE NLD MKD NOR POL PRT MDA ROU RUS SMR SRB
    SVK SVN ESP SWE CHE TJK TUR TKM UKR GBR USA UZB
""")
_ECLAC_REGIONAL = _codes("""
    ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX
    NIC PAN PRY PER KNA LCA VCT SUR TTO URY VEN
""")
_ECLAC_NON_REGIONAL = _codes("CAN FRA DEU ITA JPN NLD NOR PRT KOR ESP TUR GBR USA")
_ESCAP = _codes("""
    AFG ARM AUS AZE BGD BTN BRN KHM CHN PRK FJI GEO IND IDN IRN JPN KAZ KIR KGZ LAO MYS MDV
    MHL FSM MNG MMR NRU NPL NZL PAK PLW PNG PHL KOR RUS WSM SGP SLB LKA TJK THA TLS TON TUR
    TKM TUV UZB VUT VNM FRA NLD GBR USA
""")
_ESCWA = _codes("""
    DZA BHR DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM
""")

COMMISSIONS: dict[str, Commission] = {
    "ECA": Commission("ECA", "United Nations Economic Commission for Africa", _ECA),
    "ECE": Commission("ECE", "United Nations Economic Commission for Europe", _ECE),
    "ECLAC": Commission(
        "ECLAC",
        "Economic Commission for Latin America and the Caribbean",
        _ECLAC_REGIONAL | _ECLAC_NON_REGIONAL,
        non_regional_members=_ECLAC_NON_REGIONAL,
    ),
    "ESCAP": Commission(
        "ESCAP",
        "United Nations Economic and Social Commission for Asia and the Pacific",
        _ESCAP,
        non_regional_members=frozenset({"FRA", "NLD", "GBR", "USA"}),
    ),
    "ESCWA": Commission(
        "ESCWA",
        "United Nations Economic and Social Commission for Western Asia",
        _ESCWA,
        unverified_members=frozenset({"DJI"}),
    ),
}
COMMISSION_CODES: tuple[str, ...] = tuple(COMMISSIONS)

# The 28 countries at the Accra cross-regional dialogue of GCM champion countries
# (28-30 November 2023), in the order of the source list.
CHAMPION_COUNTRIES: tuple[str, ...] = tuple(
    """AZE CAN TCD COL CRI ECU EGY SLV ETH GHA GNB HND IRQ KEN LUX MWI MLI MEX MAR NER NGA PAN
    PER PRT SEN SLE GMB TUR""".split()
)
# Champions confirmed by another source but absent from the Accra list (Bangladesh, July 2020).
CHAMPIONS_OUTSIDE_ACCRA_LIST: tuple[str, ...] = ("BGD",)

_LANGUAGES = ("en", "fr", "es")

# Common forms that pycountry's names and translations do not give.
_NAME_ALIASES: dict[str, str] = {
    "Turkey": "TUR",
    "Ivory Coast": "CIV",
    "Cape Verde": "CPV",
    "Swaziland": "SWZ",
    "Burma": "MMR",
    "East Timor": "TLS",
    "Russia": "RUS",
    "Brunei": "BRN",
    "DR Congo": "COD",
    "DRC": "COD",
    "RDC": "COD",
    "RD Congo": "COD",
    "Congo-Kinshasa": "COD",
    "Congo-Brazzaville": "COG",
    "USA": "USA",
    "UK": "GBR",
    "République tchèque": "CZE",
    "Federación de Rusia": "RUS",
    "República de Moldova": "MDA",
    "República Checa": "CZE",
    "Estados Unidos de América": "USA",
    "États-Unis d’Amérique": "USA",
    "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord": "GBR",
    "Reino Unido de Gran Bretaña e Irlanda del Norte": "GBR",
}

# Words that do not tell one country name from another, in EN/FR/ES.
_STOPWORDS = frozenset("the of and de du des la le les et el los las del y e".split())
# A name's final word that means "<rest> <head>" is the natural order, e.g. "Palestine, State of".
_INVERSION_MARKERS = frozenset({"of", "the", "de", "du", "des", "del"})
_ISLANDS = frozenset({"islands", "îles", "islas"})


def commissions_of(iso3: str) -> tuple[str, ...]:
    """Return the commissions whose region ``iso3`` is in, in ``COMMISSION_CODES`` order, or ``()``.

    A State counts in the regional review of each commission it is a regional member of (Egypt:
    ECA and ESCWA); non-regional members (Spain in ECLAC, France in ESCAP) are left out, since a
    regional compilation is about the States of that region.
    """
    return tuple(code for code in COMMISSION_CODES
                 if iso3 in COMMISSIONS[code].regional_members)


def country_name(iso3: str, lang: str = "en") -> str:
    """Return the common short name of country ``iso3`` in ``lang`` (``en``, ``fr`` or ``es``).

    Raises:
        ValueError: ``iso3`` is not an ISO 3166-1 alpha-3 code or ``lang`` is not supported.
    """
    if lang not in _LANGUAGES:
        raise ValueError(f"language {lang!r} is not supported; expected one of {_LANGUAGES}")
    country = pycountry.countries.get(alpha_3=iso3) if len(iso3) == 3 else None
    if country is None:
        raise ValueError(f"{iso3!r} is not an ISO 3166-1 alpha-3 country code")
    translate = _translation(lang).gettext
    common = getattr(country, "common_name", None)
    name = translate(common) if common else _natural_order(translate(country.name))
    official = getattr(country, "official_name", None)
    # A short name shared by two countries ("Congo") gives way to the official one, so every
    # returned name resolves back through `country_iso3`.
    if official and len(_name_index().get(_name_key(name), ())) > 1:
        name = _natural_order(translate(official))
    return name


def country_iso3(name: str) -> str | None:
    """Resolve a country name in English, French or Spanish to its ISO alpha-3 code.

    Case, accents, punctuation, word order and articles are ignored, so "Bolivia (Plurinational
    State of)", "Côte d'Ivoire" and "republique de moldova" resolve. A name shared by two
    countries resolves to none: "Congo" (Congo or Democratic Republic of the Congo) and
    "Korea" give ``None``, while "Republic of the Congo" gives ``"COG"``.

    Returns:
        The ISO alpha-3 code, or ``None`` when the name is unknown or ambiguous.
    """
    codes = _name_index().get(_name_key(name))
    if codes is None or len(codes) != 1:
        return None
    return next(iter(codes))


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])


@cache
def _name_index() -> dict[frozenset[str], frozenset[str]]:
    """Map each name key to every country it names; more than one code means ambiguous."""
    index: dict[frozenset[str], set[str]] = {}
    for country in pycountry.countries:
        english: set[str] = {
            text
            for attr in ("name", "common_name", "official_name")
            if (text := getattr(country, attr, None))
        }
        for lang in _LANGUAGES:
            translate = _translation(lang).gettext
            for text in english:
                for variant in _name_variants(translate(text)):
                    index.setdefault(_name_key(variant), set()).add(country.alpha_3)
    for alias, code in _NAME_ALIASES.items():
        index.setdefault(_name_key(alias), set()).add(code)
    index.pop(frozenset(), None)
    return {key: frozenset(codes) for key, codes in index.items()}


def _name_variants(text: str) -> tuple[str, ...]:
    """Return the full name and, for "Head, rest" or "Head (rest)" forms, the head alone."""
    head = re.split(r"[,(]", text, maxsplit=1)[0]
    return (text, head) if head != text else (text,)


def _name_key(text: str) -> frozenset[str]:
    """Return the set of distinguishing words of a name, folded to lower-case ASCII."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.sub(r"[^a-z0-9]+", " ", ascii_only).split()
    return frozenset(w for w in words if len(w) > 1 and w not in _STOPWORDS)


def _natural_order(name: str) -> str:
    """Turn "Palestine, State of" into "State of Palestine", "Salomon, Îles" into "Îles Salomon"."""
    head, sep, rest = name.partition(", ")
    if not sep or "," in rest:
        return name
    if rest.endswith(("'", "’")):
        return f"{rest}{head}"
    if rest.casefold() in _ISLANDS:
        return f"{rest} {head}"
    if rest.rsplit(" ", 1)[-1].casefold() not in _INVERSION_MARKERS:
        return name
    return f"{rest.removeprefix('The ')} {head}"
