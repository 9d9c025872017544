"""Blocks shared by the report kinds: an objective's counts and excerpts, and the annex tables."""

from __future__ import annotations

from typing import Any

import pandas as pd

from imrf_analysis.compilation.tables import GLOBAL, documents_in_region
from imrf_analysis.reference import gcm, regions
from imrf_analysis.reporting.report.labels import Labels
from imrf_analysis.reporting.report.model import Paragraph, Table
from imrf_analysis.reporting.report.sources import Draft, ReportSources, as_list, sheet_file_name

CATEGORIES: tuple[str, ...] = (
    "progress", "gap-or-challenge", "good-practice", "support-needed", "mentioned")
LEVEL_CODES: dict[str, str] = {
    "not-mentioned": "·", "mentioned": "M", "progress-reported": "P", "challenge-reported": "C",
    "progress-and-challenge": "P+C"}


def _int(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def objective_count(totals: pd.DataFrame, number: int, words: Labels) -> list[Paragraph]:
    """Return the counts of objective ``number``: reviews reporting, then by what they report."""
    row = totals[totals["objective"] == number]
    if row.empty:
        return [Paragraph(words("reviews_count", n=0, m=0), "count")]
    t = row.iloc[0]
    counts = [Paragraph(words("reviews_count", n=_int(t["reviews_reporting"]),
                              m=_int(t["reviews_total"])), "count"),
              Paragraph(words("levels_count", progress=_int(t["reviews_progress"]),
                              challenge=_int(t["reviews_challenge"]),
                              good=_int(t["reviews_good_practice"]),
                              support=_int(t["reviews_support_needed"])), "meta")]
    if _int(t["reviews_verified"]):
        counts.append(Paragraph(words("verified_count", v=_int(t["reviews_verified"]),
                                      n=_int(t["reviews_reporting"])), "meta"))
    return counts


def by_objective(evidence: pd.DataFrame) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """Return the evidence rows of each objective by category, best ranked first.

    One pass over ``evidence``: its rows become records, grouped by objective and category;
    rows of equal rank keep their order in ``evidence``.
    """
    grouped: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for row in evidence.sort_values("rank", kind="stable").to_dict("records"):
        number = row["objective"]
        if not pd.isna(number):
            grouped.setdefault(int(number), {}).setdefault(str(row["category"]), []).append(row)
    return grouped


def objective_evidence(draft: Draft, evidence: dict[int, dict[str, list[dict[str, Any]]]],
                       number: int, per_category: int, level: int = 4) -> None:
    """Quote up to ``per_category`` ranked excerpts of objective ``number``, by category.

    Args:
        draft: The report being built.
        evidence: Ranked excerpts by objective and category (``by_objective``) of one region
            and cycle.
        number: The objective.
        per_category: Excerpts quoted at most per category.
        level: Heading level of the category headings.
    """
    categories = evidence.get(number)
    if not categories:
        draft.add(Paragraph(draft.labels("no_evidence"), "muted"))
        return
    for category in CATEGORIES:
        rows = categories.get(category)
        if rows is None:
            continue
        draft.section(draft.labels.category(category), level=level)
        if not draft.quote_some(rows, per_category):
            draft.add(Paragraph(draft.labels("quoted_above"), "muted"))


def documents_table(documents: pd.DataFrame, words: Labels) -> Table:
    """Return the register of the documents compiled: country, file, kind, language, date."""
    rows = tuple((str(d.country_name), str(d.file), words.document_kind(str(d.document_kind)),
                  str(d.language), words.date(d.date), str(d.pages) if d.pages else "—")
                 for d in documents.sort_values(["country_name", "file"]).itertuples())
    return Table((words("h_country"), words("h_file"), words("h_kind"), words("h_language"),
                  words("h_date"), words("h_pages")), rows, numeric=(5,))


def totals_table(totals: pd.DataFrame, words: Labels) -> Table:
    """Return objective totals in round-table order: reviews reporting and by category."""
    by_number = totals.set_index("objective")
    rows = []
    for number in gcm.objectives_in_round_table_order():
        if number not in by_number.index:
            continue
        t = by_number.loc[number]
        rows.append((words.objective_short(number), words.round_table(str(t["round_table"])),
                     str(t["label"]), str(_int(t["reviews_progress"])),
                     str(_int(t["reviews_challenge"])), str(_int(t["reviews_good_practice"])),
                     str(_int(t["reviews_support_needed"]))))
    return Table((words("h_objective"), words("h_round_table"),
                  words("h_reporting"), words("h_progress"), words("h_challenge"),
                  words("h_good"), words("h_support")), tuple(rows), numeric=(3, 4, 5, 6))


def levels_table(matrix: pd.DataFrame, words: Labels) -> Table:
    """Return country × objective levels as codes (· M P C, P+C for both), by round table."""
    order = gcm.objectives_in_round_table_order()
    if {"progress_passage_ids", "challenge_passage_ids"} <= set(matrix.columns):
        both = (matrix["progress_passage_ids"].map(len) > 0) & (
            matrix["challenge_passage_ids"].map(len) > 0)
        matrix = matrix.assign(level=matrix["level"].where(~both, "progress-and-challenge"))
    grid = (matrix.pivot_table(index="country_name", columns="objective", values="level",
                               aggfunc="first")
            .reindex(columns=order).sort_index())
    rows = tuple((str(name), *(LEVEL_CODES.get(str(v), "·") for v in values))
                 for name, values in zip(grid.index, grid.to_numpy(), strict=True))
    return Table((words("h_country"), *(str(n) for n in order)), rows)


def level_legend(words: Labels) -> Paragraph:
    """Return the legend of the level codes."""
    return Paragraph(" · ".join(f"{code} = {words.level(level)}"
                                for level, code in LEVEL_CODES.items()), "muted")


# A report names this many quarantined files, then counts the others: a register of thousands of
# rows naming missing files would otherwise fill every report with them.
QUARANTINE_LISTED = 50


def quarantine_of(sources: ReportSources, region: str) -> pd.DataFrame:
    """Return the quarantined files the register lists under a State of ``region``.

    For ``GLOBAL``, every quarantined file, including those of no known State.
    """
    quarantine = sources.frames["quarantine"]
    if region == GLOBAL or "country_iso3" not in quarantine:
        return quarantine
    return quarantine[quarantine["country_iso3"].isin(regions.COMMISSIONS[region].members)]


def unread_submissions(sources: ReportSources, region: str) -> list[str]:
    """Return "Country (file)" for each file of ``region`` that arrived but could not be read."""
    quarantine = quarantine_of(sources, region)
    if "country_iso3" not in quarantine:
        return []
    compiled = set(sources.frames["documents"]["file"])
    unread = quarantine[(quarantine["country_iso3"].fillna("") != "")
                        & ~quarantine["file"].isin(compiled)
                        & (quarantine["stage"] != "register")
                        ].drop_duplicates("file").sort_values(["country_iso3", "file"])
    return [f"{sources.labels.country(str(q.country_iso3))} ({q.file})"
            for q in unread.itertuples()]


def analyst_annex(draft: Draft, sources: ReportSources, region: str,
                  detailed: bool = True) -> None:
    """Add the annex for analysts: files of ``region`` left out, and the validation findings.

    ``detailed`` lists them (syntheses); otherwise one line counts them and points to the
    Data Docs (round-table packs, which are background-note material).
    """
    words = draft.labels
    quarantine = quarantine_of(sources, region)
    draft.section(words("annex_analysts"), "analysts")
    if not detailed:
        draft.add(Paragraph(words("annex_counts", files=len(quarantine),
                                  findings=len(sources.findings)),
                            "muted", link=(words("data_docs"), sources.validation_docs_href)
                            if sources.validation_docs_href else None))
        return
    draft.section(words("quarantine"), "quarantine", level=3)
    if quarantine.empty:
        draft.add(Paragraph(words("no_quarantine")))
    else:
        listed = quarantine.sort_values("file").head(QUARANTINE_LISTED)
        draft.add(Table((words("h_file"), words("h_stage"), words("h_reason"), words("h_hint")),
                        tuple((str(q.file), str(q.stage), str(q.reason), str(q.hint))
                              for q in listed.itertuples())))
        if len(quarantine) > len(listed):
            draft.add(Paragraph(words("quarantine_more", n=len(quarantine) - len(listed))))
    draft.section(words("findings"), "findings", level=3)
    if sources.validation_docs_href:
        draft.add(Paragraph(words("findings_link"),
                            link=(words("data_docs"), sources.validation_docs_href)))
    if not sources.findings:
        draft.add(Paragraph(words("no_findings")))
        return
    draft.add(Table((words("h_dataset"), words("h_expectation"), words("h_column"),
                     words("h_message")),
                    tuple((f.dataset, f.expectation, f.column or "", f.message)
                          for f in sources.findings)))


def pages_text(value: object) -> str:
    """Return a median page count as printed: ``"12"``, ``"7.5"``, or ``"—"`` when unknown."""
    number = float(value)  # type: ignore[arg-type]
    return "—" if number != number else f"{number:g}"


def languages_text(value: object) -> str:
    """Return a list cell of language codes as ``"en, es, fr"``."""
    return ", ".join(as_list(value)) or "—"


def verification(sources: ReportSources, region: str) -> list[Paragraph]:
    """Return how far analysts verified the region's figures, and their unapplied decisions.

    An objective's figure ("9 of 15 reviews report on it") is verified when an analyst decided
    every finding it counts (``findings.corrections``).
    """
    words = sources.labels
    totals = sources.table("objective_totals", region)
    figures = totals[totals["reviews_reporting"] > 0]
    verified = int((figures["reviews_verified"] == figures["reviews_reporting"]).sum())
    register = sources.table("submission_register")
    documents = set(documents_in_region(register[register["current"].astype(bool)],
                                        region)["document_id"])
    findings = sources.table("review_findings")
    decided = int(findings.loc[findings["document_id"].isin(documents), "verified"].sum())
    if decided:
        shown = [Paragraph(words("verified_figures", v=verified, n=len(figures), d=decided,
                                 scope=words.commission(region) if region != GLOBAL
                                 else words("all_regions").lower()))]
    else:
        shown = [Paragraph(words("verified_none",
                                 sheet=sheet_file_name(region, words.lang)), "muted")]
    decisions = sources.frames.get("analyst_decisions")
    if decisions is not None and len(decisions):
        unmatched = int((decisions["status"] == "no longer matches").sum())
        if unmatched:
            shown.append(Paragraph(words("decisions_unmatched", n=unmatched), "muted"))
    return shown
