"""Charts: the derived figures laid out as plotly figures, each with a takeaway and a table.

Every builder returns a `Chart`: a plotly figure as a plain JSON-able dict (built here, drawn
in the browser by `generator/assets/charts.js`), a one-sentence takeaway computed from the
figures, a caption, and a `Table` of the same data, so that nothing exists only in a chart.
`render_chart` turns a chart into one self-contained HTML block for a Markdown page,
`chart_data` writes the figures of a page's charts as one JSON file, `template_file` the
plotly template they all share (published once for the site), and `chart_assets` lists the
files the site must publish for them.

Numbers and dates in hovers, ticks and sentences are written by `generator.rendering.formatting`,
so a chart says `1,2 M€` and `30 juin 2020` like the rest of the page.

Modules: `chart` (what a chart is, its HTML and data file), `text` (the `charts` catalogue's
words and sentences, user text and hovers for plotly), `layout` (palette, shared template,
base layout, axes), one module per subject (`budget`, `health`, `schedule`, `indicators`),
and `assets`.
"""

from __future__ import annotations

from generator.rendering.charts.budget import (
    axis_budget,
    budget_by_axis,
    budget_by_funder,
    budget_by_year,
    project_budget,
)
from generator.rendering.charts.chart import (
    Chart,
    Figure,
    Table,
    chart_data,
    figure_json,
    render_chart,
    render_table,
    template_file,
)
from generator.rendering.charts.files import (
    ASSETS_DIR,
    EXTRA_CSS,
    EXTRA_JAVASCRIPT,
    PLOTLY_JS_ENV,
    PLOTLY_SITE_PATH,
    TEMPLATE_SITE_PATH,
    chart_assets,
    plotly_js_path,
)
from generator.rendering.charts.health import health_by_axis
from generator.rendering.charts.indicators import indicator_chart
from generator.rendering.charts.layout import (
    MILESTONE_STATES,
    NARROW_WIDTH,
    PALETTE,
    chart_template,
)
from generator.rendering.charts.schedule import (
    TIMELINE_BY_AXIS_ID,
    TIMELINE_MAX_PROJECTS,
    portfolio_timeline,
    project_milestones,
    timeline_by_axis,
)

__all__ = [
    "ASSETS_DIR",
    "EXTRA_CSS",
    "EXTRA_JAVASCRIPT",
    "MILESTONE_STATES",
    "NARROW_WIDTH",
    "PALETTE",
    "PLOTLY_JS_ENV",
    "PLOTLY_SITE_PATH",
    "TEMPLATE_SITE_PATH",
    "TIMELINE_BY_AXIS_ID",
    "TIMELINE_MAX_PROJECTS",
    "Chart",
    "Figure",
    "Table",
    "axis_budget",
    "budget_by_axis",
    "budget_by_funder",
    "budget_by_year",
    "chart_assets",
    "chart_data",
    "chart_template",
    "figure_json",
    "health_by_axis",
    "indicator_chart",
    "plotly_js_path",
    "portfolio_timeline",
    "project_budget",
    "project_milestones",
    "render_chart",
    "render_table",
    "template_file",
    "timeline_by_axis",
]
