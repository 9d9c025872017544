"""Compilation tables count national reviews per region and cycle and keep a trail to the page."""

import pandas as pd
import pytest

from imrf_analysis.compilation.tables import (
    COMPILED_TABLES,
    compile_coverage,
    compile_tables,
    documents_in_region,
    regions_present,
    shorten,
)


def _documents(cycle: str = "2026") -> pd.DataFrame:
    rows = [
        ("d-ken", "ken.pdf", "KEN", "Kenya", ["ECA"], "national-review", "en", 3),
        ("d-egy", "egy.pdf", "EGY", "Egypt", ["ECA", "ESCWA"], "national-review", "ar", 5),
        ("d-jor", "jor.docx", "JOR", "Jordan", ["ESCWA"], "national-review", "en", 8),
        ("d-ngo", "ngo.pdf", "KEN", "Kenya", ["ECA"], "stakeholder-contribution", "en", 2),
    ]
    return pd.DataFrame([
        {"document_id": d, "file": f, "country_iso3": c, "country_name": n, "commissions": r,
         "cycle": cycle, "document_kind": k, "language": lang, "date": "2025-10-01",
         "format": f.rsplit(".", 1)[1], "pages": pages, "passages": 2, "sha256": d * 8,
         "version": 1, "superseded_by": None}
        for d, f, c, n, r, k, lang, pages in rows])


def _passages() -> pd.DataFrame:
    rows = [
        ("d-ken-0000", "d-ken", "ken.pdf", "KEN", 2),
        ("d-ken-0001", "d-ken", "ken.pdf", "KEN", 3),
        ("d-egy-0000", "d-egy", "egy.pdf", "EGY", 1),
        ("d-egy-0001", "d-egy", "egy.pdf", "EGY", 2),
        ("d-jor-0000", "d-jor", "jor.docx", "JOR", 1),
        ("d-ngo-0000", "d-ngo", "ngo.pdf", "KEN", 4),
    ]
    # Body paragraphs: long enough to report (a cover line or a table cell would not).
    return pd.DataFrame([{"passage_id": p, "document_id": d, "file": f, "country_iso3": c,
                          "page": pg, "paragraph_index": int(p[-4:]), "heading_path": [],
                          "block_type": "paragraph", "text": _body_text(p)}
                         for p, d, f, c, pg in rows])


def _body_text(passage_id: str) -> str:
    return (f"Paragraph {passage_id} of the review tells what the Government did over the "
            "reporting period, which programmes it ran, with whom, and what remains to be done "
            "before the next review.")


def _tags() -> pd.DataFrame:
    rows = [
        ("d-ken-0000", "objective", "20", 0.9),
        ("d-ken-0000", "content_type", "progress", 0.6),
        ("d-ken-0001", "objective", "20", 0.6),
        ("d-ken-0001", "objective", "5", 0.35),  # a passing mention: 20 is its subject
        ("d-ken-0001", "content_type", "gap-or-challenge", 0.84),
        ("d-ken-0001", "content_type", "support-needed", 0.6),
        ("d-ken-0001", "support_need", "financing", 0.6),
        ("d-ken-0001", "stakeholder_group", "civil-society", 0.6),
        ("d-egy-0000", "objective", "20", 0.8),
        ("d-egy-0001", "objective", "7", 0.5),
        ("d-egy-0000", "content_type", "good-practice", 0.6),
        ("d-egy-0000", "content_type", "progress", 0.6),
        ("d-jor-0000", "objective", "4", 0.95),
        ("d-jor-0000", "content_type", "progress", 0.7),
        ("d-jor-0000", "guiding_principle", "gender-responsive", 0.7),
        ("d-ngo-0000", "objective", "20", 0.99),
        ("d-ngo-0000", "content_type", "progress", 0.6),
    ]
    return pd.DataFrame([{"passage_id": p, "document_id": p.rsplit("-", 1)[0], "label_type": t,
                          "label": lab, "score": s, "source": "lexicon", "evidence": ""}
                         for p, t, lab, s in rows])


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return compile_tables(_documents(), _passages(), _tags())


def _row(frame: pd.DataFrame, **where: object) -> pd.Series:
    chosen = frame
    for column, value in where.items():
        chosen = chosen[chosen[column] == value]
    assert len(chosen) == 1, where
    return chosen.iloc[0]


def test_a_state_in_two_commissions_counts_in_both():
    documents = _documents()
    assert set(documents_in_region(documents, "ESCWA")["country_iso3"]) == {"EGY", "JOR"}
    assert set(documents_in_region(documents, "ECA")["country_iso3"]) == {"KEN", "EGY"}
    assert len(documents_in_region(documents, "GLOBAL")) == 4
    assert regions_present(documents) == ["ECA", "ESCWA", "GLOBAL"]


