"""The progress of a run: one updating line on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io
import os
import re
import select

from imrf_analysis.runs import progress


def _report_a_run(reviews: int) -> None:
    progress.stage("planning")
    progress.stage("reading and tagging", f"{reviews} reviews")
    for done in range(1, reviews + 1):
        progress.reviews(done, reviews)
    for name in progress.STAGES[2:]:
        progress.stage(name)


def test_plain_output_has_a_line_per_stage_and_the_count_about_every_tenth():
    out = io.StringIO()
    with progress.shown(out):
        _report_a_run(200)
    lines = out.getvalue().splitlines()
    counts = [line for line in lines if line.startswith("reviews read and tagged")]
    assert counts == ["reviews read and tagged: 1 of 200"] + [
        f"reviews read and tagged: {n} of 200" for n in range(20, 201, 20)]
    assert [line for line in lines if line not in counts] == [
        "planning...", "reading and tagging: 200 reviews", "compiling...", "validating...",
        "writing reports...", "publishing..."]


def test_a_few_reviews_are_each_counted():
    out = io.StringIO()
    with progress.shown(out):
        _report_a_run(3)
    assert [line for line in out.getvalue().splitlines() if "of 3" in line] == [
        f"reviews read and tagged: {n} of 3" for n in (1, 2, 3)]


def test_without_a_display_the_calls_show_nothing_and_log_the_stage(caplog):
    caplog.set_level("INFO", logger="imrf_analysis.runs.progress")
    _report_a_run(2)
    assert "stage: reading and tagging (2 reviews)" in caplog.text


def test_a_terminal_gets_one_line_updated_in_place():
    main, secondary = os.openpty()
    terminal = os.fdopen(secondary, "w", encoding="utf-8")
    assert terminal.isatty()
    try:
        with progress.shown(terminal):
            _report_a_run(40)
        terminal.flush()
        shown = b""
        while select.select([main], [], [], 0.5)[0]:
            chunk = os.read(main, 65536)
            if not chunk:
                break
            shown += chunk
    finally:
        terminal.close()
        os.close(main)
    text = shown.decode("utf-8", errors="replace")
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # without the terminal's codes
    assert "reviews read and tagged: 40 of 40" in plain
    assert "publishing" in plain
    # Redrawn in place (cursor moves, carriage returns), not a line per report: the last
    # state stays on one line.
    assert "\r" in text or "\x1b[" in text
    assert plain.count("\n") <= 3
    assert "planning..." not in plain  # the plain lines are for files and pipes
