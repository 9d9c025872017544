"""Objectives and guiding principles named by a passage's enclosing headings.

Reviews are often laid out objective by objective, so the heading a paragraph sits under is the
strongest evidence of what it reports on. A heading names an objective by number ("Objective 5:",
"Objectif 5 :", "Obj. 5", "3.5 Objective 5 ...") or by its official title or Migration Network Hub
short name in English, French or Spanish ("Regular pathways", "Envois de fonds", "Remesas").
The innermost heading that names something wins: "Objective 7" under "Objective 5" gives 7.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLES, LANGUAGES, OBJECTIVES
from imrf_analysis.tagging.mentions import find_objective_mentions
from imrf_analysis.tagging.text import fold_words

# Titles are long enough to be recognised inside a longer heading; short names (a word or two,
# such as "Data") only when they are the whole heading.
_MIN_WORDS_TO_FIND_INSIDE = 5
_LEADING_NUMBERING = re.compile(
    r"^(?:(?:\d+|[ivx]{1,4}|[a-h])(?:\s\d+)*\s)+"  # "3 5 ", "iv ", "b " once folded
)
_GUIDING_PRINCIPLE_PREFIX = re.compile(
    r"^(?:gcm\s)?(?:guiding principles?|principes? directeurs?|principios? rectores?)\s"
)
_EXTRA_GUIDING_PRINCIPLE_NAMES = {
    "people-centred": ("people centered", "human centred", "human centered"),
    "human-rights": ("droits humains",),
    "gender-responsive": ("gender responsiveness", "gender sensitive"),
    "child-sensitive": ("child sensitivity",),
    "whole-of-government": ("whole of government",),
    "whole-of-society": ("whole of society",),
}


def _strip_numbering(words: str) -> str:
    return _LEADING_NUMBERING.sub("", words, count=1).strip()


@lru_cache(maxsize=1)
def _objective_names() -> tuple[dict[str, int], list[tuple[str, int]]]:
    whole: dict[str, int] = {}
    inside: list[tuple[str, int]] = []
    for obj in OBJECTIVES:
        for lang in LANGUAGES:
            for name in (obj.title[lang], obj.short_name[lang]):
                folded = fold_words(name)
                whole[folded] = obj.number
                if len(folded.split()) >= _MIN_WORDS_TO_FIND_INSIDE:
                    inside.append((folded, obj.number))
    return whole, inside


@lru_cache(maxsize=1)
def _guiding_principle_names() -> dict[str, str]:
    names = {fold_words(p.name[lang]): p.slug for p in GUIDING_PRINCIPLES for lang in LANGUAGES}
    for slug, extra in _EXTRA_GUIDING_PRINCIPLE_NAMES.items():
        names.update({fold_words(name): slug for name in extra})
    return names


def objectives_in_heading(heading: str) -> set[int]:
    """Return the GCM objectives a heading names by number, official title or Hub short name.

    Returns:
        The objective numbers, empty when the heading names none ("Objectives of the review",
        "Sustainable Development Goal 5", "Table 5").
    """
    return set(_objectives_named(heading))


@lru_cache(maxsize=4096)
def _objectives_named(heading: str) -> frozenset[int]:
    # Every passage of a section reads the same headings: each is read once.
    by_number = {n for mention in find_objective_mentions(heading) for n in mention.objectives}
    if by_number:
        return frozenset(by_number)
    words = fold_words(heading)
    whole, inside = _objective_names()
    bare = _strip_numbering(words)
    if bare in whole:
        return frozenset({whole[bare]})
    return frozenset(number for title, number in inside if f" {title} " in f" {words} ")


def guiding_principles_in_heading(heading: str) -> set[str]:
    """Return the guiding principles a heading names (the whole heading is the principle's name)."""
    bare = _GUIDING_PRINCIPLE_PREFIX.sub("", _strip_numbering(fold_words(heading)))
    slug = _guiding_principle_names().get(bare)
    return {slug} if slug else set()


def objectives_in_heading_path(heading_path: Sequence[str]) -> tuple[set[int], str]:
    """Return the objectives named by the innermost heading that names any, and that heading.

    Returns:
        ``(objectives, heading)``; ``(set(), "")`` when no heading names an objective.
    """
    for heading in reversed(heading_path):
        found = objectives_in_heading(heading)
        if found:
            return found, heading
    return set(), ""


def guiding_principles_in_heading_path(heading_path: Sequence[str]) -> tuple[set[str], str]:
    """Return the guiding principles named by the innermost heading that names any, and it."""
    for heading in reversed(heading_path):
        found = guiding_principles_in_heading(heading)
        if found:
            return found, heading
    return set(), ""
