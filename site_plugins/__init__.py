"""Explainer-site toolkit: an MkDocs plugin that links entities and builds comparisons."""