def test_compile_tables_returns_every_contract_table(tables):
    assert tuple(tables) == COMPILED_TABLES


def test_matrix_has_all_23_objectives_per_reviewing_country_and_counts_passages(tables):
    matrix = tables["country_objective_matrix"]
    eca = matrix[matrix["region"] == "ECA"]
    assert len(eca) == 2 * 23  # Kenya and Egypt; the stakeholder contribution is not a State
    kenya_20 = _row(eca, country_iso3="KEN", objective=20)
    assert (kenya_20["passages"], kenya_20["reviews"], kenya_20["reviews_total"]) == (2, 1, 1)
    assert kenya_20["passage_ids"] == ["d-ken-0000", "d-ken-0001"]
    assert kenya_20["round_table"] == "RT3"
    assert set(matrix["region"]) == {"ECA", "ESCWA", "GLOBAL"}


def test_matrix_level_is_challenge_over_progress_over_mention(tables):
    eca = tables["country_objective_matrix"].query("region == 'ECA'")
    kenya_20 = _row(eca, country_iso3="KEN", objective=20)
    assert kenya_20["level"] == "challenge-reported"
    assert kenya_20["progress_passage_ids"] == ["d-ken-0000"]
    assert kenya_20["challenge_passage_ids"] == ["d-ken-0001"]
    egypt_20 = _row(eca, country_iso3="EGY", objective=20)
    assert egypt_20["level"] == "progress-reported"
    assert egypt_20["good_practice_passage_ids"] == ["d-egy-0000"]
    assert _row(eca, country_iso3="EGY", objective=7)["level"] == "mentioned"
    assert _row(eca, country_iso3="EGY", objective=4)["level"] == "not-mentioned"
    assert _row(eca, country_iso3="KEN", objective=4)["passage_ids"] == []


def test_totals_read_as_n_of_m_reviews_with_content_counts(tables):
    totals = tables["objective_totals"].set_index(["region", "objective"])
    assert totals.loc[("ECA", 20), "label"] == "2 of 2 reviews"
    assert totals.loc[("GLOBAL", 4), "label"] == "1 of 3 reviews"
    assert totals.loc[("ESCWA", 5), "reviews_reporting"] == 0
    eca_20 = totals.loc[("ECA", 20)]
    # The stakeholder contribution's progress passage is not a State reporting progress.
    assert (eca_20["reviews_progress"], eca_20["reviews_challenge"],
            eca_20["reviews_good_practice"], eca_20["reviews_support_needed"]) == (2, 1, 1, 1)
    assert totals["previous_cycle"].isna().all() and totals["change"].isna().all()


def test_a_second_cycle_gets_the_previous_cycles_count_and_the_change():
    earlier = _documents("2022").assign(document_id=lambda d: d["document_id"] + "-old",
                                        file=lambda d: "old-" + d["file"])
    documents = pd.concat([earlier, _documents()], ignore_index=True)
    passages = _passages()
    old_passages = passages.assign(passage_id=passages["passage_id"].str.replace(
        r"^(d-\w+)", r"\1-old", regex=True), document_id=passages["document_id"] + "-old")
    tags = _tags()
    old_tags = tags.assign(passage_id=tags["passage_id"].str.replace(
        r"^(d-\w+)", r"\1-old", regex=True), document_id=tags["document_id"] + "-old")
    old_tags = old_tags[~((old_tags["label"] == "20") & (old_tags["document_id"] == "d-egy-old"))]
    tables = compile_tables(documents, pd.concat([old_passages, passages]),
                            pd.concat([old_tags, tags]))
    totals = tables["objective_totals"].set_index(["region", "cycle", "objective"])
    now = totals.loc[("ECA", "2026", 20)]
    assert (now["previous_cycle"], now["reviews_reporting_previous"], now["change"]) == (
        "2022", 1, 1)
    assert pd.isna(totals.loc[("ECA", "2022", 20), "previous_cycle"])
    assert set(tables["country_objective_matrix"]["cycle"]) == {"2022", "2026"}


