"""Compilation tables count national reviews per region and keep a trail to the page."""

import pandas as pd
import pytest

from imrf_analysis.compile import (
    compile_country_objective_matrix,
    compile_objective_totals,
    compile_round_table_evidence,
    compile_tables,
    documents_in_region,
)


def _documents() -> pd.DataFrame:
    rows = [
        ("d-ken", "ken.pdf", "KEN", "Kenya", ["ECA"], "national-review"),
        ("d-egy", "egy.pdf", "EGY", "Egypt", ["ECA", "ESCWA"], "national-review"),
        ("d-jor", "jor.docx", "JOR", "Jordan", ["ESCWA"], "national-review"),
        ("d-ngo", "ngo.pdf", "KEN", "Kenya", ["ECA"], "stakeholder-contribution"),
    ]
    return pd.DataFrame(
        [
            {
                "document_id": d,
                "file": f,
                "country_iso3": c,
                "country_name": n,
                "commissions": r,
                "cycle": "2026",
                "document_kind": k,
                "language": "en",
                "date": "2025-10-01",
                "format": f.rsplit(".", 1)[1],
                "pages": 3,
                "passages": 2,
                "sha256": d,
            }
            for d, f, c, n, r, k in rows
        ]
    )


def _passages() -> pd.DataFrame:
    rows = [
        ("d-ken-0000", "d-ken", "ken.pdf", "KEN", 2),
        ("d-ken-0001", "d-ken", "ken.pdf", "KEN", 3),
        ("d-egy-0000", "d-egy", "egy.pdf", "EGY", 1),
        ("d-jor-0000", "d-jor", "jor.docx", "JOR", 1),
        ("d-ngo-0000", "d-ngo", "ngo.pdf", "KEN", 4),
    ]
    return pd.DataFrame(
        [
            {
                "passage_id": p,
                "document_id": d,
                "file": f,
                "country_iso3": c,
                "page": pg,
                "text": f"text of {p}",
            }
            for p, d, f, c, pg in rows
        ]
    )


def _tags() -> pd.DataFrame:
    rows = [
        ("d-ken-0000", "d-ken", "objective", "20", 0.9),
        ("d-ken-0001", "d-ken", "objective", "20", 0.6),
        ("d-ken-0001", "d-ken", "objective", "5", 0.7),
        ("d-egy-0000", "d-egy", "objective", "20", 0.8),
        ("d-jor-0000", "d-jor", "objective", "4", 0.95),
        ("d-ngo-0000", "d-ngo", "objective", "20", 0.99),
        ("d-jor-0000", "d-jor", "guiding_principle", "gender-responsive", 0.7),
    ]
    return pd.DataFrame(
        [
            {
                "passage_id": p,
                "document_id": d,
                "label_type": t,
                "label": lab,
                "score": s,
                "source": "lexicon",
                "evidence": "",
            }
            for p, d, t, lab, s in rows
        ]
    )


def test_a_state_in_two_commissions_counts_in_both():
    documents = _documents()
    assert set(documents_in_region(documents, "ESCWA")["country_iso3"]) == {"EGY", "JOR"}
    assert set(documents_in_region(documents, "ECA")["country_iso3"]) == {"KEN", "EGY"}
    assert len(documents_in_region(documents, "GLOBAL")) == 4


def test_matrix_has_all_23_objectives_per_reviewing_country_and_counts_passages():
    matrix = compile_country_objective_matrix(_documents(), _passages(), _tags())
    eca = matrix[matrix["region"] == "ECA"]
    assert len(eca) == 2 * 23  # Kenya and Egypt; the stakeholder contribution is not a State
    kenya_20 = eca[(eca["country_iso3"] == "KEN") & (eca["objective"] == 20)].iloc[0]
    assert kenya_20["passages"] == 2
    assert kenya_20["reviews"] == 1
    assert kenya_20["passage_ids"] == ["d-ken-0000", "d-ken-0001"]
    assert kenya_20["round_table"] == "RT3"
    assert set(matrix["region"]) == {"ECA", "ESCWA", "GLOBAL"}


