"""Charts drawn from the compiled tables of the bundled sample."""

import subprocess
import sys

import pytest
from matplotlib.colors import to_rgba

from imrf_analysis.reference import gcm
from imrf_analysis.reporting.charts import (
    ROUND_TABLE_COLOURS,
    coverage_grid,
    coverage_pages,
    figure_png_bytes,
    plot_coverage_heatmap,
    plot_objectives_ranked,
    plot_principles_by_region,
    plot_regions_compared,
    plot_support_needs,
    principle_shares,
    render_chart,
    round_table_shares,
    save_chart,
    save_figure,
    support_need_counts,
)
from imrf_analysis.reporting.charts.coverage import CELL_COLOURS
from imrf_analysis.reporting.report.labels import Labels

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def tables(sample_datasets):
    return sample_datasets.tables


def _source_line(fig) -> str:
    return fig.get_supxlabel()


def test_heatmap_colours_each_country_objective_cell_by_its_level(tables):
    matrix = tables["country_objective_matrix"]
    fig = plot_coverage_heatmap(matrix, "ECE")
    ax = fig.axes[0]
    countries = sorted(set(matrix.loc[matrix["region"] == "ECE", "country_name"]))
    assert [t.get_text() for t in ax.get_yticklabels()] == countries
    order = gcm.objectives_in_round_table_order()
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(n) for n in order]
    cells = ax.images[0]
    first = matrix[(matrix["region"] == "ECE") & (matrix["country_name"] == countries[0])]
    cell = first.set_index("objective").loc[order[0]]
    both = len(cell["progress_passage_ids"]) > 0 and len(cell["challenge_passage_ids"]) > 0
    level = "progress-and-challenge" if both else cell["level"]
    drawn = tuple(cells.get_array()[0, 0] / 255)  # the cell's RGBA, as drawn
    assert drawn == pytest.approx(to_rgba(CELL_COLOURS[level]), abs=1 / 255)


def test_a_cell_whose_reviews_report_progress_and_challenges_shows_both(tables):
    matrix = tables["country_objective_matrix"]
    ece = matrix[matrix["region"] == "ECE"]
    both = ece[(ece["progress_passage_ids"].map(len) > 0)
               & (ece["challenge_passage_ids"].map(len) > 0)]
    assert not both.empty  # the sample has such cells
    fig = plot_coverage_heatmap(matrix, "ECE")
    countries = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    order = gcm.objectives_in_round_table_order()
    cell = both.iloc[0]
    drawn = fig.axes[0].images[0].get_array()[countries.index(cell["country_name"]),
                                              order.index(cell["objective"])] / 255
    assert tuple(drawn) == pytest.approx(to_rgba(CELL_COLOURS["progress-and-challenge"]),
                                         abs=1 / 255)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "progress and challenge reported" in legend


def test_the_heat_map_of_195_countries_is_drawn_on_pages_of_at_most_50(tables):
    import pandas as pd
    import pycountry

    from imrf_analysis.reporting.report import ChartBook, ReportSources

    matrix = tables["country_objective_matrix"]
    one = matrix[(matrix["region"] == "GLOBAL")
                 & (matrix["country_iso3"] == matrix["country_iso3"].iloc[0])]
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)[:195]
    world = pd.concat([one.assign(country_iso3=c.alpha_3, country_name=c.name)
                       for c in countries], ignore_index=True)
    sources = ReportSources({"country_objective_matrix": world}, str(one["cycle"].iloc[0]),
                            Labels("en"))
    figures = ChartBook(sources).coverage("GLOBAL")
    assert len(figures) == 4
    assert all(f.caption.endswith(f"(page {n} of 4)") for n, f in enumerate(figures, 1))
    grids = coverage_pages(coverage_grid(world, "GLOBAL"))
    assert [len(g.grid) for g in grids] == [49, 49, 49, 48]
    assert sum(len(g.grid) for g in grids) == 195


