"""Excerpts for drafters: ranked evidence per objective, and the practice and challenge registers.

Every row quotes a passage with its country, document, file, page and passage id, so a drafter
can cite it. Stakeholder contributions are quoted too, marked by their document kind.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from imrf_analysis.compilation.scope import (
    GLOBAL,
    as_lists,
    grouped_lists,
    objective_tags,
    sort_rows,
)
from imrf_analysis.findings import evidence_passages
from imrf_analysis.findings.practices import practice_details
from imrf_analysis.reference import gcm
from imrf_analysis.store.schemas import COMPILED_COLUMNS, PRACTICE_COLUMNS, SUPPORT_NEEDS
from imrf_analysis.tagging.structure import objectives_in_heading_path

EXCERPT_WORDS = 60
ELLIPSIS = "…"
EVIDENCE_COLUMNS = list(COMPILED_COLUMNS["round_table_evidence"])
REGISTER_COLUMNS = list(COMPILED_COLUMNS["challenge_register"])
PRACTICE_REGISTER_COLUMNS = list(COMPILED_COLUMNS["good_practice_register"])
_SENTENCE_END = re.compile(r"(?<=[.!?;:…])\s+")
_SOURCE = ["region", "cycle", "document_id", "country_iso3", "country_name", "document_kind"]


def shorten(text: str, words: int = EXCERPT_WORDS) -> str:
    """Return ``text`` cut after its last whole sentence within ``words`` words.

    A first sentence longer than ``words`` is cut at a word boundary. Whitespace runs become
    single spaces; ``"…"`` ends a text that was cut.
    """
    tokens = str(text).split()
    if len(tokens) <= words:
        return " ".join(tokens)
    kept: list[str] = []
    for sentence in _SENTENCE_END.split(" ".join(tokens)):
        if len(kept) + len(sentence.split()) > words:
            break
        kept += sentence.split()
    return " ".join(kept or tokens[:words]) + " " + ELLIPSIS


def _with_passages(frame: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    columns = ["passage_id", "file", "page", "text"]
    if "document_id" not in frame.columns:
        columns.append("document_id")
    source = passages[columns].astype({"passage_id": str})
    joined = frame.merge(source, on="passage_id")
    return joined.assign(page=joined["page"].astype(int), score=joined["score"].astype(float))


def _content_tags(tags: pd.DataFrame) -> pd.DataFrame:
    chosen = tags[tags["label_type"] == "content_type"]
    return pd.DataFrame({"passage_id": chosen["passage_id"].astype(str),
                         "category": chosen["label"].astype(str),
                         "content_score": chosen["score"].astype(float)})


# What makes an excerpt stronger evidence for a note, as factors on its score when ranking.
OWN_HEADING_WEIGHT = 1.3  # under a heading that names the objective it is evidence for
FIGURES_WEIGHT = 1.2  # states figures: a count, an amount, a share (not only a year)
# A number that is not a year alone (1990-2029), or any number followed by a percent.
_FIGURE = re.compile(r"\d[\d.,]*\s*(?:%|per ?cent|pour ?cent|por ?ciento)"
                     r"|(?<![\d/.,-])(?!(?:19|20)\d\d(?![\d.,]\d))\d[\d.,]*(?![\d/-])")


# Numbers that name things rather than count them: "Objective 5", "Law 12", "SDG 10".
_NUMBERED = re.compile(r"\b(?:objectives?|objectifs?|objetivos?|goals?|targets?|sdgs?|odd|ods|"
                       r"articles?|art\.|laws?|lois?|ley(?:es)?|decrees?|décrets?|decretos?|"
                       r"no\.|n°|nº|chapters?|chapitres?|cap[ií]tulos?)\s*\d+[\d.]*",
                       re.IGNORECASE)


def evidence_strength(candidates: pd.DataFrame, passages: pd.DataFrame) -> pd.Series:
    """Return the ranking factor of each candidate (passage × objective) row.

    ``OWN_HEADING_WEIGHT`` when the passage sits under a heading naming the row's objective,
    times ``FIGURES_WEIGHT`` when its text states a figure other than a year.
    """
    context = passages.set_index(passages["passage_id"].astype(str))[["heading_path", "text"]]
    rows = context.reindex(candidates["passage_id"].astype(str))
    own = [int(objective) in objectives_in_heading_path(
               list(path) if isinstance(path, list | tuple | np.ndarray) else [])[0]
           for objective, path in zip(candidates["objective"], rows["heading_path"],
                                      strict=True)]
    figures = rows["text"].fillna("").map(
        lambda text: bool(_FIGURE.search(_NUMBERED.sub("", str(text)))))
    factor = (np.where(own, OWN_HEADING_WEIGHT, 1.0)
              * np.where(figures.to_numpy(bool), FIGURES_WEIGHT, 1.0))
    return pd.Series(factor, index=candidates.index)


def compile_round_table_evidence(scoped: pd.DataFrame, passages: pd.DataFrame,
                                 tags: pd.DataFrame, findings: pd.DataFrame,
                                 per_objective: int) -> pd.DataFrame:
    """Pick the strongest passages per region x cycle x objective x category.

    Candidates are the passages behind the review findings (``findings.evidence_passages``):
    what a review reports on an objective, in the category it reports it under; never a cover,
    a list of consulted organisations or a passing mention. A passage's score is its objective
    tag's score times its content type's. The strongest evidence comes first: for ranking
    only, the score is raised for a passage under a heading naming its objective and for one
    stating figures (``evidence_strength``). Within each group every country has one excerpt
    before any country has a second; ties go to the lower passage id so reruns pick the same
    excerpts.

    Returns:
        Up to ``per_objective`` rows per group, ranked from 1, each with its citation.
    """
    documents = scoped.loc[scoped["region"] == GLOBAL, _SOURCE[1:]]
    evidence = evidence_passages(findings).merge(documents, on="document_id")
    scores = objective_tags(tags)[["passage_id", "objective", "score"]]
    candidates = (evidence.merge(scores, on=["passage_id", "objective"])
                  .merge(_content_tags(tags), on=["passage_id", "category"]))
    candidates = candidates.assign(score=candidates["score"] * candidates["content_score"]
                                   ).drop(columns="content_score")
    candidates["strength"] = candidates["score"] * evidence_strength(candidates, passages)
    # Best first, ties to the lower passage id; then each country's candidates in that order.
    candidates["order"] = pd.factorize(candidates["passage_id"], sort=True)[0]
    candidates = candidates.sort_values(["strength", "order"], ascending=[False, True],
                                        kind="stable")
    candidates["country_rank"] = candidates.groupby(
        ["cycle", "objective", "category", "country_iso3"], sort=False).cumcount()
    # A country's reviews lie in the same regions, so its rank holds in each of them.
    regional = candidates[candidates["country_rank"] < per_objective].merge(
        scoped[["region", "document_id"]], on="document_id")
    group = ["region", "cycle", "objective", "category"]
    regional = regional.sort_values(["country_rank", "strength", "order"],
                                    ascending=[True, False, True], kind="stable")
    regional["rank"] = regional.groupby(group, sort=False).cumcount() + 1
    best = _with_passages(regional[regional["rank"] <= per_objective], passages)
    best["round_table"] = best["objective"].map(lambda n: gcm.round_table_of(n).code)
    best["excerpt"] = best["text"].map(shorten)
    return sort_rows(best, [*group, "rank"])[EVIDENCE_COLUMNS]


def compile_registers(scoped: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                      findings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Build the good-practice register and the challenge and support-needs register.

    A good practice's row also gives its name, implementer, period and result when its text
    states them (``findings.practices``).

    Only passages behind the review findings enter (``findings.evidence_passages``): a good
    practice a review reports on an objective, a challenge it reports, a support it asks for;
    never an introduction, a generic sentence or a cover. A passage asking for support is
    listed as ``support-needed`` (with its categories of support), else a passage naming a gap
    as ``gap-or-challenge``; each passage once per region, with every objective it is behind.

    Returns:
        ``{"good_practice_register": ..., "challenge_register": ...}``, one row per region x
        passage, sorted by region, cycle, country and passage id.
    """
    evidence = evidence_passages(findings)
    objectives = grouped_lists(evidence[["passage_id", "objective"]].drop_duplicates(),
                               ["passage_id"], "objective")
    content = _content_tags(tags).merge(
        evidence[["passage_id", "category"]].drop_duplicates(), on=["passage_id", "category"])
    asks = content[content["category"] == "support-needed"]
    listed = pd.concat([
        content[content["category"] == "good-practice"], asks,
        content[(content["category"] == "gap-or-challenge")
                & ~content["passage_id"].isin(asks["passage_id"])]], ignore_index=True)
    rows = _with_passages(listed.rename(columns={"content_score": "score"}), passages)
    support = tags[(tags["label_type"] == "support_need")
                   & tags["passage_id"].isin(asks["passage_id"])]
    rank = {label: order for order, label in enumerate(SUPPORT_NEEDS)}
    orders = grouped_lists(support.assign(order=support["label"].map(rank)), ["passage_id"],
                           "order")
    needs = orders.map(lambda found: [SUPPORT_NEEDS[o] for o in found])
    rows["objectives"] = as_lists(rows["passage_id"].map(objectives))
    rows["support_needs"] = as_lists(rows["passage_id"].map(needs).where(
        rows["category"] == "support-needed"))
    rows["excerpt"] = rows["text"].map(shorten)
    rows = rows.merge(scoped[_SOURCE], on="document_id")
    is_practice = rows["category"] == "good-practice"
    practices = rows[is_practice]
    details = pd.DataFrame([practice_details(text).as_dict() for text in practices["text"]],
                           columns=list(PRACTICE_COLUMNS), index=practices.index)
    order = ["region", "cycle", "country_iso3", "passage_id"]
    return {"good_practice_register": sort_rows(practices.join(details), order)[
                PRACTICE_REGISTER_COLUMNS],
            "challenge_register": sort_rows(rows[~is_practice], order)[REGISTER_COLUMNS]}
