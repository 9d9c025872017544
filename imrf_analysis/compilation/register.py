"""Who submitted what: the submission register and each region's coverage of its members."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.compilation.scope import GLOBAL, NATIONAL_REVIEW, sort_rows
from imrf_analysis.reference import regions
from imrf_analysis.store.schemas import COMPILED_COLUMNS

# The State of Palestine is a member of ESCWA and an observer State at the United Nations.
OBSERVER_STATES = frozenset({"PSE"})
SUBMISSION_COLUMNS = list(COMPILED_COLUMNS["submission_register"])
COVERAGE_COLUMNS = list(COMPILED_COLUMNS["regional_coverage"])


def compile_submission_register(documents: pd.DataFrame) -> pd.DataFrame:
    """List every document read, superseded versions included, with its version links.

    Returns:
        One row per document, sorted by cycle, country, kind and version; ``supersedes``
        names the earlier version a document replaces and ``current`` marks the ones counted.
    """
    register = documents.reindex(columns=[c for c in SUBMISSION_COLUMNS
                                          if c not in ("supersedes", "current")])
    register["superseded_by"] = register["superseded_by"].astype(object).where(
        register["superseded_by"].notna(), None)
    register["version"] = register["version"].fillna(1).astype(int)
    replaced = register.loc[register["superseded_by"].notna(), ["document_id", "superseded_by"]]
    earlier = dict(zip(replaced["superseded_by"], replaced["document_id"], strict=True))
    register["supersedes"] = register["document_id"].map(earlier).astype(object)
    register["supersedes"] = register["supersedes"].where(register["supersedes"].notna(), None)
    register["current"] = register["superseded_by"].isna()
    register["commissions"] = register["commissions"].map(
        lambda codes: [] if codes is None else list(codes))
    register["cycle"] = register["cycle"].astype(str)
    return sort_rows(register, ["cycle", "country_iso3", "document_kind", "version",
                                "document_id"])[SUBMISSION_COLUMNS]


def members_of_region(region: str) -> frozenset[str]:
    """Return the member States ``region`` covers.

    Those are the commission's regional members; for GLOBAL, the 193 UN Member States (every
    commission's regional members but the observer States).
    """
    if region == GLOBAL:
        every = frozenset().union(*(c.regional_members for c in regions.COMMISSIONS.values()))
        return every - OBSERVER_STATES
    return regions.COMMISSIONS[region].regional_members


def _membership(regions_seen: pd.Series) -> pd.DataFrame:
    rows = [(region, iso3) for region in sorted(set(regions_seen))
            for iso3 in members_of_region(region)]
    return pd.DataFrame(rows, columns=["region", "country_iso3"]).assign(member=True)


def compile_regional_coverage(scoped: pd.DataFrame) -> pd.DataFrame:
    """Summarise per region x cycle the reviews submitted against the members of the region.

    Args:
        scoped: One row per region x current document (``scope.region_documents``).

    Returns:
        One row per region and cycle with a document: reviews, States reporting, the share of
        members reporting, stakeholder contributions, review languages, median pages and a
        label ``"N of M member States"``. The share and the label count member States only
        (an observer State's review counts in ``states_reporting`` but not in GLOBAL's 193).
    """
    is_review = scoped["document_kind"] == NATIONAL_REVIEW
    reviews = scoped[is_review].merge(_membership(scoped["region"]),
                                      on=["region", "country_iso3"], how="left")
    # Lengths of the reviews that have pages (not text files, nor Word files never laid out).
    reviews["pages"] = reviews["pages"].where(reviews["pages"] > 0)
    keys = ["region", "cycle"]
    coverage = scoped[keys].drop_duplicates().merge(
        reviews.groupby(keys).agg(
            reviews_submitted=("document_id", "nunique"),
            states_reporting=("country_iso3", "nunique"),
            languages=("language", lambda values: sorted(set(values.dropna().astype(str)))),
            median_pages=("pages", "median")).reset_index(), on=keys, how="left")
    contributions = scoped[~is_review].groupby(keys)["document_id"].nunique().rename(
        "stakeholder_contributions")
    coverage = coverage.merge(contributions.reset_index(), on=keys, how="left")
    counts = ["reviews_submitted", "states_reporting", "stakeholder_contributions"]
    coverage[counts] = coverage[counts].fillna(0).astype(int)
    coverage["languages"] = coverage["languages"].map(
        lambda value: value if isinstance(value, list) else [])
    coverage["median_pages"] = coverage["median_pages"].astype(float)
    members = reviews[reviews["member"].notna()].groupby(keys)["country_iso3"].nunique()
    reporting = coverage.set_index(keys).index.map(members).fillna(0).astype(int)
    coverage["member_states"] = coverage["region"].map(
        lambda region: len(members_of_region(region))).astype(int)
    coverage["share_of_members"] = reporting / coverage["member_states"]
    coverage["label"] = (pd.Series(reporting, index=coverage.index).astype(str) + " of "
                         + coverage["member_states"].astype(str) + " member States")
    return sort_rows(coverage, keys)[COVERAGE_COLUMNS]
