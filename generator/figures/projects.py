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

from generator.model import Indicator, Measure, Milestone, Project, Rebaseline, Roadmap
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
line_budget = measures.line_budget
line_totals = measures.line_totals
milestone_expected_date = measures.milestone_expected_date
milestone_slip_days = measures.milestone_slip_days
project_budget = measures.project_budget
sum_totals = measures.sum_totals

MilestoneState = Literal["reached", "on_time", "late", "slipping", "dropped"]
ProgressRule = Literal["explicit", "milestones", "none", "cancelled"]
HealthState = Literal["good", "watch", "critical", "stale", "unknown"]
STATUSES = ("planned", "in_progress", "done", "on_hold", "cancelled")
HEALTH_STATES: tuple[HealthState, ...] = ("good", "watch", "critical", "stale", "unknown")
DUE_SOON_DAYS = 90
# A stopped project's pending milestones are neither on time nor coming: they are dropped.
STOPPED_STATUSES = ("on_hold", "cancelled")
K = TypeVar("K")


# --- milestones -------------------------------------------------------------------------------


def milestone_state(milestone: Milestone, as_of: dt.date, project_status: str = "in_progress"
                    ) -> MilestoneState:  # fmt: skip
    """reached (done); dropped (not reached, the project cancelled or on hold); late (due
    before as_of, not reached); slipping (forecast after due); on time otherwise."""
    if milestone.done is not None:
        return "reached"
    if project_status in STOPPED_STATUSES:
        return "dropped"
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
    """Explicit `progress` when given, else the weighted share of reached milestones, else none.
    A cancelled project has none: what it reached is told by its milestones, and a share of
    a plan that will never be completed would read as progress."""
    reached = [m for m in project.milestones if m.done is not None]
    total_weight = sum(m.weight for m in project.milestones)
    reached_weight = sum(m.weight for m in reached)
    counts = (len(reached), len(project.milestones), reached_weight, total_weight)
    if project.status == "cancelled":
        return Progress(None, "cancelled", *counts)
    if project.progress is not None:
        return Progress(project.progress, "explicit", *counts)
    if project.milestones and total_weight > 0:
        return Progress(100 * reached_weight / total_weight, "milestones", *counts)
    return Progress(None, "none", *counts)


# --- budget -----------------------------------------------------------------------------------


def project_life_years(project: Project) -> tuple[int, ...]:
    """The years the project runs: from its start to its actual, forecast or planned end."""
    end = project.actual_end or project.forecast_end or project.planned_end
    if project.start is None or end is None or end < project.start:
        return ()
    return tuple(range(project.start.year, end.year + 1))


def budget_years_missing(project: Project) -> tuple[int, ...]:
    """The years of the project's life that no budget line covers. With any, the lines are
    not a whole-life cost, and comparing them with the whole-life budget would mislead."""
    covered = {line.year for line in project.budget.lines} if project.budget else set()
    return tuple(year for year in project_life_years(project) if year not in covered)


def project_budget_variance_pct(project: Project, totals: BudgetTotals, *,
                                against_first_baseline: bool = False) -> float | None:  # fmt: skip
    """The project's cost against its approved budget (or its first baseline), in %: the
    amount spent for a finished project that reported it, else the planned credits. None
    without a reference, or when the budget lines do not cover every year of the project's
    life (a one-year amount is never compared with a whole-life budget)."""
    if project.budget is None or not project.budget.lines or budget_years_missing(project):
        return None
    reference = project.budget.baseline if against_first_baseline else project.approved_budget
    if not reference:
        return None
    final = project.status == "done" and totals.spent_lines > 0
    amount = totals.spent if final else totals.planned
    return 100 * (amount - reference) / reference


def worst_overrun_pct(project: Project, totals: BudgetTotals) -> float | None:
    """The largest overrun of the project, in %: credits planned above the approved budget,
    committed or spent above the credits planned, or (finished) spent above the approved
    budget, its commitments then left aside; none when nothing overruns."""
    found = [o.pct for o in budget_overruns(project)]
    if project.status == "done" and totals.spent_lines:
        # A finished project's cost is what it spent: a commitment never paid is no overrun.
        found = [o.pct for o in budget_overruns(project) if o.kind != "committed"]
    approved = project.approved_budget
    if project.status == "done" and approved and totals.spent_lines and totals.spent > approved:
        found.append(100 * (totals.spent - approved) / approved)
    return max(found, default=None)


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
    """A milestone's state and dates. `overdue_days` counts the days from its due date to
    the reporting date for a late one (none otherwise); `forecast_slip_days` the days from
    its due date to its announced forecast, when it has one and is not reached."""

    project: Project
    milestone: Milestone
    state: MilestoneState
    slip_days: int
    expected: dt.date
    overdue_days: int | None = None
    forecast_slip_days: int | None = None


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
    budget_years_missing: tuple[int, ...]  # years of its life no budget line covers
    overrun_pct: float | None  # its largest overrun (see `worst_overrun_pct`)
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
    # Projects with budget lines that report no committed (or no spent) amount at all.
    committed_missing: int = 0
    spent_missing: int = 0

    def milestones_in(self, state: MilestoneState) -> tuple[MilestoneFigure, ...]:
        return tuple(m for m in self.milestones if m.state == state)


AttentionKind = Literal["late_milestone", "critical", "stale", "schedule_slip", "budget_variance",
                        "rebaseline"]  # fmt: skip


