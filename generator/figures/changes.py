"""What a change does to the roadmap, as data: two roadmaps in, the list of their differences out.

`compare(old, new)` lists the changes (projects added or removed, status and health,
milestones reached, added or slipped, budgets, rebaselines, news, settings) and every figure
the pull-request digest shows about them: counts, budget and envelope changes with their
percentages, slips and advances in days, and what a reviewer should look at twice. The
digest (`generator.rendering.digest`) only puts them into words. Nothing here runs git or
reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from generator.diagnostics import Diagnostic
from generator.figures.projects import BudgetTotals, project_budget, sum_totals
from generator.model import Axis, Health, Milestone, Project, Rebaseline, Roadmap, Update

MilestoneChangeKind = Literal["reached", "slipped", "advanced", "added", "removed"]
NoteKind = Literal[
    "project_removed",
    "baseline_budget_edited",
    "baseline_end_edited",
    "milestone_due_edited",
    "rebaselines_rewritten",
    "thresholds_raised",
]
BudgetMeasure = Literal["planned", "committed", "spent"]
BUDGET_MEASURES: tuple[BudgetMeasure, ...] = ("planned", "committed", "spent")
# What the digest's summary line counts, in the order it names them.
SummaryKind = Literal["added", "removed", "status", "health", "reached", "slipped",
                      "rebaselines", "updates"]  # fmt: skip
# How many validation errors a digest quotes before summing up the rest: a forge comment
# is for a glance, `roadmap validate` lists them all.
MAX_QUOTED_ERRORS = 20
# Project fields whose changes have their own sentences; any other changed field is named.
_DESCRIBED_FIELDS = {"id", "source", "title", "status", "health", "visibility", "end",
                     "forecast_end", "actual_end", "milestones", "budget", "rebaselines",
                     "updates"}  # fmt: skip
_SETTINGS_FIELDS = ("title", "organisation", "description", "language", "currency", "period",
                    "funders")  # fmt: skip


# --- amounts and dates that move -------------------------------------------------------------


@dataclass(frozen=True)
class AmountChange:
    """An amount before and after a change."""

    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def percent(self) -> float | None:
        """The change as a percentage of the amount before; None when there was nothing before."""
        return 100 * self.delta / self.before if self.before > 0 else None

    @property
    def raised(self) -> bool:
        return self.after > self.before


@dataclass(frozen=True)
class MeasureChange:
    """One budget measure (planned, committed or spent) that changes."""

    measure: BudgetMeasure
    amount: AmountChange


def budget_changes(before: BudgetTotals, after: BudgetTotals) -> tuple[MeasureChange, ...]:
    """The measures that differ between two budget totals, planned first, spent last."""
    return tuple(
        MeasureChange(measure, AmountChange(getattr(before, measure), getattr(after, measure)))
        for measure in BUDGET_MEASURES
        if getattr(before, measure) != getattr(after, measure)
    )


@dataclass(frozen=True)
class DateChange:
    """A date announced before a change and the one announced after it."""

    before: dt.date
    after: dt.date

    @property
    def days(self) -> int:
        """Days of slip (positive) or advance (negative)."""
        return (self.after - self.before).days


@dataclass(frozen=True)
class EnvelopeChange:
    """The voted envelope before and after; either side may be missing."""

    before: float | None
    after: float | None

    @property
    def amount(self) -> AmountChange | None:
        """The change in amount, when both sides give one."""
        if self.before is None or self.after is None:
            return None
        return AmountChange(self.before, self.after)


# --- the changes, as data ------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneChange:
    kind: MilestoneChangeKind
    title: str
    due: dt.date
    before: dt.date | None  # the date announced before the change (forecast, else due)
    after: dt.date | None  # the date announced after it, or the date reached
    explanation: str | None = None
    done: dt.date | None = None  # for a milestone that arrives already reached

    @property
    def days(self) -> int:
        """Days of slip (positive) or advance (negative); for a reached milestone, against due."""
        if self.kind == "reached" and self.after is not None:
            return (self.after - self.due).days
        if self.before is None or self.after is None:
            return 0
        return (self.after - self.before).days


@dataclass(frozen=True)
class RebaselineChange:
    """A new rebaseline, with the approved budget and end it replaces."""

    rebaseline: Rebaseline
    budget_before: float | None
    end_before: dt.date | None

    @property
    def budget(self) -> AmountChange | None:
        """The approved budget, from the one it replaces to the new one, when both are known."""
        if self.rebaseline.budget is None or self.budget_before is None:
            return None
        return AmountChange(self.budget_before, self.rebaseline.budget)


@dataclass(frozen=True)
class ReviewNote:
    """Something a reviewer should look at twice: history rewritten, a project deleted…"""

    kind: NoteKind
    project: str = ""  # the project's title
    subject: str = ""  # e.g. the milestone's title
    before: float | dt.date | None = None
    after: float | dt.date | None = None


@dataclass(frozen=True)
class ThresholdChange:
    name: str  # the field of `thresholds`: budget_overrun_pct, schedule_slip_days…
    before: float
    after: float


@dataclass(frozen=True)
class ProjectChange:
    id: str
    title: str
    kind: Literal["added", "removed", "changed"]
    old: Project | None
    new: Project | None
    renamed_from: str | None = None
    status: tuple[str, str] | None = None
    visibility: tuple[str, str] | None = None
    health: tuple[Health | None, Health | None] | None = None
    end: DateChange | None = None  # the announced end, before and after
    milestones: tuple[MilestoneChange, ...] = ()
    budget: tuple[MeasureChange, ...] = ()
    rebaselines: tuple[RebaselineChange, ...] = ()
    updates: tuple[Update, ...] = ()
    other_fields: tuple[str, ...] = ()

    @property
    def published(self) -> bool:
        """Whether the public site shows the project: public after the change (or, removed,
        before it). Changes to an internal project are listed for reviewers, and said to be
        unpublished."""
        project = self.new or self.old
        return project is not None and project.visibility == "public"

    @property
    def health_value_changed(self) -> bool:
        if self.health is None or self.health[1] is None:
            return False
        before = self.health[0]
        return before is None or before.value != self.health[1].value


@dataclass(frozen=True)
class Summary:
    """The figures of the digest's summary line."""

    counts: tuple[tuple[SummaryKind, int], ...]  # only the kinds that occur, in order
    planned_total: AmountChange | None  # the published projects' planned credits, when they move
    notes: int  # points for reviewers
    unpublished: int = 0  # changed projects the public site does not show (internal)


