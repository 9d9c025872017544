"""The Great Expectations context that runs the validation suites, built once per process.

Each suite gets a dataframe asset, a whole-dataframe batch definition, an expectation suite and
a validation definition of the same name, registered on first use. A run passes the DataFrame
as the batch parameter. Validation definitions are run directly rather than through a
checkpoint: a checkpoint fixes its result format when it is created, whereas the rows that
fail are named by whichever key columns the frame actually has, and the checkpoint would add
no action (no Data Docs, no notification) to pay for.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from imrf_analysis.validation.findings import config_of

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult, ValidationDefinition
    from great_expectations.data_context import EphemeralDataContext
    from great_expectations.datasource.fluent import PandasDatasource
    from great_expectations.expectations import Expectation

log = logging.getLogger(__name__)

DATA_SOURCE = "imrf"
EXAMPLES_PER_FAILURE = 5

# One run at a time: the context's stores are shared, and flows may validate from threads.
_run_lock = threading.RLock()


@dataclass(frozen=True)
class SuiteSpec:
    """An expectation suite and how its failures are reported.

    Attributes:
        name: Name of the suite, and of its asset and validation definition.
        dataset: Dataset the suite validates, as named in messages.
        expectations: Builds the suite's expectations, each with a ``policy`` in its meta.
        key_columns: Columns that identify a failing row in the results, when present.
        every_failure: Return every failing row (coverage) rather than a few examples.
    """

    name: str
    dataset: str
    expectations: Callable[[], list[Expectation]]
    key_columns: tuple[str, ...] = ()
    every_failure: bool = False


@dataclass(frozen=True)
class SuiteRun:
    """The results of one suite on one frame, in the suite's order."""

    spec: SuiteSpec
    results: tuple[ExpectationValidationResult, ...]
    seconds: float


@functools.cache
def validation_context() -> EphemeralDataContext:
    """Return the process's in-memory GX context, with analytics and progress bars off.

    Returns:
        The same ephemeral context on every call; the first call builds it.
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


@functools.cache
def _data_source() -> PandasDatasource:
    return validation_context().data_sources.add_pandas(DATA_SOURCE)


@functools.cache
def _registered(spec: SuiteSpec) -> tuple[ValidationDefinition, dict[str, int]]:
    import great_expectations as gx

    context = validation_context()
    asset = _data_source().add_dataframe_asset(name=spec.name)
    batch = asset.add_batch_definition_whole_dataframe(f"{spec.name}-whole")
    suite = context.suites.add(
        gx.ExpectationSuite(name=spec.name, expectations=spec.expectations())
    )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
    )
    order = {str(expectation.id): index for index, expectation in enumerate(suite.expectations)}
    return definition, order


def run_suite(
    spec: SuiteSpec, frame: pd.DataFrame, parameters: Mapping[str, Any] | None = None
) -> SuiteRun:
    """Validate ``frame`` against the suite of ``spec``.

    Args:
        spec: The suite to run.
        frame: The whole dataset; it is not modified.
        parameters: Values of the suite's ``$PARAMETER`` placeholders.

    Returns:
        Every expectation's result, in the order the suite defines them, and the seconds taken.
    """
    keys = [column for column in spec.key_columns if column in frame.columns]
    result_format: dict[str, Any] = {
        "result_format": "COMPLETE" if spec.every_failure else "SUMMARY",
        "partial_unexpected_count": EXAMPLES_PER_FAILURE,
        "return_unexpected_index_query": False,
    }
    if keys:
        result_format["unexpected_index_column_names"] = keys
    with _run_lock:
        definition, order = _registered(spec)
        started = time.perf_counter()
        outcome = definition.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters=dict(parameters or {}),
            result_format=result_format,
        )
        seconds = time.perf_counter() - started
    log.debug("validated %s (%d rows) in %.3f s", spec.name, len(frame), seconds)
    results = sorted(
        outcome.results, key=lambda result: order.get(str(config_of(result).id), 0)
    )
    return SuiteRun(spec, tuple(results), seconds)
