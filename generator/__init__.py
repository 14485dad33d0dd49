"""Roadmap tracker: YAML roadmaps validated and published as an accessible MkDocs site.

The package is the pipeline, one subpackage per stage, each using only the stages before it:

- `generator.reading`: roadmap files as plain data with the position of every value;
- `generator.validation`: the typed model (`generator.model`), or diagnostics;
- `generator.figures`: every derived figure and grouping;
- `generator.rendering`: pages, charts, open data, digest and reports, in the reader's language;
- `generator.adapters`: the MkDocs plugin, `roadmap build` and the command line.

`generator.pipeline` runs them in order. The names below are the public API; everything else
may change between versions.
"""

from __future__ import annotations

__version__ = "0.1.0"

from generator.diagnostics import Diagnostic
from generator.figures.derive import Figures, derive_figures
from generator.model import Project, Roadmap
from generator.pipeline import (
    GeneratedSite,
    InvalidRoadmap,
    SiteCache,
    SiteOptions,
    generate_site,
)
from generator.validation.validate import ValidationResult, validate_roadmap

__all__ = [
    "Diagnostic",
    "Figures",
    "GeneratedSite",
    "InvalidRoadmap",
    "Project",
    "Roadmap",
    "SiteCache",
    "SiteOptions",
    "ValidationResult",
    "__version__",
    "derive_figures",
    "generate_site",
    "validate_roadmap",
]
