"""Text folding shared by heading, mention and lexicon matching.

Reviews are typed by many hands: the same objective title comes with or without accents, with a
typographic or a straight apostrophe, with an en dash or a hyphen. Folding makes them compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCTUATION_MAP = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u202f": " ",
})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Return ``text`` case-folded, without accents, with ASCII apostrophes and hyphens.

    Arabic-Indic digits are kept, so numbers still match a digit pattern.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold())


def fold_words(text: str) -> str:
    """Return ``text`` folded with punctuation replaced by single spaces (for comparing titles)."""
    return " ".join(re.findall(r"\w+", fold(text)))
