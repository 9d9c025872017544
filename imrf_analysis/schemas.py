"""Arrow schemas of the datasets the pipeline writes: the data contract between stages.

Every row that a report can show keeps ``country_iso3``, ``document_id``, ``file``, ``page`` and
``passage_id`` so that each figure traces back to its source page.
"""

from __future__ import annotations

import pyarrow as pa

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "ru")
DOCUMENT_KINDS: tuple[str, ...] = ("national-review", "stakeholder-contribution")
SUPPORTED_FORMATS: tuple[str, ...] = ("pdf", "docx", "txt", "md", "html")

# Columns of the submission register CSV that sits beside the raw reviews.
REGISTER_COLUMNS: tuple[str, ...] = (
    "file",
    "country_iso3",
    "cycle",
    "document_kind",
    "language",
    "date",
)

DOCUMENTS = pa.schema(
    [
        ("document_id", pa.string()),  # first 16 hex digits of the file's SHA-256
        ("file", pa.string()),  # path relative to the input folder
        ("country_iso3", pa.string()),
        ("country_name", pa.string()),
        ("commissions", pa.list_(pa.string())),
        ("cycle", pa.string()),
        ("document_kind", pa.string()),
        ("language", pa.string()),  # declared in the register
        ("date", pa.string()),  # ISO date of submission
        ("format", pa.string()),
        ("pages", pa.int32()),
        ("passages", pa.int32()),
        ("sha256", pa.string()),
        # Added by ingest; the columns above keep their meaning.
        ("version", pa.int32()),  # 1 = first submitted of its country, cycle and kind
        ("superseded_by", pa.string()),  # document_id of the next version; null when current
        ("metadata_source", pa.string()),  # register | file name | title page
    ]
)

PASSAGES = pa.schema(
    [
        ("passage_id", pa.string()),  # "<document_id>-<paragraph_index:04d>"
        ("document_id", pa.string()),
        ("file", pa.string()),
        ("country_iso3", pa.string()),
        ("cycle", pa.string()),
        ("document_kind", pa.string()),
        ("page", pa.int32()),  # 1-based page of the source file (1 for formats without pages)
        ("paragraph_index", pa.int32()),  # 0-based order of the passage in the document
        ("heading_path", pa.list_(pa.string())),  # enclosing headings, outermost first
        ("block_type", pa.string()),  # paragraph | list_item | table_row | footnote
        ("text", pa.string()),
        ("language", pa.string()),  # detected per passage, one of SUPPORTED_LANGUAGES
        ("ocr", pa.bool_()),  # text read by OCR from an image of the page
    ]
)

LABEL_TYPES: tuple[str, ...] = ("objective", "guiding_principle")

TAGS = pa.schema(
    [
        ("passage_id", pa.string()),
        ("document_id", pa.string()),
        ("label_type", pa.string()),  # objective | guiding_principle
        ("label", pa.string()),  # "1".."23" or a guiding-principle slug
        ("score", pa.float64()),  # 0..1, at or above the label's threshold
        ("source", pa.string()),  # which signals fired: "heading", "lexicon", "heading+lexicon"
        ("evidence", pa.string()),  # matched heading or lexicon terms, "; "-joined
    ]
)

QUARANTINE = pa.schema(
    [
        ("file", pa.string()),
        ("stage", pa.string()),  # register | extract | metadata | convert | ocr
        ("reason", pa.string()),  # plain words: what is wrong
        ("hint", pa.string()),  # what to do about it
    ]
)
