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
# Loads the datasets written by `make run` (or `imrf run`) from `data/processed/` and
# reproduces two things from the regional reports: the "N of M reviews" table of one region and
# its coverage heat map. Set `IMRF_OUTPUT_DIR` to explore another run's output folder.

# %%
import os
from pathlib import Path

import pandas as pd
from IPython.display import Image

from imrf_analysis import charts, gcm
from imrf_analysis.catalog import Catalog

output = Path(os.environ.get("IMRF_OUTPUT_DIR", Path.cwd().parent))
catalog = Catalog.under(input_dir=output / "data" / "raw", output_dir=output)
documents = catalog.load("documents")
totals = catalog.load("objective_totals")
matrix = catalog.load("country_objective_matrix")
print(f"{len(documents)} documents from {documents['country_iso3'].nunique()} countries")

# %% [markdown]
# ## Which objectives do the reviews of a region report on?
# Pick the region with the most reviews; every figure below traces back to passages
# (`country_objective_matrix.passage_ids`) and from there to file and page.

# %%
region = (totals[totals["region"] != "GLOBAL"].groupby("region")["reviews_total"].max()
          .idxmax())
table = (totals[totals["region"] == region]
         .assign(title=lambda t: t["objective"].map(lambda n: gcm.objective(n).short_name["en"]))
         [["round_table", "objective", "title", "label", "countries_reporting"]]
         .sort_values(["round_table", "objective"]))
table

# %% [markdown]
# ## Coverage heat map of the region

# %%
figure = charts.plot_coverage_heatmap(matrix, region)
Image(charts.figure_png_bytes(figure))

# %% [markdown]
# ## Trace one cell back to its pages

# %%
passages = catalog.load("passages").set_index("passage_id")
cell = matrix[(matrix["region"] == region) & (matrix["passages"] > 0)].iloc[0]
pd.DataFrame([passages.loc[pid, ["file", "page", "text"]] for pid in cell["passage_ids"]])
