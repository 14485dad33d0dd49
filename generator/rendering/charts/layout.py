"""What every figure shares: the colour-blind-safe palette, how each series is told apart
without colour, the base layout, and axes whose ticks are written in the roadmap's language."""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import re
from collections.abc import Sequence
from typing import Any, Final

from babel.dates import format_date as babel_format_date
from babel.numbers import get_decimal_symbol, get_group_symbol

from generator.figures.derive import HealthState, MilestoneState
from generator.rendering.charts.chart import Figure
from generator.rendering.charts.text import word, wrap
from generator.rendering.formatting import format_amount_short, format_date, locale_of

# --- palette and encodings ---------------------------------------------------------------------

# Okabe–Ito colours, the orange darkened, so that every mark keeps a contrast of at least 3:1
# against both Material palettes: white (`default`) and #1e2129 (`slate`). A test checks it.
BLUE: Final = "#0072B2"
ORANGE: Final = "#B07800"
GREEN: Final = "#009E73"
VERMILLION: Final = "#D55E00"
PURPLE: Final = "#CC79A7"
GREY: Final = "#7F7F7F"
PALETTE: Final = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, GREY)

# Colour and fill pattern of each series: the pattern tells them apart without colour
# (colour blindness, grey-scale print); legends, hovers and tables also say it in words.
MEASURES: Final = (
    ("planned", BLUE, ""),
    ("committed", ORANGE, "/"),
    ("spent", GREEN, "."),
)
HEALTH_STYLE: Final[dict[HealthState, tuple[str, str]]] = {
    "good": (GREEN, ""),
    "watch": (ORANGE, "/"),
    "critical": (VERMILLION, "x"),
    "stale": (PURPLE, "-"),
    "unknown": (GREY, "."),
}
STATUS_STYLE: Final[dict[str, tuple[str, str]]] = {
    "planned": (PURPLE, "."),
    "in_progress": (BLUE, ""),
    "done": (GREEN, "/"),
    "on_hold": (ORANGE, "-"),
    "cancelled": (GREY, "x"),
}
# Milestone states by marker symbol as well as colour.
MILESTONE_STATES: Final[tuple[MilestoneState, ...]] = (
    "reached",
    "late",
    "slipping",
    "on_time",
    "dropped",
)
MILESTONE_STYLE: Final[dict[MilestoneState, tuple[str, str]]] = {
    "reached": (GREEN, "circle"),
    "on_time": (BLUE, "diamond"),
    "late": (VERMILLION, "x"),
    "slipping": (ORANGE, "triangle-right"),
    # A stopped project's pending milestone: grey and hollow, never the on-time diamond.
    "dropped": (GREY, "square-open"),
}

FONT_SIZE: Final = 13
MS_PER_DAY: Final = 86_400_000


def rgba(color: str, alpha: float) -> str:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


# --- layout and axes ---------------------------------------------------------------------------


# Below this container width (CSS pixels) charts.js switches a figure to its narrow variant.
NARROW_WIDTH: Final = 560
_NARROW_FONT_SIZE: Final = 12
_NARROW: Final = "_narrow"  # key of an axis's narrow variant until base_layout files it in meta
_AXIS_KEY: Final = re.compile(r"^[xy]axis\d*$")


def number(value: float) -> float:
    """`169000` rather than `169000.0` in the JSON: amounts are mostly whole."""
    return int(value) if value.is_integer() else value


