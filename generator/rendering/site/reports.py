"""The council-session reports on the site: where each PDF is published, and the links to
them at the top of the home page, each saying that it is a PDF and how heavy it is (RGAA:
a link to a document names its format and size).

The words are the `council` catalogue's (`link.*`, `url.*`); sizes are written by Babel in
the roadmap's language ("1,2 Mo", "1.2 MB"). Nothing here makes a PDF: the adapters do
(`generator.adapters.site_reports`), then hand the links to `home_with_reports`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.units import format_unit
from markupsafe import Markup, escape

from generator.i18n import words
from generator.rendering.formatting import format_date, locale_of
from generator.rendering.site import urls

DOMAIN = "council"
# Sizes in decimal units, as Babel names them ("ko", "Mo"): a megabyte is 1,000,000 bytes.
KILOBYTE, MEGABYTE = 1_000, 1_000_000


@dataclass(frozen=True)
class ReportLink:
    """One published report: its path in the docs folder and the text of its link."""

    path: str
    text: str


def format_size(size: int, language: str) -> str:
    """A file size as a reader says it: "1,2 Mo" from a megabyte on, else "412 ko"."""
    locale = locale_of(language)
    if size >= MEGABYTE:
        return format_unit(round(size / MEGABYTE, 1), "digital-megabyte", length="short",
                           locale=locale, format="#,##0.#")  # fmt: skip
    return format_unit(max(1, round(size / KILOBYTE)), "digital-kilobyte", length="short",
                       locale=locale)  # fmt: skip


def reports_dir(language: str) -> str:
    return words(language, DOMAIN)("url.reports")


def current_report_path(language: str, as_of: dt.date) -> str:
    """`rapports/rapport-2020-06-30.pdf`: the current situation's report."""
    name = words(language, DOMAIN)("url.report", date=as_of.isoformat())
    return f"{reports_dir(language)}/{name}.pdf"


def session_report_path(language: str, session_date: dt.date) -> str:
    """`rapports/rapport-seance-2020-07-09.pdf`: an earlier session's report."""
    name = words(language, DOMAIN)("url.report_session", date=session_date.isoformat())
    return f"{reports_dir(language)}/{name}.pdf"


def current_link(language: str, as_of: dt.date, size: int, summary: bool,
                 session: str | None = None) -> ReportLink:  # fmt: skip
    """The current report's link: named after the declared session it is presented to, if
    one is, else after its situation date."""
    w = words(language, DOMAIN)
    values = {"date": format_date(as_of, language), "size": format_size(size, language)}
    if session is not None:
        key = "link.session_summary" if summary else "link.session"
        return ReportLink(current_report_path(language, as_of), w(key, title=session, **values))
    key = "link.report_summary" if summary else "link.report"
    return ReportLink(current_report_path(language, as_of), w(key, **values))


def session_link(language: str, session_date: dt.date, title: str, as_of: dt.date,
                 size: int) -> ReportLink:  # fmt: skip
    w = words(language, DOMAIN)
    return ReportLink(session_report_path(language, session_date),
                      w("link.session", title=title, date=format_date(as_of, language),
                        size=format_size(size, language)))  # fmt: skip


def _anchor(link: ReportLink, use_directory_urls: bool) -> Markup:
    # Relative to the home page: the site works under any base path.
    href = urls.relative_url(urls.HOME, link.path, use_directory_urls)
    # On one line: a blank line in a session's title would end the raw HTML block.
    text = " ".join(line.strip() for line in link.text.splitlines() if line.strip())
    return Markup('<a href="{}" type="application/pdf">{}</a>').format(href, text)


def reports_block(current: ReportLink | None, past: Sequence[ReportLink], language: str,
                  use_directory_urls: bool = True) -> str:  # fmt: skip
    """The home page's links: the current report, then the earlier sessions' (newest first,
    as given), folded under their heading so that the page's first screen stays the verdict."""
    lines = ['<div class="rm-reports">']
    if current is not None:
        lines.append(f"<p>{_anchor(current, use_directory_urls)}</p>")
    if past:
        summary = escape(words(language, DOMAIN)("reports_past"))
        lines.append(f"<details><summary>{summary}</summary><ul>")
        lines += [f"<li>{_anchor(link, use_directory_urls)}</li>" for link in past]
        lines.append("</ul></details>")
    lines.append("</div>")
    return "\n".join(lines)


def home_with_reports(markdown: str, block: str) -> str:
    """The home page with `block` right under its lead line (the organisation and the
    situation date), where a councillor looks first; under the title if it has no lead."""
    lines = markdown.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith('<p class="rm-lead">')),
              None)  # fmt: skip
    if at is None:
        at = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join([*lines[: at + 1], "", block, "", *lines[at + 1 :]])
