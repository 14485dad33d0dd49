"""The elementary computations the rules and the figures share: slips, budget totals and
overruns, dependency cycles.

The validator needs them to decide whether a slip or an overrun must be explained; the
figures stage builds every page figure on them (`generator.figures.derive` re-exports them).
Nothing here reads the clock: "today" is always the roadmap's `as_of` date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.model import Milestone, Project

# --- milestones -------------------------------------------------------------------------------


def milestone_expected_date(milestone: Milestone, as_of: dt.date) -> dt.date:
    """When the milestone was or will be reached: done, else forecast or due, never before as_of
    for a milestone that is overdue."""
    if milestone.done is not None:
        return milestone.done
    expected = milestone.forecast or milestone.due
    return max(expected, as_of) if expected < as_of else expected


def milestone_slip_days(milestone: Milestone, as_of: dt.date) -> int:
    """Days between the planned date and the date reached or expected (negative when early)."""
    return (milestone_expected_date(milestone, as_of) - milestone.due).days


# --- schedule ---------------------------------------------------------------------------------


def expected_end(project: Project, as_of: dt.date) -> dt.date | None:
    """Actual end, else forecast end, else planned end; an unfinished project whose planned
    end has passed is expected at as_of at the earliest."""
    if project.actual_end is not None:
        return project.actual_end
    expected = project.forecast_end or project.planned_end
    if expected is None:
        return None
    if project.status in ("done", "cancelled"):
        return expected
    return max(expected, as_of) if expected < as_of else expected


def end_slip_days(project: Project, as_of: dt.date) -> int | None:
    """Days between the current planned end (latest rebaseline) and the expected end."""
    planned, expected = project.planned_end, expected_end(project, as_of)
    if planned is None or expected is None or project.status == "cancelled":
        return None
    return (expected - planned).days


def end_slip_days_vs_baseline(project: Project, as_of: dt.date) -> int | None:
    """Days between the first baseline end (`end`) and the expected end."""
    expected = expected_end(project, as_of)
    if project.end is None or expected is None or project.status == "cancelled":
        return None
    return (expected - project.end).days


# --- budget -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetTotals:
    planned: float = 0.0
    committed: float = 0.0
    spent: float = 0.0

    def __add__(self, other: BudgetTotals) -> BudgetTotals:
        return BudgetTotals(
            self.planned + other.planned, self.committed + other.committed, self.spent + other.spent
        )

    @property
    def consumption_pct(self) -> float | None:
        """Spent / planned, in %; none when nothing is planned."""
        return 100 * self.spent / self.planned if self.planned > 0 else None

    @property
    def commitment_pct(self) -> float | None:
        """Committed / planned, in %; none when nothing is planned."""
        return 100 * self.committed / self.planned if self.planned > 0 else None


def sum_totals(totals: Iterable[BudgetTotals]) -> BudgetTotals:
    result = BudgetTotals()
    for item in totals:
        result = result + item
    return result


def line_totals(project: Project) -> Iterator[tuple[int, str | None, BudgetTotals]]:
    """(year, funder, totals) for each budget line of a project."""
    for line in project.budget.lines if project.budget else ():
        yield (
            line.year,
            line.funder,
            BudgetTotals(line.planned, line.committed or 0.0, line.spent or 0.0),
        )


def project_budget(project: Project) -> BudgetTotals:
    return sum_totals(totals for _, _, totals in line_totals(project))


@dataclass(frozen=True)
class Overrun:
    kind: Literal["planned", "committed", "spent"]
    pct: float
    path: tuple[str, ...]


def budget_overruns(project: Project) -> Iterator[Overrun]:
    """Planned lines above the approved budget; committed or spent above planned (in %)."""
    totals = project_budget(project)
    approved = project.approved_budget
    if approved is not None and approved > 0 and totals.planned > approved:
        yield Overrun("planned", 100 * (totals.planned - approved) / approved, ("budget", "lines"))
    if totals.planned > 0:
        excess = 100 / totals.planned
        if totals.committed > totals.planned:
            yield Overrun(
                "committed", excess * (totals.committed - totals.planned), ("budget", "lines")
            )
        if totals.spent > totals.planned:
            yield Overrun("spent", excess * (totals.spent - totals.planned), ("budget", "lines"))


def budget_variance_pct(project: Project, *, against_first_baseline: bool = False) -> float | None:
    """Planned lines total against the approved budget (or the first baseline), in %."""
    reference = (
        (project.budget.baseline if project.budget else None)
        if against_first_baseline
        else project.approved_budget
    )
    if not reference:
        return None
    return 100 * (project_budget(project).planned - reference) / reference


# --- dependencies -----------------------------------------------------------------------------


def dependency_cycles(graph: Mapping[str, Sequence[str]]) -> Iterator[list[str]]:
    """Each cycle in a dependency graph, as the list of its members in order."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, ())))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                yield path[path.index(child) :]
            elif not state.get(child) and child in graph:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
