"""Measure tagging against labelled passages: precision, recall, F1 and top-1 accuracy.

A labelled row is ``{"text", "language"?, "heading_path"?, "objectives": [int],
"guiding_principles": [slug] | null, "labels_complete"?, "doc_kind"?}``. Rows whose
``labels_complete`` is ``"no"`` list only some of their labels: they count for recall only (a
label predicted there but not listed is not counted as a false positive). Rows whose
``guiding_principles`` is ``null`` were not labelled with principles: their principles are
not judged.

Macro averages are taken over the labels that occur in the gold rows evaluated, so a label
no row carries neither helps nor hurts; ``macro_min5`` only over labels with at least 5 gold
rows. Top-1 accuracy is the share of rows with at least one
gold objective whose highest-scored objective is a gold one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS
from imrf_analysis.tagging.mentions import find_objective_mentions
from imrf_analysis.tagging.scoring import PassageScores, Thresholds

SLICE_KEYS: tuple[str, ...] = ("language", "doc_kind", "labelled_set")
MIN_SUPPORT_FOR_MACRO = 5


class ScoringTagger(Protocol):
    """Anything that scores passages like ``imrf_analysis.tagging.Tagger``."""

    thresholds: Thresholds

    def score(self, texts: Sequence[str], languages: Sequence[str | None],
              heading_paths: Sequence[Sequence[str]] | None = None) -> list[PassageScores]:
        """Score passages for every objective and guiding principle."""
        ...


def _indicator(rows: list[list[Any]], labels: Sequence[Any]) -> np.ndarray:
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(rows), len(labels)), dtype=int)
    for r, row_labels in enumerate(rows):
        for label in row_labels:
            if label in index:
                matrix[r, index[label]] = 1
    return matrix


def _prf(gold: np.ndarray, predicted: np.ndarray, columns: list[int] | None,
         average: str | None) -> tuple[Any, Any, Any, Any]:
    return precision_recall_fscore_support(gold, predicted, labels=columns, average=average,
                                           zero_division=0)


def _label_metrics(gold: np.ndarray, predicted: np.ndarray,
                   labels: Sequence[Any]) -> dict[str, Any]:
    present = [i for i in range(len(labels)) if gold[:, i].any()]
    micro = _prf(gold, predicted, None, "micro")
    result: dict[str, Any] = {"micro": dict(zip(("precision", "recall", "f1"),
                                                (float(v) for v in micro[:3]), strict=True))}
    if present:
        macro = _prf(gold, predicted, present, "macro")
        result["macro"] = dict(zip(("precision", "recall", "f1"), (float(v) for v in macro[:3]),
                                   strict=True))
    else:
        result["macro"] = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    result["macro"]["labels"] = len(present)
    frequent = [i for i in range(len(labels)) if gold[:, i].sum() >= MIN_SUPPORT_FOR_MACRO]
    macro5 = _prf(gold, predicted, frequent, "macro") if frequent else (0.0, 0.0, 0.0)
    result["macro_min5"] = {"f1": float(macro5[2]), "labels": len(frequent)}
    return result


def _per_label(gold: np.ndarray, predicted: np.ndarray,
               labels: Sequence[Any]) -> dict[str, dict[str, float]]:
    precision, recall, f1, support = _prf(gold, predicted, list(range(len(labels))), None)
    return {str(label): {"precision": float(p), "recall": float(r), "f1": float(f),
                         "support": int(s)}
            for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)}


def _top1(gold_objectives: list[list[int]], scores: list[PassageScores]) -> dict[str, float]:
    judged = [(gold, s.top_objective()) for gold, s in zip(gold_objectives, scores, strict=True)
              if gold]
    hits = sum(top in gold for gold, top in judged)
    return {"accuracy": hits / len(judged) if judged else 0.0, "rows": len(judged)}


def _metrics(rows: list[dict[str, Any]], scores: list[PassageScores],
             thresholds: Thresholds, with_labels: bool) -> dict[str, Any]:
    complete = np.array([[row.get("labels_complete") != "no"] for row in rows], dtype=bool)
    principles_known = np.array([[row.get("guiding_principles") is not None] for row in rows],
                                dtype=bool)
    result: dict[str, Any] = {"rows": len(rows)}
    for kind, labels, gold_key, predict in (
            ("objectives", OBJECTIVE_NUMBERS, "objectives",
             lambda s: s.objectives(thresholds)),
            ("guiding_principles", GUIDING_PRINCIPLE_SLUGS, "guiding_principles",
             lambda s: s.guiding_principles(thresholds))):
        gold = _indicator([list(row.get(gold_key) or []) for row in rows], labels)
        predicted = _indicator([predict(s) for s in scores], labels)
        # Rows with incomplete labels: a prediction outside their list is not judged.
        judged = complete & principles_known if kind == "guiding_principles" else complete
        predicted = np.where(judged, predicted, predicted & gold)
        result[kind] = _label_metrics(gold, predicted, labels)
        if with_labels:
            result[kind]["per_label"] = _per_label(gold, predicted, labels)
    result["objectives"]["top1"] = _top1(
        [[int(n) for n in row.get("objectives") or []] for row in rows], scores)
    return result


def _field_value(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: str(row.get(key) or "unknown")


def names_the_objective(row: dict[str, Any]) -> str:
    """Return ``"yes"`` when the passage names an objective by number, else ``"no"``."""
    return "yes" if find_objective_mentions(str(row.get("text") or "")) else "no"


def evaluate(rows: list[dict[str, Any]], tagger: ScoringTagger) -> dict[str, Any]:
    """Score labelled rows with ``tagger`` and compare with their labels.

    Returns:
        A JSON-ready dict: overall ``objectives`` and ``guiding_principles`` metrics (micro and
        macro P/R/F1, per-label P/R/F1 with support, objective top-1 accuracy), the same
        without per-label detail for each slice in ``slices[key][value]`` (keys ``SLICE_KEYS``
        and ``names_objective``), and the thresholds used.
    """
    scores = tagger.score([str(row.get("text") or "") for row in rows],
                          [row.get("language") for row in rows],
                          [list(row.get("heading_path") or []) for row in rows])
    thresholds = tagger.thresholds
    metrics = _metrics(rows, scores, thresholds, with_labels=True)
    metrics["slices"] = {}
    slicers: dict[str, Callable[[dict[str, Any]], str]] = {
        key: _field_value(key) for key in SLICE_KEYS}
    slicers["names_objective"] = names_the_objective
    for key, slicer in slicers.items():
        values = [slicer(row) for row in rows]
        metrics["slices"][key] = {}
        for value in sorted(set(values)):
            picked = [i for i, v in enumerate(values) if v == value]
            metrics["slices"][key][value] = _metrics(
                [rows[i] for i in picked], [scores[i] for i in picked], thresholds,
                with_labels=False)
    metrics["settings"] = {
        "thresholds": {"default": thresholds.default,
                       "objective": {str(k): v for k, v in thresholds.objective.items()},
                       "guiding_principle": dict(thresholds.guiding_principle),
                       "top_objective": thresholds.top_objective},
        "incomplete_rows": sum(row.get("labels_complete") == "no" for row in rows),
        "macro_over": "labels present in the gold rows",
    }
    return metrics


def _summary_line(name: str, block: dict[str, Any], width: int) -> str:
    objectives, principles = block["objectives"], block["guiding_principles"]
    return (f"{name:<{width}}{block['rows']:>5}  {objectives['micro']['precision']:>5.2f} "
            f"{objectives['micro']['recall']:>5.2f} {objectives['micro']['f1']:>5.2f} "
            f"{objectives['macro']['f1']:>6.2f} {objectives['top1']['accuracy']:>6.2f}   "
            f"{principles['micro']['f1']:>6.2f} {principles['macro']['f1']:>6.2f}")


def format_metrics_table(metrics: dict[str, Any]) -> str:
    """Return the metrics of ``evaluate`` as a plain-text table for a terminal."""
    slices = [(f"{key}={value}", block) for key, values in metrics.get("slices", {}).items()
              for value, block in values.items()]
    width = max([len(name) for name, _ in slices] + [24]) + 2
    header = (f"{'':<{width}}{'rows':>5}  {'obj P':>5} {'R':>5} {'F1':>5} {'macro':>6} "
              f"{'top1':>6}   {'gp F1':>6} {'macro':>6}")
    lines = [header, "-" * len(header), _summary_line("all", metrics, width)]
    lines += [_summary_line(name, block, width) for name, block in slices]
    for kind in ("objectives", "guiding_principles"):
        lines += ["", f"{kind + ':':<28}{'P':>5} {'R':>5} {'F1':>5} {'support':>8}"]
        for label, m in metrics[kind]["per_label"].items():
            if m["support"] or m["precision"]:
                lines.append(f"  {label:<26}{m['precision']:>5.2f} {m['recall']:>5.2f} "
                             f"{m['f1']:>5.2f} {m['support']:>8}")
    return "\n".join(lines)


def compare(rows: list[dict[str, Any]], taggers: dict[str, ScoringTagger]) -> dict[str, Any]:
    """Evaluate several taggers on the same rows.

    Returns:
        ``{"taggers": {name: evaluate(rows, tagger)}, "order": [names]}``.
    """
    return {"order": list(taggers),
            "taggers": {name: evaluate(rows, tagger) for name, tagger in taggers.items()}}


def _comparison_line(name: str, block: dict[str, Any]) -> str:
    objectives, principles = block["objectives"], block["guiding_principles"]
    return (f"{name:<22}{block['rows']:>5}  {objectives['micro']['precision']:>5.2f} "
            f"{objectives['micro']['recall']:>5.2f} {objectives['micro']['f1']:>5.2f} "
            f"{objectives['top1']['accuracy']:>6.2f}   {principles['micro']['f1']:>6.2f} "
            f"{principles['macro_min5']['f1']:>7.2f}")


def _labelled_sets(comparison: dict[str, Any]) -> list[str]:
    names: set[str] = set()
    for block in comparison["taggers"].values():
        names |= set(block.get("slices", {}).get("labelled_set", {}))
    return sorted(names) if len(names) > 1 else []


def format_comparison_table(comparison: dict[str, Any]) -> str:
    """Return the taggers of ``compare`` side by side, overall and per language."""
    header = (f"{'tagger':<22}{'rows':>5}  {'obj P':>5} {'R':>5} {'F1':>5} {'top1':>6}   "
              f"{'gp F1':>6} {'macro5':>7}")
    lines: list[str] = []
    for title, pick in [("all languages", lambda m: m)] + [
            (f"language={lang}", lambda m, lang=lang: m["slices"]["language"].get(lang))
            for lang in ("en", "fr", "es")] + [
            ("passages that do not name the objective",
             lambda m: m["slices"].get("names_objective", {}).get("no"))] + [
            (f"set={name}", lambda m, name=name: m["slices"]["labelled_set"].get(name))
            for name in _labelled_sets(comparison)]:
        blocks = [(name, pick(comparison["taggers"][name])) for name in comparison["order"]]
        blocks = [(name, block) for name, block in blocks if block]
        if not blocks:
            continue
        lines += ["", title, header, "-" * len(header)]
        lines += [_comparison_line(name, block) for name, block in blocks]
    return "\n".join(lines[1:])
