"""Data validation with Great Expectations: contracts that stop a run, findings for the report.

``validate_documents``, ``validate_passages`` and ``validate_tags`` raise
:class:`DataContractError` when a contract breaks; ``coverage_findings`` returns what the
coverage checks find and never raises for a gap.
"""

from imrf_analysis.validation.contracts import (
    validate_documents,
    validate_passages,
    validate_tags,
)
from imrf_analysis.validation.coverage import DEFAULT_MIN_TAGGED_SHARE, coverage_findings
from imrf_analysis.validation.coverage_frames import review_coverage
from imrf_analysis.validation.findings import DataContractError, Finding, ValidationSummary

__all__ = [
    "DEFAULT_MIN_TAGGED_SHARE",
    "DataContractError",
    "Finding",
    "ValidationSummary",
    "coverage_findings",
    "review_coverage",
    "validate_documents",
    "validate_passages",
    "validate_tags",
]
