"""What the council-session report says, section by section, as already-written text.

`report_view` turns the derived figures of one situation into a `ReportView`: every number,
date and sentence formatted in the roadmap's language, every chart drawn as SVG, so that the
template only lays them out. The words are the `council` catalogue's; the sentences the site
also shows (slips, progress rules, attention items, the methodology's rules) are the site's
own, so the report and the site never disagree.

Nothing is computed here: figures, groupings and orderings come from `generator.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.figures.derive import HEALTH_STATES, Figures, Portfolio, ProjectFigures
from generator.figures.groups import AttentionGroup, PortfolioCounts, attention_groups
from generator.figures.history import ChangeSpan
from generator.i18n import Words, words
from generator.model import Axis
from generator.rendering.charts import budget_by_axis
from generator.rendering.charts.budget import budget_cells, budget_headers, budget_sentence
from generator.rendering.charts.chart import Table
from generator.rendering.council import svg
from generator.rendering.formatting import (
    format_amount,
    format_date,
    format_date_short,
    format_number,
    format_percent,
)
from generator.rendering.labels import health_words, milestone_state_words, status_words
from generator.rendering.site import text as site_text
from generator.rendering.site.history import change_sections, span_summary

DOMAIN = "council"


def council_words(language: str) -> Words:
    """The report's own words in `language`."""
    return words(language, DOMAIN)


# --- what the reader asked for ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportOptions:
    """Which report to write.

    `session` is the session's title shown on the cover ("Conseil départemental du 30 juin
    2020"), none for a report of the situation alone. `axis` restricts the report to one
    axis (a per-axis report); `summary_only` leaves the project pages out (both are for large
    roadmaps, whose full report runs to thousands of pages). `edition` is the edition the
    figures were derived for ("public" leaves internal projects out, as the site does)."""

    session: str | None = None
    axis: str | None = None
    summary_only: bool = False
    edition: str = "public"


# --- the view -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartView:
    """A chart as the report prints it: caption, takeaway, the SVG and its data table."""

    id: str
    caption: str
    takeaway: str
    svg: Markup
    table: Table


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class AttentionLine:
    project_id: str
    project: str
    sentence: str
    explanation: str
    explained: bool


@dataclass(frozen=True)
class AttentionSection:
    heading: str
    lines: tuple[AttentionLine, ...]


@dataclass(frozen=True)
class ProjectRow:
    id: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class AxisView:
    id: str
    title: str
    counts: str
    facts: tuple[Fact, ...]
    charts: tuple[ChartView, ...]
    project_headers: tuple[str, ...]
    projects: tuple[ProjectRow, ...]


@dataclass(frozen=True)
class ProjectView:
    id: str
    title: str
    axis: str
    summary: str
    facts: tuple[Fact, ...]
    budget: Table | None
    milestones: Table | None
    indicators: Table | None
    updates: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TocEntry:
    target: str
    text: str
    level: int


@dataclass(frozen=True)
class ChangesView:
    """What changed since the previous session: one summary sentence, then the changes by
    kind (projects, health, milestones, money, rebaselines, news), each a sentence."""

    summary: str
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()


def changes_view(span: ChangeSpan | None, language: str, currency: str) -> ChangesView:
    """The changes of `span`, in the words of the site's "what's new" pages (the same engine:
    `generator.figures.changes.compare`). None or a span from nothing: the first situation,
    with nothing before it to compare with."""
    if span is None:
        return ChangesView(council_words(language)("changes_first"))
    if span.before is None:
        return ChangesView(span_summary(span, language))
    current_ids = {p.id for p in span.after.roadmap.projects}
    sections = change_sections(span, language, currency, current_ids)
    return ChangesView(span_summary(span, language),
                       tuple((s.heading, tuple(item.text for item in s.items))
                             for s in sections))  # fmt: skip


