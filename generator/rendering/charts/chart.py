"""What a chart is (a figure, a takeaway, a caption and a table of the same data) and how it
is written into a Markdown page as one self-contained HTML block."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from generator.i18n import DEFAULT_LANGUAGE
from generator.rendering.charts.text import plain, word

Figure = dict[str, Any]


# --- what a chart is ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """The data of a chart as a table of already-formatted cells.

    `numeric` flags the columns that hold numbers (right-aligned); missing flags count as
    text. `totals` is an optional last row (a sum), written in the table's footer."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    totals: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Chart:
    """A figure to draw, what it shows in one sentence, and its data as a table.

    `figure` is complete: its `layout.template` holds what every figure shares (see
    `layout.chart_template`), the same object in every figure of a language. `id` is derived
    from names (stable from one build to the next) and unique in a page; `language` is the
    language of the block's own words (the table toggle, the loading text)."""

    id: str
    caption: str
    takeaway: str
    figure: Figure
    table: Table
    language: str = DEFAULT_LANGUAGE


def digest(keys: Iterable[str]) -> str:
    """A short stable name for a set of keys (no random ids: builds must be reproducible)."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:10]


# --- HTML --------------------------------------------------------------------------------------

_JSON_ESCAPES: Final = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_DEFAULT_HEIGHT: Final = 400


def _json(value: Any) -> str:
    """Compact, sorted JSON: the same figures give the same bytes."""
    return json.dumps(
        value,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        allow_nan=False,
    )


def figure_json(figure: Figure) -> str:
    """The figure as compact, sorted JSON that is safe as raw text in HTML, for a figure
    written in its page: no `<`, `>` or `&` (so `</script>` or `</template>` in a title can
    close no tag, and no entity is decoded) and no U+2028/2029 line separators."""
    text = _json(figure)
    # One pass of str.replace per character: hovers hold many tags (`<b>`, `<br>`), and a
    # regular expression calling back into Python for each was most of this function's time.
    for character, escaped in _JSON_ESCAPES.items():
        if character in text:
            text = text.replace(character, escaped)
    return text


def chart_data(figures: Mapping[str, Figure], template: Figure) -> bytes:
    """The JSON file of one page's charts, fetched by charts.js when the first one nears the
    viewport: `{"figures": {chart id: figure}}`.

    Every figure of the site shares one plotly template (its `layout.template`, given here):
    it is left out of each figure and published once for the whole site (`template_file`),
    which charts.js fetches once and gives back to each figure before drawing. The file is
    compact, sorted and not escaped for HTML (it is parsed with JSON.parse, never written in
    a page), so a hover's `<br>` stays four bytes."""
    shared: dict[str, Figure] = {}
    for chart_id, figure in figures.items():
        layout = figure["layout"]
        if layout.get("template") is not template and layout.get("template") != template:
            raise ValueError(f"chart {chart_id!r} has a template of its own: one per site")
        shared[chart_id] = {
            **figure,
            "layout": {key: value for key, value in layout.items() if key != "template"},
        }
    return (_json({"figures": shared}) + "\n").encode("utf-8")


def template_file(template: Figure) -> bytes:
    """The plotly template every figure of the site shares, as the JSON file charts.js
    fetches once (`chart_data` leaves it out of each page's file)."""
    return (_json(template) + "\n").encode("utf-8")


def _e(text: str) -> str:
    """Escaped for HTML text and attributes, on one line (a blank line would end the raw HTML
    block inside the Markdown page)."""
    return html.escape(plain(text), quote=True)


