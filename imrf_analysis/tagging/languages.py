"""Blank spaCy pipelines; the French one is built from a snapshot of spaCy's French tokenizer.

``spacy.blank("fr")`` takes about 4 s: importing ``spacy.lang.fr`` compiles its tokenizer's
``TOKEN_MATCH``, 266 anchored alternatives that each repeat spaCy's large Unicode letter
classes. ``resources/tokenizers/fr.bin``, written from the installed spaCy by
``python scripts/snapshot_tokenizers.py``, holds that tokenizer's serialized state with the
alternatives of one shape merged into one (``merge_alternatives``), plus the French stop words
and the spaCy version. ``blank("fr")`` builds from it, in about 0.2 s and without importing
``spacy.lang.fr``, a pipeline that tokenizes exactly as ``spacy.blank("fr")`` does,
with the same lexical attributes. A snapshot made by another spaCy version is not used.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import cast

import spacy
import srsly
from spacy.attrs import LIKE_NUM
from spacy.language import BaseDefaults, Language
from spacy.tokenizer import Tokenizer

logger = logging.getLogger(__name__)

REGENERATE_COMMAND = "python scripts/snapshot_tokenizers.py"


def snapshot_path(lang: str) -> Path:
    """Return the path of the tokenizer snapshot of ``lang`` shipped with the package."""
    return Path(str(resources.files("imrf_analysis") / "resources" / "tokenizers" / f"{lang}.bin"))


def blank(lang: str) -> Language:
    """Return a blank pipeline of ``lang``, the same as ``spacy.blank(lang)``.

    French is built from its snapshot when the snapshot was made by the installed spaCy;
    otherwise, and for every other language, this is ``spacy.blank(lang)``.
    """
    snapshot = _french_snapshot() if lang == "fr" else None
    if snapshot is None:
        return spacy.blank(lang)
    language_class, tokenizer_bytes = snapshot
    nlp = language_class.from_config()
    cast(Tokenizer, nlp.tokenizer).from_bytes(tokenizer_bytes, exclude=["vocab"])
    return nlp


@cache
def _french_snapshot() -> tuple[type[Language], bytes] | None:
    # Read once per process, so a stale snapshot is reported once.
    path = snapshot_path("fr")
    snapshot = srsly.msgpack_loads(path.read_bytes())
    if snapshot["spacy_version"] != spacy.__version__:
        logger.warning("%s was made by spaCy %s, not the installed %s: French pipelines use "
                       "spacy.blank('fr') (about 4 s each) until `%s` rewrites it",
                       path, snapshot["spacy_version"], spacy.__version__, REGENERATE_COMMAND)
        return None

    class SnapshotFrenchDefaults(BaseDefaults):
        """What ``spacy.lang.fr.FrenchDefaults`` sets that a token's text and attributes need.

        - Tokenizer exceptions, prefixes, suffixes, infixes, ``token_match`` and
          ``url_match``: left empty here, so the default tokenizer is cheap to make;
          ``blank`` then loads them all from the snapshot (``Tokenizer.from_bytes`` resets
          each of them).
        - ``lex_attr_getters``: French ``LIKE_NUM``, copied below (the classifier reads it).
        - ``stop_words``: from the snapshot (``IS_STOP``).
        - ``writing_system``: French keeps the default, as here.
        - ``syntax_iterators`` (noun chunks) not carried: they need a dependency parse, and
          these pipelines have no parser, so ``doc.noun_chunks`` raises either way.
        - The ``fr.lemmatizer`` factory (``FrenchLemmatizer``) not carried: these pipelines
          add no lemmatizer; ``imrf_match_keys`` looks lemmas up in spacy-lookups-data's
          tables of ``nlp.lang``, which is ``"fr"``.
        """

        tokenizer_exceptions: dict[str, list[dict]] = {}
        prefixes = suffixes = infixes = None
        url_match = None
        lex_attr_getters = {LIKE_NUM: like_num}
        stop_words = set(snapshot["stop_words"])

    class SnapshotFrench(Language):
        lang = "fr"
        Defaults = SnapshotFrenchDefaults

    return SnapshotFrench, snapshot["tokenizer"]


# French LIKE_NUM, copied from spaCy 3.8 spacy/lang/fr/lex_attrs.py (MIT licence,
# Copyright (C) 2016-2024 ExplosionAI GmbH, 2016 spaCy GmbH, 2015 Matthew Honnibal).
_num_words = set(
    """
zero un une deux trois quatre cinq six sept huit neuf dix
onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf
vingt trente quarante cinquante soixante soixante-dix septante quatre-vingt huitante quatre-vingt-dix nonante
cent mille mil million milliard billion quadrillion quintillion
sextillion septillion octillion nonillion decillion
""".split()  # noqa: E501
)

_ordinal_words = set(
    """
