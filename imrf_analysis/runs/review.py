"""One review from file to tagged passages and findings: the unit of work a run maps over.

The run keeps each processed review in its review store (``store.reviews``), under the key
``store.fingerprint.review_cache_key`` gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from imrf_analysis.findings import CONTENT_ROLES, compile_review_findings, passage_roles
from imrf_analysis.ingest import (
    IngestedReview,
    QuarantinedFile,
    ReviewToRead,
    read_review_or_quarantine,
)
from imrf_analysis.store.schemas import REVIEW_FINDINGS, TAGS
from imrf_analysis.tagging import Tagger, tag_content, tag_passages
from imrf_analysis.tagging.content_classifier import ContentClassifier


@dataclass(frozen=True)
class ProcessedReview:
    """A review read, tagged and its findings drawn, or the reason it was quarantined.

    A quarantined review has empty ``tags`` and ``findings``.
    """

    outcome: IngestedReview | QuarantinedFile
    tags: pd.DataFrame
    findings: pd.DataFrame = field(default_factory=lambda: REVIEW_FINDINGS.empty_table()
                                   .to_pandas())


@cache
def shared_tagger(embeddings: Path | None = None) -> Tagger:
    """Return the process's tagger, built once (loading the spaCy pipelines takes seconds).

    ``embeddings`` is the file where passage vectors are kept across runs. A run processes
    reviews in one worker process per core, so the encoder uses one thread in each.
    """
    return Tagger.load(embeddings=embeddings, encoder_threads=1)


def process_review(review: ReviewToRead, tagger: Tagger | None = None,
                   content: ContentClassifier | None = None,
                   embeddings: Path | None = None) -> ProcessedReview:
    """Read one review, tag its passages and draw its findings (or quarantine it).

    Tags are the tagger's objective and guiding-principle labels followed by the content labels
    (content type, support need, stakeholder group) of ``tag_content``; the content classifier
    reads only passages whose role can report or ask for support. The findings are the review's
    rows of ``review_findings`` (they depend on this review alone). ``tagger`` and ``content``
    default to the bundled models, loaded once per process, the tagger keeping passage vectors
    in ``embeddings``.
    """
    outcome = read_review_or_quarantine(review)
    if isinstance(outcome, QuarantinedFile):
        return ProcessedReview(outcome, pd.DataFrame(columns=TAGS.names))
    passages = outcome.passages
    # The encoder and the content classifier read the passages whose role can count.
    roles = passage_roles(passages)
    counted = roles.isin(CONTENT_ROLES).to_numpy()
    frames = [tag_passages(passages, tagger or shared_tagger(embeddings), encode=counted),
              tag_content(passages, content, classify=counted)]
    kept = [frame for frame in frames if not frame.empty]
    tags = pd.concat(kept, ignore_index=True) if kept else frames[0]
    findings = compile_review_findings(pd.DataFrame([outcome.document]), passages, tags, roles)
    return ProcessedReview(outcome, tags, findings)