def _html_id(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "chart"


# roadmap.css right-aligns column n of a table of class `roadmap-num-n`, up to this column;
# a number cell further right carries `roadmap-num` itself.
_NUMERIC_COLUMN_CLASSES: Final = 8


def _render_table(table: Table, caption_id: str, *, searchable: bool = True) -> list[str]:
    columns = len(table.headers)
    numeric = (table.numeric + (False,) * columns)[:columns]
    # Numeric columns are named once, on the table, rather than on each of their cells.
    table_classes = "".join(f" roadmap-num-{i + 1}" for i in range(columns)
                            if numeric[i] and i < _NUMERIC_COLUMN_CLASSES)  # fmt: skip
    cell_class = [' class="roadmap-num"' if numeric[i] and i >= _NUMERIC_COLUMN_CLASSES else ""
                  for i in range(columns)]  # fmt: skip

    def row_html(row: tuple[str, ...]) -> str:
        if len(row) != columns:
            raise ValueError(f"{table.caption}: a row has {len(row)} cells for {columns} columns")
        cells = []
        for i, cell in enumerate(row):
            # The first cell names the row (an axis, a project, a year).
            tag, scope = ("th", ' scope="row"') if i == 0 else ("td", "")
            cells.append(f"<{tag}{scope}{cell_class[i]}>{_e(cell)}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    head = "".join(
        f'<th scope="col"{cell_class[i]}>{_e(h)}</th>'
        for i, h in enumerate(table.headers)
    )
    lines = [
        # Focusable, named region: a wide table scrolls sideways on a phone, and a keyboard
        # user must be able to reach and scroll it.
        f'<div class="roadmap-table-scroll" role="region" tabindex="0" '
        f'aria-labelledby="{caption_id}"{"" if searchable else " data-search-exclude"}>',
        f'<table class="roadmap-table{table_classes}">',
        f'<caption id="{caption_id}">{_e(table.caption)}</caption>',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *(row_html(row) for row in table.rows),
        "</tbody>",
    ]
    if table.totals is not None:
        lines.append(f"<tfoot>{row_html(table.totals)}</tfoot>")
    lines += ["</table>", "</div>"]
    return lines


def chart_html_id(chart: Chart) -> str:
    return "roadmap-chart-" + _html_id(chart.id)


def render_table(chart: Chart) -> str:
    """The chart's data table alone (as `render_chart` writes it inside the figure), for a
    page that shows it in full rather than behind the figure's toggle. Like the figure's
    own table, it is kept out of the search index (figures, already in the text)."""
    caption_id = f"{chart_html_id(chart)}-table"
    return "\n".join(_render_table(chart.table, caption_id, searchable=False))


def _figure_template(chart: Chart, figure_url: str | None) -> str:
    if figure_url is None:
        return (
            '<template class="roadmap-chart__figure" data-search-exclude>'
            f"{figure_json(chart.figure)}</template>"
        )
    source = html.escape(figure_url, quote=True)
    return (
        '<template class="roadmap-chart__figure" data-search-exclude '
        f'data-src="{source}"></template>'
    )


def render_chart(
    chart: Chart,
    *,
    open_table: bool = False,
    figure_url: str | None = None,
    data_table: str | None = None,
    searchable: bool = True,
) -> str:
    """One HTML block, without blank lines, for a Markdown page.

    It reads in order: the caption, the takeaway, the chart's place (its height reserved,
    with roadmap.css's loading note until charts.js draws it; hidden from screen readers,
    which get the table instead), the figure, and the data table in a `<details>`
    (`open_table` opens it).
    Without JavaScript the caption, takeaway and table are all there.

    The figure is an inert `<template>`, not a `<script type="application/json">`: Material's
    instant navigation re-creates every `<script>` of the new page without its attributes,
    which would run the JSON as JavaScript (a syntax error) and lose it. The template holds
    the figure's JSON, its plotly template inline, or, given `figure_url` (the page's chart
    data file, `chart_data`, relative to the page, then `#` and the figure's key in it), is
    empty and points at it: charts.js fetches the file when the chart nears the viewport and
    gives the figure the site's template. Both are kept out of the search index.

    `data_table`, the HTML of a table that the page shows anyway and that holds the same data
    (a project's milestones), takes the place of the chart's own table, shown in full: the
    page does not repeat it. Without `searchable`, the whole figure (caption and takeaway
    included) stays out of the search index: sentences every page of a kind repeats."""
    html_id = chart_html_id(chart)
    layout = chart.figure.get("layout", {})
    height = (
        int(layout.get("height", _DEFAULT_HEIGHT)) if isinstance(layout, dict) else _DEFAULT_HEIGHT
    )
    language = chart.language
    if data_table is not None:
        table_lines = [data_table]
    else:
        table_lines = [
            # The table repeats the figure's numbers, which are in the page's own text and
            # tables: kept out of the search index.
            f'<details class="roadmap-chart__data"{" open" if open_table else ""} '
            "data-search-exclude>",
            f"<summary>{_e(word(language, 'table_toggle'))}</summary>",
            *_render_table(chart.table, f"{html_id}-table"),
            "</details>",
        ]
    excluded = "" if searchable else " data-search-exclude"
    lines = [
        f'<figure class="roadmap-chart" id="{html_id}"{excluded}>',
        f'<figcaption class="roadmap-chart__caption">{_e(chart.caption)}</figcaption>',
        f'<p class="roadmap-chart__takeaway">{_e(chart.takeaway)}</p>',
        # Empty: roadmap.css writes what it says while the chart loads, or if it fails, in
        # the page's language (once for the whole site rather than in every chart).
        f'<div class="roadmap-chart__plot" aria-hidden="true" style="height:{height}px"></div>',
        _figure_template(chart, figure_url),
        *table_lines,
        "</figure>",
    ]
    return "\n".join(lines)
