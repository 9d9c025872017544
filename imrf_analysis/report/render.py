"""Render the self-contained HTML compilation report of one region and cycle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from imrf_analysis import charts, gcm
from imrf_analysis.catalog import write_text
from imrf_analysis.report.markup import element, esc, page, paragraph, png_figure
from imrf_analysis.report.sections import (
    NATIONAL_REVIEW,
    SAMPLE_NOTICE,
    country_names,
    coverage_section,
    findings_section,
    method_section,
    principles_section,
    quarantine_section,
    register_section,
    round_table_section,
)
from imrf_analysis.report.tables import (
    CompilationTables,
    Finding,
    region_title,
    review_counts,
    select_documents,
    select_region,
)

_CONTENTS = (
    ("method", "Method"),
    ("register", "Submission register"),
    ("coverage", "Coverage summary"),
    *((rt.code.lower(), f"{rt.title} ({rt.code})") for rt in gcm.ROUND_TABLES),
    ("principles", "Guiding principles by country"),
    ("quarantine", "Quarantined files"),
    ("findings", "Validation findings"),
    ("charts", "Charts"),
)


def _contents() -> str:
    items = "".join(element("li", f'<a href="#{esc(anchor)}">{esc(label)}</a>')
                    for anchor, label in _CONTENTS)
    return element("nav", element("h2", "Contents") + element("ol", items))


@dataclass(frozen=True)
class RegionChart:
    """A chart of a region's report, rendered once: saved as a file and embedded in the page."""

    name: str
    png: bytes
    alt: str
    caption: str


def render_region_charts(region: str, cycle: str, tables: CompilationTables) -> list[RegionChart]:
    """Draw the charts of one region and cycle (those with data) as PNG bytes.

    Returns:
        Coverage heat map, ranked objectives and guiding principles by region, in that order,
        leaving out any chart the region has no rows for.
    """
    chart_list = []
    matrix = tables.country_objective_matrix
    if not select_region(matrix, region, cycle).empty:
        figure = charts.plot_coverage_heatmap(matrix, region, cycle=cycle)
        chart_list.append(RegionChart(
            f"coverage-{region}", charts.figure_png_bytes(figure),
            "Heatmap of tagged passages by country and objective",
            "Tagged passages per reviewing country and objective, "
            "objectives grouped by round table; blank cells: none."))
    totals = tables.objective_totals
    if not select_region(totals, region, cycle).empty:
        figure = charts.plot_objectives_ranked(totals, region, cycle=cycle)
        chart_list.append(RegionChart(
            f"objectives-ranked-{region}", charts.figure_png_bytes(figure),
            "Bar chart of objectives ranked by countries reporting",
            "Objectives ranked by the number of reviewing countries that "
            "report on them, coloured by round table."))
    principles = tables.principle_matrix
    if not principles[principles["cycle"] == cycle].empty:
        figure = charts.plot_principles_by_region(principles, cycle=cycle)
        chart_list.append(RegionChart(
            "guiding-principles-by-region", charts.figure_png_bytes(figure),
            "Heatmap of guiding principles by region",
            "Share of reviewing countries whose review invokes each guiding "
            "principle, for every region of the cycle."))
    return chart_list


def _charts_section(chart_list: Sequence[RegionChart]) -> str:
    figures = [png_figure(c.png, c.alt, c.caption) for c in chart_list]
    body = "".join(figures) or paragraph("No chart: nothing was compiled for this region.")
    return element("h2", "Charts", id_="charts") + body


def render_region_report(region: str, cycle: str, tables: CompilationTables,
                         findings: Sequence[Finding], generated_at: str, *,
                         region_name: str | None = None,
                         region_charts: Sequence[RegionChart] | None = None,
                         validation_docs_href: str | None = None) -> str:
    """Render the compilation report of one region and cycle as a self-contained HTML page.

    Args:
        region: Regional commission code (``"ECE"``, ...) or ``"GLOBAL"``.
        cycle: Review cycle, e.g. ``"2024"``.
        tables: The full compilation tables of the run; this function selects the region.
        findings: Validation findings of the run, shown as they are.
        generated_at: When the run happened, shown in the header.
        region_name: Name shown in the title; by default the commission's full name.
        region_charts: Charts already drawn by ``render_region_charts``; drawn here when None.
        validation_docs_href: Link to the run's Data Docs, relative to the report.

    Returns:
        The HTML page: inline CSS, charts as base64 ``data:`` URIs, no external resource, and
        every value from the data escaped.
    """
    name = region_name or region_title(region)
    matrix = select_region(tables.country_objective_matrix, region, cycle)
    totals = select_region(tables.objective_totals, region, cycle)
    evidence = select_region(tables.round_table_evidence, region, cycle)
    principles = select_region(tables.principle_matrix, region, cycle)
    gaps = select_region(tables.coverage_gaps, region, cycle)
    documents = select_documents(tables.documents, region, cycle)
    reviews, countries = review_counts(matrix)
    names = country_names(matrix, principles, documents)

    title = f"GCM regional compilation — {name} — cycle {cycle}"
    header = (element("h1", esc(title))
              + paragraph(f"Region code {region} · generated {generated_at}", "meta")
              + element("div", paragraph(SAMPLE_NOTICE), "notice"))
    body = "".join([
        header,
        _contents(),
        method_section(name, cycle, reviews, countries,
                       int((documents["document_kind"] != NATIONAL_REVIEW).sum()),
                       len(tables.quarantine)),
        register_section(documents),
        coverage_section(gaps, names),
        *(round_table_section(rt, totals, evidence) for rt in gcm.ROUND_TABLES),
        principles_section(principles),
        quarantine_section(tables.quarantine),
        findings_section(findings, validation_docs_href),
        _charts_section(region_charts if region_charts is not None
                        else render_region_charts(region, cycle, tables)),
    ])
    return page(title, body)


def write_region_report(html: str, path: Path) -> Path:
    """Write a rendered report to ``path`` atomically.

    Returns:
        ``path``, now holding the UTF-8 HTML.
    """
    return write_text(html, Path(path))
