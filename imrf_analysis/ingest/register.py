"""The submission register: which file is which country's review, for which cycle."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from imrf_analysis.schemas import DOCUMENT_KINDS, REGISTER_COLUMNS, SUPPORTED_LANGUAGES

_CYCLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RegisterError(Exception):
    """The register file itself is unusable (missing, or without the required columns)."""


@dataclass(frozen=True)
class RegisterEntry:
    """One row of the submission register."""

    file: str
    country_iso3: str
    cycle: str
    document_kind: str
    language: str
    date: str


@dataclass(frozen=True)
class RegisterProblem:
    """A register row that cannot be used, in plain words."""

    file: str
    reason: str
    hint: str


def register_frame(path: Path) -> pd.DataFrame:
    """Read the register CSV as it is: every column as text, blanks kept as empty strings.

    Raises:
        RegisterError: the file is missing or lacks a required column.
    """
    if not path.is_file():
        raise RegisterError(f"{path}: the submission register is missing; "
                            f"write a CSV with columns {', '.join(REGISTER_COLUMNS)}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in REGISTER_COLUMNS if c not in frame.columns]
    if missing:
        raise RegisterError(f"{path}: the register lacks column(s) {', '.join(missing)}")
    return frame


def read_register(path: Path) -> tuple[dict[str, RegisterEntry], list[RegisterProblem]]:
    """Read the register CSV; return usable entries by file name, and the rows it rejects.

    Raises:
        RegisterError: the file is missing or lacks a required column.
    """
    frame = register_frame(path)
    entries: dict[str, RegisterEntry] = {}
    problems: list[RegisterProblem] = []
    rows = [RegisterEntry(*(str(v).strip() for v in row))
            for row in frame[list(REGISTER_COLUMNS)].itertuples(index=False)]
    # A file listed twice with different rows (another country, cycle or date) belongs to
    # neither until the register says which: no row wins by coming first.
    variants: dict[str, set[RegisterEntry]] = {}
    for entry in rows:
        variants.setdefault(entry.file, set()).add(entry)
    for entry in rows:
        reason = _row_problem(entry)
        if not reason and len(variants[entry.file]) > 1:
            reason = ("listed more than once in the register with different rows "
                      f"({_differences(variants[entry.file])})")
        if reason:
            problem = RegisterProblem(entry.file or "(empty file name)", reason,
                                      "keep one row for this file in register.csv")
            if problem not in problems:
                problems.append(problem)
        else:
            entries[entry.file] = entry
    return entries, problems


def _differences(rows: set[RegisterEntry]) -> str:
    fields = [f for f in REGISTER_COLUMNS if len({getattr(r, f) for r in rows}) > 1]
    return "; ".join(f"{f}: {', '.join(sorted(repr(getattr(r, f)) for r in rows))}"
                     for f in fields)


def _row_problem(entry: RegisterEntry) -> str | None:
    if not entry.file:
        return "a register row has no file name"
    if entry.file.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", entry.file):
        return f"file name {entry.file!r} points outside the input folder"
    if not re.fullmatch(r"[A-Z]{3}", entry.country_iso3):
        return f"country {entry.country_iso3!r} is not an ISO 3166 alpha-3 code"
    if entry.document_kind not in DOCUMENT_KINDS:
        return f"document kind {entry.document_kind!r} is not one of {', '.join(DOCUMENT_KINDS)}"
    if entry.language not in SUPPORTED_LANGUAGES:
        return f"language {entry.language!r} is not one of {', '.join(SUPPORTED_LANGUAGES)}"
    if not _CYCLE.fullmatch(entry.cycle):
        # The cycle names a folder of the reports: "../x" or "/tmp" would write elsewhere.
        return (f"cycle {entry.cycle!r} is not a cycle name (letters, digits, '-' or '_', "
                "e.g. 2026)")
    if not _ISO_DATE.fullmatch(entry.date):
        # "15/02/2026" and "02/03/2026" read differently in different countries: only the
        # ISO form orders versions without guessing.
        return f"date {entry.date!r} is not written YYYY-MM-DD"
    try:
        pd.Timestamp(entry.date)
    except ValueError:
        return f"date {entry.date!r} is not a date (write YYYY-MM-DD)"
    return None
