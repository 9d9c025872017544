"""What a validation reports: contract breaches that stop a run, findings that go in the report.

Every expectation carries a policy in its ``meta``. A failed ``contract`` means the data cannot
be trusted downstream, so the run stops with :class:`DataContractError`. A failed ``finding``
is a fact about the reviews (a coverage gap, a review in an unexpected language) that the
report shows and the run carries on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

CONTRACT = "contract"
FINDING = "finding"
EXAMPLES_SHOWN = 5


@dataclass(frozen=True)
class Finding:
    """A failed expectation, described for the report.

    ``details`` holds ``(key, value)`` pairs of JSON values (tuples for lists), so
    ``dict(finding.details)`` reads it and ``json.dumps(dataclasses.asdict(finding))`` writes it.
    """

    dataset: str
    expectation: str
    column: str | None
    message: str
    details: tuple = ()


@dataclass(frozen=True)
class ValidationSummary:
    """The outcome of one dataset's suite once no contract failed."""

    dataset: str
    evaluated: int
    passed: int
    findings: tuple[Finding, ...] = ()
    seconds: float = field(default=0.0, compare=False)


class DataContractError(Exception):
    """A dataset broke at least one contract expectation; the run must stop.

    ``dataset``, ``expectation`` and ``column`` name the first breach in suite order;
    ``breaches`` holds all of them, and the message lists them all.
    """

    def __init__(self, breaches: Sequence[Finding]) -> None:
        if not breaches:
            raise ValueError("a DataContractError needs at least one breach")
        first = breaches[0]
        self.dataset: str = first.dataset
        self.expectation: str = first.expectation
        self.column: str | None = first.column
        self.breaches: tuple[Finding, ...] = tuple(breaches)
        super().__init__("; ".join(breach.message for breach in self.breaches))

    def __reduce__(self) -> tuple[type[DataContractError], tuple[tuple[Finding, ...]]]:
        # Rebuild from the breaches so the error survives pickling between processes.
        return (type(self), (self.breaches,))


def plain(value: Any) -> Any:
    """Return ``value`` as JSON-able, hashable data: tuples, pairs for mappings, None for NaN."""
    if isinstance(value, dict):
        return tuple((str(key), plain(item)) for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return tuple(plain(item) for item in value)
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    try:
        missing = bool(value != value)  # pd.NA, pd.NaT and friends are not equal to themselves
    except (TypeError, ValueError):
        missing = True
    return None if missing else str(value)


def config_of(result: ExpectationValidationResult) -> ExpectationConfiguration:
    """Return the configuration of the expectation behind ``result``."""
    if result.expectation_config is None:
        raise ValueError("a validation result without its expectation cannot be described")
    return result.expectation_config


def policy_of(result: ExpectationValidationResult) -> str:
    """Return the policy of the expectation behind ``result``; unmarked ones are contracts."""
    return str((config_of(result).meta or {}).get("policy", CONTRACT))


def describe_failure(dataset: str, result: ExpectationValidationResult) -> Finding:
    """Describe a failed expectation result in plain words.

    Returns:
        A finding whose message names the dataset, the expectation type, the column, how many
        rows failed and a few of them.
    """
    config = config_of(result)
    meta = config.meta or {}
    column = meta.get("column") or config.kwargs.get("column")
    outcome, details = _outcome(result.result or {}, _exception_message(result.exception_info))
    where = f" on column {column!r}" if column else _pair_of_columns(config.kwargs)
    message = f"{dataset} failed {config.type}{where} ({outcome})"
    if meta.get("why"):
        message += f": {meta['why']}"
    return Finding(dataset, config.type, column, message, details)


def summarize(
    dataset: str, results: Iterable[ExpectationValidationResult], seconds: float = 0.0
) -> ValidationSummary:
    """Sort failed expectations into breaches and findings.

    Returns:
        The summary with every failed ``finding`` expectation, when no contract failed.

    Raises:
        DataContractError: at least one ``contract`` expectation failed; all are listed.
    """
    results = list(results)
    breaches: list[Finding] = []
    findings: list[Finding] = []
    for result in results:
        if not result.success:
            failed = describe_failure(dataset, result)
            (breaches if policy_of(result) == CONTRACT else findings).append(failed)
    if breaches:
        raise DataContractError(breaches)
    passed = sum(1 for result in results if result.success)
    return ValidationSummary(dataset, len(results), passed, tuple(findings), seconds)


def _outcome(result: dict[str, Any], error: str | None) -> tuple[str, tuple]:
    if error:
        return f"could not be evaluated: {error}", (("error", error),)
    mismatched = (result.get("details") or {}).get("mismatched")
    if mismatched is not None:
        parts = [f"{key} {sorted(names)}" for key, names in sorted(mismatched.items())]
        return "; ".join(parts) or "columns differ", plain(mismatched)
    if "unexpected_count" in result and "element_count" in result:
        rows = result.get("partial_unexpected_index_list") or []
        examples = [dict(plain(row)) for row in rows if isinstance(row, dict)]
        if not examples:
            examples = list(plain(result.get("partial_unexpected_list") or []))
        examples = examples[:EXAMPLES_SHOWN]
        counted = f"{result['unexpected_count']} of {result['element_count']} rows"
        details = (
            ("unexpected_count", plain(result["unexpected_count"])),
            ("element_count", plain(result["element_count"])),
            ("examples", plain(examples)),
        )
        return f"{counted}; e.g. {examples!r}", details
    observed = plain(result.get("observed_value"))
    unexpected = plain(result.get("partial_unexpected_list") or [])
    if unexpected:
        return f"unexpected {list(unexpected)!r}", (("unexpected", unexpected),)
    return f"observed {observed!r}", (("observed", observed),)


def _exception_message(info: dict[str, Any] | None) -> str | None:
    # GX reports one flat record, or one record per metric that failed to compute.
    if not info:
        return None
    records = [info] if "raised_exception" in info else list(info.values())
    messages = {
        str(record.get("exception_message"))
        for record in records
        if isinstance(record, dict) and record.get("raised_exception")
    }
    return "; ".join(sorted(messages)) or None


def _pair_of_columns(kwargs: dict[str, Any]) -> str:
    if "column_A" in kwargs and "column_B" in kwargs:
        return f" on columns {kwargs['column_A']!r} and {kwargs['column_B']!r}"
    return ""
