"""Render the Markdown of every generated page from the derived figures.

Templates (`templates/*.md.j2`) only lay out what they are given: figures come from
`generator.derive`, words from `generator.site.text`, charts from `generator.charts`.
Escaping rules, because roadmap text is data and never markup:

- Jinja autoescaping is on: every value lands HTML-escaped in the raw HTML blocks;
- plain text that lands in Markdown (headings, paragraphs) goes through the `md` filter,
  which also neutralises Markdown and attribute-list syntax;
- Markdown fields (descriptions) go through `markdown_text`, which keeps Markdown but
  not raw HTML;
- data is only ever a template *variable*: `{{ }}` written in a YAML file stays text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

import generator.charts as charts
from generator.derive import (
    AttentionItem,
    Figures,
    MilestoneFigure,
    Portfolio,
    ProjectFigures,
)
from generator.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_date_short,
    format_number,
    format_percent,
)
from generator.labels import HEALTH, MILESTONE_STATE, STATUS, words
from generator.model import Project, Roadmap
from generator.site import opendata, text, urls

TEMPLATES = Path(__file__).parent / "templates"
ATTENTION_ORDER = ("critical", "late_milestone", "schedule_slip", "budget_variance", "stale")
# Characters Python-Markdown (with the tables extension) treats as syntax when unescaped.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


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

    @property
    def roadmap(self) -> Roadmap:
        return self.figures.roadmap


# --- escaping ---------------------------------------------------------------------------------


def markdown_inline(value: object) -> Markup:
    """Plain text placed in Markdown: shown literally, whatever characters it holds."""
    return Markup(_MARKDOWN_SYNTAX.sub(r"\\\1", html.escape(str(value), quote=False)))


def markdown_text(value: str | None) -> Markup:
    """A Markdown field (a description): Markdown syntax kept, raw HTML shown as text."""
    if not value:
        return Markup("")
    return Markup(value.replace("&", "&amp;").replace("<", "&lt;"))


# --- the template environment -----------------------------------------------------------------


def _environment(context: PageContext) -> jinja2.Environment:
    language = context.language
    currency = context.roadmap.currency
    words_ = text.catalogue(language)
    not_given = words_["not_given"]

    def optional(function: Callable[..., str]) -> Callable[..., str]:
        def wrapped(value: Any, *args: Any) -> str:
            return not_given if value is None else function(value, language, *args)
        return wrapped

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
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
        "year_rows": lambda rows: [(str(year), None, totals) for year, totals in rows],
        "funder_rows": lambda rows: [(context.roadmap.funder_title(funder) or not_given, None,
                                      totals) for funder, totals in rows],
        "axis_rows": lambda rows: [(axis.title, urls.axis_page(axis.id), portfolio.budget)
                                   for axis, portfolio in rows],
        "indicators_of": lambda projects: [i for p in projects for i in p.indicators],
    })  # fmt: skip
    env.globals.update({
        "t": words_,
        "lang": language,
        "STATUS": words(STATUS, language),
        "HEALTH": words(HEALTH, language),
        "MILESTONE_STATE": words(MILESTONE_STATE, language),
        "STATUS_ICON": text.STATUS_ICON,
        "HEALTH_ICON": text.HEALTH_ICON,
        "MILESTONE_ICON": text.MILESTONE_ICON,
        "roadmap": context.roadmap,
        "figures": context.figures,
        "as_of": text.as_of(language, format_date(context.roadmap.as_of, language)),
        "progress_rule": lambda progress: text.progress_rule(progress, language),
        "attention_sentence": lambda item: text.attention_sentence(item, language),
        "render_chart": _render_chart,
    })  # fmt: skip
    return env


def _bar_width(percent: float) -> str:
    """The width of a progress bar, in % of its track (overshoot and regression are clamped)."""
    return format(min(max(percent, 0.0), 100.0), ".0f")


def _render_chart(chart: charts.Chart | None) -> Markup:
    """A chart's self-contained HTML block (already escaped by the chart module)."""
    return Markup(charts.render_chart(chart)) if chart is not None else Markup("")


