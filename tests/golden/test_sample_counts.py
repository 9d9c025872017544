"""Counts in the compiled tables of the sample equal counts recomputed from the tags by hand.

The recount uses plain sets and dicts over ``documents`` and ``tags``, never the compile code:
if either side drifts, a count a drafter would quote is wrong.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

import pandas as pd
import pytest

from imrf_analysis.gcm import GUIDING_PRINCIPLE_SLUGS, STAKEHOLDER_GROUPS
from imrf_analysis.regions import COMMISSIONS

OBJECTIVES = range(1, 24)
CONTENT = ("progress", "gap-or-challenge", "good-practice", "support-needed")


@pytest.fixture(scope="module")
def recount(sample_datasets) -> SimpleNamespace:
    """Documents per region, and the labels of each passage, as plain Python."""
    current = [d for d in sample_datasets.documents.to_dict("records")
               if d["superseded_by"] is None or pd.isna(d["superseded_by"])]
    in_region: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for document in current:
        for region in [*list(document["commissions"]), "GLOBAL"]:
            in_region[(region, str(document["cycle"]))].append(document)
    labels: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    passage_document: dict[str, str] = {}
    for tag in sample_datasets.tags.to_dict("records"):
        labels[tag["passage_id"]][tag["label_type"]].add(tag["label"])
        passage_document[tag["passage_id"]] = tag["document_id"]
    passages_of: dict[str, set[str]] = defaultdict(set)
    for passage_id, document_id in passage_document.items():
        passages_of[document_id].add(passage_id)
    return SimpleNamespace(in_region=in_region, labels=labels, passages_of=passages_of)


def _reviews(documents: list[dict]) -> list[dict]:
    return [d for d in documents if d["document_kind"] == "national-review"]


def _tagged(recount: SimpleNamespace, document_id: str, label_type: str, label: str) -> set[str]:
    return {p for p in recount.passages_of[document_id]
            if label in recount.labels[p][label_type]}


def _rows(frame: pd.DataFrame, keys: list[str]) -> dict[tuple, dict]:
    rows = {tuple(r[k] for k in keys): r for r in frame.to_dict("records")}
    assert len(rows) == len(frame), f"{keys} do not identify the rows"
    return rows


def test_the_sample_has_reviews_in_several_regions(recount):
    assert len(recount.in_region) >= 4
    assert len(_reviews(recount.in_region[("GLOBAL", "2026")])) >= 10


def test_reviews_reporting_each_objective_and_each_kind_of_content_per_region(
        sample_datasets, recount):
    totals = _rows(sample_datasets.tables["objective_totals"], ["region", "cycle", "objective"])
    assert len(totals) == len(recount.in_region) * 23
    for (region, cycle), documents in recount.in_region.items():
        reviews = _reviews(documents)
        for n in OBJECTIVES:
            row = totals[(region, cycle, n)]
            on_objective = {d["document_id"]: _tagged(recount, d["document_id"], "objective",
                                                      str(n)) for d in reviews}
            reporting = [d for d, found in on_objective.items() if found]
            assert row["reviews_reporting"] == len(reporting), (region, n)
            assert row["reviews_total"] == len(reviews)
            assert row["label"] == f"{len(reporting)} of {len(reviews)} reviews"
            for column, content in [("reviews_progress", "progress"),
                                    ("reviews_challenge", "gap-or-challenge"),
                                    ("reviews_good_practice", "good-practice"),
                                    ("reviews_support_needed", "support-needed")]:
                expected = sum(1 for found in on_objective.values()
                               if any(content in recount.labels[p]["content_type"]
                                      for p in found))
                assert row[column] == expected, (region, n, column)


def test_level_of_every_country_and_objective(sample_datasets, recount):
    matrix = _rows(sample_datasets.tables["country_objective_matrix"],
                   ["region", "cycle", "country_iso3", "objective"])
    expected_rows = 0
    for (region, cycle), documents in recount.in_region.items():
        countries: dict[str, list[str]] = defaultdict(list)
        for d in _reviews(documents):
            countries[d["country_iso3"]].append(d["document_id"])
        expected_rows += 23 * len(countries)
        for iso3, document_ids in countries.items():
            for n in OBJECTIVES:
                found = set().union(*(_tagged(recount, d, "objective", str(n))
                                      for d in document_ids))
                kinds = set().union(*(recount.labels[p]["content_type"] for p in found))
                level = ("challenge-reported" if "gap-or-challenge" in kinds else
                         "progress-reported" if "progress" in kinds else
                         "mentioned" if found else "not-mentioned")
                row = matrix[(region, cycle, iso3, n)]
                assert row["level"] == level, (region, iso3, n)
                assert set(row["passage_ids"]) == found
                assert row["passages"] == len(found)
    assert len(matrix) == expected_rows


def test_regional_coverage_counts(sample_datasets, recount):
    coverage = _rows(sample_datasets.tables["regional_coverage"], ["region", "cycle"])
    assert set(coverage) == set(recount.in_region)
    for key, documents in recount.in_region.items():
        reviews = _reviews(documents)
        row = coverage[key]
        assert row["reviews_submitted"] == len(reviews)
        assert row["states_reporting"] == len({d["country_iso3"] for d in reviews})
        assert row["stakeholder_contributions"] == len(documents) - len(reviews)
        assert list(row["languages"]) == sorted({d["language"] for d in reviews})
        region = key[0]
        members = (set().union(*(c.regional_members for c in COMMISSIONS.values())) - {"PSE"}
                   if region == "GLOBAL" else COMMISSIONS[region].regional_members)
        reporting = len({d["country_iso3"] for d in reviews} & members)
        assert row["label"] == f"{reporting} of {len(members)} member States"


def test_guiding_principle_passages_per_country(sample_datasets, recount):
    principles = _rows(sample_datasets.tables["principle_matrix"],
                       ["region", "cycle", "country_iso3", "guiding_principle"])
    for (region, cycle), documents in recount.in_region.items():
        for d in _reviews(documents):
            for slug in GUIDING_PRINCIPLE_SLUGS:
                found = _tagged(recount, d["document_id"], "guiding_principle", slug)
                row = principles[(region, cycle, d["country_iso3"], slug)]
                assert row["passages"] == len(found), (region, d["country_iso3"], slug)
                assert set(row["passage_ids"]) == found


def test_stakeholder_groups_named_in_each_review(sample_datasets, recount):
    consulted = _rows(sample_datasets.tables["stakeholder_consultation"],
                      ["region", "document_id", "stakeholder_group"])
    assert len(consulted) == sum(len(d) for d in recount.in_region.values()) * len(
        STAKEHOLDER_GROUPS)
    for (region, _cycle), documents in recount.in_region.items():
        for d in documents:
            for group in STAKEHOLDER_GROUPS:
                found = _tagged(recount, d["document_id"], "stakeholder_group", group)
                row = consulted[(region, d["document_id"], group)]
                assert (row["passages"], set(row["passage_ids"])) == (len(found), found)


def test_registers_hold_every_practice_and_challenge_passage_once_per_region(
        sample_datasets, recount):
    tables = sample_datasets.tables
    for name, kinds in [("good_practice_register", {"good-practice"}),
                        ("challenge_register", {"gap-or-challenge", "support-needed"})]:
        register = tables[name]
        for (region, cycle), documents in recount.in_region.items():
            expected = {p for d in documents for p in recount.passages_of[d["document_id"]]
                        if kinds & recount.labels[p]["content_type"]}
            rows = register[(register["region"] == region) & (register["cycle"] == cycle)]
            assert sorted(rows["passage_id"]) == sorted(expected), (name, region)


@pytest.mark.parametrize("name", ["round_table_evidence", "good_practice_register",
                                  "challenge_register"])
def test_every_excerpt_cites_a_passage_of_its_document_and_page(sample_datasets, name):
    passages = {p["passage_id"]: p for p in sample_datasets.passages.to_dict("records")}
    excerpts = sample_datasets.tables[name]
    assert not excerpts.empty
    for row in excerpts.to_dict("records"):
        source = passages[row["passage_id"]]
        assert (row["document_id"], row["file"], row["page"]) == (
            source["document_id"], source["file"], source["page"])
        assert row["text"] == source["text"]
        assert row["excerpt"].rstrip(" …").split()[:5] == source["text"].split()[:5]
