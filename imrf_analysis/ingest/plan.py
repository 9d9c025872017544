"""Which files of an input folder to read, and which to set aside before reading.

``plan_ingest`` lists the folder, matches each file to its register row and quarantines what
cannot be read (unsupported type, a link out of the folder, an unprintable name, an empty or
oversized file). A file with no register row is still read: its country, cycle and kind
may come from its name or title page (see ``metadata``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from imrf_analysis.ingest.blocks import ExtractionError
from imrf_analysis.ingest.inventory import list_input_files
from imrf_analysis.ingest.register import RegisterEntry, read_register
from imrf_analysis.ingest.screening import IngestLimits, check_size
from imrf_analysis.store.fingerprint import review_cache_key

REGISTER_FILE = "register.csv"
# Answer keys beside the reviews (``imrf evaluate-reviews``) are not reviews either.
ANSWER_KEY_FILES = ("answers.jsonl", "passages.jsonl")
IGNORED_FILES = frozenset({REGISTER_FILE, "README.md", ".gitkeep", *ANSWER_KEY_FILES})
READABLE_SUFFIXES: tuple[str, ...] = ("pdf", "docx", "odt", "doc", "rtf", "txt", "md", "html",
                                      "htm")


@dataclass(frozen=True)
class QuarantinedFile:
    """An input file left out of the compilation, and why."""

    file: str
    stage: str
    reason: str
    hint: str
    country_iso3: str = ""  # the State the register lists the file under, when it does


@dataclass(frozen=True)
class ReviewToRead:
    """A file to read, with its register row (or a row of blanks for metadata to fill in).

    Attributes:
        path: where to read the file.
        entry: its register row; for an unregistered file, only ``file`` and ``date`` (the
            file's modification date) are set.
        registered: whether ``entry`` comes from the register.
        limits: bounds on the work the file may cause.
    """

    path: Path
    entry: RegisterEntry
    registered: bool = True
    limits: IngestLimits = field(default_factory=IngestLimits)

    @cached_property
    def cache_key(self) -> str:
        """The key of what reading and tagging this review gives (``review_cache_key``).

        Computed once, where the run plans its work; a worker process given the review
        receives it with it, so the review is stored under the key the run looks it up by.
        """
        return review_cache_key(self)


@dataclass(frozen=True)
class IngestedReview:
    """One review read into a document row and its passages.

    Attributes:
        document: the document row.
        passages: its passages.
        notes: parts of the file left out though the rest is compiled (scanned pages that
            could not be read), reported with the quarantine rows.
    """

    document: dict[str, object]
    passages: pd.DataFrame
    notes: tuple[QuarantinedFile, ...] = ()


@dataclass(frozen=True)
class IngestPlan:
    """The files of one input folder: those to read and those already quarantined."""

    reviews: tuple[ReviewToRead, ...]
    quarantined: tuple[QuarantinedFile, ...]
    input_files: tuple[str, ...] = field(default_factory=tuple)


def plan_ingest(input_dir: Path, limits: IngestLimits | None = None) -> IngestPlan:
    """List the input folder and match each file to its register row.

    A folder without ``register.csv`` is read as if the register listed nothing: every file
    gets its country, cycle and kind from its name or title page (``metadata``), and the run
    writes what it found as ``register.inferred.csv`` for the analyst to check.

    Args:
        input_dir: folder of reviews, with ``register.csv`` or without.
        limits: bounds on file size, pages and unpacked size (defaults when None).

    Returns:
        The plan; files that cannot be read (unsupported type, links out of the folder,
        unprintable names, empty or oversized) are quarantined here, before anything is read.

    Raises:
        RegisterError: the register is unusable (nothing can be compiled).
    """
    limits = limits or IngestLimits()
    register = input_dir / REGISTER_FILE
    entries, problems = read_register(register) if register.exists() else ({}, [])
    quarantined = [QuarantinedFile(p.file, "register", p.reason, p.hint) for p in problems]
    files = list_input_files(input_dir, IGNORED_FILES)
    rejected = {p.file for p in problems}
    reviews: list[ReviewToRead] = []
    for item in files:
        problem = item.problem or _file_problem(item.path, limits)
        if item.name in rejected:
            continue  # quarantined with its register row's problem: never read as another's
        if problem:
            stage = "register" if problem[0].startswith("unsupported") else "extract"
            listed = entries.get(item.name)
            quarantined.append(QuarantinedFile(item.name, stage, *problem,
                                               listed.country_iso3 if listed else ""))
        elif item.name in entries:
            reviews.append(ReviewToRead(item.path, entries[item.name], True, limits))
        else:
            modified = datetime.fromtimestamp(item.path.stat().st_mtime, UTC).date().isoformat()
            blank = RegisterEntry(item.name, "", "", "", "", modified)
            reviews.append(ReviewToRead(item.path, blank, False, limits))
    names = [f.name for f in files]
    for name in sorted(set(entries) - set(names) - rejected):
        quarantined.append(QuarantinedFile(
            name, "register", "listed in the register but no such file is in the input folder",
            "add the file or remove its register row", entries[name].country_iso3))
    return IngestPlan(tuple(reviews), tuple(quarantined), tuple(names))


def _file_problem(path: Path, limits: IngestLimits) -> tuple[str, str] | None:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in READABLE_SUFFIXES:
        shown = f"'.{suffix}'" if suffix else "(no extension)"
        return (f"unsupported file type {shown}",
                f"submit one of: {', '.join('.' + s for s in READABLE_SUFFIXES)}")
    try:
        check_size(path, limits)
    except ExtractionError as err:
        return (err.reason, err.hint)
    except OSError as err:
        return (f"the file cannot be read ({err.strerror})", "check the file's permissions")
    return None
