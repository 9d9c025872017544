"""Compilation tables for the round-table background notes, per region and cycle.

Counts are over current national reviews ("N of M reviews"); stakeholder contributions are
quoted as evidence, marked by their document kind, but never counted as a State reporting. A
region is a UN regional commission; "GLOBAL" holds every review. A State in two commissions
counts in both. The table families live in ``imrf_analysis.compilation``; the keys returned by
``compile_tables`` are the catalog's dataset names.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from imrf_analysis.compilation.evidence import (
    EVIDENCE_COLUMNS,
    REGISTER_COLUMNS,
    compile_registers,
    compile_round_table_evidence,
    shorten,
)
from imrf_analysis.compilation.objectives import (
    LEVELS,
    MATRIX_COLUMNS,
    TOTALS_COLUMNS,
    compile_country_objective_matrix,
    compile_coverage_gaps,
    compile_objective_totals,
    scoped_findings,
)
from imrf_analysis.compilation.principles import (
    compile_principle_matrix,
    compile_stakeholder_consultation,
)
from imrf_analysis.compilation.register import (
    compile_regional_coverage,
    compile_submission_register,
)
from imrf_analysis.compilation.scope import (
    GLOBAL,
    NATIONAL_REVIEW,
    REGIONS,
    documents_in_region,
    region_documents,
    regions_present,
)
from imrf_analysis.findings import compile_review_findings
from imrf_analysis.ingest.collection import current_documents
from imrf_analysis.store.schemas import COMPILED, COMPILED_TABLES

EVIDENCE_PER_OBJECTIVE = 3

__all__ = [
    "COMPILED_TABLES", "EVIDENCE_COLUMNS", "EVIDENCE_PER_OBJECTIVE", "GLOBAL", "LEVELS",
    "MATRIX_COLUMNS", "NATIONAL_REVIEW", "REGIONS", "REGISTER_COLUMNS", "TOTALS_COLUMNS",
    "Coverage", "compile_coverage", "compile_tables", "documents_in_region", "regions_present",
    "shorten",
]


@dataclass(frozen=True)
class Coverage:
    """Which current reviews report on which objective: what the other tables are built from.

    Attributes:
        scoped: One row per region x current document (``region_documents``).
        findings: The review findings, one row per current document x objective
            (``findings.compile_review_findings``): the source of every count.
        matrix: The ``country_objective_matrix`` table, which the heat maps are drawn from.
    """

    scoped: pd.DataFrame
    findings: pd.DataFrame
    matrix: pd.DataFrame

    @property
    def regional_findings(self) -> pd.DataFrame:
        """The findings of national reviews, one row per region x review x objective."""
        return scoped_findings(self.scoped, self.findings)


def compile_coverage(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                     findings: pd.DataFrame | None = None) -> Coverage:
    """Return the review findings of the current documents and the matrix built from them.

    The first part of ``compile_tables``: a run computes it apart, to start drawing the
    coverage heat maps while the other tables are compiled.

    Args:
        documents: The documents dataset (every version).
        passages: The passages dataset.
        tags: The tags dataset.
        findings: The reviews' findings as drawn review by review (``process_review``), of
            these documents or more; drawn here from passages and tags when not given.
    """
    current = current_documents(documents)
    scoped = region_documents(current)
    if findings is None:
        findings = compile_review_findings(documents, passages, tags)
    findings = findings[findings["document_id"].isin(current["document_id"])].sort_values(
        ["document_id", "objective"], ignore_index=True)
    matrix = _typed_when_empty(
        compile_country_objective_matrix(scoped, scoped_findings(scoped, findings)),
        COMPILED["country_objective_matrix"])
    return Coverage(scoped, findings, matrix)


def compile_tables(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                   per_objective: int = EVIDENCE_PER_OBJECTIVE,
                   coverage: Coverage | None = None) -> dict[str, pd.DataFrame]:
    """Build every compilation table; keys are the catalog's dataset names.

    Only current documents count: a review superseded by a newer version of the same country,
    cycle and kind stays in the submission register but not in the other tables.

    Args:
        documents: The documents dataset (every version).
        passages: The passages dataset.
        tags: The tags dataset: objective, guiding-principle and content labels.
        per_objective: Excerpts kept per region, cycle, objective and category.
        coverage: ``compile_coverage`` of these documents and tags, when already computed.

    Returns:
        The tables of ``COMPILED_TABLES``, each a new frame in a stable order.
    """
    coverage = coverage or compile_coverage(documents, passages, tags)
    scoped, findings = coverage.scoped, coverage.findings
    regional = coverage.regional_findings
    totals = compile_objective_totals(scoped, regional)
    tables = {
        "review_findings": findings,
        "submission_register": compile_submission_register(documents),
        "regional_coverage": compile_regional_coverage(scoped),
        "country_objective_matrix": coverage.matrix,
        "objective_totals": totals,
        "round_table_evidence": compile_round_table_evidence(scoped, passages, tags, findings,
                                                             per_objective),
        "principle_matrix": compile_principle_matrix(scoped, tags),
        "stakeholder_consultation": compile_stakeholder_consultation(scoped, passages, tags),
        **compile_registers(scoped, passages, tags, findings),
        "coverage_gaps": compile_coverage_gaps(scoped, regional, totals),
    }
    return {name: _typed_when_empty(tables[name], COMPILED[name]) for name in COMPILED_TABLES}


def _typed_when_empty(frame: pd.DataFrame, schema: pa.Schema) -> pd.DataFrame:
    """Return ``frame``, or when it has no row, an empty frame with the dtypes of ``schema``.

    An empty groupby or merge loses column dtypes; the empty table of the schema keeps them,
    so an empty table still saves and validates.
    """
    if len(frame):
        return frame
    return schema.empty_table().to_pandas()
