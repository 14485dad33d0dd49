"""Render the Markdown of every generated page from the derived figures.

Templates (`templates/*.md.j2`) only lay out what they are given: figures, and how they are
grouped, ordered and counted, come from `generator.figures`; words from the `site` catalogue,
through Jinja's i18n extension (`_("key")`, `_("key", name=value)`); sentences built from
figures from `generator.rendering.site.text`; charts from `generator.rendering.charts`.
Escaping rules, because roadmap text is data and never markup:

- Jinja autoescaping is on: every value lands HTML-escaped in the raw HTML blocks;
- plain text that lands in Markdown (headings, paragraphs) goes through the `md` filter,
  which also neutralises Markdown and attribute-list syntax;
- Markdown fields (descriptions) go through `markdown_text`, which renders Markdown to
  sanitised HTML (no raw HTML, no script, no dangerous link or attribute);
- data is only ever a template *variable*: `{{ }}` written in a YAML file stays text;
- a catalogue entry written in HTML (the accessibility statement) goes through `html_`, which
  escapes the values it is filled with.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import jinja2
import markdown as python_markdown
import nh3
from markupsafe import Markup, escape

import generator.rendering.charts as charts
from generator.figures.derive import Figures, Portfolio, ProjectFigures
from generator.figures.listing import project_listing
from generator.i18n import Words
from generator.model import Project, Roadmap, RoadmapFile
from generator.rendering.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_date_short,
    format_number,
    format_percent,
)
from generator.rendering.labels import (
    HEALTH_VALUES,
    MILESTONE_STATES,
    STATUSES,
    health_words,
    milestone_state_words,
    status_words,
)
from generator.rendering.site import cells, glossary, opendata, text, urls

TEMPLATES = Path(__file__).parent / "templates"
# Characters Python-Markdown (with the tables extension) treats as syntax when unescaped.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# Called after each page is rendered with (pages done, pages in all): a progress display.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PageContext:
    """What every page needs besides its own figures."""

    figures: Figures
    language: str
    edition: str
    edit_url_base: str | None
    use_directory_urls: bool
    site_name: str
    site_url: str | None
    contact: str | None
    # Each project's history section (`generator.rendering.site.history`), by project id.
    project_history: Mapping[str, Any] = field(default_factory=dict)

    @property
    def roadmap(self) -> Roadmap:
        return self.figures.roadmap


# --- escaping ---------------------------------------------------------------------------------


def markdown_inline(value: object) -> Markup:
    """Plain text placed in Markdown: shown literally, whatever characters it holds. Its line
    breaks are folded into spaces: in a heading, a line break would end it, and a blank line
    then an indent would start a paragraph or a code block made of the text."""
    text = _LINE_BREAKS.sub(" ", str(value))
    return Markup(_MARKDOWN_SYNTAX.sub(r"\\\1", html.escape(text, quote=False)))


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\f\v\u2028\u2029\x85]+[ \t]*")


# What a rendered description may hold: text formatting, lists, quotes, tables and links to
# http, https and mailto addresses. No image (it would be a request to another site), and no
# attribute but a link's address and title and a table cell's alignment.
_USER_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_USER_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}}
_USER_URL_SCHEMES = {"http", "https", "mailto"}


@functools.cache
def _user_markdown() -> python_markdown.Markdown:
    """The renderer of descriptions, made once and reset after each one: making it costs
    more than converting a description (1.5 ms, a second and a half at 1,000 projects)."""
    renderer = python_markdown.Markdown(extensions=["tables"], output_format="html")
    renderer.preprocessors.deregister("html_block")  # raw HTML stays text, escaped
    renderer.inlinePatterns.deregister("html")
    return renderer


def markdown_text(value: str | None) -> Markup:
    """A Markdown field (a description), rendered here rather than by MkDocs: Markdown syntax
    kept, raw HTML shown as text, and the HTML sanitised (nh3) so that no link, attribute or
    element written in the roadmap can run a script or load anything (`[x](javascript:…)`,
    `{: onclick=… }` attribute lists and `![](…)` images are all dropped)."""
    if not value:
        return Markup("")
    renderer = _user_markdown()
    try:
        converted = renderer.convert(value)
    finally:
        renderer.reset()
    clean = nh3.clean(
        converted,
        tags=_USER_TAGS,
        attributes=_USER_ATTRIBUTES,
        url_schemes=_USER_URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer nofollow",
    )
    # A raw HTML block in the page: MkDocs passes it through without reading it as Markdown.
    return Markup(f'<div class="rm-markdown">\n{clean}\n</div>')


# --- the template environment -----------------------------------------------------------------


def _environment(context: PageContext, *, site_wide: bool = True) -> jinja2.Environment:
    """The template environment. Without `site_wide`, templates cannot read the whole roadmap
    or its figures (`roadmap`, `figures`): project pages are cached by the few roadmap-wide
    inputs they use (see `_project_page_key`), and a template that reached for more would
    fail loudly here instead of showing stale content."""
    language = context.language
    currency = context.roadmap.currency
    paths = urls.site_paths(language)
    words = text.site_words(language)
    not_given = words("not_given")

    def optional(function: Callable[..., str]) -> Callable[..., str]:
        def wrapped(value: Any, *args: Any) -> str:
            return not_given if value is None else function(value, language, *args)
        return wrapped

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        # Templates are part of the package: no need to look at their files on every page.
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update({
        "md": markdown_inline,
        "markdown": markdown_text,
        "amount": optional(lambda v, lang: format_amount(v, lang, currency)),
        "amount_short": optional(lambda v, lang: format_amount_short(v, lang, currency)),
        "pct": optional(format_percent),
        "date": optional(format_date),
        "date_short": optional(format_date_short),
        "number": optional(format_number),
        "days": lambda v: text.days_text(v, language),
        "slip": lambda v: text.slip_sentence(v, language),
        "signed_pct": lambda v: text.signed_percent(v, language),
        "measure": lambda v, unit: text.measure(v, unit, language),
        "bar_width": _bar_width,
        "sort_number": _sort_number,
        "year_rows": lambda rows: [(str(year), None, totals) for year, totals in rows],
        "funder_rows": lambda rows: [(context.roadmap.funder_title(funder) or not_given, None,
                                      totals) for funder, totals in rows],
        "axis_rows": lambda rows: [(axis.title, paths.axis_page(axis.id), portfolio.budget)
                                   for axis, portfolio in rows],
    })  # fmt: skip
    gettext = _gettext(words)
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext=gettext,
        ngettext=lambda key, _plural, count, **params: words.plural(key, count, **params),
        newstyle=False,  # the catalogue fills `{placeholders}` itself
    )
    env.globals.update({
        # `_` is the extension's alias of `gettext`, which looks `gettext` up by name on every
        # call: bound directly, a page's thousands of table cells call it in one step.
        "_": gettext,
        "html_": lambda key, **params: _html(words, key, params),
        "STATUS": status_words(language),
        "HEALTH": health_words(language),
        "MILESTONE_STATE": milestone_state_words(language),
        "as_of": text.as_of(language, format_date(context.roadmap.as_of, language)),
        "progress_rule": lambda progress: text.progress_rule(progress, language),
        "attention_sentence": lambda item: text.attention_sentence(
            item, language, context.roadmap.as_of, currency),
        "missing_note": lambda missing: text.missing_note(missing, language),
        "chart_table": lambda chart: Markup(charts.render_table(chart)),
    })  # fmt: skip
    if site_wide:
        env.globals.update({"roadmap": context.roadmap, "figures": context.figures})
    # Badges and progress bars are drawn by macros, rendered here once for each state (and
    # each percentage) rather than at every table row: a Jinja macro call costs more than
    # the row around it, and a large roadmap has tens of thousands of them.
    macros: Any = env.get_template("_macros.j2").module  # its attributes are the macros
    env.globals.update({
        "STATUS_BADGE": {s: macros.status_badge(s) for s in STATUSES},
        "HEALTH_BADGE": {s: macros.health_badge(s) for s in HEALTH_VALUES},
        "MILESTONE_BADGE": {s: macros.milestone_badge(s) for s in MILESTONE_STATES},
        "progress_bar": _remembered_macro(macros.progress),
    })  # fmt: skip
    return env


def _gettext(words: Words) -> Callable[..., str]:
    """`_("key", **params)` in templates: the word, its placeholders filled. Words asked for
    without values are kept: a large roadmap's tables ask for the same few tens of thousands
    of times."""
    plain: dict[str, str] = {}

    def gettext(key: str, **params: Any) -> str:
        if params:
            return words(key, **params)
        if key not in plain:
            plain[key] = words(key)
        return plain[key]

    return gettext


def _html(words: Words, key: str, params: dict[str, Any]) -> Markup:
    """A catalogue entry written in HTML, filled with escaped values (a value already marked
    safe, such as a link the template made, is kept as it is)."""
    return Markup(words(key, **{name: escape(value) for name, value in params.items()}))


def _remembered_macro(macro: Callable[[float | None], Markup]) -> Callable[[float | None], Markup]:
    """A one-argument macro whose output is kept by argument (its exact text: 0.0 and -0.0,
    both possible percentages, are written differently)."""
    results: dict[str, Markup] = {}

    def remembered(value: float | None) -> Markup:
        key = repr(value)
        if key not in results:
            results[key] = macro(value)
        return results[key]

    return remembered


def _sort_number(value: float | None, missing: float = 0) -> str:
    """A number as a table sorts on it (`data-rm-sort`): to the hundredth, with no `.0`; a
    missing value sorts as `missing` (below every real one)."""
    rounded = round(float(missing if value is None else value), 2)
    return str(int(rounded)) if rounded.is_integer() else repr(rounded)


def _bar_width(percent: float) -> str:
    """The width of a progress bar, in % of its track (overshoot and regression are clamped)."""
    return format(min(max(percent, 0.0), 100.0), ".0f")


@dataclass(frozen=True)
class RenderedPage:
    """A page's Markdown and, when it has charts, the JSON file of their figures."""

    markdown: str
    chart_data: bytes | None = None


