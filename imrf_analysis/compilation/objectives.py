"""Objectives per country and per region: the matrix, the "N of M reviews" totals, the gaps.

All three are aggregations of the review findings (``imrf_analysis.findings``): a review counts
on an objective only when its findings say it reports on it. A cell's level is the strongest
finding: a reported challenge beats reported progress, which beats a mere mention. Counts are
over current national reviews.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from imrf_analysis.compilation.scope import (
    as_lists,
    national_reviews,
    sort_rows,
)
from imrf_analysis.reference import gcm
from imrf_analysis.store.schemas import COMPILED_COLUMNS

LEVELS: tuple[str, ...] = ("not-mentioned", "mentioned", "progress-reported",
                           "challenge-reported")
MATRIX_COLUMNS = list(COMPILED_COLUMNS["country_objective_matrix"])
TOTALS_COLUMNS = list(COMPILED_COLUMNS["objective_totals"])
GAP_COLUMNS = list(COMPILED_COLUMNS["coverage_gaps"])
# Content type behind each list of passage ids in the matrix, and each review count in totals.
_CELL_LISTS = ("progress_passage_ids", "challenge_passage_ids", "good_practice_passage_ids")
_REVIEW_COUNTS = {"reviews_progress": "progress", "reviews_challenge": "challenge",
                  "reviews_good_practice": "good_practice", "reviews_support_needed": "support",
                  "reviews_verified": "verified_reporting"}
# The objective-totals columns counting reviews by content type.
REVIEW_COUNT_COLUMNS: tuple[str, ...] = tuple(_REVIEW_COUNTS)
_OBJECTIVES = pd.DataFrame({
    "objective": list(gcm.OBJECTIVE_NUMBERS),
    "round_table": [gcm.round_table_of(n).code for n in gcm.OBJECTIVE_NUMBERS],
})


def scoped_findings(scoped: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Return the review findings of the national reviews in ``scoped``, per region.

    One row per region x review x objective: a review in two regions appears in both.

    Args:
        scoped: One row per region x current document (``scope.region_documents``).
        findings: The review findings (``findings.compile_review_findings``).
    """
    reviews = national_reviews(scoped)[["region", "cycle", "country_iso3", "document_id"]]
    return reviews.merge(findings.drop(columns=["cycle", "country_iso3"]), on="document_id")


def compile_country_objective_matrix(scoped: pd.DataFrame,
                                     findings: pd.DataFrame) -> pd.DataFrame:
    """Build the region x country x objective matrix (all 23 objectives, zeros kept).

    A cell's level is the strongest finding of the country's reviews: a reported challenge,
    then reported progress, then "mentioned" (named in the review without being reported on).

    Args:
        scoped: One row per region x current document.
        findings: ``scoped_findings`` of the same documents.

    Returns:
        One row per region, cycle, reviewing country and objective with its reporting passages,
        reviews, level and the passage ids behind each kind of evidence, sorted.
    """
    keys = ["region", "cycle", "country_iso3", "objective"]
    countries = (national_reviews(scoped)
                 .groupby(["region", "cycle", "country_iso3"], sort=False)
                 .agg(country_name=("country_name", "first"),
                      reviews_total=("document_id", "nunique")).reset_index())
    grid = countries.merge(_OBJECTIVES, how="cross")
    lists = ["passage_ids", *_CELL_LISTS]
    cells = findings.groupby(keys).agg(
        reviews=("reported", "sum"), progress=("progress", "any"),
        challenge=("challenge", "any"), mentioned=("mentioned_only", "any"),
        **{column: (column, lambda values: sorted({p for cell in values for p in cell}))
           for column in lists})
    matrix = grid.merge(cells.reset_index(), on=keys, how="left")
    for column in lists:
        matrix[column] = as_lists(matrix[column])
    matrix["passages"] = matrix["passage_ids"].map(len).astype(int)
    matrix["reviews"] = matrix["reviews"].fillna(0).astype(int)
    flags = matrix[["progress", "challenge", "mentioned"]].fillna(False).astype(bool)
    matrix["level"] = np.select(
        [flags["challenge"].to_numpy(), flags["progress"].to_numpy(),
         (matrix["reviews"].to_numpy() > 0) | flags["mentioned"].to_numpy()],
        ["challenge-reported", "progress-reported", "mentioned"], "not-mentioned")
    return sort_rows(matrix[MATRIX_COLUMNS], keys)