@dataclass(frozen=True)
class Changes:
    """Everything that differs between two versions of a roadmap."""

    language: str
    currency: str
    as_of: tuple[dt.date | None, dt.date]
    envelope: EnvelopeChange | None = None
    thresholds: tuple[ThresholdChange, ...] = ()
    axes_added: tuple[Axis, ...] = ()
    axes_removed: tuple[Axis, ...] = ()
    settings_fields: tuple[str, ...] = ()
    projects: tuple[ProjectChange, ...] = ()
    # The budget of the published projects (as the public site totals it): internal projects
    # are left out, on either side.
    budget_total: tuple[MeasureChange, ...] = ()
    notes: tuple[ReviewNote, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.as_of_moved or self.envelope or self.thresholds or self.axes_added
                    or self.axes_removed or self.settings_fields or self.projects
                    or self.notes)  # fmt: skip

    @property
    def as_of_moved(self) -> DateChange | None:
        """The reporting date, when a previous one exists and differs."""
        before, after = self.as_of
        return DateChange(before, after) if before is not None and before != after else None

    def projects_of_kind(self, kind: str) -> list[ProjectChange]:
        return [p for p in self.projects if p.kind == kind]

    def milestones_of_kind(self, kind: MilestoneChangeKind) -> list[MilestoneChange]:
        return [m for p in self.projects for m in p.milestones if m.kind == kind]

    @property
    def summary(self) -> Summary:
        counts: tuple[tuple[SummaryKind, int], ...] = (
            ("added", len(self.projects_of_kind("added"))),
            ("removed", len(self.projects_of_kind("removed"))),
            ("status", sum(1 for p in self.projects if p.status)),
            ("health", sum(1 for p in self.projects if p.health_value_changed)),
            ("reached", len(self.milestones_of_kind("reached"))),
            ("slipped", len(self.milestones_of_kind("slipped"))),
            ("rebaselines", sum(len(p.rebaselines) for p in self.projects)),
            ("updates", sum(len(p.updates) for p in self.projects)),
        )
        planned = next((c.amount for c in self.budget_total if c.measure == "planned"), None)
        return Summary(tuple((kind, n) for kind, n in counts if n), planned, len(self.notes),
                       len(self.unpublished))  # fmt: skip

    @property
    def unpublished(self) -> list[ProjectChange]:
        """The changes to projects that the public site does not show."""
        return [p for p in self.projects if not p.published]


# --- comparing ---------------------------------------------------------------------------


