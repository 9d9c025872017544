"""Illustrative voluntary reviews of the GCM, written by the project to exercise the pipeline.

``write_sample_reviews(out_dir)`` writes the bundled sample (PDF and DOCX reviews, a damaged
file, ``register.csv``, the answer keys ``answers.jsonl`` and ``passages.jsonl``, and a README).
``SAMPLE_REVIEWS`` describes each review, including the objectives it reports on, and
``render_review(spec)`` renders any spec, so tests can make reviews of their own.
``answer_row(spec)`` and ``passage_rows(spec)`` key any spec the same way.
"""

from imrf_analysis.samples.answers import (
    answer_row,
    answers_jsonl,
    passage_rows,
    passages_jsonl,
)
from imrf_analysis.samples.bundle import (
    readme,
    register_csv,
    register_rows,
    render_review,
    write_sample_reviews,
)
from imrf_analysis.samples.compose import compose_review, compose_with_origins
from imrf_analysis.samples.document import ReviewDocument
from imrf_analysis.samples.specs import (
    REGISTERED_SAMPLES,
    SAMPLE_REVIEWS,
    TRUNCATED_REVIEW,
    SampleReview,
)

__all__ = [
    "REGISTERED_SAMPLES",
    "SAMPLE_REVIEWS",
    "TRUNCATED_REVIEW",
    "ReviewDocument",
    "SampleReview",
    "answer_row",
    "answers_jsonl",
    "compose_review",
    "compose_with_origins",
    "passage_rows",
    "passages_jsonl",
    "readme",
    "register_csv",
    "register_rows",
    "render_review",
    "write_sample_reviews",
]
