"""Training examples, threshold choice and a capped classifier training run."""

import json

import numpy as np
import pandas as pd
import pytest

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS
from imrf_analysis.tagging import Tagger
from imrf_analysis.tagging.classifier import TextClassifier, calibrate
from imrf_analysis.training import (
    TrainingExample,
    key_examples,
    seed_examples,
    structural_examples,
    train_classifier,
)
from imrf_analysis.training.examples import composite_examples, read_seed_examples
from imrf_analysis.training.textcat import choose_thresholds
from imrf_analysis.training.train import EXAMPLES_FILE, read_examples


def test_seeds_cover_every_objective_and_principle_in_each_language():
    seeds = seed_examples()
    for lang in ("en", "fr", "es"):
        mine = [s for s in seeds if s.language == lang]
        assert {n for s in mine for n in s.objectives or ()} == set(OBJECTIVE_NUMBERS)
        assert {g for s in mine for g in s.guiding_principles or ()} == set(
            GUIDING_PRINCIPLE_SLUGS)
        assert any(s.objectives == () and s.guiding_principles == () for s in mine)


def test_objective_seed_leaves_its_principles_unknown():
    seed = next(s for s in seed_examples() if s.objectives)
    assert seed.guiding_principles is None


def test_seed_file_with_an_unknown_objective_is_rejected_naming_file_and_line(tmp_path):
    path = tmp_path / "xx.jsonl"
    path.write_text('{"text": "ok", "objectives": [5], "guiding_principles": []}\n'
                    '{"text": "bad", "objectives": [24], "guiding_principles": []}\n',
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"xx\.jsonl, line 2"):
        read_seed_examples(path, "en")


def _passages(rows):
    return pd.DataFrame(rows, columns=["text", "language", "heading_path"])


def test_passage_under_an_objective_heading_is_a_positive_for_it():
    passages = _passages([
        ("Consular staff assisted nationals detained abroad.", "en",
         ["Progress by objective", "Objective 14: consular protection"]),
        ("Ce chapitre présente la méthode.", "fr", ["Introduction"]),
        ("Las remesas crecieron.", "es", ["Objetivo 20"]),
    ])
    examples = structural_examples(passages)
    assert [(e.objectives, e.language) for e in examples] == [((14,), "en"), ((20,), "es")]
    assert all(e.source == "structure" for e in examples)


def test_boilerplate_repeated_across_reviews_is_kept_once_and_capped():
    passages = _passages(
        [(f"Ruritania opened {n} centres for returnees.", "en", ["Objective 21"])
         for n in range(5)]
        + [(f"Returnee support item {'x' * n} in the review.", "en", ["Objective 21"])
           for n in range(5)])
    examples = structural_examples(passages, max_per_objective=3)
    assert len(examples) == 3
    assert len({e.text for e in examples}) == 3


def test_structural_examples_name_the_missing_column():
    with pytest.raises(ValueError, match="heading_path"):
        structural_examples(pd.DataFrame({"text": ["a"], "language": ["en"]}))


def test_composites_join_texts_of_one_language_and_keep_their_labels():
    base = [TrainingExample(f"remesa {i}", "es", (20,), None, "seed") for i in range(4)]
    base += [TrainingExample(f"retorno {i}", "es", (21,), None, "seed") for i in range(4)]
    base += [TrainingExample(f"remittance {i}", "en", (20,), None, "seed") for i in range(4)]
    composites = composite_examples(base, per_label=6)
    for example in composites:
        assert set(example.objectives) <= {20, 21}
        if example.language == "en":
            assert "remesa" not in example.text and example.objectives == (20,)
        if 21 not in example.objectives:
            assert "retorno" not in example.text


def test_threshold_is_chosen_where_held_out_f1_is_best():
    truth = np.full((6, 33), -1.0)
    probabilities = np.zeros((6, 33))
    truth[:, 0] = [1, 1, 1, 0, 0, 0]
    probabilities[:, 0] = [0.9, 0.8, 0.35, 0.3, 0.1, 0.05]
    truth[:, 1] = [1, 0, 0, 0, 0, 0]  # too few positives: keeps 0.5
    probabilities[:, 1] = [0.2, 0.1, 0, 0, 0, 0]
    chosen = choose_thresholds(truth, probabilities)
    assert 0.3 < chosen["objectives"]["1"] <= 0.35
    assert chosen["objectives"]["2"] == 0.5


def test_calibration_puts_the_threshold_at_one_half_and_keeps_order():
    assert calibrate(0.2, 0.2) == pytest.approx(0.5)
    values = [calibrate(p, 0.3) for p in (0.0, 0.1, 0.3, 0.6, 1.0)]
    assert values == sorted(values) and values[0] == 0 and values[-1] == pytest.approx(1.0)


def test_loading_a_folder_without_a_model_names_the_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="thresholds.json"):
        TextClassifier.from_disk(tmp_path)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A capped training run (a few updates) on seeds: checks the plumbing, not quality."""
    model_dir = tmp_path_factory.mktemp("model") / "classifier"
    card = train_classifier(seed_examples(), model_dir, folds=0, max_epochs=2, max_steps=4)
    return model_dir, card


def test_training_writes_a_model_a_tagger_loads(tiny_model):
    model_dir, card = tiny_model
    assert card["layout"] == "multilingual" and card["data"]["xx"]["by_source"] == {"seed": 327}
    tagger = Tagger.load(model_dir)
    (scores,) = tagger.score(["Las remesas de los migrantes."], ["es"])
    assert set(scores.objective_scores) == set(OBJECTIVE_NUMBERS)
    assert any("classifier" in source for source, _ in scores.objective_evidence.values())


def test_training_keeps_its_examples_for_the_baselines(tiny_model):
    model_dir, _ = tiny_model
    examples = read_examples(model_dir / EXAMPLES_FILE)
    assert examples == seed_examples()


def test_training_examples_file_with_a_bad_line_is_named(tmp_path):
    path = tmp_path / EXAMPLES_FILE
    path.write_text(json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{EXAMPLES_FILE}, line 1"):
        read_examples(path)


def test_examples_are_keyed_on_folded_lemmas_in_their_language():
    (words,) = key_examples([TrainingExample("Les envois de fonds réguliers, 2024.", "fr",
                                             (20,), None, "seed")])
    assert "2024" not in words and "," not in words
    assert "regulier" in words


def test_an_unknown_training_language_is_refused():
    with pytest.raises(ValueError, match="'de'"):
        key_examples([TrainingExample("Rücküberweisungen", "de", (20,), None, "seed")])
