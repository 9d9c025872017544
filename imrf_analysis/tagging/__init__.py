"""Tagging of review passages by GCM objective and guiding principle, and by content type.

Signals: the enclosing headings, explicit mentions of objectives by number, per-language
lexicons matched with spaCy (English, French, Spanish), trained ``textcat_multilabel``
classifiers and a multilingual encoder with trained heads (``encoder_classifier``). See
``scoring`` for how they combine and ``content`` for content types.
"""

from imrf_analysis.tagging.content import stakeholder_groups, tag_content
from imrf_analysis.tagging.datasets import tag_jsonl, tag_passages
from imrf_analysis.tagging.mentions import ObjectiveMention, find_objective_mentions
from imrf_analysis.tagging.scoring import (
    DEFAULT_SIGNAL_SCORES,
    DEFAULT_THRESHOLDS,
    PassageScores,
    SignalScores,
    Thresholds,
)
from imrf_analysis.tagging.structure import (
    guiding_principles_in_heading,
    objectives_in_heading,
    objectives_in_heading_path,
)
from imrf_analysis.tagging.tagger import Tagger

__all__ = [
    "DEFAULT_SIGNAL_SCORES",
    "DEFAULT_THRESHOLDS",
    "ObjectiveMention",
    "PassageScores",
    "SignalScores",
    "Tagger",
    "Thresholds",
    "find_objective_mentions",
    "guiding_principles_in_heading",
    "objectives_in_heading",
    "objectives_in_heading_path",
    "stakeholder_groups",
    "tag_content",
    "tag_jsonl",
    "tag_passages",
]
