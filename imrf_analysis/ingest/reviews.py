"""From the files in an input folder to documents, passages and a quarantine list.

Every file in the folder ends up in exactly one of two places: a document with its passages,
or a quarantine row saying why not. ``plan_ingest`` decides which files to read;
``read_review_or_quarantine`` reads one (the unit a Prefect task runs) and never raises;
``collect_reviews`` assembles them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from imrf_analysis.ingest.blocks import UNREAD_PAGE, Block, Extraction, ExtractionError
from imrf_analysis.ingest.collection import collect_reviews
from imrf_analysis.ingest.conversion import (
    CONVERTED_SUFFIXES,
    converted_blocks,
    paged_docx_blocks,
)
from imrf_analysis.ingest.language import detect_languages
from imrf_analysis.ingest.metadata import check_title_page, infer_entry
from imrf_analysis.ingest.ocr import OcrSettings, describe_unread_pages, tesseract_languages
from imrf_analysis.ingest.passages import passages_from_blocks
from imrf_analysis.ingest.pdf_format import pdf_blocks
from imrf_analysis.ingest.plan import (
    IngestedReview,
    IngestPlan,
    QuarantinedFile,
    ReviewToRead,
    plan_ingest,
)
from imrf_analysis.ingest.screening import IngestLimits, check_docx_archive, check_format
from imrf_analysis.ingest.text_formats import (
    TEXT_FORMATS,
    html_blocks,
    markdown_blocks,
    text_blocks,
    text_review,
)
from imrf_analysis.reference import regions
from imrf_analysis.store.fingerprint import file_fingerprint
from imrf_analysis.store.schemas import PASSAGES

__all__ = [
    "EXTRACTORS", "IngestPlan", "IngestedReview", "QuarantinedFile", "ReviewToRead",
    "collect_reviews", "extract", "extract_blocks", "ingest_review", "passages_from_blocks",
    "plan_ingest", "read_review_or_quarantine",
]

_log = logging.getLogger(__name__)


def _without_pages(
    read: Callable[[Path], Iterable[Block]],
) -> Callable[[Path], tuple[int, list[Block]]]:
    return lambda path: (0, list(read(path)))


# Each format's reader with the default limits (``extract_blocks`` passes a run's limits).
EXTRACTORS: dict[str, Callable[[Path], tuple[int, list[Block]]]] = {
    "pdf": pdf_blocks,
    "docx": paged_docx_blocks,
    "txt": _without_pages(text_blocks),
    "md": _without_pages(markdown_blocks),
    "html": _without_pages(html_blocks),
    "htm": _without_pages(html_blocks),
}


def extract_blocks(path: Path, limits: IngestLimits,
                   language: str = "") -> tuple[int, list[Block]]:
    """Return the page count and blocks of a file (``extract``, without the text's encoding)."""
    extraction = extract(path, limits, language)
    return extraction.pages, extraction.blocks


def extract(path: Path, limits: IngestLimits, language: str = "") -> Extraction:
    """Check a file's real type and bounds, then extract its page count, blocks and encoding.

    ``language`` (the register's, blank if unknown) sets the OCR language of scanned pages;
    .odt, .doc and .rtf files are converted to .docx by LibreOffice first; Word files take
    their pages from LibreOffice's layout (``office.paged_docx_blocks``).

    Returns:
        The page count (0 for a format without pages), the blocks in reading order and, for a
        text, Markdown or HTML review, the encoding its text was read in.

    Raises:
        ExtractionError: the content does not match the extension, the file breaks a limit,
            or it cannot be parsed.
    """
    suffix = path.suffix.lower().lstrip(".")
    check_format(path, suffix)
    if suffix == "pdf":
        ocr = OcrSettings(languages=tesseract_languages(language),
                          timeout_seconds=limits.ocr_timeout_seconds,
                          max_pages=limits.max_ocr_pages)
        return Extraction(*pdf_blocks(path, max_pages=limits.max_pages, ocr=ocr))
    if suffix == "docx":
        check_docx_archive(path, limits)
        return Extraction(*paged_docx_blocks(path, limits))
    if suffix in CONVERTED_SUFFIXES:
        return Extraction(*converted_blocks(path, limits))
    if suffix in TEXT_FORMATS:
        return text_review(path)
    return Extraction(*EXTRACTORS[suffix](path))


def ingest_review(review: ReviewToRead) -> IngestedReview:
    """Read one review into its document row and passages.

    Returns:
        The document row (register metadata, or metadata found in the file name or title page
        for an unregistered file) and its passages with language detected per passage.

    Raises:
        ExtractionError: the file cannot be read, has no text, or its country is unknown.
    """
    entry = review.entry
    sha256 = file_fingerprint(review.path)
    document_id = sha256[:16]
    extraction = extract(review.path, review.limits, entry.language)
    pages, blocks = extraction.pages, extraction.blocks
    notes = tuple(QuarantinedFile(entry.file, "ocr", reason, hint, entry.country_iso3)
                  for reason, hint in describe_unread_pages(blocks))
    blocks = [b for b in blocks if b.kind != UNREAD_PAGE]
    passages = passages_from_blocks(blocks, document_id)
    if passages.empty:
        raise ExtractionError(
            "no text found in the file",
            "check the file has text, not only images; a scanned document needs OCR",
        )
    texts = passages["text"].tolist()
    source = "register"
    if not review.registered:
        entry, source = infer_entry(entry, blocks, detect_languages(texts, fallback="en"))
    else:
        check_title_page(entry, blocks)
    try:
        country_name = regions.country_name(entry.country_iso3)
    except ValueError:
        raise ExtractionError(
            f"country {entry.country_iso3} is not a known ISO3 code",
            "correct the country in register.csv",
            stage="metadata",
        ) from None
    passages = passages.assign(
        file=entry.file,
        country_iso3=entry.country_iso3,
        cycle=entry.cycle,
        document_kind=entry.document_kind,
        language=detect_languages(texts, fallback=entry.language),
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
        "format": review.path.suffix.lower().lstrip("."),
        "pages": pages,
        "passages": len(passages),
        "sha256": sha256,
        "version": 1,
        "superseded_by": None,
        "metadata_source": source,
        "text_encoding": extraction.text_encoding,
    }
    return IngestedReview(document, passages, notes)


def read_review_or_quarantine(review: ReviewToRead) -> IngestedReview | QuarantinedFile:
    """Read one review; whatever goes wrong becomes a quarantine row instead of an error.

    Returns:
        The review read, or its quarantine row: a known problem with its plain reason, an
        operating-system error, or (a bug to report) any other error with its type.
    """
    file, country = review.entry.file, review.entry.country_iso3
    try:
        return ingest_review(review)
    except ExtractionError as err:
        return QuarantinedFile(file, err.stage, err.reason, err.hint, country)
    except OSError as err:
        return QuarantinedFile(file, "extract", f"the file cannot be read ({err.strerror})",
                               "check the file exists and can be read, then run again", country)
    except (MemoryError, RecursionError) as err:
        return QuarantinedFile(file, "extract", f"the file is too complex to read "
                               f"({type(err).__name__})", "export it again, or split it", country)
    except Exception as err:  # a parser's own bug must not stop the run; it is logged
        _log.exception("unexpected error reading %s", file)
        return QuarantinedFile(file, "extract",
                               f"unexpected error while reading ({type(err).__name__}: "
                               f"{str(err)[:120]})",
                               "report the file to the maintainers of imrf-analysis", country)


def ingest_reviews(input_dir: Path, limits: IngestLimits | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read every review of ``input_dir``; return documents, passages and quarantine frames."""
    plan = plan_ingest(input_dir, limits)
    outcomes = [read_review_or_quarantine(r) for r in plan.reviews]
    return collect_reviews(plan, outcomes)
