"""Analysts' decisions on review findings: read them, apply them, learn from them.

The loop: each run writes a review sheet per region (``review_sheet``), one row per finding
(review x objective) with the passage it rests on, least certain first. An analyst fills in
the "analyst_decision" column and saves the sheet (or any number of sheets, or a CSV with the
same columns) into the corrections folder (``data/corrections/``). The next run reads every
decision (``read_decisions``) and applies it to the model's findings (``apply_decisions``)
before anything is counted: the analyst's word is final, the model never overrules it.

A decision is keyed by the **content** of the passage it was taken on (``passage_key``: the
hash of its text), with the review's country, cycle and kind and the objective. Re-extracting a
file, or a new version of it, keeps the decision as long as that passage's text is still in
the current review; a decision whose passage is gone is reported as no longer matching, never
applied to something else.

What each decision does to the finding (review x objective K) of its row:

* ``confirm``: nothing changes; the finding is verified.
* ``reject``: the review does not report on K: no flag, no evidence; the passages stay
  visible as passing mentions.
* ``wrong objective → N``: the review does not report on K, and does report on N, with the
  row's passage as evidence (with the progress, challenge or good practice it was read as).
* ``add progress`` / ``add challenge`` / ``add good practice``: the review reports that on K,
  with the row's passage as evidence (a good practice is progress too).
* ``add support need``: the review asks for support on K; the kind of support is the one the
  note names (financing, capacity-building, ...) or else the one tagged on the passage.

Files are read in name order, rows in order: on one finding, the later word wins (a rejection
overrides an earlier addition; a confirmation keeps it). Every decision is accounted for in
``Applied.decisions``: applied, not applied (and why), no longer matching, or overridden.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from imrf_analysis.ingest.collection import current_documents
from imrf_analysis.reference import gcm
from imrf_analysis.store.schemas import SUPPORT_NEEDS

CONFIRM = "confirm"
REJECT = "reject"
WRONG_OBJECTIVE = "wrong objective"
ADD_FLAGS: dict[str, str] = {"add progress": "progress", "add challenge": "challenge",
                             "add good practice": "good_practice",
                             "add support need": "support"}
# The drop-down of the review sheet, in this order.
DECISION_CHOICES: tuple[str, ...] = (
    CONFIRM, REJECT, *(f"{WRONG_OBJECTIVE} → {n}" for n in gcm.OBJECTIVE_NUMBERS), *ADD_FLAGS)
# The columns a corrections file must have; the sheet has more, for the analyst to read.
KEY_COLUMNS: tuple[str, ...] = ("key", "country_iso3", "cycle", "document_kind", "objective")
DECISION_COLUMN = "analyst_decision"
NOTE_COLUMN = "analyst_note"
CORRECTION_SUFFIXES: tuple[str, ...] = (".xlsx", ".csv")
# Passage lists of a finding, and the flag each one makes true.
FLAG_LISTS: dict[str, str] = {"progress": "progress_passage_ids",
                              "challenge": "challenge_passage_ids",
                              "good_practice": "good_practice_passage_ids",
                              "support": "support_passage_ids"}
EVIDENCE_LISTS: tuple[str, ...] = ("passage_ids", *FLAG_LISTS.values())
# The passage lists a passage joins when a finding gains a flag: a reported flag makes the
# review report on the objective; a good practice is progress too; a support need does not
# report anything by itself.
_ADDED_TO: dict[str, tuple[str, ...]] = {
    "reported": ("passage_ids",),
    "progress": ("passage_ids", FLAG_LISTS["progress"]),
    "challenge": ("passage_ids", FLAG_LISTS["challenge"]),
    "good_practice": ("passage_ids", FLAG_LISTS["good_practice"], FLAG_LISTS["progress"]),
    "support": (FLAG_LISTS["support"],),
}
_WRONG = re.compile(r"^wrong\s+objective\s*(?:→|->|>|:)?\s*(\d{1,2})$")


class CorrectionsError(ValueError):
    """A corrections file cannot be read; the message names the file (and row)."""


def passage_key(text: str) -> str:
    """Return the key of a passage's text: the same text, however re-extracted, has one key.

    Unicode-normalized (NFKC), case and runs of white space folded, then hashed (16 hex
    digits of SHA-256).
    """
    folded = " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Decision:
    """One analyst decision on one finding, as read from a corrections file.

    ``action`` is ``confirm``, ``reject``, ``wrong objective`` (with ``target``) or a key of
    ``ADD_FLAGS``; ``source`` is ``"file, row N"``; ``text`` the passage's text when the file
    carries it (what ``imrf train --corrections`` learns from).
    """

    source: str
    key: str
    country_iso3: str
    cycle: str
    document_kind: str
    objective: int
    action: str
    target: int | None = None
    note: str = ""
    text: str = ""
    language: str = ""

    @property
    def label(self) -> str:
        """The decision as the sheet writes it (``wrong objective → 7``)."""
        return f"{WRONG_OBJECTIVE} → {self.target}" if self.action == WRONG_OBJECTIVE else (
            self.action)


def parse_decision(value: object) -> tuple[str, int | None] | None:
    """Return ``(action, target objective)`` of a decision cell, None when it is empty.

    Raises:
        ValueError: the cell holds something else than one of ``DECISION_CHOICES``.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = " ".join(str(value).strip().casefold().split())
    if not text:
        return None
    if text in (CONFIRM, REJECT) or text in ADD_FLAGS:
        return text, None
    wrong = _WRONG.match(text)
    if wrong and int(wrong.group(1)) in gcm.OBJECTIVE_NUMBERS:
        return WRONG_OBJECTIVE, int(wrong.group(1))
    raise ValueError(f"{str(value)!r} is not a decision; use confirm, reject, "
                     "wrong objective → N (N from 1 to 23), add progress, add challenge, "
                     "add good practice or add support need")


