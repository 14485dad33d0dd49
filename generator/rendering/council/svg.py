"""The report's charts as vector SVG drawn from the derived figures: no browser, no plotly.

Two kinds are enough for a printed report: grouped bars of planned, committed and spent
amounts (one group per category) and bars of counts (one bar per category, such as the
projects in each health state). Each series has its own fill pattern as well as its colour
and every bar is labelled with its category and value in words, so that a black-and-white
print and a colour-blind reader lose nothing. The SVG's `<title>` is the chart's alternative
text (the PDF engine tags the figure with it) and its data table is printed beside it.

Only positions are computed here (scaling values to widths); every value shown comes from
`generator.figures`, already formatted by the caller.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from markupsafe import Markup

from generator.rendering.charts.layout import HEALTH_STYLE, MEASURES

WIDTH: Final = 640  # CSS px: the text width of an A4 page with the report's margins
LABEL_WIDTH: Final = 210  # left column holding each category's name
VALUE_ROOM: Final = 90  # room kept right of the longest bar for its value
BAR: Final = 11
GAP: Final = 3
GROUP_GAP: Final = 12
LEGEND_HEIGHT: Final = 26
FONT: Final = "DejaVu Sans, sans-serif"
INK: Final = "#1a1a1a"
LABEL_CHARS: Final = 32  # characters of a category name per line
LABEL_LINES: Final = 2


@dataclass(frozen=True)
class Series:
    """One kind of bar: its name in words, its colour and its pattern (a plotly-like shape:
    "" solid, "/" hatched, "." dotted, "x" crossed, "-" lined)."""

    name: str
    colour: str
    pattern: str


@dataclass(frozen=True)
class Row:
    """One category: its name, and for each series a value and that value in words."""

    label: str
    values: tuple[float, ...]
    texts: tuple[str, ...]


def budget_series(names: Sequence[str]) -> tuple[Series, ...]:
    """The planned, committed and spent series, named `names`, styled as on the site."""
    return tuple(
        Series(name, colour, pattern)
        for name, (_, colour, pattern) in zip(names, MEASURES, strict=True)
    )


def health_series(state: str, name: str) -> Series:
    colour, pattern = HEALTH_STYLE[state]  # type: ignore[index]
    return Series(name, colour, pattern)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _pattern(pattern_id: str, series: Series) -> str:
    """A fill that tells the series apart without colour."""
    colour = series.colour
    shapes = {
        "": "",
        "/": f'<path d="M0 6 L6 0 M-1 1 L1 -1 M5 7 L7 5" stroke="{colour}" stroke-width="1.6"/>',
        "x": f'<path d="M0 0 L6 6 M0 6 L6 0" stroke="{colour}" stroke-width="1.3"/>',
        "-": f'<path d="M0 3 L6 3" stroke="{colour}" stroke-width="1.6"/>',
        ".": f'<circle cx="3" cy="3" r="1.3" fill="{colour}"/>',
    }
    if series.pattern == "":
        return ""
    return (
        f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#ffffff"/>{shapes.get(series.pattern, "")}</pattern>'
    )


def _fill(pattern_id: str, series: Series) -> str:
    return series.colour if series.pattern == "" else f"url(#{pattern_id})"


def _label_lines(label: str) -> list[str]:
    """A category name on at most two lines, cut with `…` (the table beside gives it whole)."""
    words_left = label.split()
    lines: list[str] = []
    current = ""
    while words_left and len(lines) < LABEL_LINES:
        word = words_left[0]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= LABEL_CHARS or not current:
            current = candidate[: LABEL_CHARS + 8]
            words_left.pop(0)
        else:
            lines.append(current)
            current = ""
    if current and len(lines) < LABEL_LINES:
        lines.append(current)
    if words_left and lines:
        lines[-1] = lines[-1][: LABEL_CHARS - 1].rstrip() + "…"
    return lines or [""]


def bar_chart(chart_id: str, alt: str, series: Sequence[Series], rows: Sequence[Row]) -> Markup:
    """Horizontal bars: one group per row, one bar per series, each labelled with its value;
    a legend on top names each series beside its swatch. `alt` becomes the SVG's title."""
    maximum = max((v for row in rows for v in row.values), default=0.0)
    plot_width = WIDTH - LABEL_WIDTH - VALUE_ROOM
    group_height = max(len(series) * (BAR + GAP) - GAP, LABEL_LINES * 12)
    height = LEGEND_HEIGHT + len(rows) * (group_height + GROUP_GAP) + 4
    ids = [f"{chart_id}-p{index}" for index in range(len(series))]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="10" fill="{INK}">',
        f"<title>{_esc(alt)}</title>",
        "<defs>" + "".join(_pattern(i, s) for i, s in zip(ids, series, strict=True)) + "</defs>",
    ]
    # Legend: a swatch and the series' name, side by side.
    x = LABEL_WIDTH
    for pattern_id, s in zip(ids, series, strict=True):
        parts.append(
            f'<rect x="{x}" y="6" width="14" height="11" fill="{_fill(pattern_id, s)}" '
            f'stroke="{INK}" stroke-width="0.6"/>'
            f'<text x="{x + 19}" y="15">{_esc(s.name)}</text>'
        )
        x += 30 + 7 * len(s.name)
    y = LEGEND_HEIGHT
    for row in rows:
        lines = _label_lines(row.label)
        first = y + group_height / 2 - (len(lines) - 1) * 6 + 3.5
        for index, line in enumerate(lines):
            parts.append(
                f'<text x="{LABEL_WIDTH - 8}" y="{first + index * 12:.1f}" '
                f'text-anchor="end">{_esc(line)}</text>'
            )
        bar_y = y + (group_height - (len(series) * (BAR + GAP) - GAP)) / 2
        for pattern_id, s, value, text in zip(ids, series, row.values, row.texts, strict=True):
            width = plot_width * value / maximum if maximum > 0 else 0.0
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y:.1f}" width="{width:.1f}" height="{BAR}" '
                f'fill="{_fill(pattern_id, s)}" stroke="{INK}" stroke-width="0.6"/>'
                f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{bar_y + BAR - 2:.1f}">'
                f"{_esc(text)}</text>"
            )
            bar_y += BAR + GAP
        y += group_height + GROUP_GAP
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{LEGEND_HEIGHT - 4}" x2="{LABEL_WIDTH}" '
        f'y2="{height - 2}" stroke="{INK}" stroke-width="0.8"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def count_chart(chart_id: str, alt: str, bars: Sequence[tuple[Series, float, str]]) -> Markup:
    """Horizontal bars, one a category, each in its own style and named at its left (so no
    legend is needed): the projects in each health state. `bars` holds each category's
    style, value and value in words."""
    maximum = max((value for _, value, _ in bars), default=0.0)
    plot_width = WIDTH - LABEL_WIDTH - VALUE_ROOM
    row_height = BAR + 2 * GAP + 4
    height = len(bars) * row_height + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="10" fill="{INK}">',
        f"<title>{_esc(alt)}</title>",
        "<defs>"
        + "".join(_pattern(f"{chart_id}-p{i}", s) for i, (s, _, _) in enumerate(bars))
        + "</defs>",
    ]
    y = 4.0
    for index, (s, value, text) in enumerate(bars):
        width = plot_width * value / maximum if maximum > 0 else 0.0
        fill = _fill(f"{chart_id}-p{index}", s)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 2:.1f}" text-anchor="end">'
            f"{_esc(s.name)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{width:.1f}" height="{BAR}" '
            f'fill="{fill}" stroke="{INK}" stroke-width="0.6"/>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + BAR - 2:.1f}">{_esc(text)}</text>'
        )
        y += row_height
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height - 2}" '
        f'stroke="{INK}" stroke-width="0.8"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
