"""What a compilation run is doing, for the person watching it: its stage and reviews done.

The run reports through two calls, ``stage(name)`` and ``reviews(done, total)``; they log what
they are told (the run's log file keeps it) and show it where ``imrf run`` opened a display
(``shown``):

- on a terminal, one line updated in place (rich): the stage, a bar and "reviews read and
  tagged: N of M", with the time elapsed;
- elsewhere (a file, a pipe, CI), plain lines: one per stage, and the reviews read and tagged
  about every tenth of them.

Without a display (a run served from a deployment, a test calling the flow) the calls only log.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

# The stages of a run, in the order they come.
STAGES: tuple[str, ...] = ("planning", "reading and tagging", "compiling", "validating",
                           "writing reports", "publishing")

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_display: _Display | None = None


def stage(name: str, detail: str = "") -> None:
    """Report that the run has reached stage ``name`` (one of ``STAGES``); ``detail`` says more."""
    _log.info("stage: %s%s", name, f" ({detail})" if detail else "")
    with _lock:
        if _display is not None:
            _display.stage(name, detail)


def reviews(done: int, total: int) -> None:
    """Report that ``done`` of the ``total`` reviews to read have been read and tagged."""
    with _lock:
        if _display is not None:
            _display.reviews(done, total)


def reviews_line(done: int, total: int) -> str:
    """Return the words of the review count: ``reviews read and tagged: N of M``."""
    return f"reviews read and tagged: {done} of {total}"


class _Display:
    def stage(self, name: str, detail: str) -> None:
        raise NotImplementedError

    def reviews(self, done: int, total: int) -> None:
        raise NotImplementedError

    def close(self, finished: bool) -> None:
        raise NotImplementedError


class _Lines(_Display):
    """Plain lines: one per stage, the review count about every tenth of the reviews."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown_step = -1

    def _print(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()

    def stage(self, name: str, detail: str) -> None:
        self._print(f"{name}: {detail}" if detail else f"{name}...")

    def reviews(self, done: int, total: int) -> None:
        # The first review, then one line each time another tenth is done (the last among them).
        step = done * 10 // total if total else 10
        if step > self.shown_step:
            self.shown_step = step
            self._print(reviews_line(done, total))

    def close(self, finished: bool) -> None:
        pass


class _Line(_Display):
    """One line on a terminal, updated in place."""

    def __init__(self, stream: TextIO) -> None:
        console = Console(file=stream)
        self.progress = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            BarColumn(bar_width=24),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            console=console, redirect_stdout=False, redirect_stderr=False)
        self.task = self.progress.add_task(STAGES[0], total=None, count="")
        self.progress.start()

    def stage(self, name: str, detail: str) -> None:
        self.progress.update(self.task, description=f"{name} ({detail})" if detail else name)

    def reviews(self, done: int, total: int) -> None:
        self.progress.update(self.task, completed=done, total=max(total, 1),
                             count=reviews_line(done, total))

    def close(self, finished: bool) -> None:
        # The line stays: ticked when the run finished, else at the stage where it stopped.
        fields = self.progress.tasks[0]
        if finished:
            self.progress.update(self.task, total=fields.total or 1, completed=fields.total or 1)
        else:
            self.progress.update(self.task, description=f"{fields.description} (stopped)")
        self.progress.stop()


@contextmanager
def shown(stream: TextIO | None = None) -> Iterator[None]:
    """Show the run's progress on ``stream`` (default: standard error) while the block runs.

    A terminal gets one updating line; anything else gets plain lines.
    """
    global _display
    stream = stream if stream is not None else sys.stderr
    terminal = stream.isatty()
    display: _Display = _Line(stream) if terminal else _Lines(stream)
    with _lock:
        _display = display
    finished = False
    try:
        yield
        finished = True
    finally:
        with _lock:
            _display = None
        display.close(finished)

