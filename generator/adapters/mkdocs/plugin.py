"""The `roadmap` MkDocs plugin: a thin adapter that hands the generated site to MkDocs.

Everything is made by `generator.pipeline.generate_site`; this module only validates options,
adds the pages, downloads, chart data and assets to MkDocs' files in memory (nothing is
written into `docs/`), sets the navigation, language and edit links, and watches the
roadmap folder under `mkdocs serve`, keeping what a rebuild can reuse. It also spares MkDocs
work on the generated pages (`rawhtml`: raw HTML handed over unread, search given what it
indexes, whitespace between tags removed). Hooks are written in the order
MkDocs calls them.

MkDocs itself empties `site_dir` at the start of a build and writes into it as it goes: a
build that fails half-way leaves half a site. Under `mkdocs build` and `mkdocs gh-deploy`
this plugin points `site_dir` at a new folder beside it, and puts that folder in its place
only when the build has succeeded (strict mode's warnings counted); a failed build deletes
it, and the previous site stays as it was.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from generator.adapters.build import beside, swap_in
from generator.adapters.collector import BuildCollector
from generator.adapters.edit_links import edit_url_base
from generator.adapters.mkdocs import direct
from generator.adapters.mkdocs.config import RoadmapConfig
from generator.adapters.mkdocs.navcache import NavigationCache
from generator.adapters.mkdocs.pagecache import (
    CACHED_TEMPLATE,
    OUTPUT_VARIABLE,
    KeptPage,
    PageOutputCache,
)
from generator.adapters.mkdocs.rawhtml import (
    GeneratedHtmlExtension,
    PageState,
    collapse_whitespace,
    without_search_excluded,
)
from generator.adapters.mkdocs.search import MIN_PAGES as MIN_SEARCH_PAGES
from generator.adapters.mkdocs.search import PageForSearch, SearchWorker
from generator.adapters.mkdocs.search import resolve as resolve_search
from generator.adapters.mkdocs.search import worker_possible as search_worker_possible
from generator.adapters.site_reports import publish_reports
from generator.i18n import words
from generator.pipeline import (
    GeneratedSite,
    InvalidRoadmap,
    SiteCache,
    SiteOptions,
    generate_site,
)
from generator.rendering.diagnostics import message_text, printable
from generator.rendering.site import THEME_DIR
from generator.validation.codes import RULES

log = logging.getLogger("mkdocs.plugins.roadmap")


class GeneratedPage(Page):
    """A generated page, made into HTML by `direct` when it can be, by Python-Markdown when
    it cannot. MkDocs lets a plugin give a page of its own class (`File.page`)."""

    # Under `mkdocs serve`, the pages made by the last build, by docs path, with their
    # Markdown: a page whose Markdown did not change is not made again.
    made_before: dict[str, tuple[str, direct.DirectPage]] | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        made = self._made()
        if made is None:
            super().render(config, files)
            return
        self.content = made.content
        self.toc = get_toc(made.toc_tokens)  # type: ignore[arg-type]
        self._title_from_render = made.title
        self.present_anchor_ids = set(made.anchor_ids)  # MkDocs may add to it
        self.links_to_anchors = {}  # generated pages link to pages, never to a page's anchors

    def _made(self) -> direct.DirectPage | None:
        if self.markdown is None:
            return None
        before = self.made_before.get(self.file.src_uri) if self.made_before is not None \
            else None  # fmt: skip
        if before is not None and before[0] == self.markdown:
            return before[1]
        made = direct.render(self.markdown)
        if made is not None and self.made_before is not None:
            self.made_before[self.file.src_uri] = (self.markdown, made)
        return made


class RoadmapPlugin(BasePlugin[RoadmapConfig]):  # type: ignore[no-untyped-call]
    """Publish a roadmap folder as the dashboards, pages and open data of the site."""

    def __init__(self) -> None:
        self.site: GeneratedSite | None = None
        self.roadmap_dir: Path | None = None
        self.page_state = PageState()
        self.full_content: str | None = None
        self.cache: SiteCache | None = None
        self.direct_pages = False
        self.search_plugin: Any = None
        self.search_worker: SearchWorker | None = None
        self.page_meta: MutableMapping[str, Any] | None = None
        self.staged = False  # whether this build writes its site beside site_dir (see below)
        self.staging: _StagedSite | None = None
        self.nav: Navigation | None = None
        self.nav_cache = NavigationCache()
        # Under `mkdocs serve`: project pages as the theme made them (see pagecache).
        self.outputs: PageOutputCache | None = None
        self.direct_made: dict[str, tuple[str, direct.DirectPage]] | None = None
        # The pages of this build that reuse a kept output (with their own metadata), and
        # those to keep once made (with their key).
        self.reused_pages: dict[str, tuple[KeptPage, MutableMapping[str, Any]]] = {}
        self.kept_pages: dict[str, Any] = {}
        self.reusing: tuple[KeptPage, MutableMapping[str, Any]] | None = None
        self.making: tuple[str, Any, int | None] | None = None
        self.made_entries: tuple[dict[str, Any], ...] | None = None
        # The garbage collector's settings while a build runs (see collector).
        self.collector = BuildCollector()

    # Having this hook makes MkDocs keep this instance from one build to the next under
    # `mkdocs serve`: it then keeps what a rebuild can reuse (checked project files, rendered
    # project pages). A one-off build keeps nothing.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.cache = SiteCache() if command == "serve" else None
        self.outputs = PageOutputCache() if command == "serve" else None
        self.direct_made = {} if command == "serve" else None
        # `serve` builds into a folder of its own; a dirty build updates the site on purpose.
        self.staged = command in ("build", "gh-deploy") and not dirty

    # Runs before the search plugin (priority 0) so that it sees the roadmap's language.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # A build stopped here never reaches `on_post_build` nor `on_build_error`.
        self.collector.start()
        try:
            return self._configure(config)
        except BaseException:
            self.collector.stop()
            raise

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.roadmap_dir = config_dir / self.config.roadmap_dir
        docs_dir = Path(config.docs_dir)
        base_url = self.config.edit_url_base or edit_url_base(
            config.repo_url, config.edit_uri,
            _relative(docs_dir, config_dir), self.config.roadmap_dir)  # fmt: skip
        options = SiteOptions(
            edition=self.config.edition,
            edit_url_base=base_url,
            use_directory_urls=config.use_directory_urls,
            site_name=config.site_name,
            site_url=config.site_url or None,
            contact=self.config.contact,
            history=self.config.history,
        )
        try:
            site = generate_site(self.roadmap_dir, options, cache=self.cache)
        except InvalidRoadmap as error:
            log.error("%s", error.report())
            count = len(error.result.errors)
            raise PluginError(words(error.result.language, "cli").plural(
                "plugin.invalid", count, folder=self.config.roadmap_dir)) from None
        # The council-session reports (PDF), linked from the home page (see site_reports).
        # Under `mkdocs serve` (self.cache set) a report is not laid out again on each save.
        reports = publish_reports(site, self.roadmap_dir, self.config.report,
                                  history=self.config.history,
                                  use_directory_urls=config.use_directory_urls,
                                  lay_out=self.cache is None)  # fmt: skip
        site = reports.site
        self.collector.set_aside()
        for line in reports.warnings:  # a strict build fails on them
            log.warning("%s", printable(line))
        for line in reports.notes:
            log.info("%s", printable(line))
        # Validation warnings (e.g. a stale health rating) are shown on the site itself; they
        # must not fail `mkdocs build --strict`, hence info rather than warning. Those that
        # keep the public edition from being published (R080) are warnings, and stop a strict
        # build: as errors then, since `--quiet` hides warnings from what `--strict` counts.
        blocking = [w for w in site.warnings if RULES[w.code].blocks_publication]
        for warning in site.warnings:
            level = logging.INFO
            if warning in blocking:
                level = logging.ERROR if config.strict else logging.WARNING
            log.log(level, "%s:%s:%s: %s %s", printable(warning.file), warning.line,
                    warning.column, warning.code,
                    printable(message_text(warning, site.language)))  # fmt: skip
        if blocking and config.strict:
            fields = ", ".join(str(w.parameters.get("field", w.code)) for w in blocking)
            raise PluginError(words(site.language, "cli")("plugin.unpublishable", fields=fields))
        self.site = site
        config.theme["language"] = site.language
        config.nav = site.navigation(config.nav)
        for path in site.extra_css:
            if path not in config.extra_css:
                config.extra_css.append(path)
        known_scripts = {str(script) for script in config.extra_javascript}
        for path in site.extra_javascript:
            if path not in known_scripts:
                config.extra_javascript.append(path)
        config.site_name = site.site_name
        config.extra["roadmap_footer"] = site.footer
        config.extra["roadmap_feed"] = dict(site.feed_link) if site.feed_link else None
        # A shallow clone's missing history fails a strict build (the publishing workflows
        # fetch it all); a site without an address only has no feed.
        for shallow in site.history_warnings:
            log.warning("%s", printable(shallow))
        for note in site.history_notes:
            log.info("%s", printable(note))
        # The footer's template, over the theme's but under the site's own `custom_dir`.
        theme_dirs = config.theme.dirs
        if str(THEME_DIR) not in theme_dirs:
            theme_dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        # Generated pages' raw HTML goes to Python-Markdown's stash unread (see rawhtml).
        # (MkDocs declares the list as extension names; Python-Markdown takes instances too.)
        # Generated pages skip Python-Markdown altogether when the site's Markdown settings
        # leave their headings and blocks as plain Markdown does (see direct).
        self.direct_pages = direct.supports(config.markdown_extensions, config.mdx_configs)
        extension: Any = GeneratedHtmlExtension(self.page_state)
        config.markdown_extensions.append(extension)
        if self.staged:
            self.staging = _StagedSite(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self._site()
        generated: dict[str, File] = {}
        for src_uri, markdown in site.pages.items():
            inclusion = (InclusionLevel.NOT_IN_NAV if src_uri in site.hidden_pages
                         else InclusionLevel.UNDEFINED)  # fmt: skip
            generated[src_uri] = File.generated(config, src_uri, content=markdown,
                                                inclusion=inclusion)  # fmt: skip
        for src_uri, content in site.downloads.items():
            generated[src_uri] = File.generated(config, src_uri, content=content)
        for src_uri, content in site.chart_data.items():
            generated[src_uri] = File.generated(config, src_uri, content=content)
        for src_uri, source in site.assets.items():
            generated[src_uri] = File.generated(config, src_uri, abs_src_path=str(source))
        for src_uri, file in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None and not existing.generated_by:
                raise PluginError(words(site.language, "cli")("plugin.generated_path",
                                                              path=src_uri))
            if existing is not None:
                files.remove(existing)
            files.append(file)
        for file in _unused_theme_files(files, config):
            files.remove(file)
        self.search_plugin = _material_search(config)
        if (_search_index(self.search_plugin) is not None
                and len(site.pages) >= MIN_SEARCH_PAGES and search_worker_possible()):
            self._stop_search_worker()
            self.search_worker = SearchWorker()
        return files

    # Last, so that the navigation seen is the one the pages show. Under `mkdocs serve`, what
    # every kept page depends on is noted before the pages are read (see pagecache).
    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.outputs is not None:
            site = self._site()
            self.outputs.start(config, nav, (site.as_of, site.language, site.site_name))
            self.reused_pages, self.kept_pages = {}, {}
        return nav

    # Last, once other plugins have set up the environment: the navigation of pages left out
    # of it is made once per folder (see navcache).
    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.nav is not None:
            self.nav_cache.install(env, self.nav)
        if self.outputs is not None:
            self.outputs.install(env)
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        site = self._site()
        # The site's date is the reporting date, never the clock: sitemap.xml and its gzip
        # copy stay byte-identical from one build to the next.
        page.update_date = site.as_of
        if page.file.src_uri in site.pages:
            page.edit_url = site.edit_urls.get(page.file.src_uri)
            if self.direct_pages and type(page) is Page:
                page.__class__ = GeneratedPage  # same page, made into HTML directly
                if isinstance(page, GeneratedPage):
                    page.made_before = self.direct_made
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:  # fmt: skip
        site = self._site()
        source = site.pages.get(page.file.src_uri)
        # MkDocs drops a metadata header it cannot read without a word, and the theme then
        # titles the page from elsewhere: a generated page's header must be read, or the
        # build stops.
        if source is not None and source.startswith("---") and not page.meta:
            raise PluginError(words(site.language, "cli")("build.metadata_dropped",
                                                          page=page.file.src_uri))  # fmt: skip
        # Read by GeneratedHtmlPreprocessor while MkDocs converts this page, right after.
        self.page_state.anchor_ids = set()
        self.page_state.generated = page.file.src_uri in site.pages
        return site.mark_page(markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:  # fmt: skip
        # Ids inside the stashed blocks, for MkDocs' check of links to anchors.
        if self.page_state.anchor_ids and page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.page_state.anchor_ids
        self.page_state.generated = False
        self._plan_reuse(page)
        return html

    def _plan_reuse(self, page: Page) -> None:
        """Under `mkdocs serve`, whether a project page can reuse its output of the last
        build: then it is given the kept pages' template now, since MkDocs picks a page's
        template before the page's context event. Its own metadata is given back once the
        page is made (`_keep_output`)."""
        src_uri = page.file.src_uri
        if self.outputs is None or src_uri not in self._site().hidden_pages:
            return
        key = self.outputs.page_key(page.markdown, page.url, page.edit_url,
                                    page.meta.get("template"))  # fmt: skip
        kept = self.outputs.reusable(src_uri, key)
        searched = _search_index(self.search_plugin) is not None
        if kept is None or (kept.entries is not None) != searched:
            self.kept_pages[src_uri] = key
            return
        meta = page.meta
        self.reused_pages[src_uri] = (kept, meta)
        page.meta = {**meta, "template": CACHED_TEMPLATE,
                     "search": {**(meta.get("search") or {}), "exclude": True}}  # fmt: skip

    # Material's search (priority 0) indexes `page.content` in this event. Right before it, a
    # generated page's content is replaced by the same page without the elements marked
    # `data-search-exclude`, which search skips anyway (same index, much faster); right
    # after it, the whole content is put back for the page's template.
    @event_priority(1)
    def _content_for_search(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                            nav: Any) -> dict[str, Any]:  # fmt: skip
        if not page.content or page.file.src_uri not in self._site().pages:
            return context
        index = _search_index(self.search_plugin)
        if self._reuse(context, page, index):
            return context
        searchable = without_search_excluded(page.content)
        if self.search_worker is not None and index is not None:
            # Its entries are made in the worker; Material's search is told to skip the page.
            meta = page.meta
            index.entries.append(self.search_worker.submit(
                PageForSearch(searchable, page.toc, page.url, page.title, dict(meta))))
            self.page_meta = meta
            page.meta = {**meta, "search": {**(meta.get("search") or {}), "exclude": True}}
        else:
            self.full_content = page.content
            page.content = searchable
        return context

    def _reuse(self, context: dict[str, Any], page: Page, index: Any) -> bool:
        """A page reusing its kept output (see `_plan_reuse`): the output goes to its
        template, its search entries to the index, in its place. A page to keep is noted."""
        src_uri = page.file.src_uri
        reused = self.reused_pages.pop(src_uri, None)
        if reused is None:
            key = self.kept_pages.pop(src_uri, None)
            if key is not None:
                self.making = (src_uri, key, None if index is None else len(index.entries))
            return False
        kept = reused[0]
        if index is not None and kept.entries is not None:
            index.entries.extend(kept.entries)
        self.reusing = reused
        context[OUTPUT_VARIABLE] = kept.output
        return True

    @event_priority(-1)
    def _content_for_page(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                          nav: Any) -> dict[str, Any]:  # fmt: skip
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        if self.page_meta is not None:
            page.meta, self.page_meta = self.page_meta, None
        if self.making is not None:
            start = self.making[2]
            index = _search_index(self.search_plugin)
            self.made_entries = (None if start is None or index is None
                                 else tuple(index.entries[start:]))  # fmt: skip
        return context

    on_page_context = CombinedEvent(_content_for_search, _content_for_page)

    # Before Material's search writes its index (priority 0): the generated pages' entries,
    # made in the worker, take the places kept for them.
    @event_priority(10)
    def _resolve_search(self, *, config: MkDocsConfig) -> None:
        if self.outputs is not None:
            self.outputs.finish()
        index = _search_index(self.search_plugin)
        if index is not None:
            resolve_search(index.entries)
        self._stop_search_worker()

    # Last, once every plugin has written its files: the new site takes the old one's place.
    @event_priority(-100)
    def _swap_site(self, *, config: MkDocsConfig) -> None:
        if self.staging is not None:
            self.staging.finish()
            self.staging = None
        self.collector.stop()

    on_post_build = CombinedEvent(_resolve_search, _swap_site)

    def on_build_error(self, *, error: Exception) -> None:
        self.collector.stop()
        self._stop_search_worker()
        if self.staging is not None:
            self.staging.abandon()
            self.staging = None

    def _stop_search_worker(self) -> None:
        if self.search_worker is not None:
            self.search_worker.close()
            self.search_worker = None

    # First, as the template made the page: under `mkdocs serve`, a project page is kept
    # for the next build (see pagecache).
    @event_priority(100)
    def _keep_output(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.reusing is not None:
            page.meta, self.reusing = self.reusing[1], None
        elif self.making is not None and self.outputs is not None:
            src_uri, key, _ = self.making
            self.outputs.keep(src_uri, KeptPage(key, output, self.made_entries))
        self.making, self.made_entries = None, None
        return output

    # Last, after every other plugin has written into the page.
    @event_priority(-100)
    def _collapse(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # A generated page's HTML is not read again once the page is made (its search
        # entries are made): MkDocs would keep it to the end of the build, 2.6 GB at 10,000
        # projects with the rest. Under `mkdocs serve` the next build may want it.
        if self.cache is None and page.file.src_uri in self._site().pages:
            page.content = None
        return collapse_whitespace(output)

    on_post_page = CombinedEvent(_keep_output, _collapse)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:  # fmt: skip
        if self.roadmap_dir is not None:
            server.watch(str(self.roadmap_dir))
        return server

    def _site(self) -> GeneratedSite:
        if self.site is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError("roadmap: the plugin was not configured")
        return self.site


class _StagedSite:
    """A build's site written in a new folder beside `site_dir`, put in its place when the
    build succeeds (`finish`), deleted when it fails (`abandon`). Strict mode's warnings are
    counted here, because MkDocs turns them into a failure only after the post-build event."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.site_dir = Path(config.site_dir)
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.folder = beside(self.site_dir, "new")
        self.folder.mkdir()
        config.site_dir = str(self.folder)
        self.warnings: CountHandler | None = None
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def finish(self) -> None:
        """The new site in place of the old one, unless strict mode is about to fail."""
        failing = self.warnings is not None and self.warnings.get_counts()
        self._restore()
        if failing:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            swap_in(self.folder, self.site_dir)

    def abandon(self) -> None:
        self._restore()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _restore(self) -> None:
        # `gh-deploy` publishes config.site_dir once the build is done.
        self.config.site_dir = str(self.site_dir)
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None


