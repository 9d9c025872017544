"""Plain summaries of a run for the orchestrator's artifacts: coverage in Markdown, the register."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from imrf_analysis import gcm

REGISTER_ARTIFACT_COLUMNS = ("country_name", "country_iso3", "file", "document_kind", "language",
                             "date", "pages", "passages", "document_id")


def coverage_summary_markdown(objective_totals: pd.DataFrame, quarantine: pd.DataFrame,
                              reports: Sequence[Path], regions: Sequence[str] = ()) -> str:
    """Return a Markdown summary: per region, reviews and the objectives no State reported on.

    Args:
        objective_totals: The compiled "N of M reviews" table.
        quarantine: Files left out of the run, with reasons.
        reports: The HTML reports written, listed as links.
        regions: Regions to summarise; every region in ``objective_totals`` when empty.

    Returns:
        Markdown text with one table row per region and cycle, the quarantine list and links.
    """
    chosen = list(regions) or list(dict.fromkeys(objective_totals["region"]))
    lines = ["# GCM regional compilation: coverage", "",
             "| Region | Cycle | Reviews | Objectives with no reporting State |",
             "|---|---|---|---|"]
    for (region, cycle), totals in objective_totals.groupby(["region", "cycle"], sort=False):
        if region not in chosen:
            continue
        missing = totals.loc[totals["reviews_reporting"] == 0, "objective"].astype(int)
        gaps = ", ".join(f"{n} ({gcm.objective(n).short_name['en']})" for n in sorted(missing))
        lines.append(f"| {region} | {cycle} | {int(totals['reviews_total'].max())} | "
                     f"{gaps or 'none'} |")
    lines += ["", f"## Quarantined files ({len(quarantine)})", ""]
    lines += [f"- `{row.file}` ({row.stage}): {row.reason}" for row in quarantine.itertuples()]
    lines += ["", "## Reports", ""] + [f"- [{p.name}]({p.resolve().as_uri()})" for p in reports]
    return "\n".join(lines) + "\n"


def register_records(documents: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the submission register as JSON-able rows (one per document) for a table artifact."""
    frame = documents[list(REGISTER_ARTIFACT_COLUMNS)].sort_values(["country_name", "file"])
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")]
