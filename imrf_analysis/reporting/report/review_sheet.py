"""The review sheet: every finding of a region's reviews, for an analyst to verify and correct.

One row per national review x objective the model found reported (or only mentioned, where it
may have missed something), with the passage it rests on, its citation and the model's
confidence; undecided findings first, least certain first. The analyst picks a decision in
the "analyst_decision" column (a drop-down) and saves the file into ``data/corrections/``; the
next run applies it (``findings.corrections``). The columns are the ones
``corrections.read_decisions`` reads back: keep the header row as it is.
"""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

from imrf_analysis.compilation.tables import documents_in_region
from imrf_analysis.findings.corrections import (
    DECISION_CHOICES,
    DECISION_COLUMN,
    NOTE_COLUMN,
    passage_key,
)
from imrf_analysis.reporting.exports import WORKBOOK_CREATED, WORKBOOK_OPTIONS
from imrf_analysis.reporting.report.labels import Labels
from imrf_analysis.reporting.report.sources import NATIONAL_REVIEW, PassageIndex, as_list

# In sheet order: what the analyst reads, what they fill in, then what the run reads back.
SHEET_COLUMNS: tuple[str, ...] = (
    "country", "objective", "objective_title", "finding", "confidence", DECISION_COLUMN,
    NOTE_COLUMN, "passage", "citation", "file", "language", "earlier_decision", "region",
    "key", "country_iso3", "cycle", "document_kind")
_WIDTHS = {"country": 16, "objective": 9, "objective_title": 34, "finding": 24,
           "confidence": 11, DECISION_COLUMN: 24, NOTE_COLUMN: 24, "passage": 90,
           "citation": 22, "file": 28, "earlier_decision": 22, "key": 18}
SHEET_NAME = "review"
# Row heights: characters of a passage per line of its column (width 90), points per line.
_CHARS_PER_LINE = 100
_LINE_HEIGHT = 15
_MOST_LINES = 10
_WRAPPED = ("objective_title", "finding", "passage", "citation")
HOW_TO = (
    "How to use this sheet",
    "",
    "Each row is one finding: what the model read a national review as reporting on one "
    "objective, with the passage it rests on. Rows the model is least sure of come first; rows "
    "an analyst already decided come last.",
    "",
    "In the column analyst_decision, pick one of:",
    "  confirm: the finding is right as it is;",
    "  reject: the review does not report on this objective;",
    "  wrong objective → N: the passage reports on objective N, not this one;",
    "  add progress / add challenge / add good practice: the passage reports that on this "
    "objective (the model missed it);",
    "  add support need: the review asks for support on this objective; name the kind "
    "(financing, capacity-building, policy-advice, data, technology, partnerships) in "
    "analyst_note.",
    "Leave the cell empty to decide nothing.",
    "",
    "Save the file into data/corrections/ (any name ending in .xlsx; a CSV with the same "
    "columns works too) and run the compilation again: every decision is applied, the model "
    "never overrules it, and the reports say how many figures an analyst verified. A decision "
    "is kept as long as its passage's text is in the review, even when the file is replaced by "
    "a new version; decisions whose passage is gone are listed in "
    "data/processed/analyst_decisions.parquet. Do not edit the columns key to document_kind.",
)