def test_evidence_takes_one_passage_per_country_before_a_second_and_cites_the_page(tables):
    evidence = tables["round_table_evidence"]
    progress = evidence[(evidence["region"] == "ECA") & (evidence["objective"] == 20)
                        & (evidence["category"] == "progress")]
    # Kenya's second passage (0.54) waits until Egypt (0.48) has one.
    assert progress["passage_id"].tolist() == ["d-ngo-0000", "d-egy-0000", "d-ken-0000"]
    assert progress["rank"].tolist() == [1, 2, 3]
    assert progress["page"].tolist() == [4, 1, 2]
    assert progress.iloc[0]["document_kind"] == "stakeholder-contribution"
    assert progress.iloc[2]["score"] == pytest.approx(0.9 * 0.6)
    categories = evidence.query("region == 'ECA' and objective == 20")["category"]
    assert list(dict.fromkeys(categories)) == ["progress", "gap-or-challenge", "good-practice",
                                               "support-needed"]


def test_evidence_quotes_only_what_a_review_reports(tables):
    evidence = tables["round_table_evidence"].query("region == 'ESCWA' and objective == 4")
    assert evidence["category"].tolist() == ["progress"]
    assert evidence["passage_id"].tolist() == ["d-jor-0000"]
    # Egypt's passage on objective 7 states no progress, challenge or practice: not quoted.
    assert tables["round_table_evidence"].query("objective == 7").empty


def test_registers_list_practices_and_challenges_with_support_needs(tables):
    practices = tables["good_practice_register"].query("region == 'GLOBAL'")
    assert practices["passage_id"].tolist() == ["d-egy-0000"]
    assert practices.iloc[0]["objectives"] == [20]
    challenges = tables["challenge_register"].query("region == 'ECA'")
    kenya = _row(challenges, passage_id="d-ken-0001")
    assert kenya["category"] == "support-needed"
    assert kenya["support_needs"] == ["financing"]
    assert kenya["objectives"] == [20]  # objective 5 is named in passing
    assert (kenya["document_id"], kenya["file"], kenya["page"]) == ("d-ken", "ken.pdf", 3)


def test_stakeholder_consultation_keeps_every_group_per_document(tables):
    consulted = tables["stakeholder_consultation"].query("region == 'ECA'")
    assert len(consulted) == 3 * consulted["stakeholder_group"].nunique()
    kenya = _row(consulted, document_id="d-ken", stakeholder_group="civil-society")
    assert (kenya["passages"], kenya["passage_ids"], kenya["pages"]) == (1, ["d-ken-0001"], [3])


def test_principle_matrix_keeps_zeros_for_every_principle(tables):
    principles = tables["principle_matrix"].query("region == 'ESCWA'")
    assert len(principles) == 2 * 10
    jordan = _row(principles, country_iso3="JOR", guiding_principle="gender-responsive")
    assert (jordan["passages"], jordan["passage_ids"]) == (1, ["d-jor-0000"])


def test_regional_coverage_counts_states_against_members(tables):
    coverage = tables["regional_coverage"].set_index("region")
    eca = coverage.loc["ECA"]
    assert (eca["reviews_submitted"], eca["states_reporting"], eca["member_states"]) == (2, 2, 54)
    assert eca["label"] == "2 of 54 member States"
    assert eca["stakeholder_contributions"] == 1
    assert eca["languages"] == ["ar", "en"]
    assert eca["median_pages"] == 4.0
    assert coverage.loc["GLOBAL", "member_states"] == 193


def test_coverage_gaps_list_unreported_objectives_per_region_and_review(tables):
    gaps = tables["coverage_gaps"]
    escwa = gaps[(gaps["region"] == "ESCWA") & (gaps["scope"] == "region")]
    # Egypt only names objective 7: a gap, like objectives nobody names.
    assert sorted(escwa["objective"]) == [n for n in range(1, 24) if n not in (4, 20)]
    jordan = gaps[(gaps["scope"] == "review") & (gaps["document_id"] == "d-jor")
                  & (gaps["region"] == "GLOBAL")]
    assert 4 not in set(jordan["objective"]) and len(jordan) == 22


def test_a_superseded_review_stays_out_of_the_counts_but_in_the_register():
    documents = _documents()
    newer = documents.iloc[[0]].assign(document_id="d-ken2", file="ken-v2.pdf", version=2)
    documents.loc[0, "superseded_by"] = "d-ken2"
    documents = pd.concat([documents, newer], ignore_index=True)
    passages = pd.concat([_passages(), pd.DataFrame([{
        "passage_id": "d-ken2-0000", "document_id": "d-ken2", "file": "ken-v2.pdf",
        "country_iso3": "KEN", "page": 1, "paragraph_index": 0, "heading_path": [],
        "block_type": "paragraph", "text": _body_text("d-ken2-0000")}])], ignore_index=True)
    tags = pd.concat([_tags(), pd.DataFrame([
        {"passage_id": "d-ken2-0000", "document_id": "d-ken2", "label_type": label_type,
         "label": label, "score": 0.9, "source": "lexicon", "evidence": ""}
        for label_type, label in (("objective", "9"), ("content_type", "progress"))])],
        ignore_index=True)
    tables = compile_tables(documents, passages, tags)
    eca = tables["objective_totals"].query("region == 'ECA'").set_index("objective")
    assert eca.loc[9, "label"] == "1 of 2 reviews"
    assert eca.loc[5, "reviews_reporting"] == 0  # only the superseded version reported on 5
    register = tables["submission_register"].set_index("document_id")
    assert register.loc["d-ken", ["current", "superseded_by"]].tolist() == [False, "d-ken2"]
    assert register.loc["d-ken2", ["current", "supersedes", "version"]].tolist() == [
        True, "d-ken", 2]