def test_totals_read_as_n_of_m_reviews():
    documents = _documents()
    matrix = compile_country_objective_matrix(documents, _passages(), _tags())
    totals = compile_objective_totals(documents, matrix).set_index(["region", "objective"])
    assert totals.loc[("ECA", 20), "label"] == "2 of 2 reviews"
    assert totals.loc[("GLOBAL", 4), "label"] == "1 of 3 reviews"
    assert totals.loc[("ESCWA", 5), "reviews_reporting"] == 0


def test_evidence_takes_one_passage_per_country_before_a_second_and_cites_the_page():
    evidence = compile_round_table_evidence(_documents(), _passages(), _tags(), per_objective=3)
    eca_20 = evidence[(evidence["region"] == "ECA") & (evidence["objective"] == 20)]
    assert eca_20["passage_id"].tolist() == ["d-ngo-0000", "d-egy-0000", "d-ken-0000"]
    assert eca_20["rank"].tolist() == [1, 2, 3]
    assert eca_20["page"].tolist() == [4, 1, 2]
    assert eca_20.iloc[0]["document_kind"] == "stakeholder-contribution"


@pytest.mark.parametrize("region", ["ECA", "ESCWA", "GLOBAL"])
def test_counts_match_an_independent_recount_from_tags(region):
    documents, passages, tags = _documents(), _passages(), _tags()
    tables = compile_tables(documents, passages, tags)
    totals = tables["objective_totals"]
    reviews = documents_in_region(
        documents[documents["document_kind"] == "national-review"], region
    )
    objective_tags = tags[
        (tags["label_type"] == "objective") & tags["document_id"].isin(reviews["document_id"])
    ]
    for number in range(1, 24):
        expected = objective_tags.loc[
            objective_tags["label"] == str(number), "document_id"
        ].nunique()
        got = totals[(totals["region"] == region) & (totals["objective"] == number)]
        assert int(got["reviews_reporting"].iloc[0]) == expected


def test_coverage_gaps_list_unreported_objectives_per_region_and_review():
    gaps = compile_tables(_documents(), _passages(), _tags())["coverage_gaps"]
    escwa = gaps[(gaps["region"] == "ESCWA") & (gaps["scope"] == "region")]
    assert sorted(escwa["objective"]) == [n for n in range(1, 24) if n not in (4, 20)]
    jordan = gaps[
        (gaps["scope"] == "review")
        & (gaps["document_id"] == "d-jor")
        & (gaps["region"] == "GLOBAL")
    ]
    assert 4 not in set(jordan["objective"]) and len(jordan) == 22


def test_a_superseded_review_stays_out_of_the_counts():
    documents = _documents()
    newer = documents.iloc[[0]].assign(document_id="d-ken2", file="ken-v2.pdf", superseded_by=None)
    documents = documents.assign(superseded_by=[None] * len(documents))
    documents.loc[0, "superseded_by"] = "d-ken2"
    documents = pd.concat([documents, newer], ignore_index=True)
    passages = pd.concat([_passages(), pd.DataFrame([{
        "passage_id": "d-ken2-0000", "document_id": "d-ken2", "file": "ken-v2.pdf",
        "country_iso3": "KEN", "page": 1, "text": "new"}])], ignore_index=True)
    tags = pd.concat([_tags(), pd.DataFrame([{
        "passage_id": "d-ken2-0000", "document_id": "d-ken2", "label_type": "objective",
        "label": "7", "score": 0.9, "source": "lexicon", "evidence": ""}])], ignore_index=True)
    totals = compile_tables(documents, passages, tags)["objective_totals"]
    eca = totals[totals["region"] == "ECA"].set_index("objective")
    assert eca.loc[7, "label"] == "1 of 2 reviews"
    assert eca.loc[5, "reviews_reporting"] == 0  # only the superseded version reported on 5
