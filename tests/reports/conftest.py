"""The reports of the bundled sample, published once per session, and a headless browser."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from imrf_analysis.reporting.publish import publish_reports
from imrf_analysis.store.catalog import Catalog

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REGIONS = ("ECE", "GLOBAL")
# A passage a review could contain: markup, a script, Word field codes.
HOSTILE_TEXT = ('Le ministère <script>window.pwned = 1</script></script><b>gras</b> '
                '{ MERGEFIELD Name } { HYPERLINK "http://example.org" } a financé 12 centres.')


@dataclass(frozen=True)
class Finding:
    """A validation finding as the validation suites report one."""

    dataset: str
    expectation: str
    column: str | None
    message: str


@dataclass(frozen=True)
class Published:
    """What ``publish_reports`` wrote for the sample: the cycle folder and the HTML reports."""

    folder: Path
    reports: list[Path]
    frames: dict[str, pd.DataFrame]
    hostile_passage: str
    hostile_text: str = HOSTILE_TEXT
    regions: tuple[str, ...] = REGIONS


def copy_frames(sample_datasets) -> dict[str, pd.DataFrame]:  # noqa: ANN001
    """Return the frames a run hands to ``publish_reports``, as copies."""
    return {"documents": sample_datasets.documents.copy(),
            "passages": sample_datasets.passages.copy(), "tags": sample_datasets.tags.copy(),
            "quarantine": sample_datasets.quarantine.copy(),
            **{name: frame.copy() for name, frame in sample_datasets.tables.items()}}


def with_hostile_passage(frames: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], str]:
    """Replace by markup the text of the first excerpt quoted first for ECE and for the world."""
    evidence = frames["round_table_evidence"]
    global_firsts = evidence.loc[(evidence["region"] == "GLOBAL") & (evidence["rank"] == 1),
                                 "passage_id"]
    ece = evidence[(evidence["region"] == "ECE") & evidence["passage_id"].isin(global_firsts)]
    first = ece.sort_values(["objective", "rank"]).index[0]
    passage_id = evidence.at[first, "passage_id"]
    for name in ("round_table_evidence", "passages", "challenge_register",
                 "good_practice_register"):
        frame = frames[name]
        hit = frame["passage_id"] == passage_id
        frame.loc[hit, "text"] = HOSTILE_TEXT
        if "excerpt" in frame:
            frame.loc[hit, "excerpt"] = HOSTILE_TEXT
    # In the reports' language, so that it is quoted first whatever the language preference.
    frames["passages"].loc[frames["passages"]["passage_id"] == passage_id, "language"] = "en"
    return frames, passage_id


@pytest.fixture
def sample_frames(sample_datasets) -> dict[str, pd.DataFrame]:  # noqa: ANN001
    """The frames a run of the sample hands to ``publish_reports``, copies the test may change."""
    return copy_frames(sample_datasets)


@pytest.fixture(scope="session")
def published(sample_datasets, tmp_path_factory) -> Published:  # noqa: ANN001
    """Publish the sample's reports (ECE and GLOBAL syntheses, packs, digest) once."""
    frames, passage_id = with_hostile_passage(copy_frames(sample_datasets))
    out = tmp_path_factory.mktemp("published")
    catalog = Catalog.under(sample_datasets.input_dir, out)
    findings = [Finding("passages", "expect_column_values_to_not_be_null", "text",
                        "2 passages <em>without</em> text")]
    reports = publish_reports(catalog, frames, findings, only_regions=REGIONS)
    return Published(reports[0].parent, reports, frames, passage_id)


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201
    """A headless Debian Chromium for the session (skipped when it is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
