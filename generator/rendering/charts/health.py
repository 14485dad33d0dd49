"""The health of projects by axis, stale and missing ratings included."""

from __future__ import annotations

from generator.figures.derive import HEALTH_STATES, Figures
from generator.rendering.charts.chart import Chart, Figure, Table
from generator.rendering.charts.layout import (
    HEALTH_STYLE,
    base_layout,
    category_axis,
    category_keys,
    count_axis,
    rows_height,
)
from generator.rendering.charts.text import counted, hover, hover_data, plain, word
from generator.rendering.formatting import format_number
from generator.rendering.labels import health_words


def health_by_axis(figures: Figures, language: str) -> Chart:
    """Projects per health state and axis (stacked bars), stale and missing ratings included."""
    health_names = health_words(language)
    counts = {axis.id: dict(p.by_health) for axis, p in figures.by_axis}
    axis_ids = [axis.id for axis, _ in figures.by_axis]
    titles = [plain(axis.title) for axis, _ in figures.by_axis]
    keys = category_keys("a", len(axis_ids))
    overall = dict(figures.overall.by_health)
    traces: list[Figure] = []
    for state in HEALTH_STATES:
        if not overall.get(state):
            continue  # a legend entry for a state no project is in would be noise
        color, pattern = HEALTH_STYLE[state]
        traces.append(
            {
                "type": "bar",
                "name": health_names[state],
                "y": keys,
                "x": [counts[axis_id][state] for axis_id in axis_ids],
                # Stacked segments are parted by a line of the page's background (see halo).
                "marker": {
                    "color": color,
                    "line": {"color": "#ffffff", "width": 1.5},
                    # The template's pattern, a little larger and more opaque.
                    "pattern": {"shape": pattern, "size": 7, "fgopacity": 0.75},
                },
                "meta": {"halo": True},
                **hover_data(
                    [
                        hover(
                            title,
                            (
                                health_names[state],
                                format_number(counts[axis_id][state], language),
                            ),
                            language=language,
                        )
                        for axis_id, title in zip(axis_ids, titles, strict=True)
                    ]
                ),
            }
        )
    totals = figures.charts.health
    per_axis_total = [total for _, total in totals.by_axis]
    layout = base_layout(
        language,
        rows_height(len(keys), 44),
        xaxis=count_axis(max(per_axis_total, default=0)),
        yaxis=category_axis(keys, titles, in_trace_order=bool(traces)),
        barmode="stack",
        bargap=0.35,
    )
    table = Table(
        caption=word(language, "tab.health_by_axis"),
        headers=(
            word(language, "axis"),
            *(health_names[s] for s in HEALTH_STATES),
            word(language, "total"),
        ),
        rows=tuple(
            (
                title,
                *(format_number(counts[axis_id][s], language) for s in HEALTH_STATES),
                format_number(total, language),
            )
            for axis_id, title, total in zip(axis_ids, titles, per_axis_total, strict=True)
        ),
        numeric=(False, *(True for _ in HEALTH_STATES), True),
        totals=(
            word(language, "total"),
            *(format_number(overall[s], language) for s in HEALTH_STATES),
            format_number(totals.total, language),
        ),
    )
    total = totals.total
    if total == 0:
        takeaway = word(language, "health.none")
    else:
        takeaway = counted(
            language,
            "health.takeaway",
            total,
            total=format_number(total, language),
            critical=format_number(overall["critical"], language),
            watch=format_number(overall["watch"], language),
            good=format_number(overall["good"], language),
            outdated=format_number(totals.outdated, language),
        )
    return Chart(
        "health-by-axis",
        word(language, "cap.health_by_axis"),
        takeaway,
        {"data": traces, "layout": layout},
        table,
        language,
    )
