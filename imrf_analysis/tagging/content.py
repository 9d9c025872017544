"""Content type, support needed and stakeholder groups of a passage, by per-language cues.

Drafters sort a review's evidence by what a passage *does* (guidance note, annex 2): a progress
or implementation update, a gap or challenge, a good practice or lesson learned, or a request for
support (financing, capacity-building, policy advice, data, technology, partnerships); and by
the stakeholder groups it names (``imrf_analysis.gcm.STAKEHOLDER_GROUPS``).

Cues are data: ``resources/content/<lang>.json`` maps each label to regular expressions matched
at word starts on the folded text (lower case, no accents). A label's score is
``1 - 0.4 ** n`` for ``n`` distinct cues found (0.6 for one, 0.84 for two). A support category is
only kept on a passage that asks for support. A passage of unknown language is read with all
three cue sets. These labels come out of ``tag_content``, not ``tag_passages``; a processed
review's tags hold both (``review_processing.process_review``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from imrf_analysis.gcm import STAKEHOLDER_GROUPS
from imrf_analysis.schemas import CONTENT_TYPES, SUPPORT_NEEDS, TAGS
from imrf_analysis.tagging.lexicons import LEXICON_LANGUAGES
from imrf_analysis.tagging.text import fold

CONTENT_LABEL_TYPES: tuple[str, ...] = ("content_type", "support_need", "stakeholder_group")
_KNOWN = {"content_type": CONTENT_TYPES, "support_need": SUPPORT_NEEDS,
          "stakeholder_group": tuple(STAKEHOLDER_GROUPS)}
_MISS_PER_CUE = 0.4

ContentScores = dict[str, dict[str, tuple[float, list[str]]]]  # type -> label -> (score, cues)


def _cue_dir() -> Path:
    return Path(str(resources.files("imrf_analysis") / "resources" / "content"))


def read_cues(path: Path) -> dict[str, dict[str, re.Pattern[str]]]:
    """Read a cue file and compile one pattern per label.

    Raises:
        ValueError: the file is not valid JSON, names an unknown label type or label, or has a
            pattern that does not compile; the message names the file.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error.msg})") from None
    compiled: dict[str, dict[str, re.Pattern[str]]] = {}
    for label_type, labels in data.items():
        if label_type not in _KNOWN:
            raise ValueError(f"{path}: unknown label type {label_type!r}")
        compiled[label_type] = {}
        for label, cues in labels.items():
            if label not in _KNOWN[label_type]:
                raise ValueError(f"{path}: {label!r} is not a known {label_type}")
            try:
                compiled[label_type][label] = re.compile(
                    r"\b(" + "|".join(f"(?:{cue})" for cue in cues) + r")")
            except re.error as error:
                raise ValueError(f"{path}: a cue of {label!r} does not compile ({error})") from None
    return compiled


@cache
def load_cues(lang: str) -> dict[str, dict[str, re.Pattern[str]]]:
    """Return the bundled cues of ``lang`` (one of the lexicon languages)."""
    return read_cues(_cue_dir() / f"{lang}.json")


def score_content(text: str, language: str | None) -> ContentScores:
    """Return the content-type, support-need and stakeholder labels a passage's cues give.

    Returns:
        ``{label_type: {label: (score, cues found)}}`` for labels with at least one cue;
        support needs only when the passage asks for support.
    """
    folded = fold(text)
    code = (language or "").split("-")[0].lower()
    langs = (code,) if code in LEXICON_LANGUAGES else LEXICON_LANGUAGES
    found: ContentScores = {label_type: {} for label_type in CONTENT_LABEL_TYPES}
    for lang in langs:
        for label_type, patterns in load_cues(lang).items():
            if label_type != "support_need":
                _add_cues(found[label_type], patterns, folded)
    if "support-needed" in found["content_type"]:  # else support needs are not looked for
        for lang in langs:
            _add_cues(found["support_need"], load_cues(lang).get("support_need", {}), folded)
    return found


def _add_cues(found: dict[str, tuple[float, list[str]]], patterns: dict[str, re.Pattern[str]],
              folded: str) -> None:
    for label, pattern in patterns.items():
        cues = sorted(set(pattern.findall(folded)))
        score = 1 - _MISS_PER_CUE ** len(cues)
        if cues and score > found.get(label, (0.0, []))[0]:
            found[label] = (round(score, 4), cues)


def tag_content(passages: pd.DataFrame, threshold: float = 0.5) -> pd.DataFrame:
    """Tag passages by content type, support needed and stakeholder groups.

    Args:
        passages: Rows with ``passage_id``, ``document_id``, ``text`` and ``language``.
        threshold: Score a label needs to be kept.

    Returns:
        A new frame with the ``tags`` columns; ``label_type`` is one of
        ``CONTENT_LABEL_TYPES``, ``source`` is ``"cue"`` and ``evidence`` lists the cues.
    """
    rows = []
    languages: Sequence[str | None] = [None if pd.isna(v) else str(v)
                                       for v in passages["language"]]
    for pid, did, text, lang in zip(passages["passage_id"], passages["document_id"],
                                    passages["text"].fillna("").astype(str), languages,
                                    strict=True):
        for label_type, labels in score_content(text, lang).items():
            for label in _KNOWN[label_type]:
                if label in labels and labels[label][0] >= threshold:
                    score, cues = labels[label]
                    rows.append({"passage_id": str(pid), "document_id": str(did),
                                 "label_type": label_type, "label": label, "score": score,
                                 "source": "cue", "evidence": "; ".join(cues)})
    return pd.DataFrame(rows, columns=TAGS.names).astype({"score": "float64"})
