"""Compose a sample review from its spec and the sample prose of its language.

Three layouts, as real submissions come: chapters with one section per objective, a free
narrative organised by theme, and a stakeholder contribution with observations per objective.
Which text variants a country gets is fixed by its country code, so runs are reproducible and
countries sharing a language still read differently.

``compose_with_origins`` also returns, for each body block, the text entry it was composed from:
the answer key of the sample (:mod:`imrf_analysis.samples.answers`) is derived from it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from imrf_analysis.reference.gcm import ROUND_TABLES
from imrf_analysis.samples.document import (
    Block,
    BulletList,
    Heading,
    Paragraph,
    ReviewDocument,
    TitlePage,
)
from imrf_analysis.samples.figures import fill
from imrf_analysis.samples.labels import (
    LABELS,
    NOTICE_EN,
    chapter_heading,
    format_date,
    join_numbers,
    objective_heading,
)
from imrf_analysis.samples.specs import SampleReview
from imrf_analysis.samples.tables import TABLE_KINDS, build_table
from imrf_analysis.samples.text import Entry, SampleText

# Narrative reviews group objectives by theme, the way governments often write without the GCM
# structure in front of them.
THEMES: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("governance", (1, 3, 4, 11, 12, 23)),
    ("labour", (5, 6, 18, 22)),
    ("protection", (7, 8, 9, 10, 13, 14)),
    ("inclusion", (15, 16, 17)),
    ("development", (2, 19, 20, 21)),
)
EXTRA_KINDS: tuple[str, ...] = ("challenge", "practice", "support")


@dataclass(frozen=True)
class Origin:
    """The sample-text entry a body block (paragraph or bullet list) was composed from."""

    entry: Entry
    inline: bool = False  # a paragraph into which the entry's items were folded (no bullets)
    mentions: tuple[int, ...] = ()  # objectives the paragraph names (narrative mention suffix)


class _Composer:
    """Accumulates the body blocks of one review, numbering chapters as it goes."""

    def __init__(self, spec: SampleReview) -> None:
        self.spec = spec
        self.labels = LABELS[spec.language]
        self.text = SampleText(spec.language, spec.profile, spec.country_iso3)
        self.blocks: list[Block] = []
        self.origins: dict[int, Origin] = {}  # by index in ``blocks``
        self.chapter_number = 0
        self.table_number = 0

    def fill(self, template: str, **extra: str) -> str:
        return fill(template, self.spec.country_iso3, self.spec.language, self.spec.place,
                    extra)

    def chapter(self, key: str, title: str | None = None) -> None:
        self.chapter_number += 1
        title = title or self.labels.chapters[key]
        self.blocks.append(Heading(
            chapter_heading(self.chapter_number, title, self.spec.chapter_numbering), 1))

    def entry(self, entry: Entry, suffix: str = "", mentions: tuple[int, ...] = ()) -> None:
        """Add an entry: its paragraph, then its items (one inline sentence without bullets).

        ``mentions`` are the objectives that ``suffix`` names.
        """
        paragraph = self.fill(entry.paragraph) if entry.paragraph else ""
        items = [self.fill(item) for item in entry.items]
        inline = bool(items) and not self.spec.bullets
        if inline:
            joined = "; ".join(item.rstrip(";.") for item in items)
            paragraph = f"{paragraph} {joined}.".strip()
            items = []
        if paragraph:
            self.origins[len(self.blocks)] = Origin(entry, inline, mentions if suffix else ())
            self.blocks.append(Paragraph(f"{paragraph} {suffix}".strip()))
        if items:
            self.origins[len(self.blocks)] = Origin(entry)
            self.blocks.append(BulletList(tuple(items)))

    def key(self, key: str) -> None:
        self.entry(self.text.pick(key))

    def some(self, keys: tuple[str, ...], count: int, salt: str = "") -> None:
        for entry in self.text.pick_some(keys, count, salt):
            self.entry(entry)

    def objective_text(self, number: int, extras: int | None = None, suffix: str = "") -> None:
        """Add an objective's progress paragraph and up to two more (challenge, practice...)."""
        rng = random.Random(f"{self.spec.country_iso3}|extras|{number}")
        count = rng.choice((1, 1, 2, 2)) if extras is None else extras
        self.entry(self.text.pick(f"obj {number} progress"), suffix, (number,))
        self.some(tuple(f"obj {number} {kind}" for kind in EXTRA_KINDS), count, "extras")

    def table(self, kind: str) -> None:
        self.table_number += 1
        self.blocks.append(build_table(kind, self.table_number, self.spec.country_iso3,
                                       self.spec.language))

    def opening(self) -> None:
        self.chapter("introduction")
        self.key("intro context")
        self.key("intro framework")
        self.key("intro purpose")
        self.chapter("methodology")
        self.key("method process")
        self.key("method consultation")
        self.key("method stakeholders")
        self.key("method limits")

    def closing(self, chapter: str) -> None:
        self.chapter(chapter)
        self.some(("challenges resources", "challenges data", "challenges coordination",
                   "challenges context"), 2, "challenges")
        self.key("support needs")
        if chapter != "way-forward":
            self.chapter("conclusion")
        self.key("conclusion")


