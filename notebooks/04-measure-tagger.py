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
# # Measure the tagger on your own labelled passages
#
# How far can the objective and guiding-principle tags be trusted on the reviews you work
# with? Label a few passages yourself, measure the tagger on them as `imrf evaluate` does, and
# read its mistakes one by one. Set `IMRF_OUTPUT_DIR` to another run's output folder.

# %%
import json
import os
from pathlib import Path

import pandas as pd

import imrf_analysis
from imrf_analysis.analysis import tagging_errors
from imrf_analysis.reference import gcm
from imrf_analysis.store.jsonl import read_jsonl_objects
from imrf_analysis.tagging import Tagger
from imrf_analysis.tagging.evaluation import evaluate, format_metrics_table

run = imrf_analysis.open_run(os.environ.get("IMRF_OUTPUT_DIR", Path.cwd().parent))
print(run)
print("guiding principles:", ", ".join(gcm.GUIDING_PRINCIPLE_SLUGS))

# %% [markdown]
# ## Label a few passages of the run
# Each passage is found by its file and the words it starts with; the labels are yours: the
# objectives (1 to 23) the passage reports on and the guiding principles it shows (slugs as
# printed above; an empty list when it shows none). Replace them with passages of your own.

# %%
LABELS = [  # (file, the passage starts with, objectives, guiding principles)
    ("iraq-gcm-review-2026.pdf", "An integrated border management strategy",
     [11], ["human-rights"]),
    ("luxembourg-examen-pmm-2026.pdf", "Une réforme de la loi sur l’immigration", [5], []),
    ("costa-rica-informe-pmm-2026.pdf", "Todas las niñas y niños", [15], ["child-sensitive"]),
    ("ghana-vnr-gcm-2026.docx", "Returned migrants trained as peer educators",
     [3], ["whole-of-society"]),
    ("espana-examen-pmm-2026.docx", "Persisten brechas importantes", [1], ["child-sensitive"]),
    ("luxembourg-examen-pmm-2026.pdf", "Une loi contre les discriminations",
     [17], ["human-rights"]),
    ("bangladesh-gcm-review-2026.pdf", "In keeping with a whole-of-society approach",
     [], ["whole-of-society"]),
]
passages = run.passages
labelled = []
for file, start, objectives, principles in LABELS:
    found = passages[(passages["file"] == file) & passages["text"].str.startswith(start)]
    assert len(found) == 1, f"no single passage of {file} starts with {start!r}"
    passage = found.iloc[0]
    labelled.append({"id": passage["passage_id"], "text": passage["text"],
                     "language": passage["language"], "objectives": objectives,
                     "guiding_principles": principles})
pd.DataFrame(labelled)[["id", "language", "objectives", "guiding_principles", "text"]]

# %% [markdown]
# ## Write them as labelled passages
# One JSON object per line, the format `imrf evaluate` reads. Headings are left out: a
# passage under "Objective 5" is tagged from its heading, and here the tagger must find the
# objective in the text itself. A line may also say `"labels_complete": "no"` when it lists
# only some of its labels, and `"guiding_principles": null` when principles were not labelled.

# %%
gold = run.catalog.output_dir / "data" / "evaluation" / "my-labelled-passages.jsonl"
gold.parent.mkdir(parents=True, exist_ok=True)
gold.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in labelled),
                encoding="utf-8")
print(gold)
print(gold.read_text(encoding="utf-8").splitlines()[0][:200], "…")

# %% [markdown]
# ## Measure the tagger
# What `imrf evaluate my-labelled-passages.jsonl --no-baselines` does: read the file, score
# each passage with the bundled tagger, and compare with your labels (precision, recall and F1
# per objective and principle, overall and per language). The bundled models may have learnt
# from passages like these: read the figures as a check, not an estimate on unseen text
# (`imrf evaluate --cross-validate` gives that).

# %%
rows = [{**row, "labelled_set": gold.name} for _, row in read_jsonl_objects(gold)]
tagger = Tagger.load()
metrics = evaluate(rows, tagger)
print(format_metrics_table(metrics))

# %% [markdown]
# ## Read its mistakes
# Each false positive (a tag you did not give) and false negative (a label the tagger missed),
# with the tagger's score and the score the label needed. Seven passages say little about the
# tagger as a whole: label passages from reviews like the ones you compile, and more of them.

# %%
errors = tagging_errors(rows, tagger)
objective_errors = errors["kind"] == "objective"
errors.loc[objective_errors, "label"] = errors.loc[objective_errors, "label"].map(
    lambda n: f"{n} – {gcm.objective(int(n)).short_name['en']}")
print(f"{len(rows)} passages: {(errors['error'] == 'false positive').sum()} false positives, "
      f"{(errors['error'] == 'false negative').sum()} false negatives")
errors[["id", "language", "kind", "label", "error", "score", "threshold", "text"]]
