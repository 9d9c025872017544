"""The reports drafters read: regional syntheses, round-table evidence packs and the digest.

Each report is built once from the compiled tables as a document model (``model``), then
written by two writers: a self-contained HTML page and a Word document.
"""

from imrf_analysis.reporting.report.digest import build_digest
from imrf_analysis.reporting.report.figures import ChartBook, ChartCache
from imrf_analysis.reporting.report.html_page import render_html
from imrf_analysis.reporting.report.labels import REPORT_LANGUAGES, Labels
from imrf_analysis.reporting.report.model import Report
from imrf_analysis.reporting.report.round_table import build_round_table_pack
from imrf_analysis.reporting.report.sources import (
    Finding,
    PassageIndex,
    ReportSources,
    index_passages,
)
from imrf_analysis.reporting.report.synthesis import build_synthesis
from imrf_analysis.reporting.report.word_document import render_docx

__all__ = [
    "REPORT_LANGUAGES", "ChartBook", "ChartCache", "Finding", "Labels", "PassageIndex", "Report",
    "ReportSources", "build_digest", "build_round_table_pack", "build_synthesis",
    "index_passages", "render_docx", "render_html",
]
