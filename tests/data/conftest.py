"""Small, valid frames shaped by the dataset schemas, as a compilation run writes them."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pyarrow as pa
import pytest

from imrf_analysis.store.schemas import DOCUMENTS, PASSAGES, TAGS


def frame(rows: list[dict], schema: pa.Schema) -> pd.DataFrame:
    """Return ``rows`` as the DataFrame a Parquet file of ``schema`` reads back as."""
    return pa.Table.from_pylist(rows, schema=schema).to_pandas()


def document(document_id: str, iso3: str, file: str, language: str, passages: int,
             kind: str = "national-review") -> dict:
    return {
        "document_id": document_id, "file": file, "country_iso3": iso3,
        "country_name": iso3.title(), "commissions": ["ECE"], "cycle": "2022",
        "document_kind": kind, "language": language, "date": "2021-11-30",
        "format": file.rsplit(".", 1)[-1], "pages": 4, "passages": passages,
        "sha256": document_id * 4,
    }


def passage(document_id: str, iso3: str, file: str, index: int, text: str,
            language: str) -> dict:
    return {
        "passage_id": f"{document_id}-{index:04d}", "document_id": document_id, "file": file,
        "country_iso3": iso3, "cycle": "2022", "document_kind": "national-review",
        "page": 1 + index // 2, "paragraph_index": index,
        "heading_path": ["Progress on the objectives"], "block_type": "paragraph",
        "text": text, "language": language,
    }


def tag(passage_id: str, label: str, label_type: str = "objective", score: float = 0.8) -> dict:
    return {
        "passage_id": passage_id, "document_id": passage_id.rsplit("-", 1)[0],
        "label_type": label_type, "label": label, "score": score,
        "source": "lexicon", "evidence": "remittances",
    }


@pytest.fixture
def rows() -> SimpleNamespace:
    """Row builders and ``frame``, for tests that shape their own datasets."""
    return SimpleNamespace(document=document, passage=passage, tag=tag, frame=frame)


@pytest.fixture
def documents() -> pd.DataFrame:
    return frame([
        document("a1b2c3d4e5f60718", "ALB", "albania-2022.pdf", "en", 4),
        document("0f1e2d3c4b5a6978", "FRA", "france-2022.docx", "fr", 3),
    ], DOCUMENTS)


@pytest.fixture
def passages() -> pd.DataFrame:
    albania, france = "a1b2c3d4e5f60718", "0f1e2d3c4b5a6978"
    return frame([
        passage(albania, "ALB", "albania-2022.pdf", 0,
                "Remittances sent home by Albanians abroad grew by 8 per cent.", "en"),
        passage(albania, "ALB", "albania-2022.pdf", 1,
                "A bilateral agreement ensures the portability of pensions.", "en"),
        passage(albania, "ALB", "albania-2022.pdf", 2,
                "Labour inspectors audited recruitment agencies in 2021.", "en"),
        passage(albania, "ALB", "albania-2022.pdf", 3, "Annex: list of acronyms.", "en"),
        passage(france, "FRA", "france-2022.docx", 0,
                "Les envois de fonds des travailleurs migrants sont suivis.", "fr"),
        passage(france, "FRA", "france-2022.docx", 1,
                "Un guichet unique informe les personnes migrantes.", "fr"),
        passage(france, "FRA", "france-2022.docx", 2,
                "La rétention administrative reste une mesure de dernier recours.", "fr"),
    ], PASSAGES)


@pytest.fixture
def tags() -> pd.DataFrame:
    return frame([
        tag("a1b2c3d4e5f60718-0000", "20"),
        tag("a1b2c3d4e5f60718-0001", "22"),
        tag("a1b2c3d4e5f60718-0002", "6"),
        tag("a1b2c3d4e5f60718-0002", "rule-of-law", "guiding_principle", 0.6),
        tag("0f1e2d3c4b5a6978-0000", "20", score=1.0),
        tag("0f1e2d3c4b5a6978-0001", "3"),
        tag("0f1e2d3c4b5a6978-0002", "13", score=0.5),
        tag("0f1e2d3c4b5a6978-0002", "human-rights", "guiding_principle", 0.0),
    ], TAGS)
