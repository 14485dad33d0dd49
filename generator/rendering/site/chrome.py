"""What surrounds the pages: the generated navigation, the footer, the internal edition's
banner and name, and the theme's edit links of the pages made from roadmap.yaml."""

from __future__ import annotations

from typing import Any

from generator.i18n import words
from generator.model import Roadmap
from generator.rendering.formatting import format_date
from generator.rendering.site import opendata, urls
from generator.rendering.site.pages import contact_href, escape_text

NavEntry = dict[str, Any]


def navigation(roadmap: Roadmap, language: str) -> tuple[list[NavEntry], list[NavEntry]]:
    """The generated sections before the hand-written pages, and those after them."""
    w = words(language, "site")
    paths = urls.site_paths(language)
    head: list[NavEntry] = [
        {w("home"): urls.HOME},
        # The section's first page is its overview: with Material's navigation.indexes, the
        # section's title links to it.
        {w("axes"): [paths.axes, *({escape_text(axis.title): paths.axis_page(axis.id)}
                                   for axis in roadmap.axes)]},
        {w("all_projects"): paths.projects},
        {w("milestones"): paths.milestones},
        {w("budget"): paths.budget},
        {w("indicators"): paths.indicators},
        {w("methodology"): paths.methodology},
        {w("glossary"): paths.glossary},
        {w("data"): paths.data},
    ]
    tail: list[NavEntry] = [{w("accessibility_nav"): paths.accessibility}]
    if roadmap.legal_notice is None:
        tail.append({w("legal_notice"): paths.legal_notice})
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
    paths = urls.site_paths(roadmap.language)
    pages = (urls.HOME, paths.axes, *(paths.axis_page(axis.id) for axis in roadmap.axes))
    return dict.fromkeys(pages, base + "roadmap.yaml")


def footer(roadmap: Roadmap, language: str, use_directory_urls: bool = True,
           contact: str | None = None) -> dict[str, Any]:  # fmt: skip
    """What the footer of every page says, as the theme override (theme/partials/copyright.html)
    lays it out: the reporting date (never the build's), the data licence, the contact, and
    links to the accessibility statement (with its compliance, as French law asks of every
    public site's footer) and the legal notice. Entries with a `page` link to a generated
    page (a URL from the site's root, made relative by the theme); with `href`, elsewhere."""
    w = words(language, "site")
    paths = urls.site_paths(language)
    compliance = roadmap.accessibility.compliance
    data_licence = opendata.licence(roadmap, language)
    entries: list[dict[str, str]] = [
        {"text": w("footer.as_of", date=format_date(roadmap.as_of, language))},
        {"label": w("footer.licence"), "text": data_licence.title, "href": data_licence.url},
    ]  # fmt: skip
    contact = contact or roadmap.contact
    if contact:
        entry = {"label": w("footer.contact"), "text": contact.removeprefix("mailto:")}
        href = contact_href(contact)
        if href:
            entry["href"] = href
        entries.append(entry)
    entries.append({
        "text": w("footer.accessibility", compliance=w(f"compliance.{compliance or 'unknown'}")),
        "page": urls.page_url(paths.accessibility, use_directory_urls),
    })  # fmt: skip
    legal = {"text": w("legal_notice")}
    if roadmap.legal_notice:
        legal["href"] = roadmap.legal_notice
    else:
        legal["page"] = urls.page_url(paths.legal_notice, use_directory_urls)
    entries.append(legal)
    return {"label": w("footer.label"), "entries": entries}
