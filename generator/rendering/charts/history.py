"""Charts of the roadmap over time: a project's milestone trend, and the roadmap-wide trends
(money paid against money planned, milestones, projects by health) across situations.

Their words are in the `history` catalogue; their figures come from
`generator.figures.history`, computed there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.figures.history import History, MilestoneTrend, ProjectTrajectory, TrendPoint
from generator.figures.projects import HEALTH_STATES
from generator.i18n import words
from generator.rendering.charts.chart import Chart, Figure, Table, digest
from generator.rendering.charts.layout import (
    BLUE,
    GREEN,
    HEALTH_STYLE,
    ORANGE,
    PALETTE,
    VERMILLION,
    amount_axis,
    base_layout,
    count_axis,
    date_axis,
    number,
)
from generator.rendering.charts.text import hover, hover_data, plain
from generator.rendering.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_number,
    format_percent,
)
from generator.rendering.labels import health_words

DOMAIN = "history"
# Beyond this many milestones a trend chart is a tangle: the table keeps them all, the chart
# the ones that moved most.
MAX_TREND_LINES = 12


def _dates(points: Sequence[dt.date]) -> list[str]:
    return [d.isoformat() for d in points]


def milestone_trend(trajectory: ProjectTrajectory, language: str) -> Chart | None:
    """Each milestone's announced date at each situation (the milestone trend analysis);
    None when the project has fewer than two situations or no milestone."""
    w = words(language, DOMAIN)
    situations = [p.as_of for p in trajectory.points]
    if trajectory.situations < 2 or len(situations) < 2 or not trajectory.milestones:
        return None
    shown = sorted(trajectory.milestones, key=lambda m: -abs(m.slip_days))[:MAX_TREND_LINES]
    traces: list[Figure] = []
    situation_label, announced_label = w("situation"), w("announced")
    written: dict[dt.date, str] = {}

    def date_text(day: dt.date) -> str:
        if day not in written:
            written[day] = format_date(day, language)
        return written[day]

    for index, milestone in enumerate(m for m in trajectory.milestones if m in shown):
        present = [(s, d) for s, d in zip(situations, milestone.announced, strict=True) if d]
        traces.append({
            "type": "scatter", "mode": "lines+markers", "name": plain(milestone.title),
            "x": _dates([s for s, _ in present]), "y": _dates([d for _, d in present]),
            # A date holds until the situation that changes it: steps, not slopes.
            "line": {"color": PALETTE[index % len(PALETTE)], "width": 2, "shape": "hv"},
            "marker": {"symbol": index % 8, "size": 8},
            **hover_data([hover(milestone.title, (situation_label, date_text(s)),
                                (announced_label, date_text(d)), language=language)
                          for s, d in present]),
        })  # fmt: skip
    announced = [d for m in shown for d in m.announced if d is not None]
    reached_mark = w("reached_mark")
    layout = base_layout(
        language, 420,
        xaxis=date_axis(situations[0], situations[-1], language),
        yaxis=date_axis(min(announced), max(announced), language),
        showlegend=True,
    )  # fmt: skip
    table = Table(
        caption=w("trend_table"),
        headers=(w("milestone"), *(date_text(s) for s in situations)),
        rows=tuple((m.title, *(_announced_cell(d, r, language, reached_mark)
                               for d, r in zip(m.announced, m.reached, strict=True)))
                   for m in trajectory.milestones),
    )
    return Chart(
        "milestone-trend-" + digest([trajectory.project_id]),
        w("trend_caption"),
        _trend_takeaway(trajectory.most_slipped, trajectory.situations, language),
        {"data": traces, "layout": layout},
        table,
        language,
    )


def _announced_cell(date: dt.date | None, reached: bool, language: str, mark: str) -> str:
    if date is None:
        return "—"
    return f"{format_date(date, language)}{mark}" if reached else format_date(date, language)


def _trend_takeaway(slipped: MilestoneTrend | None, situations: int, language: str) -> str:
    w = words(language, DOMAIN)
    if slipped is None:
        return w.plural("trend_steady", situations, count=format_number(situations, language))
    return w.plural("trend_slipped", slipped.slip_days, title=slipped.title,
                    days=format_number(slipped.slip_days, language),
                    count=format_number(situations, language))  # fmt: skip


# --- the whole roadmap ----------------------------------------------------------------------


def _line(name: str, x: list[str], y: list[float], color: str, hovers: list[tuple[str, ...]],
          dash: str = "solid") -> Figure:  # fmt: skip
    return {"type": "scatter", "mode": "lines+markers", "name": name, "x": x,
            "y": [number(float(v)) for v in y], "line": {"color": color, "width": 2, "dash": dash},
            **hover_data(hovers)}  # fmt: skip


def money_trend(history: History, language: str, currency: str) -> Chart:
    """Money planned, committed and paid at each situation."""
    w = words(language, DOMAIN)
    trends = history.trends
    x = _dates([t.as_of for t in trends])
    series = (("planned", BLUE, "dot"), ("committed", ORANGE, "dash"), ("spent", GREEN, "solid"))
    traces = [
        _line(w(f"money_{name}"), x, [getattr(t, name) for t in trends], color,
              [hover(format_date(t.as_of, language),
                     (w(f"money_{name}"), format_amount(getattr(t, name), language, currency)),
                     language=language) for t in trends], dash)
        for name, color, dash in series
    ]  # fmt: skip
    top = max((t.planned for t in trends), default=0.0)
    layout = base_layout(language, 380, xaxis=date_axis(trends[0].as_of, trends[-1].as_of,
                                                        language),
                         yaxis=amount_axis(max(top, 1.0), language, currency),
                         showlegend=True)  # fmt: skip
    table = Table(
        caption=w("money_table"),
        headers=(w("situation"), w("money_planned"), w("money_committed"), w("money_spent"),
                 w("money_spent_pct")),
        rows=tuple((format_date(t.as_of, language),
                    format_amount(t.planned, language, currency),
                    format_amount(t.committed, language, currency),
                    format_amount(t.spent, language, currency),
                    "—" if t.spent_pct is None else format_percent(t.spent_pct, language))
                   for t in trends),
        numeric=(False, True, True, True, True),
    )  # fmt: skip
    last = trends[-1]
    takeaway = w("money_takeaway", date=format_date(last.as_of, language),
                 spent=format_amount_short(last.spent, language, currency),
                 planned=format_amount_short(last.planned, language, currency),
                 pct="—" if last.spent_pct is None else format_percent(last.spent_pct, language),
                 count=format_number(len(trends), language))  # fmt: skip
    return Chart("trend-money", w("money_caption"), takeaway, {"data": traces, "layout": layout},
                 table, language)  # fmt: skip


def milestones_trend(history: History, language: str) -> Chart:
    """Milestones reached, late and coming within 90 days at each situation."""
    w = words(language, DOMAIN)
    trends = history.trends
    x = _dates([t.as_of for t in trends])
    series = (("reached", GREEN, "solid"), ("late", VERMILLION, "dash"),
              ("upcoming", BLUE, "dot"))  # fmt: skip

    def value(t: TrendPoint, name: str) -> int:
        count: int = getattr(t, f"milestones_{name}")
        return count

    traces = [
        _line(w(f"ms_{name}"), x, [value(t, name) for t in trends], color,
              [hover(format_date(t.as_of, language),
                     (w(f"ms_{name}"), format_number(value(t, name), language)),
                     language=language) for t in trends], dash)
        for name, color, dash in series
    ]  # fmt: skip
    top = max((value(t, n) for t in trends for n, _, _ in series), default=0)
    layout = base_layout(language, 360, xaxis=date_axis(trends[0].as_of, trends[-1].as_of,
                                                        language),
                         yaxis=count_axis(top), showlegend=True)  # fmt: skip
    table = Table(
        caption=w("ms_table"),
        headers=(w("situation"), w("ms_reached"), w("ms_late"), w("ms_upcoming")),
        rows=tuple((format_date(t.as_of, language),
                    *(format_number(value(t, n), language) for n, _, _ in series))
                   for t in trends),
        numeric=(False, True, True, True),
    )  # fmt: skip
    first, last = trends[0], trends[-1]
    takeaway = w("ms_takeaway", date=format_date(last.as_of, language),
                 reached=format_number(last.milestones_reached, language),
                 late=format_number(last.milestones_late, language),
                 late_before=format_number(first.milestones_late, language),
                 first=format_date(first.as_of, language))  # fmt: skip
    return Chart("trend-milestones", w("ms_caption"), takeaway,
                 {"data": traces, "layout": layout}, table, language)  # fmt: skip


def health_trend(history: History, language: str) -> Chart:
    """Projects by health at each situation (stacked bars)."""
    w = words(language, DOMAIN)
    names = health_words(language)
    trends = history.trends
    x = _dates([t.as_of for t in trends])
    traces: list[Figure] = []
    for state in HEALTH_STATES:
        counts = [dict(t.by_health)[state] for t in trends]
        if not any(counts):
            continue
        color, pattern = HEALTH_STYLE[state]
        traces.append({
            "type": "bar", "name": names[state], "x": x, "y": counts,
            "marker": {"color": color, "line": {"color": "#ffffff", "width": 1.5},
                       "pattern": {"shape": pattern, "size": 7, "fgopacity": 0.75}},
            **hover_data([hover(format_date(t.as_of, language),
                                (names[state], format_number(c, language)), language=language)
                          for t, c in zip(trends, counts, strict=True)]),
        })  # fmt: skip
    layout = base_layout(language, 360, xaxis=date_axis(trends[0].as_of, trends[-1].as_of,
                                                        language),
                         yaxis=count_axis(max((t.projects for t in trends), default=0)),
                         barmode="stack", showlegend=True)  # fmt: skip
    table = Table(
        caption=w("health_table"),
        headers=(w("situation"), *(names[s] for s in HEALTH_STATES), w("projects")),
        rows=tuple((format_date(t.as_of, language),
                    *(format_number(dict(t.by_health)[s], language) for s in HEALTH_STATES),
                    format_number(t.projects, language)) for t in trends),
        numeric=(False, *(True for _ in HEALTH_STATES), True),
    )  # fmt: skip
    first, last = dict(trends[0].by_health), dict(trends[-1].by_health)
    takeaway = w("health_takeaway", date=format_date(trends[-1].as_of, language),
                 critical=format_number(last["critical"], language),
                 critical_before=format_number(first["critical"], language),
                 first=format_date(trends[0].as_of, language))  # fmt: skip
    return Chart("trend-health", w("health_caption"), takeaway,
                 {"data": traces, "layout": layout}, table, language)  # fmt: skip
