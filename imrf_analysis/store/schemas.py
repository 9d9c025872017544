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
        # The encoding a text, Markdown or HTML review was read in: utf-8, cp1252, utf-16-le...
        # (Python's codec names); "" for PDF and Word files.
        ("text_encoding", pa.string()),
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
        ("page", pa.int32()),  # 1-based page of the source file; 0 (NO_PAGE) when it has none
        ("paragraph_index", pa.int32()),  # 0-based order of the passage in the document
        ("heading_path", pa.list_(pa.string())),  # enclosing headings, outermost first
        ("block_type", pa.string()),  # paragraph | list_item | table_row | footnote
        ("text", pa.string()),
        ("language", pa.string()),  # detected per passage, one of SUPPORTED_LANGUAGES
        ("ocr", pa.bool_()),  # text read by OCR from an image of the page
    ]
)

# Labels of the content tags: what a passage does, and which support a request asks for.
CONTENT_TYPES: tuple[str, ...] = ("progress", "gap-or-challenge", "good-practice",
                                  "support-needed")
SUPPORT_NEEDS: tuple[str, ...] = ("financing", "capacity-building", "policy-advice", "data",
                                  "technology", "partnerships")
# The tagger's labels, then the content labels of ``tagging.content.tag_content``.
LABEL_TYPES: tuple[str, ...] = ("objective", "guiding_principle", "content_type", "support_need",
                                "stakeholder_group")

TAGS = pa.schema(
    [
        ("passage_id", pa.string()),
        ("document_id", pa.string()),
        ("label_type", pa.string()),  # one of LABEL_TYPES
        # "1".."23", a guiding-principle slug, a content type, a support need or a stakeholder group
        ("label", pa.string()),
        ("score", pa.float64()),  # 0..1, at or above the label's threshold
        # which signals fired: "heading", "lexicon", "heading+lexicon", ...; "cue" for content
        ("source", pa.string()),
        ("evidence", pa.string()),  # matched heading or lexicon terms, "; "-joined
    ]
)

QUARANTINE = pa.schema(
    [
        ("file", pa.string()),
        ("stage", pa.string()),  # register | extract | metadata | convert | ocr
        ("reason", pa.string()),  # plain words: what is wrong
        ("hint", pa.string()),  # what to do about it
        ("country_iso3", pa.string()),  # the State the register lists it under; "" unknown
    ]
)

# What each current review reports on each objective (``findings.compile_review_findings``):
# one row per document x objective, the source of every published count. The column names are
# how the findings are measured against answer keys (``imrf evaluate-reviews``): keep them.
REVIEW_FINDINGS = pa.schema([
    ("document_id", pa.string()),
    ("file", pa.string()),
    ("country_iso3", pa.string()),
    ("cycle", pa.string()),
    ("document_kind", pa.string()),
    ("language", pa.string()),
    ("objective", pa.int32()),
    ("round_table", pa.string()),
    ("reported", pa.bool_()),
    ("progress", pa.bool_()),
    ("challenge", pa.bool_()),
    ("good_practice", pa.bool_()),
    ("support_needs", pa.list_(pa.string())),
    ("mentioned_only", pa.bool_()),
    ("passage_ids", pa.list_(pa.string())),  # the body passages reporting on the objective
    ("progress_passage_ids", pa.list_(pa.string())),
    ("challenge_passage_ids", pa.list_(pa.string())),
    ("good_practice_passage_ids", pa.list_(pa.string())),
    ("support_passage_ids", pa.list_(pa.string())),
    ("mention_passage_ids", pa.list_(pa.string())),  # tagged there without reporting on it
    ("confidence", pa.float64()),  # 0..1: best objective score x content score behind it
    ("verified", pa.bool_()),  # an analyst decided this finding (``findings.corrections``)
    ("analyst_decision", pa.string()),  # what the analyst decided, "" when no one did
])