# Material ships the search of every language it knows (lunr's stemmers, a Japanese and a
# Thai word splitter) and the source maps of its scripts: 2 MB that no page of the site ever
# requests, copied into every build. Its search worker loads the stemming support, then each
# configured language (not English, which lunr has built in), and the multi-language glue for
# more than one; the word splitters only for Japanese, Hindi and Thai.
_LUNR = "assets/javascripts/lunr/"
_SPLITTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
_LUNR_BUILT_IN = "en"  # the one language lunr supports without a file of its own


def _unused_theme_files(files: Files, config: MkDocsConfig) -> list[File]:
    """Files of the theme that no page uses: source maps, and the search languages other
    than those Material's search plugin is configured with (when it is in use)."""
    theme_dirs = {Path(folder).resolve() for folder in config.theme.dirs}
    languages = _search_languages(config)
    needed: set[str] | None = None
    if languages is not None:
        needed = {f"{_LUNR}min/lunr.stemmer.support.min.js"}
        needed |= {f"{_LUNR}min/lunr.{lang}.min.js" for lang in languages if lang != _LUNR_BUILT_IN}
        needed |= {f"{_LUNR}{_SPLITTERS[lang]}" for lang in languages if lang in _SPLITTERS}
        if len(languages) > 1:
            needed.add(f"{_LUNR}min/lunr.multi.min.js")
    unused = []
    for file in files:
        if file.generated_by or Path(file.src_dir or "").resolve() not in theme_dirs:
            continue
        uri = file.src_uri
        if uri.endswith(".map") or (needed is not None and uri.startswith(_LUNR)
                                    and uri not in needed):  # fmt: skip
            unused.append(file)
    return unused


def _material_search(config: MkDocsConfig) -> Any:
    """Material's search plugin, or None when the site does not use it."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search"):
            return plugin
    return None


def _search_index(plugin: Any) -> Any:
    """The index Material's search fills, when it is in use and enabled."""
    if plugin is None or not getattr(plugin.config, "enabled", True):
        return None
    return getattr(plugin, "search_index", None)


def _search_languages(config: MkDocsConfig) -> list[str] | None:
    """The languages of Material's search plugin, or None when the site does not use it."""
    plugin = _material_search(config)
    if plugin is None:
        return None
    languages = getattr(plugin.config, "lang", None)
    return [str(lang) for lang in languages or []]


def _relative(path: Path, start: Path) -> str:
    try:
        return path.resolve().relative_to(start).as_posix()
    except ValueError:
        return path.as_posix()
