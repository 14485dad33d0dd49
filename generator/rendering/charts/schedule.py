"""Schedules: the portfolio timeline (projects as bars, milestones as markers, the reporting
date as a line) and a project's milestones (planned against reached or expected)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from generator.figures.axes import (
    MilestoneCounts,
    ProjectChartFigures,
    ScheduleSummary,
    is_dated,
)
from generator.figures.derive import (
    STATUSES,
    Figures,
    MilestoneFigure,
    ProjectFigures,
)
from generator.model import Roadmap
from generator.rendering.charts.chart import Chart, Figure, Table, digest
from generator.rendering.charts.layout import (
    GREY,
    MILESTONE_STATES,
    MILESTONE_STYLE,
    MS_PER_DAY,
    STATUS_STYLE,
    as_of_line,
    base_layout,
    category_axis,
    category_keys,
    date_axis,
    rgba,
    rows_height,
)
from generator.rendering.charts.text import (
    Hover,
    counted,
    hover,
    hover_data,
    join_words,
    labelled,
    plain,
    word,
)
from generator.rendering.formatting import format_date, format_date_short, format_number
from generator.rendering.labels import (
    health_words,
    milestone_state_words,
    not_given,
    status_words,
)

# --- timelines ---------------------------------------------------------------------------------

# Above this many projects, the home page's timeline shows one bar per axis: a bar per
# project (40 px each) would make the chart thousands of pixels tall and its data grow with
# every project on the page everyone opens first. Axis pages keep a bar per project.
TIMELINE_MAX_PROJECTS: Final = 60
TIMELINE_BY_AXIS_ID: Final = "axes-timeline"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _days(start: dt.date | None, end: dt.date | None) -> int:
    return max(0, (end - start).days) if start is not None and end is not None else 0


def _milestones_text(counts: MilestoneCounts, language: str) -> str:
    """`Atteint : 2 ; En retard : 1`: the states that have milestones, in the legend's order."""
    state_words = milestone_state_words(language)
    return (
        word(language, "summary_separator").join(
            labelled(state_words[state], format_number(counts.count(state), language), language)
            for state in MILESTONE_STATES
            if counts.count(state)
        )
        or "0"
    )


def _milestone_hover(m: MilestoneFigure, language: str, *, with_project: bool) -> Hover:
    state_words = milestone_state_words(language)
    reached = m.milestone.done is not None
    return hover(
        m.milestone.title,
        *([(word(language, "project"), plain(m.project.title))] if with_project else []),
        (word(language, "state"), state_words[m.state]),
        (word(language, "due"), format_date(m.milestone.due, language)),
        (
            word(language, "reached_on" if reached else "expected_on"),
            format_date(m.expected, language),
        ),
        (word(language, "slip"), _signed_days(m.slip_days, language)) if m.slip_days else None,
        language=language,
    )


def _signed_days(days: int, language: str) -> str:
    sign = "+" if days > 0 else "−"
    return sign + word(language, "days", n=format_number(abs(days), language))


def _milestone_traces(
    milestones: Sequence[MilestoneFigure],
    category: dict[int, str],
    language: str,
    *,
    with_project: bool,
) -> list[Figure]:
    """One marker trace per milestone state, at the date reached or expected."""
    state_words = milestone_state_words(language)
    traces: list[Figure] = []
    for state in MILESTONE_STATES:
        chosen = [m for m in milestones if m.state == state]
        if not chosen:
            continue
        color, symbol = MILESTONE_STYLE[state]
        trace: Figure = {
            "name": state_words[state],
            "x": [m.expected.isoformat() for m in chosen],
            "y": [category[id(m)] for m in chosen],
            # The outline ("halo") takes the page's background colour (set by charts.js), so
            # that markers stand out from the bars they sit on in both palettes.
            "marker": {
                "color": color,
                "symbol": symbol,
                "line": {"width": 1.5, "color": "#ffffff"},
            },
            "meta": {"halo": True},
            **hover_data(
                [_milestone_hover(m, language, with_project=with_project) for m in chosen]
            ),
        }
        traces.append(trace)
    return traces


