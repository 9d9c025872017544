"""Coverage tables computed from documents, passages and tags: the frames the coverage suites read.

Pure pandas, no Great Expectations: the tables are also useful on their own (the per-review
gaps go in the report's annex). Inputs are never modified.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS
from imrf_analysis.store.frames import among

REVIEW_KINDS: tuple[str, ...] = ("national-review",)
REVIEW_COLUMNS = ["document_id", "country_iso3", "file"]


def objective_tagged_passages(
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    tags: pd.DataFrame,
    document_kinds: Sequence[str] = REVIEW_KINDS,
) -> pd.DataFrame:
    """Count each review's passages tagged with each objective, zeros included.

    Returns:
        One row per (review, objective) with columns document_id, country_iso3, file,
        objective (int) and tagged_passages (int), for the reviews of ``document_kinds``.
    """
    reviews = documents.loc[documents["document_kind"].isin(document_kinds), REVIEW_COLUMNS]
    labels = tags.loc[tags["label_type"] == "objective", ["passage_id", "label"]]
    labels = labels[labels["label"].isin([str(number) for number in OBJECTIVE_NUMBERS])]
    linked = labels.merge(passages[["passage_id", "document_id"]], on="passage_id")
    linked = linked.assign(objective=linked["label"].astype(int))
    counts = (
        linked.drop_duplicates(["passage_id", "objective"])
        .groupby(["document_id", "objective"])
        .size()
        .rename("tagged_passages")
        .reset_index()
    )
    grid = reviews.merge(pd.DataFrame({"objective": list(OBJECTIVE_NUMBERS)}), how="cross")
    grid = grid.merge(counts, on=["document_id", "objective"], how="left")
    grid["tagged_passages"] = grid["tagged_passages"].fillna(0).astype(int)
    return grid.sort_values(["country_iso3", "document_id", "objective"], ignore_index=True)


def review_coverage(
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    tags: pd.DataFrame,
    document_kinds: Sequence[str] = REVIEW_KINDS,
) -> pd.DataFrame:
    """List the objectives each review has no tagged passage for.

    Args:
        documents: The reviews; only those of ``document_kinds`` are covered.
        passages: Their passages, linking tags to reviews.
        tags: The tags dataset (every label type); only objective tags count.
        document_kinds: Kinds of document expected to speak to all 23 objectives.

    Returns:
        One row per missing (review, objective): document_id, country_iso3, file, objective.
    """
    grid = objective_tagged_passages(documents, passages, tags, document_kinds)
    missing = grid.loc[grid["tagged_passages"] == 0, [*REVIEW_COLUMNS, "objective"]]
    return missing.reset_index(drop=True)


def region_objective_grid(objective_totals: pd.DataFrame) -> pd.DataFrame:
    """Complete the compiled objective totals so each region lists all 23 objectives.

    Returns:
        One row per (cycle, region, objective) with reviews_reporting; an objective absent
        from the totals has 0 reviews reporting, so a missing row reads as a gap.
    """
    regions = objective_totals[["cycle", "region"]].drop_duplicates()
    grid = regions.merge(pd.DataFrame({"objective": list(OBJECTIVE_NUMBERS)}), how="cross")
    reported = objective_totals[["cycle", "region", "objective", "reviews_reporting"]]
    reported = reported.assign(objective=reported["objective"].astype(int))
    grid = grid.merge(reported, on=["cycle", "region", "objective"], how="left")
    grid["reviews_reporting"] = grid["reviews_reporting"].fillna(0).astype(int)
    return grid.sort_values(["cycle", "region", "objective"], ignore_index=True)


def tagged_share(
    documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame
) -> pd.DataFrame:
    """Measure the share of each document's passages that carry at least one objective tag.

    Returns:
        One row per document: document_id, country_iso3, file, passages, tagged_passages and
        tagged_share (0 for a document without passages).
    """
    objective_tags = tags.loc[tags["label_type"] == "objective", "passage_id"]
    tagged = among(passages["passage_id"], objective_tags)
    per_document = (
        passages.assign(tagged=tagged)
        .groupby("document_id")["tagged"]
        .agg(passages="size", tagged_passages="sum")
        .reset_index()
    )
    shares = documents[REVIEW_COLUMNS].merge(per_document, on="document_id", how="left")
    shares[["passages", "tagged_passages"]] = (
        shares[["passages", "tagged_passages"]].fillna(0).astype(int)
    )
    share = shares["tagged_passages"] / shares["passages"].where(shares["passages"] > 0)
    return shares.assign(tagged_share=share.fillna(0.0))


def language_mix(documents: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """Break each document's passages down by detected language.

    Returns:
        One row per (document, language): document_id, country_iso3, file, declared_language
        (from the register), language, passages, share, and main_language (True on the
        document's most frequent language; ties go to the alphabetically first).
    """
    counts = (
        passages.groupby(["document_id", "language"])
        .size()
        .rename("passages")
        .reset_index()
        .sort_values(["document_id", "passages", "language"], ascending=[True, False, True])
    )
    totals = counts.groupby("document_id")["passages"].transform("sum")
    counts = counts.assign(
        share=counts["passages"] / totals,
        main_language=~counts.duplicated("document_id"),
    )
    registered = documents[REVIEW_COLUMNS + ["language"]].rename(
        columns={"language": "declared_language"}
    )
    mix = registered.merge(counts, on="document_id", how="inner")
    return mix[[*REVIEW_COLUMNS, "declared_language", "language", "passages", "share",
                "main_language"]].reset_index(drop=True)
