"""The sections of a regional report, each built from tables already selected for the region."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from imrf_analysis import gcm
from imrf_analysis.report.markup import bullet_list, element, esc, paragraph, table
from imrf_analysis.report.tables import Finding, as_list, join_numbers

NATIONAL_REVIEW = "national-review"
SAMPLE_NOTICE = (
    "Some inputs may be illustrative samples rather than official submissions. Where a "
    "document describes itself as a sample, its passages show how the compilation works and "
    "must not be read as a country's position. Counts are produced automatically from tagged "
    "passages: check the quoted evidence before citing a figure."
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def method_section(region_name: str, cycle: str, reviews: int, countries: int,
                   contributions: int, quarantined: int) -> str:
    """Return the method paragraph with the review, country and quarantine counts."""
    counts = (f"This compilation covers {_plural(reviews, 'review')} from "
              f"{_plural(countries, 'member State')} ({region_name}, cycle {cycle}). ")
    if contributions:
        counts += (f"{_plural(contributions, 'stakeholder contribution')} may be quoted as "
                   "evidence but never count as a State reporting. ")
    counts += (f"{_plural(quarantined, 'file')} quarantined in this run "
               f"{'is' if quarantined == 1 else 'are'} not counted.")
    how = ("Each review was split into passages, and each passage was tagged with the GCM "
           "objectives and guiding principles it addresses. A review reports on an objective "
           "when at least one of its passages is tagged for it; the figures count reviews and "
           "countries, not the length or quality of what they say. Every quoted passage cites "
           "its country, file and page.")
    return element("h2", "Method", id_="method") + paragraph(counts) + paragraph(how)


def register_section(documents: pd.DataFrame) -> str:
    """Return the submission register table of the region's documents."""
    rows = [(d.country_name, _commissions_label(d.commissions), d.file, d.document_kind,
             d.language, d.date, d.format, d.pages, d.passages, d.document_id)
            for d in documents.sort_values(["country_name", "file"]).itertuples()]
    body = (table(["Country", "Commissions", "File", "Kind", "Language", "Date", "Format",
                   "Pages", "Passages", "Document ID"], rows, numeric=(7, 8))
            if rows else paragraph("No document of this region was registered for the cycle."))
    return element("h2", "Submission register", id_="register") + body


def _commissions_label(value: object) -> str:
    return ", ".join(as_list(value))


def _objective_item(number: int) -> str:
    return esc(f"{number} – {gcm.objective(number).short_name['en']}")


def coverage_section(gaps: pd.DataFrame, country_names: dict[str, str]) -> str:
    """Return the coverage summary: objectives no review reported on, and reviews with gaps."""
    region_gaps = sorted(int(n) for n in gaps.loc[gaps["scope"] == "region", "objective"])
    if region_gaps:
        summary = (paragraph(f"{len(region_gaps)} of 23 objectives were not reported on by any "
                             "review in this region:")
                   + bullet_list(_objective_item(n) for n in region_gaps))
    else:
        summary = paragraph("Every objective was reported on by at least one review.")
    review_gaps = gaps[gaps["scope"] == "review"]
    rows = [(country_names.get(iso3, iso3), file, len(group), join_numbers(group["objective"]))
            for (iso3, file), group in review_gaps.groupby(["country_iso3", "file"], sort=True)]
    if rows:
        reviews = (paragraph(f"{len(rows)} review{'s' if len(rows) != 1 else ''} leave some "
                             "objectives without a tagged passage:")
                   + table(["Country", "File", "Objectives missing", "Which"], rows, numeric=(2,)))
    else:
        reviews = paragraph("No review leaves an objective without a tagged passage.")
    return element("h2", "Coverage summary", id_="coverage") + summary + reviews


def _citation(passage: pd.Series) -> str:
    cite = f"{passage['country_name']} — {passage['file']}, p. {int(passage['page'])}"
    kind = passage.get("document_kind")
    if isinstance(kind, str) and kind != NATIONAL_REVIEW:
        cite += f" ({kind.replace('-', ' ')})"
    return (element("p", esc(passage["text"]))
            + element("footer", esc(cite) + " · " + element("code", esc(passage["passage_id"]))))