@functools.lru_cache(maxsize=8)
def chart_template(language: str) -> Figure:
    """What every figure shares, as a plotly template (`layout.template`): written once per
    chart data file rather than in each figure (see `chart.chart_data`), and cycled by plotly
    over every trace of a type (`data.bar` has one item). One object per language: never
    change it.

    Its `layout.meta` holds what every figure's narrow variant shares (see `base_layout`):
    plotly ignores it, charts.js reads it. Colours that depend on the light/dark palette
    (text, grid, hover box) are set by charts.js from the page's CSS custom properties."""
    locale = locale_of(language)
    axis = {"fixedrange": True, "automargin": True, "showgrid": True}
    layout: Figure = {
        "margin": {"l": 8, "r": 16, "t": 8, "b": 8, "pad": 4},
        "font": {"size": FONT_SIZE},
        # plotly's number separators: decimal mark, then thousands separator.
        "separators": get_decimal_symbol(locale) + get_group_symbol(locale),
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "showlegend": True,
        # A tap on a legend item would hide a series with no visible way back on a phone.
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "traceorder": "normal",
            "itemclick": False,
            "itemdoubleclick": False,
        },
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        # No zoom or pan: on a touch screen they would catch the page's scrolling.
        "dragmode": False,
        # For every x and y axis (xaxis2 included); category axes have no grid.
        "xaxis": axis,
        "yaxis": axis,
        # A panel's title (budget.py), in the top left corner of its panel.
        "annotationdefaults": {
            "showarrow": False,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "xanchor": "left",
            "yanchor": "bottom",
        },
        "meta": {"narrow": {"font.size": _NARROW_FONT_SIZE}, "narrow_below": NARROW_WIDTH},
    }
    # Bars are horizontal unless they say otherwise; the budget measures' fill pattern.
    bar: Figure = {
        "orientation": "h",
        "marker": {
            "line": {"width": 1},
            "pattern": {
                "fillmode": "overlay",
                "size": 6,
                "solidity": 0.3,
                "fgcolor": "#ffffff",
                "fgopacity": 0.7,
            },
        },
    }
    # Markers of 12 px, lines grey and 2 px wide. Scatter is plotly's default trace type:
    # scatter traces leave `type` out.
    scatter: Figure = {
        "mode": "markers",
        "marker": {"size": 12},
        "line": {"color": GREY, "width": 2},
    }
    return {"layout": layout, "data": {"bar": [bar], "scatter": [scatter]}}


def base_layout(language: str, height: int, **extra: Any) -> Figure:
    """A figure's layout: its height, the shared template (`chart_template`) and `extra`.

    On a phone, a figure switches to its narrow variant: a set of `relayout` paths, those
    every figure shares (a smaller font, in the template's `layout.meta`) and the figure's
    own, filed in `layout.meta` as `narrow`: axes may carry a narrow variant (shorter tick
    labels, fewer ticks), where None means "not set". charts.js applies it below the width
    given in the template's `layout.meta`, having read the paths' wide values from the
    figure (or its template), to restore them when the chart grows wide again. A narrow value
    equal to the wide one is left out."""
    layout: Figure = {"height": height, "template": chart_template(language)}
    narrow: dict[str, Any] = {}
    for key, value in extra.items():
        if _AXIS_KEY.match(key) and isinstance(value, dict) and _NARROW in value:
            value = {k: v for k, v in value.items() if k != _NARROW}
            for attribute, narrow_value in extra[key][_NARROW].items():
                if narrow_value != value.get(attribute):
                    narrow[f"{key}.{attribute}"] = narrow_value
        layout[key] = value
    if narrow:
        layout["meta"] = {"narrow": narrow}
    return layout


def _nice_step(maximum: float, ticks: int) -> float:
    raw = maximum / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)


def _amount_ticks(maximum: float, ticks: int, language: str, currency: str) -> Figure:
    if maximum <= 0:
        values = [0.0, 1.0]
    else:
        step = _nice_step(maximum, ticks)
        values = [round(i * step, 6) for i in range(math.ceil(maximum / step - 1e-9) + 1)]
    return {
        "tickvals": [number(v) for v in values],
        "ticktext": [format_amount_short(v, language, currency) for v in values],
        "range": [0, number(values[-1] * 1.02)],
    }


def amount_axis(maximum: float, language: str, currency: str) -> Figure:
    """A value axis in amounts, with French ticks written here (`2,5 M€`) rather than by
    plotly, which only knows SI prefixes (`2.5M`); fewer ticks on a phone."""
    return {
        **_amount_ticks(maximum, 5, language, currency),
        _NARROW: _amount_ticks(maximum, 3, language, currency),
    }


def count_axis(maximum: int) -> Figure:
    step = 1 if maximum <= 8 else max(1, round(_nice_step(maximum, 5)))
    return {
        "tickmode": "linear",
        "tick0": 0,
        "dtick": step,
        "range": [0, number(max(maximum, 1) * 1.04)],
        "tickformat": ",d",
    }


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


_MONTH_STEPS: Final = (1, 3, 6, 12, 24, 60, 120)