def compare(old: Roadmap | None, new: Roadmap) -> Changes:
    """The changes from `old` to `new`; with no `old` (no roadmap yet), everything is new."""
    old_projects = {p.id: p for p in old.projects} if old else {}
    new_projects = {p.id: p for p in new.projects}
    order = _project_order(new, old)
    projects: list[ProjectChange] = []
    notes: list[ReviewNote] = []
    for project_id in sorted(old_projects.keys() | new_projects.keys(), key=order):
        before, after = old_projects.get(project_id), new_projects.get(project_id)
        if after is None:
            assert before is not None
            projects.append(ProjectChange(project_id, before.title, "removed", before, None))
            notes.append(ReviewNote("project_removed", project=before.title))
        elif before is None:
            projects.append(ProjectChange(project_id, after.title, "added", None, after,
                                          updates=_newest_first(after.updates)))  # fmt: skip
        else:
            change, project_notes = _compare_project(before, after)
            notes.extend(project_notes)
            if change is not None:
                projects.append(change)

    total_before = (sum_totals(project_budget(p) for p in old.projects if p.visibility == "public")
                    if old else BudgetTotals())  # fmt: skip
    total_after = sum_totals(project_budget(p) for p in new.projects if p.visibility == "public")
    changes = Changes(
        language=new.language,
        currency=new.currency,
        as_of=(old.as_of if old else None, new.as_of),
        projects=tuple(projects),
        budget_total=budget_changes(total_before, total_after),
        notes=tuple(notes),
    )
    return changes if old is None else _compare_settings(old, new, changes)


def _compare_settings(old: Roadmap, new: Roadmap, changes: Changes) -> Changes:
    thresholds = tuple(
        ThresholdChange(name, float(before), float(after))
        for name in type(new.thresholds).model_fields
        if (before := getattr(old.thresholds, name)) != (after := getattr(new.thresholds, name))
    )
    notes = list(changes.notes)
    if any(t.after > t.before for t in thresholds):
        notes.append(ReviewNote("thresholds_raised"))
    old_axes, new_axes = {a.id: a for a in old.axes}, {a.id: a for a in new.axes}
    settings = [name for name in _SETTINGS_FIELDS if getattr(old, name) != getattr(new, name)]
    if any(old_axes[i] != new_axes[i] for i in old_axes.keys() & new_axes.keys()):
        settings.append("axes")
    return replace(
        changes,
        envelope=EnvelopeChange(old.envelope, new.envelope)
        if old.envelope != new.envelope
        else None,
        thresholds=thresholds,
        axes_added=tuple(a for a in new.axes if a.id not in old_axes),
        axes_removed=tuple(a for a in old.axes if a.id not in new_axes),
        settings_fields=tuple(settings),
        notes=tuple(notes),
    )


def _project_order(new: Roadmap, old: Roadmap | None) -> Any:
    """Projects in the order of their axes, as the site lists them, then by id."""
    axes = [a.id for a in new.axes]
    axis_of = {p.id: p.axis for p in (*(old.projects if old else ()), *new.projects)}

    def key(project_id: str) -> tuple[int, str]:
        axis = axis_of.get(project_id, "")
        return (axes.index(axis) if axis in axes else len(axes), project_id)

    return key


def announced_end(project: Project) -> dt.date | None:
    """The end the project announces: its forecast, else its current planned end."""
    return project.forecast_end or project.planned_end


def _compare_project(old: Project, new: Project) -> tuple[ProjectChange | None, list[ReviewNote]]:
    notes = _history_notes(old, new)
    milestones, milestone_notes = _compare_milestones(old.milestones, new.milestones, new.title)
    notes.extend(milestone_notes)
    end_before, end_after = announced_end(old), announced_end(new)
    change = ProjectChange(
        id=new.id,
        title=new.title,
        kind="changed",
        old=old,
        new=new,
        renamed_from=old.title if old.title != new.title else None,
        status=(old.status, new.status) if old.status != new.status else None,
        visibility=(old.visibility, new.visibility) if old.visibility != new.visibility else None,
        health=(old.health, new.health) if old.health != new.health else None,
        # A finished project's end is told by its new status, not as a slip.
        end=DateChange(end_before, end_after)
        if end_before and end_after and end_before != end_after and new.actual_end is None
        else None,
        milestones=milestones,
        budget=budget_changes(project_budget(old), project_budget(new)),
        rebaselines=_new_rebaselines(old, new),
        updates=_newest_first(u for u in new.updates if u not in set(old.updates)),
    )
    others = [name for name in type(new).model_fields
              if name not in _DESCRIBED_FIELDS
              and getattr(old, name) != getattr(new, name)]  # fmt: skip
    # Changes that no sentence tells (an explanation reworded, a weight) are still named.
    if old.milestones != new.milestones and not milestones and not milestone_notes:
        others.append("milestones")
    baseline_noted = any(n.kind == "baseline_budget_edited" for n in notes)
    if old.budget != new.budget and not change.budget and not baseline_noted:
        others.append("budget")
    if old.actual_end != new.actual_end and change.status is None:
        others.append("actual_end")
    if change.status and new.status in ("on_hold", "cancelled") and "status_reason" in others:
        others.remove("status_reason")  # the status sentence quotes it
    change = replace(change, other_fields=tuple(others))
    told = (change.renamed_from or change.status or change.visibility or change.health
            or change.end or change.milestones or change.budget or change.rebaselines
            or change.updates or change.other_fields)  # fmt: skip
    return (change if told else None), notes


