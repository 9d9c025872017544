"""The submission register: which file is which country's review, for which cycle."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from imrf_analysis.store.schemas import DOCUMENT_KINDS, REGISTER_COLUMNS, SUPPORTED_LANGUAGES

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


# Separators spreadsheets save a CSV with: commas; semicolons where the comma is the decimal
# mark (French, Spanish, German locales); tabs in Excel's "Unicode text".
_SEPARATORS = (",", ";", "\t")


# One row per submitted file: a global register over several cycles holds a few thousand. A
# larger file is not a register (or not this project's), and would cost gigabytes to compile.
MAX_REGISTER_ROWS = 20_000
MAX_REGISTER_BYTES = 5_000_000


def _register_text(path: Path) -> str:
    """Return the register's text: UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252.

    Excel saves "CSV" in Windows-1252 in Western European and American locales, and
    "Unicode text" in UTF-16; both are read as they are, never guessed further.
    """
    size = path.stat().st_size
    if size > MAX_REGISTER_BYTES:
        raise RegisterError(f"{path}: {size / 1e6:.1f} MB is not a submission register (one "
                            f"row per submitted file; at most {MAX_REGISTER_BYTES / 1e6:.0f} MB)")
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise RegisterError(f"{path}: not text in UTF-8, UTF-16 or Windows-1252; save it from "
                            "the spreadsheet as 'CSV UTF-8'") from None


def register_frame(path: Path) -> pd.DataFrame:
    """Read the register CSV as it is: every column as text, blanks kept as empty strings.

    The file may be UTF-8, UTF-16 (with BOM) or Windows-1252, separated by commas, semicolons
    or tabs (as spreadsheets save it); the separator is the one that splits the header into the
    required columns.

    Raises:
        RegisterError: the file is missing, is not text, lacks a required column, or is too
            large to be a register (``MAX_REGISTER_BYTES``, ``MAX_REGISTER_ROWS``).
    """
    if not path.is_file():
        raise RegisterError(f"{path}: the submission register is missing; "
                            f"write a CSV with columns {', '.join(REGISTER_COLUMNS)}")
    text = _register_text(path)
    header = text.split("\n", 1)[0]
    found = [sep for sep in _SEPARATORS
             if set(REGISTER_COLUMNS) <= {c.strip().strip('"') for c in header.split(sep)}]
    if not found:
        columns = max((header.split(sep) for sep in _SEPARATORS), key=len)
        missing = [c for c in REGISTER_COLUMNS
                   if c not in {col.strip().strip('"') for col in columns}]
        raise RegisterError(f"{path}: the register lacks column(s) {', '.join(missing)} (its "
                            f"first line reads {header.strip()[:120]!r})")
    frame = pd.read_csv(io.StringIO(text), sep=found[0], dtype=str, keep_default_na=False)
    if len(frame) > MAX_REGISTER_ROWS:
        raise RegisterError(f"{path}: {len(frame):,} rows is not a submission register (one "
                            f"row per submitted file; at most {MAX_REGISTER_ROWS:,} rows)")
    frame.columns = [str(c).strip() for c in frame.columns]
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


def inferred_register(documents: pd.DataFrame, quarantine: pd.DataFrame) -> pd.DataFrame:
    """Return the register rows a run found itself, for the analyst to check and keep.

    One row per compiled file whose country, cycle and kind did not come from the register
    (``found_from``: "file name" or "title page"), then one per file quarantined because they
    could not be found (``found_from`` gives the reason; the blanks are for the analyst). Saved
    as ``register.csv`` (without ``found_from``), it makes the next run use them.

    Returns:
        The rows in register order of columns plus ``found_from``; empty when the register
        listed every compiled file.
    """
    found = documents[documents["metadata_source"] != "register"]
    rows = found[list(REGISTER_COLUMNS)].assign(found_from=found["metadata_source"])
    unknown = quarantine[quarantine["stage"] == "metadata"]
    missing = pd.DataFrame({"file": unknown["file"],
                            **{c: "" for c in REGISTER_COLUMNS if c != "file"},
                            "found_from": "not found: " + unknown["reason"]})
    return pd.concat([rows, missing], ignore_index=True).sort_values("file", ignore_index=True)
