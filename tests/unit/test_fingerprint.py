"""Cache keys change exactly when a review or the code processing it changes."""

import hashlib
import shutil

from imrf_analysis.store.fingerprint import (
    PACKAGE_DIR,
    code_fingerprint,
    file_fingerprint,
    pipeline_fingerprint,
)


def test_file_fingerprint_is_the_sha256_of_the_bytes(tmp_path):
    path = tmp_path / "review.pdf"
    path.write_bytes(b"%PDF-1.7 " * 300_000)
    assert file_fingerprint(path, chunk=4096) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pipeline_fingerprint_is_stable_within_a_process():
    assert pipeline_fingerprint() == pipeline_fingerprint()
    assert len(pipeline_fingerprint()) == 16


def test_code_fingerprint_changes_when_a_lexicon_or_extractor_changes(tmp_path):
    copy = tmp_path / "imrf_analysis"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "samples"))
    before = code_fingerprint(copy)
    assert before == pipeline_fingerprint()
    lexicon = next((copy / "resources").rglob("*.jsonl"))
    lexicon.write_text(lexicon.read_text() + "\n")
    after_lexicon = code_fingerprint(copy)
    assert after_lexicon != before
    (copy / "compile.py").write_text("# not part of extraction or tagging\n")
    assert code_fingerprint(copy) == after_lexicon
