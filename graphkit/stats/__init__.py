"""Measures of the graph: counts per class, coverage, transferable skills and bridge roles."""
