"""`imrf evaluate-reviews`: review findings and passage content tags against an answer key.

Each test builds a tiny run (findings, passages, tags) and key by hand, so the confusion
counts can be worked out on paper.
"""

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from imrf_analysis.findings.evaluation import (
    PassageAligner,
    format_review_scores,
    read_run,
    score_findings,
    score_passage_content,
    scores_to_dict,
)
from pipelines.cli import app

KENYA = "kenya-gcm-review-2026.pdf"
TOGO = "togo-revue-pmm-2026.docx"


def findings_of(file, *, kind="national-review", reported=(), progress=(), challenge=(),
                good_practice=(), support=None, mentioned_only=()):
    """One findings row per objective 1..23 of one document; flags name the objectives set."""
    support = support or {}
    return pd.DataFrame([{
        "document_id": f"doc-{file}", "file": file, "country_iso3": "XXX", "cycle": "2026",
        "document_kind": kind, "language": "en", "objective": n, "round_table": "1",
        "reported": n in reported, "progress": n in progress, "challenge": n in challenge,
        "good_practice": n in good_practice, "support_needs": support.get(n, []),
        "mentioned_only": n in mentioned_only, "passage_ids": [], "confidence": 0.9,
    } for n in range(1, 24)])


def answer(file, objectives, mentioned=(), *, language="en", structure="by-objective",
           **extra):
    """One answer line; ``objectives`` maps a number to (progress, challenge, good practice,
    support needs)."""
    return {"file": file, "country_iso3": "XXX", "language": language, "structure": structure,
            "objectives": {str(n): {"progress": p, "challenge": c, "good_practice": g,
                                    "support_needs": list(s)}
                           for n, (p, c, g, s) in objectives.items()},
            "mentioned_not_reported": list(mentioned), "guiding_principles": [], **extra}


def counts(confusion):
    return confusion.tp, confusion.fp, confusion.fn


# Objective 5: progress, challenge, financing and data asked for; objective 10: a good
# practice (so also progress). Objectives 2 and 7 are only mentioned.
KENYA_KEY = answer(KENYA, {5: (True, True, False, ["financing", "data"]),
                           10: (True, False, True, [])}, mentioned=[2, 7])
# Ours: reports 5, 7 (a trap) and 12; gets the content of 5 half right.
KENYA_OURS = findings_of(KENYA, reported={5, 7, 12}, progress={5, 12}, challenge={10},
                         good_practice={10}, support={5: ["financing", "technology"]},
                         mentioned_only={2})


def test_each_flag_is_counted_over_the_23_cells_of_a_review():
    scores = score_findings(KENYA_OURS, [KENYA_KEY])
    flags = scores.overall.flags
    assert counts(flags["reported"]) == (1, 2, 1)  # 5 right, 7 and 12 extra, 10 missed
    assert counts(flags["progress"]) == (1, 1, 1)  # 5 right, 12 extra, 10 missed
    assert counts(flags["challenge"]) == (0, 1, 1)  # said of 10, true of 5
    assert counts(flags["good_practice"]) == (1, 0, 0)
    assert counts(flags["support_needs"]) == (1, 1, 1)  # financing; technology; data
    assert counts(flags["mentioned_only"]) == (1, 0, 1)  # 2 found, 7 called reported
    assert flags["reported"].precision == pytest.approx(1 / 3)
    assert flags["reported"].recall == pytest.approx(1 / 2)
    assert flags["reported"].f1 == pytest.approx(0.4)
    assert scores.trap_cells == [(KENYA, 7)]
    assert (scores.overall.trap_cells, scores.overall.mentioned_cells) == (1, 2)
    assert scores.overall.reviews == 1
    assert scores.missing == [] and scores.not_in_key == []


def test_a_review_the_run_did_not_compile_counts_as_all_no_and_is_listed():
    togo_key = answer(TOGO, {1: (True, False, False, ["data"]), 2: (True, True, False, [])},
                      mentioned=[9], language="fr", structure="thematic")
    scores = score_findings(KENYA_OURS, [KENYA_KEY, togo_key])
    assert scores.missing == [TOGO]
    assert counts(scores.overall.flags["reported"]) == (1, 2, 3)
    assert counts(scores.overall.flags["support_needs"]) == (1, 1, 2)
    french = scores.by_language["fr"].flags
    assert counts(french["reported"]) == (0, 0, 2)
    assert counts(french["challenge"]) == (0, 0, 1)
    assert counts(scores.by_structure["by-objective"].flags["reported"]) == (1, 2, 1)
    assert scores.by_structure["thematic"].reviews == 1


def test_the_key_names_a_file_by_its_base_name_case_sensitively():
    in_a_folder = findings_of(f"2026/east-africa/{KENYA}", reported={5, 10})
    assert score_findings(in_a_folder, [KENYA_KEY]).missing == []
    other_case = findings_of(KENYA.upper(), reported={5, 10})
    scores = score_findings(other_case, [KENYA_KEY])
    assert scores.missing == [KENYA]
    assert scores.not_in_key == [KENYA.upper()]


