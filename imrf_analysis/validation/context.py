"""The Great Expectations context that runs the validation suites, built once per process.

Each suite gets a dataframe asset, a whole-dataframe batch definition, an expectation suite, a
validation definition and a checkpoint of the same name, registered on first use. A run passes
the DataFrame as the checkpoint's batch parameter. A checkpoint fixes its result format, and the
rows that fail are named by whichever key columns the frame actually has, so a frame lacking
some key columns gets a checkpoint of its own (named after the columns it is keyed by).

Each suite result is kept in the process's validation record until the Data Docs are built
(see :mod:`imrf_analysis.validation.docs`); the context's own results store is left empty.
"""

from __future__ import annotations

import collections
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
from imrf_analysis.validation.labels import labelled

if TYPE_CHECKING:
    from great_expectations import Checkpoint
    from great_expectations.core import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
        ValidationDefinition,
    )
    from great_expectations.data_context import EphemeralDataContext
    from great_expectations.data_context.types.resource_identifiers import (
        ValidationResultIdentifier,
    )
    from great_expectations.datasource.fluent import PandasDatasource
    from great_expectations.expectations import Expectation

log = logging.getLogger(__name__)

DATA_SOURCE = "imrf"
EXAMPLES_PER_FAILURE = 5
# Suite results kept for the next Data Docs build; the oldest go first beyond this many.
RECORD_LIMIT = 200

# One run or Data Docs build at a time: the context's stores are shared, and flows may
# validate from threads.
RUN_LOCK = threading.RLock()
_record: collections.deque[tuple[ValidationResultIdentifier, ExpectationSuiteValidationResult]]
_record = collections.deque(maxlen=RECORD_LIMIT)


@dataclass(frozen=True)
class SuiteSpec:
    """An expectation suite and how its failures are reported.

    Attributes:
        name: Name of the suite, and of its asset, validation definition and checkpoint.
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
    from great_expectations.execution_engine import pandas_execution_engine

    # GX fingerprints each in-memory batch for its batch markers, and pandas cannot hash a
    # frame with list cells (passages' heading paths, the tables' passage ids), so GX pickles
    # the whole frame instead: about 0.1 s per suite on the passages of 200 reviews. Nothing
    # here reads the fingerprint: no batch is fingerprinted (GX's threshold on frame size).
    pandas_execution_engine.HASH_THRESHOLD = 0

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
    expectations = [labelled(expectation) for expectation in spec.expectations()]
    suite = context.suites.add(gx.ExpectationSuite(name=spec.name, expectations=expectations))
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
    )
    order = {str(expectation.id): index for index, expectation in enumerate(suite.expectations)}
    return definition, order


@functools.cache
def _checkpoint(spec: SuiteSpec, keys: tuple[str, ...]) -> Checkpoint:
    import great_expectations as gx

    definition, _ = _registered(spec)
    result_format: dict[str, Any] = {
        "result_format": "COMPLETE" if spec.every_failure else "SUMMARY",
        "partial_unexpected_count": EXAMPLES_PER_FAILURE,
        "return_unexpected_index_query": False,
    }
    if keys:
        result_format["unexpected_index_column_names"] = list(keys)
    name = spec.name if keys == spec.key_columns else f"{spec.name}[{','.join(keys)}]"
    return validation_context().checkpoints.add(gx.Checkpoint(
        name=name, validation_definitions=[definition], actions=[], result_format=result_format))


def run_suite(
    spec: SuiteSpec, frame: pd.DataFrame, parameters: Mapping[str, Any] | None = None
) -> SuiteRun:
    """Validate ``frame`` against the suite of ``spec`` by running the suite's checkpoint.

    Args:
        spec: The suite to run.
        frame: The whole dataset; it is not modified.
        parameters: Values of the suite's ``$PARAMETER`` placeholders.

    Returns:
        Every expectation's result, in the order the suite defines them, and the seconds taken;
        the suite result is added to the process's validation record for the Data Docs.
    """
    keys = tuple(column for column in spec.key_columns if column in frame.columns)
    with RUN_LOCK:
        checkpoint = _checkpoint(spec, keys)
        _, order = _registered(spec)
        started = time.perf_counter()
        outcome = checkpoint.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters=dict(parameters or {}),
        )
        seconds = time.perf_counter() - started
        store = validation_context().validation_results_store
        for key, suite_result in outcome.run_results.items():
            # The record, not the store, holds results: a build then shows exactly these.
            store.remove_key(key)
            _record.append((key, suite_result))
    log.debug("validated %s (%d rows) in %.3f s", spec.name, len(frame), seconds)
    [suite_result] = outcome.run_results.values()
    results = sorted(
        suite_result.results, key=lambda result: order.get(str(config_of(result).id), 0)
    )
    return SuiteRun(spec, tuple(results), seconds)


def take_record() -> list[tuple[ValidationResultIdentifier, ExpectationSuiteValidationResult]]:
    """Empty the process's validation record.

    Returns:
        The suite results run since the record was last taken, oldest first, with their keys.
    """
    with RUN_LOCK:
        taken = list(_record)
        _record.clear()
    return taken


def restore_record(
    taken: list[tuple[ValidationResultIdentifier, ExpectationSuiteValidationResult]],
) -> None:
    """Put results taken from the record back in front of any recorded since.

    Returns:
        Nothing; the record again starts with ``taken``.
    """
    with RUN_LOCK:
        newer = list(_record)
        _record.clear()
        _record.extend([*taken, *newer])
