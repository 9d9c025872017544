"""The round-table evidence pack: for the drafters of one round table's background note."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.compilation.tables import GLOBAL
from imrf_analysis.reference import gcm
from imrf_analysis.reporting.report.evidence import (
    analyst_annex,
    by_objective,
    objective_count,
    objective_evidence,
    pages_text,
    verification,
)
from imrf_analysis.reporting.report.figures import ChartBook
from imrf_analysis.reporting.report.model import BulletList, Paragraph, Report, Table
from imrf_analysis.reporting.report.sources import Draft, PassageIndex, ReportSources

EXCERPTS_PER_CATEGORY = 3
QUESTIONS = 3
GAP_SHARE = 1 / 3


def _region_order(codes: list[str]) -> list[str]:
    return sorted(codes, key=lambda code: (code == GLOBAL, code))


def counts_by_region(totals: pd.DataFrame, round_table: gcm.RoundTable,
                     sources: ReportSources) -> Table:
    """Return, per objective of the round table, "n / m" reviews reporting in each region."""
    words = sources.labels
    regions = _region_order(sorted(set(totals["region"])))
    cells = totals.set_index(["objective", "region"])
    rows = []
    for number in round_table.objectives:
        row = [words.objective_short(number)]
        for region in regions:
            if (number, region) in cells.index:
                t = cells.loc[(number, region)]
                row.append(f"{int(t['reviews_reporting'])} / {int(t['reviews_total'])}")
            else:
                row.append("—")
        rows.append(tuple(row))
    return Table((words("h_objective"), *(words.region_code(r) for r in regions)), tuple(rows),
                 numeric=tuple(range(1, len(regions) + 1)))


def gap_items(totals: pd.DataFrame, round_table: gcm.RoundTable,
              sources: ReportSources) -> list[str]:
    """Return, per region, the objectives of the round table fewer than a third reported on."""
    words = sources.labels
    rows = totals[totals["objective"].isin(round_table.objectives) & (totals["reviews_total"] > 0)]
    low = rows[rows["reviews_reporting"] < GAP_SHARE * rows["reviews_total"]]
    items = []
    for region in _region_order(sorted(set(low["region"]))):
        in_region = low[low["region"] == region].sort_values("objective")
        items.append(f"{words.region_code(region)}: " + "; ".join(
            f"{words.objective_short(int(t.objective))} ({t.reviews_reporting} / "
            f"{t.reviews_total})" for t in in_region.itertuples()))
    return items


def build_round_table_pack(sources: ReportSources, passages: PassageIndex,
                           round_table: gcm.RoundTable, book: ChartBook) -> Report:
    """Build the material for the background note of ``round_table`` for the cycle of ``sources``.

    Shaped as the note is: the cluster's title and who drafted the note before; background
    (how many States reviewed, how); the objectives under review with the counts by region;
    per objective, how many States reported and the best excerpts of progress, challenges,
    good practices and support needs, each cited; the objectives few States reported on; and
    guiding questions suggested from the challenges most reported (marked as suggestions).

    Args:
        sources: The cycle's tables, findings and report language.
        passages: The run's passages (``index_passages``), for the context of citations.
        round_table: The round table whose objectives the pack covers.
        book: Where charts are drawn once and shared.

    Returns:
        The report ``round-table-<RTn>``.
    """
    words = sources.labels
    draft = Draft(passages, words)
    name = words.round_table(round_table.code)
    title = words("round_table_title", round_table=name, cluster=words.cluster(round_table),
                  cycle=sources.cycle)
    draft.section(title, level=1)
    draft.add(Paragraph(words("drafted_by", agencies=round_table.background_note_by), "meta"))
    if words.lang != "en":
        draft.add(Paragraph(words("unofficial_title"), "muted"))
    draft.add(Paragraph(words("generated", when=words.date(sources.generated_at)), "meta"),
              Paragraph(words("notice"), "notice"))
    coverage = sources.coverage(GLOBAL)
    totals = sources.table("objective_totals")
    draft.section(words("background"), "background")
    if coverage is not None:
        draft.add(Paragraph(coverage_sentence(sources, coverage)))
    draft.add(Paragraph(words("how")), *verification(sources, GLOBAL))
    draft.section(words("under_review"), "objectives")
    draft.add(BulletList(tuple(words("objective", n=n, title=words.objective_title(n))
                               for n in round_table.objectives)))
    draft.section(words("counts_by_region"), level=3)
    draft.add(counts_by_region(totals, round_table, sources))
    figure = book.ranked(GLOBAL, round_table.code)
    if figure is not None:
        draft.add(figure)
    draft.section(words("trends"), "evidence")
    global_totals = sources.table("objective_totals", GLOBAL)
    evidence = by_objective(sources.table("round_table_evidence", GLOBAL))
    for number in round_table.objectives:
        draft.section(words("objective", n=number, title=words.objective_title(number)),
                      f"objective-{number}", level=3)
        draft.add(*objective_count(global_totals, number, words))
        objective_evidence(draft, evidence, number, EXCERPTS_PER_CATEGORY)
    draft.section(words("gaps"), "gaps")
    draft.add(Paragraph(words("gaps_note", m="n / m")))
    items = gap_items(totals, round_table, sources)
    draft.add(BulletList(tuple(items)) if items else Paragraph(words("none")))
    draft.section(words("questions"), "questions")
    questions = guiding_questions(sources, round_table)
    if questions:
        draft.add(Paragraph(words("questions_note"), "muted"), BulletList(tuple(questions)))
    else:
        draft.add(Paragraph(words("none")))
    analyst_annex(draft, sources, GLOBAL, detailed=False)
    return draft.finish(f"round-table-{round_table.code}", title)


def guiding_questions(sources: ReportSources, round_table: gcm.RoundTable,
                      most: int = QUESTIONS) -> list[str]:
    """Return questions on the objectives of ``round_table`` most States report challenges on.

    One per objective, for up to ``most`` objectives with at least one State reporting a
    challenge, the most reported first (ties in objective order).
    """
    words = sources.labels
    matrix = sources.table("country_objective_matrix", GLOBAL)
    if matrix.empty:
        return []
    states = int(matrix["country_iso3"].nunique())
    challenged = matrix[matrix["objective"].isin(round_table.objectives)
                        & (matrix["challenge_passage_ids"].map(len) > 0)]
    counts = challenged.groupby("objective")["country_iso3"].nunique()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:most]
    return [words("question", n=int(count), m=states, objective=words.objective_short(int(n)))
            for n, count in ranked]


def coverage_sentence(sources: ReportSources, coverage: pd.Series) -> str:
    """Return "As of DATE, N of M member States had submitted …" for a coverage row."""
    register = sources.table("submission_register")
    reviews = register[register["document_kind"] == "national-review"]
    words = sources.labels
    return words("as_of", date=words.date(reviews["date"].max()) if len(reviews) else "—",
                 n=int(coverage["states_reporting"]), m=int(coverage["member_states"]),
                 reviews=int(coverage["reviews_submitted"]),
                 languages=", ".join(str(x) for x in coverage["languages"]),
                 pages=pages_text(coverage["median_pages"]))
