"""The log file of an ``imrf run``: every detail of the run, in ``<output>/logs/``.

A run's details are the orchestrator's flow and task log lines, the log records of the package
and its libraries (INFO and above), Python warnings and tracebacks. They go to
``<output>/logs/run-<UTC time>.log`` (``Catalog.logs_dir``), outside the staged compilations,
so the log of a failed run stays; the last ``KEEP_LOGS`` logs are kept. The console is left to
the run's progress and summary.

This relies on the standard ``logging`` machinery: the orchestrator's loggers propagate to
the root logger, which gets the file's handler; the handlers that write to the console
(stderr, stdout) are taken off while the log is recorded. What is written to the process's
standard error below Python (by a library's C code) and by the processes it starts (review
workers, the export process, the orchestrator's server, LibreOffice) goes to the file too:
its file descriptor 2 is the log file, while Python's ``sys.stderr`` stays the console. The
worker processes of the review pool find the file in the environment (``LOG_FILE_VARIABLE``)
and send their log records to it (``record_in_worker``).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

KEEP_LOGS = 20
LOG_PREFIX = "run-"
LOG_SUFFIX = ".log"
# Set while a run records its log: the worker processes it starts append to the same file.
LOG_FILE_VARIABLE = "IMRF_RUN_LOG"
FORMAT = "%(asctime)s | %(levelname)-7s | %(processName)s | %(name)s%(run)s - %(message)s"
# Loggers whose INFO records say nothing about the run, kept to their warnings and errors: each
# HTTP request to the orchestrator's own API (httpx, hundreds per run), Great Expectations'
# registry of its documentation (over a hundred lines), spaCy building each pipeline.
QUIET_LOGGERS: dict[str, int] = {"httpx": logging.WARNING,
                                 "great_expectations._docs_decorators": logging.WARNING,
                                 "spacy": logging.WARNING}


class RunLogFormatter(logging.Formatter):
    """Plain lines with time, level, process and logger; flow and task runs named when known.

    The orchestrator's run loggers give their records ``flow_run_name`` and ``task_run_name``.
    """

    def __init__(self) -> None:
        super().__init__(FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        """Return the record's line (and its traceback, when it has one)."""
        task_run = getattr(record, "task_run_name", None)
        flow_run = getattr(record, "flow_run_name", None)
        record.run = (f" | task run {task_run!r}" if task_run else
                      f" | flow run {flow_run!r}" if flow_run else "")
        return super().format(record)


def new_log_file(logs_dir: Path, keep: int = KEEP_LOGS) -> Path:
    """Return the path of a new run log in ``logs_dir`` (created), removing all but the last logs.

    The name is ``run-<UTC time>.log`` (``run-20261207T013000Z.log``), so names sort by time; a
    second run in the same second gets ``-2``. Of the older logs, ``keep - 1`` are kept.
    """
    logs_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path, number = logs_dir / f"{LOG_PREFIX}{stamp}{LOG_SUFFIX}", 1
    while path.exists():
        number += 1
        path = logs_dir / f"{LOG_PREFIX}{stamp}-{number}{LOG_SUFFIX}"
    older = sorted(logs_dir.glob(f"{LOG_PREFIX}*{LOG_SUFFIX}"),
                   key=lambda p: (p.stat().st_mtime, p.name))
    for old in older[:max(0, len(older) - (keep - 1))]:
        old.unlink(missing_ok=True)
    return path


def _is_console(handler: logging.Handler) -> bool:
    if isinstance(handler, logging.FileHandler) or not isinstance(handler, logging.StreamHandler):
        return False
    return handler.stream in (sys.stderr, sys.stdout, sys.__stderr__, sys.__stdout__)


