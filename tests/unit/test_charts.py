import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from imrf_analysis import gcm
from imrf_analysis.charts import (
    ROUND_TABLE_COLOURS,
    figure_png_bytes,
    plot_coverage_heatmap,
    plot_objectives_ranked,
    plot_principles_by_region,
    principle_shares,
    save_figure,
)

NAMES = {"ESP": "Spain", "TUR": "Türkiye", "MEX": "Mexico"}
MEMBERS = {"ECE": ("ESP", "TUR"), "ECLAC": ("ESP", "MEX")}
PASSAGES = {"ESP": {5: 2, 23: 1}, "TUR": {11: 4}, "MEX": {5: 3, 20: 1}}
INVOKED = {"ESP": ("human-rights", "rule-of-law"), "TUR": ("human-rights",), "MEX": ()}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def make_matrix(cycle: str = "2024") -> pd.DataFrame:
    return pd.DataFrame([
        {"region": region, "cycle": cycle, "country_iso3": iso3, "country_name": NAMES[iso3],
         "objective": n, "round_table": gcm.round_table_of(n).code,
         "passages": PASSAGES[iso3].get(n, 0), "reviews": int(n in PASSAGES[iso3]),
         "reviews_total": 1, "passage_ids": []}
        for region, members in MEMBERS.items() for iso3 in members for n in gcm.OBJECTIVE_NUMBERS])


def make_totals() -> pd.DataFrame:
    rows = []
    for region, members in MEMBERS.items():
        for n in gcm.OBJECTIVE_NUMBERS:
            reporting = sum(n in PASSAGES[iso3] for iso3 in members)
            rows.append({"region": region, "cycle": "2024", "objective": n,
                         "round_table": gcm.round_table_of(n).code,
                         "short_name": gcm.objective(n).short_name["en"],
                         "reviews_reporting": reporting, "reviews_total": len(members),
                         "countries_reporting": reporting, "countries_total": len(members),
                         "label": f"{reporting} of {len(members)} reviews"})
    return pd.DataFrame(rows)


def make_principles() -> pd.DataFrame:
    return pd.DataFrame([
        {"region": region, "cycle": "2024", "country_iso3": iso3, "country_name": NAMES[iso3],
         "guiding_principle": slug, "passages": int(slug in INVOKED[iso3]), "passage_ids": []}
        for region, members in MEMBERS.items() for iso3 in members
        for slug in gcm.GUIDING_PRINCIPLE_SLUGS])


def figure_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def test_heatmap_draws_the_region_countries_against_objectives_in_round_table_order():
    fig = plot_coverage_heatmap(make_matrix(), "ECE")
    ax = fig.axes[0]
    assert isinstance(fig, Figure)
    assert ax.get_xlabel().startswith("GCM objective")
    assert ax.get_ylabel() == "Reviewing country"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Spain", "Türkiye"]
    assert [int(t.get_text()) for t in ax.get_xticklabels()] == (
        gcm.objectives_in_round_table_order())
    assert "ECE" in fig.get_suptitle()


def test_heatmap_labels_round_tables_and_states_its_source():
    texts = figure_texts(plot_coverage_heatmap(make_matrix(), "ECLAC"))
    assert {"RT1", "RT2", "RT3", "RT4"} <= set(texts)
    assert "Source: 2 voluntary reviews, cycle 2024" in texts


def test_heatmap_leaves_cells_without_passages_blank():
    fig = plot_coverage_heatmap(make_matrix(), "ECE")
    mesh = fig.axes[0].collections[0]
    cells = mesh.get_array()
    order = gcm.objectives_in_round_table_order()
    spain, turkiye = np.ma.getmaskarray(cells).reshape(2, len(order))
    assert not spain[order.index(5)] and not spain[order.index(23)]
    assert spain.sum() == len(order) - 2
    assert not turkiye[order.index(11)] and turkiye.sum() == len(order) - 1


def test_heatmap_refuses_an_unknown_region_and_ambiguous_cycles():
    with pytest.raises(ValueError, match="no rows"):
        plot_coverage_heatmap(make_matrix(), "ESCAP")
    two_cycles = pd.concat([make_matrix("2020"), make_matrix("2024")])
    with pytest.raises(ValueError, match="cycles"):
        plot_coverage_heatmap(two_cycles, "ECE")
    assert "cycle 2020" in " ".join(
        figure_texts(plot_coverage_heatmap(two_cycles, "ECE", cycle="2020")))


def test_ranked_objectives_put_the_most_reported_first_coloured_by_round_table():
    fig = plot_objectives_ranked(make_totals(), "ECLAC")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 23
    assert labels[0] == "5 – Regular pathways"
    assert set(labels[1:3]) == {"20 – Remittances", "23 – International cooperation"}
    bars = ax.patches
    assert bars[0].get_width() == 2
    assert bars[0].get_facecolor() == pytest.approx(to_rgba(ROUND_TABLE_COLOURS["RT1"]))
    assert bars[1].get_facecolor() == pytest.approx(to_rgba(ROUND_TABLE_COLOURS["RT3"]))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["RT1", "RT2", "RT3", "RT4"]
    assert ax.get_xlabel().startswith("Reviewing countries reporting")


def test_principle_shares_count_countries_invoking_each_principle_per_region():
    shares = principle_shares(make_principles())
    assert list(shares.columns) == ["ECE", "ECLAC"]
    assert list(shares.index) == list(gcm.GUIDING_PRINCIPLE_SLUGS)
    assert shares.loc["human-rights", "ECE"] == 1.0
    assert shares.loc["rule-of-law", "ECE"] == 0.5
    assert shares.loc["human-rights", "ECLAC"] == 0.5
    assert shares.loc["gender-responsive"].sum() == 0


def test_principles_chart_shows_percent_shares_per_region():
    fig = plot_principles_by_region(make_principles())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ECE\n(n=2)", "ECLAC\n(n=2)"]
    assert ax.get_yticklabels()[0].get_text() == "People-centred (15(a))"
    assert {"100%", "50%", "0%"} <= set(figure_texts(fig))
    assert ax.get_ylabel().startswith("Guiding principle")


def test_save_figure_writes_a_png_atomically(tmp_path):
    target = tmp_path / "charts" / "ece-coverage.png"
    written = save_figure(plot_coverage_heatmap(make_matrix(), "ECE"), target)
    assert written == target
    assert target.read_bytes().startswith(PNG_MAGIC)
    assert target.stat().st_size > 5_000
    assert [p.name for p in target.parent.iterdir()] == ["ece-coverage.png"]


def test_figure_png_bytes_renders_every_chart():
    for fig in (plot_objectives_ranked(make_totals(), "ECE"),
                plot_principles_by_region(make_principles())):
        assert figure_png_bytes(fig).startswith(PNG_MAGIC)


def test_importing_charts_does_not_load_pyplot():
    code = "import sys, imrf_analysis.charts; sys.exit('matplotlib.pyplot' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
