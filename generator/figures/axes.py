"""Figures the charts show beside the portfolio's own: each axis's schedule (first start,
last ends, late ends and milestones), its health totals, each funder's share of the plan,
the largest funder and year, and a project's budget lines by year and funder.

Computed once by `chart_figures` (called from `derive_figures`) and carried by `Figures`,
so that the chart modules only lay out what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.figures.projects import (
    BudgetTotals,
    HealthState,
    MilestoneFigure,
    MilestoneState,
    Portfolio,
    ProjectFigures,
    line_budget,
)
from generator.model import Axis, Roadmap

K = TypeVar("K")
MILESTONE_STATE_ORDER: tuple[MilestoneState, ...] = (
    "reached", "on_time", "late", "slipping", "dropped",
)  # fmt: skip


# --- milestones -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneCounts:
    """How many milestones are in each state, and in all."""

    by_state: tuple[tuple[MilestoneState, int], ...]
    total: int

    def count(self, state: MilestoneState) -> int:
        return dict(self.by_state)[state]


def milestone_counts(milestones: Iterable[MilestoneFigure]) -> MilestoneCounts:
    """The number of milestones in each state (every state listed, zeros included)."""
    counts = dict.fromkeys(MILESTONE_STATE_ORDER, 0)
    for m in milestones:
        counts[m.state] += 1
    return MilestoneCounts(tuple(counts.items()), sum(counts.values()))


# --- schedules --------------------------------------------------------------------------------


def is_dated(p: ProjectFigures) -> bool:
    """A project a timeline can draw as a bar: it has a start and an expected end."""
    return p.project.start is not None and p.expected_end is not None


@dataclass(frozen=True)
class ScheduleSummary:
    """The dates and counts of a set of projects (one axis, or the whole roadmap).

    Dates are taken over the dated projects (a start and an expected end); `shown`
    counts the projects a timeline draws (dated, or with milestones); `ends_late` the
    dated projects expected to end after their planned end; `milestones` counts the
    milestones of every project of the set."""

    projects: int
    shown: int
    dated: int
    first_start: dt.date | None
    latest_planned_end: dt.date | None
    latest_expected_end: dt.date | None
    ends_late: int
    milestones: MilestoneCounts


def schedule_summary(projects: Sequence[ProjectFigures]) -> ScheduleSummary:
    """The schedule figures of `projects` (see `ScheduleSummary`)."""
    dated = [p for p in projects if is_dated(p)]
    starts = [p.project.start for p in dated if p.project.start is not None]
    expected = [p.expected_end for p in dated if p.expected_end is not None]
    planned = [p.project.planned_end for p in dated if p.project.planned_end is not None]
    return ScheduleSummary(
        projects=len(projects),
        shown=sum(1 for p in projects if is_dated(p) or p.milestones),
        dated=len(dated),
        first_start=min(starts, default=None),
        latest_planned_end=max(planned, default=None),
        latest_expected_end=max(expected, default=None),
        ends_late=sum(1 for p in dated if (p.end_slip_days or 0) > 0),
        milestones=milestone_counts(m for p in projects for m in p.milestones),
    )


@dataclass(frozen=True)
class Schedules:
    """The schedule of a set of projects, and of its projects in each axis (in the roadmap's
    order, axes without any of the projects left out)."""

    overall: ScheduleSummary
    by_axis: tuple[tuple[Axis, ScheduleSummary], ...]


def schedules(projects: Sequence[ProjectFigures], roadmap: Roadmap) -> Schedules:
    """The schedule figures of `projects`, overall and axis by axis."""
    members: dict[str, list[ProjectFigures]] = {}
    for p in projects:
        members.setdefault(p.project.axis, []).append(p)
    by_axis = tuple(
        (axis, schedule_summary(members[axis.id])) for axis in roadmap.axes if axis.id in members
    )
    return Schedules(schedule_summary(projects), by_axis)


# --- health -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HealthTotals:
    """Projects by health: each axis's total (in the roadmap's order), the roadmap's, and how
    many have no up-to-date rating (stale or never given)."""

    by_axis: tuple[tuple[str, int], ...]
    total: int
    outdated: int


def health_totals(by_axis: Sequence[tuple[Axis, Portfolio]], overall: Portfolio) -> HealthTotals:
    counts: dict[HealthState, int] = dict(overall.by_health)
    return HealthTotals(
        by_axis=tuple((axis.id, sum(n for _, n in p.by_health)) for axis, p in by_axis),
        total=len(overall.projects),
        outdated=counts["stale"] + counts["unknown"],
    )


# --- budget -----------------------------------------------------------------------------------


def funder_shares(
    by_funder: Sequence[tuple[str | None, BudgetTotals]], total: BudgetTotals
) -> tuple[float | None, ...]:
    """Each funder's planned amount as a % of all planned funding, in the order given; none
    when nothing is planned."""
    return tuple(
        (100 * t.planned / total.planned) if total.planned > 0 else None for _, t in by_funder
    )


def largest_planned(items: Sequence[tuple[K, BudgetTotals]]) -> tuple[K, BudgetTotals] | None:
    """The item with the most planned funding (the first of equals); none without items."""
    return max(items, key=lambda item: item[1].planned, default=None)


@dataclass(frozen=True)
class BudgetLine:
    """A project's budget lines of one year and funder, added up."""

    year: int
    funder: str | None
    totals: BudgetTotals


