"""The report written as HTML for print, and that HTML made into a tagged PDF by WeasyPrint.

WeasyPrint is an optional dependency (the `report` extra): it is imported only when a PDF is
asked for, and its absence is a `PdfEngineMissing` the command turns into a plain message.
The PDF is PDF/UA-1 (tagged: headings, tables, lists, figures with their alternative text;
document language and title, the title shown as the window's title), with its fonts
embedded. Its dates are the situation's (`as_of`) and its identifier is derived from its
contents, so the same input gives the same bytes.
"""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path
from typing import Any

import jinja2

from generator.rendering.council.document import ReportView, council_words

TEMPLATES = Path(__file__).parent / "templates"
PDF_VARIANT = "pdf/ua-1"
_PAGE_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


class PdfEngineMissing(RuntimeError):  # noqa: N818 - the engine is what is missing
    """WeasyPrint (or a system library it needs) is not installed."""


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character but letters, digits and spaces written
    as a hexadecimal escape, so that no user text can close the string or the rule."""
    escaped = "".join(
        character if (character.isalnum() and character.isascii()) or character == " "
        # The space ends the escape (and is consumed by it), even after six digits.
        else f"\\{ord(character):06x} "
        for character in text
    )  # fmt: skip
    return f'"{escaped}"'


def page_counter_content(template: str) -> str:
    """The catalogue's `page {page} sur {pages}` as CSS `content`, the placeholders made
    page counters."""
    parts: list[str] = []
    position = 0
    for match in _PAGE_PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append(css_string(template[position : match.start()]))
        parts.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(template):
        parts.append(css_string(template[position:]))
    return " ".join(parts)


def margin_css(view: ReportView) -> str:
    """The words of the page margins: the running header and the page numbers."""
    return (
        "@page { @top-left { content: " + css_string(view.running_header) + "; }\n"
        "  @bottom-right { content: " + page_counter_content(view.page_of) + "; } }\n"
    )


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render_html(view: ReportView) -> str:
    """The report as one self-contained HTML document (its print style sheet inside)."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8") + margin_css(view)
    template = _environment().get_template("report.html.j2")
    return template.render(r=view, w=council_words(view.language), css=css)


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as error:  # OSError: a system library (Pango) is missing
        raise PdfEngineMissing(str(error)) from error


def render_pdf(view: ReportView) -> bytes:
    """The report as a tagged PDF (PDF/UA-1)."""
    weasyprint = _weasyprint()
    # The report needs nothing from outside: a fetcher allowing no protocol at all makes
    # sure no request leaves the machine, whatever a roadmap's text holds.
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    html = weasyprint.HTML(string=render_html(view), url_fetcher=fetcher)
    pdf: bytes = html.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)
    return pdf
