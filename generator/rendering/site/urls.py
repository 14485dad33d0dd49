"""Where each generated page lives, and the relative links between pages.

Links inside raw HTML blocks are not rewritten by MkDocs, so pages link to each other with
URLs computed here, relative to the page that holds them (so a site works under any base path).
The pages' names are words of the roadmap's language (`site_paths`); only the home page and
the chart data folder are named the same in every language.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from generator.i18n import words

HOME = "index.md"
CHART_DATA_DIR = "assets/roadmap/figures"


@dataclass(frozen=True)
class SitePaths:
    """The paths of the generated pages and downloads in one language's site. Their names
    are words of the `site` catalogue (`url.<page>`), so that an English roadmap publishes
    `projects/` and a French one `projets/`, and a third language gets its own by dropping
    in a catalogue (or English ones, word by word, until it has them)."""

    axes_dir: str
    projects_dir: str
    milestones_name: str
    budget_name: str
    indicators_name: str
    methodology_name: str
    glossary_name: str
    data_name: str
    accessibility_name: str
    legal_notice_name: str
    # The downloads' common name (`feuille-de-route.json`, `feuille-de-route.xlsx`).
    roadmap_file_name: str
    # The history's pages: "what's new" (a folder, with a page per session) and the trends.
    whats_new_dir: str
    evolution_name: str
    session_name: str  # with a `{date}` placeholder (ISO date)

    @property
    def axes(self) -> str:
        return f"{self.axes_dir}/index.md"

    @property
    def projects(self) -> str:
        return f"{self.projects_dir}/index.md"

    @property
    def milestones(self) -> str:
        return f"{self.milestones_name}.md"

    @property
    def budget(self) -> str:
        return f"{self.budget_name}.md"

    @property
    def indicators(self) -> str:
        return f"{self.indicators_name}.md"

    @property
    def methodology(self) -> str:
        return f"{self.methodology_name}.md"

    @property
    def glossary(self) -> str:
        return f"{self.glossary_name}.md"

    @property
    def data(self) -> str:
        return f"{self.data_name}.md"

    @property
    def data_dir(self) -> str:
        """The downloads sit in a folder named like the data page, beside it."""
        return self.data_name

    @property
    def accessibility(self) -> str:
        return f"{self.accessibility_name}.md"

    @property
    def legal_notice(self) -> str:
        return f"{self.legal_notice_name}.md"

    @property
    def whats_new(self) -> str:
        return f"{self.whats_new_dir}/index.md"

    @property
    def evolution(self) -> str:
        return f"{self.evolution_name}.md"

    def session_page(self, date: str) -> str:
        return f"{self.whats_new_dir}/{self.session_name.replace('{date}', date)}.md"

    def axis_page(self, axis_id: str) -> str:
        return f"{self.axes_dir}/{axis_id}.md"

    def project_page(self, project_id: str) -> str:
        return f"{self.projects_dir}/{project_id}.md"

    @property
    def sections(self) -> tuple[str, ...]:
        """Every top-level name the generated pages take: no hand-written page may use one."""
        return (self.axes_dir, self.projects_dir, self.milestones_name, self.budget_name,
                self.indicators_name, self.methodology_name, self.glossary_name, self.data_name,
                self.accessibility_name, self.legal_notice_name, self.whats_new_dir,
                self.evolution_name)  # fmt: skip


@functools.cache
def site_paths(language: str) -> SitePaths:
    """The paths of the site in `language`, from its `site` catalogue."""
    w = words(language, "site")
    return SitePaths(
        axes_dir=w("url.axes"),
        projects_dir=w("url.projects"),
        milestones_name=w("url.milestones"),
        budget_name=w("url.budget"),
        indicators_name=w("url.indicators"),
        methodology_name=w("url.methodology"),
        glossary_name=w("url.glossary"),
        data_name=w("url.data"),
        accessibility_name=w("url.accessibility"),
        legal_notice_name=w("url.legal_notice"),
        roadmap_file_name=w("url.roadmap_file"),
        whats_new_dir=w("url.whats_new"),
        evolution_name=w("url.evolution"),
        # Filled in by `session_page`: the catalogue's placeholder stays as it is written.
        session_name=w.template("url.session"),
    )


def chart_data_file(src_uri: str) -> str:
    """The JSON file holding the figures of a page's charts, beside the page's own path
    under the assets folder: `projets/grc.md` -> `assets/roadmap/figures/projets/grc.json`."""
    return f"{CHART_DATA_DIR}/{src_uri.removesuffix('.md')}.json"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source file, relative to the site root (`projets/grc/`)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


# Remembered: a listing links to the same pages from every row (the milestones page names
# each project once per milestone).
@functools.lru_cache(maxsize=1 << 16)
def relative_url(from_src: str, to_src: str, use_directory_urls: bool = True) -> str:
    """The link from the page `from_src` to the file `to_src`, as a relative URL."""
    here = page_url(from_src, use_directory_urls)
    target = page_url(to_src, use_directory_urls)
    here_dir = here if here.endswith("/") or here == "" else posixpath.dirname(here)
    relative = _relative_path(target or ".", here_dir or ".")
    if target == "" or target.endswith("/"):
        return "./" if relative == "." else relative + "/"
    return relative


def _relative_path(target: str, start: str) -> str:
    """`posixpath.relpath` for paths relative to the site's root, without its detour through
    the working folder (`abspath`), which made it the slowest step of a page with a link per
    table row. The paths come from `page_url`: no `.` or `..` parts, `/` as separator."""
    target_parts = [part for part in target.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    common = 0
    for mine, theirs in zip(target_parts, start_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."
