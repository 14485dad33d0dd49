"""The pipeline in one place: load -> validate -> derive -> render, with the caches.

`generate_site` is the one entry point of the adapters: it validates, derives the figures and
renders every page in memory. The MkDocs plugin (`generator.adapters.mkdocs`) and the
`roadmap build` command (`generator.adapters.build`) only hand its result to MkDocs or write
it to a folder.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

import generator.rendering.charts as charts
from generator.diagnostics import Diagnostic
from generator.figures.derive import derive_figures
from generator.figures.history import History, derive_history
from generator.figures.verdict import changes_verdict
from generator.model import Roadmap
from generator.rendering.report import format_text
from generator.rendering.site import PAGE_ASSETS, PAGE_CSS, PAGE_JAVASCRIPT, chrome, opendata, urls
from generator.rendering.site.chrome import NavEntry
from generator.rendering.site.feed import FEED, atom_feed, feed_link
from generator.rendering.site.history import (
    ProjectHistoryView,
    history_nav,
    history_pages,
    history_words,
    project_history_views,
)
from generator.rendering.site.pages import (
    Offload,
    PageCache,
    PageContext,
    RenderedPages,
    Renderer,
    render_pages,
)
from generator.validation.publication import check_publication
from generator.validation.validate import (
    ROADMAP_FILE,
    ProjectFileCache,
    ValidationResult,
    validate_roadmap,
)
from generator.validation.versions import HistoryCache, read_history

Edition = Literal["public", "internal"]
EDITIONS: tuple[Edition, ...] = ("public", "internal")

# Told how far a long step has gone: (step, items done, items in all), where the step is
# "validate" (project files read and checked) or "render" (pages written). The command line
# shows it as a progress counter; nothing in the pipeline prints.
ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SiteOptions:
    """How to generate the site (the plugin's options and the CLI's arguments)."""

    edition: Edition = "public"
    # The URL that, followed by a project's file path (`projects/grc.yaml`), opens it for editing.
    edit_url_base: str | None = None
    use_directory_urls: bool = True
    site_name: str = ""
    site_url: str | None = None
    # Where readers report accessibility problems (e-mail address or URL), for the statement.
    contact: str | None = None
    # Read the roadmap's past from git (history, trends, "what's new", the feed). Off unless
    # asked: the adapters ask (the plugin's `history` option, on by default), so that a
    # roadmap generated on its own depends only on its files, not on a repository around it.
    history: bool = False


@dataclass
class HistoryState:
    """The history kept from one build to the next: what was read from git (by commit and
    object id), and what was derived and rendered from it, reused as long as neither the
    commits nor the roadmap being built changed."""

    reading: HistoryCache = field(default_factory=HistoryCache)
    key: tuple[object, ...] = ()
    projects: tuple[object, ...] = ()  # the current projects the key was made with
    derived: History | None = None
    views: dict[str, ProjectHistoryView] = field(default_factory=dict)
    # The history pages rendered from `derived`, and the options they were rendered with.
    pages: RenderedPages | None = None
    pages_key: tuple[object, ...] = ()


@dataclass
class SiteCache:
    """What a build keeps for the next one in the same process (`mkdocs serve`): the checked
    project files and the rendered project pages. A one-off build needs none."""

    project_files: ProjectFileCache = field(default_factory=ProjectFileCache)
    pages: PageCache = field(default_factory=PageCache)
    history: HistoryState = field(default_factory=HistoryState)


class InvalidRoadmap(Exception):  # noqa: N818 - the roadmap is what is invalid, not the call
    """The roadmap has errors: nothing is generated. `report()` says where and how to fix them."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__(f"{len(result.errors)} error(s) in the roadmap")
        self.result = result

    def report(self) -> str:
        result = self.result
        return format_text(result.errors, result.sources, result.language).rstrip("\n")