@dataclass(frozen=True)
class ReportView:
    """Everything the report prints, written in its language."""

    language: str
    document_title: str
    organisation: str
    roadmap_title: str
    kind: str  # "Rapport de séance", or the per-axis / summary variant's name
    session: str | None
    situation: str  # "Situation au 30 juin 2020"
    as_of_iso: str
    edition_note: str | None
    scope: str | None  # the axis of a per-axis report
    running_header: str
    page_of: str  # "page {page} sur {pages}", placeholders kept for the page counters
    toc: tuple[TocEntry, ...]
    verdicts: tuple[str, ...]
    key_figures: tuple[Fact, ...]
    changes: ChangesView | None
    attention: tuple[AttentionSection, ...]
    overview: ChartView | None
    axes: tuple[AxisView, ...]
    projects: tuple[ProjectView, ...]
    method: tuple[tuple[str, str], ...]
    glossary: tuple[tuple[str, str], ...]
    licence: str
    colophon: str
    summary_only: bool = False


# --- pieces -------------------------------------------------------------------------------------


def _not_given(language: str) -> str:
    return council_words(language)("not_given")


def _date(value: object, language: str) -> str:
    import datetime as dt

    return format_date(value, language) if isinstance(value, dt.date) else _not_given(language)


def _amount(value: float | None, figures: Figures) -> str:
    language = figures.roadmap.language
    if value is None:
        return _not_given(language)
    return format_amount(value, language, figures.roadmap.currency)


def _counts_by(pairs: Sequence[tuple[str, int]], names: dict[str, str], language: str) -> str:
    """`En cours : 3 ; Prévu : 1` — the states that have projects, in the figures' order."""
    w = council_words(language)
    parts = [w("count_pair", name=names[key], count=format_number(count, language))
             for key, count in pairs if count]  # fmt: skip
    return w("list_separator").join(parts) if parts else format_number(0, language)


def _budget_chart(chart_id: str, caption: str, label: str, portfolio: Portfolio,
                  figures: Figures) -> ChartView:  # fmt: skip
    """One group of planned, committed and spent bars, and its one-row table."""
    language, currency = figures.roadmap.language, figures.roadmap.currency
    w = council_words(language)
    measures = budget_headers("", language)[1:4]
    totals = portfolio.budget
    takeaway = budget_sentence(totals, language, currency)
    row = svg.Row(
        label,
        (totals.planned, totals.committed, totals.spent),
        tuple(format_amount(v, language, currency)
              for v in (totals.planned, totals.committed, totals.spent)),
    )
    table = Table(
        caption=w("table_of", caption=caption),
        headers=budget_headers(w("scope"), language),
        rows=((label, *budget_cells(totals, language, currency)),),
        numeric=(False, True, True, True, True),
    )
    drawing = svg.bar_chart(chart_id, f"{caption}. {takeaway}", svg.budget_series(measures), [row])
    return ChartView(chart_id, caption, takeaway, drawing, table)


def _health_chart(chart_id: str, label: str, portfolio: Portfolio, counts: PortfolioCounts,
                  language: str) -> ChartView:  # fmt: skip
    """The projects in each health state, stale and missing ratings included."""
    w = council_words(language)
    names = health_words(language)
    by_health = dict(portfolio.by_health)
    caption = w("chart.health", scope=label)
    takeaway = w.plural(
        "chart.health_takeaway",
        counts.projects,
        count=format_number(counts.projects, language),
        critical=format_number(by_health["critical"], language),
        watch=format_number(by_health["watch"], language),
        stale=format_number(by_health["stale"], language),
        unknown=format_number(by_health["unknown"], language),
    )
    bars = [(svg.health_series(state, names[state]), float(by_health[state]),
             format_number(by_health[state], language)) for state in HEALTH_STATES]  # fmt: skip
    table = Table(
        caption=w("table_of", caption=caption),
        headers=(w("health"), w("projects")),
        rows=tuple((names[s], format_number(by_health[s], language)) for s in HEALTH_STATES),
        numeric=(False, True),
        totals=(w("total"), format_number(counts.projects, language)),
    )
    return ChartView(chart_id, caption, takeaway,
                     svg.count_chart(chart_id, f"{caption}. {takeaway}", bars), table)  # fmt: skip


