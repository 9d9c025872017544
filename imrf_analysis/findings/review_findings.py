"""Review-level findings: what each current review reports on each of the 23 objectives.

This is the dataset every count the project publishes comes from ("9 of 15 reviews report on
objective 4", "5 of 15 reviewing States reported progress on objective 1"). One row per current
document x objective, with a flag per finding and the passages behind each flag.

How a cell is decided, passage by passage:

* **Role** (``roles.passage_roles``): only body passages of at least ``MIN_REPORTING_WORDS`` words
  can report. The cover, contents, acronyms, methodology, consulted organisations, tables and
  their notes, annexes and the summary table of objectives never make a State report.
* **What a passage is about** (``passage_objectives``): its *primary* objectives. Under a
  heading naming one objective, that objective. Under a heading naming several (a round-table
  chapter) or none (a thematic chapter), the objective its own text scores best on (headings
  left out of the score), with a second one only when the text scores it nearly as high. The
  passage's other objectives are passing mentions.
* **What a passage does** (content types from the trained classifier, ``tags`` rows of
  ``label_type`` ``content_type``): progress, challenge, good practice, support needed.

A State *reports* on objective K when a body passage about K states progress, a challenge or a
good practice ("nothing to report under this objective" states none). ``progress``,
``challenge`` and ``good_practice`` need such a passage of that type; a good practice is also
progress. ``support_needs`` gathers the support categories of passages about K that ask for
support (in the body or in a support-needs chapter), on objectives the review reports on.
``mentioned_only`` marks objectives tagged somewhere in the review (on any passage, any role)
without being reported: visible to analysts, never counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from imrf_analysis.findings.roles import CONTENT_ROLES, REPORTING_ROLES, passage_roles
from imrf_analysis.ingest.collection import current_documents
from imrf_analysis.reference import gcm
from imrf_analysis.store.schemas import REVIEW_FINDINGS, SUPPORT_NEEDS
from imrf_analysis.tagging.mentions import find_objective_mentions
from imrf_analysis.tagging.scoring import DEFAULT_SIGNAL_SCORES, noisy_or
from imrf_analysis.tagging.text import fold_words

MIN_REPORTING_WORDS = 12
# Text score an objective needs to be a passage's subject when no single heading names it.
MIN_SUBJECT_SCORE = 0.3
# A second objective is also a subject when its text score is this high and this close to the
# best one: a paragraph on smuggling and trafficking reports on both.
SECOND_SUBJECT_SCORE = 0.8
SECOND_SUBJECT_MARGIN = 0.05
# A section's topic weighs this much beside a passage's own text (a passage naming nothing
# takes its section's topic; a passage clearly about another objective keeps it), once the
# section's best objective gathers this much text score over its passages.
SECTION_WEIGHT = 0.5
MIN_SECTION_MASS = 1.5
CONTENT_THRESHOLD = 0.5
REPORTING_CONTENT: tuple[str, ...] = ("progress", "gap-or-challenge", "good-practice")
# Finding flag -> the content type behind it.
FLAG_CONTENT: dict[str, str] = {"progress": "progress", "challenge": "gap-or-challenge",
                                "good_practice": "good-practice"}

FINDING_COLUMNS: list[str] = REVIEW_FINDINGS.names


@dataclass(frozen=True)
class PassageReading:
    """How one passage counts: its role, subjects, other objectives and content labels."""

    passage_id: str
    document_id: str
    role: str
    words: int
    subjects: dict[int, float]  # primary objective -> its score on the passage
    others: tuple[int, ...]  # objectives tagged but not its subject
    content: dict[str, float]  # content type -> classifier score (kept labels only)
    support: tuple[str, ...]  # support-need categories

    @property
    def reports(self) -> bool:
        """True when the passage can make its review report on its subjects."""
        return (self.role in REPORTING_ROLES and self.words >= MIN_REPORTING_WORDS
                and any(c in self.content for c in REPORTING_CONTENT))


def text_score(score: float, source: str) -> float:
    """Return the part of an objective's score that comes from the passage's own text.

    Signals combine by noisy-or; a heading's share is taken back out of it.
    """
    if "heading" not in source.split("+"):
        return score
    heading = DEFAULT_SIGNAL_SCORES.heading
    return max(0.0, 1.0 - (1.0 - score) / (1.0 - heading))


def passage_objectives(labels: list[tuple[int, float, str]],
                       section: dict[int, float] | None = None
                       ) -> tuple[dict[int, float], tuple[int, ...]]:
    """Split a passage's objective labels into its subjects and its passing mentions.

    Args:
        labels: ``(objective, score, source)`` of each objective tag of the passage.
        section: The topic of the passage's section, objective -> weight in [0, 1]
            (``section_topics``): a paragraph is read in the light of its chapter.

    Returns:
        ``({subject: score}, other objectives)``.
    """
    section = section or {}
    scores = {n: score for n, score, _ in labels}
    by_heading = [n for n, _, source in labels if "heading" in source.split("+")]
    if len(by_heading) == 1:
        subjects = set(by_heading)
    elif labels or section:
        texts = {n: text_score(score, source) for n, score, source in labels}
        keys = {n: texts.get(n, 0.0) + SECTION_WEIGHT * section.get(n, 0.0)
                for n in set(texts) | set(section)}
        pool = by_heading or list(keys)
        best = max(pool, key=lambda n: (keys[n], -n))
        subjects = set()
        if keys[best] >= MIN_SUBJECT_SCORE:
            subjects = {best} | {n for n in pool if texts.get(n, 0.0) >= max(
                SECOND_SUBJECT_SCORE, texts.get(best, 0.0) - SECOND_SUBJECT_MARGIN)}
    else:
        subjects = set()
    return ({n: scores.get(n, SECTION_WEIGHT * section.get(n, 0.0)) for n in sorted(subjects)},
            tuple(sorted(n for n in scores if n not in subjects)))


def section_topics(readings: list[tuple[str, tuple[str, ...], str, list[tuple[int, float, str]]]]
                   ) -> dict[tuple[str, tuple[str, ...]], dict[int, float]]:
    """Return the topic of each section, objective -> weight relative to the best one (1.0).

    The weights are the text scores the section's body passages give. A section whose best
    objective gathers less than ``MIN_SECTION_MASS`` has no topic: introductions and
    conclusions touch on everything.

    Args:
        readings: ``(document_id, heading_path, role, objective labels)`` of each passage.
    """
    mass: dict[tuple[str, tuple[str, ...]], dict[int, float]] = defaultdict(
        lambda: defaultdict(float))
    for document_id, headings, role, labels in readings:
        if role not in REPORTING_ROLES or not headings:
            continue
        for number, score, source in labels:
            mass[(document_id, headings)][number] += text_score(score, source)
    topics = {}
    for key, weights in mass.items():
        best = max(weights.values())
        if best >= MIN_SECTION_MASS:
            topics[key] = {n: round(w / best, 4) for n, w in weights.items()}
    return topics


def chapter_objectives(documents: Sequence[str], paths: Sequence[tuple[str, ...]],
                       texts: Sequence[str], roles: Sequence[str]
                       ) -> dict[tuple[str, str], frozenset[int]]:
    """Return the objectives a review's summary table assigns to its chapters.

    Reviews written by theme often end with a table of correspondence: a row per chapter with
    the objectives it covers ("Access to basic services | Objective 15"). A row of a table (or of
    a summary-table section) that starts with the title of one of the review's headings and
    names objectives makes that heading name them, as if its title said so.

    Args:
        documents: Each passage's document id.
        paths: Each passage's heading path.
        texts: Each passage's text.
        roles: Each passage's role (``roles.passage_roles``).

    Returns:
        ``{(document_id, folded heading): objectives}``.
    """
    headings: dict[str, set[str]] = defaultdict(set)
    for did, path in zip(documents, paths, strict=True):
        headings[did].update(fold_words(h) for h in path)
    mapped: dict[tuple[str, str], frozenset[int]] = {}
    for did, text, role in zip(documents, texts, roles, strict=True):
        if role not in ("table", "summary-table"):
            continue
        numbers = {n for m in find_objective_mentions(text) for n in m.objectives}
        if not numbers:
            continue
        row = fold_words(text)
        for heading in headings.get(did, ()):
            if len(heading.split()) >= 2 and row.startswith(heading + " "):
                mapped[(did, heading)] = frozenset(numbers)
    return mapped


def read_passages(passages: pd.DataFrame, tags: pd.DataFrame,
                  roles: pd.Series | None = None) -> list[PassageReading]:
    """Return how each passage counts, in the order of ``passages``.

    ``roles`` are the passages' ``passage_roles`` when already computed (same index).
    """
    roles = passage_roles(passages) if roles is None else roles
    objective_labels: dict[str, list[tuple[int, float, str]]] = defaultdict(list)
    content: dict[str, dict[str, float]] = defaultdict(dict)
    support: dict[str, list[str]] = defaultdict(list)
    # Columns as Python lists: iterating Arrow-backed columns value by value is slow.
    for pid, label_type, label, score, source in zip(
            tags["passage_id"].tolist(), tags["label_type"].tolist(), tags["label"].tolist(),
            tags["score"].tolist(), tags["source"].fillna("").tolist(), strict=True):
        if label_type == "objective":
            objective_labels[pid].append((int(label), float(score), str(source)))
        elif label_type == "content_type" and score >= CONTENT_THRESHOLD:
            content[pid][str(label)] = float(score)
        elif label_type == "support_need":
            support[pid].append(str(label))
    ids = passages["passage_id"].astype(str).tolist()
    documents = passages["document_id"].astype(str).tolist()
    role_list = roles.astype(str).tolist()
    paths = [tuple(path) if isinstance(path, (list, tuple, np.ndarray)) else ()
             for path in passages["heading_path"].tolist()]
    texts = passages["text"].fillna("").astype(str).tolist()
    chapters = chapter_objectives(documents, paths, texts, role_list)
    if chapters:
        _add_chapter_headings(ids, documents, paths, objective_labels, chapters)
    topics = section_topics([(did, path, role, objective_labels.get(pid, []))
                             for pid, did, path, role in zip(ids, documents, paths, role_list,
                                                             strict=True)])
    words = [len(text.split()) for text in texts]
    readings = []
    for pid, did, path, role, count in zip(ids, documents, paths, role_list, words,
                                           strict=True):
        section = topics.get((did, path)) if role in REPORTING_ROLES else None
        subjects, others = passage_objectives(objective_labels.get(pid, []), section)
        readings.append(PassageReading(
            pid, did, role, int(count), subjects, others, content.get(pid, {}),
            tuple(s for s in SUPPORT_NEEDS if s in support.get(pid, []))))
    return readings


def _add_chapter_headings(ids: list[str], documents: list[str], paths: list[tuple[str, ...]],
                          labels: dict[str, list[tuple[int, float, str]]],
                          chapters: dict[tuple[str, str], frozenset[int]]) -> None:
    """Give each passage under a chapter of the summary table that chapter's objectives.

    They count as a heading naming them would, unless a heading already names objectives.
    """
    heading_score = DEFAULT_SIGNAL_SCORES.heading
    for pid, did, path in zip(ids, documents, paths, strict=True):
        if any("heading" in source.split("+") for _, _, source in labels.get(pid, [])):
            continue
        for heading in reversed(path):
            numbers = chapters.get((did, fold_words(heading)))
            if numbers:
                own = {n: (score, source) for n, score, source in labels.get(pid, [])}
                for n in numbers:
                    score, source = own.get(n, (0.0, ""))
                    own[n] = (round(noisy_or((score, heading_score)), 4),
                              "+".join(filter(None, ("heading", source))))
                labels[pid] = [(n, score, source) for n, (score, source) in sorted(own.items())]
                break


def compile_review_findings(documents: pd.DataFrame, passages: pd.DataFrame,
                            tags: pd.DataFrame, roles: pd.Series | None = None) -> pd.DataFrame:
    """Build the review findings: one row per current document x objective (all 23).

    A document's findings depend on its own passages and tags alone: a run draws them review
    by review (``review_processing.process_review``) and keeps them with the review's shards.

    Args:
        documents: The documents dataset (every version; only current ones get rows).
        passages: The passages dataset.
        tags: The tags dataset (objective, content-type and support-need labels are read).
        roles: ``passage_roles(passages)`` when already computed.

    Returns:
        A new frame with ``FINDING_COLUMNS``, sorted by document id and objective.
    """
    current = current_documents(documents)
    is_kept = passages["document_id"].isin(current["document_id"])
    kept = passages[is_kept]
    readings = read_passages(kept.reset_index(drop=True),
                             tags[tags["passage_id"].isin(kept["passage_id"])],
                             None if roles is None else roles[is_kept].reset_index(drop=True))
    cells: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    confidence: dict[tuple[str, int], float] = defaultdict(float)
    support_of: dict[tuple[str, int], set[str]] = defaultdict(set)
    for reading in readings:
        for number, score in reading.subjects.items():
            cell = cells[(reading.document_id, number)]
            if reading.reports:
                cell["passage_ids"].append(reading.passage_id)
                for flag, content_type in FLAG_CONTENT.items():
                    if content_type in reading.content:
                        cell[f"{flag}_passage_ids"].append(reading.passage_id)
                best = max((reading.content[c] for c in REPORTING_CONTENT if c in reading.content),
                           default=0.0)
                confidence[(reading.document_id, number)] = max(
                    confidence[(reading.document_id, number)], round(score * best, 4))
            else:  # named, about it even, without reporting anything on it
                cell["mention_passage_ids"].append(reading.passage_id)
            if "support-needed" in reading.content and reading.role in CONTENT_ROLES:
                cell["support_passage_ids"].append(reading.passage_id)
                support_of[(reading.document_id, number)].update(reading.support)
        for number in reading.others:
            cells[(reading.document_id, number)]["mention_passage_ids"].append(
                reading.passage_id)
    rows = []
    for doc in current.sort_values("document_id").itertuples(index=False):
        for number in gcm.OBJECTIVE_NUMBERS:
            cell = cells.get((doc.document_id, number), {})
            reported = bool(cell.get("passage_ids"))
            lists = {name: sorted(set(cell.get(name, []))) for name in (
                "passage_ids", "progress_passage_ids", "challenge_passage_ids",
                "good_practice_passage_ids", "support_passage_ids", "mention_passage_ids")}
            if not reported:
                lists["support_passage_ids"] = []
            # A good practice is progress too: its passage is evidence of both.
            lists["progress_passage_ids"] = sorted({*lists["progress_passage_ids"],
                                                    *lists["good_practice_passage_ids"]})
            good_practice = bool(lists["good_practice_passage_ids"])
            rows.append({
                "document_id": doc.document_id, "file": doc.file,
                "country_iso3": doc.country_iso3, "cycle": str(doc.cycle),
                "document_kind": doc.document_kind, "language": doc.language,
                "objective": number, "round_table": gcm.round_table_of(number).code,
                "reported": reported,
                "progress": bool(lists["progress_passage_ids"]),
                "challenge": bool(lists["challenge_passage_ids"]),
                "good_practice": good_practice,
                "support_needs": [s for s in SUPPORT_NEEDS
                                  if reported and s in support_of.get((doc.document_id, number),
                                                                      set())],
                "mentioned_only": not reported and bool(lists["mention_passage_ids"]),
                **lists,
                "confidence": confidence.get((doc.document_id, number), 0.0),
                # The model's finding; an analyst's decision changes these (``corrections``).
                "verified": False, "analyst_decision": "",
            })
    if not rows:
        return REVIEW_FINDINGS.empty_table().to_pandas()
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    frame["objective"] = frame["objective"].astype(np.int32)
    return frame


# Finding list -> the content category its passages are quoted under.
EVIDENCE_LISTS: dict[str, str] = {
    "progress_passage_ids": "progress", "challenge_passage_ids": "gap-or-challenge",
    "good_practice_passage_ids": "good-practice", "support_passage_ids": "support-needed"}


def evidence_passages(findings: pd.DataFrame) -> pd.DataFrame:
    """Return the passages behind the findings, one row per document x objective x passage.

    Each row has its ``category``: ``progress``, ``gap-or-challenge``, ``good-practice`` or
    ``support-needed``.

    These are the only passages the reports quote as evidence of what a State reported.
    """
    frames = []
    for column, category in EVIDENCE_LISTS.items():
        exploded = findings[["document_id", "objective", column]].explode(column).dropna()
        frames.append(pd.DataFrame({"document_id": exploded["document_id"].astype(str),
                                    "objective": exploded["objective"].astype(int),
                                    "passage_id": exploded[column].astype(str),
                                    "category": category}))
    return pd.concat(frames, ignore_index=True)
