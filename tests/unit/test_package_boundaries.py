"""The package stays usable without Prefect: flows import the package, never the reverse."""

import pkgutil
import subprocess
import sys

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
