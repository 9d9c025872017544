"""Training the objective and guiding-principle classifiers from honestly sourced examples."""

from imrf_analysis.training.examples import (
    TrainingExample,
    build_training_examples,
    lexicon_examples,
    seed_examples,
    structural_examples,
)
from imrf_analysis.training.train import LAYOUTS, key_examples, train_classifier

__all__ = [
    "LAYOUTS",
    "TrainingExample",
    "build_training_examples",
    "key_examples",
    "lexicon_examples",
    "seed_examples",
    "structural_examples",
    "train_classifier",
]
