"""What a report is built from: the run's tables for one cycle, and the passages it cites.

``ReportSources`` selects rows of one region; ``Draft`` collects a report's blocks and, for
every quoted passage, its context (neighbouring passages, heading path) for the HTML reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from imrf_analysis.report.labels import Labels
from imrf_analysis.report.model import (
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


@dataclass(frozen=True)
class ReportSources:
    """The tables of one run and cycle that the reports of that cycle are built from."""

    frames: dict[str, pd.DataFrame]
    cycle: str
    labels: Labels
    findings: Sequence[Finding] = ()
    generated_at: str = ""
    validation_docs_href: str | None = None

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

    passages: pd.DataFrame
    labels: Labels
    blocks: list[Block] = field(default_factory=list)
    contexts: dict[str, PassageContext] = field(default_factory=dict)

    def add(self, *blocks: Block) -> None:
        """Append ``blocks`` to the report."""
        self.blocks.extend(blocks)

    def section(self, text: str, anchor: str | None = None, level: int = 2) -> None:
        """Start a section: a heading (level 2 sections make the table of contents)."""
        self.blocks.append(Heading(text, level, anchor))

    def quote(self, row: pd.Series) -> None:
        """Quote an excerpt row (country_name, file, page, passage_id, excerpt or text)."""
        kind = row.get("document_kind", NATIONAL_REVIEW)
        citation = Citation(str(row["passage_id"]), str(row["country_name"]), str(row["file"]),
                            int(row["page"]), stakeholder=kind != NATIONAL_REVIEW)
        excerpt = row.get("excerpt")
        text = str(excerpt if isinstance(excerpt, str) and excerpt else row["text"])
        note = self.labels("stakeholder_quote") if citation.stakeholder else None
        self.blocks.append(Quote(text, citation, note))
        if citation.passage_id not in self.contexts:
            self.contexts[citation.passage_id] = passage_context(self.passages, citation)

    def finish(self, stem: str, title: str) -> Report:
        """Return the finished report."""
        return Report(stem, title, self.labels.lang, tuple(self.blocks), dict(self.contexts))


def passage_context(passages: pd.DataFrame, citation: Citation,
                    neighbours: int = CONTEXT_NEIGHBOURS) -> PassageContext:
    """Return a cited passage with up to ``neighbours`` passages either side in its document.

    ``passages`` must come from ``index_passages`` (sorted by document and order, with a
    ``position`` per passage id); a passage missing from it gets its citation alone.
    """
    if citation.passage_id not in passages.index:
        return PassageContext(citation.passage_id, citation.country, citation.file,
                              citation.page, (), ())
    position = int(passages.at[citation.passage_id, "position"])
    window = passages.iloc[max(0, position - neighbours):position + neighbours + 1]
    cited = passages.iloc[position]
    window = window[window["document_id"] == cited["document_id"]]
    return PassageContext(
        citation.passage_id, citation.country, citation.file, int(cited["page"]),
        tuple(as_list(cited["heading_path"])),
        tuple((str(pid), int(page), str(text))
              for pid, page, text in zip(window.index, window["page"], window["text"],
                                         strict=True)))


def index_passages(passages: pd.DataFrame) -> pd.DataFrame:
    """Return passages in document order, indexed by passage id, each with its ``position``.

    Returns:
        A new frame (the input is unchanged) for ``passage_context`` to look up in constant time.
    """
    columns = ["passage_id", "document_id", "paragraph_index", "page", "heading_path", "text"]
    ordered = passages[columns].sort_values(["document_id", "paragraph_index"])
    ordered = ordered.set_index("passage_id").rename_axis(None)
    return ordered.assign(position=np.arange(len(ordered)))