def project_budget_lines(p: ProjectFigures, roadmap: Roadmap) -> tuple[BudgetLine, ...]:
    """A project's budget lines grouped by (year, funder) and added up, by year then in the
    roadmap's funder order (funders it does not list last)."""
    funder_rank = {f.id: index for index, f in enumerate(roadmap.funders)}
    grouped: dict[tuple[int, str | None], BudgetTotals] = {}
    for line in p.project.budget.lines if p.project.budget else ():
        key = (line.year, line.funder)
        grouped[key] = grouped.get(key, BudgetTotals()) + line_budget(line)
    ordered = sorted(
        grouped.items(),
        key=lambda item: (item[0][0], funder_rank.get(item[0][1] or "", len(funder_rank))),
    )
    return tuple(BudgetLine(year, funder, totals) for (year, funder), totals in ordered)


# --- a project's chart figures ----------------------------------------------------------------


@dataclass(frozen=True)
class ProjectChartFigures:
    """What a project's charts show beyond its `ProjectFigures`."""

    milestones: MilestoneCounts
    budget_lines: tuple[BudgetLine, ...]


def project_chart_figures(p: ProjectFigures, roadmap: Roadmap) -> ProjectChartFigures:
    return ProjectChartFigures(milestone_counts(p.milestones), project_budget_lines(p, roadmap))


# --- all of them ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartFigures:
    """Every figure the charts show beyond the portfolio's: computed once, by `chart_figures`.

    `schedules` covers every project; `axis_schedules` each axis's projects alone (an axis
    page's timeline). `top_funder` and `top_year` hold the most planned funding (none
    without any line); `top_funder_share` is that funder's % of all planned funding."""

    schedules: Schedules
    axis_schedules: Mapping[str, Schedules]
    health: HealthTotals
    funder_shares: tuple[float | None, ...]
    top_funder: tuple[str | None, BudgetTotals] | None
    top_funder_share: float | None
    top_year: tuple[int, BudgetTotals] | None
    projects: Mapping[str, ProjectChartFigures]

    def schedules_of(self, projects: Sequence[ProjectFigures], roadmap: Roadmap) -> Schedules:
        """The schedules of `projects`: the roadmap's or an axis's, computed already, or
        (a set that is neither) computed now."""
        ids = {p.project.id for p in projects}
        if len(ids) == self.schedules.overall.projects:
            return self.schedules
        axes = {p.project.axis for p in projects}
        if len(axes) == 1:
            axis_id = next(iter(axes))
            found = self.axis_schedules.get(axis_id)
            if found is not None and found.overall.projects == len(ids):
                return found
        return schedules(projects, roadmap)

    def project(self, p: ProjectFigures, roadmap: Roadmap) -> ProjectChartFigures:
        """A project's chart figures (computed now for a project the roadmap does not hold)."""
        found = self.projects.get(p.project.id)
        return found if found is not None else project_chart_figures(p, roadmap)


def chart_figures(
    roadmap: Roadmap,
    overall: Portfolio,
    by_axis: Sequence[tuple[Axis, Portfolio]],
    budget_by_year: Sequence[tuple[int, BudgetTotals]],
    budget_by_funder: Sequence[tuple[str | None, BudgetTotals]],
) -> ChartFigures:
    """The charts' figures of a roadmap, from the figures `derive_figures` computed first."""
    top_funder = largest_planned(budget_by_funder)
    planned = overall.budget.planned
    every_project = schedules(overall.projects, roadmap)
    # An axis's own schedule is its row of the roadmap's: computed once.
    axis_rows = {axis.id: summary for axis, summary in every_project.by_axis}
    return ChartFigures(
        schedules=every_project,
        axis_schedules={
            axis.id: Schedules(axis_rows[axis.id], ((axis, axis_rows[axis.id]),))
            if axis.id in axis_rows
            else schedules((), roadmap)
            for axis, _ in by_axis
        },
        health=health_totals(by_axis, overall),
        funder_shares=funder_shares(budget_by_funder, overall.budget),
        top_funder=top_funder,
        top_funder_share=(
            100 * top_funder[1].planned / planned if top_funder and planned > 0 else None
        ),
        top_year=largest_planned(budget_by_year),
        projects={p.project.id: project_chart_figures(p, roadmap) for p in overall.projects},
    )


__all__ = [
    "BudgetLine",
    "ChartFigures",
    "HealthTotals",
    "MilestoneCounts",
    "ProjectChartFigures",
    "ScheduleSummary",
    "Schedules",
    "chart_figures",
    "funder_shares",
    "health_totals",
    "is_dated",
    "largest_planned",
    "milestone_counts",
    "project_budget_lines",
    "project_chart_figures",
    "schedule_summary",
    "schedules",
]