def _overview_chart(figures: Figures) -> ChartView:
    """Planned, committed and spent by axis: the site's chart, drawn for print."""
    language, currency = figures.roadmap.language, figures.roadmap.currency
    chart = budget_by_axis(figures, language)
    measures = budget_headers("", language)[1:4]
    rows = [
        svg.Row(
            axis.title,
            (p.budget.planned, p.budget.committed, p.budget.spent),
            tuple(format_amount(v, language, currency)
                  for v in (p.budget.planned, p.budget.committed, p.budget.spent)),
        )
        for axis, p in figures.by_axis
    ]  # fmt: skip
    drawing = svg.bar_chart("overview-budget", f"{chart.caption}. {chart.takeaway}",
                            svg.budget_series(measures), rows)  # fmt: skip
    return ChartView("overview-budget", chart.caption, chart.takeaway, drawing, chart.table)


def _key_figures(figures: Figures, portfolio: Portfolio, counts: PortfolioCounts,
                 whole: bool) -> tuple[Fact, ...]:  # fmt: skip
    """The summary's table: money, projects by status and health, progress, milestones. The
    envelope and the milestones due soon are the whole roadmap's, left out of an axis's."""
    language = figures.roadmap.language
    w = council_words(language)
    totals = portfolio.budget
    facts = []
    if whole:
        facts.append(Fact(w("envelope"), _amount(figures.roadmap.envelope, figures),
                          site_text.envelope_sentence(
                              figures.roadmap.envelope, portfolio.baseline_total,
                              figures.groups.envelope_exceeded, language,
                              figures.roadmap.currency)))  # fmt: skip
    facts += [
        Fact(w("approved"), _amount(portfolio.approved_total, figures)),
        Fact(w("planned"), _amount(totals.planned, figures)),
        Fact(w("committed"), _amount(totals.committed, figures)),
        Fact(w("spent"), _amount(totals.spent, figures)),
        Fact(w("consumption"), format_percent(totals.consumption_pct, language)
             if totals.consumption_pct is not None else _not_given(language)),
        Fact(w("projects"), format_number(counts.projects, language),
             _counts_by(portfolio.by_status, status_words(language), language)),
        Fact(w("health"), _counts_by(portfolio.by_health, health_words(language), language)),
        Fact(w("average_progress"),
             format_percent(portfolio.average_progress, language)
             if portfolio.average_progress is not None else _not_given(language),
             w("average_progress_note",
               included=format_number(counts.progress_included, language),
               excluded=format_number(counts.progress_excluded, language))),
        Fact(w("milestones_reached"), format_number(counts.milestones_reached, language)),
        Fact(w("milestones_late"), format_number(counts.milestones_late, language)),
    ]  # fmt: skip
    if whole:
        facts.append(Fact(w("milestones_due_soon"),
                          format_number(figures.groups.due_soon_count, language)))  # fmt: skip
    return tuple(facts)


# --- attention ----------------------------------------------------------------------------------


def _attention(groups: Sequence[AttentionGroup], language: str) -> tuple[AttentionSection, ...]:
    """Every attention item, by kind, with the explanation its lead gave (or that none was)."""
    w = council_words(language)
    return tuple(
        AttentionSection(
            w.plural(f"attention.{group.kind}", group.total,
                     count=format_number(group.total, language)),
            tuple(
                AttentionLine(
                    item.project.id,
                    item.project.title,
                    site_text.attention_sentence(item, language),
                    item.explanation or w("no_explanation"),
                    item.explanation is not None,
                )
                for item in group.items
            ),
        )
        for group in groups
    )  # fmt: skip


# --- axes ---------------------------------------------------------------------------------------


