"""Review-level findings: which States report what on each objective, and the evidence.

``roles`` says which part of a review a passage is in; ``review_findings`` turns passages and
their tags into one row per current review x objective, the source of every published count;
``evaluation`` measures those findings against an answer key (``imrf evaluate-reviews``).
"""

from imrf_analysis.findings.review_findings import (
    FINDING_COLUMNS,
    REVIEW_FINDINGS,
    compile_review_findings,
    evidence_passages,
    read_passages,
)
from imrf_analysis.findings.roles import CONTENT_ROLES, ROLES, passage_roles

__all__ = ["CONTENT_ROLES", "FINDING_COLUMNS", "REVIEW_FINDINGS", "ROLES",
           "compile_review_findings",
           "evidence_passages", "passage_roles", "read_passages"]
