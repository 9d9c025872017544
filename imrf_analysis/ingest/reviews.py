"""From the files in an input folder to documents, passages and a quarantine list.

Every file in the folder ends up in exactly one of two places: a document with its passages,
or a quarantine row saying why not. ``plan_ingest`` decides which files to read;
``ingest_review`` reads one (the unit a Prefect task runs); ``collect_reviews`` assembles them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from imrf_analysis import regions
from imrf_analysis.ingest.blocks import Block, ExtractionError
from imrf_analysis.ingest.docx_format import docx_blocks
from imrf_analysis.ingest.language import detect_languages
from imrf_analysis.ingest.pdf_format import pdf_blocks
from imrf_analysis.ingest.register import RegisterEntry, read_register
from imrf_analysis.ingest.text_formats import html_blocks, markdown_blocks, text_blocks
from imrf_analysis.schemas import DOCUMENTS, PASSAGES, QUARANTINE

REGISTER_FILE = "register.csv"
IGNORED_FILES = frozenset({REGISTER_FILE, "README.md", ".gitkeep"})
MAX_FILE_BYTES = 50 * 1024 * 1024


def _single_page(
    read: Callable[[Path], Iterable[Block]],
) -> Callable[[Path], tuple[int, list[Block]]]:
    return lambda path: (1, list(read(path)))


EXTRACTORS: dict[str, Callable[[Path], tuple[int, list[Block]]]] = {
    "pdf": pdf_blocks,
    "docx": docx_blocks,
    "txt": _single_page(text_blocks),
    "md": _single_page(markdown_blocks),
    "html": _single_page(html_blocks),
    "htm": _single_page(html_blocks),
}


@dataclass(frozen=True)
class QuarantinedFile:
    """An input file left out of the compilation, and why."""

    file: str
    stage: str
    reason: str
    hint: str


@dataclass(frozen=True)
class ReviewToRead:
    """A file the register describes, ready to be read."""

    path: Path
    entry: RegisterEntry


@dataclass(frozen=True)
class IngestPlan:
    """The files of one input folder: those to read and those already quarantined."""

    reviews: tuple[ReviewToRead, ...]
    quarantined: tuple[QuarantinedFile, ...]
    input_files: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class IngestedReview:
    """One review read into a document row and its passages."""

    document: dict[str, object]
    passages: pd.DataFrame


def plan_ingest(input_dir: Path) -> IngestPlan:
    """List the input folder and match each file to its register row.

    Returns:
        The plan; files that are not in the register, have an unsupported type or are empty
        are quarantined here, before anything is read.

    Raises:
        RegisterError: the register is missing or unusable (nothing can be compiled).
    """
    entries, problems = read_register(input_dir / REGISTER_FILE)
    quarantined = [QuarantinedFile(p.file, "register", p.reason, p.hint) for p in problems]
    files = sorted(p for p in input_dir.rglob("*") if p.is_file() and p.name not in IGNORED_FILES)
    names = [p.relative_to(input_dir).as_posix() for p in files]
    reviews: list[ReviewToRead] = []
    for path, name in zip(files, names, strict=True):
        problem = _file_problem(path, name, entries)
        if problem:
            quarantined.append(QuarantinedFile(name, *problem))
        else:
            reviews.append(ReviewToRead(path, entries[name]))
    rejected = {p.file for p in problems}
    for name in sorted(set(entries) - set(names) - rejected):
        quarantined.append(
            QuarantinedFile(
                name,
                "register",
                "listed in the register but no such file is in the input folder",
                "add the file or remove its register row",
            )
        )
    return IngestPlan(tuple(reviews), tuple(quarantined), tuple(names))


def _file_problem(
    path: Path, name: str, entries: dict[str, RegisterEntry]
) -> tuple[str, str, str] | None:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in EXTRACTORS:
        return (
            "register",
            f"unsupported file type '.{suffix}'",
            f"submit one of: {', '.join('.' + s for s in EXTRACTORS)}",
        )
    if name not in entries:
        return (
            "register",
            "not in the submission register",
            "add a row for this file to register.csv (country, cycle, kind, language, date)",
        )
    size = path.stat().st_size
    if size == 0:
        return ("extract", "the file is empty (0 bytes)", "submit the file again")
    if size > MAX_FILE_BYTES:
        return (
            "extract",
            f"the file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit",
            "split the file or raise the limit",
        )
    return None


def ingest_review(review: ReviewToRead) -> IngestedReview:
    """Read one review into its document row and passages.

    Raises:
        ExtractionError: the file cannot be read, has no text, or its country is unknown.
    """
    entry = review.entry
    raw = review.path.read_bytes()
    sha256 = hashlib.sha256(raw).hexdigest()
    document_id = sha256[:16]
    suffix = review.path.suffix.lower().lstrip(".")
    try:
        country_name = regions.country_name(entry.country_iso3)
    except ValueError:
        raise ExtractionError(
            f"country {entry.country_iso3} is not a known ISO3 code",
            "correct the country in register.csv",
            stage="metadata",
        ) from None
    pages, blocks = EXTRACTORS[suffix](review.path)
    passages = passages_from_blocks(blocks, document_id)
    if passages.empty:
        raise ExtractionError(
            "no text found in the file",
            "check the file has text, not only images; a scanned document needs OCR",
        )
    passages = passages.assign(
        file=entry.file,
        country_iso3=entry.country_iso3,
        cycle=entry.cycle,
        document_kind=entry.document_kind,
        language=detect_languages(passages["text"].tolist(), fallback=entry.language),
    )[PASSAGES.names]
    document = {
        "document_id": document_id,
        "file": entry.file,
        "country_iso3": entry.country_iso3,
        "country_name": country_name,
        "commissions": list(regions.commissions_of(entry.country_iso3)),
        "cycle": entry.cycle,
        "document_kind": entry.document_kind,
        "language": entry.language,
        "date": entry.date,
        "format": suffix,
        "pages": pages,
        "passages": len(passages),
        "sha256": sha256,
    }
    return IngestedReview(document, passages)


def passages_from_blocks(blocks: list[Block], document_id: str) -> pd.DataFrame:
    """Turn blocks into passages, each carrying the path of headings above it.

    Headings are not passages themselves; they become the ``heading_path`` of what follows.
    """
    stack: list[tuple[int, str]] = []
    rows: list[dict[str, object]] = []
    for block in blocks:
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            continue
        index = len(rows)
        rows.append(
            {
                "passage_id": f"{document_id}-{index:04d}",
                "document_id": document_id,
                "page": block.page,
                "paragraph_index": index,
                "heading_path": [text for _, text in stack],
                "block_type": block.kind,
                "text": block.text,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "passage_id",
            "document_id",
            "page",
            "paragraph_index",
            "heading_path",
            "block_type",
            "text",
        ],
    )


def collect_reviews(
    plan: IngestPlan, outcomes: list[IngestedReview | QuarantinedFile]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Assemble documents, passages and quarantine frames from per-review outcomes.

    An exact duplicate (same content hash as a file already kept) is quarantined, so each
    document is counted once; the copy submitted first (register date, then file name) is kept.
    """
    quarantined = list(plan.quarantined)
    documents: list[dict[str, object]] = []
    passages: list[pd.DataFrame] = []
    kept: dict[str, str] = {}

    def submitted(outcome: IngestedReview | QuarantinedFile) -> tuple[str, str]:
        if isinstance(outcome, QuarantinedFile):
            return ("", outcome.file)
        return (str(outcome.document["date"]), str(outcome.document["file"]))

    for outcome in sorted(outcomes, key=submitted):
        if isinstance(outcome, QuarantinedFile):
            quarantined.append(outcome)
            continue
        document_id = str(outcome.document["document_id"])
        if document_id in kept:
            quarantined.append(
                QuarantinedFile(
                    str(outcome.document["file"]),
                    "register",
                    f"exact duplicate of {kept[document_id]}",
                    "remove one of the two copies",
                )
            )
            continue
        kept[document_id] = str(outcome.document["file"])
        documents.append(outcome.document)
        passages.append(outcome.passages)
    documents_frame = pd.DataFrame(documents, columns=DOCUMENTS.names)
    passages_frame = (
        pd.concat(passages, ignore_index=True) if passages else pd.DataFrame(columns=PASSAGES.names)
    )
    quarantine_frame = pd.DataFrame([q.__dict__ for q in quarantined], columns=QUARANTINE.names)
    return (
        documents_frame.sort_values("file", ignore_index=True),
        passages_frame.sort_values("passage_id", ignore_index=True),
        quarantine_frame.sort_values("file", ignore_index=True),
    )


def read_review_or_quarantine(review: ReviewToRead) -> IngestedReview | QuarantinedFile:
    """Read one review; an unreadable one becomes a quarantine row instead of an error."""
    try:
        return ingest_review(review)
    except ExtractionError as err:
        return QuarantinedFile(review.entry.file, err.stage, err.reason, err.hint)


def ingest_reviews(input_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read every review of ``input_dir``; return documents, passages and quarantine frames."""
    plan = plan_ingest(input_dir)
    outcomes = [read_review_or_quarantine(r) for r in plan.reviews]
    return collect_reviews(plan, outcomes)
