"""What part of a review each passage is in: its role.

Only the body of a review reports on the Compact's objectives. A ministry named on the cover, an
entry of the table of contents, the list of consulted organisations, an acronym, the source note
under a table or an annex listing laws can all name an objective's topic without the State
reporting anything on it. A passage gets one role, decided in this order (first match wins):

1. ``table``: a table row (``block_type``), or a short line made mostly of figures (PDF tables
   drawn without ruling lines reach us as lines of text).
2. ``table-note``: a table's caption or its source or note line ("Table 2.", "Tableau 1 :",
   "Cuadro 3", "Source:", "Fuente:", "Note :").
3. A section role, from the enclosing headings (outermost first, the first that matches):
   ``contents``, ``acronyms``, ``methodology`` (how the review was prepared, consultations),
   ``annex``, ``summary-table`` (a table of correspondence between chapters and objectives) and
   ``support-needs`` (a chapter on the support the State asks for).
4. ``cover``: the leading passages of the document before its first substantive paragraph
   (title page lines: country, ministries, title, place and date, disclaimers), and every
   passage of a first page that holds no substantive paragraph and is followed by others.
5. ``contents``: a line ending in a page number after dot leaders or tabs.
6. ``consulted-organisations``: a paragraph saying who was consulted or contributed, followed by
   a list of names.
7. ``body``: everything else.

Headings and cues are matched on folded text (no case, no accents) in English, French and
Spanish; ``SECTION_HEADINGS`` and the patterns below are the whole rule set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from imrf_analysis.tagging.text import fold

BODY = "body"
ROLES: tuple[str, ...] = (
    "cover", "contents", "acronyms", "methodology", "consulted-organisations", "table",
    "table-note", "annex", "summary-table", "support-needs", BODY)
# Roles whose passages may make a State report on an objective.
REPORTING_ROLES: tuple[str, ...] = (BODY,)
# Roles whose passages the content classifier reads: what they do can count.
CONTENT_ROLES: tuple[str, ...] = (BODY, "support-needs")

# Section role -> folded heading patterns (matched at a word start anywhere in the heading).
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "contents": ("table of contents", "contents$", "table des matieres", "sommaire", "indice$",
                 "indice general", "contenido", "tabla de contenido"),
    "acronyms": ("acronyms", "abbreviations", "list of acronyms", "sigles", "acronymes",
                 "abreviations", "siglas", "acronimos", "abreviaturas"),
    "methodology": ("methodology", "method$", "methods$", "preparation of (?:the|this) review",
                    "how (?:the|this) review was prepared", "review process",
                    "process of (?:preparing|the review)", "consultation process",
                    "methodologie", "methode$", "demarche",
                    "preparation (?:du|de la) (?:rapport|revue|examen)",
                    "elaboration (?:du|de la) (?:rapport|revue|examen)", "processus d'elaboration",
                    "metodologia", "proceso de (?:elaboracion|preparacion|consulta)",
                    "elaboracion del (?:informe|examen)", "preparacion del (?:informe|examen)"),
    "annex": ("annex", "appendix", "appendices", "annexe", "anexo", "apendice"),
    "summary-table": ("correspondence", "tableau de correspondance", "correspondencia",
                      "summary table", "tableau recapitulatif", "cuadro (?:resumen|recapitulativo)",
                      "mapping of (?:chapters|the report)"),
    "support-needs": ("support needs?", "support needed", "needs for support",
                      "means of implementation", "requests? for support", "besoins d'appui",
                      "besoins de soutien", "besoins en (?:matiere d')?appui",
                      "appui (?:requis|necessaire|sollicite)",
                      "necesidades de (?:apoyo|asistencia)",
                      "apoyo (?:requerido|necesario|solicitado)"),
}
_SECTION_PATTERNS = {role: re.compile(r"(?:^|\b)(?:" + "|".join(patterns) + r")")
                     for role, patterns in SECTION_HEADINGS.items()}
_TABLE_NOTE = re.compile(
    r"^(?:sources?|fuentes?|notes?|nota|notas|n\.b\.)\s*:"
    r"|^(?:table|tableau|tabla|cuadro|figure|graphique|grafico|chart|box|encadre|recuadro)"
    r"\s+(?:\d+|[ivx]+)\b")
_TOC_LINE = re.compile(r"(?:\.{3,}|…+|\t)\s*\d{1,3}\s*$")
_CONSULTED = re.compile(
    r"\b(?:consulted|consultations? (?:were|was) held|contributions? (?:were|was) received"
    r"|(?:took|taken) part|participated|were invited|ont ete consultes?|a ete consulte"
    r"|ont (?:participe|contribue)|contributions? (?:ont ete|a ete) recues?|ont pris part"
    r"|se consulto|fueron consultad[oa]s|participaron|contribuyeron|aportaron)\b")
_NUMBER = re.compile(r"^[\d.,%+\-–()/$€£]+$")
# A cover passage is short; a first substantive paragraph is long and ends a sentence.
COVER_MAX_WORDS = 25
TABLE_MAX_WORDS = 14


def passage_roles(passages: pd.DataFrame) -> pd.Series:
    """Return the role of every passage (index aligned with ``passages``).

    Args:
        passages: Rows of the passages dataset: ``document_id``, ``page``,
            ``paragraph_index``, ``heading_path``, ``block_type`` and ``text``.
    """
    roles = pd.Series(BODY, index=passages.index, dtype=object)
    if passages.empty:
        return roles
    texts = passages["text"].fillna("").astype(str)
    folded = texts.map(lambda text: fold(text).strip())
    words = texts.str.split().str.len().fillna(0).astype(int)
    decided = np.zeros(len(passages), dtype=bool)

    def assign(mask: np.ndarray, role: str) -> None:
        nonlocal decided
        new = mask & ~decided
        roles[new] = role
        decided |= new

    block = passages["block_type"].fillna("").astype(str).to_numpy()
    assign((block == "table_row") | np.array([_is_figure_line(t) for t in texts]), "table")
    assign(folded.map(lambda t: bool(_TABLE_NOTE.match(t))).to_numpy(), "table-note")
    section = pd.Series([_section_role(_headings(path)) for path in passages["heading_path"]],
                        index=passages.index, dtype=object)
    in_section = section.notna().to_numpy() & ~decided
    roles[in_section] = section[in_section]
    decided |= in_section
    assign(_cover_mask(passages, words), "cover")
    assign(folded.map(lambda t: bool(_TOC_LINE.search(t))).to_numpy() & (words < 20).to_numpy(),
           "contents")
    assign(np.array([bool(_CONSULTED.search(t)) and t.count(",") >= 3 for t in folded]),
           "consulted-organisations")
    return roles


def _headings(heading_path: Sequence[str] | None) -> tuple[str, ...]:
    if heading_path is None or isinstance(heading_path, float):  # a missing path
        return ()
    return tuple(heading_path)


@lru_cache(maxsize=8192)
def _section_role(headings: tuple[str, ...]) -> str | None:
    """Return the section role the first matching heading gives.

    Every passage of a section shares its headings: each path is read once.
    """
    for heading in headings:
        words = " ".join(re.findall(r"[\w']+", fold(heading)))
        words = re.sub(r"^(?:(?:\d+|[ivx]{1,4}|[a-h])\s)+", "", words)  # "3 2 ", "iv "
        for role, pattern in _SECTION_PATTERNS.items():
            if pattern.search(words):
                return role
    return None


def _is_figure_line(text: str) -> bool:
    """Return True for a short line whose words are mostly figures: a row of a table."""
    tokens = text.split()
    if not tokens or len(tokens) > TABLE_MAX_WORDS:
        return False
    figures = sum(bool(_NUMBER.match(token)) for token in tokens)
    return figures >= 2 and figures * 2 >= len(tokens)


def _cover_mask(passages: pd.DataFrame, words: pd.Series) -> np.ndarray:
    """Mark title-page passages: the leading short ones, and a first page of short lines only."""
    mask = np.zeros(len(passages), dtype=bool)
    order = passages.assign(_words=words.to_numpy(), _row=np.arange(len(passages)))
    order = order.sort_values(["document_id", "paragraph_index"], kind="stable")
    for _, document in order.groupby("document_id", sort=False):
        pages = document["page"].fillna(1).astype(int).to_numpy()
        substantive = [_substantive(count, str(text)) for count, text in
                       zip(document["_words"], document["text"].fillna(""), strict=True)]
        first = pages == pages.min()
        # A first page holding no paragraph, followed by others, is a title page.
        title_page = bool((~first).any()) and not any(np.array(substantive)[first])
        leading = True
        for row, is_substantive, on_first in zip(document["_row"], substantive, first,
                                                 strict=True):
            leading = leading and not is_substantive
            if leading or (title_page and on_first):
                mask[row] = True
    return mask


def _substantive(words: int, text: str) -> bool:
    """A paragraph of the body: long, or a whole sentence of some length."""
    return words > COVER_MAX_WORDS or (words >= 12 and text.rstrip().endswith((".", ":", ";")))
