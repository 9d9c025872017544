"""What a good-practice passage says about its practice: name, implementer, period, result.

A register of good practices is read by drafters looking for something to cite: "the Mombasa
Skills Corridor (2022-2025, two polytechnics with employers) trained 1,200 workers". Reviews
state these in a few recurring shapes, in English, French and Spanish:

* **name**: a quoted name (« … », “ … ”, " … "), else the first run of capitalised words that
  holds a word for a practice (programme, plan, initiative, project, network, corridor, fund,
  desk, platform, centre, strategy, campaign; programa, red, proyecto…; programme, réseau,
  projet, guichet…), joined by short words ("of", "de", "pour", "para"…);
* **implementer**: what follows "by" / "par" / "por" (up to the next comma or "with");
* **period**: "from 2022 to 2025", "2022-2025", "between…and", "de… à" give "2022–2025";
  "since 2023", "depuis 2023", "desde 2023" give "2023–";
* **result**: the first sentence after the opening one that states a figure other than a year.

A field the text does not state stays empty: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

_PRACTICE_WORDS = (
    "programme", "program", "plan", "initiative", "project", "network", "corridor", "fund",
    "desk", "platform", "centre", "center", "strategy", "campaign", "scheme", "service",
    "programa", "red", "proyecto", "iniciativa", "estrategia", "fondo", "ventanilla",
    "plataforma", "campaña", "mesa", "projet", "réseau", "guichet", "fonds", "plateforme",
    "stratégie", "campagne", "dispositif", "centro")
_CONNECTORS = ("of", "for", "and", "the", "on", "in", "de", "del", "la", "las", "los", "el",
               "para", "y", "en", "a", "du", "des", "le", "les", "pour", "et", "à", "d'", "l'")
_CAPITALISED = r"[A-ZÀ-ÝÑ][\w'’\-]*"
_CONNECTOR = "|".join(re.escape(c) for c in _CONNECTORS)
_NAME = re.compile(
    rf"(?:{_CAPITALISED})(?:\s+(?:(?:{_CONNECTOR})\s+)*(?:{_CAPITALISED}|\d{{4}}))+")
_LEADING_ARTICLE = re.compile(r"^(?:The|La|Las|Le|Les|Los|El|L['’])\s*")
_QUOTED = re.compile(r"[«“\"]\s*([^«»“”\"]{3,80}?)\s*[»”\"]")
_BY = re.compile(r"\b(?:by|par|por)\s+((?:(?:the|l[ea]s?|el|los)\s+|l['’])\w[^,;:()]{2,90}?"
                 r"|[A-ZÀ-ÝÑ][^,;:()]{2,90}?)(?=,|;|\.|\s+(?:with|avec|con|in|en|from|de\s+\d|"
                 r"between|entre|since|depuis|desde)\b|$)")
_YEAR = r"(?:19|20)\d{2}"
_PERIODS = (
    re.compile(rf"\b(?:from|de|desde|entre|between)\s+({_YEAR})\s+(?:to|and|à|a|al|y|et|"
               rf"hasta)\s+({_YEAR})\b", re.IGNORECASE),
    re.compile(rf"\b({_YEAR})\s*[–\-/]\s*({_YEAR})\b"),
    re.compile(rf"\b(?:since|depuis|desde)\s+(?:\w+\s+)?({_YEAR})\b", re.IGNORECASE),
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÝÑ«“\"])")
_FIGURE = re.compile(rf"\b(?!{_YEAR}\b)\d[\d,.\s ]*\d*\b|\b\d+\s?(?:%|per cent|pour cent|"
                     r"por ciento)")


@dataclass(frozen=True)
class PracticeDetails:
    """What the text of one good practice states; empty strings where it states nothing."""

    practice: str = ""
    implementer: str = ""
    period: str = ""
    result: str = ""

    def as_dict(self) -> dict[str, str]:
        """Return the fields as a dict, for a register row."""
        return asdict(self)


def practice_details(text: str) -> PracticeDetails:
    """Return the name, implementer, period and result a good-practice passage states."""
    text = " ".join(str(text).split())
    return PracticeDetails(_name(text), _implementer(text), _period(text), _result(text))


def _name(text: str) -> str:
    quoted = _QUOTED.search(text)
    if quoted:
        return quoted.group(1)
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        lowered = {w.lower().strip("'’") for w in words}
        if lowered & set(_PRACTICE_WORDS) and len(words) >= 2:
            return _LEADING_ARTICLE.sub("", match.group(0)).rstrip(" -")
    return ""


def _implementer(text: str) -> str:
    found = _BY.search(text)
    return found.group(1).strip() if found else ""


def _period(text: str) -> str:
    for pattern in _PERIODS:
        found = pattern.search(text)
        if found:
            years = found.groups()
            return f"{years[0]}–{years[1]}" if len(years) == 2 else f"{years[0]}–"
    return ""


def _result(text: str) -> str:
    sentences = _SENTENCE_END.split(text)
    for sentence in sentences[1:]:
        if _FIGURE.search(sentence):
            return sentence
    return ""
