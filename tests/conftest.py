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


def compile_sample(input_dir: Path, store_dir: Path) -> SampleDatasets:
    """Ingest, tag and compile the reviews of ``input_dir`` as the compilation flow does.

    Same package calls as the flow, in this process and without Prefect: each review is read,
    tagged and kept in a review store at ``store_dir``, then the kept reviews are collected
    from it and compiled.
    """
    from imrf_analysis import compilation, ingest
    from imrf_analysis.runs.review import process_review
    from imrf_analysis.store.reviews import ReviewStore

    plan = ingest.plan_ingest(input_dir)
    store = ReviewStore(store_dir)
    reviews = store.collect(plan, [store.put(review, process_review(review))
                                   for review in plan.reviews])
    coverage = compilation.compile_coverage(reviews.documents, reviews.passages, reviews.tags,
                                            reviews.findings)
    tables = compilation.compile_tables(reviews.documents, reviews.passages, reviews.tags,
                                        compilation.EVIDENCE_PER_OBJECTIVE, coverage)
    return SampleDatasets(input_dir, reviews.documents, reviews.passages, reviews.tags,
                          reviews.quarantine, tables)


@pytest.fixture(scope="session")
def sample_datasets(tmp_path_factory: pytest.TempPathFactory) -> SampleDatasets:
    """The bundled sample (``data/raw``) read, tagged and compiled into a temporary folder.

    Frames are shared by every test of the session: copy them before changing them.
    """
    root = tmp_path_factory.mktemp("sample")
    input_dir = root / "raw"
    shutil.copytree(SAMPLE_INPUT, input_dir)
    return compile_sample(input_dir, root / "reviews")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow the tests that read and compile the whole sample (``sample_datasets``).

    They take the fast lane (``make check``) over two minutes; ``make test`` runs them.
    """
    for item in items:
        if "sample_datasets" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