def test_heatmap_states_its_source_and_groups_objectives_by_round_table(tables):
    fig = plot_coverage_heatmap(tables["country_objective_matrix"], "ECE")
    reviews = tables["regional_coverage"].set_index("region").at["ECE", "reviews_submitted"]
    assert _source_line(fig) == f"Source: {reviews} voluntary reviews, cycle 2026"
    top = fig.axes[0].child_axes[0]
    assert [t.get_text() for t in top.get_xticklabels()] == ["RT1", "RT2", "RT3", "RT4"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["not mentioned", "mentioned", "progress reported", "challenge reported",
                      "progress and challenge reported"]


def test_charts_refuse_an_unknown_region_or_an_absent_cycle(tables):
    with pytest.raises(ValueError, match="no rows"):
        plot_coverage_heatmap(tables["country_objective_matrix"], "XYZ")
    with pytest.raises(ValueError, match="no rows"):
        plot_objectives_ranked(tables["objective_totals"], "ECE", cycle="1999")


def test_ranked_objectives_put_the_most_reported_first_coloured_by_round_table(tables):
    totals = tables["objective_totals"]
    fig = plot_objectives_ranked(totals, "GLOBAL")
    ax = fig.axes[0]
    best = totals[totals["region"] == "GLOBAL"].sort_values(
        ["reviews_reporting", "objective"], ascending=[False, True]).iloc[0]
    assert ax.get_yticklabels()[0].get_text().startswith(f"{best['objective']} – ")
    assert ax.patches[0].get_width() == best["reviews_reporting"]
    colour = ROUND_TABLE_COLOURS[gcm.round_table_of(int(best["objective"])).code]
    assert ax.patches[0].get_facecolor() == pytest.approx(to_rgba(colour))
    assert len(ax.patches) == 23


def test_regions_compared_averages_the_share_of_reviews_per_round_table(tables):
    totals = tables["objective_totals"]
    shares = round_table_shares(totals)
    assert list(shares.index)[-1] == "GLOBAL"
    rt1 = totals[(totals["region"] == "ECE") & (totals["round_table"] == "RT1")]
    assert shares.at["ECE", "RT1"] == pytest.approx(
        (rt1["reviews_reporting"] / rt1["reviews_total"]).mean())
    fig = plot_regions_compared(totals)
    assert len(fig.axes[0].patches) == 4 * len(shares)


def test_support_needs_count_reviewing_states_not_contributions(tables):
    register = tables["challenge_register"]
    counts = support_need_counts(register[register["region"] == "GLOBAL"])
    assert list(counts.index) == list(gcm.SUPPORT_NEED_CATEGORIES)
    needs = register[(register["region"] == "GLOBAL") & (register["category"] == "support-needed")
                     & (register["document_kind"] == "national-review")]
    financing = {r.country_iso3 for r in needs.itertuples() if "financing" in list(r.support_needs)}
    assert counts["financing"] == len(financing)
    fig = plot_support_needs(register, "GLOBAL", 15, labels=Labels("fr"))
    assert fig.axes[0].get_yticklabels()[0].get_text() == "Financement"


def test_principle_shares_count_countries_invoking_each_principle_per_region(tables):
    matrix = tables["principle_matrix"]
    shares = principle_shares(matrix)
    assert list(shares.index) == list(gcm.GUIDING_PRINCIPLE_SLUGS)
    ece = matrix[(matrix["region"] == "ECE") & (matrix["guiding_principle"] == "human-rights")]
    assert shares.at["human-rights", "ECE"] == pytest.approx(
        (ece["passages"] >= 3).sum() / ece["country_iso3"].nunique())
    # Counted from 3 passages, the shares differ between principles (not nearly all 100%).
    world = shares["GLOBAL"]
    assert world.max() - world.min() >= 0.5
    fig = plot_principles_by_region(matrix)
    assert fig.axes[0].get_xticklabels()[-1].get_text().startswith("World\n(n=")


def test_rendering_a_chart_twice_gives_identical_png_and_svg_bytes(tables):
    first = render_chart(plot_objectives_ranked(tables["objective_totals"], "ECA"), "a", "alt")
    second = render_chart(plot_objectives_ranked(tables["objective_totals"], "ECA"), "a", "alt")
    assert first.png.startswith(PNG_MAGIC) and first.svg.lstrip().startswith(b"<?xml")
    assert first.png == second.png
    assert first.svg == second.svg
    assert b"<dc:date>" not in first.svg


def test_save_chart_writes_png_and_svg_atomically(tables, tmp_path):
    chart = render_chart(plot_regions_compared(tables["objective_totals"]), "regions", "alt")
    written = save_chart(chart, tmp_path / "charts")
    assert [p.name for p in written] == ["regions.png", "regions.svg"]
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == ["regions.png",
                                                                         "regions.svg"]
    target = save_figure(plot_regions_compared(tables["objective_totals"]), tmp_path / "x.png")
    assert target.read_bytes() == figure_png_bytes(plot_regions_compared(
        tables["objective_totals"]))


def test_importing_charts_does_not_load_pyplot():
    code = ("import sys, imrf_analysis.reporting.charts; "
            "sys.exit('matplotlib.pyplot' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_shares_of_few_reviews_are_marked_as_indicative(tables):
    totals = tables["objective_totals"]
    fig = plot_regions_compared(totals)
    reviews = totals.groupby("region")["reviews_total"].max()
    few = [code for code, n in reviews.items() if n < 10]
    assert few  # the sample's regions hold a few reviews each
    line = _source_line(fig)
    assert "Shares of fewer than 10 are indicative only: " in line
    assert f"(n={reviews[few[0]]})" in line
