"""Compilation tables for the round-table background notes, per region and cycle.

Counts are over national reviews ("N of M reviews"); stakeholder contributions are quoted as
evidence, marked by their document kind, but never counted as a State reporting. A region is a
UN regional commission; "GLOBAL" holds every review. A State in two commissions counts in both.
"""

from __future__ import annotations

import pandas as pd

from imrf_analysis import gcm, regions
from imrf_analysis.ingest.collection import current_documents

GLOBAL = "GLOBAL"
REGIONS: tuple[str, ...] = (*regions.COMMISSION_CODES, GLOBAL)
NATIONAL_REVIEW = "national-review"
EVIDENCE_PER_OBJECTIVE = 3


def documents_in_region(documents: pd.DataFrame, region: str) -> pd.DataFrame:
    """Return the documents of ``region`` (every document for ``GLOBAL``)."""
    if region == GLOBAL:
        return documents
    return documents[documents["commissions"].map(lambda codes: region in list(codes))]


def regions_present(documents: pd.DataFrame) -> list[str]:
    """Return the regions with at least one document, in ``REGIONS`` order (GLOBAL last)."""
    return [r for r in REGIONS if r == GLOBAL or not documents_in_region(documents, r).empty]


def objective_passages(passages: pd.DataFrame, tags: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (passage, objective) tag joined with the passage's provenance."""
    objective_tags = tags[tags["label_type"] == "objective"]
    joined = objective_tags[["passage_id", "label", "score"]].merge(
        passages[["passage_id", "document_id", "country_iso3", "file", "page", "text"]],
        on="passage_id", how="inner")
    return joined.assign(objective=joined["label"].astype(int)).drop(columns="label")


def compile_country_objective_matrix(documents: pd.DataFrame, passages: pd.DataFrame,
                                     tags: pd.DataFrame) -> pd.DataFrame:
    """Count tagged passages per region x reviewing country x objective (all 23, zeros kept)."""
    reviews = documents[documents["document_kind"] == NATIONAL_REVIEW]
    tagged = objective_passages(passages, tags)
    tagged = tagged[tagged["document_id"].isin(reviews["document_id"])]
    per_document = (tagged.groupby(["document_id", "objective"])["passage_id"]
                    .agg(list).rename("passage_ids").reset_index())
    rows = []
    for region in regions_present(documents):
        in_region = documents_in_region(reviews, region)
        for iso3, country_docs in in_region.groupby("country_iso3", sort=True):
            hits = per_document[per_document["document_id"].isin(country_docs["document_id"])]
            for number in gcm.OBJECTIVE_NUMBERS:
                cell = hits[hits["objective"] == number]
                ids = sorted(i for ids in cell["passage_ids"] for i in ids)
                rows.append({
                    "region": region, "cycle": _cycle(country_docs),
                    "country_iso3": iso3, "country_name": country_docs["country_name"].iloc[0],
                    "objective": number, "round_table": gcm.round_table_of(number).code,
                    "passages": len(ids), "reviews": len(cell),
                    "reviews_total": len(country_docs), "passage_ids": ids,
                })
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS)


MATRIX_COLUMNS = ["region", "cycle", "country_iso3", "country_name", "objective", "round_table",
                  "passages", "reviews", "reviews_total", "passage_ids"]


def compile_objective_totals(documents: pd.DataFrame, matrix: pd.DataFrame) -> pd.DataFrame:
    """Per region x objective: reviews and States reporting, as "N of M reviews"."""
    reviews = documents[documents["document_kind"] == NATIONAL_REVIEW]
    rows = []
    for region in regions_present(documents):
        in_region = documents_in_region(reviews, region)
        cells = matrix[matrix["region"] == region]
        for number in gcm.OBJECTIVE_NUMBERS:
            cell = cells[cells["objective"] == number]
            reporting = int(cell["reviews"].sum())
            rows.append({
                "region": region, "cycle": _cycle(in_region), "objective": number,
                "round_table": gcm.round_table_of(number).code,
                "short_name": gcm.objective(number).short_name["en"],
                "reviews_reporting": reporting, "reviews_total": len(in_region),
                "countries_reporting": int((cell["passages"] > 0).sum()),
                "countries_total": int(in_region["country_iso3"].nunique()),
                "label": f"{reporting} of {len(in_region)} reviews",
            })
    return pd.DataFrame(rows)