class Renderer:
    """Renders each page template with links relative to the page being written."""

    def __init__(self, context: PageContext) -> None:
        self.context = context
        self.env = _environment(context)

    def render(self, template: str, src_uri: str, title: str, *, wide: bool = False,
               **values: Any) -> str:
        """The page's Markdown, with its title in front matter: MkDocs themes print
        `page.meta.title` as is in `<title>` and the header, so it is given HTML-escaped
        (JSON is also valid YAML, so any character is safe there). `wide` pages, made of
        wide tables, hide the table of contents to give the tables its room."""
        use_directory_urls = self.context.use_directory_urls

        def link(target: str) -> str:
            return urls.relative_url(src_uri, target, use_directory_urls)

        page = self.env.get_template(template).render(
            link=link,
            project_link=lambda project_id: link(urls.project_page(project_id)),
            axis_link=lambda axis_id: link(urls.axis_page(axis_id)),
            **values,
        )
        # Two blank lines in a row never mean anything in Markdown; keep the source tidy.
        page = re.sub(r"\n{3,}", "\n\n", page).strip()
        front_matter = "title: " + json.dumps(html.escape(title, quote=False), ensure_ascii=False)
        if wide:
            front_matter += "\nhide:\n  - toc"
        return f"---\n{front_matter}\n---\n\n{page}\n"


# --- what the pages show ----------------------------------------------------------------------


@dataclass(frozen=True)
class AttentionGroup:
    kind: str
    title: str
    items: tuple[AttentionItem, ...]


_ATTENTION_TITLES = {
    "fr": {"critical": "Météo critique", "late_milestone": "Jalons en retard",
           "schedule_slip": "Glissements de calendrier", "budget_variance": "Écarts budgétaires",
           "stale": "Météos à mettre à jour"},
    "en": {"critical": "Critical health", "late_milestone": "Late milestones",
           "schedule_slip": "Schedule slips", "budget_variance": "Budget variances",
           "stale": "Health ratings to update"},
}  # fmt: skip


def attention_groups(items: Iterable[AttentionItem], language: str) -> list[AttentionGroup]:
    """Attention items grouped by kind, most serious first."""
    titles = _ATTENTION_TITLES["en" if language == "en" else "fr"]
    items = tuple(items)
    groups = []
    for kind in ATTENTION_ORDER:
        selected = tuple(item for item in items if item.kind == kind)
        if selected:
            groups.append(AttentionGroup(kind, titles[kind], selected))
    return groups


def _sorted_milestones(milestones: Iterable[MilestoneFigure]) -> list[MilestoneFigure]:
    return sorted(milestones, key=lambda m: (m.expected, m.project.id, m.milestone.title))


def milestone_groups(figures: Figures) -> list[tuple[str, list[MilestoneFigure]]]:
    """Every milestone in one of four groups: late, due within 90 days, later, reached."""
    due_soon = set(map(id, figures.due_soon))
    late = [m for m in figures.overall.milestones if m.state == "late"]
    reached = [m for m in figures.overall.milestones if m.state == "reached"]
    later = [m for m in figures.overall.milestones
             if m.state not in ("late", "reached") and id(m) not in due_soon]  # fmt: skip
    return [
        ("late", _sorted_milestones(late)),
        ("due_soon", list(figures.due_soon)),
        ("later", _sorted_milestones(later)),
        ("reached", sorted(reached, key=lambda m: (m.expected, m.project.id), reverse=True)),
    ]


def dependencies(project: Project, roadmap: Roadmap) -> tuple[list[Project], list[Project]]:
    """The published projects this one depends on, and those that depend on it."""
    present = {p.id: p for p in roadmap.projects}
    depends_on = [present[i] for i in project.depends_on if i in present]
    needed_by = [p for p in roadmap.projects if project.id in p.depends_on]
    return depends_on, needed_by


def _edit_url(context: PageContext, project: Project) -> str | None:
    if not context.edit_url_base:
        return None
    return context.edit_url_base.rstrip("/") + "/" + project.source.replace("\\", "/")


# --- the pages --------------------------------------------------------------------------------


