"""Objectives per country and per region: the matrix, the "N of M reviews" totals, the gaps.

A cell's level is the strongest evidence its passages carry: a reported challenge beats
reported progress, which beats a mere mention. Counts are over current national reviews.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from imrf_analysis import gcm
from imrf_analysis.compilation.scope import (
    as_lists,
    grouped_lists,
    national_reviews,
    objective_tags,
    sort_rows,
    with_content_flags,
)
from imrf_analysis.schemas import COMPILED_COLUMNS

LEVELS: tuple[str, ...] = ("not-mentioned", "mentioned", "progress-reported",
                           "challenge-reported")
MATRIX_COLUMNS = list(COMPILED_COLUMNS["country_objective_matrix"])
TOTALS_COLUMNS = list(COMPILED_COLUMNS["objective_totals"])
GAP_COLUMNS = list(COMPILED_COLUMNS["coverage_gaps"])
# Content type behind each list of passage ids in the matrix, and each review count in totals.
_CELL_LISTS = {"progress_passage_ids": "progress", "challenge_passage_ids": "gap-or-challenge",
               "good_practice_passage_ids": "good-practice"}
_REVIEW_COUNTS = {"reviews_progress": "progress", "reviews_challenge": "gap-or-challenge",
                  "reviews_good_practice": "good-practice",
                  "reviews_support_needed": "support-needed"}
# The objective-totals columns counting reviews by content type.
REVIEW_COUNT_COLUMNS: tuple[str, ...] = tuple(_REVIEW_COUNTS)
_OBJECTIVES = pd.DataFrame({
    "objective": list(gcm.OBJECTIVE_NUMBERS),
    "round_table": [gcm.round_table_of(n).code for n in gcm.OBJECTIVE_NUMBERS],
})


def review_objective_passages(scoped: pd.DataFrame, tags: pd.DataFrame) -> pd.DataFrame:
    """Return one row per region x national-review passage x objective, with content flags.

    Args:
        scoped: One row per region x current document (``scope.region_documents``).
        tags: The tags dataset (objective and content-type labels are used).
    """
    reviews = national_reviews(scoped)[["region", "cycle", "country_iso3", "document_id"]]
    tagged = objective_tags(tags)[["document_id", "passage_id", "objective"]]
    return with_content_flags(reviews.merge(tagged, on="document_id"), tags)


def compile_country_objective_matrix(scoped: pd.DataFrame,
                                     hits: pd.DataFrame) -> pd.DataFrame:
    """Build the region x country x objective matrix (all 23 objectives, zeros kept).

    Args:
        scoped: One row per region x current document.
        hits: ``review_objective_passages`` of the same documents.

    Returns:
        One row per region, cycle, reviewing country and objective with its passages, reviews,
        level and the passage ids behind each kind of evidence, sorted.
    """
    keys = ["region", "cycle", "country_iso3", "objective"]
    countries = (national_reviews(scoped)
                 .groupby(["region", "cycle", "country_iso3"], sort=False)
                 .agg(country_name=("country_name", "first"),
                      reviews_total=("document_id", "nunique")).reset_index())
    grid = countries.merge(_OBJECTIVES, how="cross")
    counts = hits.groupby(keys).agg(passages=("passage_id", "nunique"),
                                    reviews=("document_id", "nunique"))
    counts["passage_ids"] = grouped_lists(hits, keys, "passage_id")
    for column, content in _CELL_LISTS.items():
        counts[column] = grouped_lists(hits[hits[content]], keys, "passage_id")
    matrix = grid.merge(counts.reset_index(), on=keys, how="left")
    matrix = matrix.fillna({"passages": 0, "reviews": 0}).astype({"passages": int,
                                                                  "reviews": int})
    for column in ["passage_ids", *_CELL_LISTS]:
        matrix[column] = as_lists(matrix[column])
    matrix["level"] = np.select(
        [matrix["challenge_passage_ids"].map(len).astype(int).to_numpy() > 0,
         matrix["progress_passage_ids"].map(len).astype(int).to_numpy() > 0,
         matrix["passages"].to_numpy() > 0],
        ["challenge-reported", "progress-reported", "mentioned"], "not-mentioned")
    return sort_rows(matrix[MATRIX_COLUMNS], keys)


def compile_objective_totals(scoped: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Count per region x cycle x objective the reviews and States reporting, as "N of M".

    Returns:
        One row per region and cycle with a document, and objective; with the reviews reporting
        progress, challenges, good practices and support needs, and, when the region has an
        earlier cycle in the data, the reviews reporting in that cycle and the change.
    """
    reviews = national_reviews(scoped)
    region_cycles = scoped[["region", "cycle"]].drop_duplicates()
    sizes = reviews.groupby(["region", "cycle"]).agg(
        reviews_total=("document_id", "nunique"), countries_total=("country_iso3", "nunique"))
    keys = ["region", "cycle", "objective"]
    per_review = hits.groupby([*keys, "document_id"])[list(_REVIEW_COUNTS.values())].any()
    counts = per_review.reset_index().groupby(keys).agg(
        reviews_reporting=("document_id", "nunique"),
        **{name: (content, "sum") for name, content in _REVIEW_COUNTS.items()})
    counts["countries_reporting"] = hits.groupby(keys)["country_iso3"].nunique()
    totals = (region_cycles.merge(sizes.reset_index(), on=["region", "cycle"], how="left")
              .merge(_OBJECTIVES, how="cross")
              .merge(counts.reset_index(), on=keys, how="left"))
    numbers = ["reviews_total", "countries_total", "reviews_reporting", "countries_reporting",
               *_REVIEW_COUNTS]
    totals[numbers] = totals[numbers].fillna(0).astype(int)
    totals["short_name"] = totals["objective"].map(lambda n: gcm.objective(n).short_name["en"])
    totals["label"] = (totals["reviews_reporting"].astype(str) + " of "
                       + totals["reviews_total"].astype(str) + " reviews")
    return sort_rows(_with_previous_cycle(totals)[TOTALS_COLUMNS], keys)


