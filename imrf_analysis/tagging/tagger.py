"""The tagger: headings, explicit mentions, lexicons and trained classifiers, per passage.

Signals (``scoring.SOURCES``): the enclosing headings, explicit mentions of objectives, the
lexicons, the ``textcat_multilabel`` classifiers (see ``classifier``), which read the same
lemma keys the lexicons match on, and the heads over a multilingual encoder (see
``encoder_classifier``), which read the passage's meaning in any language. ``signals`` picks
which of them a tagger uses, so rules-only, classifier-only and encoder-only taggers can be
measured too.

Languages: English, French and Spanish passages get all signals. Arabic and Russian passages
have no lexicon yet and get the heading, mention and encoder signals (the encoder reads them,
but its heads were trained on English, French and Spanish text only and are not measured on
them). A passage whose language is missing or unknown is matched against the English, French
and Spanish lexicons and keeps, per label, the best of the three: no language is guessed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from imrf_analysis.tagging.classifier import TextClassifier, bundled_model_dir, classifier_words
from imrf_analysis.tagging.encoder import EmbeddingStore
from imrf_analysis.tagging.encoder_classifier import EncoderClassifier, bundled_encoder_model_dir
from imrf_analysis.tagging.lexicons import LEXICON_LANGUAGES, term_weights
from imrf_analysis.tagging.mentions import find_objective_mentions
from imrf_analysis.tagging.pipeline import SPANS_KEY, build_pipeline
from imrf_analysis.tagging.scoring import (
    DEFAULT_SIGNAL_SCORES,
    DEFAULT_THRESHOLDS,
    SOURCES,
    PassageScores,
    ScoreSheet,
    SignalScores,
    Thresholds,
    lexicon_score,
)
from imrf_analysis.tagging.structure import (
    guiding_principles_in_heading_path,
    objectives_in_heading_path,
)

# Languages whose passages get headings and mentions only (no lexicon yet).
STRUCTURE_ONLY_LANGUAGES: tuple[str, ...] = ("ar", "ru")

# span label -> (score, terms, whether a term names the label on its own)
LexiconHits = dict[str, tuple[float, list[str], bool]]
NAMING_WEIGHT = 1.0  # lexicon weight of a term that names its label on its own
ENCODER_EVIDENCE_FLOOR = 0.1  # encoder probabilities below this are no evidence for a label
ClassifierScores = dict[str, float]  # span label -> calibrated classifier score


class PassageEncoder(Protocol):
    """What the tagger asks of its encoder.

    ``EncoderClassifier`` in use; scores fixed beforehand when measuring (``training.crossval``).
    """

    def predict(self, texts: list[str], batch_size: int = 64) -> list[dict[str, float]]:
        """Return each passage's probability per label (empty for a passage not read)."""
        ...


def _without_acronym_repeats(spans: list[Span]) -> list[Span]:
    # An acronym in brackets right after a term of the same label spells that term out again.
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        bracketed = span.start > 0 and span.doc[span.start - 1].text == "("
        if (kept and bracketed and len(span) == 1 and span.text.isupper()
                and span.start - 1 == kept[-1].end):
            continue
        kept.append(span)
    return kept


def lexicon_languages_for(language: str | None) -> tuple[str, ...]:
    """Return the lexicons a passage in ``language`` is matched against.

    ``"en-GB"`` reads as ``"en"``; a missing or unknown language tries all three lexicons.
    """
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    if code in LEXICON_LANGUAGES:
        return (code,)
    if code in STRUCTURE_ONLY_LANGUAGES:
        return ()
    return LEXICON_LANGUAGES


