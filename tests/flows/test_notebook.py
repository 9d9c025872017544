"""The exploration notebook runs top to bottom on the sample run's datasets."""


import jupytext
import nbclient
import pytest

from tests.flows.conftest import REPO

pytestmark = pytest.mark.slow


def test_explore_notebook_executes_on_the_processed_sample(sample_run, monkeypatch):
    out, _ = sample_run
    monkeypatch.setenv("IMRF_OUTPUT_DIR", str(out))
    notebook = jupytext.read(REPO / "notebooks" / "01-explore-compilation.py")
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(REPO / "notebooks")}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, [(e["ename"], e["evalue"]) for e in errors]
    assert any("image/png" in o.get("data", {}) for o in outputs)
