"""Ingest submitted reviews (PDF, DOCX, TXT, Markdown, HTML) into passages with provenance."""

from imrf_analysis.ingest.blocks import Block, ExtractionError
from imrf_analysis.ingest.collection import collect_reviews, current_documents
from imrf_analysis.ingest.passages import passages_from_blocks
from imrf_analysis.ingest.plan import IngestedReview, IngestPlan, QuarantinedFile, ReviewToRead
from imrf_analysis.ingest.register import RegisterError, register_frame
from imrf_analysis.ingest.reviews import (
    ingest_review,
    ingest_reviews,
    plan_ingest,
    read_review_or_quarantine,
)
from imrf_analysis.ingest.screening import IngestLimits

__all__ = [
    "Block", "ExtractionError", "RegisterError", "IngestLimits", "IngestPlan", "IngestedReview",
    "QuarantinedFile", "ReviewToRead", "collect_reviews", "current_documents", "ingest_review",
    "ingest_reviews", "passages_from_blocks", "plan_ingest", "read_review_or_quarantine",
    "register_frame",
]
