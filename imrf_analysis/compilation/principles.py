"""Cross-cutting evidence per review: guiding principles per country, stakeholders consulted."""

from __future__ import annotations

import pandas as pd

from imrf_analysis.compilation.scope import (
    as_lists,
    grouped_lists,
    national_reviews,
    sort_rows,
)
from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, STAKEHOLDER_GROUPS
from imrf_analysis.store.schemas import COMPILED_COLUMNS

PRINCIPLE_COLUMNS = list(COMPILED_COLUMNS["principle_matrix"])
STAKEHOLDER_COLUMNS = list(COMPILED_COLUMNS["stakeholder_consultation"])


def _labels(tags: pd.DataFrame, label_type: str, column: str) -> pd.DataFrame:
    chosen = tags[tags["label_type"] == label_type]
    return pd.DataFrame({"passage_id": chosen["passage_id"].astype(str),
                         "document_id": chosen["document_id"].astype(str),
                         column: chosen["label"].astype(str)})


def compile_principle_matrix(scoped: pd.DataFrame, tags: pd.DataFrame) -> pd.DataFrame:
    """Count passages per region x cycle x reviewing country x guiding principle (zeros kept).

    Returns:
        One row per region, cycle, country with a national review and guiding principle, with
        the passages tagged and their ids, sorted.
    """
    reviews = national_reviews(scoped)
    countries = reviews.groupby(["region", "cycle", "country_iso3"], sort=False).agg(
        country_name=("country_name", "first")).reset_index()
    grid = countries.merge(pd.DataFrame({"guiding_principle": list(GUIDING_PRINCIPLE_SLUGS)}),
                           how="cross")
    keys = ["region", "cycle", "country_iso3", "guiding_principle"]
    tagged = reviews[["region", "cycle", "country_iso3", "document_id"]].merge(
        _labels(tags, "guiding_principle", "guiding_principle"), on="document_id")
    ids = grouped_lists(tagged, keys, "passage_id").rename("passage_ids").reset_index()
    matrix = grid.merge(ids, on=keys, how="left")
    matrix["passage_ids"] = as_lists(matrix["passage_ids"])
    matrix["passages"] = matrix["passage_ids"].map(len)
    return sort_rows(matrix, keys)[PRINCIPLE_COLUMNS]


def compile_stakeholder_consultation(scoped: pd.DataFrame, passages: pd.DataFrame,
                                     tags: pd.DataFrame) -> pd.DataFrame:
    """List per region x current document x stakeholder group the passages naming the group.

    Returns:
        One row per region, document and group of ``gcm.STAKEHOLDER_GROUPS`` (zeros kept),
        with the passage ids and the pages they are on.
    """
    documents = scoped[["region", "cycle", "country_iso3", "country_name", "document_id",
                        "document_kind", "file"]]
    grid = documents.merge(pd.DataFrame({"stakeholder_group": list(STAKEHOLDER_GROUPS)}),
                           how="cross")
    named = _labels(tags, "stakeholder_group", "stakeholder_group").merge(
        passages[["passage_id", "page"]].astype({"passage_id": str}), on="passage_id")
    keys = ["document_id", "stakeholder_group"]
    pages = named[[*keys, "page"]].drop_duplicates().astype({"page": int})
    per_group = pd.concat([grouped_lists(named, keys, "passage_id").rename("passage_ids"),
                           grouped_lists(pages, keys, "page").rename("pages")], axis=1)
    rows = grid.merge(per_group.reset_index(), on=keys, how="left")
    rows["passage_ids"] = as_lists(rows["passage_ids"])
    rows["pages"] = as_lists(rows["pages"])
    rows["passages"] = rows["passage_ids"].map(len)
    order = {group: rank for rank, group in enumerate(STAKEHOLDER_GROUPS)}
    rows = rows.assign(_order=rows["stakeholder_group"].map(order))
    return sort_rows(rows, ["region", "cycle", "country_iso3", "document_id",
                            "_order"])[STAKEHOLDER_COLUMNS]
