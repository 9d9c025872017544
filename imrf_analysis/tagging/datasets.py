"""Tagging datasets: the ``tags`` table of a run and the JSONL contract of ``imrf tag``."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, OBJECTIVE_NUMBERS
from imrf_analysis.store.catalog import atomic_path
from imrf_analysis.store.jsonl import read_jsonl_lines
from imrf_analysis.store.schemas import TAGS
from imrf_analysis.tagging.scoring import PassageScores
from imrf_analysis.tagging.tagger import Tagger

_LABEL_ORDER = {**{str(n): n for n in OBJECTIVE_NUMBERS},
                **{slug: i for i, slug in enumerate(GUIDING_PRINCIPLE_SLUGS)}}


def _heading_path(value: Any) -> list[str]:
    # Parquet list columns come back as numpy arrays; missing paths as None or NaN.
    if value is None or isinstance(value, float):
        return []
    return [str(heading) for heading in value]


def _tag_rows(passage_id: str, document_id: str, scores: PassageScores,
              tagger: Tagger) -> list[dict[str, Any]]:
    kept: list[tuple[str, str, float, tuple[str, str]]] = [
        ("objective", str(n), scores.objective_scores[n], scores.objective_evidence[n])
        for n in scores.objectives(tagger.thresholds)]
    kept += [("guiding_principle", slug, scores.guiding_principle_scores[slug],
              scores.guiding_principle_evidence[slug])
             for slug in scores.guiding_principles(tagger.thresholds)]
    return [{"passage_id": passage_id, "document_id": document_id, "label_type": label_type,
             "label": label, "score": score, "source": source, "evidence": evidence}
            for label_type, label, score, (source, evidence) in kept]


def tag_passages(passages: pd.DataFrame, tagger: Tagger,
                 encode: Sequence[bool] | None = None) -> pd.DataFrame:
    """Tag passages by objective and guiding principle.

    Args:
        passages: Rows of the ``passages`` dataset (``passage_id``, ``document_id``, ``text``,
            ``language`` and, when present, ``heading_path``).
        tagger: The tagger to score them with; its thresholds decide which labels are kept.
        encode: Which passages the tagger's encoder may read (``Tagger.score``; default all).

    Returns:
        A new frame with the ``tags`` schema columns: one row per passage and label at or above
        threshold, sorted by passage, label type and label (objectives by number).
    """
    headings = (passages["heading_path"].map(_heading_path).tolist()
                if "heading_path" in passages else [[] for _ in range(len(passages))])
    languages = [None if pd.isna(lang) else str(lang) for lang in passages["language"]]
    scores = tagger.score(passages["text"].fillna("").astype(str).tolist(), languages, headings,
                          encode)
    rows = [row for pid, did, passage_scores in zip(passages["passage_id"],
                                                    passages["document_id"], scores, strict=True)
            for row in _tag_rows(str(pid), str(did), passage_scores, tagger)]
    tags = pd.DataFrame(rows, columns=TAGS.names)
    if tags.empty:
        return tags.astype({"score": "float64"})
    order = tags["label"].map(_LABEL_ORDER)
    return (tags.assign(_order=order)
            .sort_values(["passage_id", "label_type", "_order"], kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def _checked_tagging_line(where: str, row: dict[str, Any]) -> ValueError | None:
    if not isinstance(row.get("text"), str):
        return ValueError(f"{where}: 'text' is missing or not a string")
    if row.get("language") is not None and not isinstance(row["language"], str):
        return ValueError(f"{where}: 'language' is not a string")
    path = row.get("heading_path")
    if path is not None and not (isinstance(path, list)
                                 and all(isinstance(h, str) for h in path)):
        return ValueError(f"{where}: 'heading_path' is not a list of strings")
    return None


def _read_tagging_lines(in_path: Path, on_bad_line: Callable[[str], None] | None
                        ) -> list[dict[str, Any]]:
    rows = []
    for where, row in read_jsonl_lines(in_path):
        problem = row if isinstance(row, ValueError) else _checked_tagging_line(where, row)
        if problem is not None:
            if on_bad_line is None:
                raise problem
            on_bad_line(str(problem))
            continue
        assert isinstance(row, dict)
        rows.append(row)
    return rows


def _tagged_line(row: dict[str, Any], scores: PassageScores, tagger: Tagger) -> dict[str, Any]:
    return {
        **row,
        "objectives": scores.objectives(tagger.thresholds),
        "guiding_principles": scores.guiding_principles(tagger.thresholds),
        "objective_scores": {str(n): scores.objective_scores[n] for n in OBJECTIVE_NUMBERS},
        "guiding_principle_scores": dict(scores.guiding_principle_scores),
    }


def tag_jsonl(in_path: Path, out_path: Path, tagger: Tagger | None = None,
              on_bad_line: Callable[[str], None] | None = None) -> int:
    """Tag the passages of a JSONL file and write them with their labels and scores.

    Each input line is a JSON object with ``text`` and optionally ``id``, ``language`` and
    ``heading_path``. Each output line keeps all input keys and sets ``objectives`` (ascending),
    ``guiding_principles`` (GCM order), ``objective_scores`` (keys "1".."23") and
    ``guiding_principle_scores`` (all 10 slugs). Blank lines are skipped.

    A malformed line stops the whole file, unless ``on_bad_line`` is given: then it is called
    with the problem (naming the file and line), the line is left out and the others are
    tagged.

    Returns:
        The number of lines written (``out_path`` is replaced atomically).

    Raises:
        ValueError: a line is malformed (and no ``on_bad_line``); names the file and line.
    """
    in_path, out_path = Path(in_path), Path(out_path)
    rows = _read_tagging_lines(in_path, on_bad_line)
    tagger = tagger or Tagger.load()
    paths: Sequence[Sequence[str]] = [row.get("heading_path") or [] for row in rows]
    scores = tagger.score([row["text"] for row in rows], [row.get("language") for row in rows],
                          paths)
    with atomic_path(out_path) as tmp, tmp.open("w", encoding="utf-8") as out:
        for row, passage_scores in zip(rows, scores, strict=True):
            out.write(json.dumps(_tagged_line(row, passage_scores, tagger),
                                 ensure_ascii=False) + "\n")
    return len(rows)
