"""What a passage does, the support it asks for and the stakeholder groups it names.

Drafters sort a review's evidence by what a passage *does* (guidance note, annex 2): a progress
or implementation update, a gap or challenge, a good practice or lesson learned, or a request for
support (financing, capacity-building, policy advice, data, technology, partnerships); and by
the stakeholder groups it names (``imrf_analysis.reference.gcm.STAKEHOLDER_GROUPS``).

Content types come from the trained content classifier (``content_classifier``): polarity and
wording vary too much for cue words ("progress has been slow" is a challenge). What is named
comes from per-language cues: ``resources/content/<lang>.json`` maps each stakeholder group and
each support category to regular expressions matched at word starts on the folded text (lower
case, no accents); a label's score is ``1 - 0.4 ** n`` for ``n`` distinct cues found. A passage
the classifier reads as asking for support gets the support categories of the classifier and
those its cues name ("financing", "statistics", "equipment"): the classifier alone missed half
of them on held-out reviews, whose requests name their object in few words. A passage of
unknown language is read with all three cue sets. These labels come out of ``tag_content``, not
``tag_passages``; a processed review's tags hold both (``review_processing.process_review``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from imrf_analysis.reference.gcm import STAKEHOLDER_GROUPS
from imrf_analysis.store.schemas import SUPPORT_NEEDS, TAGS
from imrf_analysis.tagging.content_classifier import (
    ContentClassifier,
    content_label_rows,
    shared_content_classifier,
)
from imrf_analysis.tagging.lexicons import LEXICON_LANGUAGES
from imrf_analysis.tagging.text import fold

CONTENT_LABEL_TYPES: tuple[str, ...] = ("content_type", "support_need", "stakeholder_group")
CUE_LABELS: dict[str, tuple[str, ...]] = {"support_need": SUPPORT_NEEDS,
                                          "stakeholder_group": tuple(STAKEHOLDER_GROUPS)}
_MISS_PER_CUE = 0.4

CueScores = dict[str, tuple[float, list[str]]]  # group -> (score, cues)


def _cue_dir() -> Path:
    return Path(str(resources.files("imrf_analysis") / "resources" / "content"))


def read_cues(path: Path) -> dict[str, dict[str, re.Pattern[str]]]:
    """Read a cue file and compile one pattern per label (support category, stakeholder group).

    Raises:
        ValueError: the file is not valid JSON, names an unknown label type or group, or has a
            pattern that does not compile; the message names the file.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error.msg})") from None
    unknown = set(data) - set(CUE_LABELS)
    if unknown:
        raise ValueError(f"{path}: unknown label type {sorted(unknown)[0]!r}")
    compiled: dict[str, dict[str, re.Pattern[str]]] = {}
    for label_type, labels in data.items():
        compiled[label_type] = {}
        for label, cues in labels.items():
            if label not in CUE_LABELS[label_type]:
                raise ValueError(f"{path}: {label!r} is not a known {label_type}")
            try:
                compiled[label_type][label] = re.compile(
                    r"\b(" + "|".join(f"(?:{cue})" for cue in cues) + r")")
            except re.error as error:
                raise ValueError(f"{path}: a cue of {label!r} does not compile ({error})"
                                 ) from None
    return compiled


@cache
def load_cues(lang: str) -> dict[str, dict[str, re.Pattern[str]]]:
    """Return the bundled cues of ``lang`` (one of the lexicon languages)."""
    return read_cues(_cue_dir() / f"{lang}.json")


def named_by_cues(text: str, language: str | None, label_type: str) -> CueScores:
    """Return the labels of ``label_type`` a passage's cues name, with score and cues found.

    ``label_type`` is ``support_need`` or ``stakeholder_group``.
    """
    folded = fold(text)
    code = (language or "").split("-")[0].lower()
    found: CueScores = {}
    for lang in (code,) if code in LEXICON_LANGUAGES else LEXICON_LANGUAGES:
        for group, pattern in load_cues(lang).get(label_type, {}).items():
            cues = sorted(set(pattern.findall(folded)))
            score = 1 - _MISS_PER_CUE ** len(cues)
            if cues and score > found.get(group, (0.0, []))[0]:
                found[group] = (round(score, 4), cues)
    return found


def tag_content(passages: pd.DataFrame, classifier: ContentClassifier | None = None,
                threshold: float = 0.5, classify: Sequence[bool] | None = None) -> pd.DataFrame:
    """Tag passages by content type, support needed and stakeholder groups.

    Args:
        passages: Rows with ``passage_id``, ``document_id``, ``text`` and ``language``.
        classifier: The content classifier (default: the bundled one, loaded once).
        threshold: Score a stakeholder group needs to be kept (one cue is enough).
        classify: Which passages the content classifier reads (default: all); the others
            get stakeholder groups only, e.g. a cover or a list of consulted organisations.

    Returns:
        A new frame with the ``tags`` columns; ``label_type`` is one of
        ``CONTENT_LABEL_TYPES``; ``source`` is ``"classifier"`` for content types and support
        needs (the categories cues add to a request included), ``"cue"`` for stakeholder
        groups (``evidence`` lists the cues).
    """
    texts = passages["text"].fillna("").astype(str).tolist()
    ids = passages["passage_id"].astype(str).tolist()
    documents = passages["document_id"].astype(str).tolist()
    wanted = [True] * len(texts) if classify is None else [bool(c) for c in classify]
    classified = iter((classifier or shared_content_classifier()).labels(
        [text for text, keep in zip(texts, wanted, strict=True) if keep]))
    nothing: dict[str, dict[str, float]] = {"content_type": {}, "support_need": {}}
    labels = [next(classified) if keep else nothing for keep in wanted]
    languages = [None if pd.isna(v) else str(v) for v in passages["language"]]
    for found, text, lang in zip(labels, texts, languages, strict=True):
        if "support-needed" in found["content_type"]:
            for need, (score, _) in named_by_cues(text, lang, "support_need").items():
                found["support_need"][need] = max(score, found["support_need"].get(need, 0.0))
            found["support_need"] = {need: found["support_need"][need] for need in SUPPORT_NEEDS
                                     if need in found["support_need"]}
    rows = content_label_rows(ids, documents, labels)
    for pid, did, text, lang in zip(ids, documents, texts, languages, strict=True):
        groups = named_by_cues(text, lang, "stakeholder_group")
        for group in STAKEHOLDER_GROUPS:
            if group in groups and groups[group][0] >= threshold:
                score, cues = groups[group]
                rows.append({"passage_id": pid, "document_id": did,
                             "label_type": "stakeholder_group", "label": group, "score": score,
                             "source": "cue", "evidence": "; ".join(cues)})
    frame = pd.DataFrame(rows, columns=TAGS.names).astype({"score": "float64"})
    # Passage by passage, content labels before stakeholder groups.
    return frame.sort_values("passage_id", kind="stable", ignore_index=True)


def stakeholder_groups(text: str, language: str | None) -> CueScores:
    """Return the stakeholder groups a passage names, with their score and the cues found."""
    return named_by_cues(text, language, "stakeholder_group")
