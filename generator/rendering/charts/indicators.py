"""An indicator's path: its baseline, its measurements and its target."""

from __future__ import annotations

import datetime as dt

from generator.figures.derive import IndicatorFigure
from generator.model import Roadmap
from generator.rendering.charts.chart import Chart, Figure, Table
from generator.rendering.charts.layout import BLUE, GREEN, GREY, base_layout, date_axis, number
from generator.rendering.charts.text import Hover, hover, hover_data, plain, svg_text, word
from generator.rendering.formatting import (
    format_date,
    format_date_short,
    format_number,
    format_percent,
)


def _value(value: float, unit: str, language: str) -> str:
    """`12 démarches`, `45 %`, `2,5 jours`."""
    written = format_number(value, language, 2)
    if unit.strip() == "%":
        return word(language, "value_percent", value=written)
    return word(language, "value_unit", value=written, unit=plain(unit))


def indicator_chart(indicator_figure: IndicatorFigure, roadmap: Roadmap, language: str) -> Chart:
    """An indicator: its baseline, its measurements joined by a line, its target, and the
    straight path from baseline to target as a dotted reference."""
    i = indicator_figure
    indicator = i.indicator
    unit = indicator.unit
    measures = sorted(indicator.measurements, key=lambda m: m.date)
    base, target = indicator.baseline, indicator.target

    def point_hover(kind: str, date: dt.date, value: float) -> Hover:
        return hover(
            indicator.title,
            (kind, _value(value, unit, language)),
            (word(language, "date"), format_date(date, language)),
            language=language,
        )

    traces: list[Figure] = [
        {
            "mode": "lines",
            "name": word(language, "trajectory"),
            "x": [base.date.isoformat(), target.date.isoformat()],
            "y": [number(base.value), number(target.value)],
            "line": {"dash": "dot"},  # grey, 2 px: the template's
            "hoverinfo": "skip",
        }
    ]
    if measures:
        traces.append(
            {
                "mode": "lines+markers",
                "name": word(language, "measure"),
                # The line starts at the baseline so that the path since then reads at a glance.
                "x": [base.date.isoformat(), *(m.date.isoformat() for m in measures)],
                "y": [number(base.value), *(number(m.value) for m in measures)],
                "line": {"color": BLUE, "width": 3},
                "marker": {"color": BLUE, "symbol": "circle", "size": 10},
                **hover_data(
                    [
                        point_hover(word(language, "baseline"), base.date, base.value),
                        *(
                            point_hover(word(language, "measure"), m.date, m.value)
                            for m in measures
                        ),
                    ]
                ),
            }
        )
    traces.append(
        {
            "name": word(language, "baseline"),
            "x": [base.date.isoformat()],
            "y": [number(base.value)],
            "marker": {"color": GREY, "symbol": "square"},
            **hover_data([point_hover(word(language, "baseline"), base.date, base.value)]),
        }
    )
    traces.append(
        {
            "name": word(language, "target"),
            "x": [target.date.isoformat()],
            "y": [number(target.value)],
            "marker": {"color": GREEN, "symbol": "star", "size": 16},
            **hover_data([point_hover(word(language, "target"), target.date, target.value)]),
        }
    )
    dates = [base.date, target.date, *(m.date for m in measures)]
    values = [base.value, target.value, *(m.value for m in measures)]
    low, high = min(values), max(values)
    margin = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    layout = base_layout(
        language,
        340,
        xaxis=date_axis(min(dates), max(dates), language),
        yaxis={
            "title": {"text": svg_text(unit)},
            "range": [
                number(min(0.0, low - margin) if low >= 0 else low - margin),
                number(high + margin),
            ],
            "tickformat": ",~r",
        },
    )
    rows = [
        (
            format_date_short(base.date, language),
            word(language, "baseline"),
            _value(base.value, unit, language),
        ),
        *(
            (
                format_date_short(m.date, language),
                word(language, "measure"),
                _value(m.value, unit, language),
            )
            for m in measures
        ),
        (
            format_date_short(target.date, language),
            word(language, "target"),
            _value(target.value, unit, language),
        ),
    ]
    table = Table(
        caption=word(language, "tab.indicator", indicator=plain(indicator.title)),
        headers=(
            word(language, "date"),
            word(language, "kind"),
            word(language, "value"),
        ),
        rows=tuple(rows),
        numeric=(True, False, True),
    )
    return Chart(
        f"indicator-{i.project.id}-{indicator.id}",
        word(language, "cap.indicator", indicator=plain(indicator.title)),
        _indicator_sentence(i, language),
        {"data": traces, "layout": layout},
        table,
        language,
    )


def _indicator_sentence(i: IndicatorFigure, language: str) -> str:
    indicator, unit = i.indicator, i.indicator.unit
    values = {
        "baseline": _value(indicator.baseline.value, unit, language),
        "target": _value(indicator.target.value, unit, language),
        "target_date": format_date(indicator.target.date, language),
    }
    if i.latest is None:
        return word(
            language,
            "ind.no_measure",
            date=format_date(indicator.baseline.date, language),
            **values,
        )
    latest = {
        "latest": _value(i.latest.value, unit, language),
        "date": format_date(i.latest.date, language),
    }
    if i.progress_pct is None:
        return word(language, "ind.flat", **latest, **values)
    if i.progress_pct < 0:
        return word(language, "ind.backwards", **latest, **values)
    return word(
        language, "ind.progress", pct=format_percent(i.progress_pct, language), **latest, **values
    )
