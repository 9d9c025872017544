"""What a report is built from: the run's tables for one cycle, and the passages it cites.

``ReportSources`` selects rows of one region; ``Draft`` collects a report's blocks and, for
every quoted passage, its context (neighbouring passages, heading path) for the HTML reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd

from imrf_analysis.reporting.report.labels import Labels
from imrf_analysis.reporting.report.model import (
    Block,
    Citation,
    Heading,
    PassageContext,
    Quote,
    Report,
)

NATIONAL_REVIEW = "national-review"
CONTEXT_NEIGHBOURS = 2


class Finding(Protocol):
    """A validation finding: which contract failed, on which dataset and column."""

    @property
    def dataset(self) -> str: ...  # noqa: D102

    @property
    def expectation(self) -> str: ...  # noqa: D102

    @property
    def column(self) -> str | None: ...  # noqa: D102

    @property
    def message(self) -> str: ...  # noqa: D102


def as_list(value: object) -> list[str]:
    """Return a list cell (list, tuple, numpy array from Parquet, or missing) as a list of str."""
    if value is None:
        return []
    if isinstance(value, list | tuple | np.ndarray):
        return [str(item) for item in value]
    if isinstance(value, float) and np.isnan(value):
        return []
    return [str(value)]


# List items quoted after their lead-in, at most.
LIST_ITEMS = 8

@dataclass(frozen=True)
class ReportSources:
    """The tables of one run and cycle that the reports of that cycle are built from."""

    frames: dict[str, pd.DataFrame]
    cycle: str
    labels: Labels
    findings: Sequence[Finding] = ()
    generated_at: str = ""
    validation_docs_href: str | None = None

    def __post_init__(self) -> None:
        """Write every ``country_name`` of the tables in the report's language."""
        if self.labels.lang == "en":
            return
        frames = {name: self.labels.with_country_names(frame)
                  for name, frame in self.frames.items()}
        object.__setattr__(self, "frames", frames)

    def table(self, name: str, region: str | None = None) -> pd.DataFrame:
        """Return table ``name`` for the cycle (and ``region`` when given)."""
        frame = self.frames[name]
        if "cycle" in frame.columns:
            frame = frame[frame["cycle"] == self.cycle]
        if region is not None:
            frame = frame[frame["region"] == region]
        return frame

    def coverage(self, region: str) -> pd.Series | None:
        """Return the regional coverage row of ``region``, or None if it has none."""
        rows = self.table("regional_coverage", region)
        return None if rows.empty else rows.iloc[0]


@dataclass
class Draft:
    """A report being built: its blocks so far and the contexts of the passages it quotes."""

    passages: PassageIndex
    labels: Labels
    blocks: list[Block] = field(default_factory=list)
    contexts: dict[str, PassageContext] = field(default_factory=dict)

    def add(self, *blocks: Block) -> None:
        """Append ``blocks`` to the report."""
        self.blocks.extend(blocks)

    def section(self, text: str, anchor: str | None = None, level: int = 2) -> None:
        """Start a section: a heading (level 2 sections make the table of contents)."""
        self.blocks.append(Heading(text, level, anchor))

    def quote_some(self, rows: Iterable[Mapping[str, Any] | pd.Series], most: int,
                   one_per_country: bool = False) -> int:
        """Quote up to ``most`` of ``rows`` (best first); return how many were quoted.

        A passage already quoted in this report is never quoted again. Among the ``2 × most``
        best rows, those in the report's language come first (rows are otherwise kept in their
        order): a reader gets evidence in their language when it is among the best.
        """
        window: list[Mapping[str, Any] | pd.Series] = []
        for row in rows:
            if str(row["passage_id"]) in self.contexts:
                continue
            if one_per_country and any(r["country_iso3"] == row["country_iso3"] for r in window):
                continue
            window.append(row)
            if len(window) == 2 * most:
                break
        lang = self.labels.lang
        window.sort(key=lambda r: self.passages.language(str(r["passage_id"])) != lang)
        for row in window[:most]:
            self.quote(row)
        return min(most, len(window))

    def quote(self, row: Mapping[str, Any] | pd.Series) -> None:
        """Quote an excerpt row (country_name, file, page, passage_id, excerpt or text).

        An excerpt in another language than the report's says which ("French original").
        """
        kind = row.get("document_kind", NATIONAL_REVIEW)
        passage_id = str(row["passage_id"])
        citation = Citation(passage_id, str(row["country_name"]), str(row["file"]),
                            int(row["page"]), stakeholder=kind != NATIONAL_REVIEW,
                            where=self.passages.where(passage_id, int(row["page"]), self.labels))
        excerpt = row.get("excerpt")
        text = str(excerpt if isinstance(excerpt, str) and excerpt else row["text"])
        if str(row["text"]).rstrip().endswith(":"):  # a lead-in: its list follows it
            text = " ".join([text, *(f"• {item}" for item in self.passages.list_after(passage_id))])
        notes = [self.labels("stakeholder_quote")] if citation.stakeholder else []
        language = self.passages.language(passage_id)
        if language and language != self.labels.lang:
            notes.append(self.labels("original", language=self.labels.language_name(language)))
        self.blocks.append(Quote(text, citation, "; ".join(notes) or None))
        if citation.passage_id not in self.contexts:
            self.contexts[citation.passage_id] = self.passages.context(citation)

    def finish(self, stem: str, title: str) -> Report:
        """Return the finished report."""
        return Report(stem, title, self.labels.lang, tuple(self.blocks), dict(self.contexts))


