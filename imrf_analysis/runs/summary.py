"""Plain summaries of a run: for the orchestrator's artifacts, and the lines ``imrf run`` ends with.

Coverage in Markdown and the register for Prefect's artifacts; what the run did for its operator.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from imrf_analysis.reference import gcm
from imrf_analysis.store.catalog import Catalog

REGISTER_ARTIFACT_COLUMNS = ("country_name", "country_iso3", "file", "document_kind", "language",
                             "date", "pages", "passages", "text_encoding", "document_id")


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


def run_summary(catalog: Catalog, seconds: float, log_file: Path | None = None) -> str:
    """Return what a finished run did, in plain lines, from its published manifest.

    Documents and passages compiled, files left out by reason, what became of the analysts'
    decisions, reports written and where, the
    Data Docs, the run's log file when given, and the wall time: what an operator reads at the
    end of ``imrf run``.
    """
    manifest = json.loads(catalog.path("manifest").read_text(encoding="utf-8"))
    counts = manifest.get("counts", {})
    reports = [Path(p) for p in manifest.get("reports", [])]
    lines = [f"Compiled {counts.get('documents', 0)} of {manifest.get('input_files', 0)} files "
             f"({counts.get('passages', 0):,} passages) in {seconds:.0f} s."]
    quarantine = catalog.load("quarantine")
    if not quarantine.empty:
        lines.append(f"Left out or partly read: {quarantine['file'].nunique()} file(s):")
        for stage, rows in quarantine.groupby("stage", sort=True):
            for row in rows.sort_values("file").itertuples():
                lines.append(f"  [{stage}] {row.file}: {row.reason}")
    if catalog.path("analyst_decisions").exists():
        decisions = catalog.load("analyst_decisions")
        if len(decisions):
            statuses = decisions["status"].value_counts()
            lines.append(f"Analysts' decisions ({catalog.corrections_dir}): "
                         + ", ".join(f"{n} {status}" for status, n in statuses.items())
                         + (f"; see {catalog.path('analyst_decisions')}"
                            if statuses.get("applied", 0) < len(decisions) else ""))
    if catalog.path("inferred_register").exists():
        lines.append(f"Register rows found from names and title pages, to check: "
                     f"{catalog.path('inferred_register')}")
    if reports:
        folders = sorted({str(p.parent) for p in reports})
        lines.append(f"{len(reports)} reports (HTML, with Word files beside them) in "
                     f"{', '.join(folders)}")
    lines.append(f"Checks (Data Docs): {catalog.validation_docs_dir / 'index.html'}")
    if log_file is not None:
        lines.append(f"Log: {log_file}")
    return "\n".join(lines)