def test_a_stakeholder_contribution_is_scored_apart_from_the_national_reviews():
    ours = pd.concat([KENYA_OURS, findings_of("ngo-note.pdf", kind="stakeholder-contribution",
                                              reported={3})])
    note_key = answer("ngo-note.pdf", {3: (True, False, False, [])},
                      document_kind="stakeholder-contribution")
    scores = score_findings(ours, [KENYA_KEY, note_key])
    assert scores.overall.reviews == 1
    assert counts(scores.overall.flags["reported"]) == (1, 2, 1)
    apart = scores.other_kinds["stakeholder-contribution"]
    assert apart.reviews == ["ngo-note.pdf"]
    assert counts(apart.overall.flags["reported"]) == (1, 0, 0)


def test_an_answer_line_with_an_objective_out_of_range_is_refused():
    with pytest.raises(ValueError, match="answer line 1 .*objective 24"):
        score_findings(KENYA_OURS, [answer(KENYA, {24: (True, False, False, [])})])


# Passages: a paragraph that a page break splits in two (a running header between the halves,
# PDF line breaks inside), and one that ours merged with the next.
SPLIT = ("In 2024 the labour ministry opened four migrant resource centres in coastal towns, "
         "which advised 3,100 workers before departure. Staffing remains short in the north, "
         "where no centre has opened yet.")
FIRST_HALF = ("In 2024 the labour ministry opened four\nmigrant resource centres in coastal "
              "towns, which advised 3,100 workers")
SECOND_HALF = ("before departure. Staffing remains short in the north,\nwhere no centre has "
               "opened yet.")
MERGED_A = "A hotline for stranded seafarers has answered calls in three languages since 2023."
MERGED_B = "The State asks partners for funding to extend the hotline to two more ports."


def our_passages():
    rows = [("p-0", 1, FIRST_HALF), ("p-1", 2, "Illustrative review - page 2"),
            ("p-2", 2, SECOND_HALF), ("p-3", 2, f"{MERGED_A} {MERGED_B}"),
            ("p-4", 3, "Nothing to report.")]
    return pd.DataFrame([{"passage_id": pid, "document_id": "doc", "file": KENYA, "page": page,
                          "paragraph_index": i, "heading_path": [], "block_type": "paragraph",
                          "text": text, "language": "en"}
                         for i, (pid, page, text) in enumerate(rows)])


def our_tags():
    rows = [("p-0", "content_type", "progress"), ("p-2", "content_type", "gap-or-challenge"),
            ("p-3", "content_type", "progress"), ("p-3", "support_need", "financing"),
            ("p-3", "support_need", "data"), ("p-4", "content_type", "progress"),
            ("p-0", "objective", "6")]
    return pd.DataFrame([{"passage_id": p, "document_id": "doc", "label_type": t, "label": label,
                          "score": 1.0, "source": "cue", "evidence": ""} for p, t, label in rows])


def gold_passage(pid, text, content_types=(), *, kind="paragraph", support_needs=(),
                 objectives=(), mentions=(), file=KENYA, language="en"):
    return {"id": pid, "file": file, "page": 1, "kind": kind, "text": text,
            "language": language, "objectives": list(objectives),
            "content_types": list(content_types), "guiding_principles": [],
            "support_needs": list(support_needs), "trap": None, "mentions": list(mentions)}


def test_a_gold_paragraph_split_across_two_of_ours_is_aligned_with_both():
    aligner = PassageAligner(our_passages())
    assert aligner.align(KENYA, SPLIT) == ["p-0", "p-2"]
    assert aligner.align(KENYA, MERGED_B.upper()) == ["p-3"]
    assert aligner.align(KENYA, "nothing   to REPORT") == ["p-4"]
    assert aligner.align(KENYA, "Consular staff were trained on trafficking cases.") == []
    assert aligner.align(TOGO, SPLIT) == []


def test_passage_content_pools_the_tags_of_the_pieces_and_counts_unaligned_labels_as_misses():
    gold = [gold_passage("g1", SPLIT, ["progress", "challenge"], objectives=[6]),
            gold_passage("g2", MERGED_A, ["progress", "good-practice"], mentions=[6]),
            gold_passage("g3", MERGED_B, ["support-needed"], support_needs=["financing"]),
            gold_passage("g4", "Nothing to report."),
            gold_passage("g5", "Consular staff were trained on trafficking cases.", ["progress"],
                         language="fr"),
            gold_passage("g6", "Centres | 4 | 2024", ["progress"], kind="table-row")]
    scores = score_passage_content(our_passages(), our_tags(), gold)
    assert scores.gold_passages == 5  # the table row is not scored
    assert (scores.aligned, scores.unaligned) == (4, ["g5"])
    assert (scores.split, scores.merged) == (1, 2)
    # g1: progress + challenge found. g2: progress found, good practice missed. g3: progress
    # extra, support-needed missed. g4: progress extra. g5: progress missed.
    assert counts(scores.content) == (3, 2, 3)
    assert counts(scores.by_label["progress"]) == (2, 2, 1)
    assert counts(scores.by_label["challenge"]) == (1, 0, 0)
    assert counts(scores.by_label["good-practice"]) == (0, 0, 1)
    assert counts(scores.by_label["support-needed"]) == (0, 0, 1)
    assert counts(scores.by_language["en"]) == (3, 2, 2)
    assert counts(scores.by_language["fr"]) == (0, 0, 1)
    assert (counts(scores.support_needs), scores.support_passages) == ((1, 1, 0), 1)
    assert counts(scores.objectives) == (1, 0, 0)
    assert scores.trap_tags == 0
    assert scores.missing_files == []


