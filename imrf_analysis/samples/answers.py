"""The answer key of the bundled sample, derived from how each review was composed.

No review is keyed by hand: every label comes from the key of the sample-text entry a passage
was composed from (``compose_with_origins``) and from the tags on that key's line in
``text/<lang>.txt`` (see :mod:`imrf_analysis.samples.text`), which were set once per entry by
reading what it says. Two files result, one JSON object a line, for the readable reviews only
(the damaged submission has no key):

``answers.jsonl``, one line per review::

    {"file", "country_iso3", "language", "structure", "objectives": {"5": {"progress",
     "challenge", "good_practice", "support_needs"}}, "mentioned_not_reported",
     "guiding_principles", "document_kind"}

- ``objectives`` holds the objectives the review reports on: those with an ``obj N ...`` entry
  (a ``cso obj N`` observation in the stakeholder contribution), which are the spec's. In a
  national review, ``progress``, ``challenge`` and ``good_practice`` say whether an
  ``obj N progress``, ``obj N challenge`` or ``obj N practice`` entry was written, and
  ``support_needs`` lists the slugs of its ``obj N support`` entry. A good practice is also
  progress. In the stakeholder contribution the flags come from the observation tags of its
  ``cso obj N`` entries (only where an observation plainly reports progress, a challenge or a
  good practice), so an objective may be listed with every flag false.
- ``structure`` follows the layout: ``by-objective`` (``by-round-table`` when objectives are
  grouped under round tables), ``thematic`` for a narrative review, ``by-objective`` for the
  stakeholder contribution. ``table-only`` never occurs in this sample.
- ``mentioned_not_reported`` lists objectives the review names without reporting on them. The
  composer names objectives in objective headings, round-table headings and the narrative
  layout's mention suffixes, all of objectives it reports on, and the sample text names none by
  number (a test guards this), so the list is empty for every review. It is computed from the
  passages' ``mentions`` all the same, and would need more than that if the text ever named one.
- ``guiding_principles`` is always empty in ``answers.jsonl`` and ``null`` (not labelled) in
  ``passages.jsonl``: the sample text is not labelled with the guiding principles, although
  some passages evoke them (a whole-of-government approach, human
  rights, child-sensitivity). Those would need tags of their own before they can be keyed.

``passages.jsonl``, one line per body paragraph, list item, table row or table note (headings
are left out)::

    {"id", "file", "page": null, "kind", "text", "language", "objectives", "content_types",
     "guiding_principles": null, "support_needs", "trap", "mentions"}

``text`` is exactly the composed text. Labels by entry key: ``obj N progress`` is progress on
objective N, ``obj N challenge`` a challenge, ``obj N practice`` progress and a good practice,
``obj N support`` support needed (with its slugs); ``cso obj N`` is objective N with its
observation tags; ``challenges ...`` is a challenge of no objective; ``support needs`` is
support needed of no objective, each item with its own slugs (the key line's when it has
none), the list's lead paragraph with none. ``trap`` marks passages that read like content
but report on no objective: ``methodology`` (``method ...``, ``cso method``),
``consulted-list`` (``method stakeholders``), ``support-list`` (``support needs``) and
``recommendation-list`` (``cso recommendations``).
Table captions and source notes are ``note`` rows, the header and data rows ``table-row`` rows
(cells joined by `` | ``); none of them carries a label. ``mentions`` lists the objectives a
passage names by number. ``page`` is null: pages depend on the renderer, not the composition.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imrf_analysis.samples.compose import Origin, compose_with_origins
from imrf_analysis.samples.document import BulletList, Heading, Paragraph, Table
from imrf_analysis.samples.specs import REGISTERED_SAMPLES, SampleReview
from imrf_analysis.samples.text import Entry
from imrf_analysis.store.schemas import SUPPORT_NEEDS

CONTENT_TYPES: tuple[str, ...] = ("progress", "challenge", "good-practice", "support-needed")
STRUCTURES: tuple[str, ...] = ("by-objective", "by-round-table", "thematic", "table-only")
PASSAGE_KINDS: tuple[str, ...] = ("paragraph", "list-item", "table-row", "note")
TRAPS: tuple[str, ...] = ("methodology", "consulted-list", "support-list", "recommendation-list")

_OBJECTIVE_KEY = re.compile(r"obj (\d+) (progress|challenge|practice|support)")
_OBSERVATION_KEY = re.compile(r"cso obj (\d+)")
_KIND_CONTENT = {"progress": ("progress",), "challenge": ("challenge",),
                 "practice": ("progress", "good-practice"), "support": ("support-needed",)}
_OBSERVATION_CONTENT = {"progress": ("progress",), "challenge": ("challenge",),
                        "good-practice": ("progress", "good-practice")}
# Keys of no objective and no content: the frame of a review.
_FRAME_KEYS = frozenset({"intro context", "intro framework", "intro purpose", "conclusion",
                         "cso intro", "cso context", "cso mandate", "cso closing"})
_TRAP_KEYS = {"method process": "methodology", "method consultation": "methodology",
              "method limits": "methodology", "cso method": "methodology",
              "method stakeholders": "consulted-list", "support needs": "support-list",
              "cso recommendations": "recommendation-list"}


@dataclass(frozen=True)
class EntryLabels:
    """What the key of a sample-text entry says about the passages composed from it."""

    objectives: tuple[int, ...] = ()
    content_types: tuple[str, ...] = ()
    trap: str | None = None


def _ordered(labels: Iterable[str], order: tuple[str, ...]) -> list[str]:
    wanted = set(labels)
    return [label for label in order if label in wanted]


def entry_labels(entry: Entry) -> EntryLabels:
    """Return the labels the key of ``entry`` gives its passages.

    Raises:
        ValueError: the key is none the sample's layouts write, so it has no known labels.
    """
    if match := _OBJECTIVE_KEY.fullmatch(entry.key):
        return EntryLabels((int(match[1]),), _KIND_CONTENT[match[2]])
    if match := _OBSERVATION_KEY.fullmatch(entry.key):
        content = [c for tag in entry.observations for c in _OBSERVATION_CONTENT[tag]]
        return EntryLabels((int(match[1]),), tuple(_ordered(content, CONTENT_TYPES)))
    if entry.key.startswith("challenges "):
        return EntryLabels(content_types=("challenge",))
    if entry.key == "support needs":
        return EntryLabels(content_types=("support-needed",), trap="support-list")
    if entry.key in _TRAP_KEYS:
        return EntryLabels(trap=_TRAP_KEYS[entry.key])
    if entry.key in _FRAME_KEYS:
        return EntryLabels()
    raise ValueError(f"sample text key [{entry.key}] has no labels in the answer key")


def structure(spec: SampleReview) -> str:
    """Return how a review is organised, as one of ``STRUCTURES``."""
    if spec.layout == "narrative":
        return "thematic"
    return "by-round-table" if spec.round_tables else "by-objective"


_NO_LABELS = EntryLabels()


def _passage(spec: SampleReview, kind: str, text: str, labels: EntryLabels = _NO_LABELS,
             support_needs: Iterable[str] = (), mentions: tuple[int, ...] = ()) -> dict[str, Any]:
    return {"id": "", "file": spec.file, "page": None, "kind": kind, "text": text,
            "language": spec.language, "objectives": list(labels.objectives),
            "content_types": list(labels.content_types), "guiding_principles": None,
            "support_needs": _ordered(support_needs, SUPPORT_NEEDS), "trap": labels.trap,
            "mentions": list(mentions)}


def _entry_passages(spec: SampleReview, block: Paragraph | BulletList,
                    origin: Origin) -> list[dict[str, Any]]:
    entry, labels = origin.entry, entry_labels(origin.entry)
    if isinstance(block, Paragraph):
        # A list's lead sentence asks for no kind of support itself; its items do.
        support = entry.support_needs if origin.inline or not entry.items else ()
        return [_passage(spec, "paragraph", block.text, labels, support, origin.mentions)]
    # An item asks for the support its own slugs name, else for all its key line names.
    per_item = entry.item_support_needs or ((),) * len(entry.items)
    return [_passage(spec, "list-item", text, labels, support or entry.support_needs)
            for text, support in zip(block.items, per_item, strict=True)]


def _table_passages(spec: SampleReview, table: Table) -> list[dict[str, Any]]:
    rows = [_passage(spec, "note", table.caption)]
    rows += [_passage(spec, "table-row", " | ".join(row)) for row in (table.header, *table.rows)]
    if table.note:
        rows.append(_passage(spec, "note", table.note))
    return rows


def passage_rows(spec: SampleReview) -> list[dict[str, Any]]:
    """Return the passage-level key of one review: a row per body passage, in reading order.

    Raises:
        ValueError: a passage came from a sample-text key with no known labels.
    """
    document, origins = compose_with_origins(spec)
    rows: list[dict[str, Any]] = []
    for block, origin in zip(document.body, origins, strict=True):
        if isinstance(block, Heading):
            continue
        if isinstance(block, Table):
            rows += _table_passages(spec, block)
        elif origin is None:
            raise ValueError(f"{spec.file}: a {type(block).__name__} of no sample-text entry")
        else:
            rows += _entry_passages(spec, block, origin)
    stem = Path(spec.file).stem
    for number, row in enumerate(rows, start=1):
        row["id"] = f"{stem}:{number:03d}"
    return rows


def answer_row(spec: SampleReview) -> dict[str, Any]:
    """Return the review-level key of one review, built from its passages."""
    reported: dict[int, dict[str, Any]] = {}
    mentioned: set[int] = set()
    for row in passage_rows(spec):
        mentioned.update(row["mentions"])
        if not row["objectives"]:
            continue
        for number in row["objectives"]:
            flags = reported.setdefault(number, {"progress": False, "challenge": False,
                                                 "good_practice": False, "support_needs": []})
            content = set(row["content_types"])
            flags["progress"] |= "progress" in content
            flags["challenge"] |= "challenge" in content
            flags["good_practice"] |= "good-practice" in content
            flags["support_needs"] = _ordered([*flags["support_needs"], *row["support_needs"]],
                                              SUPPORT_NEEDS)
    return {
        "file": spec.file,
        "country_iso3": spec.country_iso3,
        "language": spec.language,
        "structure": structure(spec),
        "objectives": {str(number): reported[number] for number in sorted(reported)},
        "mentioned_not_reported": sorted(mentioned - reported.keys()),
        "guiding_principles": [],
        "document_kind": spec.kind,
    }


def keyed_reviews(specs: Iterable[SampleReview] = REGISTERED_SAMPLES) -> list[SampleReview]:
    """Return the reviews of ``specs`` that get a key: all but damaged submissions."""
    return [spec for spec in specs if not spec.truncate_to]


def _jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def answers_jsonl(specs: Iterable[SampleReview] = REGISTERED_SAMPLES) -> str:
    """Return ``answers.jsonl``: the review-level key of the readable reviews of ``specs``."""
    return _jsonl(answer_row(spec) for spec in keyed_reviews(specs))


def passages_jsonl(specs: Iterable[SampleReview] = REGISTERED_SAMPLES) -> str:
    """Return ``passages.jsonl``: the passage-level key of the readable reviews of ``specs``."""
    return _jsonl(row for spec in keyed_reviews(specs) for row in passage_rows(spec))
