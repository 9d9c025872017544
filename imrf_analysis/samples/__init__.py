"""Illustrative voluntary reviews of the GCM, written by the project to exercise the pipeline.

``write_sample_reviews(out_dir)`` writes the bundled sample (PDF and DOCX reviews, a damaged
file, ``register.csv`` and a README). ``SAMPLE_REVIEWS`` describes each review, including the
objectives it reports on, and ``render_review(spec)`` renders any spec, so tests can make
reviews of their own.
"""

from imrf_analysis.samples.bundle import (
    readme,
    register_csv,
    register_rows,
    render_review,
    write_sample_reviews,
)
from imrf_analysis.samples.compose import compose_review
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
    "compose_review",
    "readme",
    "register_csv",
    "register_rows",
    "render_review",
    "write_sample_reviews",
]
