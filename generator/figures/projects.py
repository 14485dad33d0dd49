"""The figures of each project and of a set of projects: progress, lateness, budget
consumption, slips, health, indicators, attention.

Each function computes one figure by one documented rule (the methodology page states
them); nothing here reads the clock: "today" is always the roadmap's `as_of` date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from generator.model import Indicator, Measure, Milestone, Project, Roadmap
from generator.validation import measures

# The computations the rules share live with them (generator.validation.measures); they
# are figures too, so they are named here as well.
BudgetTotals = measures.BudgetTotals
Overrun = measures.Overrun
budget_overruns = measures.budget_overruns
budget_variance_pct = measures.budget_variance_pct
dependency_cycles = measures.dependency_cycles
end_slip_days = measures.end_slip_days
end_slip_days_vs_baseline = measures.end_slip_days_vs_baseline
expected_end = measures.expected_end
line_totals = measures.line_totals
milestone_expected_date = measures.milestone_expected_date
milestone_slip_days = measures.milestone_slip_days
project_budget = measures.project_budget
sum_totals = measures.sum_totals

MilestoneState = Literal["reached", "on_time", "late", "slipping"]
ProgressRule = Literal["explicit", "milestones", "none"]
HealthState = Literal["good", "watch", "critical", "stale", "unknown"]
STATUSES = ("planned", "in_progress", "done", "on_hold", "cancelled")
HEALTH_STATES: tuple[HealthState, ...] = ("good", "watch", "critical", "stale", "unknown")
DUE_SOON_DAYS = 90
K = TypeVar("K")


# --- milestones -------------------------------------------------------------------------------


def milestone_state(milestone: Milestone, as_of: dt.date) -> MilestoneState:
    """reached (done); late (due before as_of, not reached); slipping (forecast after due);
    on time otherwise."""
    if milestone.done is not None:
        return "reached"
    if milestone.due < as_of:
        return "late"
    if milestone.forecast is not None and milestone.forecast > milestone.due:
        return "slipping"
    return "on_time"


# --- progress ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    percent: float | None
    rule: ProgressRule
    reached: int
    total: int
    reached_weight: float
    total_weight: float


def project_progress(project: Project) -> Progress:
    """Explicit `progress` when given, else the weighted share of reached milestones, else none."""
    reached = [m for m in project.milestones if m.done is not None]
    total_weight = sum(m.weight for m in project.milestones)
    reached_weight = sum(m.weight for m in reached)
    counts = (len(reached), len(project.milestones), reached_weight, total_weight)
    if project.progress is not None:
        return Progress(project.progress, "explicit", *counts)
    if project.milestones and total_weight > 0:
        return Progress(100 * reached_weight / total_weight, "milestones", *counts)
    return Progress(None, "none", *counts)


# --- budget -----------------------------------------------------------------------------------


# --- health -----------------------------------------------------------------------------------


def health_state(project: Project, as_of: dt.date, stale_after_days: int) -> HealthState:
    """The lead's rating, or "stale" (to be updated) when older than the threshold."""
    if project.health is None:
        return "unknown"
    if (as_of - project.health.date).days > stale_after_days:
        return "stale"
    return project.health.value


# --- indicators -------------------------------------------------------------------------------


def latest_measure(indicator: Indicator) -> Measure | None:
    return max(indicator.measurements, key=lambda m: m.date, default=None)


def indicator_progress_pct(indicator: Indicator) -> float | None:
    """(current − baseline) / (target − baseline), in %; the same rule serves `increase` and
    `decrease`, since a decreasing target makes both differences negative. None without a
    measurement or when the target equals the baseline."""
    current = latest_measure(indicator)
    gap = indicator.target.value - indicator.baseline.value
    if current is None or gap == 0:
        return None
    progress = 100 * (current.value - indicator.baseline.value) / gap
    wrong_way = (gap < 0) if indicator.direction == "increase" else (gap > 0)
    return -progress if wrong_way else progress


# --- figures for pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneFigure:
    project: Project
    milestone: Milestone
    state: MilestoneState
    slip_days: int
    expected: dt.date


@dataclass(frozen=True)
class IndicatorFigure:
    project: Project
    indicator: Indicator
    latest: Measure | None
    progress_pct: float | None


@dataclass(frozen=True)
class ProjectFigures:
    project: Project
    progress: Progress
    budget: BudgetTotals
    budget_by_year: tuple[tuple[int, BudgetTotals], ...]
    budget_by_funder: tuple[tuple[str | None, BudgetTotals], ...]
    budget_variance_pct: float | None
    budget_variance_vs_baseline_pct: float | None
    health: HealthState
    health_age_days: int | None
    expected_end: dt.date | None
    end_slip_days: int | None
    end_slip_days_vs_baseline: int | None
    milestones: tuple[MilestoneFigure, ...]
    next_milestone: MilestoneFigure | None
    indicators: tuple[IndicatorFigure, ...]


@dataclass(frozen=True)
class Portfolio:
    """Figures over a set of projects: the whole roadmap, or one axis."""

    projects: tuple[ProjectFigures, ...]
    budget: BudgetTotals
    baseline_total: float
    approved_total: float
    by_status: tuple[tuple[str, int], ...]
    by_health: tuple[tuple[HealthState, int], ...]
    milestones: tuple[MilestoneFigure, ...]
    average_progress: float | None
    progress_included: tuple[ProjectFigures, ...]
    progress_excluded: tuple[ProjectFigures, ...]

    def milestones_in(self, state: MilestoneState) -> tuple[MilestoneFigure, ...]:
        return tuple(m for m in self.milestones if m.state == state)