def test_compiling_twice_writes_byte_identical_datasets(tables, tmp_path):
    from imrf_analysis.store.catalog import write_parquet

    again = compile_tables(_documents(), _passages(), _tags())
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame, again[name], obj=name)
        first = write_parquet(frame, tmp_path / f"{name}-1.parquet").read_bytes()
        assert write_parquet(again[name], tmp_path / f"{name}-2.parquet").read_bytes() == first


def test_shorten_cuts_at_a_sentence_then_at_a_word_and_marks_the_cut():
    sentence = "One two three four five. "
    assert shorten(sentence * 2, words=60) == (sentence * 2).strip()
    assert shorten(sentence * 20, words=12) == (sentence * 2).strip() + " …"
    assert shorten("word " * 100, words=5) == "word word word word word …"


def test_the_sample_with_half_its_reviews_a_cycle_earlier_shows_the_change(sample_datasets):
    documents = sample_datasets.documents.copy()
    reviews = sorted(documents.loc[documents["document_kind"] == "national-review",
                                   "document_id"])
    earlier = set(reviews[::2])
    documents["cycle"] = documents["document_id"].map(
        lambda d: "2022" if d in earlier else "2026")
    tables = compile_tables(documents, sample_datasets.passages, sample_datasets.tags)
    totals = tables["objective_totals"]
    now = totals[(totals["region"] == "GLOBAL") & (totals["cycle"] == "2026")]
    assert set(now["previous_cycle"]) == {"2022"}
    findings = tables["review_findings"]
    for row in now.itertuples():
        reporting = findings[findings["reported"] & (findings["objective"] == row.objective)]
        before = len(set(reporting["document_id"]) & earlier & _current(documents))
        assert row.reviews_reporting_previous == before
        assert row.change == row.reviews_reporting - before
    assert totals.loc[totals["cycle"] == "2022", "change"].isna().all()


def _current(documents: pd.DataFrame) -> set[str]:
    return set(documents.loc[documents["superseded_by"].isna(), "document_id"])


def test_every_table_is_saved_with_its_schema_and_reads_back_the_same(tables, tmp_path):
    from imrf_analysis.store.catalog import Catalog
    from imrf_analysis.store.schemas import COMPILED

    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    for name, frame in tables.items():
        catalog.save(name, frame)
        back = catalog.load(name)
        assert pq_schema(catalog.path(name)) == COMPILED[name], name
        assert back.shape == frame.shape and list(back.columns) == list(frame.columns)
    totals = catalog.load("objective_totals")
    assert totals["change"].isna().all() and totals["objective"].tolist() == tables[
        "objective_totals"]["objective"].tolist()
    register = catalog.load("challenge_register")
    assert [list(v) for v in register["objectives"]] == tables["challenge_register"][
        "objectives"].tolist()


def pq_schema(path):
    import pyarrow.parquet as pq

    return pq.read_schema(path).remove_metadata()


def test_the_order_of_the_input_rows_does_not_change_the_tables(tables):
    shuffled = compile_tables(_documents().iloc[::-1], _passages().sample(frac=1, random_state=3),
                              _tags().sample(frac=1, random_state=5))
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame, shuffled[name], obj=name)


def test_a_run_without_any_document_gives_empty_tables_that_still_save(tmp_path):
    import pyarrow as pa

    from imrf_analysis.store.catalog import Catalog
    from imrf_analysis.store.schemas import COMPILED, DOCUMENTS, PASSAGES, TAGS

    def empty(schema):
        return pa.Table.from_pylist([], schema=schema).to_pandas()

    tables = compile_tables(empty(DOCUMENTS), empty(PASSAGES), empty(TAGS))
    catalog = Catalog.under(tmp_path, tmp_path)
    for name, frame in tables.items():
        assert frame.empty and list(frame.columns) == COMPILED[name].names
        assert catalog.load(catalog.save(name, frame).stem).empty