def _objective_block(number: int, totals: pd.DataFrame, evidence: pd.DataFrame) -> str:
    title = element("h3", esc(f"Objective {number}: {gcm.objective(number).title['en']}"),
                    id_=f"objective-{number}")
    total = totals[totals["objective"] == number]
    if total.empty:
        count = paragraph("No count was compiled for this objective.", "count")
    else:
        row = total.iloc[0]
        count = paragraph(f"{row['label']} · {int(row['countries_reporting'])} of "
                          f"{int(row['countries_total'])} countries", "count")
    quotes = evidence[evidence["objective"] == number].sort_values("rank")
    if quotes.empty:
        return title + count + paragraph("No passage in this region's reviews was tagged for "
                                         "this objective.", "muted")
    quoted = "".join(element("blockquote", _citation(q)) for _, q in quotes.iterrows())
    return title + count + quoted


def round_table_section(round_table: gcm.RoundTable, totals: pd.DataFrame,
                        evidence: pd.DataFrame) -> str:
    """Return one round table's section: its objectives, their counts and quoted evidence."""
    heading = element("h2", esc(f"{round_table.title} ({round_table.code})"),
                      id_=round_table.code.lower())
    intro = paragraph(f"{round_table.theme()}. Background note by "
                      f"{round_table.background_note_by}.", "meta")
    listing = bullet_list(f'<a href="#objective-{n}">'
                          f"{esc(f'{n} – ' + gcm.objective(n).title['en'])}</a>"
                          for n in round_table.objectives)
    blocks = "".join(_objective_block(n, totals, evidence) for n in round_table.objectives)
    return element("section", heading + intro + listing + blocks)


def principles_section(principles: pd.DataFrame) -> str:
    """Return guiding principles by country: tagged passages per country and principle."""
    heading = element("h2", "Guiding principles by country", id_="principles")
    if principles.empty:
        return heading + paragraph("No guiding-principle counts were compiled for this region.")
    grid = (principles.pivot_table(index="country_name", columns="guiding_principle",
                                   values="passages", aggfunc="sum", fill_value=0)
            .reindex(columns=list(gcm.GUIDING_PRINCIPLE_SLUGS), fill_value=0).sort_index())
    rows: list[list[object]] = [[name, *(int(v) for v in values)]
                                for name, values in zip(grid.index, grid.to_numpy(), strict=True)]
    rows.append(["Countries invoking", *(f"{int((grid[s] > 0).sum())} of {len(grid)}"
                                         for s in grid.columns)])
    headers = ["Country", *(f"{p.paragraph} {p.name['en']}" for p in gcm.GUIDING_PRINCIPLES)]
    note = paragraph("Cells count tagged passages; a grey 0 means the review does not "
                     "invoke the principle in any tagged passage.", "muted")
    return heading + note + table(headers, rows, numeric=tuple(range(1, len(headers))))


def quarantine_section(quarantine: pd.DataFrame) -> str:
    """Return the quarantined files of the run with their reasons and what to do."""
    heading = element("h2", "Quarantined files", id_="quarantine")
    if quarantine.empty:
        return heading + paragraph("No file was quarantined in this run.")
    rows = [(q.file, q.stage, q.reason, q.hint)
            for q in quarantine.sort_values("file").itertuples()]
    note = paragraph("Files set aside in this run (all regions); none of them is counted above.",
                     "muted")
    return heading + note + table(["File", "Stage", "Reason", "What to do"], rows)


def findings_section(findings: Sequence[Finding], docs_href: str | None = None) -> str:
    """Return the validation findings of the run, with a link to its Data Docs when given."""
    heading = element("h2", "Validation findings", id_="findings")
    if docs_href:
        heading += element("p", f'Every expectation checked in this run, passed or not: '
                                f'<a href="{esc(docs_href)}">validation report (Data Docs)</a>.')
    if not findings:
        return heading + paragraph("Every data contract passed.")
    rows = [(f.dataset, f.expectation, f.column or "", f.message) for f in findings]
    note = paragraph("Findings of the whole run (all regions): checks that passed are not "
                     "listed.", "muted")
    return heading + note + table(["Dataset", "Expectation", "Column", "Message"], rows)


def country_names(*frames: pd.DataFrame) -> dict[str, str]:
    """Return ISO3 → country name from any frames holding both columns (first name wins)."""
    names: dict[str, str] = {}
    for frame in frames:
        if {"country_iso3", "country_name"} <= set(frame.columns):
            for iso3, name in zip(frame["country_iso3"], frame["country_name"], strict=True):
                names.setdefault(str(iso3), str(name))
    return names