@dataclass(frozen=True)
class AttentionItem:
    """One thing that needs attention. A late milestone gives its figure (`milestone_figure`:
    due date, forecast, days); a rebaseline the decision (`rebaseline`), with `pct` the
    approved budget's change since the first baseline and `days` the planned end's."""

    kind: AttentionKind
    project: Project
    milestone: Milestone | None
    days: int | None
    pct: float | None
    explanation: str | None
    milestone_figure: MilestoneFigure | None = None
    rebaseline: Rebaseline | None = None


def group_totals(items: Iterable[tuple[K, BudgetTotals]]) -> dict[K, BudgetTotals]:
    """Budget totals added up by key (a year, a funder)."""
    grouped: dict[K, BudgetTotals] = {}
    for key, totals in items:
        grouped[key] = grouped.get(key, BudgetTotals()) + totals
    return grouped


def milestone_figure(project: Project, milestone: Milestone, as_of: dt.date) -> MilestoneFigure:
    """A milestone's state and dates, as facts: due, forecast, and the days between them."""
    state = milestone_state(milestone, as_of, project.status)
    forecast = milestone.forecast
    expected = milestone_expected_date(milestone, as_of)
    if state == "dropped":
        # A stopped project's milestone is not "expected at the reporting date at the
        # earliest": it stays at its last announced date, where charts mark it.
        expected = forecast or milestone.due
    return MilestoneFigure(
        project,
        milestone,
        state,
        (expected - milestone.due).days,
        expected,
        overdue_days=(as_of - milestone.due).days if state == "late" else None,
        forecast_slip_days=(forecast - milestone.due).days
        if forecast is not None and milestone.done is None
        else None,
    )


def project_figures(project: Project, roadmap: Roadmap) -> ProjectFigures:
    as_of = roadmap.as_of
    lines = list(line_totals(project))
    milestones = tuple(milestone_figure(project, m, as_of) for m in project.milestones)
    # A stopped project has no next milestone: its pending ones are dropped.
    pending = sorted((m for m in milestones if m.state not in ("reached", "dropped")),
                     key=lambda m: m.expected)  # fmt: skip
    by_funder = group_totals((funder, totals) for _, funder, totals in lines)
    funder_order = {f.id: index for index, f in enumerate(roadmap.funders)}
    budget = sum_totals(totals for _, _, totals in lines)
    return ProjectFigures(
        project=project,
        progress=project_progress(project),
        budget=budget,
        budget_by_year=tuple(sorted(group_totals((year, t) for year, _, t in lines).items())),
        budget_by_funder=tuple(
            sorted(by_funder.items(), key=lambda item: funder_order.get(item[0] or "", 999))
        ),
        budget_variance_pct=project_budget_variance_pct(project, budget),
        budget_variance_vs_baseline_pct=project_budget_variance_pct(
            project, budget, against_first_baseline=True),
        budget_years_missing=budget_years_missing(project),
        overrun_pct=worst_overrun_pct(project, budget),
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
        committed_missing=sum(1 for p in projects
                              if p.budget.lines and not p.budget.committed_lines),
        spent_missing=sum(1 for p in projects if p.budget.lines and not p.budget.spent_lines),
    )


def attention_items(
    projects: Sequence[ProjectFigures], roadmap: Roadmap
) -> Iterator[AttentionItem]:
    """What needs attention: late milestones, critical or stale health (projects still
    running), and for every project, finished ones included, schedule and budget variances
    above the thresholds (with the explanation the validator required) and each rebaseline."""
    thresholds = roadmap.thresholds
    for p in projects:
        project = p.project
        running = project.status not in ("done", "cancelled")
        if running and p.health == "critical":
            yield AttentionItem(
                "critical",
                project,
                None,
                None,
                None,
                project.health.comment if project.health else None,
            )
        elif running and p.health == "stale":
            yield AttentionItem("stale", project, None, p.health_age_days, None, None)
        for m in p.milestones:
            if m.state == "late":
                yield AttentionItem(
                    "late_milestone",
                    project,
                    m.milestone,
                    m.overdue_days,
                    None,
                    m.milestone.explanation,
                    milestone_figure=m,
                )
        if p.end_slip_days is not None and p.end_slip_days > thresholds.schedule_slip_days:
            yield AttentionItem(
                "schedule_slip", project, None, p.end_slip_days, None, project.schedule_explanation
            )
        if p.overrun_pct is not None and p.overrun_pct > thresholds.budget_overrun_pct:
            yield AttentionItem(
                "budget_variance",
                project,
                None,
                None,
                p.overrun_pct,
                project.budget.explanation if project.budget else None,
            )
        yield from rebaseline_items(project)


def rebaseline_items(project: Project) -> Iterator[AttentionItem]:
    """Each rebaseline of a project, with what it changed since the one before: the approved
    budget in % (`pct`) and the planned end in days (`days`)."""
    budget = project.budget.baseline if project.budget else None
    end = project.end
    for rebaseline in project.rebaselines:
        pct = None
        if rebaseline.budget is not None and budget:
            pct = 100 * (rebaseline.budget - budget) / budget
        days = (rebaseline.end - end).days if rebaseline.end is not None and end else None
        yield AttentionItem("rebaseline", project, None, days, pct, rebaseline.reason,
                            rebaseline=rebaseline)  # fmt: skip
        budget = rebaseline.budget if rebaseline.budget is not None else budget
        end = rebaseline.end or end