def _axis_view(axis: Axis, portfolio: Portfolio, figures: Figures) -> AxisView:
    language = figures.roadmap.language
    w = council_words(language)
    counts = figures.groups.axis(axis.id).counts
    statuses, healths = status_words(language), health_words(language)
    rows = tuple(
        ProjectRow(
            p.project.id,
            (
                p.project.title,
                statuses[p.project.status],
                healths[p.health],
                format_percent(p.progress.percent, language)
                if p.progress.percent is not None else _not_given(language),
                _amount(p.budget.planned, figures),
                _amount(p.budget.spent, figures),
                _date(p.expected_end, language),
            ),
        )
        for p in portfolio.projects
    )  # fmt: skip
    return AxisView(
        id=axis.id,
        title=axis.title,
        counts=w.plural("count_projects", counts.projects,
                        count=format_number(counts.projects, language)),
        facts=_key_figures(figures, portfolio, counts, whole=False),
        charts=(
            _budget_chart(f"axis-{axis.id}-budget", w("chart.budget", scope=axis.title),
                          axis.title, portfolio, figures),
            _health_chart(f"axis-{axis.id}-health", axis.title, portfolio, counts, language),
        ),
        project_headers=(w("project"), w("status"), w("health"), w("progress"), w("planned"),
                         w("spent"), w("expected_end")),
        projects=rows,
    )  # fmt: skip


# --- projects -----------------------------------------------------------------------------------


def _health_fact(p: ProjectFigures, language: str) -> Fact:
    """The health shown (stale when too old), the lead's own rating with its date, and why."""
    w = council_words(language)
    names = health_words(language)
    health = p.project.health
    if health is None:
        return Fact(w("health"), names[p.health])
    rated = w("health_rated", value=names[health.value], date=format_date(health.date, language))
    note = rated if health.comment is None else w("health_comment", rated=rated,
                                                  comment=health.comment)  # fmt: skip
    return Fact(w("health"), names[p.health], note)


def _project_facts(p: ProjectFigures, figures: Figures) -> tuple[Fact, ...]:
    language = figures.roadmap.language
    w = council_words(language)
    project = p.project
    lead = project.lead.team if project.lead.name is None else w(
        "lead_named", name=project.lead.name, team=project.lead.team)  # fmt: skip
    facts = [
        Fact(w("axis"), figures.roadmap.axis(project.axis).title),
        Fact(w("lead"), lead),
    ]
    if project.sponsor:
        facts.append(Fact(w("sponsor"), project.sponsor))
    facts.append(Fact(w("status"), status_words(language)[project.status],
                      project.status_reason or ""))  # fmt: skip
    facts.append(_health_fact(p, language))
    facts.append(Fact(
        w("progress"),
        format_percent(p.progress.percent, language)
        if p.progress.percent is not None else _not_given(language),
        site_text.progress_rule(p.progress, language),
    ))  # fmt: skip
    facts.append(Fact(w("start"), _date(project.start, language)))
    facts.append(Fact(w("planned_end"), _date(project.planned_end, language)))
    if project.end != project.planned_end:
        facts.append(Fact(w("first_planned_end"), _date(project.end, language)))
    if project.actual_end is not None:
        facts.append(Fact(w("actual_end"), _date(project.actual_end, language)))
    else:
        facts.append(Fact(
            w("expected_end"), _date(p.expected_end, language),
            w("slips", current=site_text.slip_sentence(p.end_slip_days, language),
              first=site_text.slip_sentence(p.end_slip_days_vs_baseline, language)),
        ))  # fmt: skip
    if project.schedule_explanation:
        facts.append(Fact(w("schedule_explanation"), project.schedule_explanation))
    facts.append(Fact(
        w("approved"), _amount(project.approved_budget, figures),
        w("variance", current=site_text.signed_percent(p.budget_variance_pct, language),
          first=site_text.signed_percent(p.budget_variance_vs_baseline_pct, language)),
    ))  # fmt: skip
    if project.budget and project.budget.explanation:
        facts.append(Fact(w("budget_explanation"), project.budget.explanation))
    return tuple(facts)