def test_the_report_and_the_json_show_every_flag_the_traps_and_the_missing_reviews():
    reviews = score_findings(KENYA_OURS, [KENYA_KEY, answer(TOGO, {1: (True, False, False, [])},
                                                           language="fr")])
    passages = score_passage_content(our_passages(), our_tags(),
                                     [gold_passage("g1", SPLIT, ["progress"])])
    table = format_review_scores(reviews, passages)
    assert "reported          0.33  0.33  0.33      1      2      2" in table
    assert "mentioned_only" in table and "(no target)" in table
    assert "kenya-gcm-review-2026.pdf: objective 7" in table
    assert "Missing reviews (in the key, not compiled; counted as all no): 1" in table
    assert "togo-revue-pmm-2026.docx" in table
    assert "Passage content (national-review): 1 gold paragraphs" in table
    nothing_asked = format_review_scores(score_findings(findings_of(TOGO), [answer(TOGO, {})]))
    assert f"{'support_needs':<16}{'-':>6}{'-':>6}{'-':>6}{0:>7}{0:>7}{0:>7}" in nothing_asked
    data = json.loads(json.dumps(scores_to_dict(reviews, passages)))
    assert data["review_findings"]["overall"]["flags"]["reported"]["tp"] == 1
    assert data["review_findings"]["by_language"]["fr"]["cells"] == 23
    assert data["review_findings"]["missing"] == [TOGO]
    assert data["passage_content"]["content_types"]["tp"] == 1


def write_run(folder, findings=KENYA_OURS):
    processed = folder / "data" / "processed"
    processed.mkdir(parents=True)
    findings.to_parquet(processed / "review_findings.parquet")
    our_passages().to_parquet(processed / "passages.parquet")
    our_tags().to_parquet(processed / "tags.parquet")
    return processed


def test_read_run_takes_the_output_folder_or_its_processed_folder(tmp_path):
    processed = write_run(tmp_path)
    for folder in (tmp_path, processed):
        run = read_run(folder)
        assert len(run.findings) == 23 and len(run.passages) == 5
    (processed / "tags.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="tags.parquet"):
        read_run(tmp_path)


@pytest.mark.parametrize("where", [[], ["--input", "in", "--run", "out"]])
def test_evaluate_reviews_wants_exactly_one_of_input_and_run(tmp_path, where):
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps(KENYA_KEY) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-reviews", str(answers), *where])
    assert result.exit_code != 0
    assert "exactly one of --input" in result.output


def test_evaluate_reviews_scores_a_run_and_writes_the_metrics(tmp_path):
    write_run(tmp_path / "run")
    answers = tmp_path / "key" / "answers.jsonl"
    answers.parent.mkdir()
    answers.write_text(json.dumps(KENYA_KEY) + "\n", encoding="utf-8")
    # Found beside the answers without being named.
    (answers.parent / "passages.jsonl").write_text(
        json.dumps(gold_passage("g1", SPLIT, ["progress", "challenge"])) + "\n", encoding="utf-8")
    out = tmp_path / "metrics.json"
    result = CliRunner().invoke(app, ["evaluate-reviews", str(answers), "--run",
                                      str(tmp_path / "run"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "reported          0.33  0.50  0.40      1      2      1" in result.output
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["review_findings"]["trap_cells"] == [{"file": KENYA, "objective": 7}]
    assert metrics["passage_content"]["content_types"]["tp"] == 2


def test_evaluate_reviews_names_a_malformed_or_missing_key_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short paths: the error box does not wrap them
    write_run(tmp_path / "run")
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps(KENYA_KEY) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-reviews", "answers.jsonl", "--run", "run",
                                      "-o", "m.json"])
    assert result.exit_code != 0
    assert "answers.jsonl, line 2: not valid JSON" in result.output
    answers.write_text(json.dumps(KENYA_KEY) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-reviews", "answers.jsonl", "--run", "run",
                                      "--passages", "gold.jsonl", "-o", "m.json"])
    assert result.exit_code != 0
    assert "gold.jsonl: no such passages file" in result.output
    result = CliRunner().invoke(app, ["evaluate-reviews", "key.jsonl", "--run", "run"])
    assert "key.jsonl: no such answers file" in result.output
    assert not (tmp_path / "m.json").exists()
