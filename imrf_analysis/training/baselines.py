"""Baselines the tagger is measured against, scoring passages like ``Tagger.score``.

* ``TitleKeywordTagger``: the share of an objective's title keywords (EN/FR/ES official titles
  and Hub short names, words of four letters or more) found in the passage; for a guiding
  principle, the share of its name's keywords.
* ``TfidfLogisticTagger``: TF-IDF on folded words (unigrams and bigrams) and one-vs-rest
  logistic regression (scikit-learn), fitted on the same training examples as the classifiers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS as SLUGS
from imrf_analysis.reference.gcm import GUIDING_PRINCIPLES, LANGUAGES, OBJECTIVES
from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS as NUMBERS
from imrf_analysis.tagging.scoring import PassageScores, Thresholds
from imrf_analysis.tagging.text import fold
from imrf_analysis.training.examples import TrainingExample

_WORD = re.compile(r"\w+")
_MIN_KEYWORD_LENGTH = 4
# Words of four letters or more in titles that say nothing about the topic.
_TITLE_STOPWORDS = frozenset({
    "with", "that", "their", "from", "into", "through", "basis", "pour", "dans", "avec", "leur",
    "leurs", "afin", "sont", "tous", "toutes", "sobre", "para", "entre", "todas", "todos",
    "mediante", "como", "which", "qu'ils", "sus", "other", "autres", "otros",
})


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def _keywords(names: Sequence[str]) -> frozenset[str]:
    return frozenset(w for name in names for w in _words(name)
                     if len(w) >= _MIN_KEYWORD_LENGTH and w not in _TITLE_STOPWORDS)


def _passage_scores(objective_scores: dict[int, float],
                    principle_scores: dict[str, float]) -> PassageScores:
    return PassageScores(
        objective_scores={n: round(objective_scores.get(n, 0.0), 4) for n in NUMBERS},
        guiding_principle_scores={s: round(principle_scores.get(s, 0.0), 4) for s in SLUGS},
        objective_evidence={}, guiding_principle_evidence={})


class TitleKeywordTagger:
    """Keyword matching on objective titles and principle names, per language."""

    def __init__(self, threshold: float = 0.34) -> None:
        self.thresholds = Thresholds(default=threshold)
        self._objectives = {(o.number, lang): _keywords([o.title[lang], o.short_name[lang]])
                            for o in OBJECTIVES for lang in LANGUAGES}
        self._principles = {(p.slug, lang): _keywords([p.name[lang]])
                            for p in GUIDING_PRINCIPLES for lang in LANGUAGES}

    @staticmethod
    def _share(words: set[str], keywords: frozenset[str]) -> float:
        return len(words & keywords) / len(keywords) if keywords else 0.0

    def score(self, texts: Sequence[str], languages: Sequence[str | None],
              heading_paths: Sequence[Sequence[str]] | None = None) -> list[PassageScores]:
        """Score passages by the share of each label's keywords they contain.

        Returns:
            One ``PassageScores`` per passage (no evidence); an unknown language takes the best
            of English, French and Spanish.
        """
        scored = []
        for text, language in zip(texts, languages, strict=True):
            words = _words(text)
            langs = (language,) if language in LANGUAGES else LANGUAGES
            scored.append(_passage_scores(
                {n: max(self._share(words, self._objectives[(n, lang)]) for lang in langs)
                 for n in NUMBERS},
                {s: max(self._share(words, self._principles[(s, lang)]) for lang in langs)
                 for s in SLUGS}))
        return scored


class TfidfLogisticTagger:
    """TF-IDF + one-vs-rest logistic regression, one model per label type."""

    def __init__(self, examples: Sequence[TrainingExample], threshold: float = 0.5,
                 seed: int = 0) -> None:
        self.thresholds = Thresholds(default=threshold)
        self._models: dict[str, tuple[TfidfVectorizer, OneVsRestClassifier, list[str]]] = {}
        for kind, labels in (("objectives", [str(n) for n in NUMBERS]),
                             ("guiding_principles", list(SLUGS))):
            known = [e for e in examples if getattr(e, kind) is not None]
            targets = np.array([[label in {str(v) for v in getattr(e, kind)} for label in labels]
                                for e in known], dtype=int)
            present = [i for i in range(len(labels)) if targets[:, i].any()]
            vectorizer = TfidfVectorizer(preprocessor=fold, ngram_range=(1, 2),
                                         sublinear_tf=True)
            features = vectorizer.fit_transform([e.text for e in known])
            model = OneVsRestClassifier(LogisticRegression(
                class_weight="balanced", max_iter=2000, random_state=seed))
            model.fit(features, targets[:, present])
            self._models[kind] = (vectorizer, model, [labels[i] for i in present])

    def _probabilities(self, kind: str, texts: Sequence[str]) -> list[dict[str, float]]:
        vectorizer, model, labels = self._models[kind]
        matrix = model.predict_proba(vectorizer.transform(list(texts)))
        return [dict(zip(labels, (float(p) for p in row), strict=True)) for row in matrix]

    def score(self, texts: Sequence[str], languages: Sequence[str | None],
              heading_paths: Sequence[Sequence[str]] | None = None) -> list[PassageScores]:
        """Score passages with the fitted models (language and headings are not used).

        Returns:
            One ``PassageScores`` per passage (no evidence).
        """
        objectives = self._probabilities("objectives", texts)
        principles = self._probabilities("guiding_principles", texts)
        return [_passage_scores({int(k): v for k, v in o.items()}, p)
                for o, p in zip(objectives, principles, strict=True)]