def chart_data_file(figures: Mapping[str, charts.Figure], language: str) -> bytes:
    """The figures of one page's charts, by key, as one JSON file (compact, sorted,
    deterministic; see `charts.chart_data`), fetched by charts.js when the page's first chart
    nears the viewport; their shared plotly template is published once for the site."""
    return charts.chart_data(figures, charts.chart_template(language))


class Renderer:
    """Renders each page template with links relative to the page being written."""

    def __init__(self, context: PageContext) -> None:
        self.context = context
        self.env = _environment(context)
        self.project_env = _environment(context, site_wide=False)

    def render(self, template: str, src_uri: str, title: str, *, wide: bool = False,
               **values: Any) -> str:
        """`render_page` for pages that keep no chart data file of their own (tests)."""
        return self.render_page(template, src_uri, title, wide=wide, **values).markdown

    def render_page(self, template: str, src_uri: str, title: str, *, wide: bool = False,
                    project_scope: bool = False, **values: Any) -> RenderedPage:
        """The page's Markdown, with its title in front matter: MkDocs themes print
        `page.meta.title` as is in `<title>` and the header, so it is given HTML-escaped
        (JSON is also valid YAML, so any character is safe there). `wide` pages, made of
        wide tables, hide the table of contents to give the tables its room.

        The figures of the page's charts go to a JSON file beside the page rather than into
        it: a project page stays light (its figures weigh as much as its text), search does
        not index them, and a reader who never scrolls to a chart never downloads them."""
        use_directory_urls = self.context.use_directory_urls
        data_src = urls.chart_data_file(src_uri)
        figures: dict[str, charts.Figure] = {}

        def link(target: str) -> str:
            return urls.relative_url(src_uri, target, use_directory_urls)

        paths = urls.site_paths(self.context.language)

        def render_chart(chart: charts.Chart | None, data_table: Markup | None = None,
                         searchable: bool = True) -> Markup:  # fmt: skip
            if chart is None:
                return Markup("")
            # A figure's key in the page's data file is its rank: short, and unique.
            key = str(len(figures))
            figures[key] = chart.figure
            # Already escaped by the chart module (and the table by autoescaping).
            return Markup(charts.render_chart(
                chart, figure_url=f"{link(data_src)}#{key}",
                data_table=None if data_table is None else str(data_table).strip(),
                searchable=searchable))  # fmt: skip

        env = self.project_env if project_scope else self.env
        # Each page links a term of the glossary the first time it uses it: a linker per page.
        term = glossary.term_linker(text.site_words(self.context.language), link,
                                    paths.glossary)  # fmt: skip
        page = env.get_template(template).render(
            link=link,
            term=term,
            glossary_link=link(paths.glossary),
            project_link=lambda project_id: link(paths.project_page(project_id)),
            axis_link=lambda axis_id: link(paths.axis_page(axis_id)),
            render_chart=render_chart,
            **values,
        )
        # Each cell names its column, for the card layout of narrow screens (cells.py).
        page = cells.label_cells(page)
        # Two blank lines in a row never mean anything in Markdown; keep the source tidy.
        page = re.sub(r"\n{3,}", "\n\n", page).strip()
        front_matter = "title: " + json.dumps(html.escape(title, quote=False), ensure_ascii=False)
        if wide:
            front_matter += "\nhide:\n  - toc"
        data = chart_data_file(figures, self.context.language) if figures else None
        return RenderedPage(f"---\n{front_matter}\n---\n\n{page}\n", data)