class Tagger:
    """Scores passages for the 23 objectives and the 10 guiding principles."""

    def __init__(self, thresholds: Thresholds = DEFAULT_THRESHOLDS,
                 signal_scores: SignalScores = DEFAULT_SIGNAL_SCORES,
                 batch_size: int = 256, classifier: TextClassifier | None = None,
                 signals: Sequence[str] = SOURCES,
                 encoder: PassageEncoder | None = None) -> None:
        unknown = set(signals) - set(SOURCES)
        if unknown:
            raise ValueError(f"unknown signals {sorted(unknown)}; known: {SOURCES}")
        self.thresholds = thresholds
        self.signal_scores = signal_scores
        self.batch_size = batch_size
        self.classifier = classifier
        self.encoder = encoder
        self.signals = frozenset(signals)
        self._pipelines: dict[str, Language] = {}

    @classmethod
    def load(cls, model_dir: Path | None = None, signals: Sequence[str] = SOURCES,
             encoder_dir: Path | None = None, embeddings: Path | None = None,
             encoder_threads: int | None = None) -> Tagger:
        """Return a tagger with the default settings and the trained models.

        Args:
            model_dir: A folder written by ``imrf train``; ``None`` takes the bundled model.
            signals: The signals to use (default: all); without ``"classifier"`` or
                ``"encoder"`` that model is not loaded.
            encoder_dir: An encoder pipeline written by ``imrf train --reference``; ``None``
                takes the bundled one.
            embeddings: A file where passage vectors are kept across runs (``EmbeddingStore``).
            encoder_threads: Threads of the encoder (default: every core).

        Returns:
            A new tagger; the lexicon pipelines are built on first use.

        Raises:
            FileNotFoundError: ``model_dir`` holds no trained model (the bundled model, when
                missing, only leaves the classifier out).
        """
        classifier = None
        if "classifier" in signals:
            if model_dir is not None:
                classifier = TextClassifier.from_disk(model_dir)
            elif bundled_model_dir().is_dir():
                classifier = TextClassifier.from_disk(bundled_model_dir())
        encoder = None
        if "encoder" in signals:
            if encoder_dir is not None:
                encoder = EncoderClassifier.from_disk(encoder_dir)
            elif (bundled_encoder_model_dir() / "config.cfg").is_file():
                encoder = EncoderClassifier.from_disk(bundled_encoder_model_dir())
        if encoder is not None:
            encoder.component.encoder.threads = encoder_threads
            if embeddings is not None:
                encoder.component.encoder.store = EmbeddingStore(embeddings)
        return cls(classifier=classifier, signals=signals, encoder=encoder)

    def pipeline(self, lang: str) -> Language:
        """Return the spaCy pipeline of ``lang``, building it the first time."""
        if lang not in self._pipelines:
            self._pipelines[lang] = build_pipeline(lang)
        return self._pipelines[lang]

    def _lexicon_hits(self, doc: Doc, lang: str) -> LexiconHits:
        weights = term_weights(lang)
        by_label = defaultdict(list)
        for span in doc.spans[SPANS_KEY]:
            by_label[span.label_].append(span)
        hits: LexiconHits = {}
        for label, spans in by_label.items():
            # Overlapping matches of one label count once (the longest), so "trafficking in
            # persons" does not also count "trafficking"; so does an acronym right after its
            # expansion, as in "sexual and gender-based violence (SGBV)".
            terms = {span.id_ for span in _without_acronym_repeats(filter_spans(spans))}
            ranked = sorted(terms, key=lambda t: (-weights[(label, t)], t))
            score = lexicon_score((weights[(label, t)] for t in ranked),
                                  self.signal_scores.lexicon_cap)
            names = any(weights[(label, t)] >= NAMING_WEIGHT for t in ranked)
            hits[label] = (score, ranked, names)
        return hits

    def _match_lexicons(self, texts: Sequence[str], languages: Sequence[str | None]
                        ) -> tuple[list[LexiconHits], list[ClassifierScores]]:
        best: list[LexiconHits] = [{} for _ in texts]
        classified: list[ClassifierScores] = [{} for _ in texts]
        use_lexicon = "lexicon" in self.signals
        use_classifier = "classifier" in self.signals and self.classifier is not None
        if not use_lexicon and not use_classifier:
            return best, classified
        for lang in LEXICON_LANGUAGES:
            indices = [i for i, language in enumerate(languages)
                       if lang in lexicon_languages_for(language)]
            if not indices:
                continue
            # A text repeated in a review (a running title, a table label) is matched once;
            # the classifier still reads every passage, in the same batches.
            distinct = list(dict.fromkeys(texts[i] for i in indices))
            docs_by_text = dict(zip(distinct, self.pipeline(lang).pipe(
                distinct, batch_size=self.batch_size), strict=True))
            docs = [docs_by_text[texts[i]] for i in indices]
            if use_lexicon:
                hits_by_text = {text: self._lexicon_hits(doc, lang)
                                for text, doc in docs_by_text.items()}
                for i in indices:
                    for label, hit in hits_by_text[texts[i]].items():
                        if hit[0] > best[i].get(label, (0.0, [], False))[0]:
                            best[i][label] = hit
            if use_classifier:
                assert self.classifier is not None
                predicted = self.classifier.predict([classifier_words(doc) for doc in docs],
                                                    lang, self.batch_size)
                for i, scores in zip(indices, predicted, strict=True):
                    for label, score in scores.items():
                        classified[i][label] = max(score, classified[i].get(label, 0.0))
        return best, classified

    def _encoder_scores(self, texts: Sequence[str], paths: Sequence[Sequence[str]],
                        encode: Sequence[bool] | None) -> list[ClassifierScores]:
        if "encoder" not in self.signals or self.encoder is None:
            return [{} for _ in texts]
        # The encoder reads what the structure does not already say: not a passage under a
        # heading that names its one objective (nor one the caller leaves out, nor, in the
        # component, one too short to encode).
        read = [(encode is None or encode[i])
                and len(objectives_in_heading_path(paths[i])[0]) != 1
                for i in range(len(texts))]
        distinct = list(dict.fromkeys(text for text, r in zip(texts, read, strict=True) if r))
        scored = dict(zip(distinct, self.encoder.predict(distinct), strict=True))
        return [scored[text] if r else {} for text, r in zip(texts, read, strict=True)]

    def _score_one(self, text: str, heading_path: Sequence[str], hits: LexiconHits,
                   classified: ClassifierScores, encoded: ClassifierScores) -> PassageScores:
        signals = self.signal_scores
        sheet = ScoreSheet({"objective": signals.encoder_blend,
                            "guiding_principle": signals.principle_encoder_blend}
                           if encoded else None)
        if "heading" in self.signals:
            objectives, heading = objectives_in_heading_path(heading_path)
            for number in objectives:
                sheet.add("objective", number, "heading", signals.heading, [heading])
            principles, heading = guiding_principles_in_heading_path(heading_path)
            for slug in principles:
                sheet.add("guiding_principle", slug, "heading", signals.heading, [heading])
        if "mention" in self.signals:
            for mention in find_objective_mentions(text):
                score = (signals.mention_naming_compact if mention.names_the_compact
                         else signals.mention)
                for number in mention.objectives:
                    sheet.add("objective", number, "mention", score, [mention.text])
        confirm = "classifier" in self.signals and self.classifier is not None
        for span_label, (score, terms, names) in hits.items():
            label_type, label = span_label.split(":", 1)
            # A term that names the objective ("remittances") stands without the classifier,
            # which reads the passage as a whole and misses an objective raised in one clause.
            if confirm and label_type == "objective" and not names:
                backing = min(1.0, 2 * classified.get(span_label, 0.0))
                score *= signals.lexicon_unconfirmed + (1 - signals.lexicon_unconfirmed) * backing
            sheet.add(label_type, int(label) if label_type == "objective" else label,
                      "lexicon", score, terms)
        for span_label, score in classified.items():
            if score < signals.classifier_floor:
                continue
            label_type, label = span_label.split(":", 1)
            weight = (signals.classifier_weight if label_type == "objective"
                      else signals.principle_classifier_weight)
            sheet.add(label_type, int(label) if label_type == "objective" else label,
                      "classifier", weight * score, [f"classifier {score:.2f}"])
        for span_label, probability in encoded.items():
            if probability < ENCODER_EVIDENCE_FLOOR:
                continue
            label_type, label = span_label.split(":", 1)
            sheet.add(label_type, int(label) if label_type == "objective" else label,
                      "encoder", probability, [f"encoder {probability:.2f}"])
        return sheet.freeze()

    def score(self, texts: Sequence[str], languages: Sequence[str | None],
              heading_paths: Sequence[Sequence[str]] | None = None,
              encode: Sequence[bool] | None = None) -> list[PassageScores]:
        """Score passages for every objective and guiding principle.

        Args:
            texts: Passage texts.
            languages: Language code of each passage (``None`` when unknown).
            heading_paths: Enclosing headings of each passage, outermost first.
            encode: Which passages the encoder may read (default: all). It never reads a
                passage under a heading naming its one objective, nor one under 8 words.

        Returns:
            One ``PassageScores`` per passage, in input order.

        Raises:
            ValueError: the sequences differ in length.
        """
        paths: Sequence[Sequence[str]] = heading_paths if heading_paths is not None else [
            () for _ in texts]
        if not len(texts) == len(languages) == len(paths):
            raise ValueError(f"{len(texts)} texts, {len(languages)} languages and "
                             f"{len(paths)} heading paths: give one of each per passage")
        hits, classified = self._match_lexicons(texts, languages)
        encoded = self._encoder_scores(texts, paths, encode)
        return [self._score_one(text, path, hit, cls, enc) for text, path, hit, cls, enc
                in zip(texts, paths, hits, classified, encoded, strict=True)]
