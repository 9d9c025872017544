"""The analyst API reads a run's folder: evidence with citations, counts per region and cycle."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import imrf_analysis
from imrf_analysis import analysis
from imrf_analysis.analysis import RunNotFoundError, open_run, tagging_errors
from imrf_analysis.compilation.objectives import compile_objective_totals, scoped_findings
from imrf_analysis.compilation.scope import region_documents
from imrf_analysis.ingest.collection import current_documents
from imrf_analysis.reference import gcm
from imrf_analysis.store.catalog import Catalog, write_parquet
from imrf_analysis.tagging.scoring import PassageScores, Thresholds

LISTS = ("passage_ids", "progress_passage_ids", "challenge_passage_ids",
         "good_practice_passage_ids", "support_passage_ids", "mention_passage_ids")

# document id, file, ISO3, name, commissions, cycle, kind, superseded by
DOCUMENTS = [
    ("d-sen", "senegal.pdf", "SEN", "Senegal", ["ECA"], "2026", "national-review", None),
    ("d-sen-old", "senegal-v1.pdf", "SEN", "Senegal", ["ECA"], "2026", "national-review",
     "d-sen"),
    ("d-ken", "kenya.pdf", "KEN", "Kenya", ["ECA"], "2026", "national-review", None),
    ("d-ken-22", "kenya-2022.pdf", "KEN", "Kenya", ["ECA"], "2022", "national-review", None),
    ("d-esp", "espana.txt", "ESP", "Spain", ["ECE"], "2026", "national-review", None),
    ("d-ngo", "ngo.pdf", "SEN", "Senegal", ["ECA"], "2026", "stakeholder-contribution", None),
]

# passage id, document, page, paragraph index, heading path, text
PASSAGES = [
    ("d-sen-1", "d-sen", 2, 1, ["Objective 5"], "Senegal opened a new labour mobility scheme."),
    ("d-sen-2", "d-sen", 3, 2, ["Objective 5"], "Visa processing delays remain a challenge."),
    ("d-sen-3", "d-sen", 3, 3, ["Objective 5"], "A one-stop shop serves returning migrants."),
    ("d-sen-4", "d-sen", 4, 4, ["Support needs"], "Senegal needs financing for data systems."),
    ("d-ken-1", "d-ken", 1, 1, ["Objective 5"], "Kenya signed two labour agreements."),
    ("d-ken22-1", "d-ken-22", 1, 1, ["Objective 5"], "Kenya drafted a labour migration policy."),
    ("d-esp-1", "d-esp", 0, 1, ["Introducción"], "España presenta su examen."),
    ("d-esp-2", "d-esp", 0, 2, ["Objetivo 5"], "Se amplió el programa de migración circular."),
    ("d-esp-3", "d-esp", 0, 3, ["Objetivo 5"], "Persisten retrasos en los visados."),
    ("d-ngo-1", "d-ngo", 1, 1, [], "Civil society welcomes the labour mobility scheme."),
    ("d-sen-old-1", "d-sen-old", 2, 1, ["Objective 5"], "An older draft of the review."),
]

# document, objective -> flags and passage lists (every other cell: nothing found)
CELLS = {
    ("d-sen", 5): {"reported": True, "progress": True, "challenge": True, "good_practice": True,
                   "support_needs": ["financing", "data"], "confidence": 0.91,
                   "passage_ids": ["d-sen-1", "d-sen-2", "d-sen-3"],
                   "progress_passage_ids": ["d-sen-1", "d-sen-3"],
                   "challenge_passage_ids": ["d-sen-2"],
                   "good_practice_passage_ids": ["d-sen-3"],
                   "support_passage_ids": ["d-sen-4"]},
    ("d-sen", 7): {"mentioned_only": True, "mention_passage_ids": ["d-sen-3"]},
    ("d-ken", 5): {"reported": True, "progress": True, "confidence": 0.42,
                   "passage_ids": ["d-ken-1"], "progress_passage_ids": ["d-ken-1"]},
    ("d-ken-22", 5): {"reported": True, "challenge": True, "confidence": 0.7,
                      "passage_ids": ["d-ken22-1"], "challenge_passage_ids": ["d-ken22-1"]},
    ("d-esp", 5): {"reported": True, "progress": True, "challenge": True, "confidence": 0.8,
                   "passage_ids": ["d-esp-2", "d-esp-3"], "progress_passage_ids": ["d-esp-2"],
                   "challenge_passage_ids": ["d-esp-3"]},
    ("d-ngo", 5): {"reported": True, "progress": True, "confidence": 0.6,
                   "passage_ids": ["d-ngo-1"], "progress_passage_ids": ["d-ngo-1"]},
}


def _findings(extra: bool) -> pd.DataFrame:
    rows = []
    for doc, file, iso3, _, _, cycle, kind, superseded in DOCUMENTS:
        if superseded:
            continue  # findings hold current documents only
        for number in gcm.OBJECTIVE_NUMBERS:
            cell = CELLS.get((doc, number), {})
            row = {"document_id": doc, "file": file, "country_iso3": iso3, "cycle": cycle,
                   "document_kind": kind, "language": "en", "objective": number,
                   "round_table": gcm.round_table_of(number).code,
                   **{flag: bool(cell.get(flag, False)) for flag in (
                       "reported", "progress", "challenge", "good_practice",
                       "mentioned_only")},
                   "support_needs": list(cell.get("support_needs", [])),
                   **{name: list(cell.get(name, [])) for name in LISTS},
                   "confidence": float(cell.get("confidence", 0.0))}
            if extra:
                row["verified"] = (doc, number) == ("d-sen", 5)
                row["analyst_decision"] = "confirmed" if row["verified"] else ""
            rows.append(row)
    return pd.DataFrame(rows)


def _write_run(output: Path, extra: bool = True) -> Catalog:
    catalog = Catalog.under(output / "data" / "raw", output)
    documents = pd.DataFrame([
        {"document_id": d, "file": f, "country_iso3": c, "country_name": n, "commissions": r,
         "cycle": cycle, "document_kind": kind, "language": "en", "date": "2026-01-10",
         "format": f.rsplit(".", 1)[1], "pages": 4, "passages": 4, "sha256": d,
         "version": 1, "superseded_by": s}
        for d, f, c, n, r, cycle, kind, s in DOCUMENTS])
    files = {d: (f, c, cycle, kind) for d, f, c, _, _, cycle, kind, _ in DOCUMENTS}
    passages = pd.DataFrame([
        {"passage_id": pid, "document_id": doc, "file": files[doc][0],
         "country_iso3": files[doc][1], "cycle": files[doc][2], "document_kind": files[doc][3],
         "page": page, "paragraph_index": index, "heading_path": path, "block_type": "paragraph",
         "text": text, "language": "es" if doc == "d-esp" else "en", "ocr": False}
        for pid, doc, page, index, path, text in PASSAGES])
    tags = pd.DataFrame({"passage_id": ["d-sen-1"], "document_id": ["d-sen"],
                         "label_type": ["objective"], "label": ["5"], "score": [0.9],
                         "source": ["heading"], "evidence": ["Objective 5"]})
    # The published counts, compiled as a run compiles them.
    scoped = region_documents(current_documents(documents))
    totals = compile_objective_totals(scoped, scoped_findings(scoped, _findings(extra=True)))
    for name, frame in (("documents", documents), ("passages", passages), ("tags", tags),
                        ("review_findings", _findings(extra)), ("objective_totals", totals)):
        write_parquet(frame, catalog.path(name))
    return catalog


@pytest.fixture()
def run(tmp_path):
    _write_run(tmp_path / "out")
    return open_run(tmp_path / "out")


def test_a_run_opens_from_its_output_folder_or_its_processed_folder(tmp_path):
    catalog = _write_run(tmp_path / "out")
    by_output = open_run(tmp_path / "out")
    by_processed = open_run(catalog.processed_dir)
    assert by_output.catalog.processed_dir == by_processed.catalog.processed_dir
    assert by_processed.reports_dir == tmp_path / "out" / "reports"
    assert len(by_processed.findings) == 5 * 23  # current documents only
    assert by_output.cycles == ["2022", "2026"]
    assert by_output.regions == ["ECA", "ECE", "GLOBAL"]
    assert imrf_analysis.open_run is analysis.open_run


def test_a_folder_without_a_run_is_named_in_the_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(RunNotFoundError, match=str(tmp_path / "empty")):
        open_run(tmp_path / "empty")
    with pytest.raises(RunNotFoundError, match="no such folder"):
        open_run(tmp_path / "missing")


def test_a_dataset_the_run_lacks_is_named_with_its_path(run):
    with pytest.raises(FileNotFoundError, match="round_table_evidence.parquet"):
        _ = run.round_table_evidence
    with pytest.raises(KeyError):
        run.dataset("no_such_table")


def test_evidence_of_a_finding_lists_its_passages_with_context_and_citation(run):
    rows = run.evidence(country="Senegal", objective=5)
    # The review's passages in document order, then the contribution on Senegal.
    assert rows["passage_id"].tolist() == ["d-sen-1", "d-sen-2", "d-sen-3", "d-sen-4",
                                           "d-ngo-1"]
    assert rows["document_kind"].iloc[-1] == "stakeholder-contribution"
    assert rows["citation"].iloc[-1] == "(Senegal, ngo.pdf, p. 1)"
    first = rows.iloc[0]
    assert first["evidence_of"] == ["reported", "progress"]
    assert first["citation"] == "(Senegal, senegal.pdf, p. 2)"
    assert list(first["heading_path"]) == ["Objective 5"]
    assert pd.isna(first["previous_text"])
    assert first["next_text"] == "Visa processing delays remain a challenge."
    assert rows.iloc[2]["evidence_of"] == ["reported", "progress", "good_practice"]
    assert rows.iloc[3]["evidence_of"] == ["support"]
    # Columns added to the findings later come along.
    assert rows.iloc[0]["analyst_decision"] == "confirmed" and rows.iloc[0]["verified"]


def test_evidence_by_flag_and_by_any_spelling_of_the_country(run):
    challenge = run.evidence(country="sen", objective=5, flag="gap-or-challenge")
    assert challenge["passage_id"].tolist() == ["d-sen-2"]
    assert challenge["text"].tolist() == ["Visa processing delays remain a challenge."]
    assert run.evidence(country="Sénégal", objective=5, flag="support")["passage_id"].tolist() \
        == ["d-sen-4"]
    assert run.evidence(country="SEN", objective=7)["passage_id"].tolist() == []
    assert run.evidence(country="SEN", objective=7, flag="mentioned")["passage_id"].tolist() \
        == ["d-sen-3"]


def test_a_passage_without_a_page_is_cited_by_section_and_paragraph(run):
    rows = run.evidence(country="ESP", objective=5, flag="challenge")
    assert rows["where"].tolist() == ["§ Objetivo 5, para. 2"]
    assert rows["citation"].tolist() == ["(Spain, espana.txt, § Objetivo 5, para. 2)"]
    assert run.citation("d-esp-2") == "(Spain, espana.txt, § Objetivo 5, para. 1)"


def test_evidence_keeps_stakeholder_contributions_marked_by_kind(run):
    rows = run.evidence(objective=5, flag="progress", region="ECA", cycle=2026)
    kinds = rows.groupby("document_kind")["passage_id"].agg(list).to_dict()
    assert kinds == {"national-review": ["d-ken-1", "d-sen-1", "d-sen-3"],
                     "stakeholder-contribution": ["d-ngo-1"]}


def test_unknown_names_are_refused_with_what_the_run_has(run):
    with pytest.raises(ValueError, match="FRA.*no document"):
        run.evidence(country="France")
    with pytest.raises(ValueError, match="unknown country"):
        run.evidence(country="Atlantis")
    with pytest.raises(ValueError, match="unknown flag"):
        run.evidence(country="SEN", flag="trend")
    with pytest.raises(ValueError, match="not a GCM objective"):
        run.evidence(objective=24)
    with pytest.raises(ValueError, match="ESCWA has no national review"):
        run.compare(regions=["ESCWA"])
    with pytest.raises(ValueError, match="cycle '2018'"):
        run.coverage(cycles=["2018"])


def test_evidence_needs_no_column_beyond_the_original_findings(tmp_path):
    _write_run(tmp_path / "out", extra=False)
    rows = open_run(tmp_path / "out").evidence(country="KEN", objective=5, cycle="2026")
    assert rows["passage_id"].tolist() == ["d-ken-1"]
    assert "analyst_decision" not in rows.columns


def test_compare_counts_current_national_reviews_per_region_and_cycle(run):
    table = run.compare()
    cell = table.set_index(["region", "cycle", "objective", "measure"])
    # ECA 2026: Senegal (current version only) and Kenya; the contribution is not counted.
    assert cell.loc[("ECA", "2026", 5, "reported"), "label"] == "2 of 2 reviews"
    assert cell.loc[("ECA", "2026", 5, "challenge"), "reviews"] == 1
    assert cell.loc[("ECA", "2026", 5, "support"), "reviews"] == 1
    assert cell.loc[("ECA", "2022", 5, "challenge"), "share"] == 1.0
    assert cell.loc[("GLOBAL", "2026", 5, "reported"), "label"] == "3 of 3 reviews"
    assert cell.loc[("ECE", "2026", 7, "reported"), "reviews"] == 0
    # Every region x cycle with a review, x 23 objectives x 5 measures; ECE has no 2022 review.
    assert len(table) == (2 + 1 + 2) * 23 * 5
    assert set(table["measure"]) == set(analysis.FLAGS)
    only = run.compare(regions="ECA", cycles=[2022], measures=["reported"])
    assert set(only["region"]) == {"ECA"} and set(only["cycle"]) == {"2022"}
    assert len(only) == 23


def test_coverage_says_n_of_m_reviews_per_region_and_objective(run):
    table = run.coverage(cycles=["2026"]).set_index(["region", "objective"])
    assert table.loc[("ECA", 5), "reviews_reporting"] == 2
    assert table.loc[("ECE", 5), "label"] == "1 of 1 reviews"
    assert table.loc[("GLOBAL", 1), "share"] == 0.0
    assert list(table.index.get_level_values("region").unique()) == ["ECA", "ECE", "GLOBAL"]


def test_the_reviews_behind_a_count_and_the_findings_of_a_region(run):
    counted = run.reviews_counted("ECA", 5, "challenge", cycle="2026")
    assert counted["country_iso3"].tolist() == ["SEN"]
    cells = run.findings_in("ECA", cycle="2026")
    assert set(cells["country_iso3"]) == {"KEN", "SEN"}
    assert len(cells) == 2 * 23
    reported = cells[cells["reported"]].sort_values("confidence")
    assert reported["country_name"].tolist() == ["Kenya", "Senegal"]
    assert reported["objective_name"].iloc[0] == gcm.objective(5).short_name["en"]


class _FakeTagger:
    """Scores every passage the same: objective 5 at 0.9, objective 6 at 0.6, one principle."""

    thresholds = Thresholds(default=0.5, top_objective=0.3)

    def score(self, texts, languages, heading_paths=None):
        objectives = {n: 0.0 for n in gcm.OBJECTIVE_NUMBERS} | {5: 0.9, 6: 0.6}
        principles = {slug: 0.0 for slug in gcm.GUIDING_PRINCIPLE_SLUGS}
        principles[gcm.GUIDING_PRINCIPLE_SLUGS[0]] = 0.7
        return [PassageScores(objectives, principles, {}, {}) for _ in texts]


def test_tagging_errors_list_false_positives_and_negatives():
    first = gcm.GUIDING_PRINCIPLE_SLUGS[0]
    rows = [{"id": "a", "text": "x", "language": "en", "objectives": [5, 20],
             "guiding_principles": [first]},
            {"id": "b", "text": "y", "language": "fr", "objectives": [5],
             "guiding_principles": None, "labels_complete": "no"}]
    errors = tagging_errors(rows, _FakeTagger())
    listed = set(zip(errors["id"], errors["kind"], errors["label"], errors["error"],
                     strict=True))
    assert listed == {("a", "objective", "20", "false negative"),
                      ("a", "objective", "6", "false positive")}
    assert errors.set_index("label").loc["6", "score"] == 0.6
    assert tagging_errors([], _FakeTagger()).empty
