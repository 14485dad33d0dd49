"""What surrounds the pages: the generated navigation, the internal edition's banner and
name, and the theme's edit links of the pages made from roadmap.yaml."""

from __future__ import annotations

from typing import Any

from generator.i18n import words
from generator.model import Roadmap
from generator.rendering.formatting import format_date
from generator.rendering.site import urls
from generator.rendering.site.pages import escape_text

NavEntry = dict[str, Any]


def navigation(roadmap: Roadmap, language: str) -> tuple[list[NavEntry], list[NavEntry]]:
    """The generated sections before the hand-written pages, and those after them."""
    w = words(language, "site")
    head: list[NavEntry] = [
        {w("home"): urls.HOME},
        # The section's first page is its overview: with Material's navigation.indexes, the
        # section's title links to it.
        {w("axes"): [urls.AXES, *({escape_text(axis.title): urls.axis_page(axis.id)}
                                  for axis in roadmap.axes)]},
        {w("all_projects"): urls.PROJECTS},
        {w("milestones"): urls.MILESTONES},
        {w("budget"): urls.BUDGET},
        {w("indicators"): urls.INDICATORS},
        {w("methodology"): urls.METHODOLOGY},
        {w("data"): urls.DATA},
    ]
    tail: list[NavEntry] = [{w("accessibility_nav"): urls.ACCESSIBILITY}]
    return head, tail


def internal_banner(roadmap: Roadmap, language: str) -> str:
    """The note at the top of every page of the internal edition: not for publication."""
    w = words(language, "site")
    as_of = w("as_of", date=format_date(roadmap.as_of, language))
    return (f'<div class="rm-banner" role="note"><span class="rm-banner__icon" '
            f'aria-hidden="true">⚠</span> <strong>{escape_text(w("internal_badge"))}'
            f'</strong> — {escape_text(w("internal_banner"))} ({escape_text(as_of)})'
            f"</div>")  # fmt: skip


def internal_site_name(site_name: str, language: str) -> str:
    """The site's name in the internal edition, marked as such in every page's header."""
    return f"{site_name} — {words(language, 'site')('internal_badge')}"


def edit_urls(roadmap: Roadmap, edit_url_base: str | None) -> dict[str, str]:
    """The theme's edit button of the pages made from roadmap.yaml. A project page has its own
    "edit this project" link, naming its file, and no second one."""
    if not edit_url_base:
        return {}
    base = edit_url_base.rstrip("/") + "/"
    pages = (urls.HOME, urls.AXES, *(urls.axis_page(axis.id) for axis in roadmap.axes))
    return dict.fromkeys(pages, base + "roadmap.yaml")