def portfolio_timeline(
    figures: Figures,
    language: str,
    projects: Sequence[ProjectFigures] | None = None,
    *,
    max_projects: int | None = None,
) -> Chart:
    """Projects as bars from start to expected end (forecast, else planned), their milestones
    as markers, and the reporting date as a line; `projects` narrows it (an axis page).
    With more than `max_projects` projects to show, the axes' timeline instead
    (`timeline_by_axis`)."""
    roadmap = figures.roadmap
    chosen = tuple(figures.overall.projects if projects is None else projects)
    schedules = figures.charts.schedules_of(chosen, roadmap)
    if max_projects is not None and schedules.overall.shown > max_projects:
        return timeline_by_axis(figures, language, chosen)
    axis_rank = {axis.id: index for index, axis in enumerate(roadmap.axes)}
    ordered = sorted(
        chosen,
        key=lambda p: (
            axis_rank.get(p.project.axis, len(axis_rank)),
            p.project.start or dt.date.max,
            plain(p.project.title),
            p.project.id,
        ),
    )
    shown = [p for p in ordered if is_dated(p) or p.milestones]
    dated = [p for p in shown if is_dated(p)]
    key_of = dict(zip((p.project.id for p in shown), category_keys("p", len(shown)), strict=True))
    status_names = status_words(language)
    not_given_text = not_given(language)

    traces: list[Figure] = []
    for status in STATUSES:
        bars = [p for p in dated if p.project.status == status]
        if not bars:
            continue
        color, pattern = STATUS_STYLE[status]
        trace: Figure = {
            "type": "bar",
            "name": status_names[status],
            "y": [key_of[p.project.id] for p in bars],
            "base": [_iso(p.project.start) for p in bars],
            # A bar on a date axis is a base date plus a length in milliseconds.
            "x": [_days(p.project.start, p.expected_end) * MS_PER_DAY for p in bars],
            "width": 0.55,
            "marker": {
                "color": rgba(color, 0.28),
                "line": {"color": color, "width": 1.5},
                # The template's pattern, in the status's colour.
                "pattern": {
                    "shape": pattern,
                    "size": 7,
                    "solidity": 0.25,
                    "fgcolor": color,
                    "fgopacity": 0.9,
                },
            },
            **hover_data([_project_hover(p, language) for p in bars]),
        }
        traces.append(trace)
    milestones = [m for p in shown for m in p.milestones]
    category = {id(m): key_of[m.project.id] for m in milestones}
    traces += _milestone_traces(milestones, category, language, with_project=True)
    line, line_axis = as_of_line(roadmap.as_of, language)
    traces.append(line)

    dates = [
        roadmap.as_of,
        *(d for p in dated for d in (p.project.start, p.expected_end) if d),
        *(m.expected for m in milestones),
    ]
    layout = base_layout(
        language,
        rows_height(len(shown), 40, base=150),
        xaxis=date_axis(min(dates), max(dates), language),
        yaxis=category_axis(list(key_of.values()), [p.project.title for p in shown]),
        yaxis2=line_axis,
        barmode="overlay",
    )

    rows = []
    for p in ordered:
        rows.append(
            (
                plain(p.project.title),
                status_names[p.project.status],
                format_date_short(p.project.start, language) if p.project.start else not_given_text,
                format_date_short(p.project.planned_end, language)
                if p.project.planned_end
                else not_given_text,
                format_date_short(p.expected_end, language) if p.expected_end else not_given_text,
                _milestones_text(figures.charts.project(p, roadmap).milestones, language),
            )
        )
    table = Table(
        caption=word(language, "tab.timeline"),
        headers=(
            word(language, "project"),
            word(language, "status"),
            word(language, "start"),
            word(language, "planned_end"),
            word(language, "expected_end"),
            word(language, "milestones"),
        ),
        rows=tuple(rows),
        numeric=(False, False, True, True, True, False),
    )

    takeaway = _timeline_takeaway(schedules.overall, roadmap, language)
    if projects is None:
        chart_id = "timeline"
    else:
        axes = {p.project.axis for p in chosen}
        chart_id = (
            f"timeline-{next(iter(axes))}"
            if len(axes) == 1
            else f"timeline-{digest(p.project.id for p in chosen)}"
        )
    return Chart(
        chart_id,
        word(language, "cap.timeline"),
        takeaway,
        {"data": traces, "layout": layout},
        table,
        language,
    )


def _timeline_takeaway(summary: ScheduleSummary, roadmap: Roadmap, language: str) -> str:
    if not summary.dated:
        return word(language, "timeline.none")
    return word(
        language,
        "timeline.sentence",
        date=format_date(roadmap.as_of, language),
        ends=counted(
            language,
            "timeline.ends" if summary.ends_late else "timeline.ends_none",
            summary.ends_late or summary.dated,
            total=format_number(summary.dated, language),
        ),
        late=counted(language, "timeline.late", summary.milestones.count("late")),
    )


