"""The regional synthesis: what the reviews of one region say, objective by objective."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.compilation.tables import GLOBAL, documents_in_region
from imrf_analysis.reference import gcm, regions
from imrf_analysis.reporting.report.evidence import (
    analyst_annex,
    by_objective,
    documents_table,
    languages_text,
    level_legend,
    levels_table,
    objective_count,
    objective_evidence,
    pages_text,
    totals_table,
    unread_submissions,
    verification,
)
from imrf_analysis.reporting.report.figures import ChartBook
from imrf_analysis.reporting.report.model import Block, BulletList, Paragraph, Report, Table
from imrf_analysis.reporting.report.sources import (
    NATIONAL_REVIEW,
    Draft,
    PassageIndex,
    ReportSources,
    as_list,
)

EXCERPTS_PER_CATEGORY = 2
SUPPORT_EXCERPTS = 6


def region_name(region: str, sources: ReportSources) -> str:
    """Return the name of a commission, or "All regions" (in the report language) for GLOBAL."""
    return sources.labels.commission(region)


def current_documents_of(sources: ReportSources, region: str) -> pd.DataFrame:
    """Return the current documents (reviews and contributions) of ``region`` in the cycle."""
    register = sources.table("submission_register")
    current = register["current"] if "current" in register else register["superseded_by"].isna()
    return documents_in_region(register[current.astype(bool)], region)


def _shown(*blocks: Block | None) -> list[Block]:
    return [b for b in blocks if b is not None]


def _method(draft: Draft, sources: ReportSources, region: str, book: ChartBook) -> int:
    words = draft.labels
    documents = current_documents_of(sources, region)
    reviews = documents[documents["document_kind"] == NATIONAL_REVIEW]
    coverage = sources.coverage(region)
    draft.section(words("method"), "method")
    if coverage is not None:
        # A commission's regional review covers the States of its region (ECLAC: 33 of its 46
        # members): they are not all its members.
        draft.add(Paragraph(words(
            "as_of" if region == GLOBAL else "as_of_region",
            date=words.date(reviews["date"].max()) if len(reviews) else "—",
            n=int(coverage["states_reporting"]), m=int(coverage["member_states"]),
            reviews=int(coverage["reviews_submitted"]),
            languages=languages_text(coverage["languages"]),
            pages=pages_text(coverage["median_pages"]))))
    unread = unread_submissions(sources, region)
    if unread:
        draft.add(Paragraph(words("unread", files=", ".join(unread))))
    contributions = int((documents["document_kind"] != NATIONAL_REVIEW).sum())
    if contributions:
        draft.add(Paragraph(words("contributions", n=contributions)))
    draft.add(Paragraph(words("how")))
    draft.add(*verification(sources, region))
    draft.section(words("documents"), level=3)
    draft.add(documents_table(documents, words), *book.coverage(region),
              *_shown(book.ranked(region)))
    return len(reviews)


def _chapters(draft: Draft, sources: ReportSources, region: str) -> None:
    words = draft.labels
    totals = sources.table("objective_totals", region)
    evidence = by_objective(sources.table("round_table_evidence", region))
    for round_table in gcm.ROUND_TABLES:
        draft.section(words.round_table(round_table.code), round_table.code.lower())
        draft.add(Paragraph(round_table.theme(words.lang), "meta"))
        for number in round_table.objectives:
            draft.section(words("objective", n=number, title=words.objective_title(number)),
                          f"objective-{number}", level=3)
            draft.add(*objective_count(totals, number, words))
            objective_evidence(draft, evidence, number, EXCERPTS_PER_CATEGORY)


def _principles(draft: Draft, sources: ReportSources, region: str, book: ChartBook) -> None:
    words = draft.labels
    draft.section(words("principles"), "principles")
    draft.add(Paragraph(words("principles_note"), "muted"))
    matrix = sources.table("principle_matrix", region)
    states = matrix["country_iso3"].nunique()
    rows = []
    for slug in gcm.GUIDING_PRINCIPLE_SLUGS:
        invoking = matrix[(matrix["guiding_principle"] == slug) & (matrix["passages"] > 0)]
        rows.append((words.principle(slug), f"{invoking['country_iso3'].nunique()} / {states}",
                     ", ".join(sorted(set(invoking["country_name"])))))
    draft.add(Table((words("h_principle"), words("h_states"), words("h_country")),
                    tuple(rows)), *_shown(book.principles()))


def _stakeholders(draft: Draft, sources: ReportSources, region: str) -> None:
    words = draft.labels
    draft.section(words("stakeholders"), "stakeholders")
    draft.add(Paragraph(words("stakeholders_note"), "muted"))
    consulted = sources.table("stakeholder_consultation", region)
    consulted = consulted[(consulted["passages"] > 0)
                          & (consulted["document_kind"] == NATIONAL_REVIEW)]
    rows = []
    for key in gcm.STAKEHOLDER_GROUPS:
        group = consulted[consulted["stakeholder_group"] == key].sort_values("country_name")
        if group.empty:
            continue
        named = "; ".join(_with_pages(str(g.country_name), g.pages)
                          for g in group.itertuples())
        rows.append((words.stakeholder_group(key), str(group["country_iso3"].nunique()), named))
    if rows:
        draft.add(Table((words("h_group"), words("h_states"), words("h_country")), tuple(rows),
                        numeric=(1,)))
    else:
        draft.add(Paragraph(words("none")))


def _support(draft: Draft, sources: ReportSources, region: str, reviews: int,
             book: ChartBook) -> None:
    words = draft.labels
    draft.section(words("support"), "support")
    register = sources.table("challenge_register", region)
    needs = register[register["category"] == "support-needed"]
    if needs.empty:
        draft.add(Paragraph(words("none")))
        return
    draft.add(*_shown(book.support(region, reviews)))
    strongest = needs.sort_values(["score", "passage_id"], ascending=[False, True])
    draft.quote_some((row for _, row in strongest.iterrows()), SUPPORT_EXCERPTS,
                     one_per_country=True)


def _good_practices(draft: Draft, sources: ReportSources, region: str) -> None:
    draft.section(draft.labels("good_practices"), "good-practices")
    register = sources.table("good_practice_register", region)
    if register.empty:
        draft.add(Paragraph(draft.labels("none")))
        return
    strongest = register.sort_values(["score", "passage_id"], ascending=[False, True])
    draft.quote_some((row for _, row in strongest.iterrows()), SUPPORT_EXCERPTS,
                     one_per_country=True)


def build_synthesis(sources: ReportSources, passages: PassageIndex, region: str,
                    book: ChartBook) -> Report:
    """Build the regional synthesis of ``region`` for the cycle of ``sources``.

    Args:
        sources: The cycle's tables, findings and report language.
        passages: The run's passages (``index_passages``), for the context of citations.
        region: Commission code or ``GLOBAL``.
        book: Where charts are drawn once and shared.

    Returns:
        The report ``synthesis-<region>``: method, four round-table chapters, guiding
        principles, stakeholder groups, good practices, support needs, quarantine, findings
        and annexes.
    """
    words = sources.labels
    draft = Draft(passages, words)
    title = words("synthesis_title", region=region_name(region, sources), cycle=sources.cycle)
    draft.section(title, level=1)
    draft.add(Paragraph(words("generated", when=words.date(sources.generated_at)), "meta"),
              Paragraph(words("notice"), "notice"))
    if current_documents_of(sources, region).empty:
        members = len(regions.COMMISSIONS[region].members) if region != GLOBAL else 193
        draft.add(Paragraph(words("empty_region", m=members, region=region_name(region, sources),
                                  cycle=sources.cycle), "statement"))
        unread = unread_submissions(sources, region)
        if unread:
            draft.add(Paragraph(words("unread", files=", ".join(unread))))
        analyst_annex(draft, sources, region)
        return draft.finish(f"synthesis-{region}", title)
    reviews = _method(draft, sources, region, book)
    _chapters(draft, sources, region)
    _principles(draft, sources, region, book)
    _stakeholders(draft, sources, region)
    _good_practices(draft, sources, region)
    _support(draft, sources, region, reviews, book)
    if region == GLOBAL:
        draft.add(*_shown(book.regions()))
    draft.section(words("annexes"), "annexes")
    draft.section(words("h_objective"), level=3)
    draft.add(totals_table(sources.table("objective_totals", region), words))
    matrix = sources.table("country_objective_matrix", region)
    if not matrix.empty:
        draft.section(words("c_heatmap"), level=3)
        draft.add(level_legend(words), levels_table(matrix, words))
    gaps = sources.table("coverage_gaps", region)
    silent = sorted(int(n) for n in gaps.loc[gaps["scope"] == "region", "objective"])
    if silent:
        draft.section(words("gaps"), level=3)
        draft.add(BulletList(tuple(words.objective_short(n) for n in silent)))
    analyst_annex(draft, sources, region)
    return draft.finish(f"synthesis-{region}", title)


def _with_pages(name: str, pages: object) -> str:
    """Return ``"Kenya (p. 2, 5)"``, or the name alone when the review has no pages."""
    numbers = [str(int(p)) for p in as_list(pages) if int(p) >= 1]
    return f"{name} (p. {', '.join(numbers)})" if numbers else name
