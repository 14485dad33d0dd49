"""Project pages made by the theme, kept from one `mkdocs serve` build to the next.

MkDocs 1.6 builds every page again after each save: at 1,000 projects, a save in one
project file had MkDocs run Material's template and search indexing for a thousand pages
whose inputs had not changed. A project page as the theme makes it depends on its Markdown
(which holds everything the roadmap says of the project), its address, its edit link, the
reporting date, the navigation (left out of it, the page shows it the same way as every
other project page), the site's configuration and the theme's templates: when all of these
are as they were, the page's template output and its search entries are those of the last
build. The page then goes through a template that prints them back, and the other plugins'
`on_post_page` run on it as usual; its search entries are added in its place
(`tests/test_incremental.py` checks that the site is the one a build from scratch makes).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

# The template a page kept from the last build goes through: it prints the kept output.
CACHED_TEMPLATE = "roadmap/kept-page.html"
OUTPUT_VARIABLE = "roadmap_kept_output"


@dataclass(frozen=True)
class KeptPage:
    """A page's template output (before any `on_post_page`) and its search entries (None
    when the site has no search)."""

    key: Hashable
    output: str
    entries: tuple[dict[str, Any], ...] | None


class PageOutputCache:
    """The kept pages by docs path. `start` opens a build and `install` makes its template
    environment able to print a kept page; `keep` records a page made in the build; `finish`
    keeps, for the next build, only the pages this build made or reused."""

    def __init__(self) -> None:
        self.kept: dict[str, KeptPage] = {}
        self.current: dict[str, KeptPage] = {}
        self.site_key: Hashable = None
        self.reused = 0  # pages reused by the last build

    def start(self, config: MkDocsConfig, nav: Navigation, site: Hashable) -> None:
        """Open a build: what every page depends on (navigation, configuration, theme
        templates, `site`) is noted."""
        self.site_key = (_nav_signature(nav.items), _config_signature(config),
                         _templates_signature(config.theme.dirs), site)  # fmt: skip
        self.current = {}
        self.reused = 0

    @staticmethod
    def install(env: Environment) -> None:
        """The environment learns the kept pages' template."""
        loader: BaseLoader = DictLoader({CACHED_TEMPLATE: "{{ " + OUTPUT_VARIABLE + " | safe }}"})
        if env.loader is not None:
            loader = ChoiceLoader([loader, env.loader])
        env.loader = loader

    def page_key(self, *parts: Hashable) -> Hashable:
        return (self.site_key, parts)

    def reusable(self, src_uri: str, key: Hashable) -> KeptPage | None:
        kept = self.kept.get(src_uri)
        if kept is None or kept.key != key:
            return None
        self.current[src_uri] = kept
        self.reused += 1
        return kept

    def keep(self, src_uri: str, page: KeptPage) -> None:
        self.current[src_uri] = page

    def finish(self) -> None:
        self.kept, self.current = self.current, {}


def _nav_signature(items: Iterable[Any]) -> tuple[object, ...]:
    """The navigation as every page shows it: titles, addresses and nesting."""
    return tuple((type(item).__name__, item.title, getattr(item, "url", None),
                  _nav_signature(getattr(item, "children", None) or ()))
                 for item in items)  # fmt: skip


def _config_signature(config: MkDocsConfig) -> tuple[object, ...]:
    """The configuration, as read from mkdocs.yml (its bytes) and as plugins changed it."""
    path = Path(config.config_file_path or "")
    raw = path.read_bytes() if path.is_file() else b""
    return (
        hashlib.blake2b(raw, digest_size=20).digest(),
        config.site_name, config.site_url, config.repo_url, config.edit_uri,
        config.use_directory_urls, repr(config.extra), repr(config.theme.get("features")),
        tuple(str(path) for path in config.extra_css),
        tuple(str(path) for path in config.extra_javascript),
        config.theme.get("language"),
    )  # fmt: skip


def _templates_signature(folders: Iterable[str]) -> tuple[object, ...]:
    """Every theme template file, with its size and modification time: a template edited
    while serving makes every page again."""
    return tuple(_stats(Path(folder)) for folder in folders)


def _stats(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted(_walk(folder)))


def _walk(folder: Path) -> Iterator[tuple[str, int, int]]:
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".html"):
                path = Path(root) / name
                stat = path.stat()
                yield str(path), stat.st_size, stat.st_mtime_ns