def timeline_by_axis(
    figures: Figures, language: str, projects: Sequence[ProjectFigures] | None = None
) -> Chart:
    """One bar per axis, from its projects' first start to their last expected end, a tick
    at their last planned end, and the reporting date as a line. Its size depends on the
    number of axes, not of projects; the table gives each axis's dates and milestone counts."""
    roadmap = figures.roadmap
    chosen = tuple(figures.overall.projects if projects is None else projects)
    schedules = figures.charts.schedules_of(chosen, roadmap)
    not_given_text = not_given(language)

    def day(value: dt.date | None, *, short: bool = False) -> str:
        if value is None:
            return not_given_text
        return format_date_short(value, language) if short else format_date(value, language)

    keys = category_keys("a", len(schedules.by_axis))
    labels: list[str] = []
    bar_keys: list[str] = []
    bases: list[str | None] = []
    lengths: list[int] = []
    bar_hovers: list[Hover] = []
    planned_x: list[str] = []
    planned_keys: list[str] = []
    planned_hovers: list[Hover] = []
    rows: list[tuple[str, ...]] = []
    dates: list[dt.date] = [roadmap.as_of]
    for key, (axis, summary) in zip(keys, schedules.by_axis, strict=True):
        title = axis.title
        first, last = summary.first_start, summary.latest_expected_end
        last_planned = summary.latest_planned_end
        milestones_text = _milestones_text(summary.milestones, language)

        labels.append(title)
        rows.append(
            (
                plain(title),
                format_number(summary.projects, language),
                format_number(summary.dated, language),
                day(first, short=True),
                day(last_planned, short=True),
                day(last, short=True),
                format_number(summary.ends_late, language),
                milestones_text,
            )
        )
        lines = [
            (word(language, "projects_count"), format_number(summary.projects, language)),
            (word(language, "first_start"), day(first)),
            (word(language, "latest_planned_end"), day(last_planned)),
            (word(language, "latest_expected_end"), day(last)),
            (word(language, "ends_late"), format_number(summary.ends_late, language)),
            (word(language, "milestones"), milestones_text),
        ]
        if first is not None and last is not None:
            bar_keys.append(key)
            bases.append(_iso(first))
            lengths.append(_days(first, last) * MS_PER_DAY)
            bar_hovers.append(hover(title, *lines, language=language))
            dates += [first, last]
        if last_planned is not None:
            planned_keys.append(key)
            planned_x.append(last_planned.isoformat())
            planned_hovers.append(
                hover(
                    title,
                    (word(language, "latest_planned_end"), day(last_planned)),
                    language=language,
                )
            )
            dates.append(last_planned)

    color, _ = STATUS_STYLE["in_progress"]
    traces: list[Figure] = []
    if bar_keys:
        traces.append(
            {
                "type": "bar",
                "name": word(language, "projects_dated"),
                "y": bar_keys,
                "base": bases,
                "x": lengths,
                "width": 0.55,
                "marker": {"color": rgba(color, 0.28), "line": {"color": color, "width": 1.5}},
                **hover_data(bar_hovers),
            }
        )
    if planned_keys:
        traces.append(
            {
                "name": word(language, "latest_planned_end"),
                "x": planned_x,
                "y": planned_keys,
                "marker": {
                    "symbol": "line-ns-open",
                    "size": 22,
                    "color": GREY,
                    "line": {"width": 3, "color": GREY},
                },
                **hover_data(planned_hovers),
            }
        )
    line, line_axis = as_of_line(roadmap.as_of, language)
    traces.append(line)
    layout = base_layout(
        language,
        rows_height(len(keys), 56, base=150),
        xaxis=date_axis(min(dates), max(dates), language),
        yaxis=category_axis(keys, labels),
        yaxis2=line_axis,
        barmode="overlay",
    )
    table = Table(
        caption=word(language, "tab.timeline_by_axis"),
        headers=(
            word(language, "axis"),
            word(language, "projects_count"),
            word(language, "projects_dated"),
            word(language, "first_start"),
            word(language, "latest_planned_end"),
            word(language, "latest_expected_end"),
            word(language, "ends_late"),
            word(language, "milestones"),
        ),
        rows=tuple(rows),
        numeric=(False, True, True, True, True, True, True, False),
    )
    return Chart(
        TIMELINE_BY_AXIS_ID,
        word(language, "cap.timeline_by_axis"),
        _timeline_takeaway(schedules.overall, roadmap, language),
        {"data": traces, "layout": layout},
        table,
        language,
    )