def compile_round_table_evidence(documents: pd.DataFrame, passages: pd.DataFrame,
                                 tags: pd.DataFrame,
                                 per_objective: int = EVIDENCE_PER_OBJECTIVE) -> pd.DataFrame:
    """Pick the strongest passages per region x objective, one per country before any second.

    Returns:
        Rows ranked 1.. per region and objective, each with country, document, file and page.
    """
    tagged = objective_passages(passages, tags).merge(
        documents[["document_id", "country_name", "document_kind", "commissions", "cycle"]],
        on="document_id")
    # Best first; ties broken by passage id so reruns pick the same evidence.
    tagged = tagged.sort_values(["score", "passage_id"], ascending=[False, True])
    tagged = tagged.assign(country_rank=tagged.groupby(["objective", "country_iso3"]).cumcount())
    rows = []
    for region in regions_present(documents):
        in_region = tagged[tagged["document_id"].isin(
            documents_in_region(documents, region)["document_id"])]
        for number, group in in_region.groupby("objective", sort=True):
            best = group.sort_values(["country_rank", "score", "passage_id"],
                                     ascending=[True, False, True]).head(per_objective)
            for rank, row in enumerate(best.itertuples(index=False), start=1):
                rows.append({
                    "region": region, "cycle": row.cycle, "round_table":
                    gcm.round_table_of(int(number)).code, "objective": int(number), "rank": rank,
                    "country_iso3": row.country_iso3, "country_name": row.country_name,
                    "document_id": row.document_id, "document_kind": row.document_kind,
                    "file": row.file, "page": int(row.page), "passage_id": row.passage_id,
                    "score": float(row.score), "text": row.text,
                })
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


EVIDENCE_COLUMNS = ["region", "cycle", "round_table", "objective", "rank", "country_iso3",
                    "country_name", "document_id", "document_kind", "file", "page", "passage_id",
                    "score", "text"]


def compile_principle_matrix(documents: pd.DataFrame, tags: pd.DataFrame) -> pd.DataFrame:
    """Count passages per region x reviewing country x guiding principle (all 10, zeros kept)."""
    reviews = documents[documents["document_kind"] == NATIONAL_REVIEW]
    principle_tags = tags[(tags["label_type"] == "guiding_principle")
                          & tags["document_id"].isin(reviews["document_id"])]
    tagged = principle_tags.merge(reviews[["document_id", "country_iso3"]], on="document_id")
    rows = []
    for region in regions_present(documents):
        in_region = documents_in_region(reviews, region)
        for iso3, country_docs in in_region.groupby("country_iso3", sort=True):
            country_tags = tagged[tagged["country_iso3"] == iso3]
            for slug in gcm.GUIDING_PRINCIPLE_SLUGS:
                ids = sorted(country_tags.loc[country_tags["label"] == slug, "passage_id"])
                rows.append({
                    "region": region, "cycle": _cycle(country_docs), "country_iso3": iso3,
                    "country_name": country_docs["country_name"].iloc[0],
                    "guiding_principle": slug, "passages": len(ids), "passage_ids": ids,
                })
    return pd.DataFrame(rows, columns=["region", "cycle", "country_iso3", "country_name",
                                       "guiding_principle", "passages", "passage_ids"])


def compile_coverage_gaps(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                          totals: pd.DataFrame) -> pd.DataFrame:
    """List objectives no review of a region reported on, and objectives each review left out."""
    rows = [
        {"region": t.region, "cycle": t.cycle, "scope": "region", "country_iso3": None,
         "document_id": None, "file": None, "objective": int(t.objective)}
        for t in totals[(totals["reviews_reporting"] == 0) & (totals["reviews_total"] > 0)]
        .itertuples(index=False)
    ]
    reported = objective_passages(passages, tags).groupby("document_id")["objective"].agg(set)
    reviews = documents[documents["document_kind"] == NATIONAL_REVIEW]
    for region in regions_present(documents):
        for doc in documents_in_region(reviews, region).itertuples(index=False):
            seen = reported.get(doc.document_id, set())
            rows += [{"region": region, "cycle": doc.cycle, "scope": "review",
                      "country_iso3": doc.country_iso3, "document_id": doc.document_id,
                      "file": doc.file, "objective": n}
                     for n in gcm.OBJECTIVE_NUMBERS if n not in seen]
    return pd.DataFrame(rows, columns=["region", "cycle", "scope", "country_iso3", "document_id",
                                       "file", "objective"])


def compile_tables(documents: pd.DataFrame, passages: pd.DataFrame, tags: pd.DataFrame,
                   per_objective: int = EVIDENCE_PER_OBJECTIVE) -> dict[str, pd.DataFrame]:
    """Build every compilation table; keys are the catalog's dataset names.

    Only current documents count: a review superseded by a newer version of the same country,
    cycle and kind stays in the register but not in the tables.
    """
    documents = current_documents(documents)
    matrix = compile_country_objective_matrix(documents, passages, tags)
    totals = compile_objective_totals(documents, matrix)
    return {
        "country_objective_matrix": matrix,
        "objective_totals": totals,
        "round_table_evidence": compile_round_table_evidence(documents, passages, tags,
                                                             per_objective),
        "principle_matrix": compile_principle_matrix(documents, tags),
        "coverage_gaps": compile_coverage_gaps(documents, passages, tags, totals),
    }


def _cycle(documents: pd.DataFrame) -> str:
    cycles = sorted(set(documents["cycle"]))
    return ", ".join(cycles)