@dataclass(frozen=True)
class AttentionItem:
    kind: Literal["late_milestone", "critical", "stale", "schedule_slip", "budget_variance"]
    project: Project
    milestone: Milestone | None
    days: int | None
    pct: float | None
    explanation: str | None


def group_totals(items: Iterable[tuple[K, BudgetTotals]]) -> dict[K, BudgetTotals]:
    """Budget totals added up by key (a year, a funder)."""
    grouped: dict[K, BudgetTotals] = {}
    for key, totals in items:
        grouped[key] = grouped.get(key, BudgetTotals()) + totals
    return grouped


def project_figures(project: Project, roadmap: Roadmap) -> ProjectFigures:
    as_of = roadmap.as_of
    lines = list(line_totals(project))
    milestones = tuple(
        MilestoneFigure(
            project,
            m,
            milestone_state(m, as_of),
            milestone_slip_days(m, as_of),
            milestone_expected_date(m, as_of),
        )
        for m in project.milestones
    )
    pending = sorted((m for m in milestones if m.state != "reached"), key=lambda m: m.expected)
    by_funder = group_totals((funder, totals) for _, funder, totals in lines)
    funder_order = {f.id: index for index, f in enumerate(roadmap.funders)}
    return ProjectFigures(
        project=project,
        progress=project_progress(project),
        budget=sum_totals(totals for _, _, totals in lines),
        budget_by_year=tuple(sorted(group_totals((year, t) for year, _, t in lines).items())),
        budget_by_funder=tuple(
            sorted(by_funder.items(), key=lambda item: funder_order.get(item[0] or "", 999))
        ),
        budget_variance_pct=budget_variance_pct(project),
        budget_variance_vs_baseline_pct=budget_variance_pct(project, against_first_baseline=True),
        health=health_state(project, as_of, roadmap.thresholds.stale_after_days),
        health_age_days=(as_of - project.health.date).days if project.health else None,
        expected_end=expected_end(project, as_of),
        end_slip_days=end_slip_days(project, as_of),
        end_slip_days_vs_baseline=end_slip_days_vs_baseline(project, as_of),
        milestones=milestones,
        next_milestone=pending[0] if pending else None,
        indicators=tuple(
            IndicatorFigure(project, i, latest_measure(i), indicator_progress_pct(i))
            for i in project.indicators
        ),
    )


def portfolio(projects: Sequence[ProjectFigures]) -> Portfolio:
    """Totals, counts and the average progress of projects that have one.

    The average is a plain mean over projects with a progress figure; cancelled projects and
    projects with neither an explicit progress nor milestones are excluded (and listed)."""
    included = tuple(
        p for p in projects if p.progress.percent is not None and p.project.status != "cancelled"
    )
    # By identity: comparing figures field by field (pydantic models inside) made this
    # quadratic, several seconds at 1,000 projects.
    included_ids = {id(p) for p in included}
    excluded = tuple(p for p in projects if id(p) not in included_ids)
    status_counts = dict.fromkeys(STATUSES, 0)
    health_counts: dict[HealthState, int] = dict.fromkeys(HEALTH_STATES, 0)
    for p in projects:
        status_counts[p.project.status] += 1
        health_counts[p.health] += 1
    average = (
        (sum(p.progress.percent or 0.0 for p in included) / len(included)) if included else None
    )
    return Portfolio(
        projects=tuple(projects),
        budget=sum_totals(p.budget for p in projects),
        baseline_total=sum(
            (p.project.budget.baseline or 0.0) for p in projects if p.project.budget
        ),
        approved_total=sum(p.project.approved_budget or 0.0 for p in projects),
        by_status=tuple(status_counts.items()),
        by_health=tuple(health_counts.items()),
        milestones=tuple(m for p in projects for m in p.milestones),
        average_progress=average,
        progress_included=included,
        progress_excluded=excluded,
    )


def attention_items(
    projects: Sequence[ProjectFigures], roadmap: Roadmap
) -> Iterator[AttentionItem]:
    """What needs attention: late milestones, critical or stale health, schedule and budget
    variances above the thresholds (with the explanation the validator required)."""
    thresholds = roadmap.thresholds
    for p in projects:
        project = p.project
        if project.status in ("done", "cancelled"):
            continue
        if p.health == "critical":
            yield AttentionItem(
                "critical",
                project,
                None,
                None,
                None,
                project.health.comment if project.health else None,
            )
        elif p.health == "stale":
            yield AttentionItem("stale", project, None, p.health_age_days, None, None)
        for m in p.milestones:
            if m.state == "late":
                yield AttentionItem(
                    "late_milestone",
                    project,
                    m.milestone,
                    m.slip_days,
                    None,
                    m.milestone.explanation,
                )
        if p.end_slip_days is not None and p.end_slip_days > thresholds.schedule_slip_days:
            yield AttentionItem(
                "schedule_slip", project, None, p.end_slip_days, None, project.schedule_explanation
            )
        worst = max((o.pct for o in budget_overruns(project)), default=None)
        if worst is not None and worst > thresholds.budget_overrun_pct:
            yield AttentionItem(
                "budget_variance",
                project,
                None,
                None,
                worst,
                project.budget.explanation if project.budget else None,
            )
