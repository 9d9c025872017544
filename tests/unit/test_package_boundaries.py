"""The package stays usable without Prefect: flows import the package, never the reverse."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import imrf_analysis


def test_importing_every_package_module_does_not_import_prefect():
    modules = [m.name for m in pkgutil.walk_packages(imrf_analysis.__path__, "imrf_analysis.")]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "print('prefect' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
    assert len(modules) > 10


def test_no_module_of_the_package_imports_prefect_or_the_flows_even_lazily():
    # The command line and the flows import the package; the package imports neither of them,
    # not even inside a function.
    offending = []
    for path in Path(imrf_analysis.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offending += [f"{path.name}: {name}" for name in names
                          if name.split(".")[0] in ("prefect", "prefect_dask", "pipelines")]
    assert offending == []


def test_the_flow_module_leaves_the_report_writers_to_the_tasks_that_write():
    # Every worker process imports the flow's module (Prefect sends it the flow): matplotlib
    # and XlsxWriter would cost each worker their import time for nothing (python-docx is
    # needed there: it reads Word reviews).
    code = ("import sys\n"
            "import pipelines.compile_flow\n"
            "print(sorted(m for m in ('matplotlib', 'xlsxwriter') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_no_task_uses_prefect_s_result_cache():
    from prefect.cache_policies import NO_CACHE

    from pipelines import compile_flow, review_tasks

    tasks = [value for module in (compile_flow, review_tasks) for value in vars(module).values()
             if getattr(value, "fn", None) is not None and hasattr(value, "cache_policy")
             and value.__module__ == module.__name__]
    assert len(tasks) >= 10
    # Keying a stage by its inputs would hash the whole corpus on every run; processed
    # reviews are kept in the output folder's review store instead.
    assert all(task.cache_policy is NO_CACHE for task in tasks)
    assert not any(task.persist_result for task in tasks)
