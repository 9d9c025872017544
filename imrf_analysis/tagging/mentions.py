"""Explicit mentions of GCM objectives by number: "objective 7", "objectifs 4 et 21", "Цель 5".

The same pattern reads headings ("Objective 5: Regular pathways", "3.5 Obj. 5") and running text
("in line with GCM objective 7", "objetivos 2, 5 y 6"). Numbers that belong to something else
are left out: a sub-number ("objective 10.7"), a qualified objective ("strategic objective 3"),
an objective of another framework ("objective 5 of the SDGs", "objetivo 2 del Plan Nacional")
and wide ranges ("objectives 1 to 23", which name the whole Compact, not one objective).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS
from imrf_analysis.tagging.text import fold

# Widest range read as naming each objective in it ("objectives 9 to 11" but not "1 to 23").
MAX_RANGE_SPAN = 5

_OBJECTIVE_WORDS = (
    "objectives", "objective", "obj", "objectifs", "objectif", "objetivos", "objetivo",
    "цели", "цель", "целью", "целей", "целям", "целями", "целях",
    "الأهداف", "الهدفين", "الهدفان", "الهدف", "للهدف", "بالهدف", "والهدف", "أهداف", "هدف",
)
_COMPACT_PREFIXES = ("gcm", "pmm", "cmm", "mcm", "gcm's")
_JOINERS = ("and", "et", "y", "e", "or", "ou", "o", "и")
_RANGE_WORDS = ("to", "through", "a", "au", "al", "до")
# A word just before "objective" that makes it some other plan's objective (English order).
_OTHER_FRAMEWORK_BEFORE = frozenset(fold(w) for w in (
    "strategic", "specific", "operational", "general", "overall", "development", "sdg", "sdgs",
    "ods", "odd", "policy", "programme", "program", "project", "national", "millennium",
    "sustainable", "plan", "стратегическая", "стратегической",
))
_OTHER_FRAMEWORK_AFTER = re.compile(
    r"^\s*\)?\s*(?:of|de|du|des|del|d'|in|from|в|из|من)\s+(?:the\s+|la\s+|los\s+|las\s+|l'|le\s+"
    r"|el\s+|our\s+|its\s+|their\s+|notre\s+|nuestro\s+|su\s+)?(?:[\w'-]+\s+){0,2}?"
    r"(?:sdgs?\b|sustainable|agenda|ods\b|odd\b|desarrollo|developpement|strateg|estrateg|plan\b"
    r"|plans\b|planes\b|programm|programa|policy|politica|politique|national|nacional|project"
    r"|proyecto|projet|law\b|ley\b|loi\b|устоич|цур|التنمية)",
)
_COMPACT_CONTEXT = re.compile(
    r"\b(?:gcm|global compact|pacte mondial|pacto mundial|pmm|cmm|marrakech|marrakesh)\b"
    r"|\bгдм\b|глобальн\w* договор|الاتفاق العالمي|الميثاق العالمي"
)


def _alternation(words: tuple[str, ...]) -> str:
    folded = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in folded)


_NUMBER = r"\d{1,2}(?!\d)(?!\.\d)"
_JOIN = (rf"(?:\s*[,;&/]\s*(?:(?:{_alternation(_JOINERS)})\s+)?|\s+(?:{_alternation(_JOINERS)})\s+"
         r"|\s*و\s*)")
_RANGE = rf"(?:\s*-\s*|\s+(?:{_alternation(_RANGE_WORDS)})\s+)"
_MENTION = re.compile(
    rf"(?<!\w)(?P<prefix>(?:{_alternation(_COMPACT_PREFIXES)})\s+)?"
    rf"(?P<word>{_alternation(_OBJECTIVE_WORDS)})(?!\w)\.?\s*"
    r"(?:(?:n|no|nr)\s*[.°o]+\s*|#\s*|№\s*)?"
    rf"(?P<numbers>{_NUMBER}(?:(?:{_JOIN}|{_RANGE}){_NUMBER})*)"
)
_NUMBER_OR_RANGE = re.compile(rf"(?P<first>{_NUMBER})(?:{_RANGE}(?P<last>{_NUMBER}))?")


@dataclass(frozen=True)
class ObjectiveMention:
    """Objectives named by number in one stretch of text."""

    objectives: tuple[int, ...]
    text: str  # the mention as found, folded (lower case, no accents)
    names_the_compact: bool  # "GCM objective 7", or the Compact is named in the same text


def _numbers_in(numbers: str) -> list[int]:
    found: list[int] = []
    for part in _NUMBER_OR_RANGE.finditer(numbers):
        first = int(part["first"])
        last = int(part["last"]) if part["last"] else first
        if last - first + 1 > MAX_RANGE_SPAN or last < first:
            continue
        found.extend(n for n in range(first, last + 1) if n in OBJECTIVE_NUMBERS)
    return found


_OTHER_FRAMEWORK_NEXT = re.compile(r"^\s*\)?\s*(?:sdgs?|ods|odd|цур)\b")


def _qualified_as_other_framework(folded: str, match: re.Match[str]) -> bool:
    before = folded[: match.start()].split()[-1:]
    if before and before[0].lstrip("(") in _OTHER_FRAMEWORK_BEFORE:
        return True
    after = folded[match.end(): match.end() + 80]
    return bool(_OTHER_FRAMEWORK_AFTER.match(after) or _OTHER_FRAMEWORK_NEXT.match(after))


def find_objective_mentions(text: str) -> list[ObjectiveMention]:
    """Return the mentions of GCM objectives by number in ``text``, in reading order."""
    folded = fold(text)
    compact_named = bool(_COMPACT_CONTEXT.search(folded))
    mentions = []
    for match in _MENTION.finditer(folded):
        if _qualified_as_other_framework(folded, match):
            continue
        objectives = tuple(dict.fromkeys(_numbers_in(match["numbers"])))
        if objectives:
            mentions.append(ObjectiveMention(objectives, match.group(0).strip(),
                                             compact_named or bool(match["prefix"])))
    return mentions
