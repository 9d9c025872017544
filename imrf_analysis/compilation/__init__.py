"""Compilation tables for drafters: counts per region and cycle, excerpts traced to the page.

``compile_coverage`` and ``compile_tables`` (``tables``) build them all; the modules here hold
one family each.
"""

from imrf_analysis.compilation.tables import (
    EVIDENCE_PER_OBJECTIVE,
    Coverage,
    compile_coverage,
    compile_tables,
)

__all__ = ["EVIDENCE_PER_OBJECTIVE", "Coverage", "compile_coverage", "compile_tables"]
