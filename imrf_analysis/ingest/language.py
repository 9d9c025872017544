"""Language of each passage, detected with lingua among the languages the pipeline supports."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import islice

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from imrf_analysis.store.schemas import SUPPORTED_LANGUAGES

_LINGUA = {
    "en": Language.ENGLISH,
    "fr": Language.FRENCH,
    "es": Language.SPANISH,
    "ar": Language.ARABIC,
    "ru": Language.RUSSIAN,
}
_CODES = {language: code for code, language in _LINGUA.items()}
MIN_LETTERS = 20  # below this, detection is a guess: keep the document's declared language


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(
        *(_LINGUA[code] for code in SUPPORTED_LANGUAGES)
    ).build()


def _has_letters(text: str, count: int) -> bool:
    # Stops at the count-th letter: passages are long, the bar is low.
    return len(list(islice(filter(str.isalpha, text), count))) == count


def detect_languages(texts: Sequence[str], fallback: str) -> list[str]:
    """Return the ISO 639-1 code of each text, or ``fallback`` where it cannot be told.

    Short texts (fewer than ``MIN_LETTERS`` letters: table rows, headings, figures) take the
    fallback, usually the language declared for the document in the register.
    """
    # A text repeated in a review (a running title, a table label) is detected once.
    distinct = list(dict.fromkeys(t for t in texts if _has_letters(t, MIN_LETTERS)))
    detected = dict(zip(distinct, _detector().detect_languages_in_parallel_of(distinct),
                        strict=True))
    languages = [detected.get(text) for text in texts]
    return [fallback if language is None else _CODES[language] for language in languages]