# The compiled tables (``compile.compile_tables``): their columns, in order, and Arrow types.
COMPILED_COLUMNS: dict[str, tuple[str, ...]] = {
    "submission_register": (
        "document_id", "file", "country_iso3", "country_name", "commissions", "cycle",
        "document_kind", "date", "language", "pages", "format", "version", "supersedes",
        "superseded_by", "current", "sha256"),
    "regional_coverage": (
        "region", "cycle", "member_states", "reviews_submitted", "states_reporting",
        "share_of_members", "stakeholder_contributions", "languages", "median_pages", "label"),
    "country_objective_matrix": (
        "region", "cycle", "country_iso3", "country_name", "objective", "round_table",
        "passages", "reviews", "reviews_total", "passage_ids", "level", "progress_passage_ids",
        "challenge_passage_ids", "good_practice_passage_ids"),
    "objective_totals": (
        "region", "cycle", "objective", "round_table", "short_name", "reviews_reporting",
        "reviews_total", "countries_reporting", "countries_total", "label", "reviews_progress",
        "reviews_challenge", "reviews_good_practice", "reviews_support_needed",
        "reviews_verified", "previous_cycle", "reviews_reporting_previous", "change",
        "countries_total_previous", "countries_reporting_previous", "panel_countries",
        "panel_reporting_previous", "panel_reporting", "panel_change"),
    "round_table_evidence": (
        "region", "cycle", "round_table", "objective", "category", "rank", "country_iso3",
        "country_name", "document_id", "document_kind", "file", "page", "passage_id", "score",
        "excerpt", "text"),
    "principle_matrix": (
        "region", "cycle", "country_iso3", "country_name", "guiding_principle", "passages",
        "passage_ids"),
    "stakeholder_consultation": (
        "region", "cycle", "country_iso3", "country_name", "document_id", "document_kind",
        "file", "stakeholder_group", "passages", "passage_ids", "pages"),
    "good_practice_register": (
        "region", "cycle", "category", "support_needs", "objectives", "country_iso3",
        "country_name", "document_id", "document_kind", "file", "page", "passage_id", "score",
        "excerpt", "text"),
    "coverage_gaps": (
        "region", "cycle", "scope", "country_iso3", "document_id", "file", "objective"),
}
COMPILED_COLUMNS["challenge_register"] = COMPILED_COLUMNS["good_practice_register"]
# A practice's name, implementer, period and result, as its text states them (else "").
PRACTICE_COLUMNS: tuple[str, ...] = ("practice", "implementer", "period", "result")
COMPILED_COLUMNS["good_practice_register"] = (
    *COMPILED_COLUMNS["good_practice_register"][:7], *PRACTICE_COLUMNS,
    *COMPILED_COLUMNS["good_practice_register"][7:])

_TEXT = ("region", "cycle", "document_id", "file", "country_iso3", "country_name",
         "document_kind", "date", "language", "format", "supersedes", "superseded_by", "sha256",
         "label", "round_table", "short_name", "level", "previous_cycle", "category",
         "passage_id", "excerpt", "text", "guiding_principle", "stakeholder_group", "scope",
         "practice", "implementer", "period", "result")
_COUNTS = ("pages", "version", "member_states", "reviews_submitted", "states_reporting",
           "stakeholder_contributions", "objective", "passages", "reviews", "reviews_total",
           "reviews_reporting", "countries_reporting", "countries_total", "reviews_progress",
           "reviews_challenge", "reviews_good_practice", "reviews_support_needed",
           "reviews_verified", "reviews_reporting_previous", "change", "rank", "page",
           "countries_total_previous", "countries_reporting_previous", "panel_countries",
           "panel_reporting_previous", "panel_reporting", "panel_change")
_LISTS = ("commissions", "languages", "passage_ids", "progress_passage_ids",
          "challenge_passage_ids", "good_practice_passage_ids", "support_needs")
# A column name has one type in every compiled table, but for ``pages`` of a stakeholder row.
COMPILED_COLUMN_TYPES: dict[str, pa.DataType] = {
    **{c: pa.string() for c in _TEXT}, **{c: pa.int32() for c in _COUNTS},
    **{c: pa.list_(pa.string()) for c in _LISTS},
    "current": pa.bool_(), "share_of_members": pa.float64(), "median_pages": pa.float64(),
    "score": pa.float64(), "objectives": pa.list_(pa.int32()),
}
# The compiled tables: the one list of them, in the order a run compiles, saves and exports
# them (the catalog's datasets and ``compilation.compile_tables`` follow it).
COMPILED_TABLES: tuple[str, ...] = (
    "review_findings", "submission_register", "regional_coverage", "country_objective_matrix",
    "objective_totals", "round_table_evidence", "principle_matrix", "stakeholder_consultation",
    "good_practice_register", "challenge_register", "coverage_gaps")
COMPILED: dict[str, pa.Schema] = {
    name: REVIEW_FINDINGS if name == "review_findings" else pa.schema([
        (c, pa.list_(pa.int32()) if (name, c) == ("stakeholder_consultation", "pages")
         else COMPILED_COLUMN_TYPES[c]) for c in COMPILED_COLUMNS[name]])
    for name in COMPILED_TABLES
}
