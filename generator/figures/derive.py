"""Derived figures: every number and every grouping the site shows that nobody typed.

`derive_figures` computes them all once, from the validated roadmap: each project's figures
and the portfolio's (`generator.figures.projects`), the pages' groupings
(`generator.figures.groups`) and what the charts show beyond them (`generator.figures.axes`).
Nothing here reads the clock: "today" is always the roadmap's `as_of` date.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.figures.axes import ChartFigures, chart_figures
from generator.figures.groups import Groups, page_groups, upcoming_milestones
from generator.figures.projects import (
    DUE_SOON_DAYS,
    HEALTH_STATES,
    STATUSES,
    AttentionItem,
    BudgetTotals,
    HealthState,
    IndicatorFigure,
    MilestoneFigure,
    MilestoneState,
    Overrun,
    Portfolio,
    Progress,
    ProgressRule,
    ProjectFigures,
    attention_items,
    budget_overruns,
    budget_variance_pct,
    dependency_cycles,
    end_slip_days,
    end_slip_days_vs_baseline,
    expected_end,
    group_totals,
    health_state,
    indicator_progress_pct,
    latest_measure,
    line_totals,
    milestone_expected_date,
    milestone_slip_days,
    milestone_state,
    portfolio,
    project_budget,
    project_figures,
    project_progress,
    sum_totals,
)
from generator.figures.verdict import Verdict, verdict_figures
from generator.model import Axis, Roadmap

# The per-project figures are named here as well: this module is where the figures stage's
# names are found.
__all__ = [
    "DUE_SOON_DAYS",
    "HEALTH_STATES",
    "STATUSES",
    "AttentionItem",
    "BudgetTotals",
    "Figures",
    "HealthState",
    "IndicatorFigure",
    "MilestoneFigure",
    "MilestoneState",
    "Overrun",
    "Portfolio",
    "Progress",
    "ProgressRule",
    "ProjectFigures",
    "attention_items",
    "budget_overruns",
    "budget_variance_pct",
    "dependency_cycles",
    "derive_figures",
    "end_slip_days",
    "end_slip_days_vs_baseline",
    "expected_end",
    "health_state",
    "indicator_progress_pct",
    "latest_measure",
    "line_totals",
    "milestone_expected_date",
    "milestone_slip_days",
    "milestone_state",
    "portfolio",
    "project_budget",
    "project_figures",
    "project_progress",
    "sum_totals",
]


@dataclass(frozen=True)
class Figures:
    roadmap: Roadmap
    overall: Portfolio
    by_axis: tuple[tuple[Axis, Portfolio], ...]
    budget_by_year: tuple[tuple[int, BudgetTotals], ...]
    budget_by_funder: tuple[tuple[str | None, BudgetTotals], ...]
    due_soon: tuple[MilestoneFigure, ...]
    attention: tuple[AttentionItem, ...]
    indicators: tuple[IndicatorFigure, ...]
    groups: Groups  # how the pages group, order and count the figures above
    # What the charts show beyond the above (generator/figures/axes.py).
    charts: ChartFigures
    # The home page's verdict sentences (generator/figures/verdict.py).
    verdict: Verdict

    def project(self, project_id: str) -> ProjectFigures:
        return next(p for p in self.overall.projects if p.project.id == project_id)



def derive_figures(roadmap: Roadmap) -> Figures:
    """Every figure of the site, computed once."""
    projects = [project_figures(project, roadmap) for project in roadmap.projects]
    overall = portfolio(projects)
    lines = [
        (year, funder, totals) for p in roadmap.projects for year, funder, totals in line_totals(p)
    ]
    funder_order = {f.id: index for index, f in enumerate(roadmap.funders)}
    due_soon = upcoming_milestones(overall.milestones, roadmap.as_of)
    by_axis = tuple(
        (axis, portfolio([p for p in projects if p.project.axis == axis.id]))
        for axis in roadmap.axes
    )
    attention = tuple(attention_items(projects, roadmap))
    budget_by_year = tuple(sorted(group_totals((y, t) for y, _, t in lines).items()))
    budget_by_funder = tuple(
        sorted(
            group_totals((f, t) for _, f, t in lines).items(),
            key=lambda item: funder_order.get(item[0] or "", 999),
        )
    )
    return Figures(
        roadmap=roadmap,
        overall=overall,
        by_axis=by_axis,
        budget_by_year=budget_by_year,
        budget_by_funder=budget_by_funder,
        due_soon=tuple(due_soon),
        attention=attention,
        indicators=tuple(i for p in projects for i in p.indicators),
        groups=page_groups(roadmap, overall, by_axis, tuple(due_soon), attention),
        charts=chart_figures(roadmap, overall, by_axis, budget_by_year, budget_by_funder),
        verdict=verdict_figures(roadmap, overall, attention),
    )
