"""How the pages group, order and count the derived figures: attention items by kind, the most
serious first; milestones by situation; dependencies both ways; the counts shown beside them.

Computed once, from the pieces `derive_figures` has just made, and carried by `Figures.groups`,
so that templates only lay out what they are given (no counting or sorting in rendering).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.figures.projects import (
    DUE_SOON_DAYS,
    AttentionItem,
    AttentionKind,
    IndicatorFigure,
    MilestoneFigure,
    Portfolio,
)
from generator.model import Axis, Project, Roadmap, Update

# The order of the kinds on a page: the most serious kind first.
ATTENTION_ORDER: tuple[AttentionKind, ...] = (
    "critical", "late_milestone", "schedule_slip", "budget_variance", "rebaseline", "stale",
)  # fmt: skip
# Items of each kind on the home page, read first, on phones too; axis pages list them all.
HOME_ATTENTION_LIMIT = 10
MilestoneGroupKey = Literal["late", "due_soon", "later", "reached", "dropped"]


@dataclass(frozen=True)
class AttentionGroup:
    """The attention items of one kind: all of them, or the most serious when there are more
    than a page shows (`total` still counts them all)."""

    kind: AttentionKind
    items: tuple[AttentionItem, ...]
    total: int
    shown: int

    @property
    def truncated(self) -> bool:
        return self.total > self.shown


@dataclass(frozen=True)
class MilestoneGroup:
    """The milestones of one situation (late, due within 90 days, later, reached, dropped
    with a stopped project), in the order the milestones page lists them. The groups
    partition the milestones: their counts add up to the whole."""

    key: MilestoneGroupKey
    milestones: tuple[MilestoneFigure, ...]
    count: int


@dataclass(frozen=True)
class ProjectDependencies:
    """The published projects a project depends on, and those that depend on it."""

    depends_on: tuple[Project, ...]
    needed_by: tuple[Project, ...]


@dataclass(frozen=True)
class PortfolioCounts:
    """The counts a portfolio's summary shows (the whole roadmap, or one axis)."""

    projects: int
    progress_included: int
    progress_excluded: int
    milestones_reached: int
    milestones_late: int
    milestones: int = 0  # every milestone: the whole the groups below partition
    milestones_due_soon: int = 0
    milestones_later: int = 0
    milestones_dropped: int = 0


@dataclass(frozen=True)
class AxisGroups:
    """What an axis's page and the axis listings show beside the axis's portfolio."""

    axis: Axis
    counts: PortfolioCounts
    attention: tuple[AttentionGroup, ...]  # every item of the axis's projects
    indicators: tuple[IndicatorFigure, ...]


@dataclass(frozen=True)
class DataCounts:
    """The rows of each open-data file."""

    projects: int
    milestones: int
    budget_lines: int
    indicators: int


@dataclass(frozen=True)
class Groups:
    """Every grouping, ordering and count the pages show. The lookups by id are left out of
    the hash (a dict has none), so that figures stay hashable like the rest of the model."""

    counts: PortfolioCounts
    due_soon_count: int
    home_attention: tuple[AttentionGroup, ...]  # at most HOME_ATTENTION_LIMIT of each kind
    by_axis: Mapping[str, AxisGroups] = field(hash=False)  # by axis id, in the roadmap's order
    milestones: tuple[MilestoneGroup, ...]
    dependencies: Mapping[str, ProjectDependencies] = field(hash=False)  # by project id
    # Each project's updates, newest first, by project id.
    updates: Mapping[str, tuple[Update, ...]] = field(hash=False)
    data: DataCounts
    envelope_exceeded: bool | None  # the baselines above the voted envelope; none without one

    def axis(self, axis_id: str) -> AxisGroups:
        return self.by_axis[axis_id]

    def dependencies_of(self, project_id: str) -> ProjectDependencies:
        return self.dependencies.get(project_id, _NO_DEPENDENCIES)


_NO_DEPENDENCIES = ProjectDependencies((), ())


# --- attention --------------------------------------------------------------------------------


def seriousness(item: AttentionItem) -> float:
    """Sorts the most serious first: days late or slipped, % over budget, days since rated."""
    return -(item.days or item.pct or 0)


def attention_groups(items: Iterable[AttentionItem], limit: int | None = None
                     ) -> tuple[AttentionGroup, ...]:  # fmt: skip
    """Attention items grouped by kind, the most serious kind first (`ATTENTION_ORDER`). With
    `limit`, a group holding more items keeps only the `limit` most serious (the longest
    delay, the largest variance), in that order; the group still gives the total."""
    items = tuple(items)
    groups = []
    for kind in ATTENTION_ORDER:
        selected = tuple(item for item in items if item.kind == kind)
        if not selected:
            continue
        shown = selected
        if limit is not None and len(selected) > limit:
            shown = tuple(sorted(selected, key=seriousness)[:limit])
        groups.append(AttentionGroup(kind, shown, len(selected), len(shown)))
    return tuple(groups)


# --- milestones -------------------------------------------------------------------------------


def _by_date(milestones: Iterable[MilestoneFigure]) -> tuple[MilestoneFigure, ...]:
    return tuple(sorted(milestones, key=lambda m: (m.expected, m.project.id, m.milestone.title)))


