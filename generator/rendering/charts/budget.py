"""Budget charts: planned, committed and spent by axis, funder, year, project (an axis page)
and, for one project, by year and funder."""

from __future__ import annotations

from collections.abc import Sequence

from generator.figures.axes import ProjectChartFigures
from generator.figures.derive import BudgetTotals, Figures, Portfolio, ProjectFigures
from generator.model import Roadmap
from generator.rendering.charts.chart import Chart, Figure, Table, digest
from generator.rendering.charts.layout import (
    MEASURES,
    amount_axis,
    base_layout,
    category_axis,
    category_keys,
    number,
    rows_height,
)
from generator.rendering.charts.text import hover, hover_data, pct, plain, svg_text, word
from generator.rendering.formatting import format_amount, format_amount_short

# --- tables ------------------------------------------------------------------------------------


def budget_cells(totals: BudgetTotals, language: str, currency: str) -> tuple[str, ...]:
    """A row's amounts; one that no budget line reported reads "not given", never 0."""

    def known(amount: float | None) -> str:
        if amount is None:
            return word(language, "not_given")
        return format_amount(amount, language, currency)

    return (
        format_amount(totals.planned, language, currency),
        known(totals.known_committed),
        known(totals.known_spent),
        pct(totals.consumption_pct, language),
    )


def budget_headers(first: str, language: str) -> tuple[str, ...]:
    return (
        first,
        word(language, "planned"),
        word(language, "committed"),
        word(language, "spent"),
        word(language, "consumption"),
    )


# --- takeaways ---------------------------------------------------------------------------------


def budget_sentence(totals: BudgetTotals, language: str, currency: str) -> str:
    """`Sur 14,6 M€ prévus, 4,1 M€ sont engagés et 2 M€ mandatés, soit 14 % du prévu.`"""
    if totals.planned <= 0:
        return word(language, "budget.none")
    amounts = {
        "planned": format_amount_short(totals.planned, language, currency),
        "committed": format_amount_short(totals.committed, language, currency),
        "spent": format_amount_short(totals.spent, language, currency),
        "pct": pct(totals.consumption_pct, language),
    }
    if totals.spent > 0:
        key = "budget.full"
    elif totals.committed > 0:
        key = "budget.committed_only"
    elif not totals.committed_lines and not totals.spent_lines:
        key = "budget.unreported"  # never reported is not "nothing committed"
    else:
        key = "budget.nothing"
    return word(language, key, **amounts)


# --- grouped budget bars -----------------------------------------------------------------------


def budget_traces(
    keys: Sequence[str],
    names: Sequence[str],
    totals: Sequence[BudgetTotals],
    language: str,
    currency: str,
    *,
    horizontal: bool = True,
    axes: tuple[str, str] = ("x", "y"),
    showlegend: bool = True,
    name_label: str | None = None,
) -> list[Figure]:
    """One bar trace per measure (planned, committed, spent) over the given categories (the
    bars' line width and the patterns' look come from the charts' template). The hovers are
    titled with the categories' `names`, after `name_label` if given (`Année : 2020`)."""
    traces: list[Figure] = []
    for measure, color, pattern in MEASURES:
        values = [number(getattr(t, measure)) for t in totals]
        hovers = [
            hover(
                name,
                (word(language, measure), format_amount(getattr(t, measure), language, currency)),
                *(
                    [(word(language, "consumption"), pct(t.consumption_pct, language))]
                    if measure == "spent"
                    else []
                ),
                title_label=name_label,
                language=language,
            )
            for name, t in zip(names, totals, strict=True)
        ]
        marker: Figure = {"color": color, "line": {"color": color}}
        if pattern:
            marker["pattern"] = {"shape": pattern}
        trace: Figure = {
            "type": "bar",
            "name": word(language, measure),
            "x": values if horizontal else list(keys),
            "y": list(keys) if horizontal else values,
            "marker": marker,
            **hover_data(hovers, ("y" if horizontal else "x", keys)),
        }
        if not horizontal:
            trace["orientation"] = "v"
        if not showlegend:
            trace["showlegend"] = False
        if axes != ("x", "y"):
            trace["xaxis"], trace["yaxis"] = axes
        traces.append(trace)
    return traces


def _budget_bar_chart(
    chart_id: str,
    caption: str,
    takeaway: str,
    table: Table,
    names: Sequence[str],
    totals: Sequence[BudgetTotals],
    language: str,
    currency: str,
) -> Chart:
    """Grouped horizontal bars, one group per category (axis, funder, project)."""
    maximum = max((max(t.planned, t.committed, t.spent) for t in totals), default=0.0)
    keys = category_keys("c", len(names))
    layout = base_layout(
        language,
        rows_height(len(keys), 62),
        xaxis=amount_axis(maximum, language, currency),
        yaxis=category_axis(keys, names, in_trace_order=True),
        barmode="group",
        bargap=0.3,
        bargroupgap=0.05,
    )
    figure = {
        "data": budget_traces(keys, names, totals, language, currency),
        "layout": layout,
    }
    return Chart(chart_id, caption, takeaway, figure, table, language)