# --- what the pages show ----------------------------------------------------------------------


def _edit_url(context: PageContext, project: Project) -> str | None:
    if not context.edit_url_base:
        return None
    return context.edit_url_base.rstrip("/") + "/" + project.source.replace("\\", "/")


# --- the pages --------------------------------------------------------------------------------


@dataclass
class RenderedPages:
    """Every generated page's Markdown by its docs path, and the chart data files beside
    them (docs path -> JSON)."""

    pages: dict[str, str] = field(default_factory=dict)
    chart_data: dict[str, bytes] = field(default_factory=dict)

    def add(self, src_uri: str, page: RenderedPage) -> None:
        self.pages[src_uri] = page.markdown
        if page.chart_data is not None:
            self.chart_data[urls.chart_data_file(src_uri)] = page.chart_data


class PageCache:
    """Project pages rendered by the last build, by everything such a page depends on
    (`_project_page_key`): `mkdocs serve` builds the whole site again after each save, and
    only the pages whose inputs changed are rendered again. Each build keeps only the pages
    it used, so the cache never outgrows one site. The templates are not in the key: they
    are package files, which `mkdocs serve` neither watches nor reloads."""

    def __init__(self) -> None:
        self.pages: dict[Hashable, RenderedPage] = {}
        self.rendered = 0  # project pages rendered (not taken from the cache) by the last build


