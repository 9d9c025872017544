"""Read the prose the sample reviews are composed from: one text file per language.

``text/<lang>.txt`` is a list of entries. An entry starts with a bracketed key line such as
``[obj 5 progress origin]`` and runs to the next key. Its lines are joined into one paragraph,
optionally followed by a bullet list whose items start with ``- `` and may wrap. A key may
repeat: each entry is one variant, and a review picks among them. Lines starting ``#`` are
comments.

Tags may follow the key on its line, in any order; they label the entry without changing its
text (so a tag never changes which variant a review picks):

- ``origin`` or ``destination`` restricts the variant to countries with that migration profile;
- on a support key (``obj N support`` or ``support needs``), the kinds of support the entry asks
  for, as ``SUPPORT_NEEDS`` slugs: ``[obj 7 support capacity-building financing partnerships]``;
- on an observation of a stakeholder contribution (``cso obj N``), what the observation
  plainly does, as ``OBSERVATION_TAGS``: ``[cso obj 17 good-practice]``.

Elsewhere those words are part of the key: ``[challenges data]`` is the key "challenges data",
and ``[obj 5 challenge]`` the key "obj 5 challenge". An item of a support entry's list may
start with its own slugs in brackets, ``- [financing] funding for shelters;``; the brackets are
not part of the item's text, and the slugs must be among those of the key line.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from importlib import resources

from imrf_analysis.store.schemas import SUPPORT_NEEDS

PROFILES: tuple[str, ...] = ("origin", "destination", "mixed")
_PROFILE_TAGS = ("origin", "destination")
# What an observation of a stakeholder contribution does, when it plainly does it.
OBSERVATION_TAGS: tuple[str, ...] = ("progress", "challenge", "good-practice")
_TAGS = frozenset((*_PROFILE_TAGS, *SUPPORT_NEEDS, *OBSERVATION_TAGS))


@dataclass(frozen=True)
class Entry:
    """One variant of a keyed piece of sample text, with the tags of its key line."""

    key: str
    profile: str | None  # "origin", "destination" or None for any country
    paragraph: str  # the joined lines; "" when the entry is only a list
    items: tuple[str, ...]  # bullet items, if any
    support_needs: tuple[str, ...] = ()  # support keys: the kinds of support asked for
    item_support_needs: tuple[tuple[str, ...], ...] = ()  # per item; () when none is tagged
    observations: tuple[str, ...] = ()  # ``cso obj N`` keys: OBSERVATION_TAGS

    def fits(self, profile: str) -> bool:
        """Return True when this variant may appear in a review of a ``profile`` country."""
        return self.profile is None or profile in (self.profile, "mixed")


def is_support_key(key: str) -> bool:
    """Return True for the keys whose entries ask for support (and so may carry slugs)."""
    return key == "support needs" or (key.startswith("obj ") and key.endswith(" support"))


def is_observation_key(key: str) -> bool:
    """Return True for the per-objective observations of a stakeholder contribution."""
    return key.startswith("cso obj ")


def _tag_allowed(key: str, tag: str) -> bool:
    if tag in _PROFILE_TAGS:
        return True
    if tag in SUPPORT_NEEDS:
        return is_support_key(key)
    return tag in OBSERVATION_TAGS and is_observation_key(key)


def _split_header(words: list[str], where: str) -> tuple[str, list[str]]:
    """Return a key line's key and its tags (see the module docstring).

    Raises:
        ValueError: a tag the key cannot carry follows another tag, or two profiles are given.
    """
    split = len(words)
    while split > 1 and words[split - 1] in _TAGS:
        split -= 1
    key_words, tags = words[:split], words[split:]
    # Tag words the key cannot carry belong to it ("challenges data", "obj 5 challenge").
    while tags and not _tag_allowed(" ".join(key_words), tags[0]):
        key_words.append(tags.pop(0))
    key = " ".join(key_words)
    misplaced = [tag for tag in tags if not _tag_allowed(key, tag)]
    if misplaced:
        raise ValueError(f"{where}: [{key}] cannot carry the tags {misplaced}")
    if sum(tag in _PROFILE_TAGS for tag in tags) > 1:
        raise ValueError(f"{where}: [{key}] names more than one profile")
    return key, tags


def _split_item(text: str, key: str, allowed: tuple[str, ...],
                where: str) -> tuple[str, tuple[str, ...]]:
    """Return a list item's text and the support slugs bracketed at its start, if any.

    Raises:
        ValueError: the item is tagged outside a support entry or with a slug its key lacks.
    """
    if not text.startswith("["):
        return text, ()
    close = text.find("]")
    slugs = tuple(text[1:close].split())
    if close < 0 or not slugs or not is_support_key(key) or not set(slugs) <= set(allowed):
        raise ValueError(f"{where}: item tags {text[:close + 1]!r} of [{key}] must be support "
                         f"slugs named on its key line ({', '.join(allowed) or 'none'})")
    return text[close + 1:].strip(), slugs


def parse_entries(source: str) -> list[Entry]:
    """Parse the text-file format described in this module into entries, in file order.

    Raises:
        ValueError: text appears before the first key, a key has no text, or a tag is out of
            place.
    """
    entries: list[Entry] = []
    header: list[str] | None = None
    header_line = 0
    lines: list[str] = []

    def close() -> None:
        if header is None:
            return
        where = f"line {header_line}"
        key, tags = _split_header(list(header), where)
        first_item = next((i for i, line in enumerate(lines) if line.startswith("- ")),
                          len(lines))
        paragraph = " ".join(lines[:first_item])
        items: list[str] = []
        for line in lines[first_item:]:
            if line.startswith("- "):
                items.append(line[2:].strip())
            else:  # a wrapped item continues on the next line
                items[-1] = f"{items[-1]} {line}"
        if not paragraph and not items:
            raise ValueError(f"sample text entry [{' '.join(header)}] is empty")
        support = tuple(tag for tag in tags if tag in SUPPORT_NEEDS)
        split_items = [_split_item(item, key, support, where) for item in items]
        item_support = tuple(slugs for _, slugs in split_items)
        profile = next((tag for tag in tags if tag in _PROFILE_TAGS), None)
        entries.append(Entry(
            key, profile, paragraph, tuple(text for text, _ in split_items), support,
            item_support if any(item_support) else (),
            tuple(tag for tag in tags if tag in OBSERVATION_TAGS)))

    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            close()
            header, header_line, lines = line[1:-1].split(), number, []
        elif header is None:
            raise ValueError(f"line {number}: sample text before the first [key]")
        else:
            lines.append(line)
    close()
    return entries


@cache
def load_entries(lang: str) -> tuple[Entry, ...]:
    """Return the entries of the bundled ``text/<lang>.txt``.

    Raises:
        FileNotFoundError: no sample text exists for ``lang``.
    """
    source = resources.files("imrf_analysis.samples").joinpath("text", f"{lang}.txt")
    return tuple(parse_entries(source.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class SampleText:
    """The sample prose of one language, as seen by a country with one migration profile."""

    lang: str
    profile: str
    seed: str  # usually the country code: the same country always picks the same variants

    def variants(self, key: str) -> list[Entry]:
        """Return the variants of ``key`` that fit the profile (possibly none)."""
        return [e for e in load_entries(self.lang) if e.key == key and e.fits(self.profile)]

    def pick(self, key: str) -> Entry:
        """Return one variant of ``key``, the same one on every run.

        Raises:
            KeyError: the language has no variant of ``key`` for this profile.
        """
        options = self.variants(key)
        if not options:
            raise KeyError(f"no [{key}] text in {self.lang}.txt for a {self.profile} country")
        return random.Random(f"{self.seed}|{key}").choice(options)

    def pick_some(self, keys: tuple[str, ...], count: int, salt: str = "") -> list[Entry]:
        """Return up to ``count`` entries, one variant each of distinct ``keys``, in key order."""
        pool = [key for key in keys if self.variants(key)]
        chosen = random.Random(f"{self.seed}|{salt}|{keys}").sample(pool, min(count, len(pool)))
        return [self.pick(key) for key in keys if key in chosen]
