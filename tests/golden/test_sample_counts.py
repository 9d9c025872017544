"""Counts in the compiled tables of the sample equal counts recomputed by hand.

Objective counts are recounted from the review findings (``review_findings``), whose every flag
is checked against the tags of the passages behind it; guiding principles and stakeholder groups
from the tags. The recount uses plain sets and dicts, never the compile code: if either side
drifts, a count a drafter would quote is wrong. Whether the findings are *true* is measured
against the sample's answer key in ``test_sample_answer_key``.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

import pandas as pd
import pytest

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS, STAKEHOLDER_GROUPS
from imrf_analysis.reference.regions import COMMISSIONS

OBJECTIVES = range(1, 24)


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
    findings = {(f["document_id"], int(f["objective"])): f
                for f in sample_datasets.tables["review_findings"].to_dict("records")}
    return SimpleNamespace(in_region=in_region, labels=labels, passages_of=passages_of,
                           findings=findings)


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


def test_every_finding_rests_on_passages_tagged_for_it(recount):
    flags = {"progress_passage_ids": "progress", "challenge_passage_ids": "gap-or-challenge",
             "good_practice_passage_ids": "good-practice",
             "support_passage_ids": "support-needed"}
    for (document_id, n), finding in recount.findings.items():
        reporting = set(finding["passage_ids"])
        assert finding["reported"] == bool(reporting), (document_id, n)
        assert reporting <= recount.passages_of[document_id]
        for column, content in flags.items():
            for p in finding[column]:
                assert str(n) in recount.labels[p]["objective"], (document_id, n, p)
                kinds = recount.labels[p]["content_type"]
                # A good practice is progress too.
                assert content in kinds or (content == "progress" and "good-practice" in kinds)
        assert finding["progress"] == bool(finding["progress_passage_ids"])
        assert finding["challenge"] == bool(finding["challenge_passage_ids"])
        assert not (finding["reported"] and finding["mentioned_only"])
        if finding["support_needs"]:
            assert finding["reported"] and finding["support_passage_ids"]


def test_reviews_reporting_each_objective_and_each_kind_of_content_per_region(
        sample_datasets, recount):
    totals = _rows(sample_datasets.tables["objective_totals"], ["region", "cycle", "objective"])
    assert len(totals) == len(recount.in_region) * 23
    for (region, cycle), documents in recount.in_region.items():
        reviews = _reviews(documents)
        for n in OBJECTIVES:
            row = totals[(region, cycle, n)]
            found = [recount.findings[(d["document_id"], n)] for d in reviews]
            reporting = [f for f in found if f["reported"]]
            assert row["reviews_reporting"] == len(reporting), (region, n)
            assert row["reviews_total"] == len(reviews)
            assert row["label"] == f"{len(reporting)} of {len(reviews)} reviews"
            for column, flag in [("reviews_progress", "progress"),
                                 ("reviews_challenge", "challenge"),
                                 ("reviews_good_practice", "good_practice")]:
                assert row[column] == sum(f[flag] for f in found), (region, n, column)
            assert row["reviews_support_needed"] == sum(
                len(f["support_needs"]) > 0 for f in found)


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
                found = [recount.findings[(d, n)] for d in document_ids]
                level = ("challenge-reported" if any(f["challenge"] for f in found) else
                         "progress-reported" if any(f["progress"] for f in found) else
                         "mentioned" if any(f["reported"] or f["mentioned_only"] for f in found)
                         else "not-mentioned")
                row = matrix[(region, cycle, iso3, n)]
                assert row["level"] == level, (region, iso3, n)
                reporting = set().union(*(f["passage_ids"] for f in found))
                assert set(row["passage_ids"]) == reporting
                assert row["passages"] == len(reporting)
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


def test_registers_hold_every_practice_challenge_and_request_behind_the_findings(
        sample_datasets, recount):
    tables = sample_datasets.tables
    for name, lists in [("good_practice_register", ["good_practice_passage_ids"]),
                        ("challenge_register", ["challenge_passage_ids",
                                                "support_passage_ids"])]:
        register = tables[name]
        for (region, cycle), documents in recount.in_region.items():
            ids = {d["document_id"] for d in documents}
            expected = {p for (d, _), f in recount.findings.items() if d in ids
                        for column in lists for p in f[column]}
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
