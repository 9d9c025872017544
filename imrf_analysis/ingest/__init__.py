"""Ingest submitted reviews (PDF, DOCX, TXT, Markdown, HTML) into passages with provenance."""

from imrf_analysis.ingest.blocks import Block, ExtractionError
from imrf_analysis.ingest.register import RegisterError
from imrf_analysis.ingest.reviews import (
    IngestedReview,
    IngestPlan,
    QuarantinedFile,
    ReviewToRead,
    collect_reviews,
    ingest_review,
    ingest_reviews,
    passages_from_blocks,
    plan_ingest,
    read_review_or_quarantine,
)

__all__ = [
    "Block", "ExtractionError", "RegisterError", "IngestPlan", "IngestedReview",
    "QuarantinedFile", "ReviewToRead", "collect_reviews", "ingest_review", "ingest_reviews",
    "passages_from_blocks", "plan_ingest", "read_review_or_quarantine",
]
