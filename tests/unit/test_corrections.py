"""Analysts' decisions on findings: read from saved review sheets, applied before any count.

Each test builds one small review as ingest and tagging leave it, draws the model's findings,
then applies decisions as an analyst would write them in a review sheet or a CSV.
"""

from __future__ import annotations

import pandas as pd
import pytest

from imrf_analysis.findings import compile_review_findings
from imrf_analysis.findings.corrections import (
    DECISION_CHOICES,
    CorrectionsError,
    Decision,
    apply_decisions,
    labelled_passages,
    parse_decision,
    passage_key,
    read_decisions,
    score_decisions,
)
from imrf_analysis.reporting.report.labels import Labels
from imrf_analysis.reporting.report.review_sheet import ReviewSheets, render_review_sheet
from imrf_analysis.reporting.report.sources import index_passages

PROGRESS = ("In 2024 the ministry opened four regional offices that registered migrant workers "
            "and handled their complaints, and it trained 300 labour inspectors.")
CHALLENGE = ("Consular staff remain too few to assist nationals detained abroad, and the "
             "waiting time for a passport reached four months in several provinces.")


def review() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A review of Kenya: a progress paragraph under objective 6, a challenge under 14."""
    passages = pd.DataFrame([
        {"passage_id": f"d-{i:04d}", "document_id": "d", "file": "review.pdf", "page": i + 2,
         "paragraph_index": i, "heading_path": [heading], "block_type": "paragraph",
         "text": text, "language": "en"}
        for i, (heading, text) in enumerate([("Objective 6", PROGRESS),
                                             ("Objective 14", CHALLENGE)])])
    tags = pd.DataFrame([
        {"passage_id": pid, "document_id": "d", "label_type": kind, "label": label,
         "score": score, "source": source, "evidence": ""}
        for pid, kind, label, score, source in [
            ("d-0000", "objective", "6", 0.95, "heading+lexicon"),
            ("d-0000", "content_type", "progress", 0.9, "model"),
            ("d-0001", "objective", "14", 0.93, "heading+lexicon"),
            ("d-0001", "objective", "15", 0.4, "lexicon"),
            ("d-0001", "content_type", "gap-or-challenge", 0.8, "model"),
            ("d-0001", "support_need", "capacity-building", 0.7, "model")]])
    documents = pd.DataFrame([{
        "document_id": "d", "file": "review.pdf", "country_iso3": "KEN", "cycle": "2026",
        "document_kind": "national-review", "language": "en", "superseded_by": None}])
    return documents, passages, tags


def decision(action: str, objective: int, text: str, target: int | None = None,
             note: str = "", country: str = "KEN") -> Decision:
    return Decision(source="sheet.xlsx, row 2", key=passage_key(text), country_iso3=country,
                    cycle="2026", document_kind="national-review", objective=objective,
                    action=action, target=target, note=note, text=text, language="en")


def flags(findings: pd.DataFrame, objective: int) -> dict[str, object]:
    row = findings[findings["objective"] == objective].iloc[0]
    return {name: row[name] for name in ("reported", "progress", "challenge", "good_practice",
                                         "verified")}


def test_the_model_s_findings_stand_until_an_analyst_decides():
    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    applied = apply_decisions(findings, documents, passages, tags, [])
    assert flags(applied.findings, 6) == {"reported": True, "progress": True,
                                          "challenge": False, "good_practice": False,
                                          "verified": False}
    assert applied.decisions.empty


def test_a_rejection_removes_the_finding_and_keeps_its_passage_as_a_mention():
    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    applied = apply_decisions(findings, documents, passages, tags,
                              [decision("reject", 14, CHALLENGE)])
    row = applied.findings[applied.findings["objective"] == 14].iloc[0]
    assert not row["reported"] and not row["challenge"] and list(row["support_needs"]) == []
    assert row["mentioned_only"] and list(row["mention_passage_ids"]) == ["d-0001"]
    assert row["verified"] and row["analyst_decision"] == "reject"
    assert applied.decisions["status"].tolist() == ["applied"]
    assert applied.decisions["model_reported"].tolist() == [True]
    # Nothing else moved.
    assert flags(applied.findings, 6)["reported"]


def test_a_wrong_objective_moves_the_finding_with_what_its_passage_reports():
    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    applied = apply_decisions(findings, documents, passages, tags,
                              [decision("wrong objective", 14, CHALLENGE, target=15)])
    assert flags(applied.findings, 14) == {"reported": False, "progress": False,
                                           "challenge": False, "good_practice": False,
                                           "verified": True}
    assert flags(applied.findings, 15) == {"reported": True, "progress": False,
                                           "challenge": True, "good_practice": False,
                                           "verified": True}
    moved = applied.findings[applied.findings["objective"] == 15].iloc[0]
    assert moved["analyst_decision"] == "moved from objective 14"


def test_an_added_good_practice_is_progress_too_and_a_support_need_needs_its_kind():
    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    applied = apply_decisions(findings, documents, passages, tags, [
        decision("add good practice", 6, PROGRESS),
        decision("add support need", 6, PROGRESS),  # nothing tagged, nothing named
        decision("add support need", 14, CHALLENGE, note="Technical assistance: financing"),
    ])
    assert flags(applied.findings, 6) == {"reported": True, "progress": True,
                                          "challenge": False, "good_practice": True,
                                          "verified": True}
    support = applied.findings.set_index("objective")["support_needs"]
    assert list(support[6]) == []
    assert list(support[14]) == ["financing"]  # the note names it; the tag is not asked
    statuses = applied.decisions.set_index("objective")["status"]
    assert statuses.tolist() == ["applied", "not applied", "applied"]
    assert "financing" in applied.decisions["detail"].iloc[1]


def test_of_two_verdicts_on_one_finding_the_later_one_holds():
    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    applied = apply_decisions(findings, documents, passages, tags,
                              [decision("reject", 6, PROGRESS), decision("confirm", 6, PROGRESS)])
    assert flags(applied.findings, 6)["reported"]
    assert applied.findings.set_index("objective").at[6, "analyst_decision"] == "confirm"
    # A rejection after an addition drops it; an addition after a rejection adds again.
    later = apply_decisions(findings, documents, passages, tags, [
        decision("add challenge", 6, PROGRESS), decision("reject", 6, PROGRESS),
        decision("add good practice", 14, CHALLENGE), decision("confirm", 14, CHALLENGE)])
    assert not flags(later.findings, 6)["reported"] and not flags(later.findings, 6)["challenge"]
    assert flags(later.findings, 14)["good_practice"]
    assert later.decisions[["decision", "status"]].values.tolist() == [
        ["add challenge", "overridden"], ["reject", "applied"], ["add good practice", "applied"],
        ["confirm", "applied"]]


def test_a_decision_follows_its_passage_s_text_and_says_when_the_text_is_gone():
    documents, passages, tags = review()
    # Re-extracted: new ids and spacing, same words.
    again = passages.assign(passage_id=["d-0007", "d-0008"],
                            text=[PROGRESS.replace(" ", "  "), CHALLENGE + " Since 2025."])
    again_tags = tags.assign(passage_id=tags["passage_id"].map({"d-0000": "d-0007",
                                                                 "d-0001": "d-0008"}))
    findings = compile_review_findings(documents, again, again_tags)
    applied = apply_decisions(findings, documents, again, again_tags,
                              [decision("reject", 6, PROGRESS), decision("reject", 14, CHALLENGE),
                               decision("confirm", 6, PROGRESS, country="UGA")])
    assert not flags(applied.findings, 6)["reported"]
    assert flags(applied.findings, 14)["reported"]  # its text changed: not applied
    log = applied.decisions
    assert log["status"].tolist() == ["applied", "no longer matches", "no longer matches"]
    assert "no longer in the review" in log["detail"].iloc[1]
    assert "no current national-review of UGA" in log["detail"].iloc[2]


@pytest.mark.parametrize("cell,parsed", [
    ("Confirm", ("confirm", None)), (" reject ", ("reject", None)),
    ("wrong objective → 7", ("wrong objective", 7)),
    ("Wrong objective -> 23", ("wrong objective", 23)),
    ("add good practice", ("add good practice", None)), ("", None), (None, None)])
def test_decision_cells_are_read_as_the_drop_down_writes_them(cell, parsed):
    assert parse_decision(cell) == parsed


def test_every_choice_of_the_drop_down_is_a_decision():
    assert all(parse_decision(choice) for choice in DECISION_CHOICES)
    with pytest.raises(ValueError, match="not a decision"):
        parse_decision("wrong objective → 24")


def test_a_saved_review_sheet_is_read_back_with_its_decisions(tmp_path):
    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    register = documents.assign(current=True, commissions=[["ECA"]])
    frame = ReviewSheets(passages, tags, index_passages(passages)).frame(
        findings, register, "ECA", Labels("en"))
    # Least certain first: the challenge (0.93 x 0.8) before the progress (0.95 x 0.9).
    assert frame["objective"].tolist()[:2] == [14, 6]
    assert frame["citation"].tolist()[:2] == ["p. 3", "p. 2"]
    frame.loc[0, "analyst_decision"] = "wrong objective → 15"
    frame.loc[1, "analyst_decision"] = "confirm"
    folder = tmp_path / "corrections"
    folder.mkdir()
    (folder / "review-sheet-ECA.xlsx").write_bytes(render_review_sheet(frame))
    frame.iloc[[1]].to_csv(folder / "second-look.csv", index=False)
    (folder / "~$review-sheet-ECA.xlsx").write_bytes(b"lock file of an open workbook")
    decisions = read_decisions(folder)
    assert [(d.objective, d.label) for d in decisions] == [
        (14, "wrong objective → 15"), (6, "confirm"), (6, "confirm")]
    assert decisions[0].text == CHALLENGE and decisions[0].source == "review-sheet-ECA.xlsx, row 2"
    assert labelled_passages(decisions) == [
        {"text": CHALLENGE, "language": "en", "objectives": [15], "guiding_principles": None,
         "source": "review-sheet-ECA.xlsx, row 2"},
        {"text": PROGRESS, "language": "en", "objectives": [6], "guiding_principles": None,
         "source": "second-look.csv, row 2"}]


def test_a_corrections_file_that_cannot_be_applied_is_named_with_its_row(tmp_path):
    (tmp_path / "notes.csv").write_text("country,objective\nKEN,5\n", encoding="utf-8")
    with pytest.raises(CorrectionsError, match=r"notes\.csv: no column key"):
        read_decisions(tmp_path)
    (tmp_path / "notes.csv").write_text(
        "key,country_iso3,cycle,document_kind,objective,analyst_decision\n"
        "abc,KEN,2026,national-review,5,\n"
        "abc,KEN,2026,national-review,5,maybe\n", encoding="utf-8")
    with pytest.raises(CorrectionsError, match=r"notes\.csv: row 3: 'maybe' is not a decision"):
        read_decisions(tmp_path)


def test_a_decision_applies_to_the_current_version_of_the_review():
    documents, passages, tags = review()
    newer = passages.assign(passage_id=["e-0000", "e-0001"], document_id="e")
    both = pd.concat([documents.assign(superseded_by="e"),
                      documents.assign(document_id="e", file="review-v2.pdf")], ignore_index=True)
    all_passages = pd.concat([passages, newer], ignore_index=True)
    all_tags = pd.concat([tags, tags.assign(passage_id=tags["passage_id"].str.replace("d-", "e-"),
                                            document_id="e")], ignore_index=True)
    # Findings drawn review by review, the superseded one's included (as a run's shards hold).
    drawn = pd.concat([compile_review_findings(documents, passages, tags),
                       compile_review_findings(both.iloc[[1]], newer, all_tags)])
    applied = apply_decisions(drawn, both, all_passages, all_tags,
                              [decision("reject", 6, PROGRESS)])
    assert set(applied.findings["document_id"]) == {"e"}
    assert not flags(applied.findings, 6)["reported"]
    assert applied.decisions["passage_id"].tolist() == ["e-0000"]


def test_the_model_is_scored_on_the_findings_analysts_decided():
    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    log = apply_decisions(findings, documents, passages, tags, [
        decision("confirm", 6, PROGRESS), decision("reject", 14, CHALLENGE),
        decision("add good practice", 6, PROGRESS)]).decisions
    scores = score_decisions(log)
    assert scores["reported"] == {"judged": 3, "agreed": 2, "false_positive": 1,
                                  "false_negative": 0}
    assert scores["challenge"]["false_positive"] == 1
    assert scores["good_practice"]["false_negative"] == 1
    assert scores["progress"] == {"judged": 1, "agreed": 1, "false_positive": 0,
                                  "false_negative": 0}


def test_evaluate_reviews_scores_a_run_against_the_decisions_it_applied(tmp_path):
    import json

    from typer.testing import CliRunner

    from pipelines.cli import app

    documents, passages, tags = review()
    findings = compile_review_findings(documents, passages, tags)
    log = apply_decisions(findings, documents, passages, tags, [
        decision("confirm", 6, PROGRESS), decision("reject", 14, CHALLENGE)]).decisions
    processed = tmp_path / "run" / "data" / "processed"
    processed.mkdir(parents=True)
    log.to_parquet(processed / "analyst_decisions.parquet")
    metrics = tmp_path / "decisions.json"
    result = CliRunner().invoke(app, ["evaluate-reviews", "--corrections", str(tmp_path),
                                      "--run", str(tmp_path / "run"), "-o", str(metrics)])
    assert result.exit_code == 0, result.output
    assert "  reported             2       1                       1                       0" in (
        result.output)
    assert json.loads(metrics.read_text())["flags"]["challenge"]["false_positive"] == 1
    missing = CliRunner().invoke(app, ["evaluate-reviews", "--corrections", str(tmp_path),
                                       "--run", str(tmp_path)])
    assert missing.exit_code != 0 and "the run applied no decisions" in missing.output
