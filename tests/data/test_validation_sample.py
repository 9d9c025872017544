"""The bundled sample's tags and compiled tables pass every contract."""

from imrf_analysis.store.schemas import LABEL_TYPES
from imrf_analysis.validation import validate_compiled_tables, validate_tags


def test_the_sample_tags_with_content_labels_pass_the_tags_contract(sample_datasets):
    tags = sample_datasets.tags
    assert set(tags["label_type"]) == set(LABEL_TYPES)
    summary = validate_tags(tags, sample_datasets.passages)
    assert summary.evaluated == summary.passed


def test_the_sample_compiled_tables_pass_every_table_contract(sample_datasets):
    summary = validate_compiled_tables(sample_datasets.tables)
    assert summary.evaluated == summary.passed >= 50
    assert summary.findings == ()