def sheet_file_name(region: str, language: str = "en") -> str:
    """Return the file name of a region's review sheet: ``review-sheet-ECA.xlsx`` (-fr, -es)."""
    return f"review-sheet-{region}{'' if language == 'en' else '-' + language}.xlsx"


class PassageIndex:
    """The run's passages in document order, for the context of the passages reports cite.

    Built once per run (``index_passages``) and shared by its reports: a passage's context is
    looked up in constant time and kept, since the syntheses, packs and digest often cite the
    same passages.
    """

    def __init__(self, passages: pd.DataFrame) -> None:
        """Index ``passages`` (a run's passages frame; it is not changed)."""
        columns = ["passage_id", "document_id", "paragraph_index", "page", "heading_path", "text",
                   "language", "block_type"]
        ordered = passages[columns].sort_values(["document_id", "paragraph_index"])
        self._languages = dict(zip(ordered["passage_id"].astype(str), ordered["language"],
                                   strict=True))
        self._ids = [str(pid) for pid in ordered["passage_id"].tolist()]
        self._position = {pid: position for position, pid in enumerate(self._ids)}
        self._documents = ordered["document_id"].tolist()
        self._pages = ordered["page"].tolist()
        self._headings = ordered["heading_path"].tolist()
        self._texts = ordered["text"].tolist()
        self._kinds = ordered["block_type"].tolist()
        # For files without pages: each passage's paragraph number under its innermost heading.
        self._paragraphs: list[int] = []
        for position, (document, headings) in enumerate(zip(self._documents, self._headings,
                                                            strict=True)):
            same = (position > 0 and self._documents[position - 1] == document
                    and as_list(self._headings[position - 1]) == as_list(headings))
            self._paragraphs.append(self._paragraphs[-1] + 1 if same else 1)
        self._contexts: dict[tuple[Citation, int], PassageContext] = {}

    def list_after(self, passage_id: str, most: int = LIST_ITEMS) -> list[str]:
        """Return the list items that follow a passage in its document (up to ``most``).

        A lead-in ("… needs support in the following areas:") says little without its list.
        """
        position = self._position.get(passage_id)
        if position is None:
            return []
        items = []
        for index in range(position + 1, min(len(self._ids), position + 1 + most)):
            if (self._documents[index] != self._documents[position]
                    or self._kinds[index] != "list_item"):
                break
            items.append(str(self._texts[index]))
        return items

    def language(self, passage_id: str) -> str:
        """Return the detected language of a passage ("" when it is not in the index)."""
        value = self._languages.get(passage_id)
        return str(value) if isinstance(value, str) else ""

    def where(self, passage_id: str, page: int, labels: Labels) -> str:
        """Return where the passage is in its file: ``"p. 3"``, or its section and paragraph.

        A passage without a page (``page`` 0: a text file, or a Word file LibreOffice did not
        lay out) is found by the innermost heading above it and its paragraph number under that
        heading: ``"§ Objective 5, para. 3"``, or ``"para. 12"`` before the first heading.
        """
        if page >= 1:
            return f"p. {page}"
        position = self._position.get(passage_id)
        if position is None:
            return labels("no_page")
        headings = as_list(self._headings[position])
        paragraph = labels("paragraph", n=self._paragraphs[position])
        return f"§ {headings[-1]}, {paragraph}" if headings else paragraph

    def context(self, citation: Citation, neighbours: int = CONTEXT_NEIGHBOURS) -> PassageContext:
        """Return the cited passage with up to ``neighbours`` passages either side in its document.

        A passage missing from the index gets its citation alone.
        """
        key = (citation, neighbours)
        if key not in self._contexts:
            self._contexts[key] = self._context(citation, neighbours)
        return self._contexts[key]

    def _context(self, citation: Citation, neighbours: int) -> PassageContext:
        position = self._position.get(citation.passage_id)
        if position is None:
            return PassageContext(citation.passage_id, citation.country, citation.file,
                                  citation.page, (), (), citation.where)
        document = self._documents[position]
        window = [i for i in range(max(0, position - neighbours),
                                   min(len(self._ids), position + neighbours + 1))
                  if self._documents[i] == document]
        return PassageContext(
            citation.passage_id, citation.country, citation.file, int(self._pages[position]),
            tuple(as_list(self._headings[position])),
            tuple((self._ids[i], int(self._pages[i]), str(self._texts[i])) for i in window),
            citation.where)


def index_passages(passages: pd.DataFrame) -> PassageIndex:
    """Return the index of a run's ``passages`` that reports look cited passages up in."""
    return PassageIndex(passages)
