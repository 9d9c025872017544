# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Trace and verify the evidence of one region
#
# Before a figure goes into a background note, check the passages behind it. This notebook
# lists the findings of one region's reviews, least certain first, shows the passages behind
# one of them with their context and citations, and checks one figure of the regional
# synthesis back to those passages. Set `IMRF_OUTPUT_DIR` to another run's output folder, and
# `REGION` below to the commission you draft for.

# %%
import os
import re
from html import unescape
from pathlib import Path

import imrf_analysis

run = imrf_analysis.open_run(os.environ.get("IMRF_OUTPUT_DIR", Path.cwd().parent))
REGION = "ECA"  # ECA, ECE, ECLAC, ESCAP, ESCWA or GLOBAL
region = REGION if REGION in run.regions else run.regions[0]
cycle = run.cycles[-1]
print(run)
print(f"region {region}, cycle {cycle}")

# %% [markdown]
# ## The region's findings, least certain first
# One row per national review and objective it reports on. `confidence` is the best
# objective score times the content score behind the finding: the lowest are the first to
# read. If analysts have already decided on some findings, their decision shows in the
# `verified` and `analyst_decision` columns.

# %%
cells = run.findings_in(region, cycle=cycle)
reported = cells[cells["reported"]].sort_values("confidence")
columns = ["country_name", "objective", "objective_name", "progress", "challenge",
           "good_practice", "support_needs", "confidence", "passages"]
columns += [c for c in ("verified", "analyst_decision") if c in reported.columns]
reported[columns].head(10)

# %% [markdown]
# ## The evidence behind the least certain finding
# Each passage with its citation as the reports print it, where it sits in the review (its
# headings) and the passages just before and after it.

# %%
cell = reported.iloc[0]
evidence = run.evidence(country=cell["country_iso3"], objective=int(cell["objective"]),
                        cycle=cycle)
print(f"{cell['country_name']}, objective {cell['objective']} ({cell['objective_name']}): "
      f"confidence {cell['confidence']:.2f}\n")
for row in evidence.itertuples():
    print(f"{row.citation}  evidence of: {', '.join(row.evidence_of)}")
    print(f"  under: {' > '.join(row.heading_path)}")
    print(f"  before: {str(row.previous_text)[:160]}")
    print(f"  PASSAGE: {row.text}")
    print(f"  after: {str(row.next_text)[:160]}\n")

# %% [markdown]
# ## Check a figure of the synthesis back to its passages
# The synthesis of the region says, objective by objective, "N of M reviews report on this
# objective". Take the sentence for the objective above, find it in the report, recount the
# reviews it counts and list the passages each of them is counted on.

# %%
objective = int(cell["objective"])
totals = run.objective_totals
figure = totals[(totals["region"] == region) & (totals["cycle"] == cycle)
                & (totals["objective"] == objective)].iloc[0]
sentence = f"{figure['label']} report on this objective"
report = run.reports_dir / cycle / f"synthesis-{region}.html"
text = unescape(re.sub(r"<[^>]+>", "\n", report.read_text(encoding="utf-8")))
lines = [line.strip() for line in text.splitlines() if line.strip()]
# The objective's heading in the report (an English report; "Objectif 7 :" in French).
heading = next((i for i, line in enumerate(lines)
                if re.match(rf"Objective {objective}\b", line)), None)
if heading is None:
    print(f"{report.name} has no English heading for objective {objective}; "
          f"objective_totals says: {sentence}")
else:
    print(f"{report.name}:\n  {lines[heading]}\n  {lines[heading + 1]}")
    assert lines[heading + 1].startswith(figure["label"]), "the report says another figure"

# %%
counted = run.reviews_counted(region, objective, "reported", cycle=cycle)
assert len(counted) == figure["reviews_reporting"], "the recount differs from the report"
print(f"Recounted: {len(counted)} of {figure['reviews_total']} reviews, as the report says.\n")
behind = run.evidence(region=region, objective=objective, flag="reported", cycle=cycle)
behind = behind[behind["document_kind"] == "national-review"]
for (country, file), rows in behind.groupby(["country_name", "file"]):
    print(f"{country} ({file}): {'; '.join(rows['where'])}")

# %% [markdown]
# The excerpts the reports quote under this objective (`round_table_evidence`) must all be
# among these passages: a quote that is not would be evidence of nothing counted.

# %%
quoted = run.round_table_evidence
quoted = quoted[(quoted["region"] == region) & (quoted["cycle"] == cycle)
                & (quoted["objective"] == objective)]
found = run.evidence(region=region, objective=objective, cycle=cycle)
missing = set(quoted["passage_id"]) - set(found["passage_id"])
print(f"{quoted['passage_id'].nunique()} passages quoted, {len(missing)} not behind a finding")
assert not missing, missing
quoted.drop_duplicates("passage_id")[["category", "country_name", "file", "page", "excerpt"]]