def correction_files(folder: Path) -> list[Path]:
    """Return the corrections files of ``folder`` (``.xlsx`` and ``.csv``), by name.

    Office's lock files (``~$name.xlsx``) and hidden files are left out.
    """
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in CORRECTION_SUFFIXES
                  and not p.name.startswith(("~$", ".")))


def read_decisions(folder: Path) -> list[Decision]:
    """Return every decision of the corrections files in ``folder``, in file then row order.

    Rows whose decision cell is empty are skipped: a sheet is saved with most rows undecided.

    Raises:
        CorrectionsError: a file cannot be read, lacks a column of ``KEY_COLUMNS``, or a row
            has a decision that is not one of ``DECISION_CHOICES`` (the message names the file
            and row): a run does not go on while some of the analysts' decisions are unread.
    """
    decisions: list[Decision] = []
    for path in correction_files(folder):
        decisions += read_decision_file(path)
    return decisions


def read_decision_file(path: Path) -> list[Decision]:
    """Return the decisions of one corrections file (a review sheet or a CSV of its columns)."""
    try:
        if path.suffix.lower() == ".xlsx":
            frame = pd.read_excel(path, sheet_name=0, dtype=str)
        else:
            frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    except Exception as err:  # openpyxl and the CSV parser raise many kinds
        raise CorrectionsError(f"{path}: not a readable corrections file ({err})") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in (*KEY_COLUMNS, DECISION_COLUMN) if c not in frame.columns]
    if missing:
        raise CorrectionsError(f"{path}: no column {', '.join(missing)}; save the review sheet "
                               "a run writes, or a CSV with its columns")
    decisions = []
    for index, row in frame.iterrows():
        where = f"{path.name}, row {int(str(index)) + 2}"  # row 1 is the header
        try:
            parsed = parse_decision(row[DECISION_COLUMN])
        except ValueError as err:
            raise CorrectionsError(f"{path}: row {int(str(index)) + 2}: {err}") from None
        if parsed is None:
            continue
        values = {c: "" if pd.isna(row[c]) else str(row[c]).strip() for c in KEY_COLUMNS}
        if not values["key"] or not values["objective"].isdigit() or (
                int(values["objective"]) not in gcm.OBJECTIVE_NUMBERS):
            raise CorrectionsError(f"{path}: row {int(str(index)) + 2}: a decision needs the "
                                   "row's key and objective (1 to 23) as the sheet wrote them")
        decisions.append(Decision(
            source=where, key=values["key"], country_iso3=values["country_iso3"].upper(),
            cycle=values["cycle"], document_kind=values["document_kind"],
            objective=int(values["objective"]), action=parsed[0], target=parsed[1],
            note=_cell(row, NOTE_COLUMN), text=_cell(row, "passage"),
            language=_cell(row, "language")))
    return decisions