def budget_by_axis(figures: Figures, language: str) -> Chart:
    """Planned, committed and spent per axis (grouped bars), with the overall consumption."""
    currency = figures.roadmap.currency
    axes = [(plain(axis.title), p.budget) for axis, p in figures.by_axis]
    table = Table(
        caption=word(language, "tab.budget_by_axis"),
        headers=budget_headers(word(language, "axis"), language),
        rows=tuple((title, *budget_cells(totals, language, currency)) for title, totals in axes),
        numeric=(False, True, True, True, True),
        totals=(
            word(language, "total"),
            *budget_cells(figures.overall.budget, language, currency),
        ),
    )
    return _budget_bar_chart(
        "budget-by-axis",
        word(language, "cap.budget_by_axis"),
        budget_sentence(figures.overall.budget, language, currency),
        table,
        [title for title, _ in axes],
        [totals for _, totals in axes],
        language,
        currency,
    )


def budget_by_funder(figures: Figures, language: str) -> Chart:
    """Planned, committed and spent per funder, and the largest funder's share."""
    roadmap, currency = figures.roadmap, figures.roadmap.currency
    funders = [
        (funder_title(roadmap, funder, language), totals)
        for funder, totals in figures.budget_by_funder
    ]
    total = figures.overall.budget
    share = figures.charts.funder_shares
    table = Table(
        caption=word(language, "tab.budget_by_funder"),
        headers=(
            *budget_headers(word(language, "funder"), language),
            word(language, "share"),
        ),
        rows=tuple(
            (title, *budget_cells(t, language, currency), pct(s, language))
            for (title, t), s in zip(funders, share, strict=True)
        ),
        numeric=(False, True, True, True, True, True),
        totals=(
            word(language, "total"),
            *budget_cells(total, language, currency),
            pct(100.0 if total.planned > 0 else None, language),
        ),
    )
    if total.planned <= 0 or not funders:
        takeaway = word(language, "budget.none")
    elif len(funders) == 1:
        takeaway = word(
            language,
            "funder.single",
            funder=funders[0][0],
            total=format_amount_short(total.planned, language, currency),
        )
    else:
        top_funder, top = figures.charts.top_funder or (None, total)
        takeaway = word(
            language,
            "funder.max",
            funder=funder_title(roadmap, top_funder, language),
            pct=pct(figures.charts.top_funder_share, language),
            amount=format_amount_short(top.planned, language, currency),
            total=format_amount_short(total.planned, language, currency),
        )
    return _budget_bar_chart(
        "budget-by-funder",
        word(language, "cap.budget_by_funder"),
        takeaway,
        table,
        [title for title, _ in funders],
        [t for _, t in funders],
        language,
        currency,
    )


def funder_title(roadmap: Roadmap, funder: str | None, language: str) -> str:
    title = roadmap.funder_title(funder) if funder is not None else None
    return plain(title) if title else word(language, "no_funder")


def budget_by_year(figures: Figures, language: str) -> Chart:
    """Planned, committed and spent per budget year (grouped columns: time runs left to right)."""
    currency = figures.roadmap.currency
    years = figures.budget_by_year
    keys = [str(year) for year, _ in years]
    table = Table(
        caption=word(language, "tab.budget_by_year"),
        headers=budget_headers(word(language, "year"), language),
        rows=tuple((str(year), *budget_cells(t, language, currency)) for year, t in years),
        numeric=(False, True, True, True, True),
        totals=(
            word(language, "total"),
            *budget_cells(figures.overall.budget, language, currency),
        ),
    )
    total = figures.overall.budget.planned
    if total <= 0 or not years or figures.charts.top_year is None:
        takeaway = word(language, "budget.none")
    else:
        year, top = figures.charts.top_year
        takeaway = word(
            language,
            "year.max",
            year=year,
            amount=format_amount_short(top.planned, language, currency),
            total=format_amount_short(total, language, currency),
        )
    maximum = max((max(t.planned, t.committed, t.spent) for _, t in years), default=0.0)
    layout = base_layout(
        language,
        360,
        xaxis={"type": "category", "showgrid": False},
        yaxis=amount_axis(maximum, language, currency),
        barmode="group",
        bargap=0.25,
        bargroupgap=0.05,
    )
    traces = budget_traces(keys, keys, [t for _, t in years], language, currency, horizontal=False)
    return Chart(
        "budget-by-year",
        word(language, "cap.budget_by_year"),
        takeaway,
        {"data": traces, "layout": layout},
        table,
        language,
    )