@dataclass
class RunLog:
    """The log file a run records into, and what recording changed (``close`` puts it back)."""

    path: Path
    handler: logging.FileHandler
    removed: list[tuple[logging.Logger, logging.Handler]] = field(default_factory=list)
    added: list[logging.Logger] = field(default_factory=list)
    levels: dict[str, int] = field(default_factory=dict)
    captured_warnings: bool = False
    console_fd: int | None = None  # the standard error's own file, while fd 2 is the log's
    console: object = None  # sys.stderr as it was
    thread_hook: object = None  # threading.excepthook as it was

    @classmethod
    def start(cls, path: Path, standard_error: bool = False) -> RunLog:
        """Record every log record of this process (INFO and above) in ``path``, not the console.

        Python warnings become log records (``logging.captureWarnings``), an exception ending a
        thread too, and worker processes started from now on record into the same file
        (``record_in_worker``). With ``standard_error``, file descriptor 2 (what C code and
        child processes write to) is the log file as well, while ``sys.stderr`` still writes
        to the console; only when ``sys.stderr`` is file descriptor 2 (not a captured stream).
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, mode="a", encoding="utf-8")
        handler.setFormatter(RunLogFormatter())
        handler.setLevel(logging.INFO)
        log = cls(path, handler)
        root = logging.getLogger()
        loggers = [root, *(logger for logger in root.manager.loggerDict.values()
                           if isinstance(logger, logging.Logger))]
        for logger in loggers:
            consoles = [h for h in logger.handlers if _is_console(h)]
            for console in consoles:
                logger.removeHandler(console)
                log.removed.append((logger, console))
            # A logger that does not pass its records on to the root's handlers (the
            # orchestrator's internal and server loggers) gets the file's handler itself.
            if consoles and logger is not root and not logger.propagate:
                logger.addHandler(handler)
                log.added.append(logger)
        log.levels[""] = root.level
        if root.getEffectiveLevel() > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
        for name, level in QUIET_LOGGERS.items():
            quiet = logging.getLogger(name)
            log.levels[name] = quiet.level
            if quiet.getEffectiveLevel() < level:
                quiet.setLevel(level)
        root.addHandler(handler)
        log.captured_warnings = True
        logging.captureWarnings(True)
        log.thread_hook = threading.excepthook
        threading.excepthook = _log_thread_exception
        if standard_error and _is_fd(sys.stderr, 2):
            log._send_fd2_to_file()
        os.environ[LOG_FILE_VARIABLE] = str(path)
        _recording.append(log)
        return log

    def _send_fd2_to_file(self) -> None:
        sys.stderr.flush()
        self.console_fd = os.dup(2)
        with self.path.open("a", encoding="utf-8") as log_file:
            os.dup2(log_file.fileno(), 2)
        self.console = sys.stderr
        sys.stderr = open(os.dup(self.console_fd), "w", encoding=sys.stderr.encoding,  # noqa: SIM115
                          errors="backslashreplace", buffering=1)

    def close(self) -> None:
        """Stop recording: the console handlers, levels and standard error are as they were."""
        if self in _recording:
            _recording.remove(self)
        os.environ.pop(LOG_FILE_VARIABLE, None)
        if self.console_fd is not None:
            sys.stderr.flush()
            sys.stderr.close()
            os.dup2(self.console_fd, 2)
            os.close(self.console_fd)
            sys.stderr = self.console  # type: ignore[assignment]
            self.console_fd = None
        if self.thread_hook is not None:
            threading.excepthook = self.thread_hook  # type: ignore[assignment]
        root = logging.getLogger()
        root.removeHandler(self.handler)
        for logger in self.added:
            logger.removeHandler(self.handler)
        for logger, console in self.removed:
            logger.addHandler(console)
        for name, level in self.levels.items():
            logging.getLogger(name or None).setLevel(level)
        if self.captured_warnings:
            logging.captureWarnings(False)
        self.handler.close()
        self.removed.clear()
        self.added.clear()


_recording: list[RunLog] = []


def _is_fd(stream: object, fd: int) -> bool:
    try:
        return stream.fileno() == fd  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    logging.getLogger(__name__).error(
        "exception in thread %s", args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback))  # type: ignore[arg-type]


def stop_recording() -> None:
    """Close every run log this process records (last started first); nothing when none is."""
    while _recording:
        _recording[-1].close()


def record_in_worker() -> Path | None:
    """Record a worker process's log in the run's log file, when its run records one.

    The worker's log records go to the file (not the console), and so does what it writes to
    its standard error (a library's own messages, a crash's traceback): nothing of it is lost,
    and the run's console keeps its progress line.

    Returns:
        The log file, or None when the run records none (``LOG_FILE_VARIABLE`` unset).
    """
    value = os.environ.get(LOG_FILE_VARIABLE)
    if not value:
        return None
    path = Path(value)
    RunLog.start(path)
    sys.stderr.flush()
    with path.open("a", encoding="utf-8") as log_file:
        os.dup2(log_file.fileno(), 2)  # fd 2 now appends to the log file
    return path
