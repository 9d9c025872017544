"""Measure review findings and passage content tags against an answer key.

The answer key has one line per review::

    {"file", "country_iso3", "language", "structure", "document_kind"?,
     "objectives": {"5": {"progress", "challenge", "good_practice", "support_needs": [...]}},
     "mentioned_not_reported": [n], "guiding_principles": [...]}

``score_findings`` compares the review findings (one row per current document and objective)
with it cell by cell: a review has 23 cells, one per GCM objective, and each flag
(``reported``, ``progress``, ``challenge``, ``good_practice``, ``mentioned_only``) is a yes/no
call on every cell; ``support_needs`` is judged on (review, objective, category) triples. A
review of the key that the run did not compile counts as all "no" and is listed as missing.
Lines without ``document_kind`` are national reviews; a line of another kind (a stakeholder
contribution) is scored in a group of its own, never mixed into the national figures.

``score_passage_content`` aligns the key's labelled paragraphs and list items with our passages
of the same file (shared word 4-grams, so that PDF line breaks, a paragraph split in two or two
paragraphs merged into one do not matter) and compares the content types and support needs
tagged on them.

``read_run`` and ``read_input`` give the frames to score: those a run wrote, or those read from
an input folder the way a run reads it (without Prefect).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS
from imrf_analysis.store.schemas import SUPPORT_NEEDS

NATIONAL_REVIEW = "national-review"
CELL_FLAGS: tuple[str, ...] = ("reported", "progress", "challenge", "good_practice",
                               "mentioned_only")
FLAGS: tuple[str, ...] = ("reported", "progress", "challenge", "good_practice", "support_needs",
                          "mentioned_only")
# Reported for information: nothing is expected of it.
FLAGS_WITHOUT_TARGET: tuple[str, ...] = ("mentioned_only",)
# The key's content types, and ours where the names differ.
CONTENT_TYPES: tuple[str, ...] = ("progress", "challenge", "good-practice", "support-needed")
OUR_CONTENT_TYPE_NAMES: Mapping[str, str] = {"gap-or-challenge": "challenge"}
SCORED_PASSAGE_KINDS: tuple[str, ...] = ("paragraph", "list-item")
# Alignment of a gold passage with ours: word n-grams of this length; one of our passages joins
# the alignment when at least MIN_PASSAGE_SHARE of the smaller side's n-grams are shared; the
# gold passage is aligned when the passages joined cover MIN_COVERAGE of its n-grams.
NGRAM = 4
MIN_PASSAGE_SHARE = 0.5
MIN_COVERAGE = 0.5


@dataclass
class Confusion:
    """True positives, false positives and false negatives of one yes/no call."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        """Count one judged item."""
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1

    def add_sets(self, gold: Iterable[object], predicted: Iterable[object]) -> None:
        """Count the members of two label sets of the same item."""
        gold_set, predicted_set = set(gold), set(predicted)
        self.tp += len(gold_set & predicted_set)
        self.fp += len(predicted_set - gold_set)
        self.fn += len(gold_set - predicted_set)

    def __iadd__(self, other: Confusion) -> Confusion:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        """Share of the yes calls that are right (0 when there are none)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of the gold yes items found (0 when there are none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """Return the counts and the P/R/F1 they give."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass
class FlagScores:
    """The flags' confusion counts over a set of reviews.

    Attributes:
        reviews: reviews of the key counted (23 cells each).
        flags: per flag of ``FLAGS``, its confusion over cells (triples for ``support_needs``).
        trap_cells: cells the key lists as mentioned, not reported, that we call reported.
        mentioned_cells: cells the key lists as mentioned, not reported.
    """

    reviews: int = 0
    flags: dict[str, Confusion] = field(default_factory=lambda: {f: Confusion() for f in FLAGS})
    trap_cells: int = 0
    mentioned_cells: int = 0

    def __iadd__(self, other: FlagScores) -> FlagScores:
        self.reviews += other.reviews
        for flag in FLAGS:
            self.flags[flag] += other.flags[flag]
        self.trap_cells += other.trap_cells
        self.mentioned_cells += other.mentioned_cells
        return self


@dataclass
class ReviewScores:
    """Review findings measured against the key, for the reviews of one document kind.

    Attributes:
        document_kind: the kind scored (``national-review`` unless the key says otherwise).
        overall: every review of that kind.
        by_language: per review language of the key.
        by_structure: per structure of the key (by-objective, by-round-table, ...).
        reviews: files of the key scored, in key order.
        missing: files of the key with no findings in the run (counted as all "no").
        trap_cells: ``(file, objective)`` of each trap cell.
        kind_mismatches: ``(file, kind in the key, our kind)`` where the two differ.
        not_in_key: files of the findings that no line of the key names.
        other_kinds: the same scores for the key's lines of other document kinds.
    """

    document_kind: str = NATIONAL_REVIEW
    overall: FlagScores = field(default_factory=FlagScores)
    by_language: dict[str, FlagScores] = field(default_factory=dict)
    by_structure: dict[str, FlagScores] = field(default_factory=dict)
    reviews: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    trap_cells: list[tuple[str, int]] = field(default_factory=list)
    kind_mismatches: list[tuple[str, str, str]] = field(default_factory=list)
    not_in_key: list[str] = field(default_factory=list)
    other_kinds: dict[str, ReviewScores] = field(default_factory=dict)


@dataclass
class PassageScores:
    """Passage content tags measured against the key's labelled passages of one document kind.

    Attributes:
        document_kind: the kind scored.
        gold_passages: paragraphs and list items of the key scored.
        aligned: how many of them were aligned with passages of ours.
        unaligned: ids of the others (their labels count as misses).
        split: gold passages aligned with more than one of ours.
        merged: gold passages sharing one of ours with another gold passage.
        content: micro confusion over (passage, content type).
        by_label: per content type of ``CONTENT_TYPES``.
        by_language: per passage language of the key.
        support_needs: micro confusion over (passage, category) on the key's support-needed
            passages.
        support_passages: how many support-needed passages that is.
        objectives: micro confusion of our objective tags over (passage, objective).
        trap_tags: our objective tags that the key lists among the passage's ``mentions``.
        missing_files: files of the key with no passage of ours.
        other_kinds: the same scores for passages of other document kinds.
    """

    document_kind: str = NATIONAL_REVIEW
    gold_passages: int = 0
    aligned: int = 0
    unaligned: list[str] = field(default_factory=list)
    split: int = 0
    merged: int = 0
    content: Confusion = field(default_factory=Confusion)
    by_label: dict[str, Confusion] = field(
        default_factory=lambda: {label: Confusion() for label in CONTENT_TYPES})
    by_language: dict[str, Confusion] = field(default_factory=dict)
    support_needs: Confusion = field(default_factory=Confusion)
    support_passages: int = 0
    objectives: Confusion = field(default_factory=Confusion)
    trap_tags: int = 0
    missing_files: list[str] = field(default_factory=list)
    other_kinds: dict[str, PassageScores] = field(default_factory=dict)


class ReviewRun(NamedTuple):
    """The frames a run compiles from its reviews, as far as this evaluation needs them."""

    findings: pd.DataFrame
    passages: pd.DataFrame
    tags: pd.DataFrame


# --- reading values of frames and key lines --------------------------------------------------

def base_name(file: object) -> str:
    """Return the last part of a file path, whichever separator it uses."""
    return str(file).replace("\\", "/").rsplit("/", 1)[-1]


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _flag(value: object) -> bool:
    return False if _is_missing(value) else bool(value)


def _strings(value: object) -> list[str]:
    """Return a list cell (list, tuple, NumPy array, or missing) as strings."""
    if _is_missing(value):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(item) for item in value if not _is_missing(item)]
    return [str(value)]


def _kind(row: Mapping[str, Any]) -> str:
    return str(row.get("document_kind") or NATIONAL_REVIEW)


@dataclass(frozen=True)
class _GoldObjective:
    progress: bool
    challenge: bool
    good_practice: bool
    support_needs: frozenset[str]


@dataclass(frozen=True)
class _AnswerLine:
    file: str
    language: str
    structure: str
    kind: str
    objectives: dict[int, _GoldObjective]
    mentioned: frozenset[int]


def _objective_number(value: object, where: str) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an objective number") from None
    if number not in OBJECTIVE_NUMBERS:
        raise ValueError(f"{where}: objective {number} is not one of 1..23")
    return number


def _answer_line(number: int, row: Mapping[str, Any]) -> _AnswerLine:
    where = f"answer line {number}"
    file = row.get("file")
    if not isinstance(file, str) or not file:
        raise ValueError(f"{where}: no \"file\"")
    where = f"{where} ({file})"
    objectives = row.get("objectives") or {}
    if not isinstance(objectives, Mapping):
        raise ValueError(f"{where}: \"objectives\" is not an object")
    gold: dict[int, _GoldObjective] = {}
    for key, value in objectives.items():
        labels = value if isinstance(value, Mapping) else {}
        gold[_objective_number(key, where)] = _GoldObjective(
            progress=bool(labels.get("progress")), challenge=bool(labels.get("challenge")),
            good_practice=bool(labels.get("good_practice")),
            support_needs=frozenset(_strings(labels.get("support_needs"))))
    mentioned = frozenset(_objective_number(n, where)
                          for n in row.get("mentioned_not_reported") or [])
    return _AnswerLine(file=base_name(file), language=str(row.get("language") or "unknown"),
                       structure=str(row.get("structure") or "unknown"), kind=_kind(row),
                       objectives=gold, mentioned=mentioned)


@dataclass(frozen=True)
class _OurReview:
    file: str
    kind: str
    cells: dict[int, dict[str, Any]]


def _our_reviews(findings: pd.DataFrame) -> dict[str, list[_OurReview]]:
    """Group the findings rows by file base name, then by document."""
    if findings.empty or "file" not in findings.columns:
        return {}
    by_document: dict[tuple[str, str], dict[int, dict[str, Any]]] = defaultdict(dict)
    kinds: dict[tuple[str, str], str] = {}
    for row in findings.to_dict("records"):
        key = (str(row.get("document_id") or row["file"]), str(row["file"]))
        by_document[key][int(row["objective"])] = row
        kinds[key] = str(row.get("document_kind") or NATIONAL_REVIEW)
    reviews: dict[str, list[_OurReview]] = defaultdict(list)
    for key in sorted(by_document, key=lambda k: (k[1], k[0])):
        reviews[base_name(key[1])].append(_OurReview(key[1], kinds[key], by_document[key]))
    return reviews


def _pick_review(candidates: Sequence[_OurReview], kind: str) -> _OurReview | None:
    """Return the document of the key's file: one of the key's kind when there are several."""
    same_kind = [c for c in candidates if c.kind == kind]
    picked = same_kind or list(candidates)
    return picked[0] if picked else None


# --- review findings ----------------------------------------------------------------------

def _score_review(answer: _AnswerLine, ours: _OurReview | None) -> tuple[FlagScores, list[int]]:
    """Score the 23 cells of one review; return the scores and the objectives of trap cells."""
    scores = FlagScores(reviews=1)
    traps: list[int] = []
    cells = ours.cells if ours is not None else {}
    for objective in OBJECTIVE_NUMBERS:
        row = cells.get(objective, {})
        gold = answer.objectives.get(objective)
        predicted_reported = _flag(row.get("reported"))
        scores.flags["reported"].add(gold is not None, predicted_reported)
        for flag in ("progress", "challenge", "good_practice"):
            scores.flags[flag].add(bool(gold and getattr(gold, flag)), _flag(row.get(flag)))
        scores.flags["support_needs"].add_sets(gold.support_needs if gold else (),
                                               _strings(row.get("support_needs")))
        mentioned = objective in answer.mentioned
        scores.flags["mentioned_only"].add(mentioned, _flag(row.get("mentioned_only")))
        if mentioned:
            scores.mentioned_cells += 1
            if predicted_reported:
                scores.trap_cells += 1
                traps.append(objective)
    return scores, traps


def score_findings(findings: pd.DataFrame, answers: list[dict[str, Any]]) -> ReviewScores:
    """Measure review findings against the key's lines, cell by cell.

    Args:
        findings: the review findings (one row per current document and objective, with
            ``file``, ``document_kind``, ``objective`` and the flag columns).
        answers: the key's lines, as read from ``answers.jsonl``.

    Returns:
        The national reviews' scores; lines of other document kinds are in ``other_kinds``.

    Raises:
        ValueError: a line has no file name or names an objective outside 1..23.
    """
    lines = [_answer_line(number, row) for number, row in enumerate(answers, start=1)]
    ours = _our_reviews(findings)
    groups: dict[str, ReviewScores] = {NATIONAL_REVIEW: ReviewScores()}
    for line in lines:
        group = groups.setdefault(line.kind, ReviewScores(document_kind=line.kind))
        review = _pick_review(ours.get(line.file, ()), line.kind)
        scores, traps = _score_review(line, review)
        group.reviews.append(line.file)
        group.overall += scores
        group.by_language.setdefault(line.language, FlagScores())
        group.by_language[line.language] += scores
        group.by_structure.setdefault(line.structure, FlagScores())
        group.by_structure[line.structure] += scores
        group.trap_cells += [(line.file, objective) for objective in traps]
        if review is None:
            group.missing.append(line.file)
        elif review.kind != line.kind:
            group.kind_mismatches.append((line.file, line.kind, review.kind))
    result = groups.pop(NATIONAL_REVIEW)
    result.other_kinds = dict(sorted(groups.items()))
    named = {line.file for line in lines}
    result.not_in_key = sorted(review.file for name, reviews in ours.items() if name not in named
                               for review in reviews)
    return result


# --- passage alignment and content --------------------------------------------------------

_WORD = re.compile(r"\w+")


def normalised_words(text: str) -> list[str]:
    """Return the words of ``text``, case-folded, without punctuation or layout."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _ngrams(words: Sequence[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@dataclass(frozen=True)
class _OurPassage:
    passage_id: str
    joined: str  # " word word ... " for finding short gold passages inside
    length: int
    grams: frozenset[tuple[str, ...]]


class PassageAligner:
    """Find, for a gold passage's text, the passages of ours in the same file that hold it."""

    def __init__(self, passages: pd.DataFrame) -> None:
        """Index our passages by file base name and word 4-gram."""
        self._passages: dict[str, list[_OurPassage]] = defaultdict(list)
        self._index: dict[str, dict[tuple[str, ...], list[int]]] = defaultdict(
            lambda: defaultdict(list))
        if passages.empty:
            return
        order = [c for c in ("file", "paragraph_index", "passage_id") if c in passages.columns]
        for row in passages.sort_values(order).to_dict("records"):
            words = normalised_words(str(row.get("text") or ""))
            name = base_name(row["file"])
            grams = frozenset(_ngrams(words))
            position = len(self._passages[name])
            self._passages[name].append(_OurPassage(str(row["passage_id"]),
                                                    f" {' '.join(words)} ", len(words), grams))
            for gram in grams:
                self._index[name][gram].append(position)

    def files(self) -> set[str]:
        """Return the base names of the files with passages."""
        return set(self._passages)

    def align(self, file: str, text: str) -> list[str]:
        """Return the ids of our passages of ``file`` that hold ``text``, in document order.

        A text shorter than 4 words is looked for whole, inside the shortest passage holding
        it. A longer one is matched by shared word 4-grams: each of our passages sharing at
        least half of the smaller side's 4-grams and adding 4-grams not yet covered joins, and
        the text is aligned when those passages cover at least half of its 4-grams. Empty when
        the text is not found.
        """
        name = base_name(file)
        ours = self._passages.get(name, [])
        words = normalised_words(text)
        if not words or not ours:
            return []
        if len(words) < NGRAM:
            needle = f" {' '.join(words)} "
            holding = [p for p in ours if needle in p.joined]
            return [min(holding, key=lambda p: p.length).passage_id] if holding else []
        grams = _ngrams(words)
        index = self._index[name]
        shared: Counter[int] = Counter(i for gram in grams for i in index.get(gram, ()))
        covered: set[tuple[str, ...]] = set()
        chosen: list[int] = []
        for position, count in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
            passage = ours[position]
            if count < MIN_PASSAGE_SHARE * min(len(grams), len(passage.grams)):
                continue
            new = (grams & passage.grams) - covered
            if new:
                covered |= new
                chosen.append(position)
        if len(covered) < MIN_COVERAGE * len(grams):
            return []
        return [ours[position].passage_id for position in sorted(chosen)]


def _labels_by_passage(tags: pd.DataFrame, label_type: str,
                       rename: Mapping[str, str] | None = None) -> dict[str, set[str]]:
    if tags.empty or "label_type" not in tags.columns:
        return {}
    picked = tags[tags["label_type"] == label_type]
    labels: dict[str, set[str]] = defaultdict(set)
    for passage_id, label in zip(picked["passage_id"], picked["label"], strict=True):
        labels[str(passage_id)].add((rename or {}).get(str(label), str(label)))
    return labels


def score_passage_content(passages: pd.DataFrame, tags: pd.DataFrame, gold: list[dict[str, Any]],
                          document_kinds: Mapping[str, str] | None = None) -> PassageScores:
    """Measure our passages' content tags against the key's labelled passages.

    Only gold paragraphs and list items are scored. Each is aligned with our passages of the
    same file (``PassageAligner``); when it is split across several of ours, their tags are
    pooled; a gold passage that finds none counts its labels as misses. Our
    ``gap-or-challenge`` is the key's ``challenge``.

    Args:
        passages: our passages (``passage_id``, ``file``, ``text``, ...).
        tags: our tags (``passage_id``, ``label_type``, ``label``).
        gold: the key's passage lines, as read from ``passages.jsonl``.
        document_kinds: document kind per file base name (from the answer lines); a passage
            line's own ``document_kind`` comes first, and the default is a national review.

    Returns:
        The national reviews' scores; passages of other document kinds are in ``other_kinds``.
    """
    aligner = PassageAligner(passages)
    content = _labels_by_passage(tags, "content_type", OUR_CONTENT_TYPE_NAMES)
    support = _labels_by_passage(tags, "support_need")
    objectives = _labels_by_passage(tags, "objective")
    kinds = {base_name(file): kind for file, kind in (document_kinds or {}).items()}
    groups: dict[str, PassageScores] = {NATIONAL_REVIEW: PassageScores()}
    our_files = aligner.files()
    uses: Counter[str] = Counter()
    aligned_rows: list[tuple[PassageScores, Mapping[str, Any], list[str]]] = []
    for line in gold:
        if line.get("kind") not in SCORED_PASSAGE_KINDS:
            continue
        file = base_name(line.get("file") or "")
        kind = str(line.get("document_kind") or kinds.get(file) or NATIONAL_REVIEW)
        group = groups.setdefault(kind, PassageScores(document_kind=kind))
        if file not in our_files and file not in group.missing_files:
            group.missing_files.append(file)
        ids = aligner.align(file, str(line.get("text") or ""))
        uses.update(ids)
        aligned_rows.append((group, line, ids))
    for group, row, ids in aligned_rows:
        group.gold_passages += 1
        if ids:
            group.aligned += 1
            group.split += len(ids) > 1
            group.merged += any(uses[i] > 1 for i in ids)
        else:
            group.unaligned.append(str(row.get("id")))
        gold_types = set(_strings(row.get("content_types"))) & set(CONTENT_TYPES)
        predicted = set().union(*(content.get(i, set()) for i in ids)) & set(CONTENT_TYPES)
        language = str(row.get("language") or "unknown")
        by_language = group.by_language.setdefault(language, Confusion())
        for label in CONTENT_TYPES:
            for confusion in (group.content, group.by_label[label], by_language):
                confusion.add(label in gold_types, label in predicted)
        if "support-needed" in gold_types:
            group.support_passages += 1
            group.support_needs.add_sets(
                set(_strings(row.get("support_needs"))) & set(SUPPORT_NEEDS),
                set().union(*(support.get(i, set()) for i in ids)) & set(SUPPORT_NEEDS))
        gold_objectives = {str(n) for n in _strings(row.get("objectives"))}
        predicted_objectives = set().union(*(objectives.get(i, set()) for i in ids))
        group.objectives.add_sets(gold_objectives, predicted_objectives)
        mentions = {str(n) for n in _strings(row.get("mentions"))} - gold_objectives
        group.trap_tags += len(mentions & predicted_objectives)
    result = groups.pop(NATIONAL_REVIEW)
    result.other_kinds = dict(sorted(groups.items()))
    return result


# --- reading a run or an input folder -----------------------------------------------------

def read_run(run_dir: Path) -> ReviewRun:
    """Read the review findings, passages and tags a run wrote.

    Args:
        run_dir: the run's output folder (holding ``data/processed``) or the processed folder.

    Raises:
        FileNotFoundError: a file is missing; the message names it.
    """
    from imrf_analysis.store.catalog import Catalog

    catalog = Catalog.under(run_dir, run_dir)
    if (run_dir / catalog.path("review_findings").name).is_file():  # the processed folder
        catalog = replace(catalog, processed_dir=run_dir)
    frames = []
    for name in ("review_findings", "passages", "tags"):
        path = catalog.path(name)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file (is {run_dir} the output folder of "
                                    "a run?)")
        frames.append(catalog.load(name))
    return ReviewRun(*frames)


def read_input(input_dir: Path, content_model: Path | None = None) -> ReviewRun:
    """Read and tag the reviews of an input folder as a run does, without Prefect.

    Args:
        input_dir: a folder of reviews with its ``register.csv``.
        content_model: a content classifier folder written by ``imrf train-content`` (default:
            the bundled one), e.g. one trained without these reviews' labels.

    Raises:
        imrf_analysis.ingest.RegisterError: the register is missing or unusable.
    """
    import tempfile

    from imrf_analysis.compilation import compile_coverage
    from imrf_analysis.ingest import plan_ingest
    from imrf_analysis.runs.review import process_review
    from imrf_analysis.store.reviews import ReviewStore
    from imrf_analysis.tagging.content_classifier import ContentClassifier

    content = ContentClassifier.load(content_model) if content_model else None
    plan = plan_ingest(input_dir)
    with tempfile.TemporaryDirectory(prefix="imrf-reviews.") as folder:
        store = ReviewStore(Path(folder))
        stored = [store.put(review, process_review(review, content=content))
                  for review in plan.reviews]
        reviews = store.collect(plan, stored)
    passages, tags = reviews.passages, reviews.tags
    findings = compile_coverage(reviews.documents, passages, tags, reviews.findings).findings
    return ReviewRun(findings, passages, tags)


def document_kinds_of(answers: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Return the document kind of each file the key names (national review by default)."""
    return {base_name(row["file"]): _kind(row) for row in answers if row.get("file")}


# --- presenting the scores ----------------------------------------------------------------

_COUNTS_HEADER = f"{'P':>6}{'R':>6}{'F1':>6}{'TP':>7}{'FP':>7}{'FN':>7}"


def _rate(value: float, judged: int, width: int) -> str:
    """Return a rate for the table, or "-" when nothing was there to judge."""
    return f"{value:>{width}.2f}" if judged else f"{'-':>{width}}"


def _counts(confusion: Confusion) -> str:
    c = confusion
    return (f"{_rate(c.precision, c.tp + c.fp, 6)}{_rate(c.recall, c.tp + c.fn, 6)}"
            f"{_rate(c.f1, c.tp + c.fp + c.fn, 6)}{c.tp:>7}{c.fp:>7}{c.fn:>7}")


def _flag_table(scores: FlagScores) -> list[str]:
    lines = [f"{'flag':<16}{_COUNTS_HEADER}", "-" * (16 + len(_COUNTS_HEADER))]
    for flag in FLAGS:
        note = "  (no target)" if flag in FLAGS_WITHOUT_TARGET else ""
        if flag == "support_needs":
            note = "  (review x objective x category)"
        lines.append(f"{flag:<16}{_counts(scores.flags[flag])}{note}")
    return lines


def _slice_table(title: str, slices: Mapping[str, FlagScores]) -> list[str]:
    width = max([len(name) for name in slices] + [len(title)]) + 2
    header = (f"{title:<{width}}{'reviews':>8}" + "".join(f"{f:>15}" for f in FLAGS)
              + f"{'traps':>7}")
    lines = [header, "-" * len(header)]
    for name, scores in sorted(slices.items()):
        lines.append(f"{name:<{width}}{scores.reviews:>8}"
                     + "".join(_rate(c.f1, c.tp + c.fp + c.fn, 15)
                               for c in (scores.flags[f] for f in FLAGS))
                     + f"{scores.trap_cells:>7}")
    return lines


def _review_block(scores: ReviewScores) -> list[str]:
    overall = scores.overall
    lines = [f"Review findings ({scores.document_kind}): {overall.reviews} reviews of the key, "
             f"{overall.reviews * len(OBJECTIVE_NUMBERS)} review x objective cells", ""]
    lines += _flag_table(overall)
    lines += ["", "F1 by review language"] + _slice_table("language", scores.by_language)
    lines += ["", "F1 by structure"] + _slice_table("structure", scores.by_structure)
    lines += ["", f"Trap cells (mentioned, not reported, yet reported): {overall.trap_cells} of "
              f"{overall.mentioned_cells} mentioned-only cells"]
    by_file: dict[str, list[int]] = defaultdict(list)
    for file, objective in scores.trap_cells:
        by_file[file].append(objective)
    lines += [f"  {file}: objective{'s' if len(objectives) > 1 else ''} "
              f"{', '.join(map(str, objectives))}"
              for file, objectives in by_file.items()]
    lines.append(f"Missing reviews (in the key, not compiled; counted as all no): "
                 f"{len(scores.missing)}")
    lines += [f"  {file}" for file in scores.missing]
    if scores.kind_mismatches:
        lines.append("Document kind differs from the key's:")
        lines += [f"  {file}: key {key}, ours {ours}"
                  for file, key, ours in scores.kind_mismatches]
    return lines


def _passage_block(scores: PassageScores) -> list[str]:
    lines = [f"Passage content ({scores.document_kind}): {scores.gold_passages} gold paragraphs "
             f"and list items, {scores.aligned} aligned ({scores.split} split across several of "
             f"ours, {scores.merged} sharing one of ours), {len(scores.unaligned)} unaligned "
             "(their labels count as misses)", ""]
    width = 24
    lines += [f"{'(passage, label)':<{width}}{_COUNTS_HEADER}",
              "-" * (width + len(_COUNTS_HEADER)),
              f"{'content types':<{width}}{_counts(scores.content)}"]
    lines += [f"  {label:<{width - 2}}{_counts(c)}" for label, c in scores.by_label.items()]
    lines += [f"  {'language=' + lang:<{width - 2}}{_counts(c)}"
              for lang, c in sorted(scores.by_language.items())]
    lines.append(f"{'support needs':<{width}}{_counts(scores.support_needs)}  "
                 f"(on {scores.support_passages} support-needed passages)")
    lines.append(f"{'objective tags':<{width}}{_counts(scores.objectives)}  "
                 f"({scores.trap_tags} tags on a mentioned-only objective)")
    if scores.missing_files:
        lines.append("Files of the key with no passage of ours:")
        lines += [f"  {file}" for file in scores.missing_files]
    return lines


def format_review_scores(reviews: ReviewScores, passages: PassageScores | None = None) -> str:
    """Return the scores as plain-text tables for a terminal.

    One row per flag with P, R, F1 and TP/FP/FN; F1 per review language and per structure;
    the passage content table; the trap cells and missing reviews. Other document kinds
    follow, each in blocks of their own. A rate with nothing to judge (no prediction for P, no
    gold item for R, neither for F1) shows as "-".
    """
    lines = _review_block(reviews)
    lines.append('("-": nothing to judge: no prediction for P, no gold item for R, neither for '
                 'F1)')
    if reviews.not_in_key:
        lines.append(f"Compiled but not in the key (not scored): {len(reviews.not_in_key)}")
    if passages is not None:
        lines += [""] + _passage_block(passages)
    for kind, scores in reviews.other_kinds.items():
        lines += ["", "=" * 40, f"Scored apart: {kind}", ""] + _review_block(scores)
        if passages is not None and kind in passages.other_kinds:
            lines += [""] + _passage_block(passages.other_kinds[kind])
    if passages is not None:
        for kind, scores_of_kind in passages.other_kinds.items():
            if kind not in reviews.other_kinds:
                lines += ["", "=" * 40, f"Scored apart: {kind}", ""]
                lines += _passage_block(scores_of_kind)
    return "\n".join(lines)


def _flag_scores_dict(scores: FlagScores) -> dict[str, Any]:
    return {"reviews": scores.reviews, "cells": scores.reviews * len(OBJECTIVE_NUMBERS),
            "trap_cells": scores.trap_cells, "mentioned_cells": scores.mentioned_cells,
            "flags": {flag: scores.flags[flag].to_dict() for flag in FLAGS}}


def _review_scores_dict(scores: ReviewScores) -> dict[str, Any]:
    return {
        "document_kind": scores.document_kind,
        "overall": _flag_scores_dict(scores.overall),
        "by_language": {k: _flag_scores_dict(v) for k, v in sorted(scores.by_language.items())},
        "by_structure": {k: _flag_scores_dict(v)
                         for k, v in sorted(scores.by_structure.items())},
        "reviews": list(scores.reviews),
        "missing": list(scores.missing),
        "trap_cells": [{"file": file, "objective": objective}
                       for file, objective in scores.trap_cells],
        "kind_mismatches": [{"file": file, "key": key, "ours": ours}
                            for file, key, ours in scores.kind_mismatches],
        "not_in_key": list(scores.not_in_key),
        "other_kinds": {k: _review_scores_dict(v) for k, v in scores.other_kinds.items()},
    }


def _passage_scores_dict(scores: PassageScores) -> dict[str, Any]:
    return {
        "document_kind": scores.document_kind,
        "gold_passages": scores.gold_passages,
        "aligned": scores.aligned,
        "unaligned": len(scores.unaligned),
        "unaligned_ids": list(scores.unaligned),
        "split": scores.split,
        "merged": scores.merged,
        "content_types": scores.content.to_dict(),
        "by_label": {k: v.to_dict() for k, v in scores.by_label.items()},
        "by_language": {k: v.to_dict() for k, v in sorted(scores.by_language.items())},
        "support_needs": {**scores.support_needs.to_dict(),
                          "passages": scores.support_passages},
        "objectives": {**scores.objectives.to_dict(), "trap_tags": scores.trap_tags},
        "missing_files": list(scores.missing_files),
        "other_kinds": {k: _passage_scores_dict(v) for k, v in scores.other_kinds.items()},
    }


def scores_to_dict(reviews: ReviewScores, passages: PassageScores | None = None
                   ) -> dict[str, Any]:
    """Return the scores as a JSON-ready dict (counts with their P/R/F1, and the settings)."""
    return {
        "review_findings": _review_scores_dict(reviews),
        "passage_content": _passage_scores_dict(passages) if passages is not None else None,
        "settings": {"objectives_per_review": len(OBJECTIVE_NUMBERS),
                     "flags_without_target": list(FLAGS_WITHOUT_TARGET),
                     "passage_kinds": list(SCORED_PASSAGE_KINDS), "ngram": NGRAM,
                     "min_passage_share": MIN_PASSAGE_SHARE, "min_coverage": MIN_COVERAGE,
                     "content_type_names": dict(OUR_CONTENT_TYPE_NAMES)},
    }


def read_input_cross_validated(input_dir: Path, labelled_passages: Path,
                               also_train: Sequence[Path] = (), folds: int = 4,
                               seed: int = 0, reference: Path | None = None) -> ReviewRun:
    """Read the reviews of ``input_dir`` as ``read_input`` does, with held-out content tags.

    Each review's content is tagged by a classifier retrained without its labelled passages.

    The reviews named in ``labelled_passages`` are dealt into ``folds`` groups; for each
    group, a content classifier is trained on the project's own passages, ``also_train`` and
    the labelled passages of the other groups, then tags the group's reviews. The findings are
    what the shipped procedure would give on reviews it never saw: the honest estimate.
    With ``reference`` (the Compact's text, as for ``imrf train --reference``), the tagger's
    encoder heads are refitted the same way, on the reference, the seeds, ``also_train`` and
    the other groups' labelled passages; without it, objective tags come from the bundled
    tagger, whose heads may have learnt from these very reviews.
    """
    import random

    from imrf_analysis.findings import CONTENT_ROLES, compile_review_findings, passage_roles
    from imrf_analysis.ingest import collect_reviews, plan_ingest, read_review_or_quarantine
    from imrf_analysis.runs.review import shared_tagger
    from imrf_analysis.store.schemas import TAGS
    from imrf_analysis.tagging import tag_content, tag_passages
    from imrf_analysis.tagging.content_classifier import ContentClassifier
    from imrf_analysis.training.content import (
        read_labelled_passages,
        read_seed_examples,
        train_pipeline,
    )

    labelled = read_labelled_passages(labelled_passages)
    others = [example for path in also_train for example in read_labelled_passages(path)]
    files = sorted({example.group for example in labelled})
    random.Random(seed).shuffle(files)
    fold_of = {file: i % folds for i, file in enumerate(files)}
    plan = plan_ingest(input_dir)
    documents, passages, _quarantine = collect_reviews(
        plan, [read_review_or_quarantine(review) for review in plan.reviews])
    if reference is None:
        frames = [tag_passages(passages, shared_tagger(),
                               encode=passage_roles(passages).isin(CONTENT_ROLES).to_numpy())]
    else:
        from imrf_analysis.store.jsonl import read_jsonl_objects
        from imrf_analysis.tagging import Tagger
        from imrf_analysis.tagging.encoder import MemoryStore, SentenceEncoder
        from imrf_analysis.tagging.encoder_classifier import (
            EncoderClassifier,
            build_encoder_pipeline,
        )
        from imrf_analysis.training.encoder import (
            encoder_training_examples,
            fit_heads,
            labelled_examples_from_rows,
        )

        frames = []
        encoder = SentenceEncoder(store=MemoryStore())
        base = encoder_training_examples(reference, also_train)
        rows = [row for _, row in read_jsonl_objects(labelled_passages)]
        bundled = shared_tagger()
    names = passages["file"].map(base_name)
    for fold in range(min(folds, len(files))):
        held = {file for file, f in fold_of.items() if f == fold}
        training = [*read_seed_examples(), *others,
                    *(example for example in labelled if example.group not in held)]
        model = ContentClassifier(train_pipeline(training, seed=seed))
        reviews = passages[names.isin(held)]
        # As a run does: the encoder and the classifier read the passages whose role can count.
        counted = passage_roles(reviews).isin(CONTENT_ROLES).to_numpy()
        if reference is not None:
            heads = fit_heads(base + labelled_examples_from_rows(
                [row for row in rows if base_name(str(row.get("file"))) not in held]), encoder)
            tagger = Tagger(classifier=bundled.classifier, encoder=EncoderClassifier(
                build_encoder_pipeline(heads, encoder)))
            frames.append(tag_passages(reviews, tagger, encode=counted))
        frames.append(tag_content(reviews, model, classify=counted))
    tags = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    tags = tags.reindex(columns=TAGS.names).sort_values("passage_id", kind="stable",
                                                         ignore_index=True)
    return ReviewRun(compile_review_findings(documents, passages, tags), passages, tags)