def _project_budget(p: ProjectFigures, figures: Figures) -> Table | None:
    roadmap = figures.roadmap
    language, currency = roadmap.language, roadmap.currency
    w = council_words(language)
    lines = figures.charts.project(p, roadmap).budget_lines
    if not lines:
        return None
    headers = budget_headers(w("year"), language)
    return Table(
        caption=w("budget_table", project=p.project.title),
        headers=(headers[0], w("funder"), *headers[1:]),
        rows=tuple((str(line.year), roadmap.funder_title(line.funder) or _not_given(language),
                    *budget_cells(line.totals, language, currency))
                   for line in lines),
        numeric=(False, False, True, True, True, True),
        totals=(w("total"), "", *budget_cells(p.budget, language, currency)),
    )


def _project_milestones(p: ProjectFigures, language: str) -> Table | None:
    if not p.milestones:
        return None
    w = council_words(language)
    states = milestone_state_words(language)
    rows = []
    for m in p.milestones:
        milestone = m.milestone
        if milestone.done is not None:
            when = w("reached_on", date=format_date_short(milestone.done, language))
        elif milestone.forecast is not None:
            when = w("forecast_on", date=format_date_short(milestone.forecast, language))
        else:
            when = ""
        rows.append((milestone.title, format_date_short(milestone.due, language), when,
                     states[m.state], site_text.days_text(m.slip_days, language),
                     milestone.explanation or ""))  # fmt: skip
    return Table(
        caption=w("milestones_table", project=p.project.title),
        headers=(w("milestone"), w("due"), w("forecast_or_done"), w("state"), w("slip"),
                 w("explanation")),
        rows=tuple(rows),
        numeric=(False, False, False, False, True, False),
    )  # fmt: skip


def _project_indicators(p: ProjectFigures, language: str) -> Table | None:
    if not p.indicators:
        return None
    w = council_words(language)

    def dated(value: float, unit: str, date: object) -> str:
        return w("measure_on", value=site_text.measure(value, unit, language),
                 date=_date(date, language))  # fmt: skip

    rows = []
    for i in p.indicators:
        indicator = i.indicator
        latest = (dated(i.latest.value, indicator.unit, i.latest.date) if i.latest is not None
                  else _not_given(language))  # fmt: skip
        rows.append((
            indicator.title,
            dated(indicator.baseline.value, indicator.unit, indicator.baseline.date),
            latest,
            dated(indicator.target.value, indicator.unit, indicator.target.date),
            format_percent(i.progress_pct, language) if i.progress_pct is not None
            else _not_given(language),
        ))  # fmt: skip
    return Table(
        caption=w("indicators_table", project=p.project.title),
        headers=(w("indicator"), w("baseline"), w("latest"), w("target"),
                 w("indicator_progress")),
        rows=tuple(rows),
        numeric=(False, False, False, False, True),
    )  # fmt: skip


def _project_view(p: ProjectFigures, figures: Figures) -> ProjectView:
    language = figures.roadmap.language
    project = p.project
    return ProjectView(
        id=project.id,
        title=project.title,
        axis=figures.roadmap.axis(project.axis).title,
        summary=project.summary or "",
        facts=_project_facts(p, figures),
        budget=_project_budget(p, figures),
        milestones=_project_milestones(p, language),
        indicators=_project_indicators(p, language),
        updates=tuple((format_date(u.date, language), u.text)
                      for u in figures.groups.updates.get(project.id, ())),
    )


# --- the whole report ---------------------------------------------------------------------------


class UnknownAxisError(LookupError):
    """A per-axis report asked for an axis the roadmap does not have."""

    def __init__(self, axis_id: str, known: Sequence[str]) -> None:
        super().__init__(axis_id)
        self.axis_id = axis_id
        self.known = tuple(known)