def milestone_groups(milestones: Sequence[MilestoneFigure], due_soon: Sequence[MilestoneFigure]
                     ) -> tuple[MilestoneGroup, ...]:  # fmt: skip
    """Every milestone in one of five groups: late, due within 90 days (`due_soon`, already in
    date order), later, reached (the most recent first), dropped with a stopped project."""
    due_soon_ids = set(map(id, due_soon))
    late = _by_date(m for m in milestones if m.state == "late")
    later = _by_date(
        m for m in milestones
        if m.state not in ("late", "reached", "dropped") and id(m) not in due_soon_ids
    )  # fmt: skip
    dropped = _by_date(m for m in milestones if m.state == "dropped")
    reached = tuple(sorted((m for m in milestones if m.state == "reached"),
                           key=lambda m: (m.expected, m.project.id), reverse=True))  # fmt: skip
    groups: list[tuple[MilestoneGroupKey, tuple[MilestoneFigure, ...]]] = [
        ("late", late), ("due_soon", tuple(due_soon)), ("later", later), ("reached", reached),
        ("dropped", dropped),
    ]  # fmt: skip
    return tuple(MilestoneGroup(key, group, len(group)) for key, group in groups)


# --- dependencies -----------------------------------------------------------------------------


def dependencies(projects: Sequence[Project]) -> dict[str, ProjectDependencies]:
    """Who depends on whom among the published projects, indexed once for the whole site
    (looking up "needed by" project by project made the site quadratic). A dependency on a
    project that is not published (internal, or unknown) is left out; one listed twice
    counts once on the other side."""
    present = {p.id: p for p in projects}
    needed_by: dict[str, list[Project]] = {}
    for p in projects:
        for dependency in dict.fromkeys(p.depends_on):
            needed_by.setdefault(dependency, []).append(p)
    return {
        p.id: ProjectDependencies(
            tuple(present[i] for i in p.depends_on if i in present),
            tuple(needed_by.get(p.id, ())),
        )
        for p in projects
    }


# --- counts -----------------------------------------------------------------------------------


def portfolio_counts(portfolio: Portfolio, as_of: dt.date) -> PortfolioCounts:
    """The counts of a portfolio's summary; its milestones counted once each, in the groups
    of `milestone_groups` (reached, late, due soon, later, dropped), which add up to all."""
    due_soon = upcoming_milestones(portfolio.milestones, as_of)
    groups = {g.key: g.count for g in milestone_groups(portfolio.milestones, due_soon)}
    return PortfolioCounts(
        projects=len(portfolio.projects),
        progress_included=len(portfolio.progress_included),
        progress_excluded=len(portfolio.progress_excluded),
        milestones_reached=groups["reached"],
        milestones_late=groups["late"],
        milestones=len(portfolio.milestones),
        milestones_due_soon=groups["due_soon"],
        milestones_later=groups["later"],
        milestones_dropped=groups["dropped"],
    )


def upcoming_milestones(milestones: Iterable[MilestoneFigure], as_of: dt.date
                        ) -> tuple[MilestoneFigure, ...]:  # fmt: skip
    """The milestones coming in the next `DUE_SOON_DAYS` days, by the date they are expected:
    not reached, not late (so due on or after `as_of`), their project neither cancelled nor
    on hold, and due within the horizon. A milestone already late is never "coming"."""
    horizon = as_of + dt.timedelta(days=DUE_SOON_DAYS)
    return tuple(sorted(
        (m for m in milestones
         if m.state in ("on_time", "slipping") and as_of <= m.milestone.due <= horizon),
        key=lambda m: (m.expected, m.project.id),
    ))  # fmt: skip


def _newest_first(updates: Iterable[Update]) -> tuple[Update, ...]:
    return tuple(sorted(updates, key=lambda u: u.date, reverse=True))


def page_groups(roadmap: Roadmap, overall: Portfolio, by_axis: Sequence[tuple[Axis, Portfolio]],
                due_soon: Sequence[MilestoneFigure], attention: Sequence[AttentionItem]
                ) -> Groups:  # fmt: skip
    """Every grouping of the pages, from the figures `derive_figures` computed."""
    axes = {}
    for axis, axis_portfolio in by_axis:
        members = {p.project.id for p in axis_portfolio.projects}
        axes[axis.id] = AxisGroups(
            axis=axis,
            counts=portfolio_counts(axis_portfolio, roadmap.as_of),
            attention=attention_groups(a for a in attention if a.project.id in members),
            indicators=tuple(i for p in axis_portfolio.projects for i in p.indicators),
        )
    envelope: float | None = roadmap.envelope
    return Groups(
        counts=portfolio_counts(overall, roadmap.as_of),
        due_soon_count=len(due_soon),
        home_attention=attention_groups(attention, HOME_ATTENTION_LIMIT),
        by_axis=axes,
        milestones=milestone_groups(overall.milestones, due_soon),
        dependencies=dependencies(roadmap.projects),
        updates={p.id: _newest_first(p.updates) for p in roadmap.projects},
        data=DataCounts(
            projects=len(overall.projects),
            milestones=len(overall.milestones),
            budget_lines=sum(len(p.budget.lines) for p in roadmap.projects if p.budget),
            indicators=sum(len(p.indicators) for p in overall.projects),
        ),
        envelope_exceeded=None if envelope is None else overall.baseline_total > envelope,
    )