class ReviewSheets:
    """Builds the review sheets of a run: its passages and objective scores, indexed once."""

    def __init__(self, passages: pd.DataFrame, tags: pd.DataFrame, index: PassageIndex) -> None:
        """Index the run's ``passages`` and the objective scores of its ``tags``."""
        self._passages = passages.set_index("passage_id")[["text", "page", "language"]]
        objective = tags[tags["label_type"] == "objective"]
        self._scores = dict(zip(zip(objective["passage_id"].astype(str),
                                    objective["label"].astype(str), strict=True),
                                objective["score"].astype(float), strict=True))
        self._index = index

    def frame(self, findings: pd.DataFrame, register: pd.DataFrame, region: str,
              labels: Labels) -> pd.DataFrame:
        """Return the rows of the review sheet of ``region``, in ``SHEET_COLUMNS``.

        Args:
            findings: The cycle's review findings (after the analysts' decisions).
            register: The cycle's ``submission_register`` table (regions of each document).
            region: Commission code or ``GLOBAL``.
            labels: The edition's words (objective titles, country names, citations).
        """
        current = register[register["current"].astype(bool)
                           & (register["document_kind"] == NATIONAL_REVIEW)]
        documents = set(documents_in_region(current, region)["document_id"])
        shown = findings[findings["document_id"].isin(documents)
                         & (findings["reported"] | findings["mentioned_only"]
                            | findings["verified"])]
        rows = []
        for finding in shown.to_dict("records"):
            candidates = as_list(finding["passage_ids"]) or as_list(
                finding["mention_passage_ids"])
            if not candidates:
                continue
            number = int(finding["objective"])
            passage_id = max(candidates, key=lambda p: (self._scores.get((p, str(number)), 0.0),
                                                        -candidates.index(p)))
            passage = self._passages.loc[passage_id]
            rows.append({
                "country": labels.country(str(finding["country_iso3"])),
                "objective": number, "objective_title": labels.objective_title(number),
                "finding": _finding_text(finding), "confidence": float(finding["confidence"]),
                DECISION_COLUMN: "", NOTE_COLUMN: "", "passage": str(passage["text"]),
                "citation": self._index.where(passage_id, int(passage["page"]), labels),
                "file": str(finding["file"]), "language": str(passage["language"] or ""),
                "earlier_decision": str(finding["analyst_decision"] or ""), "region": region,
                "key": passage_key(str(passage["text"])),
                "country_iso3": str(finding["country_iso3"]), "cycle": str(finding["cycle"]),
                "document_kind": str(finding["document_kind"]),
                # Order: undecided first; reported findings, least confident first; then
                # mentions, the likeliest missed finding (best objective score) first.
                "_verified": bool(finding["verified"]), "_mention": not finding["reported"],
                "_certainty": (float(finding["confidence"]) if finding["reported"]
                               else -self._scores.get((passage_id, str(number)), 0.0)),
            })
        order = ["_verified", "_mention", "_certainty"]
        frame = pd.DataFrame(rows, columns=[*SHEET_COLUMNS, *order])
        frame = frame.sort_values([*order, "country_iso3", "objective"], kind="stable",
                                  ignore_index=True)
        return frame[list(SHEET_COLUMNS)]


def _finding_text(finding: dict[str, object]) -> str:
    """Return the model's finding in a few words: ``reports: progress, challenge``."""
    if not finding["reported"]:
        return "mentioned only"
    flags = [name.replace("_", " ") for name in ("progress", "challenge", "good_practice")
             if finding[name]]
    if len(as_list(finding["support_needs"])):
        flags.append("support need")
    return "reports" + (f": {', '.join(flags)}" if flags else "")


def render_review_sheet(frame: pd.DataFrame) -> bytes:
    """Return the bytes of the review sheet workbook holding ``frame`` (``ReviewSheets.frame``).

    The first sheet holds the findings, with a drop-down of ``DECISION_CHOICES`` in the
    decision column, filters and a frozen header; a second sheet says how to use it; a
    hidden one holds the choices of the drop-down.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    book.set_properties({"created": WORKBOOK_CREATED, "title": "Review sheet"})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top",
                              "bg_color": "#DDE7F0"})
    decide = book.add_format({"bg_color": "#FFF7D6", "valign": "top", "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    fraction = book.add_format({"num_format": "0.00", "valign": "top"})
    sheet = book.add_worksheet(SHEET_NAME)
    columns = list(frame.columns)
    sheet.write_row(0, 0, columns, header)
    for row, values in enumerate(frame.itertuples(index=False), start=1):
        # Tall enough for the passage's wrapped lines (up to 10): spreadsheets do not size a
        # row written by a program to its text.
        lines = -(-len(str(values[columns.index("passage")])) // _CHARS_PER_LINE)
        sheet.set_row(row, _LINE_HEIGHT * min(max(lines, 1), _MOST_LINES))
        for column, value in enumerate(values):
            name = columns[column]
            if name == "confidence":
                sheet.write_number(row, column, float(value), fraction)
            elif name == "objective":
                sheet.write_number(row, column, int(value), top)
            else:
                style = decide if name in (DECISION_COLUMN, NOTE_COLUMN) else (
                    wrap if name in _WRAPPED else top)
                sheet.write_string(row, column, str(value), style)
    for column, name in enumerate(columns):
        sheet.set_column(column, column, _WIDTHS.get(name, 12),
                         decide if name in (DECISION_COLUMN, NOTE_COLUMN) else None)
    last = max(len(frame), 1)
    choices = book.add_worksheet("choices")
    choices.write_column(0, 0, list(DECISION_CHOICES))
    choices.hide()
    decision = columns.index(DECISION_COLUMN)
    sheet.data_validation(1, decision, last + 500, decision, {
        "validate": "list", "source": f"=choices!$A$1:$A${len(DECISION_CHOICES)}",
        "error_title": "Not a decision",
        "error_message": "Pick a decision from the list (or leave the cell empty)."})
    # Printed: landscape, the analyst's columns (country to citation) on the page's width,
    # the header on every page.
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.print_area(0, 0, last, columns.index("citation"))
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    how_to = book.add_worksheet("how to")
    how_to.set_column(0, 0, 110, wrap)
    how_to.write_column(0, 0, list(HOW_TO))
    book.close()
    return buffer.getvalue()