def render_pages(context: PageContext) -> dict[str, str]:
    """Every generated page, by its path in the docs folder, in a stable order."""
    figures, language, roadmap = context.figures, context.language, context.roadmap
    renderer = Renderer(context)
    words = text.catalogue(language)
    pages: dict[str, str] = {}

    pages[urls.HOME] = renderer.render(
        "home.md.j2", urls.HOME, roadmap.title,
        portfolio=figures.overall,
        headline=_headline(figures.overall, context),
        attention=attention_groups(figures.attention, language),
        due_soon=figures.due_soon,
        charts_=[charts.budget_by_axis(figures, language),
                 charts.portfolio_timeline(figures, language),
                 charts.health_by_axis(figures, language)],
    )  # fmt: skip
    for axis, axis_portfolio in figures.by_axis:
        src = urls.axis_page(axis.id)
        axis_projects = {p.project.id for p in axis_portfolio.projects}
        pages[src] = renderer.render(
            "axis.md.j2", src, axis.title,
            axis=axis,
            portfolio=axis_portfolio,
            headline=_headline(axis_portfolio, context),
            attention=attention_groups((a for a in figures.attention
                                        if a.project.id in axis_projects), language),
            charts_=[charts.axis_budget(axis_portfolio, roadmap, language),
                     charts.portfolio_timeline(figures, language,
                                               projects=axis_portfolio.projects)],
        )  # fmt: skip
    pages[urls.PROJECTS] = renderer.render(
        "projects.md.j2", urls.PROJECTS, words["all_projects"], wide=True, by_axis=figures.by_axis)
    for project_figures in figures.overall.projects:
        src = urls.project_page(project_figures.project.id)
        pages[src] = _project_page(renderer, context, project_figures, src)
    pages[urls.MILESTONES] = renderer.render(
        "milestones.md.j2", urls.MILESTONES, words["milestones"], wide=True,
        groups=milestone_groups(figures))  # fmt: skip
    pages[urls.BUDGET] = renderer.render(
        "budget.md.j2", urls.BUDGET, words["budget"], wide=True,
        portfolio=figures.overall,
        headline=_headline(figures.overall, context),
        envelope_sentence=text.envelope_sentence(roadmap.envelope, figures.overall.baseline_total,
                                                 language, roadmap.currency),
        charts_=[charts.budget_by_axis(figures, language),
                 charts.budget_by_funder(figures, language),
                 charts.budget_by_year(figures, language)],
    )  # fmt: skip
    pages[urls.INDICATORS] = renderer.render(
        "indicators.md.j2", urls.INDICATORS, words["indicators"], wide=True,
        by_axis=figures.by_axis)  # fmt: skip
    pages[urls.METHODOLOGY] = renderer.render(
        "methodology.md.j2", urls.METHODOLOGY, words["methodology"], portfolio=figures.overall,
        rules=text.rules(roadmap.thresholds, language))  # fmt: skip
    pages[urls.DATA] = renderer.render(
        "data.md.j2", urls.DATA, words["data"],
        files=opendata.data_files(figures, language),
        kinds=opendata.KIND_WORDS["en" if language == "en" else "fr"],
        data_dir=urls.DATA_DIR, json_name=opendata.JSON_NAME,
    )  # fmt: skip
    pages[urls.ACCESSIBILITY] = renderer.render(
        "accessibility.md.j2", urls.ACCESSIBILITY, words["accessibility"],
        site_name=context.site_name, site_url=context.site_url, contact=context.contact,
        contact_href=contact_href(context.contact))
    return pages


def _headline(portfolio: Portfolio, context: PageContext) -> str:
    totals = portfolio.budget
    return text.headline(totals.planned, totals.spent, totals.consumption_pct, context.language,
                         context.roadmap.currency)  # fmt: skip


def _project_page(renderer: Renderer, context: PageContext, p: ProjectFigures, src: str) -> str:
    roadmap, language = context.roadmap, context.language
    depends_on, needed_by = dependencies(p.project, roadmap)
    return renderer.render(
        "project.md.j2", src, p.project.title,
        p=p,
        project=p.project,
        axis=roadmap.axis(p.project.axis),
        updates=sorted(p.project.updates, key=lambda u: u.date, reverse=True),
        depends_on=depends_on,
        needed_by=needed_by,
        edit_url=_edit_url(context, p.project),
        milestones_chart=charts.project_milestones(p, roadmap, language),
        budget_chart=charts.project_budget(p, roadmap, language),
        indicator_charts=[charts.indicator_chart(i, roadmap, language) for i in p.indicators],
        health_stale_text=_health_stale(p, language),
    )  # fmt: skip


def _health_stale(p: ProjectFigures, language: str) -> str | None:
    if p.health != "stale" or p.project.health is None or p.health_age_days is None:
        return None
    return text.catalogue(language)["health_stale"].format(
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

