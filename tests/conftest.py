"""The bundled sample run through the package without Prefect, once per test session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_INPUT = REPO / "data" / "raw"


@dataclass(frozen=True)
class SampleDatasets:
    """The datasets a compilation run of the bundled sample produces."""

    input_dir: Path
    documents: pd.DataFrame
    passages: pd.DataFrame
    tags: pd.DataFrame
    quarantine: pd.DataFrame
    tables: dict[str, pd.DataFrame]


def compile_sample(input_dir: Path, cache_dir: Path) -> SampleDatasets:
    """Ingest, tag and compile the reviews of ``input_dir`` as the compilation flow does.

    Same package calls as the flow, in this process and without Prefect: each review is
    processed into its shards, then the kept reviews' shards are collected and compiled.
    """
    from imrf_analysis import compilation, ingest
    from imrf_analysis.store import reviews as review_shards

    plan = ingest.plan_ingest(input_dir, cache_dir=cache_dir)
    shards = [review_shards.process_review_into(review, cache_dir / "reviews")
              for review in plan.reviews]
    documents, passages, tags, findings, quarantine = review_shards.collect_review_shards(
        plan, shards)
    coverage = compilation.compile_coverage(documents, passages, tags, findings)
    tables = compilation.compile_tables(documents, passages, tags,
                                        compilation.EVIDENCE_PER_OBJECTIVE, coverage)
    return SampleDatasets(input_dir, documents, passages, tags, quarantine, tables)


@pytest.fixture(scope="session")
def sample_datasets(tmp_path_factory: pytest.TempPathFactory) -> SampleDatasets:
    """The bundled sample (``data/raw``) read, tagged and compiled into a temporary folder.

    Frames are shared by every test of the session: copy them before changing them.
    """
    root = tmp_path_factory.mktemp("sample")
    input_dir = root / "raw"
    shutil.copytree(SAMPLE_INPUT, input_dir)
    return compile_sample(input_dir, root / "cache")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow the tests that read and compile the whole sample (``sample_datasets``).

    They take the fast lane (``make check``) over two minutes; ``make test`` runs them.
    """
    for item in items:
        if "sample_datasets" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
