"""The pages of the roadmap over time: "what's new" since the previous situation and since
each council session, the roadmap-wide trends, and each project's history section.

Words come from the `history` catalogue; every figure from `generator.figures.history` (what
changed is `generator.figures.changes.compare`, the pull-request digest's engine)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.figures.history import ChangeSpan, History, HistoryNote, ProjectTrajectory
from generator.i18n import Words, words
from generator.model import Roadmap
from generator.rendering.charts.chart import Chart, Table
from generator.rendering.charts.history import (
    health_trend,
    milestone_trend,
    milestones_trend,
    money_trend,
)
from generator.rendering.formatting import format_amount, format_date, format_number
from generator.rendering.labels import health_words, status_words
from generator.rendering.site import urls
from generator.rendering.site.pages import RenderedPage, Renderer

DOMAIN = "history"
def history_words(language: str) -> Words:
    return words(language, DOMAIN)


# --- a project's history section -------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    """A row of a project's timeline: a situation (`cells`), or a rebaseline at its date
    among them (`note`, one sentence across the row)."""

    cells: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, eq=False)
class ProjectHistoryView:
    """What a project page's history section shows: compared by identity, so that a project
    page is rendered again only when its history was derived again (a new commit)."""

    heading: str
    intro: str
    timeline: Table  # its rows: the situations alone, newest first
    chart: Chart | None
    rows: tuple[TimelineRow, ...] = ()  # the situations and the rebaselines, newest first


def project_history_view(trajectory: ProjectTrajectory, language: str,
                         currency: str) -> ProjectHistoryView | None:  # fmt: skip
    """None when the project has a single situation: there is no history to show yet."""
    if trajectory.situations < 2:
        return None
    w = history_words(language)
    status, health = status_words(language), health_words(language)

    def amount(value: float | None) -> str:
        return "—" if value is None else format_amount(value, language, currency)

    def date(value: object) -> str:
        return "—" if value is None else format_date(value, language)  # type: ignore[arg-type]

    rows = tuple(
        (format_date(p.as_of, language), status[p.status],
         "—" if p.health is None else w("health_cell", value=health[p.health.value],
                                        date=format_date(p.health.date, language)),
         date(p.planned_end), date(p.forecast_end), amount(p.planned), amount(p.committed),
         amount(p.spent))
        for p in reversed(trajectory.points)
    )  # fmt: skip
    timeline = Table(
        caption=w("timeline_caption"),
        headers=(w("situation"), w("status"), w("health"), w("planned_end"), w("forecast_end"),
                 w("money_planned"), w("money_committed"), w("money_spent")),
        rows=rows,
        numeric=(False, False, False, False, False, True, True, True),
    )  # fmt: skip
    count = trajectory.situations
    return ProjectHistoryView(
        heading=w("project_heading"),
        intro=w.plural("project_intro", count, count=format_number(count, language),
                       first=format_date(trajectory.points[0].as_of, language),
                       changed=format_number(len(trajectory.points), language)),
        timeline=timeline,
        chart=milestone_trend(trajectory, language),
        rows=_timeline_rows(trajectory, rows, language, currency),
    )


def _timeline_rows(trajectory: ProjectTrajectory, situation_rows: tuple[tuple[str, ...], ...],
                   language: str, currency: str) -> tuple[TimelineRow, ...]:  # fmt: skip
    """The situations, newest first, with each rebaseline placed at its date: above the last
    situation dated before it (the first one to show the new baseline is the one above)."""
    w = history_words(language)
    notes = []
    for mark in trajectory.rebaselines:
        note = w("timeline_rebaseline", date=format_date(mark.date, language),
                 decision=mark.decision, reason=mark.reason)  # fmt: skip
        if mark.end is not None:
            note += w("timeline_rebaseline_end", date=format_date(mark.end, language))
        if mark.budget is not None:
            note += w("timeline_rebaseline_budget",
                      amount=format_amount(mark.budget, language, currency))  # fmt: skip
        notes.append((mark.date, TimelineRow(note=note)))
    rows: list[TimelineRow] = []
    for point, cells in zip(trajectory.points, reversed(situation_rows), strict=True):
        # Oldest first here: a rebaseline comes before the first situation on or after it.
        while notes and notes[0][0] <= point.as_of:
            rows.append(notes.pop(0)[1])
        rows.append(TimelineRow(cells=cells))
    rows += [row for _, row in notes]
    return tuple(reversed(rows))


def project_history_views(history: History, roadmap: Roadmap
                          ) -> dict[str, ProjectHistoryView]:  # fmt: skip
    views = {}
    for project_id, trajectory in history.projects.items():
        view = project_history_view(trajectory, roadmap.language, roadmap.currency)
        if view is not None:
            views[project_id] = view
    return views


# --- what changed, in plain words --------------------------------------------------------------


@dataclass(frozen=True)
class ChangeItem:
    text: str
    project_id: str | None = None  # the project page to link to


@dataclass(frozen=True)
class ChangeSection:
    heading: str
    items: tuple[ChangeItem, ...]


def change_sections(span: ChangeSpan, language: str, currency: str,
                    current_ids: set[str]) -> tuple[ChangeSection, ...]:  # fmt: skip
    """What changed, grouped as a councillor reads it: projects, health, milestones, money,
    rebaselines, news. Projects that no longer exist are named without a link."""
    w = history_words(language)
    status, health = status_words(language), health_words(language)
    changes = span.changes
    sections: list[ChangeSection] = []

    def link(project_id: str) -> str | None:
        return project_id if project_id in current_ids else None

    def add(key: str, items: list[ChangeItem]) -> None:
        if items:
            sections.append(ChangeSection(w(key), tuple(items)))

    add("section_projects", [
        *(ChangeItem(w("project_added", title=p.title), link(p.id))
          for p in changes.projects_of_kind("added")),
        *(ChangeItem(w("project_removed", title=p.title), None)
          for p in changes.projects_of_kind("removed")),
        *(ChangeItem(w("project_status", title=p.title, before=status[p.status[0]],
                       after=status[p.status[1]]), link(p.id))
          for p in changes.projects if p.status),
    ])  # fmt: skip
    add("section_health", [
        ChangeItem(w("project_health", title=p.title,
                     before=health[p.health[0].value] if p.health and p.health[0] else w("none"),
                     after=health[p.health[1].value] if p.health and p.health[1] else w("none")),
                   link(p.id))
        for p in changes.projects if p.health_value_changed
    ])  # fmt: skip
    milestones: list[ChangeItem] = []
    for p in changes.projects:
        for m in p.milestones:
            if m.kind == "reached" and m.after is not None:
                milestones.append(ChangeItem(w("milestone_reached", project=p.title,
                                               title=m.title,
                                               date=format_date(m.after, language)), link(p.id)))
            elif m.kind in ("slipped", "advanced") and m.after is not None:
                milestones.append(ChangeItem(w.plural(
                    f"milestone_{m.kind}", abs(m.days), project=p.title, title=m.title,
                    days=format_number(abs(m.days), language),
                    date=format_date(m.after, language)), link(p.id)))  # fmt: skip
    add("section_milestones", milestones)
    add("section_money", [
        ChangeItem(w("money_change", project=p.title, measure=w(f"money_{c.measure}"),
                     before=format_amount(c.amount.before, language, currency),
                     after=format_amount(c.amount.after, language, currency)), link(p.id))
        for p in changes.projects if p.kind == "changed" for c in p.budget
    ])  # fmt: skip
    add("section_rebaselines", [
        ChangeItem(w("rebaseline", project=p.title, decision=r.rebaseline.decision,
                     reason=r.rebaseline.reason), link(p.id))
        for p in changes.projects for r in p.rebaselines
    ])  # fmt: skip
    add("section_updates", [
        ChangeItem(w("update", project=p.title, date=format_date(u.date, language), text=u.text),
                   link(p.id))
        for p in changes.projects for u in p.updates
    ])  # fmt: skip
    return tuple(sections)


def span_summary(span: ChangeSpan, language: str) -> str:
    """One sentence: what the span covers and how much moved."""
    w = history_words(language)
    after = format_date(span.after.as_of, language)
    if span.before is None:
        return w("span_first", date=after)
    counts = [w.plural(f"count_{kind}", n, count=format_number(n, language))
              for kind, n in span.changes.summary.counts]
    moved = ", ".join(counts) if counts else w("nothing_changed")
    return w("span_summary", before=format_date(span.before.as_of, language), after=after,
             moved=moved)  # fmt: skip


def note_sentence(note: HistoryNote, language: str) -> str:
    w = history_words(language)
    values = {name: (format_date(value, language) if isinstance(value, dt.date) else
                     str(value or "")) for name, value in
              (("before", note.before), ("after", note.after))}  # fmt: skip
    return w(f"note_{note.kind}", commit=note.commit[:7], subject=note.subject, **values)


# --- the pages -----------------------------------------------------------------------------------


def history_pages(renderer: Renderer, history: History, roadmap: Roadmap,
                  add: Callable[[str, RenderedPage], None]) -> None:  # fmt: skip
    """The "what's new" pages and the trends page, given to `add` (docs path, page)."""
    language, currency = roadmap.language, roadmap.currency
    w = history_words(language)
    paths = urls.site_paths(language)
    whats_new, evolution = paths.whats_new, paths.evolution
    current_ids = {p.id for p in roadmap.projects}
    notes = [note_sentence(n, language) for n in history.notes]
    sessions = [(s.session, paths.session_page(s.session.date.isoformat()), s.span)
                for s in history.sessions]  # fmt: skip
    latest = history.latest
    add(whats_new, renderer.render_page(
        "whats_new.md.j2", whats_new, w("whats_new_title"), hw=w,
        heading=w("whats_new_title"), current_page=whats_new,
        summary=span_summary(latest, language) if latest else w("no_past"),
        sections=change_sections(latest, language, currency, current_ids) if latest else (),
        sessions=[(s, page) for s, page, _ in sessions],
        notes=notes, evolution=evolution, whats_new=whats_new,
    ))  # fmt: skip
    for session, page, span in sessions:
        title = w("session_title", title=session.title,
                  date=format_date(session.date, language))  # fmt: skip
        add(page, renderer.render_page(
            "whats_new.md.j2", page, title, hw=w, heading=title, current_page=page,
            summary=span_summary(span, language) if span else w("session_no_situation"),
            sections=change_sections(span, language, currency, current_ids) if span else (),
            sessions=[], notes=[], evolution=evolution, whats_new=whats_new,
        ))  # fmt: skip
    charts = ([money_trend(history, language, currency), milestones_trend(history, language),
               health_trend(history, language)] if history.has_past else [])  # fmt: skip
    add(evolution, renderer.render_page(
        "evolution.md.j2", evolution, w("evolution_title"), hw=w, charts_=charts,
        situations=[(format_date(s.as_of, language), s.commit[:7] if s.commit else w("current"))
                    for s in reversed(history.situations)],
        notes=notes, whats_new=whats_new,
    ))  # fmt: skip


def history_nav(history: History, language: str) -> dict[str, list[str]]:
    """The navigation section of the history pages."""
    w = history_words(language)
    paths = urls.site_paths(language)
    return {w("nav_section"): [paths.whats_new, paths.evolution,
                               *(paths.session_page(s.session.date.isoformat())
                                 for s in history.sessions)]}  # fmt: skip