def _cell(row: pd.Series, column: str) -> str:
    value = row.get(column)
    return "" if value is None or pd.isna(value) else str(value).strip()


@dataclass
class Applied:
    """The findings after the analysts' decisions, and what became of each decision."""

    findings: pd.DataFrame
    decisions: pd.DataFrame = field(default_factory=pd.DataFrame)


DECISION_LOG_COLUMNS: tuple[str, ...] = (
    "source", "key", "country_iso3", "cycle", "document_kind", "objective", "decision",
    "status", "document_id", "passage_id", "model_reported", "model_flags", "detail")


def apply_decisions(findings: pd.DataFrame, documents: pd.DataFrame, passages: pd.DataFrame,
                    tags: pd.DataFrame, decisions: Sequence[Decision]) -> Applied:
    """Apply the analysts' decisions to the model's findings; the decisions have the last word.

    Args:
        findings: The review findings (``compile_review_findings``); only those of current
            documents are kept: a decision is about the review a run compiles.
        documents: The documents dataset (every version), which says which are current.
        passages: The run's passages (``passage_id``, ``document_id``, ``text``).
        tags: The run's tags (support-need categories of a passage).
        decisions: ``read_decisions``, in order: on one finding, the later word wins
            (``_last_verdicts``); additions add up.

    Returns:
        The corrected findings (same columns, with ``verified`` and
        ``analyst_decision`` set) and one row per decision (``DECISION_LOG_COLUMNS``): applied,
        or why not (the review or the passage is not in this run).
    """
    current_ids = current_documents(documents)["document_id"]
    findings = findings[findings["document_id"].isin(current_ids)].reset_index(drop=True)
    findings["verified"] = False
    findings["analyst_decision"] = ""
    log: list[dict[str, object]] = []
    if not decisions or findings.empty:
        for decision in decisions:
            log.append(_log_row(decision, "no longer matches", "no current review in this run"))
        return Applied(findings, pd.DataFrame(log, columns=list(DECISION_LOG_COLUMNS)))
    reviews = {(str(r.country_iso3), str(r.cycle), str(r.document_kind)): str(r.document_id)
               for r in findings[["country_iso3", "cycle", "document_kind", "document_id"]]
               .drop_duplicates().itertuples(index=False)}
    current = passages[passages["document_id"].isin(set(reviews.values()))]
    by_key = {(str(did), passage_key(text)): str(pid) for pid, did, text in zip(
        current["passage_id"], current["document_id"], current["text"].fillna(""), strict=True)}
    support_of = (tags[tags["label_type"] == "support_need"].groupby("passage_id")["label"]
                  .agg(lambda labels: sorted(set(labels))).to_dict())
    rows = {(str(did), int(n)): index for index, did, n in zip(
        findings.index, findings["document_id"], findings["objective"], strict=True)}
    model = {index: _flags(findings.loc[index]) for index in findings.index}
    applied, overridden = _last_verdicts(decisions)
    for decision in overridden:
        log.append(_log_row(decision, "overridden", "a later decision on the same finding"))
    for decision in applied:
        document_id = reviews.get((decision.country_iso3, decision.cycle, decision.document_kind))
        if document_id is None:
            log.append(_log_row(decision, "no longer matches",
                                f"no current {decision.document_kind} of {decision.country_iso3}"
                                f" for cycle {decision.cycle} in this run"))
            continue
        passage_id = by_key.get((document_id, decision.key))
        if passage_id is None:
            log.append(_log_row(decision, "no longer matches",
                                "its passage is no longer in the review (the text changed)",
                                document_id))
            continue
        index = rows[(document_id, decision.objective)]
        detail = _apply(findings, rows, index, decision, passage_id,
                        support_of.get(passage_id, []))
        reported, flags = model[index]
        log.append(_log_row(decision, "applied" if not detail else "not applied", detail,
                            document_id, passage_id, reported, flags))
    frame = pd.DataFrame(log, columns=list(DECISION_LOG_COLUMNS))
    return Applied(findings, frame)


