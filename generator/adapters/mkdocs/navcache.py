"""Material's navigation made once for all the pages that show the same one.

Material renders its navigation (`partials/nav.html`: every section and link of the site)
for each page. For a page left out of the navigation, as the project pages are, nothing in it
is active or expanded, and its links are relative to the page's folder: every project page
shows the same navigation, character for character. At 1,000 projects, rendering it each time
was a tenth of the build. `NavigationCache` renders it once per folder for such pages, and
as usual for the others (`tests/test_navcache.py` checks that the site is unchanged).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Environment
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

NAV_TEMPLATE = "partials/nav.html"


def url_parts(url: str) -> tuple[str, ...]:
    """A page's address as MkDocs reads it to make a link relative to it
    (`mkdocs.utils.get_relative_url`): its folders, without a file name."""
    folder, _, name = url.rpartition("/")
    if "." in name:
        url = folder
    return tuple(part for part in posixpath.normpath("/" + url).split("/") if part)


class NavigationCache:
    """The navigation's HTML by page folder, for pages out of the navigation; `install`
    starts afresh for each build (a new navigation, a new template environment)."""

    def __init__(self) -> None:
        self.outputs: dict[tuple[str, ...], str] = {}
        self.in_nav: set[int] = set()
        self.nav_urls: list[tuple[str, ...]] = []
        self.reused = 0  # pages given a navigation already made, in the last build

    def install(self, env: Environment, nav: Navigation) -> None:
        """Make the environment's navigation template go through this cache."""
        self.outputs = {}
        self.reused = 0
        self.in_nav = {id(page) for page in nav.pages}
        self.nav_urls = [url_parts(url) for url in _urls(nav.items)]
        template = env.get_template(NAV_TEMPLATE)
        original: Callable[[Any], Iterator[str]] = template.root_render_func
        if getattr(original, "roadmap_cached", False):
            return  # the same environment again: already going through a cache

        def render(context: Any) -> Iterator[str]:
            key = self.key(context.get("page"))
            if key is None:
                yield from original(context)
                return
            made = self.outputs.get(key)
            if made is None:
                made = self.outputs[key] = "".join(original(context))
            else:
                self.reused += 1
            yield made

        render.roadmap_cached = True  # type: ignore[attr-defined]
        template.root_render_func = render

    def key(self, page: Any) -> tuple[str, ...] | None:
        """The folder a page's navigation is the same for, or None when it must be made
        for the page itself: a page of the navigation (which shows it active), or one whose
        address starts some link of the navigation (whose relative form then depends on the
        page's own name)."""
        if not isinstance(page, Page) or id(page) in self.in_nav or page.url is None:
            return None
        parts = url_parts(page.url)
        if any(url[: len(parts)] == parts for url in self.nav_urls):
            return None
        return ("", *parts[:-1]) if parts else None


def _urls(items: list[Any]) -> Iterator[str]:
    """Every address the navigation links to."""
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            yield url
        yield from _urls(getattr(item, "children", None) or [])