def _with_previous_cycle(totals: pd.DataFrame) -> pd.DataFrame:
    cycles = totals[["region", "cycle"]].drop_duplicates().sort_values(["region", "cycle"])
    cycles["previous_cycle"] = cycles.groupby("region")["cycle"].shift()
    earlier = totals[["region", "cycle", "objective", "reviews_reporting"]].rename(
        columns={"cycle": "previous_cycle", "reviews_reporting": "reviews_reporting_previous"})
    joined = (totals.merge(cycles, on=["region", "cycle"], how="left")
              .merge(earlier, on=["region", "previous_cycle", "objective"], how="left"))
    joined["previous_cycle"] = joined["previous_cycle"].astype(object).where(
        joined["previous_cycle"].notna(), None)
    joined["reviews_reporting_previous"] = joined["reviews_reporting_previous"].astype("Int64")
    joined["change"] = (joined["reviews_reporting"].astype("Int64")
                        - joined["reviews_reporting_previous"])
    return joined


def compile_coverage_gaps(scoped: pd.DataFrame, hits: pd.DataFrame,
                          totals: pd.DataFrame) -> pd.DataFrame:
    """List objectives no review of a region reported on, and objectives each review left out.

    Returns:
        Rows of scope ``region`` (region-wide gaps) then ``review`` (one review's gaps).
    """
    silent = totals[(totals["reviews_reporting"] == 0) & (totals["reviews_total"] > 0)]
    region_rows = silent[["region", "cycle", "objective"]].assign(
        scope="region", country_iso3=None, document_id=None, file=None)
    reviews = national_reviews(scoped)[["region", "cycle", "country_iso3", "document_id",
                                        "file"]]
    every = reviews.merge(_OBJECTIVES[["objective"]], how="cross")
    seen = hits[["document_id", "objective"]].drop_duplicates().assign(seen=True)
    review_rows = every.merge(seen, on=["document_id", "objective"], how="left")
    review_rows = review_rows[review_rows["seen"].isna()].assign(scope="review")
    return pd.concat([
        sort_rows(region_rows, ["region", "cycle", "objective"]),
        sort_rows(review_rows, ["region", "cycle", "country_iso3", "document_id", "objective"]),
    ], ignore_index=True)[GAP_COLUMNS]
