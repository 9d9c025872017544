"""JSON Lines input: lines end at line feeds, and text that is not text is made readable."""

import json

from imrf_analysis.store.jsonl import read_jsonl_objects


def test_a_line_separator_inside_a_string_does_not_end_the_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": "First\u2028second\u2029third"},
                               ensure_ascii=False) + "\n" + json.dumps({"id": "p2"}) + "\n",
                    encoding="utf-8")
    rows = [row for _, row in read_jsonl_objects(path)]
    assert [r["id"] for r in rows] == ["p1", "p2"]
    assert rows[0]["text"] == "First\u2028second\u2029third"


def test_a_lone_surrogate_is_read_as_the_replacement_character(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "p1", "text": "broken \\ud800 pair, fine \\ud83d\\ude00"}\n',
                    encoding="utf-8")
    (where, row), = read_jsonl_objects(path)
    assert row["text"] == "broken \ufffd pair, fine \U0001f600"
    assert where.endswith("line 1")
    row["text"].encode("utf-8")  # writable again