def _roadmap_settings(roadmap: Roadmap) -> tuple[object, ...]:
    """Everything roadmap.yaml says (axes, funders, thresholds, dates, currency…): a change
    there renders every project page again."""
    return tuple(getattr(roadmap, name) for name in RoadmapFile.model_fields)


def _project_page_key(context: PageContext, settings: tuple[object, ...], p: ProjectFigures,
                      depends_on: Sequence[Project], needed_by: Sequence[Project]
                      ) -> Hashable:  # fmt: skip
    """What a project page is made of. The project itself is compared by value (models are
    frozen, so hashable); its figures follow from it and the roadmap's settings; the pages
    it links to are named by their ids and titles; and the site's options shape the links."""
    return (
        p.project,
        settings,
        tuple((d.id, d.title) for d in depends_on),
        tuple((d.id, d.title) for d in needed_by),
        context.language,
        context.edition,
        context.edit_url_base,
        context.use_directory_urls,
        context.project_history.get(p.project.id),
    )


@dataclass
class _ProjectPage:
    """A project page to add: what it is made of, and its page once rendered (or cached)."""

    src: str
    key: Hashable
    figures: ProjectFigures
    depends_on: Sequence[Project]
    needed_by: Sequence[Project]
    rendered: RenderedPage | None


_T = TypeVar("_T")


class Offload(Protocol):
    """Starts a task somewhere else (another process) and gives back a function that waits
    for its result; the task's result must be the same as if it ran here."""

    def __call__(self, task: Callable[[], _T], /) -> Callable[[], _T]: ...


# Below this many project pages to render, rendering them elsewhere costs more than it saves.
MIN_OFFLOADED_PAGES = 200