def _date_ticks(low: dt.date, high: dt.date, max_ticks: int, language: str) -> Figure:
    """The finest of months, quarters, half-years, years… that gives at most `max_ticks`
    ticks between `low` and `high`, labelled in the roadmap's language; years by plotly
    (`2021`: the same in every language), the others here (`janv. 2021`). None: not set."""
    values, labels = _tick_dates(low, high, max_ticks, language)
    if labels is None:
        return {"tickvals": list(values), "ticktext": None, "tickformat": "%Y"}
    return {"tickvals": list(values), "ticktext": list(labels), "tickformat": None}


# Remembered: every project's and indicator's chart has a date axis, and most share their
# bounds' months; the labels go through Babel.
@functools.lru_cache(maxsize=4096)
def _tick_dates(
    low: dt.date, high: dt.date, max_ticks: int, language: str
) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    ticks: list[dt.date] = []
    step = _MONTH_STEPS[0]
    for step in _MONTH_STEPS:
        tick = _month_start(low, 1)
        while (tick.month - 1) % min(step, 12) or (step > 12 and tick.year % (step // 12)):
            tick = _month_start(tick, 1)
        ticks = []
        while tick <= high:
            ticks.append(tick)
            tick = _month_start(tick, step)
        if len(ticks) <= max_ticks:
            break
    # Ticks are on the first of a month: `2021-07` or, on the first of a year, `2021` say it.
    if step >= 12:
        return tuple(str(t.year) for t in ticks), None
    labels = [str(babel_format_date(t, "MMM y", locale=locale_of(language))) for t in ticks]
    return tuple(f"{t.year}-{t.month:02d}" for t in ticks), tuple(labels)


def date_axis(first: dt.date, last: dt.date, language: str) -> Figure:
    """A date axis with ticks in the roadmap's language (plotly's own are in English)."""
    span = max((last - first).days, 1)
    pad = dt.timedelta(days=max(10, span // 30))
    low, high = first - pad, last + pad
    ticks = _date_ticks(low, high, 7, language)
    return {
        "type": "date",
        "range": [low.isoformat(), high.isoformat()],
        **{attribute: value for attribute, value in ticks.items() if value is not None},
        _NARROW: _date_ticks(low, high, 4, language),
    }


def category_keys(prefix: str, count: int) -> list[str]:
    """Short keys for the categories of an axis (`p0`, `p1`…): plotly places the marks by
    key, which the reader never sees (ticks and hovers show titles), and a key is repeated in
    every mark of its category, so ids or titles would weigh."""
    return [f"{prefix}{index}" for index in range(count)]


def category_axis(
    keys: Sequence[str], labels: Sequence[str], *, in_trace_order: bool = False
) -> Figure:
    """Categories by key (two projects may share a title), labelled with wrapped titles (or
    the keys themselves, when they are the labels), the first at the top as in the table;
    shorter labels on a phone. `in_trace_order`: the first trace has a mark for every key,
    in order (grouped or stacked bars), which plotly's default order follows already."""
    axis: Figure = {
        "type": "category",
        "tickvals": list(keys),
        "autorange": "reversed",
        "showgrid": False,
    }
    if not in_trace_order:
        axis["categoryorder"] = "array"
        axis["categoryarray"] = list(keys)
    ticktext = [wrap(label) for label in labels]
    if ticktext != list(keys):
        axis["ticktext"] = ticktext
        narrow = [wrap(label, width=15) for label in labels]
        if narrow != ticktext:
            axis[_NARROW] = {"ticktext": narrow}
    return axis


def as_of_line(as_of: dt.date, language: str, yaxis: str = "y2") -> tuple[Figure, Figure]:
    """The reporting date as a full-height dashed line, drawn as a trace on a hidden axis
    (0 to 1) rather than as a shape so that it has a legend entry and a hover."""
    label = word(language, "as_of_line", date=format_date(as_of, language))
    trace: Figure = {
        "mode": "lines",
        "name": label,
        "x": [as_of.isoformat(), as_of.isoformat()],
        "y": [0, 1],
        "yaxis": yaxis,
        "line": {"dash": "dash"},  # grey, 2 px: the template's
        "hovertemplate": f"{html.escape(label, quote=False)}<extra></extra>",
    }
    axis: Figure = {
        "overlaying": "y",
        "range": [0, 1],
        "visible": False,
    }
    return trace, axis


def rows_height(rows: int, per_row: int, base: int = 110, minimum: int = 220) -> int:
    return max(minimum, base + rows * per_row)
