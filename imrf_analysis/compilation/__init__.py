"""Compilation tables for drafters: counts per region and cycle, excerpts traced to the page.

``imrf_analysis.compile.compile_tables`` builds them all; the modules here hold one family each.
"""
