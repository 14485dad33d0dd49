"""The council-session report: one accessible PDF of the roadmap as of a situation.

`report_view` (document.py) writes what the report says from the derived figures;
`render_html` and `render_pdf` (pdf.py) lay it out with the templates/ (HTML and a print
style sheet) and make the tagged PDF; svg.py draws its charts as vector figures.
"""

from __future__ import annotations

from generator.rendering.council.document import (
    ChangesView,
    ReportOptions,
    ReportView,
    UnknownAxisError,
    changes_view,
    report_view,
)
from generator.rendering.council.pdf import PdfEngineMissing, render_html, render_pdf

__all__ = [
    "ChangesView",
    "PdfEngineMissing",
    "ReportOptions",
    "ReportView",
    "UnknownAxisError",
    "changes_view",
    "render_html",
    "render_pdf",
    "report_view",
]