def axis_budget(portfolio: Portfolio, roadmap: Roadmap, language: str) -> Chart:
    """One axis: planned, committed and spent per project, and the axis's consumption."""
    currency = roadmap.currency
    projects = portfolio.projects
    axis_ids = {p.project.axis for p in projects}
    axis_id = next(iter(axis_ids)) if len(axis_ids) == 1 else digest(p.project.id for p in projects)
    axis_title = plain(roadmap.axis(axis_id).title) if len(axis_ids) == 1 else ""
    table = Table(
        caption=word(language, "tab.axis_budget", axis=axis_title),
        headers=budget_headers(word(language, "project"), language),
        rows=tuple(
            (plain(p.project.title), *budget_cells(p.budget, language, currency)) for p in projects
        ),
        numeric=(False, True, True, True, True),
        totals=(
            word(language, "total"),
            *budget_cells(portfolio.budget, language, currency),
        ),
    )
    return _budget_bar_chart(
        f"axis-{axis_id}-budget",
        word(language, "cap.axis_budget"),
        budget_sentence(portfolio.budget, language, currency),
        table,
        [p.project.title for p in projects],
        [p.budget for p in projects],
        language,
        currency,
    )


# --- a project's budget ------------------------------------------------------------------------


def project_budget(
    project_figures: ProjectFigures,
    roadmap: Roadmap,
    language: str,
    chart_figures: ProjectChartFigures,
) -> Chart | None:
    """A project's budget by year and, when several funders pay, by funder (a second panel
    under the first, sharing the amount scale); None without budget lines. `chart_figures`:
    the project's, from `Figures.charts` (computed here by the figures stage if not given)."""
    p = project_figures
    if not p.budget_by_year:
        return None
    currency = roadmap.currency
    years = [str(year) for year, _ in p.budget_by_year]
    funders = [
        (funder_title(roadmap, funder, language), totals) for funder, totals in p.budget_by_funder
    ]
    funder_keys = category_keys("f", len(funders))
    two_panels = len(funders) > 1
    all_totals = [t for _, t in p.budget_by_year] + ([t for _, t in funders] if two_panels else [])
    maximum = max(max(t.planned, t.committed, t.spent) for t in all_totals)
    value_axis = amount_axis(maximum, language, currency)
    traces = budget_traces(
        years,
        years,
        [t for _, t in p.budget_by_year],
        language,
        currency,
        name_label=word(language, "year"),
    )
    year_rows, funder_rows, gap = len(years) * 62, len(funders) * 62, 80
    if two_panels:
        traces += budget_traces(
            funder_keys,
            [title for title, _ in funders],
            [t for _, t in funders],
            language,
            currency,
            axes=("x2", "y2"),
            showlegend=False,
        )
        plot_height = year_rows + gap + funder_rows
        split = funder_rows / plot_height
        top = (funder_rows + gap) / plot_height
        layout = base_layout(
            language,
            plot_height + 110,
            xaxis=value_axis,
            yaxis={**category_axis(years, years, in_trace_order=True), "domain": [top, 1]},
            xaxis2={**value_axis, "anchor": "y2"},
            yaxis2={
                **category_axis(funder_keys, [t for t, _ in funders], in_trace_order=True),
                "domain": [0, split],
            },
            annotations=[
                _panel_title(word(language, "by_year"), 1.0),
                _panel_title(word(language, "by_funder"), split + 12 / plot_height),
            ],
            barmode="group",
            bargap=0.3,
            bargroupgap=0.05,
        )
    else:
        plot_height = year_rows
        layout = base_layout(
            language,
            rows_height(len(years), 62),
            xaxis=value_axis,
            yaxis=category_axis(years, years, in_trace_order=True),
            barmode="group",
            bargap=0.3,
            bargroupgap=0.05,
        )
        if funders:
            layout["annotations"] = [_panel_title(funders[0][0], 1.0)]
    if "annotations" in layout:
        # The legend goes above the first panel's title, not over it.
        layout["legend"] = {"y": 1 + 26 / plot_height}

    table = Table(
        caption=word(language, "tab.project_budget", project=plain(p.project.title)),
        headers=(
            word(language, "year"),
            word(language, "funder"),
            word(language, "planned"),
            word(language, "committed"),
            word(language, "spent"),
            word(language, "consumption"),
        ),
        rows=tuple(
            (
                str(line.year),
                funder_title(roadmap, line.funder, language),
                *budget_cells(line.totals, language, currency),
            )
            for line in chart_figures.budget_lines
        ),
        numeric=(False, False, True, True, True, True),
        totals=(
            word(language, "total"),
            "",
            *budget_cells(p.budget, language, currency),
        ),
    )
    return Chart(
        f"project-{p.project.id}-budget",
        word(language, "cap.project_budget"),
        budget_sentence(p.budget, language, currency),
        {"data": traces, "layout": layout},
        table,
        language,
    )


def _panel_title(text: str, y: float) -> Figure:
    """A panel's title, in bold, at height `y` of the figure (the template places it left)."""
    return {"text": f"<b>{svg_text(text)}</b>", "y": number(y)}
