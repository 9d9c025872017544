"""Read the prose the sample reviews are composed from: one text file per language.

``text/<lang>.txt`` is a list of entries. An entry starts with a bracketed key line such as
``[obj 5 progress origin]`` and runs to the next key. Its lines are joined into one paragraph,
optionally followed by a bullet list whose items start with ``- `` and may wrap. A key may
repeat: each entry is one variant, and a review picks among them. A trailing ``origin`` or
``destination`` restricts the variant to countries with that migration profile. Lines starting
``#`` are comments.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from importlib import resources

PROFILES: tuple[str, ...] = ("origin", "destination", "mixed")
_PROFILE_TAGS = ("origin", "destination")


@dataclass(frozen=True)
class Entry:
    """One variant of a keyed piece of sample text."""

    key: str
    profile: str | None  # "origin", "destination" or None for any country
    paragraph: str  # the joined lines; "" when the entry is only a list
    items: tuple[str, ...]  # bullet items, if any

    def fits(self, profile: str) -> bool:
        """Return True when this variant may appear in a review of a ``profile`` country."""
        return self.profile is None or profile in (self.profile, "mixed")


def parse_entries(source: str) -> list[Entry]:
    """Parse the text-file format described in this module into entries, in file order.

    Raises:
        ValueError: text appears before the first key, or a key has no text.
    """
    entries: list[Entry] = []
    header: list[str] | None = None
    lines: list[str] = []

    def close() -> None:
        if header is None:
            return
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
        profile = header[-1] if header[-1] in _PROFILE_TAGS else None
        key = " ".join(header[:-1] if profile else header)
        entries.append(Entry(key, profile, paragraph, tuple(items)))

    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            close()
            header, lines = line[1:-1].split(), []
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
