"""Coverage checks report gaps, thin tagging and language mix as findings; they never raise."""

from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd
import pytest

from imrf_analysis.reference.gcm import OBJECTIVE_NUMBERS, round_table_of
from imrf_analysis.store.schemas import DOCUMENTS, TAGS
from imrf_analysis.validation import Finding, coverage_findings, review_coverage

ALBANIA, FRANCE = "a1b2c3d4e5f60718", "0f1e2d3c4b5a6978"
TOTALS_COLUMNS = ["region", "cycle", "objective", "round_table", "reviews_reporting",
                  "reviews_total", "countries_reporting", "label"]


def objective_totals(region: str, reporting: dict[int, int], reviews: int = 2) -> pd.DataFrame:
    rows = [
        {"region": region, "cycle": "2022", "objective": n,
         "round_table": round_table_of(n).code, "reviews_reporting": count,
         "reviews_total": reviews, "countries_reporting": count,
         "label": f"{count} of {reviews} reviews"}
        for n, count in reporting.items()
    ]
    return pd.DataFrame(rows, columns=TOTALS_COLUMNS)


def fully_reported(region: str) -> pd.DataFrame:
    return objective_totals(region, {n: 1 for n in OBJECTIVE_NUMBERS})


@pytest.fixture
def tag_all(rows):
    """Tag each review's passages in turn so that every passage and every objective is covered."""

    def tagged(passages: pd.DataFrame) -> pd.DataFrame:
        tags = []
        for _, review in passages.groupby("document_id"):
            ids = list(review["passage_id"])
            tags += [rows.tag(ids[(n - 1) % len(ids)], str(n)) for n in OBJECTIVE_NUMBERS]
        return rows.frame(tags, TAGS)

    return tagged


def by_dataset(findings: list[Finding], dataset: str) -> list[Finding]:
    return [finding for finding in findings if finding.dataset == dataset]


def test_review_coverage_lists_each_objective_a_review_has_no_tagged_passage_for(
        documents, passages, tags):
    missing = review_coverage(documents, passages, tags)

    assert list(missing.columns) == ["document_id", "country_iso3", "file", "objective"]
    albania = set(missing.loc[missing["document_id"] == ALBANIA, "objective"])
    france = set(missing.loc[missing["document_id"] == FRANCE, "objective"])
    assert albania == set(OBJECTIVE_NUMBERS) - {6, 20, 22}
    assert france == set(OBJECTIVE_NUMBERS) - {3, 13, 20}
    assert set(missing.loc[missing["document_id"] == FRANCE, "file"]) == {"france-2022.docx"}
    assert missing["objective"].dtype.kind == "i"


def test_review_coverage_ignores_principle_tags_and_stakeholder_contributions(
        documents, passages, tags, rows):
    contribution = rows.document("99aa99aa99aa99aa", "ALB", "csos-albania.pdf", "en", 1,
                                 kind="stakeholder-contribution")
    documents = pd.concat([documents, rows.frame([contribution], DOCUMENTS)], ignore_index=True)
    only_principles = tags[tags["label_type"] == "guiding_principle"]

    missing = review_coverage(documents, passages, only_principles)

    assert "99aa99aa99aa99aa" not in set(missing["document_id"])
    assert len(missing) == 2 * len(OBJECTIVE_NUMBERS)


def test_full_coverage_yields_no_finding(documents, passages, tag_all):
    tags = tag_all(passages)
    totals = pd.concat([fully_reported("ECE"), fully_reported("GLOBAL")], ignore_index=True)

    assert review_coverage(documents, passages, tags).empty
    assert coverage_findings(totals, documents, passages, tags) == []


def test_a_region_gap_comes_back_as_a_finding_with_the_missing_objectives(
        documents, passages, tag_all):
    reporting = {n: (0 if n in (8, 13) else 2) for n in OBJECTIVE_NUMBERS}
    totals = pd.concat([objective_totals("ECE", reporting), fully_reported("GLOBAL")])

    findings = coverage_findings(totals, documents, passages, tag_all(passages))

    [gap] = findings
    assert gap.dataset == "objective_totals"
    assert (gap.expectation, gap.column) == ("expect_column_values_to_be_between",
                                             "reviews_reporting")
    assert dict(gap.details) == {"cycle": "2022", "region": "ECE", "objectives": (8, 13)}
    assert gap.message == "ECE (2022): no review reports objectives 8, 13 (2 of 23)"


