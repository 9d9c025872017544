"""The regional compilation report: one self-contained HTML page per region and cycle."""

from imrf_analysis.report.render import (
    RegionChart,
    render_region_charts,
    render_region_report,
    write_region_report,
)
from imrf_analysis.report.tables import CompilationTables, Finding, load_compilation_tables

__all__ = [
    "CompilationTables",
    "RegionChart",
    "render_region_charts",
    "Finding",
    "load_compilation_tables",
    "render_region_report",
    "write_region_report",
]