premier première deuxième second seconde troisième quatrième cinquième sixième septième huitième neuvième dixième
onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième dix-neuvième
vingtième trentième quarantième cinquantième soixantième soixante-dixième septantième quatre-vingtième huitantième quatre-vingt-dixième nonantième
centième millième millionnième milliardième billionnième quadrillionnième quintillionnième
sextillionnième septillionnième octillionnième nonillionnième decillionnième
""".split()  # noqa: E501
)


def like_num(text: str) -> bool:
    """Return whether a French word reads as a number (spaCy's French ``LIKE_NUM``)."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    if text.lower() in _num_words:
        return True
    if text.lower() in _ordinal_words:
        return True
    return False


# The shapes of the alternatives of spaCy's French TOKEN_MATCH (spacy/lang/fr/
# tokenizer_exceptions.py, _regular_exp), as the text before and after each one's own part;
# {a}, {al}, {hyphen} and {elision} stand for the character classes spaCy fills in.
_FRENCH_TOKEN_SHAPES = (
    ("^", "[{al}]+$"),  # the listed words, such as "^a[{hyphen}]sexualis[{al}]+$"
    ("^", "[{al}]*$"),  # and "^burn[{hyphen}]out[{al}]*$"
    ("^", "[{al}][{hyphen}{al}{elision}]*$"),  # _hyphen_prefix ("faux-"), _elision_prefix
    ("^[{a}]+[{hyphen}]", "[{hyphen}](?:l[{elision}])?[{a}]+$"),  # _hyphen_combination
)


def merge_alternatives(alternatives: Sequence[str], shapes: Sequence[tuple[str, str]]) -> str:
    """Return one pattern that matches a string exactly when one of ``alternatives`` does.

    An alternative ``start + own + end`` of a shape ``(start, end)`` joins the others of that
    shape in one alternative ``start(?:own1|own2|...)end``: "^A1T$|^A2T$" and "^(?:A1|A2)T$"
    match the same strings when ``A1`` and ``A2`` are patterns of their own (no top-level
    ``|``; spaCy's French ones are, and the tests compare the merged pattern with spaCy's on
    words of every alternative), and ``T`` is written once. A match's extent may differ
    between the two; spaCy's tokenizer only asks whether ``token_match(string)`` matches (see
    ``Tokenizer._split_affixes`` and ``_attach_tokens`` in spacy/tokenizer.pyx). An
    alternative of no shape is kept as it is.
    """
    merged: dict[tuple[str, str], list[str]] = {shape: [] for shape in shapes}
    kept: list[str] = []
    for alternative in alternatives:
        shape = next(((start, end) for start, end in shapes
                      if alternative.startswith(start) and alternative.endswith(end)
                      and len(alternative) > len(start) + len(end)), None)
        if shape is None:
            kept.append(alternative)
        else:
            merged[shape].append(alternative[len(shape[0]):-len(shape[1])])
    return "|".join([f"(?:{start}(?:{'|'.join(owns)}){end})"
                     for (start, end), owns in merged.items() if owns]
                    + [f"(?:{alternative})" for alternative in kept])


def make_french_snapshot() -> bytes:
    """Return the French tokenizer snapshot ``blank("fr")`` loads, made by the installed spaCy.

    Imports ``spacy.lang.fr`` (about 4 s).

    Raises:
        RuntimeError: spaCy's French ``TOKEN_MATCH`` is no longer compiled from
            ``_regular_exp`` as this function expects.
    """
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER
    from spacy.lang.fr import French
    from spacy.lang.fr.punctuation import ELISION, HYPHENS
    from spacy.lang.fr.tokenizer_exceptions import _regular_exp

    nlp = French()
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    flags = "(?iu)"
    if tokenizer.token_match.__self__.pattern != flags + "|".join(
            f"(?:{alternative})" for alternative in _regular_exp):
        raise RuntimeError("spaCy's French TOKEN_MATCH is not compiled from _regular_exp: "
                           "update imrf_analysis.tagging.languages.make_french_snapshot")
    classes = {"a": ALPHA, "al": ALPHA_LOWER, "hyphen": HYPHENS, "elision": ELISION}
    shapes = [(start.format(**classes), end.format(**classes))
              for start, end in _FRENCH_TOKEN_SHAPES]
    tokenizer.token_match = re.compile(
        flags + merge_alternatives(_regular_exp, shapes)).match
    return srsly.msgpack_dumps({
        "spacy_version": spacy.__version__,
        "stop_words": sorted(nlp.Defaults.stop_words),
        "tokenizer": tokenizer.to_bytes(exclude=["vocab"]),
    })
