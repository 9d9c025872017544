"""Data validation with Great Expectations: contracts that stop a run, findings for the report.

Every suite runs as a GX checkpoint. ``validate_register``, ``validate_documents``,
``validate_passages``, ``validate_tags`` and ``validate_compiled_tables`` raise
:class:`DataContractError` when a contract breaks; ``coverage_findings`` returns what the
coverage checks find and never raises for a gap. ``build_validation_docs`` writes the Data Docs
of the validations run since its last call.
"""

from imrf_analysis.validation.contracts import (
    validate_compiled_tables,
    validate_documents,
    validate_passages,
    validate_register,
    validate_tags,
)
from imrf_analysis.validation.coverage import DEFAULT_MIN_TAGGED_SHARE, coverage_findings
from imrf_analysis.validation.coverage_frames import review_coverage
from imrf_analysis.validation.docs import build_validation_docs
from imrf_analysis.validation.findings import DataContractError, Finding, ValidationSummary

__all__ = [
    "DEFAULT_MIN_TAGGED_SHARE",
    "DataContractError",
    "Finding",
    "ValidationSummary",
    "build_validation_docs",
    "coverage_findings",
    "review_coverage",
    "validate_compiled_tables",
    "validate_documents",
    "validate_passages",
    "validate_register",
    "validate_tags",
]
