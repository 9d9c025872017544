"""Tagging metrics against labelled rows, on a scripted tagger so every number is known."""

import json

import pytest

from imrf_analysis.tagging import Thresholds
from imrf_analysis.tagging.evaluation import (
    compare,
    evaluate,
    format_comparison_table,
    format_metrics_table,
)
from imrf_analysis.tagging.scoring import ScoreSheet


class ScriptedTagger:
    """Scores each text from a script: text -> {objective or slug: score}."""

    thresholds = Thresholds()

    def __init__(self, script):
        self.script = script

    def score(self, texts, languages, heading_paths=None):
        results = []
        for text in texts:
            sheet = ScoreSheet()
            for label, score in self.script[text].items():
                kind = "objective" if isinstance(label, int) else "guiding_principle"
                sheet.add(kind, label, "lexicon", score, ["scripted"])
            results.append(sheet.freeze())
        return results


ROWS = [
    {"text": "a", "language": "en", "doc_kind": "review", "objectives": [20],
     "guiding_principles": ["human-rights"]},
    {"text": "b", "language": "en", "doc_kind": "review", "objectives": [5],
     "guiding_principles": []},
    {"text": "c", "language": "fr", "doc_kind": "note", "objectives": [8],
     "guiding_principles": ["gender-responsive"], "labels_complete": "no"},
    {"text": "d", "language": "fr", "doc_kind": "note", "objectives": [],
     "guiding_principles": ["child-sensitive"]},
]
SCRIPT = {
    "a": {20: 0.9, 6: 0.6, "human-rights": 0.8},   # right objective, one extra; principle right
    "b": {7: 0.7, 5: 0.4},                          # wrong top, gold 5 below threshold
    "c": {8: 0.9, 23: 0.8, "gender-responsive": 0.7, "whole-of-society": 0.9},  # incomplete row
    "d": {1: 0.6},                                  # no gold objective: excluded from top-1
}


@pytest.fixture(scope="module")
def metrics():
    return evaluate(ROWS, ScriptedTagger(SCRIPT))


def test_micro_scores_count_extra_labels_only_where_labels_are_complete(metrics):
    # TP: 20, 8. FP: 6 (row a), 7 (row b), 1 (row d); 23 on row c is not judged. FN: 5.
    micro = metrics["objectives"]["micro"]
    assert micro["precision"] == pytest.approx(2 / 5)
    assert micro["recall"] == pytest.approx(2 / 3)


def test_top1_counts_rows_with_a_gold_objective_only(metrics):
    assert metrics["objectives"]["top1"] == {"accuracy": pytest.approx(2 / 3), "rows": 3}


def test_macro_averages_over_labels_present_in_gold(metrics):
    # Objectives 5, 8 and 20 carry gold; their F1 are 0, 1 and 1.
    macro = metrics["objectives"]["macro"]
    assert macro["labels"] == 3
    assert macro["f1"] == pytest.approx((0 + 1 + 1) / 3)


def test_per_label_metrics_include_support(metrics):
    per_label = metrics["objectives"]["per_label"]
    assert per_label["20"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert per_label["5"]["support"] == 1 and per_label["5"]["recall"] == 0.0
    assert per_label["6"]["support"] == 0 and per_label["6"]["precision"] == 0.0
    assert set(metrics["guiding_principles"]["per_label"]) >= {"human-rights", "child-sensitive"}


def test_guiding_principles_are_scored_like_objectives(metrics):
    micro = metrics["guiding_principles"]["micro"]
    # TP: human-rights, gender-responsive. FN: child-sensitive. whole-of-society not judged.
    assert micro["precision"] == 1.0
    assert micro["recall"] == pytest.approx(2 / 3)


def test_slices_by_language_and_document_kind(metrics):
    assert set(metrics["slices"]["language"]) == {"en", "fr"}
    assert set(metrics["slices"]["doc_kind"]) == {"review", "note"}
    french = metrics["slices"]["language"]["fr"]
    assert french["rows"] == 2
    assert french["objectives"]["top1"] == {"accuracy": 1.0, "rows": 1}
    assert "per_label" not in french["objectives"]


def test_metrics_are_json_ready_and_print_as_a_table(metrics):
    assert json.loads(json.dumps(metrics, sort_keys=True)) == metrics
    table = format_metrics_table(metrics)
    assert "language=fr" in table and "doc_kind=note" in table
    assert "human-rights" in table


def test_macro_over_frequent_labels_ignores_labels_with_under_five_rows():
    rows = [{"text": str(i), "objectives": [20] if i < 5 else [8], "guiding_principles": []}
            for i in range(7)]
    script = {str(i): {20: 0.9} for i in range(7)}
    metrics = evaluate(rows, ScriptedTagger(script))
    assert metrics["objectives"]["macro_min5"] == {"f1": pytest.approx(2 * 5 / 12), "labels": 1}
    assert metrics["objectives"]["macro"]["labels"] == 2


def test_comparison_prints_each_tagger_overall_and_per_language():
    script = {"a": {20: 0.9}, "b": {5: 0.9}, "c": {8: 0.9}, "d": {}}
    empty = {text: {} for text in script}
    comparison = compare(ROWS, {"scripted": ScriptedTagger(script),
                                "silent": ScriptedTagger(empty)})
    assert comparison["order"] == ["scripted", "silent"]
    assert comparison["taggers"]["scripted"]["objectives"]["top1"]["accuracy"] == 1.0
    assert comparison["taggers"]["silent"]["objectives"]["micro"]["f1"] == 0.0
    table = format_comparison_table(comparison)
    assert "language=fr" in table and "language=es" not in table
    # all languages, language=en, language=fr, and the passages that name no objective
    assert "passages that do not name the objective" in table
    assert table.count("scripted") == 4 and table.count("silent") == 4
