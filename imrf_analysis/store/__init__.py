"""Where a run keeps its data.

The catalog of datasets, their schemas, atomic writes, the review store and the fingerprints
that key it.
"""
