"""The notebooks run top to bottom on the sample run's datasets, through the analyst API."""

from pathlib import Path

import jupytext
import nbclient
import pytest

REPO = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.slow

NOTEBOOKS = ["01-explore-compilation", "02-trace-evidence", "03-compare-regions-cycles",
             "04-measure-tagger"]
# What each notebook must show besides running without error.
SHOWS_A_CHART = {"01-explore-compilation", "03-compare-regions-cycles"}


def _outputs(notebook):
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def _text(outputs):
    return "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                     for o in outputs)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_executes_on_the_processed_sample(name, sample_run, monkeypatch):
    out, _ = sample_run
    monkeypatch.setenv("IMRF_OUTPUT_DIR", str(out))
    source = REPO / "notebooks" / f"{name}.py"
    paired = jupytext.read(REPO / "notebooks" / f"{name}.ipynb")
    notebook = jupytext.read(source)
    # The .ipynb is the pair of the .py: the same cells (jupytext --sync keeps them so).
    assert [c.source for c in paired.cells] == [c.source for c in notebook.cells]
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(REPO / "notebooks")}})
    client.execute()
    outputs = _outputs(notebook)
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, [(e["ename"], e["evalue"]) for e in errors]
    if name in SHOWS_A_CHART:
        assert any("image/png" in o.get("data", {}) for o in outputs)
    text = _text(outputs)
    assert str(out) in text  # the run it opened is the sample run, not the project's
    if name == "02-trace-evidence":
        assert "as the report says" in text and "0 not behind a finding" in text
    if name == "03-compare-regions-cycles":
        assert "One cycle (2026)" in text
    if name == "04-measure-tagger":
        assert (out / "data" / "evaluation" / "my-labelled-passages.jsonl").is_file()
        assert "false positives" in text


def test_the_api_counts_as_the_published_tables(sample_run):
    import imrf_analysis

    out, _ = sample_run
    run = imrf_analysis.open_run(out)
    totals = run.objective_totals
    compared = run.compare().pivot_table(index=["region", "cycle", "objective"],
                                         columns="measure", values="reviews")
    joined = totals.set_index(["region", "cycle", "objective"]).join(compared, how="outer")
    assert len(joined) == len(totals) == len(compared)
    for measure, column in (("reported", "reviews_reporting"), ("progress", "reviews_progress"),
                            ("challenge", "reviews_challenge"),
                            ("good_practice", "reviews_good_practice"),
                            ("support", "reviews_support_needed")):
        assert (joined[measure] == joined[column]).all(), measure
    coverage = run.coverage().set_index(["region", "cycle", "objective"])["label"]
    assert coverage.to_dict() == totals.set_index(["region", "cycle", "objective"])[
        "label"].to_dict()
    # Every quoted excerpt is among the evidence of its region and objective, cited as quoted.
    quoted = run.round_table_evidence.iloc[0]
    evidence = run.evidence(region=quoted["region"], objective=int(quoted["objective"]),
                            cycle=quoted["cycle"]).set_index("passage_id")
    row = evidence.loc[quoted["passage_id"]]
    row = row.iloc[0] if row.ndim > 1 else row
    assert row["file"] == quoted["file"] and row["page"] == quoted["page"]
