"""The health of projects by axis, stale and missing ratings included."""

from __future__ import annotations

from generator.charts.chart import Chart, Figure, Table
from generator.charts.layout import (
    HEALTH_STYLE,
    base_layout,
    category_axis,
    count_axis,
    rows_height,
)
from generator.charts.text import counted, hover, lang, plain, word
from generator.derive import HEALTH_STATES, Figures
from generator.formatting import format_number
from generator.labels import HEALTH, words


def health_by_axis(figures: Figures, language: str) -> Chart:
    """Projects per health state and axis (stacked bars), stale and missing ratings included."""
    health_words = words(HEALTH, language)
    counts = {axis.id: dict(p.by_health) for axis, p in figures.by_axis}
    keys = [axis.id for axis, _ in figures.by_axis]
    titles = [plain(axis.title) for axis, _ in figures.by_axis]
    overall = dict(figures.overall.by_health)
    traces: list[Figure] = []
    for state in HEALTH_STATES:
        if not overall.get(state):
            continue  # a legend entry for a state no project is in would be noise
        color, pattern = HEALTH_STYLE[state]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": health_words[state],
                "y": keys,
                "x": [counts[key][state] for key in keys],
                # Stacked segments are parted by a line of the page's background (see halo).
                "marker": {
                    "color": color,
                    "line": {"color": "#ffffff", "width": 1.5},
                    "pattern": {
                        "shape": pattern,
                        "fillmode": "overlay",
                        "size": 7,
                        "solidity": 0.3,
                        "fgcolor": "#ffffff",
                        "fgopacity": 0.75,
                    },
                },
                "meta": {"halo": True},
                "customdata": [
                    hover(
                        title,
                        (
                            health_words[state],
                            format_number(counts[key][state], language),
                        ),
                        language=language,
                    )
                    for key, title in zip(keys, titles, strict=True)
                ],
                "hovertemplate": "%{customdata}<extra></extra>",
            }
        )
    per_axis_total = [sum(counts[key].values()) for key in keys]
    layout = base_layout(
        language,
        rows_height(len(keys), 44),
        xaxis=count_axis(max(per_axis_total, default=0)),
        yaxis=category_axis(keys, titles),
        barmode="stack",
        bargap=0.35,
    )
    table = Table(
        caption=word(language, "tab.health_by_axis"),
        headers=(
            word(language, "axis"),
            *(health_words[s] for s in HEALTH_STATES),
            word(language, "total"),
        ),
        rows=tuple(
            (
                title,
                *(format_number(counts[key][s], language) for s in HEALTH_STATES),
                format_number(total, language),
            )
            for key, title, total in zip(keys, titles, per_axis_total, strict=True)
        ),
        numeric=(False, *(True for _ in HEALTH_STATES), True),
        totals=(
            word(language, "total"),
            *(format_number(overall[s], language) for s in HEALTH_STATES),
            format_number(len(figures.overall.projects), language),
        ),
    )
    total = len(figures.overall.projects)
    if total == 0:
        takeaway = word(language, "health.none")
    else:
        takeaway = counted(
            language,
            "health",
            total,
            total=format_number(total, language),
            critical=format_number(overall["critical"], language),
            watch=format_number(overall["watch"], language),
            good=format_number(overall["good"], language),
            outdated=format_number(overall["stale"] + overall["unknown"], language),
        )
    return Chart(
        "health-by-axis",
        word(language, "cap.health_by_axis"),
        takeaway,
        {"data": traces, "layout": layout},
        table,
        lang(language),
    )
