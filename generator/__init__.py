"""Roadmap tracker: YAML roadmaps validated and published as an accessible MkDocs site."""

__version__ = "0.1.0"
