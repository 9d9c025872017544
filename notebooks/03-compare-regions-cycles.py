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
# # Compare regions and cycles
#
# Which objectives do the reviews of one commission report on more, or less, than those of
# another, and what changed since the previous cycle? `run.compare()` gives one row per
# region, cycle, objective and measure (reported, progress, challenge, good practice,
# support), with the share of the region's national reviews: a tidy frame to pivot and plot.
# Set `IMRF_OUTPUT_DIR` to another run's output folder.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
from IPython.display import display

import imrf_analysis

run = imrf_analysis.open_run(os.environ.get("IMRF_OUTPUT_DIR", Path.cwd().parent))
commissions = [region for region in run.regions if region != "GLOBAL"]
print(run)
print("cycles in this run:", ", ".join(run.cycles))
print("commissions with a review:", ", ".join(commissions))

# %% [markdown]
# ## Cycles
# Comparing two cycles compares different sets of States unless the same States reviewed in
# both: `objective_totals` also counts the *panel*, the States with a review in both cycles.
# The bundled sample has a single cycle: then there is nothing to compare across cycles and
# the rest of the notebook compares regions.

# %%
if len(run.cycles) > 1:
    by_cycle = run.compare(regions=["GLOBAL"], measures=["reported"])
    change = by_cycle.pivot(index="objective_name", columns="cycle", values="share")
    change["change"] = change[run.cycles[-1]] - change[run.cycles[-2]]
    display(change.sort_values("change"))
else:
    print(f"One cycle ({run.cycles[0]}): comparing regions only.")

# %% [markdown]
# ## Regions, objective by objective
# Share of each commission's national reviews that report on each objective in the latest
# cycle. A State in two commissions counts in both.

# %%
cycle = run.cycles[-1]
table = run.compare(regions=commissions, cycles=[cycle])
reported = table[table["measure"] == "reported"]
shares = reported.pivot(index="objective", columns="region", values="share")[commissions]
totals = reported.groupby("region")["reviews_total"].first()[commissions]

figure, axes = plt.subplots(figsize=(11, 4.5))
shares.plot.bar(ax=axes, width=0.8, rot=0)
axes.set_xlabel("GCM objective")
axes.set_ylabel("share of national reviews reporting")
axes.set_ylim(0, 1)
axes.legend([f"{region} ({n} reviews)" for region, n in totals.items()], ncols=len(totals),
            loc="upper center", bbox_to_anchor=(0.5, 1.15), frameon=False)
axes.set_title(f"Reporting on the 23 objectives by regional commission, cycle {cycle}", pad=30)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Where the regions differ most
# The objectives with the widest gap between the commission reporting most and the one
# reporting least. With a handful of reviews per region a gap of one review is a large
# share: read the "N of M" labels before drawing a conclusion.

# %%
labels = reported.pivot(index="objective", columns="region", values="label")[commissions]
names = reported.drop_duplicates("objective").set_index("objective")["objective_name"]
gap = (shares.max(axis=1) - shares.min(axis=1)).round(2).rename("gap")
widest = names.to_frame().join(labels).join(gap).sort_values("gap", ascending=False).head(8)
widest

# %% [markdown]
# ## Progress and challenges side by side
# The same comparison for what the reviews report: progress, challenges and good practices
# per commission, over all 23 objectives (reviews x objectives with that finding).

# %%
kinds = (table[table["measure"].isin(["progress", "challenge", "good_practice", "support"])]
         .groupby(["region", "measure"])["reviews"].sum().unstack("measure")
         .reindex(commissions)[["progress", "challenge", "good_practice", "support"]])
kinds