def _by_objective(c: _Composer) -> None:
    spec = c.spec
    c.opening()
    c.chapter("progress")
    groups: list[tuple[Heading | None, list[int]]] = [(None, sorted(spec.objectives))]
    if spec.round_tables:
        groups = [
            (Heading(c.labels.round_table.format(
                n=rt.code[2:], list=join_numbers(covered, spec.language)), 2), list(covered))
            for rt in ROUND_TABLES
            if (covered := tuple(n for n in rt.objectives if n in spec.objectives))
        ]
    section = 0
    for group_heading, numbers in groups:
        if group_heading:
            c.blocks.append(group_heading)
        for number in numbers:
            section += 1
            c.blocks.append(Heading(objective_heading(
                number, spec.language, spec.heading_style, f"{c.chapter_number}.{section}"),
                3 if group_heading else 2))
            c.objective_text(number)
            for kind in spec.tables:
                if TABLE_KINDS[kind].objective == number:
                    c.table(kind)
    c.closing("challenges")


def _narrative(c: _Composer) -> None:
    spec = c.spec
    c.opening()
    for theme, numbers in THEMES:
        covered = [n for n in numbers if n in spec.objectives]
        if not covered:
            continue
        c.chapter(theme, c.labels.themes[theme])
        for number in covered:
            suffix = ""
            if spec.mentions_objectives:
                mention = random.Random(f"{spec.country_iso3}|mention|{number}")
                suffix = mention.choice(c.labels.mentions).format(n=number)
            c.objective_text(number, extras=1, suffix=suffix)
    c.closing("way-forward")


def _stakeholder(c: _Composer) -> None:
    spec = c.spec
    c.chapter("presentation")
    c.key("cso intro")
    c.key("cso context")
    c.key("cso mandate")
    c.chapter("methodology")
    c.key("cso method")
    c.chapter("observations")
    for number in sorted(spec.objectives):
        c.blocks.append(Heading(objective_heading(number, spec.language, spec.heading_style), 2))
        variants = c.text.variants(f"cso obj {number}")
        if not variants:
            raise KeyError(f"no [cso obj {number}] text in {spec.language}.txt")
        for entry in variants:
            c.entry(entry)
    c.chapter("recommendations")
    c.key("cso recommendations")
    c.chapter("closing")
    c.key("cso closing")


_LAYOUTS = {"by-objective": _by_objective, "narrative": _narrative, "stakeholder": _stakeholder}


def compose_review(spec: SampleReview) -> ReviewDocument:
    """Return the full text and structure of one sample review.

    Raises:
        KeyError: the language's sample text lacks an entry the layout needs.
    """
    return compose_with_origins(spec)[0]


def compose_with_origins(spec: SampleReview) -> tuple[ReviewDocument, tuple[Origin | None, ...]]:
    """Return the review of ``compose_review`` and, for each body block, the entry it came from.

    The second element is aligned with ``document.body``: ``None`` for headings and tables,
    which no text entry writes.

    Raises:
        KeyError: the language's sample text lacks an entry the layout needs.
    """
    c = _Composer(spec)
    _LAYOUTS[spec.layout](c)
    labels = c.labels
    notices = (NOTICE_EN,) if spec.language == "en" else (NOTICE_EN, labels.notice)
    title = (labels.contribution_title if spec.kind == "stakeholder-contribution"
             else labels.review_title)
    title_page = TitlePage(
        country=spec.place.name,
        title=title,
        prepared_by=spec.prepared_by,
        forum=labels.forum.format(cycle=spec.cycle),
        submitted=labels.submitted.format(date=format_date(spec.date, spec.language)),
        notices=notices,
        disclaimer=labels.disclaimer,
    )
    document = ReviewDocument(
        language=spec.language,
        title_page=title_page,
        running_header=labels.running_header.format(name=spec.place.name, cycle=spec.cycle),
        page_label=labels.page_of if spec.page_of_total else labels.page,
        body=tuple(c.blocks),
        keywords=f"GCM; IMRF {spec.cycle}; {spec.kind}; {NOTICE_EN}",
    )
    return document, tuple(c.origins.get(index) for index in range(len(c.blocks)))