def report_view(figures: Figures, options: ReportOptions,
                changes: ChangesView | None = None) -> ReportView:  # fmt: skip
    """The report of the situation `figures` were derived for.

    `changes` is what changed since the previous session (`changes_view`, from the history
    read from git). None (no history: not a repository, or history turned off) makes the
    report say that the comparison is not available, rather than leave the section out or
    invent it."""
    roadmap = figures.roadmap
    language = roadmap.language
    w = council_words(language)
    by_axis = figures.by_axis
    if options.axis is not None:
        by_axis = tuple((axis, p) for axis, p in by_axis if axis.id == options.axis)
        if not by_axis:
            raise UnknownAxisError(options.axis, [axis.id for axis in roadmap.axes])
    whole = options.axis is None
    if whole:
        portfolio, counts = figures.overall, figures.groups.counts
        attention = attention_groups(figures.attention)
        scope = None
    else:
        axis, portfolio = by_axis[0]
        counts = figures.groups.axis(axis.id).counts
        attention = figures.groups.axis(axis.id).attention
        scope = w("scope_axis", axis=axis.title)
    situation_date = format_date(roadmap.as_of, language)
    kind = w("kind_summary") if options.summary_only else w("kind_full")
    axes = tuple(_axis_view(axis, p, figures) for axis, p in by_axis)
    projects = () if options.summary_only else tuple(
        _project_view(p, figures) for _, axis_portfolio in by_axis
        for p in axis_portfolio.projects)  # fmt: skip
    toc = [TocEntry("summary", w("summary"), 1), TocEntry("changes", w("changes"), 1),
           TocEntry("attention", w("attention"), 1), TocEntry("axes", w("axes"), 1)]  # fmt: skip
    toc += [TocEntry(f"axis-{a.id}", a.title, 2) for a in axes]
    if projects:
        toc.append(TocEntry("projects", w("project_pages"), 1))
        toc += [TocEntry(f"project-{p.id}", p.title, 2) for p in projects]
    toc.append(TocEntry("annex", w("annex"), 1))
    verdicts = [
        budget_sentence(portfolio.budget, language, roadmap.currency),
        w.plural("verdict.projects", counts.projects,
                 count=format_number(counts.projects, language),
                 statuses=_counts_by(portfolio.by_status, status_words(language), language)),
        w.plural("verdict.milestones", counts.milestones_reached,
                 reached=format_number(counts.milestones_reached, language),
                 late=format_number(counts.milestones_late, language)),
    ]  # fmt: skip
    title_parts = [kind, roadmap.title, w("situation", date=situation_date)]
    if scope:
        title_parts.insert(2, scope)
    return ReportView(
        language=language,
        document_title=w("title_join").join(title_parts),
        organisation=roadmap.organisation,
        roadmap_title=roadmap.title,
        kind=kind,
        session=options.session,
        situation=w("situation", date=situation_date),
        as_of_iso=roadmap.as_of.isoformat(),
        edition_note=w("edition_internal") if options.edition == "internal" else None,
        scope=scope,
        running_header=w("running_header", title=roadmap.title, date=situation_date),
        page_of=w.template("page_of"),
        toc=tuple(toc),
        verdicts=tuple(verdicts),
        key_figures=_key_figures(figures, portfolio, counts, whole),
        changes=changes,
        attention=_attention(attention, language),
        overview=_overview_chart(figures) if whole else None,
        axes=axes,
        projects=projects,
        method=tuple(site_text.rules(roadmap.thresholds, language)),
        glossary=tuple((w(f"glossary.{term}"), w(f"glossary.{term}.text"))
                       for term in GLOSSARY),
        # roadmap.yaml's licence, named; else the default one, with what it allows.
        licence=(w("licence_named", title=roadmap.licence.title, url=roadmap.licence.url)
                 if roadmap.licence else w("licence_default")),
        colophon=w("colophon", date=situation_date),
        summary_only=options.summary_only,
    )


GLOSSARY = ("planned", "committed", "spent", "approved", "health", "milestone", "baseline",
            "situation")  # fmt: skip