def test_stakeholder_contributions_alone_are_quoted_but_no_state_is_counted():
    documents = _documents().assign(document_kind="stakeholder-contribution")
    tables = compile_tables(documents, _passages(), _tags())
    assert tables["country_objective_matrix"].empty
    assert (tables["objective_totals"]["reviews_total"] == 0).all()
    assert (tables["regional_coverage"]["states_reporting"] == 0).all()
    assert not tables["round_table_evidence"].empty


def test_an_observer_states_review_counts_in_its_commission_but_not_among_un_members():
    documents = pd.concat([_documents(), _documents().iloc[[2]].assign(
        document_id="d-pse", file="pse.pdf", country_iso3="PSE", country_name="Palestine")],
        ignore_index=True)
    coverage = compile_tables(documents, _passages(), _tags())["regional_coverage"]
    coverage = coverage.set_index("region")
    assert coverage.loc["ESCWA", "label"] == "3 of 21 member States"
    assert coverage.loc["GLOBAL", "states_reporting"] == 4
    assert coverage.loc["GLOBAL", "label"] == "3 of 193 member States"
    assert coverage.loc["GLOBAL", "share_of_members"] == pytest.approx(3 / 193)


def test_tables_compiled_from_a_coverage_computed_first_are_the_same(sample_datasets):
    # A run compiles the coverage first (the heat maps are drawn from its matrix), then the
    # other tables from it.
    documents, passages, tags = (sample_datasets.documents, sample_datasets.passages,
                                 sample_datasets.tags)
    coverage = compile_coverage(documents, passages, tags)
    from_coverage = compile_tables(documents, passages, tags, coverage=coverage)
    at_once = compile_tables(documents, passages, tags)
    assert list(from_coverage) == list(at_once) == list(COMPILED_TABLES)
    for name, table in at_once.items():
        pd.testing.assert_frame_equal(from_coverage[name], table, obj=name)
    assert from_coverage["country_objective_matrix"] is coverage.matrix
    assert len(coverage.matrix) > 0


def test_reviews_resubmitted_unchanged_as_another_cycle_show_no_change(sample_datasets):
    # Two States' reviews submitted again, unchanged, as cycle 2022: raw counts say 2 → 13.
    documents = sample_datasets.documents
    two = documents[documents["document_kind"] == "national-review"].head(2)
    earlier = two.assign(cycle="2022", document_id=two["document_id"] + "-2022",
                         file="2022-" + two["file"], superseded_by=None)
    renamed = {old: old + "-2022" for old in two["document_id"]}
    passages = sample_datasets.passages
    old_passages = passages[passages["document_id"].isin(renamed)].assign(
        document_id=lambda p: p["document_id"].map(renamed),
        passage_id=lambda p: p["document_id"] + p["passage_id"].str[16:], cycle="2022")
    tags = sample_datasets.tags
    old_tags = tags[tags["document_id"].isin(renamed)].assign(
        document_id=lambda t: t["document_id"].map(renamed),
        passage_id=lambda t: t["document_id"] + t["passage_id"].str[16:])
    tables = compile_tables(pd.concat([documents, earlier], ignore_index=True),
                            pd.concat([passages, old_passages], ignore_index=True),
                            pd.concat([tags, old_tags], ignore_index=True))
    totals = tables["objective_totals"]
    now = totals[(totals["region"] == "GLOBAL") & (totals["cycle"] == "2026")]
    assert (now["panel_countries"] == 2).all()
    assert (now["panel_change"] == 0).all()  # the same two reviews: nothing changed
    assert (now["panel_reporting"] == now["panel_reporting_previous"]).all()
    assert (now["countries_total_previous"] == 2).all()
    assert (now["countries_reporting_previous"] <= 2).all()
    assert (now["change"] > 0).any()  # what the raw counts would have said


def test_evidence_under_its_objective_s_heading_and_stating_figures_ranks_first():
    from imrf_analysis.compilation.evidence import evidence_strength

    passages = pd.DataFrame({
        "passage_id": ["a", "b", "c", "d"],
        "heading_path": [["Objective 13: Alternatives to detention"], ["Introduction"],
                         ["Objective 13: Alternatives to detention"], ["Objectif 13"]],
        "text": ["Case management reached 1,240 families in 2024.",
                 "Detention is a last resort under the 2019 law.",
                 "Alternatives to detention were extended.",
                 "Objective 13 and Law 12 of 2023 guide the reform."]})
    candidates = pd.DataFrame({"passage_id": ["a", "b", "c", "d"], "objective": [13] * 4})
    factors = evidence_strength(candidates, passages).round(2).tolist()
    assert factors == [1.56, 1.0, 1.3, 1.3]  # a year, an objective or a law number: no figure
