"""A run's own parts.

Settings, one review's unit of work, the manifest, the summary and artifacts, the run log and
progress, and the processes that end with the run.
"""