@dataclass(frozen=True)
class GeneratedSite:
    """Everything the site adds to a docs folder, all in memory."""

    language: str
    edition: Edition
    as_of: str  # the reporting date (ISO): the date of every page, including in the sitemap
    pages: Mapping[str, str]  # docs path -> Markdown
    downloads: Mapping[str, bytes]  # docs path -> CSV or JSON
    # docs path -> JSON: the figures of one page's charts, and the template they all share
    chart_data: Mapping[str, bytes]
    assets: Mapping[str, Path]  # site path -> source file
    extra_css: tuple[str, ...]
    extra_javascript: tuple[str, ...]
    nav_head: list[NavEntry]  # sections before the hand-written pages
    nav_tail: list[NavEntry]  # after them (the accessibility statement)
    hidden_pages: frozenset[str]  # pages left out of the navigation on purpose (projects)
    edit_urls: Mapping[str, str]  # docs path -> URL of roadmap.yaml, for the theme's edit button
    warnings: tuple[Diagnostic, ...] = field(default=())
    banner: str | None = None  # HTML shown at the top of every page (internal edition)
    # The site's name in the internal edition, marked as such (None: the configured name).
    internal_site_name: str | None = None
    # The name every page shows: mkdocs.yml's `site_name`, else roadmap.yaml's title (marked
    # in the internal edition).
    site_name: str = ""
    # What the footer of every page says (see chrome.footer), for the theme override.
    footer: Mapping[str, Any] = field(default_factory=dict)
    # What a reader of the history must know about its source (a shallow clone): words to
    # show as build warnings, which a strict build turns into a failure.
    history_warnings: tuple[str, ...] = ()
    # What the build says without failing (no feed without a site_url).
    history_notes: tuple[str, ...] = ()
    # The Atom feed every page's head links to: its absolute `href` and its `title` (None: no
    # feed without site_url).
    feed_link: Mapping[str, str] | None = None

    def navigation(self, user_nav: list[Any] | None) -> list[Any]:
        """The whole navigation: generated sections, the hand-written pages, then the tail."""
        return [*self.nav_head, *(user_nav or []), *self.nav_tail]

    def mark_page(self, markdown: str) -> str:
        """A page's Markdown with the edition banner, placed after its title when it has one
        (MkDocs takes a page's title from a leading `# heading` only)."""
        if self.banner is None:
            return markdown
        front_matter = ""
        if markdown.startswith("---\n"):
            end = markdown.find("\n---\n", 3)
            if end != -1:
                front_matter, markdown = markdown[: end + 5], markdown[end + 5 :]
        return front_matter + self._with_banner(markdown, self.banner)

    @staticmethod
    def _with_banner(markdown: str, banner: str) -> str:
        lines = markdown.split("\n")
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and lines[first].startswith("# "):
            return "\n".join([*lines[: first + 1], "", banner, "", *lines[first + 1 :]])
        return f"{banner}\n\n{markdown}"


def load_roadmap(
    roadmap_dir: Path,
    edition: Edition,
    progress: Callable[[int, int], None] | None = None,
    cache: ProjectFileCache | None = None,
) -> ValidationResult:
    """Validate the roadmap; the public edition leaves internal projects out of everything."""
    return validate_roadmap(roadmap_dir, include_internal=edition == "internal",
                            progress=progress, cache=cache)  # fmt: skip


def generate_site(
    roadmap_dir: Path,
    options: SiteOptions | None = None,
    progress: ProgressCallback | None = None,
    cache: SiteCache | None = None,
) -> GeneratedSite:
    """Validate, derive and render. Raises `InvalidRoadmap` when the roadmap has errors.

    `progress`, when given, is told how far validation and rendering have gone. A `cache`
    kept from one call to the next spares the work on what did not change."""
    options = options or SiteOptions()

    def step(name: str) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        report = progress
        return lambda done, total: report(name, done, total)

    result = load_roadmap(roadmap_dir, options.edition, step("validate"),
                          cache.project_files if cache else None)  # fmt: skip
    if result.errors or result.roadmap is None:
        raise InvalidRoadmap(result)
    roadmap = result.roadmap
    language = roadmap.language
    figures = derive_figures(roadmap)
    # The plugin's `contact` option, kept for sites that set it, wins over roadmap.yaml's.
    contact = options.contact or roadmap.contact
    state = cache.history if cache else HistoryState()
    history = _history(roadmap_dir, roadmap, options, state) if options.history else None
    if history is not None:  # the verdict ends with what moved since the last situation
        figures = replace(figures, verdict=replace(figures.verdict,
                                                   changes=changes_verdict(history)))  # fmt: skip
    context = PageContext(
        figures=figures, language=language, edition=options.edition,
        edit_url_base=options.edit_url_base, use_directory_urls=options.use_directory_urls,
        site_name=options.site_name or roadmap.title, site_url=options.site_url,
        contact=contact, project_history=state.views if history else {},
    )  # fmt: skip
    # A one-off build of a large roadmap renders on two cores: the open data and part of the
    # project pages in forked processes, the rest here (see `_forked`).
    large = len(roadmap.projects) >= FORK_MIN_PROJECTS
    offload: Offload | None = _forked if cache is None and large and fork_possible() else None
    made_downloads: Callable[[], dict[str, bytes]] = (offload or _here)(
        lambda: dict(opendata.downloads(figures, language)))
    rendered = render_pages(context, step("render"), cache.pages if cache else None,
                            offload=offload)  # fmt: skip
    internal = options.edition == "internal"
    nav_head, nav_tail = chrome.navigation(roadmap, language)
    downloads = made_downloads()
    warnings: list[str] = []
    notes: list[str] = []
    feed: Mapping[str, str] | None = None
    # Pages of the past only once there is a past (or sessions to report on): a roadmap
    # published once has nothing to compare yet. A shallow clone shows them all the same:
    # they say what is missing and how to fetch it.
    shallow = history is not None and any(n.kind == "shallow" for n in history.notes)
    if history is not None and (history.has_past or roadmap.sessions or shallow):
        # Rendered again only when the history was derived again: a rebuild without a new
        # commit or an edit spares even the templates' environment.
        pages_key = (history, options.use_directory_urls, options.edition,
                     options.edit_url_base, options.site_name, options.site_url)
        if state.pages is None or state.pages_key != pages_key:
            state.pages, state.pages_key = RenderedPages(), pages_key
            history_pages(Renderer(context), history, roadmap, state.pages.add)
        past = state.pages
        rendered.pages.update(past.pages)
        rendered.chart_data.update(past.chart_data)
        nav_head = [*nav_head, history_nav(history, language)]
    if history is not None:
        w = history_words(language)
        warnings = [w("warning_shallow")] if shallow else []
        if options.site_url:
            downloads[FEED] = atom_feed(history, roadmap, options.site_url,
                                        urls.site_paths(language).whats_new,
                                        options.use_directory_urls)  # fmt: skip
            feed = feed_link(options.site_url, roadmap.title)
        else:
            notes.append(w("warning_no_site_url"))
    # The plotly template every chart shares, published once (see charts.chart_data).
    template = charts.template_file(charts.chart_template(language))
    return GeneratedSite(
        language=language,
        edition=options.edition,
        as_of=roadmap.as_of.isoformat(),
        pages=rendered.pages,
        downloads=downloads,
        chart_data={**rendered.chart_data, charts.TEMPLATE_SITE_PATH: template},
        assets={**charts.chart_assets(), **PAGE_ASSETS},
        extra_css=(*charts.EXTRA_CSS, *PAGE_CSS),
        extra_javascript=(*charts.EXTRA_JAVASCRIPT, *PAGE_JAVASCRIPT),
        nav_head=nav_head,
        nav_tail=nav_tail,
        hidden_pages=frozenset(urls.site_paths(language).project_page(p.id)
                               for p in roadmap.projects),
        edit_urls=chrome.edit_urls(roadmap, options.edit_url_base),
        warnings=(*result.warnings, *_publication_warnings(result, options)),
        banner=chrome.internal_banner(roadmap, language) if internal else None,
        internal_site_name=(chrome.internal_site_name(options.site_name or roadmap.title,
                                                      language) if internal else None),
        site_name=(chrome.internal_site_name(options.site_name or roadmap.title, language)
                   if internal else options.site_name or roadmap.title),
        footer=chrome.footer(roadmap, language, options.use_directory_urls, contact),
        history_warnings=tuple(warnings),
        history_notes=tuple(notes),
        feed_link=feed,
    )


