import pytest

from imrf_analysis.tagging import Tagger


@pytest.fixture(scope="session")
def tagger():
    """One tagger for the session: building the three pipelines takes a few seconds."""
    return Tagger.load()
