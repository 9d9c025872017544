"""Compile the voluntary national reviews of the GCM into evidence for the IMRF.

``open_run`` reads a compilation run for analysis (``imrf_analysis.analysis``)::

    >>> import imrf_analysis
    >>> run = imrf_analysis.open_run(".")
    >>> run.evidence(country="Senegal", objective=5)

It is imported on first use: ``import imrf_analysis`` stays light for the command line and the
flow's workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imrf_analysis.analysis import Run, RunNotFoundError, open_run

__all__ = ["Run", "RunNotFoundError", "open_run"]


def __getattr__(name: str) -> Any:
    """Import the analyst API (``open_run``, ``Run``, ``RunNotFoundError``) when first asked."""
    if name in __all__:
        from imrf_analysis import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'imrf_analysis' has no attribute {name!r}")