def _history_notes(old: Project, new: Project) -> list[ReviewNote]:
    """The first baseline is frozen and rebaselines are only appended: say when they are not."""
    notes = []
    old_baseline = old.budget.baseline if old.budget else None
    new_baseline = new.budget.baseline if new.budget else None
    if old_baseline is not None and old_baseline != new_baseline:
        notes.append(ReviewNote("baseline_budget_edited", new.title, "", old_baseline,
                                new_baseline))  # fmt: skip
    if old.end is not None and old.end != new.end:
        notes.append(ReviewNote("baseline_end_edited", new.title, "", old.end, new.end))
    if tuple(new.rebaselines[: len(old.rebaselines)]) != tuple(old.rebaselines):
        notes.append(ReviewNote("rebaselines_rewritten", new.title))
    return notes


def _compare_milestones(
    old: Sequence[Milestone], new: Sequence[Milestone], project_title: str
) -> tuple[tuple[MilestoneChange, ...], list[ReviewNote]]:
    """Milestones are matched by title (in order, when two share a title)."""
    remaining: dict[str, list[Milestone]] = {}
    for milestone in old:
        remaining.setdefault(milestone.title, []).append(milestone)
    changes: list[MilestoneChange] = []
    notes: list[ReviewNote] = []
    for milestone in new:
        announced_after = milestone.forecast or milestone.due
        candidates = remaining.get(milestone.title)
        if not candidates:
            changes.append(MilestoneChange("added", milestone.title, milestone.due, None,
                                           announced_after, milestone.explanation,
                                           milestone.done))  # fmt: skip
            continue
        previous = candidates.pop(0)
        if previous.due != milestone.due:
            notes.append(ReviewNote("milestone_due_edited", project_title, milestone.title,
                                    previous.due, milestone.due))  # fmt: skip
        announced_before = previous.forecast or previous.due
        if previous.done is None and milestone.done is not None:
            changes.append(MilestoneChange("reached", milestone.title, milestone.due,
                                           announced_before, milestone.done))  # fmt: skip
        elif previous.done is None and milestone.done is None \
                and announced_after != announced_before:  # fmt: skip
            kind: MilestoneChangeKind = (
                "slipped" if announced_after > announced_before else "advanced"
            )
            changes.append(MilestoneChange(kind, milestone.title, milestone.due,
                                           announced_before, announced_after,
                                           milestone.explanation))  # fmt: skip
    for leftovers in remaining.values():
        for milestone in leftovers:
            changes.append(MilestoneChange("removed", milestone.title, milestone.due,
                                           milestone.done or milestone.forecast or milestone.due,
                                           None))  # fmt: skip
    return tuple(changes), notes


def _new_rebaselines(old: Project, new: Project) -> tuple[RebaselineChange, ...]:
    """Rebaselines in `new` that `old` did not have, each with the figures it replaces."""
    known = set(old.rebaselines)
    budget = new.budget.baseline if new.budget else None
    end = new.end
    result = []
    for rebaseline in new.rebaselines:
        if rebaseline not in known:
            result.append(RebaselineChange(rebaseline, budget, end))
        budget = rebaseline.budget if rebaseline.budget is not None else budget
        end = rebaseline.end if rebaseline.end is not None else end
    return tuple(result)


def _newest_first(updates: Iterable[Update]) -> tuple[Update, ...]:
    return tuple(sorted(updates, key=lambda u: u.date, reverse=True))


# --- versions that cannot be compared ----------------------------------------------------------


@dataclass(frozen=True)
class ErrorExcerpt:
    """The validation errors a digest quotes, and how many it leaves for `roadmap validate`."""

    quoted: tuple[Diagnostic, ...]
    total: int

    @property
    def left_out(self) -> int:
        return self.total - len(self.quoted)


def error_excerpt(errors: Sequence[Diagnostic], limit: int = MAX_QUOTED_ERRORS) -> ErrorExcerpt:
    """The first `limit` errors, in the validator's order, and the count of all of them."""
    return ErrorExcerpt(tuple(errors[:limit]), len(errors))