def render_pages(context: PageContext, progress: Progress | None = None,
                 cache: PageCache | None = None,
                 offload: Offload | None = None) -> RenderedPages:  # fmt: skip
    """Every generated page, by its path in the docs folder, in a stable order.

    `progress`, when given, is called after each page with the pages done and the total;
    with a `cache`, project pages whose inputs did not change since the last call are not
    rendered again. With `offload`, part of the project pages is rendered by it (in another
    process) while this one renders the rest: the same pages, in the same order."""
    figures, language, roadmap = context.figures, context.language, context.roadmap
    paths = urls.site_paths(language)
    renderer = Renderer(context)
    words = text.site_words(language)
    groups = figures.groups
    rendered = RenderedPages()
    pages_besides = 10 + (roadmap.legal_notice is None)  # home, overviews, listings, notices
    total = len(figures.overall.projects) + len(figures.by_axis) + pages_besides

    def add(src_uri: str, page: RenderedPage) -> None:
        rendered.add(src_uri, page)
        if progress is not None:
            progress(len(rendered.pages), total)

    # Beyond a few dozen projects the home page's timeline shows the axes, not every project
    # (a bar per project would make it thousands of pixels tall); axis pages keep theirs.
    timeline = charts.portfolio_timeline(figures, language,
                                         max_projects=charts.TIMELINE_MAX_PROJECTS)  # fmt: skip
    # The project pages to render (those the cache does not hold), known before any page is
    # rendered: with `offload`, part of them is rendered elsewhere while this process renders
    # the others and the rest of the site.
    settings = _roadmap_settings(roadmap)
    previous = cache.pages if cache is not None else {}
    project_pages: list[_ProjectPage] = []
    for project_figures in figures.overall.projects:
        links = groups.dependencies_of(project_figures.project.id)
        key = _project_page_key(context, settings, project_figures, links.depends_on,
                                links.needed_by)  # fmt: skip
        project_pages.append(_ProjectPage(
            paths.project_page(project_figures.project.id), key, project_figures,
            links.depends_on, links.needed_by, previous.get(key)))  # fmt: skip
    missing = [page for page in project_pages if page.rendered is None]

    def render_projects(pages: Sequence[_ProjectPage]) -> list[RenderedPage]:
        return [_project_page(renderer, context, page.figures, page.src, page.depends_on,
                              page.needed_by) for page in pages]  # fmt: skip

    elsewhere: Callable[[], list[RenderedPage]] | None = None
    if offload is not None and len(missing) >= MIN_OFFLOADED_PAGES:
        # This process also renders the other pages: it keeps a little more than half.
        share = len(missing) * 9 // 20
        offloaded, missing = missing[:share], missing[share:]
        elsewhere = offload(functools.partial(render_projects, offloaded))
    else:
        offloaded = []
    add(urls.HOME, renderer.render_page(
        "home.md.j2", urls.HOME, roadmap.title,
        portfolio=figures.overall,
        headline=_headline(figures.overall, context),
        verdict=text.verdict_sentences(figures.verdict, roadmap.as_of, language,
                                       roadmap.currency),
        # The home page is read first, on phones too: it shows the most serious items of each
        # kind, and the axis pages give them all.
        attention=groups.home_attention,
        charts_=[charts.budget_by_axis(figures, language),
                 timeline,
                 charts.health_by_axis(figures, language)],
        timeline_by_axis=timeline.id == charts.TIMELINE_BY_AXIS_ID,
    ))  # fmt: skip
    add(paths.axes, renderer.render_page(
        "axes.md.j2", paths.axes, words("axes"),
        axes=[(axis, _headline(axis_portfolio, context))
              for axis, axis_portfolio in figures.by_axis]))  # fmt: skip
    for axis, axis_portfolio in figures.by_axis:
        src = paths.axis_page(axis.id)
        add(src, renderer.render_page(
            "axis.md.j2", src, axis.title,
            axis=axis,
            portfolio=axis_portfolio,
            headline=_headline(axis_portfolio, context),
            attention=groups.axis(axis.id).attention,
            charts_=[charts.axis_budget(axis_portfolio, roadmap, language),
                     charts.portfolio_timeline(figures, language,
                                               projects=axis_portfolio.projects)],
        ))  # fmt: skip
    add(paths.projects, renderer.render_page(
        "projects.md.j2", paths.projects, words("all_projects"), wide=True,
        listing=project_listing(figures)))  # fmt: skip
    for page, made in zip(missing, render_projects(missing), strict=True):
        page.rendered = made
    if elsewhere is not None:
        for page, made in zip(offloaded, elsewhere(), strict=True):
            page.rendered = made
    used: dict[Hashable, RenderedPage] = {}
    for page in project_pages:
        assert page.rendered is not None  # every missing page was rendered just above
        used[page.key] = page.rendered
        add(page.src, page.rendered)
    if cache is not None:
        cache.pages, cache.rendered = used, len(missing) + len(offloaded)
    add(paths.milestones, renderer.render_page(
        "milestones.md.j2", paths.milestones, words("milestones"), wide=True,
        groups=groups.milestones))  # fmt: skip
    add(paths.budget, renderer.render_page(
        "budget.md.j2", paths.budget, words("budget"), wide=True,
        portfolio=figures.overall,
        headline=_headline(figures.overall, context),
        envelope_sentence=text.envelope_sentence(roadmap.envelope, figures.overall.baseline_total,
                                                 groups.envelope_exceeded, language,
                                                 roadmap.currency),
        charts_=[charts.budget_by_axis(figures, language),
                 charts.budget_by_funder(figures, language),
                 charts.budget_by_year(figures, language)],
    ))  # fmt: skip
    add(paths.indicators, renderer.render_page(
        "indicators.md.j2", paths.indicators, words("indicators"), wide=True,
        by_axis=figures.by_axis))  # fmt: skip
    add(paths.methodology, renderer.render_page(
        "methodology.md.j2", paths.methodology, words("methodology"), portfolio=figures.overall,
        rules=glossary.rules_with_terms(text.rules(roadmap.thresholds, language))))  # fmt: skip
    add(paths.glossary, renderer.render_page(
        "glossary.md.j2", paths.glossary, words("glossary"),
        entries=glossary.entries(language), methodology_page=paths.methodology))  # fmt: skip
    add(paths.data, renderer.render_page(
        "data.md.j2", paths.data, words("data"), data=opendata.data_page(figures, language)))
    add(paths.accessibility, renderer.render_page(
        "accessibility.md.j2", paths.accessibility, words("accessibility"),
        site_name=context.site_name, site_url=context.site_url, contact=context.contact,
        contact_href=contact_href(context.contact)))  # fmt: skip
    if roadmap.legal_notice is None:  # else the footer links to the organisation's own
        add(paths.legal_notice, renderer.render_page(
            "legal.md.j2", paths.legal_notice, words("legal_notice"), contact=context.contact,
            contact_href=contact_href(context.contact), accessibility_page=paths.accessibility,
            licence=opendata.licence(roadmap, language)))  # fmt: skip
    return rendered


