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
# # Explore a regional compilation
#
# Opens the run written by `make run` (or `imrf run`) and reproduces two things from the
# regional reports: the "N of M reviews" table of one region and its coverage heat map, then
# traces one cell back to file and page. Set `IMRF_OUTPUT_DIR` to explore another run's output
# folder (the folder holding `data/processed` and `reports`).

# %%
import os
from pathlib import Path

from IPython.display import Image

import imrf_analysis
from imrf_analysis.reporting import charts

run = imrf_analysis.open_run(os.environ.get("IMRF_OUTPUT_DIR", Path.cwd().parent))
print(run)
print("regions:", ", ".join(run.regions), "| cycles:", ", ".join(run.cycles))

# %% [markdown]
# ## Which objectives do the reviews of a region report on?
# Take the region with the most national reviews in the latest cycle. The counts come from the
# review findings, one row per review and objective; they are the counts the reports print.

# %%
cycle = run.cycles[-1]
coverage = run.coverage(cycles=[cycle])
regional = coverage[coverage["region"] != "GLOBAL"]
region = regional.groupby("region")["reviews_total"].max().idxmax()
table = (regional[regional["region"] == region]
         [["round_table", "objective", "objective_name", "label", "share"]]
         .sort_values(["round_table", "objective"]))
table

# %% [markdown]
# ## Coverage heat map of the region
# The chart of the regional synthesis: one row per reviewing State, one column per objective.

# %%
figure = charts.plot_coverage_heatmap(run.country_objective_matrix, region)
Image(charts.figure_png_bytes(figure))

# %% [markdown]
# ## Trace one cell back to its pages
# The objective most reviews of the region report on, and the passages behind it, cited as the
# reports cite them.

# %%
objective = int(table.sort_values("share", ascending=False)["objective"].iloc[0])
evidence = run.evidence(region=region, objective=objective, flag="reported", cycle=cycle)
evidence[["country_name", "citation", "evidence_of", "text"]]
