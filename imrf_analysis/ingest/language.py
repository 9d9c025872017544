"""Language of each passage, detected with lingua among the languages the pipeline supports."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from imrf_analysis.schemas import SUPPORTED_LANGUAGES

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


def detect_languages(texts: Sequence[str], fallback: str) -> list[str]:
    """Return the ISO 639-1 code of each text, or ``fallback`` where it cannot be told.

    Short texts (fewer than ``MIN_LETTERS`` letters: table rows, headings, figures) take the
    fallback, usually the language declared for the document in the register.
    """
    long_enough = [i for i, t in enumerate(texts) if sum(c.isalpha() for c in t) >= MIN_LETTERS]
    detected = _detector().detect_languages_in_parallel_of([texts[i] for i in long_enough])
    result = [fallback] * len(texts)
    for i, language in zip(long_enough, detected, strict=True):
        if language is not None:
            result[i] = _CODES[language]
    return result