def test_an_objective_absent_from_the_totals_counts_as_a_gap(documents, passages, tag_all):
    totals = objective_totals("ECA", {n: 1 for n in OBJECTIVE_NUMBERS if n != 22})

    findings = coverage_findings(totals, documents, passages, tag_all(passages))

    assert [dict(f.details)["objectives"] for f in findings] == [(22,)]


def test_review_gaps_are_findings_per_review_matching_review_coverage(documents, passages, tags):
    findings = coverage_findings(fully_reported("ECE"), documents, passages, tags)

    gaps = by_dataset(findings, "review_coverage")
    assert [dict(g.details)["country_iso3"] for g in gaps] == ["FRA", "ALB"]  # by document_id
    missing = review_coverage(documents, passages, tags)
    for gap in gaps:
        details = dict(gap.details)
        expected = missing.loc[missing["document_id"] == details["document_id"], "objective"]
        assert details["objectives"] == tuple(expected)
        assert gap.column == "tagged_passages"
    assert gaps[1].message == ("Review ALB (albania-2022.pdf) has no passage tagged with "
                               "objectives 1-5, 7-19, 21, 23 (20 of 23)")


@pytest.mark.parametrize(("threshold", "flagged"),
                         [(0.3, ["ALB"]), (0.2, []), (0.5, ["FRA", "ALB"])])
def test_reviews_below_the_tagged_share_threshold_are_flagged(
        documents, passages, threshold, flagged, tag_all):
    tagged_once = tag_all(passages[passages["paragraph_index"] == 0])

    findings = coverage_findings(fully_reported("ECE"), documents, passages, tagged_once,
                                 min_tagged_share=threshold)

    thin = by_dataset(findings, "tagged_share")
    assert [dict(f.details)["country_iso3"] for f in thin] == flagged
    if flagged:
        assert dict(thin[-1].details)["tagged_share"] == 0.25
        assert "25% of passages carry an objective tag (1 of 4)" in thin[-1].message


def test_the_france_review_at_a_third_tagged_passes_the_default_threshold(
        documents, passages, tag_all):
    tagged_once = tag_all(passages[passages["paragraph_index"] == 0])

    shares = by_dataset(coverage_findings(fully_reported("ECE"), documents, passages,
                                          tagged_once), "tagged_share")

    assert "FRA" not in {dict(f.details)["country_iso3"] for f in shares}


def test_a_review_in_another_language_than_registered_is_a_finding(documents, passages, tag_all):
    documents = documents.assign(language=["en", "es"])

    findings = coverage_findings(fully_reported("ECE"), documents, passages,
                                 tag_all(passages))

    [mix] = findings
    assert (mix.dataset, mix.column) == ("language_mix", "language")
    assert dict(mix.details)["declared_language"] == "es"
    assert "most passages read as 'fr' (100%), not the 'es' the register declares" in mix.message


def test_unsupported_passage_languages_are_findings_not_errors(documents, passages, tag_all):
    passages = passages.assign(language=["en", "en", "de", "en", "fr", "fr", "fr"])

    findings = coverage_findings(fully_reported("ECE"), documents, passages,
                                 tag_all(passages))

    [unsupported] = findings
    assert dict(unsupported.details)["languages"] == (("de", 1),)
    assert "unsupported languages: 'de' (1 passages)" in unsupported.message


def test_reviews_without_any_tag_lack_every_objective_and_nothing_raises(documents, passages, rows):
    no_tags = rows.frame([], TAGS)

    findings = coverage_findings(objective_totals("ECE", {}), documents, passages, no_tags)

    review_gaps = by_dataset(findings, "review_coverage")
    assert {dict(g.details)["objectives"] for g in review_gaps} == {tuple(OBJECTIVE_NUMBERS)}
    assert len(by_dataset(findings, "tagged_share")) == 2
    assert by_dataset(findings, "objective_totals") == []  # no region in the totals
    for finding in findings:
        json.dumps(asdict(finding))


def test_a_review_with_no_passage_is_flagged_with_a_zero_share(documents, passages, tag_all, rows):
    empty = rows.document("1234123412341234", "MEX", "mexico-2022.pdf", "es", 0)
    documents = pd.concat([documents, rows.frame([empty], DOCUMENTS)], ignore_index=True)

    findings = coverage_findings(fully_reported("ECE"), documents, passages, tag_all(passages))

    [thin] = by_dataset(findings, "tagged_share")
    assert dict(thin.details)["passages"] == 0 and dict(thin.details)["tagged_share"] == 0.0
    [gap] = by_dataset(findings, "review_coverage")
    assert dict(gap.details)["country_iso3"] == "MEX"
