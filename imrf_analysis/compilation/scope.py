"""Which documents a region and cycle hold, and the labels attached to each passage.

A region is a UN regional commission; ``GLOBAL`` holds every document. A State in two
commissions counts in both. Counts are over current national reviews; stakeholder contributions
are quoted as evidence, marked by their document kind, but never counted as a State.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from imrf_analysis.reference import regions
from imrf_analysis.store.schemas import CONTENT_TYPES

GLOBAL = "GLOBAL"
REGIONS: tuple[str, ...] = (*regions.COMMISSION_CODES, GLOBAL)
NATIONAL_REVIEW = "national-review"
MENTIONED = "mentioned"
# Evidence categories in the order tables list them; "mentioned" only when none other exists.
CATEGORIES: tuple[str, ...] = (*CONTENT_TYPES, MENTIONED)
SCOPE_COLUMNS: list[str] = ["region", "cycle", "document_id", "country_iso3", "country_name",
                            "document_kind", "file", "language", "pages"]


def documents_in_region(documents: pd.DataFrame, region: str) -> pd.DataFrame:
    """Return the documents of ``region`` (every document for ``GLOBAL``)."""
    if region == GLOBAL:
        return documents
    return documents[documents["commissions"].map(lambda codes: region in list(codes))]


def regions_present(documents: pd.DataFrame) -> list[str]:
    """Return the regions with at least one document, in ``REGIONS`` order (GLOBAL last)."""
    present = set(region_documents(documents)["region"])
    return [r for r in REGIONS if r == GLOBAL or r in present]


def region_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Return one row per region x document: each commission of the document, and GLOBAL.

    Returns:
        A new frame with ``SCOPE_COLUMNS``, sorted by region (``REGIONS`` order), cycle,
        country and document id.
    """
    codes = documents["commissions"].map(lambda value: [] if value is None else list(value))
    exploded = documents.assign(region=codes).explode("region")
    scoped = pd.concat([exploded[exploded["region"].isin(regions.COMMISSION_CODES)],
                        documents.assign(region=GLOBAL)], ignore_index=True)
    scoped = scoped.reindex(columns=SCOPE_COLUMNS)
    scoped["cycle"] = scoped["cycle"].astype(str)
    return sort_rows(scoped, ["region", "cycle", "country_iso3", "document_id"])


def national_reviews(scoped: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of ``scoped`` that are national reviews (the ones counted as States)."""
    return scoped[scoped["document_kind"] == NATIONAL_REVIEW]


def sort_rows(frame: pd.DataFrame, keys: Sequence[str],
              descending: Sequence[str] = ()) -> pd.DataFrame:
    """Return ``frame`` sorted by ``keys``, regions in ``REGIONS`` order, index reset.

    Categories sort in ``CATEGORIES`` order; columns in ``descending`` sort largest first.
    """
    orders = {"region": REGIONS, "category": CATEGORIES}

    def key(column: pd.Series) -> pd.Series:
        known = orders.get(str(column.name))
        if known is None:
            return column
        return column.map({value: rank for rank, value in enumerate(known)})

    ascending = [k not in descending for k in keys]
    return frame.sort_values(list(keys), ascending=ascending, key=key,
                             kind="stable").reset_index(drop=True)


def objective_tags(tags: pd.DataFrame) -> pd.DataFrame:
    """Return one row per passage x objective tag: ``passage_id, document_id, objective, score``."""
    chosen = tags[tags["label_type"] == "objective"]
    return pd.DataFrame({"passage_id": chosen["passage_id"].astype(str),
                         "document_id": chosen["document_id"].astype(str),
                         "objective": chosen["label"].astype(int),
                         "score": chosen["score"].astype(float)}).reset_index(drop=True)


def grouped_lists(frame: pd.DataFrame, keys: Sequence[str], value: str) -> pd.Series:
    """Return the sorted values of ``value`` per group of ``keys``, as lists.

    Same result as ``groupby(keys)[value].agg(sorted)``, without a Python call per group.

    Returns:
        A Series of lists indexed by the groups of ``keys`` (groups without rows left out).
    """
    keys = list(keys)
    if frame.empty:
        index = pd.MultiIndex.from_arrays([[] for _ in keys], names=keys)
        return pd.Series([], index=index if len(keys) > 1 else index.get_level_values(0),
                         dtype=object, name=value)
    ordered = frame.sort_values([*keys, value], kind="stable")
    group = ordered.groupby(keys, sort=False).ngroup().to_numpy()
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    values = ordered[value].to_numpy(dtype=object).tolist()
    ends = [*starts[1:].tolist(), len(values)]
    lists = [values[start:end] for start, end in zip(starts.tolist(), ends, strict=True)]
    heads = ordered.iloc[starts]
    index = (pd.MultiIndex.from_frame(heads[keys]) if len(keys) > 1
             else pd.Index(heads[keys[0]], name=keys[0]))
    return pd.Series(lists, index=index, name=value, dtype=object)


def as_lists(column: pd.Series) -> pd.Series:
    """Return ``column`` with every missing cell replaced by an empty list."""
    return column.map(lambda value: value if isinstance(value, list) else [])

