"""The elementary computations the rules and the figures share: slips, budget totals and
overruns, dependency cycles.

The validator needs them to decide whether a slip or an overrun must be explained; the
figures stage builds every page figure on them (`generator.figures.derive` re-exports them).
Nothing here reads the clock: "today" is always the roadmap's `as_of` date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.model import BudgetLine, Milestone, Project

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
    """Planned, committed and spent amounts added up over budget lines.

    `committed` and `spent` add up the lines that give them; `lines`, `committed_lines` and
    `spent_lines` count the lines, so that an amount no line ever gave reads as "not given"
    (`known_committed`, `known_spent`) rather than as a zero."""

    planned: float = 0.0
    committed: float = 0.0
    spent: float = 0.0
    # Counts, not amounts: two totals of the same amounts are equal whatever lines made them.
    lines: int = field(default=0, compare=False)
    committed_lines: int = field(default=0, compare=False)
    spent_lines: int = field(default=0, compare=False)

    def __add__(self, other: BudgetTotals) -> BudgetTotals:
        return BudgetTotals(
            self.planned + other.planned,
            self.committed + other.committed,
            self.spent + other.spent,
            self.lines + other.lines,
            self.committed_lines + other.committed_lines,
            self.spent_lines + other.spent_lines,
        )

    @property
    def known_committed(self) -> float | None:
        """The committed amount, or none when no line gives one."""
        return self.committed if self.committed_lines else None

    @property
    def known_spent(self) -> float | None:
        """The spent amount, or none when no line gives one."""
        return self.spent if self.spent_lines else None

    @property
    def consumption_pct(self) -> float | None:
        """Spent / planned, in %; none when nothing is planned or no payment was reported."""
        if self.planned <= 0 or not self.spent_lines:
            return None
        return 100 * self.spent / self.planned

    @property
    def commitment_pct(self) -> float | None:
        """Committed / planned, in %; none when nothing is planned or no commitment was
        reported."""
        if self.planned <= 0 or not self.committed_lines:
            return None
        return 100 * self.committed / self.planned


def sum_totals(totals: Iterable[BudgetTotals]) -> BudgetTotals:
    result = BudgetTotals()
    for item in totals:
        result = result + item
    return result


def line_totals(project: Project) -> Iterator[tuple[int, str | None, BudgetTotals]]:
    """(year, funder, totals) for each budget line of a project."""
    for line in project.budget.lines if project.budget else ():
        yield line.year, line.funder, line_budget(line)


def line_budget(line: BudgetLine) -> BudgetTotals:
    """One budget line's amounts; a committed or spent amount it does not give counts as
    not reported, not as zero."""
    return BudgetTotals(
        line.planned,
        line.committed or 0.0,
        line.spent or 0.0,
        1,
        int(line.committed is not None),
        int(line.spent is not None),
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
