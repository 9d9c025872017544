"""What a review's name and title page say about it, beside the register.

A review the register does not list gets its country, cycle and kind from its name or title
page; a review it lists is checked against its title page. Country names are read in
English, French and Spanish (``regions.country_iso3``) and in Arabic and Russian (pycountry's
translations). Nothing is guessed: no country, two different countries, or no single cycle
year means the review is quarantined with the reason; so does a title page that names
countries, none of them the one the register gives.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

import pycountry

from imrf_analysis.ingest.blocks import Block, ExtractionError
from imrf_analysis.ingest.register import RegisterEntry
from imrf_analysis.reference import regions

TITLE_PAGE_BLOCKS = 12  # blocks of the first page searched for a country and cycle
_MAX_WORDS = 5  # longest country name tried, in words
_YEAR = re.compile(r"(?<!\d)(20[1-9]\d)(?!\d)")
_CYCLE_WORDS = re.compile(
    r"cycle|forum|imrf|irmf|review|examen|ciclo|foro|цикл|форум|обзор|الدورة|منتدى|استعراض",
    re.IGNORECASE)
_CONTRIBUTION = re.compile(
    r"stakeholder|contribution|contribuci[oó]n|civil society|soci[ée]t[ée] civile|"
    r"sociedad civil|partes interesadas|вклад|гражданск\w* обществ|مساهمة|المجتمع المدني",
    re.IGNORECASE)
_HINT = ("add a row for this file to register.csv (country, cycle, kind, language, date), "
         "or name the country and the year in the file name")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c != "\u0640")


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", text) if w]


@cache
def _arabic_russian_names() -> dict[tuple[str, ...], str]:
    """Map folded Arabic and Russian country names (as word tuples) to ISO3."""
    names: dict[tuple[str, ...], set[str]] = {}
    for lang in ("ar", "ru"):
        translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                        languages=[lang]).gettext
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                english = getattr(country, attr, None)
                if english:
                    key = tuple(_words(_fold(translate(english))))
                    names.setdefault(key, set()).add(country.alpha_3)
    return {key: next(iter(codes)) for key, codes in names.items() if key and len(codes) == 1}


def _country_at(words: list[str], start: int) -> tuple[str, int] | None:
    for length in range(min(_MAX_WORDS, len(words) - start), 0, -1):
        span = words[start:start + length]
        code = (regions.country_iso3(" ".join(span))
                or _arabic_russian_names().get(tuple(_fold(w) for w in span)))
        if code:
            return code, length
    return None


def countries_named(text: str) -> list[str]:
    """Return the ISO3 codes of the countries named in ``text``, longest name first.

    Returns:
        Codes in order of appearance; "South Sudan" gives SSD, not also SDN.
    """
    words = _words(text)
    found: list[str] = []
    start = 0
    while start < len(words):
        hit = _country_at(words, start)
        if hit:
            found.append(hit[0])
            start += hit[1]
        else:
            start += 1
    return found


def _one(values: Iterable[str]) -> str | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def _cycle(lines: list[str]) -> str | None:
    near_words = [y for line in lines if _CYCLE_WORDS.search(line) for y in _YEAR.findall(line)]
    return _one(near_words) or _one(y for line in lines for y in _YEAR.findall(line))


def _title_page(blocks: list[Block]) -> list[str]:
    # The first page; for a format without pages (NO_PAGE), the first blocks.
    return [b.text for b in blocks if b.page <= 1][:TITLE_PAGE_BLOCKS]


def check_title_page(entry: RegisterEntry, blocks: list[Block]) -> None:
    """Check that the title page of a registered review does not name another country.

    A row copied from the line above, or a file saved under another State's name, would credit
    the review to the wrong State. A title page naming no country says nothing and passes; one
    naming the register's country (with others or not) passes.

    Raises:
        ExtractionError: the title page names countries and the register's is not among them.
    """
    named = countries_named("\n".join(_title_page(blocks)))
    if named and entry.country_iso3 not in named:
        title = ", ".join(f"{_name(code)} ({code})" for code in dict.fromkeys(named))
        raise ExtractionError(
            f"the register lists it under {entry.country_iso3}, but its title page names "
            f"{title}", "correct the country in register.csv, or the file listed under it",
            stage="metadata")


def _name(code: str) -> str:
    try:
        return regions.country_name(code)
    except ValueError:  # a territory pycountry names, outside the UN Member States
        return code


def infer_entry(entry: RegisterEntry, blocks: list[Block],
                languages: list[str]) -> tuple[RegisterEntry, str]:
    """Fill in the country, cycle, kind and language of an unregistered review.

    Args:
        entry: the blank row of the file (``file`` and ``date`` set).
        blocks: the review's blocks; the first ones of page 1 are its title page.
        languages: the language detected for each passage, for the review's language.

    Returns:
        The completed row and where the country came from (``"file name"`` or
        ``"title page"``).

    Raises:
        ExtractionError: no country, more than one country, or no single cycle year is found.
    """
    stem = entry.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = _title_page(blocks)
    by_name, by_title = set(countries_named(stem)), set(countries_named("\n".join(title)))
    if len(by_name) == 1:
        country, source = by_name.pop(), "file name"
    elif not by_name and len(by_title) == 1:
        country, source = by_title.pop(), "title page"
    else:
        named = sorted(by_name or by_title)
        reason = (f"not in the submission register, and its {'name' if by_name else 'title'} "
                  f"names several countries ({', '.join(named)})" if named else
                  "not in the submission register, and no country is named in its file name "
                  "or title page")
        raise ExtractionError(reason, _HINT, stage="metadata")
    cycle = _cycle([stem]) or _cycle(title)
    if cycle is None:
        raise ExtractionError("not in the submission register, and no single cycle year is "
                              "found in its file name or title page", _HINT, stage="metadata")
    kind = ("stakeholder-contribution"
            if _CONTRIBUTION.search(" ".join([stem, *title[:4]])) else "national-review")
    language = Counter(languages).most_common(1)[0][0] if languages else "en"
    return replace(entry, country_iso3=country, cycle=cycle, document_kind=kind,
                   language=language), source
