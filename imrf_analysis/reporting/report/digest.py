"""The global digest: one statement per objective for the Secretary-General's report drafters."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.compilation.tables import GLOBAL
from imrf_analysis.reference import gcm
from imrf_analysis.reporting.report.evidence import verification
from imrf_analysis.reporting.report.figures import ChartBook
from imrf_analysis.reporting.report.model import Paragraph, Report, Table
from imrf_analysis.reporting.report.round_table import coverage_sentence
from imrf_analysis.reporting.report.sources import (
    NATIONAL_REVIEW,
    Draft,
    PassageIndex,
    ReportSources,
)

EXAMPLES_PER_OBJECTIVE = 2


def states_reporting_progress(matrix: pd.DataFrame) -> tuple[dict[int, list[str]], int]:
    """Return, per objective, the States whose reviews report progress, and the States reviewing.

    Args:
        matrix: The country × objective matrix of one region (usually GLOBAL) and cycle.

    Returns:
        Objective → sorted country names with a progress passage; and the reviewing States.
    """
    progress = matrix[matrix["progress_passage_ids"].map(len) > 0]
    named = progress.groupby("objective")["country_name"].agg(lambda s: sorted(set(s)))
    return ({int(n): list(names) for n, names in named.items()},
            int(matrix["country_iso3"].nunique()))


def _changes(totals: pd.DataFrame, sources: ReportSources) -> list[Paragraph | Table]:
    """Return the changes since the previous cycle: shares of States, and the panel.

    Two cycles are reviewed by different States, so their counts are not compared: each
    cycle's share of reviewing States is shown with its counts, and the change is measured on
    the States that reviewed in both cycles (unchanged re-submissions change nothing).
    """
    words = sources.labels
    compared = totals[totals["previous_cycle"].notna()].sort_values("objective")
    if compared.empty:
        return [Paragraph(words("one_cycle"), "muted")]
    first = compared.iloc[0]
    panel = int(first["panel_countries"])
    rows = tuple((words.objective_short(int(t.objective)),
                  words.share(int(t.countries_reporting_previous),
                              int(t.countries_total_previous)),
                  words.share(int(t.countries_reporting), int(t.countries_total)),
                  f"{int(t.panel_reporting_previous)} → {int(t.panel_reporting)}",
                  f"{int(t.panel_change):+d}" if panel else "—")
                 for t in compared.itertuples())
    return [Paragraph(words("changes_note", previous=str(first["previous_cycle"]),
                            cycle=sources.cycle, panel=panel), "muted"),
            Table((words("h_objective"), words("h_states_then", cycle=first["previous_cycle"]),
                   words("h_states_then", cycle=sources.cycle),
                   words("h_panel", n=panel), words("h_change")), rows, numeric=(1, 2, 3, 4))]


def _summary(named: dict[int, list[str]], states: int, sources: ReportSources) -> Table:
    words = sources.labels
    totals = sources.table("objective_totals", GLOBAL).set_index("objective")
    rows = tuple((words.objective_short(n), f"{len(named.get(n, []))} / {states}",
                  str(totals.at[n, "label"]) if n in totals.index else "—")
                 for n in gcm.OBJECTIVE_NUMBERS)
    return Table((words("h_objective"), words("h_progress"), words("h_reporting")), rows,
                 numeric=(1,))


def build_digest(sources: ReportSources, passages: PassageIndex, book: ChartBook) -> Report:
    """Build the global digest for the cycle of ``sources``.

    Args:
        sources: The cycle's tables, findings and report language.
        passages: The run's passages (``index_passages``), for the context of citations.
        book: Where charts are drawn once and shared.

    Returns:
        The report ``digest``: "N of M reviewing States reported progress on objective K
        (title)" for each objective with named examples and their citations, then the changes
        since the previous cycle when the data hold two cycles.
    """
    words = sources.labels
    draft = Draft(passages, words)
    title = words("digest_title", cycle=sources.cycle)
    draft.section(title, level=1)
    draft.add(Paragraph(words("generated", when=words.date(sources.generated_at)), "meta"),
              Paragraph(words("notice"), "notice"))
    draft.section(words("method"), "method")
    coverage = sources.coverage(GLOBAL)
    if coverage is not None:
        draft.add(Paragraph(coverage_sentence(sources, coverage)))
    draft.add(Paragraph(words("how")), *verification(sources, GLOBAL))
    for figure in (book.regions(), book.ranked(GLOBAL)):
        if figure is not None:
            draft.add(figure)

    matrix = sources.table("country_objective_matrix", GLOBAL)
    named, states = states_reporting_progress(matrix)
    evidence = sources.table("round_table_evidence", GLOBAL)
    progress = evidence[(evidence["category"] == "progress")
                        & (evidence["document_kind"] == NATIONAL_REVIEW)]
    draft.section(words("statements"), "statements")
    draft.add(_summary(named, states, sources))
    for number in gcm.OBJECTIVE_NUMBERS:
        countries = named.get(number, [])
        draft.section(words.objective_short(number), f"objective-{number}", level=3)
        draft.add(Paragraph(words("statement", n=len(countries), m=states, k=number,
                                  title=words.objective_title(number)), "statement"))
        if countries:
            draft.add(Paragraph(f"{words('examples')}: {', '.join(countries)}.", "meta"))
        examples = progress[progress["objective"] == number].sort_values("rank")
        draft.quote_some((row for _, row in examples.iterrows()), EXAMPLES_PER_OBJECTIVE)
    draft.section(words("changes"), "changes")
    draft.add(*_changes(sources.table("objective_totals", GLOBAL), sources))
    return draft.finish("digest", title)
