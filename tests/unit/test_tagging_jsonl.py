"""The JSONL contract of ``imrf tag``: what goes in, what comes out, what is refused."""

import json

import pytest

from imrf_analysis.reference.gcm import GUIDING_PRINCIPLE_SLUGS
from imrf_analysis.tagging import Tagger, tag_jsonl

LINES = [
    {"id": "p1", "text": "Remittances sent by migrants now cost less than 3 per cent to transfer, "
                         "and women migrant workers gained access to bank accounts.",
     "language": "en", "country": "XYZ"},
    {"id": "p2", "text": "Les victimes de la traite des personnes reçoivent une aide juridique.",
     "language": "fr"},
    {"id": "p3", "text": "El programa llegó a 3.000 personas.", "language": None,
     "heading_path": ["Capítulo 2", "Objetivo 21: Retorno y reintegración"]},
    {"id": "p4", "text": "The weather was fine."},
]


@pytest.fixture(scope="module")
def tagger():
    return Tagger.load()


def _write(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows),
                    encoding="utf-8")


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_writes_one_line_per_input_line_keeping_all_input_keys(tmp_path, tagger):
    _write(tmp_path / "in.jsonl", LINES)
    written = tag_jsonl(tmp_path / "in.jsonl", tmp_path / "out.jsonl", tagger)
    out = _read(tmp_path / "out.jsonl")
    assert written == len(out) == len(LINES)
    for row, tagged in zip(LINES, out, strict=True):
        assert {k: tagged[k] for k in row} == row


def test_every_line_has_all_23_objective_and_10_principle_scores_in_range(tmp_path, tagger):
    _write(tmp_path / "in.jsonl", LINES)
    tag_jsonl(tmp_path / "in.jsonl", tmp_path / "out.jsonl", tagger)
    for tagged in _read(tmp_path / "out.jsonl"):
        assert list(tagged["objective_scores"]) == [str(n) for n in range(1, 24)]
        assert set(tagged["guiding_principle_scores"]) == set(GUIDING_PRINCIPLE_SLUGS)
        scores = [*tagged["objective_scores"].values(),
                  *tagged["guiding_principle_scores"].values()]
        assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in scores)


def test_labels_are_the_scores_at_threshold_objectives_ascending_principles_in_gcm_order(
        tmp_path, tagger):
    _write(tmp_path / "in.jsonl", LINES)
    tag_jsonl(tmp_path / "in.jsonl", tmp_path / "out.jsonl", tagger)
    threshold = tagger.thresholds.default
    for tagged in _read(tmp_path / "out.jsonl"):
        assert tagged["objectives"] == sorted(tagged["objectives"])
        assert all(isinstance(n, int) for n in tagged["objectives"])
        assert tagged["objectives"] == [int(n) for n, s in tagged["objective_scores"].items()
                                        if s >= threshold]
        assert tagged["guiding_principles"] == [
            slug for slug in GUIDING_PRINCIPLE_SLUGS
            if tagged["guiding_principle_scores"][slug] >= threshold]


def test_tags_follow_text_language_and_heading_path(tmp_path, tagger):
    _write(tmp_path / "in.jsonl", LINES)
    tag_jsonl(tmp_path / "in.jsonl", tmp_path / "out.jsonl", tagger)
    p1, p2, p3, p4 = _read(tmp_path / "out.jsonl")
    assert 20 in p1["objectives"] and "gender-responsive" in p1["guiding_principles"]
    assert 10 in p2["objectives"]
    assert p3["objectives"] == [21]
    assert p4["objectives"] == [] and p4["guiding_principles"] == []


def test_blank_lines_are_skipped(tmp_path, tagger):
    (tmp_path / "in.jsonl").write_text(
        "\n" + json.dumps(LINES[0]) + "\n\n" + json.dumps(LINES[3]) + "\n", encoding="utf-8")
    assert tag_jsonl(tmp_path / "in.jsonl", tmp_path / "out.jsonl", tagger) == 2


@pytest.mark.parametrize(("bad_line", "message"), [
    ('{"id": "x", "text": "unterminated', "not valid JSON"),
    ('["a", "list"]', "JSON object"),
    ('{"id": "x"}', "'text'"),
    ('{"id": "x", "text": 42}', "'text'"),
    ('{"id": "x", "text": "ok", "heading_path": "Objective 5"}', "'heading_path'"),
    ('{"id": "x", "text": "ok", "language": 7}', "'language'"),
])
def test_malformed_line_raises_value_error_naming_file_and_line(tmp_path, tagger, bad_line,
                                                                message):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(LINES[0]) + "\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as raised:
        tag_jsonl(source, tmp_path / "out.jsonl", tagger)
    assert str(source) in str(raised.value) and "line 2" in str(raised.value)
    assert not (tmp_path / "out.jsonl").exists()


def test_output_is_replaced_whole(tmp_path, tagger):
    out = tmp_path / "out.jsonl"
    out.write_text("old content\n" * 10, encoding="utf-8")
    _write(tmp_path / "in.jsonl", LINES[:1])
    tag_jsonl(tmp_path / "in.jsonl", out, tagger)
    assert len(_read(out)) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_bad_lines_can_be_reported_by_number_while_the_others_are_tagged(tmp_path, tagger):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(LINES[0]) + "\n" + '{"id": "x", "text": "unterminated\n'
                      + json.dumps(LINES[1]) + "\n" + '{"id": "y"}\n', encoding="utf-8")
    problems: list[str] = []
    written = tag_jsonl(source, tmp_path / "out.jsonl", tagger, on_bad_line=problems.append)
    assert written == 2
    assert [row["id"] for row in _read(tmp_path / "out.jsonl")] == ["p1", "p2"]
    assert [p.split(": ", 1)[0] for p in problems] == [f"{source}, line 2", f"{source}, line 4"]


def test_the_command_stops_at_a_bad_line_with_one_message_or_skips_it_when_asked(tmp_path):
    from typer.testing import CliRunner

    from pipelines.cli import app

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(LINES[1]) + "\n" + "not json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stopped = CliRunner().invoke(app, ["tag", str(source), "-o", str(out)])
    assert stopped.exit_code == 1 and "line 2: not valid JSON" in stopped.output
    assert "Traceback" not in stopped.output and not out.exists()
    skipped = CliRunner().invoke(app, ["tag", str(source), "-o", str(out), "--skip-bad-lines"])
    assert skipped.exit_code == 0, skipped.output
    assert "1 malformed lines skipped" in skipped.output and len(_read(out)) == 1