# Below this many projects, forking costs more than it saves.
FORK_MIN_PROJECTS = 200
_T = TypeVar("_T")


def fork_possible() -> bool:
    """Whether this process can be forked safely: on Linux, running no other thread
    (`mkdocs serve` runs some: a fork would copy them in an unknown state)."""
    return sys.platform == "linux" and threading.active_count() == 1


def _here(task: Callable[[], _T]) -> Callable[[], _T]:
    """The task run now, in this process."""
    result = task()
    return lambda: result


def _forked(task: Callable[[], _T]) -> Callable[[], _T]:
    """The task started in a forked copy of this process, which has everything the task
    reads already in memory and sends back only its result (pickled, through a pipe). The
    returned function waits for that result; should the copy fail for any reason, the task
    runs again here, so that its error, if any, is raised where it is expected."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked copy: its coverage is not collected
        status = 0
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(task(), out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # any failure: the parent does the task itself
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)

    def result() -> _T:
        try:
            with os.fdopen(read_end, "rb") as received:
                value: _T = pickle.load(received)
        except Exception:  # the copy failed: the task runs here
            value = task()
        finally:
            os.waitpid(pid, 0)
        return value

    return result


def _publication_warnings(result: ValidationResult, options: SiteOptions) -> list[Diagnostic]:
    """What the public edition still lacks to be published (R080); the internal edition is
    not published, and a contact given by the plugin's option counts as given."""
    if options.edition != "public" or result.roadmap is None:
        return []
    source = next(s for s in result.sources.values() if s.path.name == ROADMAP_FILE)
    return [d for d in check_publication(result.roadmap, source)
            if not (options.contact and d.path == ("contact",))]  # fmt: skip


def _history(roadmap_dir: Path, roadmap: Roadmap, options: SiteOptions,
             state: HistoryState) -> History:  # fmt: skip
    """The roadmap's history, derived again only when a commit or the roadmap changed: a
    rebuild without either costs one `git log`."""
    read = read_history(roadmap_dir, include_internal=options.edition == "internal",
                        cache=state.reading, current=roadmap)  # fmt: skip
    settings = tuple(getattr(roadmap, name) for name in type(roadmap).model_fields
                     if name != "projects")  # fmt: skip
    key = (read.available, read.shallow, tuple(v.commit for v in read.versions), settings)
    same_projects = len(state.projects) == len(roadmap.projects) and all(
        a is b for a, b in zip(state.projects, roadmap.projects, strict=True))
    if state.derived is None or key != state.key or not same_projects:
        state.derived = derive_history(read, roadmap)
        state.views = project_history_views(state.derived, roadmap)
        state.key, state.projects = key, roadmap.projects
    return state.derived


__all__ = [
    "EDITIONS",
    "Edition",
    "GeneratedSite",
    "InvalidRoadmap",
    "ProgressCallback",
    "SiteCache",
    "SiteOptions",
    "generate_site",
    "load_roadmap",
]
