"""The list of every project, as the "all projects" page shows it: one table, in the order of
the axes and, within an axis, of its projects; and the choices its filters offer (the axes,
statuses and health states the listed projects have, each with its number of projects).

Computed from what `Figures` already holds; nothing here counts twice what `derive` counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.figures.derive import HEALTH_STATES, STATUSES, Figures, HealthState
from generator.figures.projects import ProjectFigures
from generator.model import Axis


@dataclass(frozen=True)
class ListedProject:
    """A row of the listing: a project's figures and the axis it belongs to."""

    axis: Axis
    figures: ProjectFigures


@dataclass(frozen=True)
class ProjectListing:
    """Every published project in one sequence, and the values a reader can filter on.

    Each choice is (value, number of listed projects that have it), only for values at
    least one project has, in the roadmap's order of axes and the fixed order of statuses
    and health states; the counts of each kind of choice add up to `len(rows)`."""

    rows: tuple[ListedProject, ...]
    axes: tuple[tuple[Axis, int], ...]
    statuses: tuple[tuple[str, int], ...]
    health: tuple[tuple[HealthState, int], ...]


def project_listing(figures: Figures) -> ProjectListing:
    """The listing of the whole roadmap: axes in the roadmap's order, each axis's projects
    in the order its portfolio gives them (axes without a project give no row and no
    choice)."""
    rows = tuple(
        ListedProject(axis, project)
        for axis, axis_portfolio in figures.by_axis
        for project in axis_portfolio.projects
    )
    by_status: Counter[str] = Counter(row.figures.project.status for row in rows)
    by_health = Counter(row.figures.health for row in rows)
    return ProjectListing(
        rows=rows,
        axes=tuple(
            (axis, len(axis_portfolio.projects))
            for axis, axis_portfolio in figures.by_axis
            if axis_portfolio.projects
        ),
        statuses=tuple((status, by_status[status]) for status in STATUSES if by_status[status]),
        health=tuple((state, by_health[state]) for state in HEALTH_STATES if by_health[state]),
    )
