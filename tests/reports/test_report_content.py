"""What the reports say: counts from the tables, verbatim excerpts, files, languages."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from imrf_analysis.reference import gcm
from imrf_analysis.reporting import charts
from imrf_analysis.reporting.report import (
    ChartBook,
    Labels,
    ReportSources,
    build_digest,
    build_round_table_pack,
    build_synthesis,
    index_passages,
    render_html,
)
from imrf_analysis.reporting.report.model import (
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Quote,
    Table,
)


@pytest.fixture(scope="module")
def frames(published):  # noqa: ANN001, ANN201
    return published.frames


@pytest.fixture(scope="module")
def passages(frames):  # noqa: ANN001, ANN201
    return index_passages(frames["passages"])


def _sources(frames, lang="en"):  # noqa: ANN001, ANN202
    return ReportSources(frames, "2026", Labels(lang))


def _texts(report) -> list[str]:  # noqa: ANN001
    return [b.text for b in report.blocks if isinstance(b, Paragraph | Heading)]


def test_every_report_kind_is_written_as_html_and_docx_with_png_and_svg_charts(published):
    names = {p.name for p in published.reports}
    assert names == {*(f"synthesis-{r}.html" for r in published.regions), "digest.html",
                     *(f"round-table-{rt.code}.html" for rt in gcm.ROUND_TABLES)}
    for report in published.reports:
        assert report.with_suffix(".docx").stat().st_size > 10_000
    pngs = {p.stem for p in (published.folder / "charts").glob("*.png")}
    svgs = {p.stem for p in (published.folder / "charts").glob("*.svg")}
    assert pngs == svgs
    assert {"coverage-ECE", "objectives-ranked-ECE", "guiding-principles-by-region",
            "regions-compared", "support-needs-GLOBAL"} <= pngs
    assert (published.folder / "compilation.xlsx").exists()
    assert (published.folder / "regional_coverage.csv").exists()
    # One register for readers: the raw datasets stay in data/processed.
    assert (published.folder / "submission_register.csv").exists()
    assert not any((published.folder / f"{raw}.csv").exists()
                   for raw in ("documents", "passages", "tags"))


def test_method_states_submissions_as_of_the_latest_date_from_regional_coverage(frames,
                                                                                passages):
    coverage = frames["regional_coverage"].set_index("region").loc["ECE"]
    report = build_synthesis(_sources(frames), passages, "ECE", ChartBook(_sources(frames)))
    method = next(t for t in _texts(report) if t.startswith("As of "))
    assert (f"{coverage['states_reporting']} of the {coverage['member_states']} States of the "
            "region had submitted") in method
    register = frames["submission_register"]
    ece = register[register["commissions"].map(lambda c: "ECE" in list(c))
                   & register["current"] & (register["document_kind"] == "national-review")]
    assert method.startswith(f"As of {Labels('en').date(ece['date'].max())}, ")
    assert re.match(r"As of \d{1,2} [A-Z][a-z]+ 20\d\d, ", method)  # 4 February 2026


def test_each_objective_count_is_the_objective_totals_row(frames, passages):
    sources = _sources(frames)
    report = build_synthesis(sources, passages, "ECE", ChartBook(sources))
    counts = [t for t in _texts(report) if re.fullmatch(r"\d+ of \d+ reviews report on this "
                                                           r"objective", t)]
    totals = frames["objective_totals"].set_index(["region", "objective"])
    expected = [f"{totals.at[('ECE', n), 'reviews_reporting']} of "
                f"{totals.at[('ECE', n), 'reviews_total']} reviews report on this objective"
                for rt in gcm.ROUND_TABLES for n in rt.objectives]
    assert counts == expected


def test_quotes_are_verbatim_and_cite_the_page_of_their_passage(frames, passages):
    sources = _sources(frames)
    report = build_round_table_pack(sources, passages, gcm.ROUND_TABLES[0], ChartBook(sources))
    quotes = [b for b in report.blocks if isinstance(b, Quote)]
    assert quotes
    by_id = frames["passages"].set_index("passage_id")
    for quote in quotes:
        passage = by_id.loc[quote.citation.passage_id]
        assert quote.citation.page == passage["page"]
        assert quote.text.removesuffix(" …").split()[:10] == passage["text"].split()[:10]
        assert report.contexts[quote.citation.passage_id].neighbours


def test_stakeholder_contributions_are_quoted_marked_and_not_counted(frames, passages):
    sources = _sources(frames)
    report = build_synthesis(sources, passages, "GLOBAL", ChartBook(sources))
    contributions = set(frames["documents"].query(
        "document_kind != 'national-review'")["file"])
    quoted = [b for b in report.blocks if isinstance(b, Quote)
              and b.citation.file in contributions]
    assert quoted
    assert all(q.note.startswith("stakeholder contribution, not counted") for q in quoted)
    coverage = frames["regional_coverage"].set_index("region").loc["GLOBAL"]
    reviews = frames["documents"].query("document_kind == 'national-review'")
    assert coverage["reviews_submitted"] == len(reviews)


def test_digest_states_how_many_reviewing_states_reported_progress(frames, passages):
    sources = _sources(frames)
    report = build_digest(sources, passages, ChartBook(sources))
    statements = [t for t in _texts(report) if "reported progress on objective" in t]
    matrix = frames["country_objective_matrix"].query("region == 'GLOBAL'")
    states = matrix["country_iso3"].nunique()
    assert len(statements) == 23
    for number, statement in zip(gcm.OBJECTIVE_NUMBERS, statements, strict=True):
        progress = matrix[(matrix["objective"] == number)
                          & (matrix["progress_passage_ids"].map(len) > 0)]
        assert statement == (f"{progress['country_iso3'].nunique()} of {states} reviewing "
                             f"States reported progress on objective {number} "
                             f"({gcm.objective(number).title['en']}).")


def test_round_table_pack_counts_every_region_and_lists_gaps(frames, passages):
    sources = _sources(frames)
    report = build_round_table_pack(sources, passages, gcm.ROUND_TABLES[3], ChartBook(sources))
    table = next(b for b in report.blocks if isinstance(b, Table))
    assert table.headers[1:] == tuple(
        Labels("en").region_code(r) for r in sorted(set(frames["objective_totals"]["region"]),
                                                    key=lambda r: (r == "GLOBAL", r)))
    assert table.headers[-1] == "World"
    assert [row[0].split(" – ")[0] for row in table.rows] == ["1", "3", "7", "17", "23"]
    assert any(isinstance(b, Figure) for b in report.blocks)
    assert "Gaps: objectives few States reported on" in _texts(report)


def test_embedded_passages_cannot_close_the_script(published):
    html = (published.folder / "synthesis-ECE.html").read_text(encoding="utf-8")
    data = html.split('<script type="application/json" id="passage-data">')[1]
    data = data.split("</script>")[0]
    assert "<" not in data and ">" not in data
    assert html.count("</script>") == 2
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing fetched from a network


def test_french_edition_shows_french_titles_and_keeps_excerpts_in_their_language(frames,
                                                                                 passages):
    sources = _sources(frames, "fr")
    report = build_synthesis(sources, passages, "ECE", ChartBook(sources))
    html = render_html(report, "Sommaire", "Fermer", "Passage dans son contexte")
    assert '<html lang="fr">' in html
    assert "Objectif 1 : " + gcm.objective(1).title["fr"].replace("'", "&#x27;") in html
    assert "Table ronde 1" in html and "Round table 1" not in html
    quote = next(b for b in report.blocks if isinstance(b, Quote))
    text = frames["passages"].set_index("passage_id").at[quote.citation.passage_id, "text"]
    assert quote.text.split()[:10] == text.split()[:10]


def test_spanish_chart_labels_come_from_the_report_language(frames):
    figure = charts.plot_coverage_heatmap(frames["country_objective_matrix"], "ECE",
                                          labels=Labels("es"))
    assert figure.axes[0].get_xlabel() == "Objetivo (por mesa redonda)"
    texts = [t.get_text() for t in figure.texts] + [figure.get_supxlabel()]
    assert any(t.startswith("Fuente: ") for t in texts)


def test_digest_shows_changes_as_shares_and_among_the_states_reviewing_in_both_cycles(
        frames, passages):
    totals = frames["objective_totals"].copy()
    earlier = (totals["region"] == "GLOBAL") & (totals["objective"] == 5)
    totals["previous_cycle"] = totals["previous_cycle"].astype(object)
    totals.loc[earlier, "previous_cycle"] = "2022"
    previous = {"reviews_reporting_previous": 2, "change": 9, "countries_total_previous": 4,
                "countries_reporting_previous": 2, "panel_countries": 3,
                "panel_reporting_previous": 2, "panel_reporting": 2, "panel_change": 0}
    for column, value in previous.items():
        totals[column] = totals[column].astype("Int64")
        totals.loc[earlier, column] = value
    sources = _sources({**frames, "objective_totals": totals})
    report = build_digest(sources, passages, ChartBook(sources))
    change = next(b for b in report.blocks if isinstance(b, Table) and "Change" in b.headers)
    row = totals[earlier].iloc[0]
    now = Labels("en").share(int(row["countries_reporting"]), int(row["countries_total"]))
    assert change.headers[1:4] == ("States reporting, 2022", "States reporting, 2026",
                                   "Same 3 States: before → now")
    assert change.rows == (("5 – Regular pathways", "2 / 4 (50%)", now, "2 → 2", "+0"),)
    assert any(t.startswith("States reporting each objective, as a share") for t in _texts(report))
    one_cycle = build_digest(_sources(frames), passages, ChartBook(_sources(frames)))
    assert "Only one cycle is compiled: no comparison." in _texts(one_cycle)


def test_synthesis_quotes_good_practices_and_support_needs_one_per_country(frames, passages):
    sources = _sources(frames)
    report = build_synthesis(sources, passages, "GLOBAL", ChartBook(sources))
    headings = [b.text for b in report.blocks if isinstance(b, Heading)]
    start = headings.index("Good practices")
    blocks = list(report.blocks)
    section = blocks[blocks.index(Heading("Good practices", 2, "good-practices")) + 1:
                     blocks.index(Heading("Support needs", 2, "support"))]
    quotes = [b for b in section if isinstance(b, Quote)]
    register = frames["good_practice_register"].query("region == 'GLOBAL'")
    assert start > 0 and len(quotes) == min(6, register["country_iso3"].nunique())
    assert len({q.citation.country for q in quotes}) == len(quotes)


def test_a_report_names_fifty_quarantined_files_and_counts_the_others(frames, passages):
    many = pd.DataFrame({"file": [f"missing-{i:04d}.pdf" for i in range(120)],
                         "stage": "register", "reason": "listed in the register, not in the folder",
                         "hint": "add the file"})
    sources = _sources({**frames, "quarantine": many})
    report = build_synthesis(sources, passages, "ECE", ChartBook(sources))
    listed = next(b for b in report.blocks if isinstance(b, Table) and
                  b.headers[0] == "File" and b.rows and b.rows[0][0] == "missing-0000.pdf")
    assert len(listed.rows) == 50
    assert any(t.startswith("… and 70 more files") for t in _texts(report))


def test_a_report_never_quotes_a_passage_twice_and_names_the_language_of_each_excerpt(
        frames, passages):
    for lang in ("en", "fr"):
        sources = _sources(frames, lang)
        report = build_synthesis(sources, passages, "GLOBAL", ChartBook(sources))
        quotes = [b for b in report.blocks if isinstance(b, Quote)]
        ids = [q.citation.passage_id for q in quotes]
        assert len(ids) == len(set(ids)), lang
        language = frames["passages"].set_index("passage_id")["language"]
        original = {"en": "English original", "fr": "original en français"}
        for quote in quotes:
            written = language[quote.citation.passage_id]
            if written == lang:
                assert "original" not in (quote.note or ""), quote
            else:
                name = Labels(lang).language_name(written)
                assert name in (quote.note or ""), (lang, quote.note)
                assert original[lang] not in (quote.note or "")


def _with_unreadable_togo(frames):  # noqa: ANN001, ANN202
    togo = pd.DataFrame({"file": ["togo-examen-2026.pdf"], "stage": ["extract"],
                         "reason": ["the PDF cannot be read"], "hint": ["send it again"],
                         "country_iso3": ["TGO"]})
    return {**frames, "quarantine": pd.concat([frames["quarantine"], togo], ignore_index=True)}


def test_a_submission_that_could_not_be_read_is_named_in_its_region_only(frames, passages):
    frames = _with_unreadable_togo(frames)
    for region, named in (("ECA", True), ("ECE", False)):
        sources = _sources(frames)
        report = build_synthesis(sources, passages, region, ChartBook(sources))
        texts = _texts(report)
        unread = [t for t in texts if t.startswith("Also submitted but could not be read")]
        assert any("Togo (togo-examen-2026.pdf)" in t for t in unread) is named, region
        annex = [b for b in report.blocks if isinstance(b, Table) and b.headers[0] == "File"]
        listed = {row[0] for table in annex for row in table.rows}
        assert ("togo-examen-2026.pdf" in listed) is named, region


def test_a_region_without_reviews_gets_one_sentence_not_23_sections(frames, passages):
    frames = _with_unreadable_togo(frames)
    register = frames["submission_register"]
    without_eca = {**frames, "submission_register": register[
        register["commissions"].map(lambda codes: "ECA" not in list(codes))]}
    sources = _sources(without_eca, "fr")
    report = build_synthesis(sources, passages, "ECA", ChartBook(sources))
    texts = _texts(report)
    assert any(t.startswith("Aucun examen volontaire des 54 États membres de ") for t in texts)
    assert not any(t.startswith("Objectif 1") for t in texts)
    assert any("Togo (togo-examen-2026.pdf)" in t for t in texts)


def test_round_table_packs_leave_validation_tables_to_the_syntheses(frames, passages):
    sources = ReportSources(frames, "2026", Labels("en"),
                            findings=[type("F", (), {"dataset": "tags", "column": "score",
                                                     "expectation": "expect_column_values_to_be_"
                                                     "between", "message": "3 rows"})()])
    report = build_round_table_pack(sources, passages, gcm.ROUND_TABLES[1], ChartBook(sources))
    cells = " ".join(c for b in report.blocks if isinstance(b, Table) for row in b.rows
                     for c in row)
    assert "expect_column_values_to_be_between" not in cells
    assert any(t.startswith("Files left out in this run:") for t in _texts(report))


def _written(report) -> str:  # noqa: ANN001
    """Every text the report writes itself: all but the excerpts (which keep their language)."""
    parts = []
    for block in report.blocks:
        if isinstance(block, Heading | Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts += [*block.headers, *(cell for row in block.rows for cell in row)]
        elif isinstance(block, BulletList):
            parts += list(block.items)
        elif isinstance(block, Figure):
            parts.append(block.caption)
        elif isinstance(block, Quote):
            parts.append(f"{block.citation.text()} {block.note or ''}")
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_french_and_spanish_editions_hold_no_english_the_project_wrote(frames, passages, lang):
    from imrf_analysis.reference import regions
    from imrf_analysis.reporting.report import labels

    english = {"national-review", "stakeholder-contribution"}
    for en, *others in labels._TEXT.values():
        for part in re.split(r"\{[^}]*\}", en):
            part = part.strip(" .,:;()—-")
            if len(part) >= 8 and not any(part in other for other in others):
                english.add(part)
    for names in labels._COMMISSIONS.values():
        english |= {name for name in names[0] if name not in names[REPORT_INDEX[lang]]}
    for code in frames["documents"]["country_iso3"].unique():
        if regions.country_name(code, "en") != regions.country_name(code, lang):
            english.add(regions.country_name(code, "en"))
    sources = _sources(frames, lang)
    for report in (build_synthesis(sources, passages, "GLOBAL", ChartBook(sources)),
                   build_synthesis(sources, passages, "ECLAC", ChartBook(sources)),
                   build_round_table_pack(sources, passages, gcm.ROUND_TABLES[1],
                                          ChartBook(sources)),
                   build_digest(sources, passages, ChartBook(sources))):
        written = _written(report)
        found = sorted(word for word in english if re.search(
            r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", written))
        assert not found, (report.stem, found)


REPORT_INDEX = {"en": 0, "fr": 1, "es": 2}


def test_a_round_table_pack_is_shaped_as_its_background_note(frames, passages):
    sources = _sources(frames)
    report = build_round_table_pack(sources, passages, gcm.ROUND_TABLES[1], ChartBook(sources))
    assert report.title.startswith("Round table 2: Protecting migrants through rights-based "
                                   "border governance measures")
    texts = _texts(report)
    assert "Background note of the first IMRF (2022) prepared by IOM, UNODC." in texts
    sections = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 2]
    assert sections == ["Background", "Objectives under review",
                        "Trends, progress and challenges by objective",
                        "Gaps: objectives few States reported on", "Suggested guiding questions",
                        "Annex for analysts: files left out and validation findings"]
    questions = next(b for b in report.blocks if isinstance(b, BulletList)
                     and b.items[0].endswith("what support would?"))
    matrix = frames["country_objective_matrix"]
    world = matrix[(matrix["region"] == "GLOBAL") & matrix["objective"].isin(
        gcm.ROUND_TABLES[1].objectives) & (matrix["challenge_passage_ids"].map(len) > 0)]
    top = world.groupby("objective")["country_iso3"].nunique().sort_values(ascending=False)
    assert questions.items[0].startswith(f"{top.iloc[0]} of ")
    assert "Suggestions drawn from the challenges the reviews report most often; for the " \
           "drafters to adapt or discard." in texts
    french = build_round_table_pack(_sources(frames, "fr"), passages, gcm.ROUND_TABLES[1],
                                    ChartBook(_sources(frames, "fr")))
    assert "(non officiel)" in " ".join(_texts(french))


def test_a_lead_in_is_quoted_with_the_list_it_introduces(frames):
    from imrf_analysis.reporting.report.sources import Draft

    rows = [("d-0000", "paragraph", "The Government needs support in the following areas:"),
            ("d-0001", "list_item", "data systems for migration statistics;"),
            ("d-0002", "list_item", "training of labour inspectors."),
            ("d-0003", "paragraph", "Another paragraph.")]
    passages = pd.DataFrame({
        "passage_id": [r[0] for r in rows], "document_id": "d", "paragraph_index": range(4),
        "page": 3, "heading_path": [["4. Support needed"]] * 4, "block_type": [r[1] for r in rows],
        "text": [r[2] for r in rows], "language": "en"})
    draft = Draft(index_passages(passages), Labels("en"))
    draft.quote({"passage_id": "d-0000", "country_name": "Kenya", "file": "k.pdf", "page": 3,
                 "text": rows[0][2], "excerpt": rows[0][2]})
    assert draft.blocks[-1].text == ("The Government needs support in the following areas: "
                                     "• data systems for migration statistics; "
                                     "• training of labour inspectors.")