def _project_hover(p: ProjectFigures, language: str) -> Hover:
    not_given_text = not_given(language)
    project = p.project
    lines = [
        (word(language, "status"), status_words(language)[project.status]),
        (word(language, "health"), health_words(language)[p.health]),
        (
            word(language, "start"),
            format_date(project.start, language) if project.start else not_given_text,
        ),
        (
            word(language, "planned_end"),
            format_date(project.planned_end, language) if project.planned_end else not_given_text,
        ),
        (
            word(language, "expected_end"),
            format_date(p.expected_end, language) if p.expected_end else not_given_text,
        ),
        (word(language, "slip"), _signed_days(p.end_slip_days, language))
        if p.end_slip_days
        else None,
    ]
    return hover(project.title, *lines, language=language)


def project_milestones(
    project_figures: ProjectFigures,
    roadmap: Roadmap,
    language: str,
    chart_figures: ProjectChartFigures,
) -> Chart | None:
    """A project's milestones: the planned date as a tick, the date reached or expected as a
    marker whose symbol and colour give the state, joined by a line when they differ.
    `chart_figures`: the project's, from `Figures.charts` (computed here by the figures stage
    if not given)."""
    p = project_figures
    if not p.milestones:
        return None
    keys = category_keys("m", len(p.milestones))
    category = {id(m): key for m, key in zip(p.milestones, keys, strict=True)}
    due_word = word(language, "due")
    connectors_x: list[str | None] = []
    connectors_y: list[str | None] = []
    for m, key in zip(p.milestones, keys, strict=True):
        if m.expected != m.milestone.due:
            connectors_x += [m.milestone.due.isoformat(), m.expected.isoformat(), None]
            connectors_y += [key, key, None]
    traces: list[Figure] = []
    if connectors_x:
        traces.append(
            {
                "mode": "lines",  # grey, 2 px: the template's
                "name": word(language, "slip"),
                "showlegend": False,
                "x": connectors_x,
                "y": connectors_y,
                "hoverinfo": "skip",
            }
        )
    traces.append(
        {
            "name": due_word,
            "x": [m.milestone.due.isoformat() for m in p.milestones],
            "y": keys,
            "marker": {
                "symbol": "line-ns-open",
                "size": 18,
                "color": GREY,
                "line": {"width": 3, "color": GREY},
            },
            **hover_data(
                [
                    hover(
                        m.milestone.title,
                        (due_word, format_date(m.milestone.due, language)),
                        language=language,
                    )
                    for m in p.milestones
                ]
            ),
        }
    )
    traces += _milestone_traces(p.milestones, category, language, with_project=False)
    line, line_axis = as_of_line(roadmap.as_of, language)
    traces.append(line)
    dates = [
        roadmap.as_of,
        *(d for m in p.milestones for d in (m.milestone.due, m.expected)),
    ]
    layout = base_layout(
        language,
        rows_height(len(keys), 44, base=140),
        xaxis=date_axis(min(dates), max(dates), language),
        yaxis=category_axis(keys, [m.milestone.title for m in p.milestones]),
        yaxis2=line_axis,
    )

    state_words = milestone_state_words(language)
    table = Table(
        caption=word(language, "tab.project_milestones", project=plain(p.project.title)),
        headers=(
            word(language, "milestone"),
            word(language, "state"),
            word(language, "due"),
            word(language, "expected"),
            word(language, "slip"),
        ),
        rows=tuple(
            (
                plain(m.milestone.title),
                state_words[m.state],
                format_date_short(m.milestone.due, language),
                format_date_short(m.expected, language),
                _signed_days(m.slip_days, language) if m.slip_days else "0",
            )
            for m in p.milestones
        ),
        numeric=(False, False, True, True, True),
    )
    counts = chart_figures.milestones
    parts = [
        counted(language, f"ms.{state}", counts.count(state))
        for state in MILESTONE_STATES
        if counts.count(state)
    ]
    takeaway = word(
        language,
        "ms.sentence",
        total=counted(language, "ms.total", counts.total),
        parts=join_words(parts, language),
    )
    return Chart(
        f"project-{p.project.id}-milestones",
        word(language, "cap.project_milestones"),
        takeaway,
        {"data": traces, "layout": layout},
        table,
        language,
    )
