"""The Atom feed of the roadmap: one entry per situation and one per dated project update,
newest first, with absolute links (it needs the site's address, `site_url`).

Dates are the roadmap's own (a situation's `as_of`, an update's date), at midnight UTC, never
the clock of the build: the same commits give the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from xml.sax.saxutils import escape, quoteattr

from generator.figures.history import History
from generator.i18n import words
from generator.model import Roadmap
from generator.rendering.formatting import format_date
from generator.rendering.site import urls

FEED = "feed.xml"
MAX_ENTRIES = 100  # a reader polls the feed; the site keeps the rest


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _absolute(site_url: str, src_uri: str, use_directory_urls: bool) -> str:
    return site_url.rstrip("/") + "/" + urls.page_url(src_uri, use_directory_urls)


def _entry(entry_id: str, title: str, link: str, updated: dt.date, summary: str) -> str:
    return (f"<entry><id>{escape(entry_id)}</id><title>{escape(title)}</title>"
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>"
            f"<updated>{_timestamp(updated)}</updated>"
            f"<summary>{escape(summary)}</summary></entry>")  # fmt: skip


def atom_feed(history: History, roadmap: Roadmap, site_url: str, whats_new: str,
              use_directory_urls: bool = True) -> bytes:  # fmt: skip
    """The feed, as UTF-8 XML."""
    language = roadmap.language
    w = words(language, "history")
    entries: list[tuple[dt.date, str, str]] = []  # (date, sort key, XML)
    whats_new_url = _absolute(site_url, whats_new, use_directory_urls)
    for situation in history.situations:
        date = format_date(situation.as_of, language)
        # Ranked above the updates of its day: a day of many updates never hides it.
        entries.append((situation.as_of, "2", _entry(
            f"{whats_new_url}#{situation.as_of.isoformat()}", w("feed_situation", date=date),
            whats_new_url, situation.as_of, w("feed_situation_summary", date=date,
                                              title=roadmap.title))))  # fmt: skip
    paths = urls.site_paths(language)
    for project in roadmap.projects:
        link = _absolute(site_url, paths.project_page(project.id), use_directory_urls)
        for update in project.updates:
            key = hashlib.sha256(f"{update.date}\n{update.text}".encode()).hexdigest()[:12]
            entries.append((update.date, f"1{project.id}{key}", _entry(
                f"{link}#{update.date.isoformat()}-{key}",
                w("feed_update", project=project.title, date=format_date(update.date, language)),
                link, update.date, update.text)))  # fmt: skip
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    entries = entries[:MAX_ENTRIES]
    home = _absolute(site_url, urls.HOME, use_directory_urls)
    feed_url = site_url.rstrip("/") + "/" + FEED
    updated = max((e[0] for e in entries), default=roadmap.as_of)
    head = (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language)}>'
            f"<id>{escape(feed_url)}</id><title>{escape(roadmap.title)}</title>"
            f"<subtitle>{escape(w('feed_subtitle', organisation=roadmap.organisation))}"
            f"</subtitle><author><name>{escape(roadmap.organisation)}</name></author>"
            f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>'
            f'<link rel="alternate" type="text/html" href={quoteattr(home)}/>'
            f"<updated>{_timestamp(updated)}</updated>")  # fmt: skip
    body = "\n".join(xml for _, _, xml in entries)
    return f"{head}\n{body}\n</feed>\n".encode()


def feed_link(site_url: str, title: str) -> dict[str, str]:
    """What the `<link>` in every page's head says of the feed (the theme override writes it,
    escaped): where it is, absolute, and its title."""
    return {"href": site_url.rstrip("/") + "/" + FEED, "title": title}
