"""Behaviour of the encoder heads shipped with the package: the same meaning in any language."""

import json

import pytest

from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS
from imrf_analysis.tagging import SignalScores, Tagger
from imrf_analysis.tagging.encoder_classifier import COMPONENT, bundled_encoder_model_dir

from .sentences import OBJECTIVE_SENTENCES, OFF_TOPIC_SENTENCES

LANGUAGES = ("en", "fr", "es")
MAX_HEADS_BYTES = 1024 * 1024


@pytest.fixture(scope="module")
def encoder_only(tagger):
    return Tagger(encoder=tagger.encoder, signals=("encoder",),
                  signal_scores=SignalScores(encoder_blend=1.0, principle_encoder_blend=1.0))


def test_the_default_tagger_loads_the_bundled_encoder_pipeline(tagger):
    assert tagger.encoder is not None
    assert "encoder" in tagger.signals
    assert tagger.encoder.nlp.pipe_names == [COMPONENT]


def test_bundled_heads_are_small_carry_their_card_and_no_training_text():
    model = bundled_encoder_model_dir()
    files = [p for p in model.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < MAX_HEADS_BYTES
    card = json.loads((model / "card.json").read_text(encoding="utf-8"))
    assert {"reference", "seed"} <= set(card["data"]["by_source"])
    assert card["objectives_without_examples"] == []
    assert not [p for p in files if p.suffix in (".jsonl", ".txt", ".md")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_encoder_alone_ranks_nearly_every_clear_sentence_s_objective_first(encoder_only, lang):
    scored = encoder_only.score([OBJECTIVE_SENTENCES[n][lang] for n in OBJECTIVE_NUMBERS],
                                [lang] * len(OBJECTIVE_NUMBERS))
    wrong = {n: s.top_objective() for n, s in zip(OBJECTIVE_NUMBERS, scored, strict=True)
             if s.top_objective() != n}
    assert len(wrong) <= 2, wrong


def test_encoder_gives_the_same_top_objective_whatever_the_language(encoder_only):
    disagreements = []
    for number in OBJECTIVE_NUMBERS:
        tops = {s.top_objective() for s in encoder_only.score(
            [OBJECTIVE_SENTENCES[number][lang] for lang in LANGUAGES], list(LANGUAGES))}
        if len(tops) > 1:
            disagreements.append(number)
    assert len(disagreements) <= 2, disagreements


@pytest.mark.parametrize("lang", LANGUAGES)
def test_encoder_keeps_no_objective_for_an_off_topic_sentence(encoder_only, lang):
    (scores,) = encoder_only.score([OFF_TOPIC_SENTENCES[lang]], [lang])
    assert scores.objectives() == []


def test_a_passage_too_short_to_encode_gets_no_encoder_evidence(encoder_only):
    (scores,) = encoder_only.score(["Objectif 5 : voies de migration"], ["fr"])
    assert scores.top_objective() is None


def test_encoder_reads_a_language_without_lexicon(tagger):
    # Russian has no lexicon: before the encoder, only headings and mentions could tag it.
    text = ("Правительство открыло новые легальные пути трудовой миграции и упростило выдачу "
            "рабочих виз для сезонных работников из соседних стран.")
    (scores,) = tagger.score([text], ["ru"])
    assert scores.top_objective() == 5  # regular pathways
    assert scores.objective_evidence[5][0] == "encoder"