def compile_objective_totals(scoped: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Count per region x cycle x objective the reviews and States reporting, as "N of M".

    Returns:
        One row per region and cycle with a document, and objective; with the reviews reporting
        progress, challenges, good practices and support needs, and, when the region has an
        earlier cycle in the data: the reviews and States reporting in that cycle, and the
        panel, the States that reviewed in both cycles, with how many of them reported the
        objective in each (``panel_change``: a State re-submitting the same review counts 0).
    """
    reviews = national_reviews(scoped)
    region_cycles = scoped[["region", "cycle"]].drop_duplicates()
    sizes = reviews.groupby(["region", "cycle"]).agg(
        reviews_total=("document_id", "nunique"), countries_total=("country_iso3", "nunique"))
    keys = ["region", "cycle", "objective"]
    flagged = findings.assign(support=findings["support_needs"].map(len) > 0,
                              verified_reporting=findings["reported"] & findings["verified"])
    counts = flagged.groupby(keys).agg(
        reviews_reporting=("reported", "sum"),
        **{name: (flag, "sum") for name, flag in _REVIEW_COUNTS.items()})
    reporting = flagged[flagged["reported"]]
    counts["countries_reporting"] = reporting.groupby(keys)["country_iso3"].nunique()
    totals = (region_cycles.merge(sizes.reset_index(), on=["region", "cycle"], how="left")
              .merge(_OBJECTIVES, how="cross")
              .merge(counts.reset_index(), on=keys, how="left"))
    numbers = ["reviews_total", "countries_total", "reviews_reporting", "countries_reporting",
               *_REVIEW_COUNTS]
    totals[numbers] = totals[numbers].fillna(0).astype(int)
    totals["short_name"] = totals["objective"].map(lambda n: gcm.objective(n).short_name["en"])
    totals["label"] = (totals["reviews_reporting"].astype(str) + " of "
                       + totals["reviews_total"].astype(str) + " reviews")
    panel = _panel(_with_previous_cycle(totals), reviews, reporting)
    return sort_rows(panel[TOTALS_COLUMNS], keys)


def _panel(totals: pd.DataFrame, reviews: pd.DataFrame, reporting: pd.DataFrame) -> pd.DataFrame:
    """Add the States reporting in the previous cycle, and the panel of the two cycles.

    Raw counts of two cycles compare different sets of States; the panel, the States of the
    region with a review in both cycles, compares the same ones.
    """
    states = reviews.groupby(["region", "cycle"])["country_iso3"].agg(frozenset)
    reported = reporting.groupby(["region", "cycle", "objective"])["country_iso3"].agg(frozenset)
    empty: frozenset[str] = frozenset()
    columns = ["countries_total_previous", "countries_reporting_previous", "panel_countries",
               "panel_reporting_previous", "panel_reporting"]
    rows: list[tuple[object, ...]] = []
    for row in totals[["region", "cycle", "previous_cycle", "objective"]].itertuples(index=False):
        if row.previous_cycle is None:
            rows.append((pd.NA,) * len(columns))
            continue
        before = states.get((row.region, row.previous_cycle), empty)
        both = states.get((row.region, row.cycle), empty) & before
        then = reported.get((row.region, row.previous_cycle, row.objective), empty)
        now = reported.get((row.region, row.cycle, row.objective), empty)
        rows.append((len(before), len(then & before), len(both), len(then & both),
                     len(now & both)))
    added = pd.DataFrame(rows, index=totals.index, columns=columns).astype("Int64")
    totals = pd.concat([totals, added], axis=1)
    totals["panel_change"] = totals["panel_reporting"] - totals["panel_reporting_previous"]
    return totals


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


def compile_coverage_gaps(scoped: pd.DataFrame, findings: pd.DataFrame,
                          totals: pd.DataFrame) -> pd.DataFrame:
    """List objectives no review of a region reported on, and objectives each review left out.

    ``findings`` is ``scoped_findings``: an objective a review only mentions is a gap.

    Returns:
        Rows of scope ``region`` (region-wide gaps) then ``review`` (one review's gaps).
    """
    silent = totals[(totals["reviews_reporting"] == 0) & (totals["reviews_total"] > 0)]
    region_rows = silent[["region", "cycle", "objective"]].assign(
        scope="region", country_iso3=None, document_id=None, file=None)
    reviews = national_reviews(scoped)[["region", "cycle", "country_iso3", "document_id",
                                        "file"]]
    every = reviews.merge(_OBJECTIVES[["objective"]], how="cross")
    seen = (findings.loc[findings["reported"], ["document_id", "objective"]]
            .drop_duplicates().assign(seen=True))
    review_rows = every.merge(seen, on=["document_id", "objective"], how="left")
    review_rows = review_rows[review_rows["seen"].isna()].assign(scope="review")
    return pd.concat([
        sort_rows(region_rows, ["region", "cycle", "objective"]),
        sort_rows(review_rows, ["region", "cycle", "country_iso3", "document_id", "objective"]),
    ], ignore_index=True)[GAP_COLUMNS]