def _last_verdicts(decisions: Sequence[Decision]) -> tuple[list[Decision], list[Decision]]:
    """Return the decisions to apply, in order, and those a later one overrides.

    The later word on a finding wins.

    A ``reject`` or ``wrong objective`` drops every earlier decision on the same finding; a
    ``confirm`` drops the earlier verdicts and keeps the additions it confirms; an addition
    adds to what comes before it.
    """
    kept: list[Decision] = []
    overridden: list[Decision] = []
    for decision in decisions:
        if decision.action not in ADD_FLAGS:
            dropped = [k for k in kept if _scope(k) == _scope(decision)
                       and not (decision.action == CONFIRM and k.action in ADD_FLAGS)]
            overridden += dropped
            kept = [k for k in kept if k not in dropped]
        kept.append(decision)
    return kept, overridden


def _scope(decision: Decision) -> tuple[str, str, str, int]:
    return (decision.country_iso3, decision.cycle, decision.document_kind, decision.objective)


def _flags(row: pd.Series) -> tuple[bool, str]:
    flags = [flag for flag in ("progress", "challenge", "good_practice") if bool(row[flag])]
    if len(row["support_needs"]):
        flags.append("support")
    return bool(row["reported"]), ", ".join(flags)


def _apply(findings: pd.DataFrame, rows: dict[tuple[str, int], object], index: object,
           decision: Decision, passage_id: str, tagged_support: list[str]) -> str:
    """Apply one decision to the finding at ``index``; return why it was not, or ""."""
    row = findings.loc[index]
    if decision.action == CONFIRM:
        pass
    elif decision.action in (REJECT, WRONG_OBJECTIVE):
        if decision.action == WRONG_OBJECTIVE:
            assert decision.target is not None
            target = rows[(str(row["document_id"]), decision.target)]
            read_as = [flag for flag, column in FLAG_LISTS.items()
                       if flag != "support" and passage_id in _ids(row[column])]
            for flag in read_as or ["reported"]:
                _add(findings, target, flag, passage_id)
            _mark(findings, target, f"moved from objective {decision.objective}")
        _reject(findings, index)
    else:
        flag = ADD_FLAGS[decision.action]
        if flag == "support":
            if not bool(row["reported"]):
                return (f"the review does not report on objective {decision.objective}: add "
                        "its progress, challenge or good practice first")
            kinds = [s for s in SUPPORT_NEEDS if s in decision.note.casefold()] or [
                s for s in SUPPORT_NEEDS if s in tagged_support]
            if not kinds:
                return ("no kind of support named: write one of " + ", ".join(SUPPORT_NEEDS)
                        + " in the note")
            current = set(findings.at[index, "support_needs"])
            findings.at[index, "support_needs"] = [s for s in SUPPORT_NEEDS
                                                   if s in current | set(kinds)]
        _add(findings, index, flag, passage_id)
    _mark(findings, index, decision.label)
    return ""


def _ids(value: object) -> list[str]:
    return [] if value is None else [str(v) for v in list(value)]  # type: ignore[call-overload]


def _add(findings: pd.DataFrame, index: object, flag: str, passage_id: str) -> None:
    """Make the finding at ``index`` state ``flag`` (or only report), with ``passage_id``."""
    for column in _ADDED_TO[flag]:
        findings.at[index, column] = sorted({*_ids(findings.at[index, column]), passage_id})
    findings.at[index, "mention_passage_ids"] = [
        p for p in _ids(findings.at[index, "mention_passage_ids"]) if p != passage_id]
    _refresh_flags(findings, index)


def _reject(findings: pd.DataFrame, index: object) -> None:
    """The review does not report on this objective: its evidence becomes passing mentions."""
    evidence = {p for column in EVIDENCE_LISTS for p in _ids(findings.at[index, column])}
    for column in EVIDENCE_LISTS:
        findings.at[index, column] = []
    findings.at[index, "support_needs"] = []
    findings.at[index, "mention_passage_ids"] = sorted(
        {*_ids(findings.at[index, "mention_passage_ids"]), *evidence})
    _refresh_flags(findings, index)


def _refresh_flags(findings: pd.DataFrame, index: object) -> None:
    reported = bool(_ids(findings.at[index, "passage_ids"]))
    findings.at[index, "reported"] = reported
    for flag in ("progress", "challenge", "good_practice"):
        findings.at[index, flag] = bool(_ids(findings.at[index, FLAG_LISTS[flag]]))
    findings.at[index, "mentioned_only"] = (
        not reported and bool(_ids(findings.at[index, "mention_passage_ids"])))


def _mark(findings: pd.DataFrame, index: object, label: str) -> None:
    findings.at[index, "verified"] = True
    done = str(findings.at[index, "analyst_decision"])
    findings.at[index, "analyst_decision"] = f"{done}; {label}" if done else label


