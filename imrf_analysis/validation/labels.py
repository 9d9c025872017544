"""How each expectation presents itself in Data Docs and in GX results: severity and a line.

Data Docs show an expectation's ``description`` in place of GX's own sentence. Ours leads with
the policy, so a failed ``finding`` reads as a warning next to a failed ``contract``, and names
the expectation type as :class:`DataContractError` messages do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imrf_analysis.validation.findings import CONTRACT, FINDING

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

POLICY_LABELS = {
    CONTRACT: "CONTRACT (a failure stops the run)",
    FINDING: "WARNING (a failure is reported; the run goes on)",
}
SHOWN_VALUES = 12  # longer value sets are cut in the description


def labelled(expectation: Expectation) -> Expectation:
    """Give ``expectation`` the GX severity and the Data Docs description of its policy.

    Returns:
        The same expectation, now with ``severity`` (critical for a contract, warning for a
        finding) and a ``description`` unless it had one.
    """
    from great_expectations.expectations.metadata_types import FailureSeverity

    policy = str((expectation.meta or {}).get("policy", CONTRACT))
    expectation.severity = (
        FailureSeverity.CRITICAL if policy == CONTRACT else FailureSeverity.WARNING
    )
    if not expectation.description:
        expectation.description = describe(expectation, policy)
    return expectation


def describe(expectation: Expectation, policy: str) -> str:
    """Return the one-line description shown in Data Docs, e.g. ``CONTRACT ...: expect_...``."""
    kwargs = dict(expectation.configuration.kwargs)
    subject = [repr(kwargs.pop(name)) for name in ("column", "column_A", "column_B")
               if name in kwargs]
    condition = kwargs.pop("row_condition", None)
    arguments = [f"{name}={_shown(value)}" for name, value in sorted(kwargs.items())
                 if value is not None]
    line = f"{POLICY_LABELS.get(policy, policy)}: {expectation.expectation_type}"
    line += f"({', '.join(subject + arguments)})"
    if condition:
        line += f" where {_condition(condition)}"
    why = (expectation.meta or {}).get("why")
    if why:
        line += f". {str(why)[0].upper()}{str(why)[1:]}"
    # Data Docs read the description as a template in which "$name" is a parameter.
    return line.replace("$", "$$")


def _shown(value: Any) -> str:
    if isinstance(value, dict) and "$PARAMETER" in value:
        return f"<{value['$PARAMETER']}>"
    if isinstance(value, list | tuple):
        items = [str(item) for item in value]
        more = len(items) - SHOWN_VALUES
        return "[" + ", ".join(items[:SHOWN_VALUES]) + (f", ... {more} more" if more > 0 else "") \
            + "]"
    return repr(value) if isinstance(value, str) else str(value)


def _condition(condition: Any) -> str:
    if isinstance(condition, dict) and {"column", "operator", "parameter"} <= condition.keys():
        column = condition["column"]
        name = column.get("name") if isinstance(column, dict) else column
        return f"{name} {condition['operator']} {condition['parameter']!r}"
    return str(condition)
