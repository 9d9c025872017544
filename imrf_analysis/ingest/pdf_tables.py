"""Tables of a PDF page found from their ruling lines, read as one text row per table row.

A table is a set of vertical rules that meet horizontal rules: the distinct x positions of the
verticals bound its columns, the horizontals bound its rows, and each word falls in the cell
holding its centre. Tables drawn without rules are read as ordinary lines.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from imrf_analysis.ingest.pdf_pages import Word

_THIN = 2.5  # points: a path this thin is a rule, not a shape
_SNAP = 2.0  # points: rules closer than this are one boundary


@dataclass
class PageTable:
    """A table found on a page: its box (x0, top, x1, bottom) and its rows as text."""

    bbox: tuple[float, float, float, float]
    rows: list[str]

    def holds(self, word: Word) -> bool:
        """Return True when the centre of ``word`` lies inside the table."""
        x0, top, x1, bottom = self.bbox
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return x0 <= cx <= x1 and top <= cy <= bottom


def _snap(values: list[float]) -> list[float]:
    snapped: list[float] = []
    for value in sorted(values):
        if not snapped or value - snapped[-1] > _SNAP:
            snapped.append(value)
    return snapped


def find_tables(rulings: list[tuple[float, float, float, float]],
                words: list[Word]) -> list[PageTable]:
    """Return the ruled tables of a page, top first, with their rows read from ``words``.

    Returns:
        Tables with at least two columns and one row between rules; an empty list when the
        page has none.
    """
    horizontals = [(x0, (top + bottom) / 2, x1) for x0, top, x1, bottom in rulings
                   if bottom - top <= _THIN and x1 - x0 > 10]
    verticals = [((x0 + x1) / 2, top, bottom) for x0, top, x1, bottom in rulings
                 if x1 - x0 <= _THIN and bottom - top > 5]
    if len(horizontals) < 2 or len(verticals) < 3:
        return []
    groups: list[list[tuple[float, float, float]]] = []
    for vertical in sorted(verticals, key=lambda v: v[1]):
        for group in groups:
            if any(vertical[1] <= g[2] + _SNAP and g[1] <= vertical[2] + _SNAP for g in group):
                group.append(vertical)
                break
        else:
            groups.append([vertical])
    tables = []
    for group in groups:
        table = _table(group, horizontals, words)
        if table:
            tables.append(table)
    return sorted(tables, key=lambda t: t.bbox[1])


def _table(verticals: list[tuple[float, float, float]],
           horizontals: list[tuple[float, float, float]], words: list[Word]) -> PageTable | None:
    columns = _snap([x for x, _, _ in verticals])
    top = min(t for _, t, _ in verticals)
    bottom = max(b for _, _, b in verticals)
    rows = _snap([y for x0, y, x1 in horizontals
                  if top - _SNAP <= y <= bottom + _SNAP
                  and x0 <= columns[0] + _SNAP and x1 >= columns[-1] - _SNAP])
    if len(columns) < 3 or len(rows) < 2:
        return None
    cells: dict[tuple[int, int], list[Word]] = {}
    table = PageTable((columns[0], rows[0], columns[-1], rows[-1]), [])
    for word in words:
        if table.holds(word):
            row = bisect_right(rows, (word["top"] + word["bottom"]) / 2) - 1
            column = bisect_right(columns, (word["x0"] + word["x1"]) / 2) - 1
            cells.setdefault((row, column), []).append(word)
    for row in range(len(rows) - 1):
        texts = []
        for column in range(len(columns) - 1):
            cell = sorted(cells.get((row, column), []),
                          key=lambda w: (round(w["top"] / 3), w["x0"]))
            text = " ".join(w["text"] for w in cell)
            if text:
                texts.append(text)
        if texts:
            table.rows.append(" | ".join(texts))
    return table