def _headline(portfolio: Portfolio, context: PageContext) -> str:
    totals = portfolio.budget
    return text.headline(totals.planned, totals.spent, totals.consumption_pct, context.language,
                         context.roadmap.currency)  # fmt: skip


def _project_page(renderer: Renderer, context: PageContext, p: ProjectFigures, src: str,
                  depends_on: Sequence[Project], needed_by: Sequence[Project]
                  ) -> RenderedPage:  # fmt: skip
    roadmap, language = context.roadmap, context.language
    chart_figures = context.figures.charts.projects[p.project.id]
    return renderer.render_page(
        "project.md.j2", src, p.project.title,
        project_scope=True,
        p=p,
        project=p.project,
        axis=roadmap.axis(p.project.axis),
        updates=context.figures.groups.updates[p.project.id],
        depends_on=depends_on,
        needed_by=needed_by,
        edit_url=_edit_url(context, p.project),
        milestones_chart=charts.project_milestones(p, roadmap, language, chart_figures),
        budget_chart=charts.project_budget(p, roadmap, language, chart_figures),
        indicator_charts=[charts.indicator_chart(i, roadmap, language) for i in p.indicators],
        health_stale_text=_health_stale(p, language),
        history=context.project_history.get(p.project.id),
    )  # fmt: skip


def _health_stale(p: ProjectFigures, language: str) -> str | None:
    if p.health != "stale" or p.project.health is None or p.health_age_days is None:
        return None
    return text.site_words(language)(
        "health_stale",
        date=format_date(p.project.health.date, language),
        days=format_number(p.health_age_days, language))  # fmt: skip


def contact_href(contact: str | None) -> str | None:
    """A link for the accessibility contact: an e-mail address or an http(s) address."""
    if not contact:
        return None
    if contact.startswith(("http://", "https://", "mailto:")):
        return contact
    return f"mailto:{contact}" if "@" in contact else None


def escape_text(value: str) -> str:
    """HTML-escape a plain text (for places outside templates: nav titles, banners)."""
    return str(escape(value))