def _log_row(decision: Decision, status: str, detail: str, document_id: str = "",
             passage_id: str = "", model_reported: bool | None = None,
             model_flags: str = "") -> dict[str, object]:
    return {"source": decision.source, "key": decision.key,
            "country_iso3": decision.country_iso3, "cycle": decision.cycle,
            "document_kind": decision.document_kind, "objective": decision.objective,
            "decision": decision.label, "status": status, "document_id": document_id,
            "passage_id": passage_id, "model_reported": model_reported,
            "model_flags": model_flags, "detail": detail}


def labelled_passages(decisions: Iterable[Decision]) -> list[dict[str, object]]:
    """Return the decisions' passages as labelled passages for training the objective models.

    A confirmed finding, or one the analyst added a flag to, labels its passage with its
    objective; ``wrong objective → N`` labels it with N. Rejections say what a passage is
    not about, which the models' examples (positive labels, the others negative) cannot say;
    they are left out. Rows without the passage's text (a CSV without the ``passage``
    column) are left out too. One text decided several times keeps its last label.

    Returns:
        ``{"text", "language", "objectives", "guiding_principles": None, "source"}`` rows.
    """
    labelled: dict[str, dict[str, object]] = {}
    for decision in decisions:
        if not decision.text or decision.action == REJECT:
            continue
        objective = decision.target if decision.action == WRONG_OBJECTIVE else decision.objective
        labelled[passage_key(decision.text)] = {
            "text": decision.text, "language": decision.language, "objectives": [objective],
            "guiding_principles": None, "source": decision.source}
    return list(labelled.values())


# What the analysts' decisions say a finding is, flag by flag, for ``score_decisions``.
SCORED_FLAGS: tuple[str, ...] = ("reported", "progress", "challenge", "good_practice", "support")


def score_decisions(log: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Score the model's findings against the analysts' decisions (``Applied.decisions``).

    Each applied decision judges some flags of one finding: ``confirm`` says the model's
    finding is right; ``reject`` and ``wrong objective`` say the review does not report on
    the objective; ``add X`` says it reports X, which the model missed. The model's finding is
    the one before the decision (``model_reported``, ``model_flags``).

    The findings analysts decide on are not a random sample (the review sheet puts the least
    certain first), so these figures describe the decided findings, not the whole run.

    Returns:
        Per flag, the counts ``judged``, ``agreed``, ``false_positive`` (the model said yes,
        the analyst no) and ``false_negative`` (the model said no, the analyst yes).
    """
    counts = {flag: {"judged": 0, "agreed": 0, "false_positive": 0, "false_negative": 0}
              for flag in SCORED_FLAGS}

    def judge(flag: str, model: bool, truth: bool) -> None:
        counts[flag]["judged"] += 1
        key = "agreed" if model == truth else ("false_positive" if model else "false_negative")
        counts[flag][key] += 1

    for row in log[log["status"] == "applied"].itertuples(index=False):
        model_reported = bool(row.model_reported)
        model_flags = {f.strip() for f in str(row.model_flags or "").split(",") if f.strip()}
        decision = str(row.decision)
        if decision == CONFIRM:
            judge("reported", model_reported, model_reported)
            for flag in model_flags:
                judge(flag, True, True)
        elif decision == REJECT or decision.startswith(WRONG_OBJECTIVE):
            judge("reported", model_reported, False)
            for flag in model_flags:
                judge(flag, True, False)
        elif decision in ADD_FLAGS:
            flag = ADD_FLAGS[decision]
            if flag != "support":
                judge("reported", model_reported, True)
            judge(flag, flag in model_flags, True)
    return counts


def format_decision_scores(counts: dict[str, dict[str, int]]) -> str:
    """Return ``score_decisions`` as a plain table."""
    lines = ["The model's findings against the analysts' decisions (decided findings only; "
             "the review sheet puts the least certain first, so they are not a random sample)",
             f"  {'flag':<14}{'judged':>8}{'agreed':>8}{'model yes, analyst no':>24}"
             f"{'model no, analyst yes':>24}"]
    for flag, c in counts.items():
        lines.append(f"  {flag:<14}{c['judged']:>8}{c['agreed']:>8}{c['false_positive']:>24}"
                     f"{c['false_negative']:>24}")
    return "\n".join(lines)
