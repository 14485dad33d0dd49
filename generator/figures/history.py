"""The roadmap over time, as data: its situations, each project's trajectory, the roadmap-wide
trends, and what changed between two situations.

A situation is a published state of the roadmap: the last commit carrying a given `as_of`
(`generator.validation.versions.read_history` reads them), plus the roadmap being built,
which is the newest. Every figure here is computed from those roadmaps alone; what changed
between two of them is computed by `generator.figures.changes.compare`, the engine of the
pull-request digest. Nothing here runs git or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.figures.changes import Changes, compare
from generator.figures.projects import (
    DUE_SOON_DAYS,
    HEALTH_STATES,
    BudgetTotals,
    HealthState,
    health_state,
    milestone_expected_date,
    milestone_state,
    project_budget,
)
from generator.model import Health, Project, Roadmap, Session
from generator.validation.versions import PastVersion, RepositoryHistory

# A project page shows at most this many situations of the project: the first and the most
# recent ones where it changed (its page stays light whatever the length of the history).
MAX_TRAJECTORY_POINTS = 12
NoteKind = Literal["not_a_repository", "shallow", "skipped_file", "unreadable_roadmap",
                   "as_of_backwards", "renamed"]  # fmt: skip


@dataclass(frozen=True)
class HistoryNote:
    """Something the reader of the history should know about its source."""

    kind: NoteKind
    commit: str = ""  # the commit concerned (full id), when one is
    subject: str = ""  # a file path, or the id a project had before a rename
    before: dt.date | str | None = None
    after: dt.date | str | None = None


@dataclass(frozen=True)
class Situation:
    """The roadmap as published at one reporting date."""

    as_of: dt.date
    commit: str | None  # None: the roadmap being built, which may not be committed yet
    roadmap: Roadmap


# --- choosing the situations ------------------------------------------------------------------


def choose_situations(history: RepositoryHistory, current: Roadmap
                      ) -> tuple[tuple[Situation, ...], tuple[HistoryNote, ...],
                                 dict[str, str]]:  # fmt: skip
    """The situations, oldest first, what to tell about their source, and the renamed
    project ids (old id -> newest id).

    Each distinct `as_of` is one situation: the last commit carrying it (a later commit with
    the same date corrects it). The roadmap being built is the last word on its own date.
    Situations are ordered by date: a commit whose `as_of` goes back before an earlier
    commit's is a correction of that older situation, and is noted."""
    notes: list[HistoryNote] = []
    if not history.available:
        notes.append(HistoryNote("not_a_repository"))
    if history.shallow:
        notes.append(HistoryNote("shallow"))
    latest: dict[dt.date, Situation] = {}
    highest: dt.date | None = None
    for version in history.versions:
        notes.extend(HistoryNote("skipped_file", version.commit, path)
                     for path in version.skipped if version.roadmap is not None)  # fmt: skip
        if version.roadmap is None:
            if version.skipped:
                notes.append(HistoryNote("unreadable_roadmap", version.commit, version.skipped[0]))
            continue
        as_of = version.roadmap.as_of
        if highest is not None and as_of < highest:
            notes.append(HistoryNote("as_of_backwards", version.commit, "", highest, as_of))
        highest = as_of if highest is None else max(highest, as_of)
        latest[as_of] = Situation(as_of, version.commit, version.roadmap)
    latest[current.as_of] = Situation(current.as_of, None, current)
    renamed = renamed_projects(history.versions)
    notes.extend(HistoryNote("renamed", "", old, None, new) for old, new in sorted(renamed.items()))
    return tuple(latest[d] for d in sorted(latest)), tuple(notes), renamed


def renamed_projects(versions: Sequence[PastVersion]) -> dict[str, str]:
    """Project files renamed without being changed (`git mv`): old id -> the newest id. A
    project whose file is renamed keeps its history under its new id."""
    renamed: dict[str, str] = {}
    for before, after in itertools.pairwise(versions):
        gone = {blob: name for name, blob in before.blobs.items() if name not in after.blobs}
        for name, blob in after.blobs.items():
            if name not in before.blobs and blob in gone:
                old_id, new_id = _project_id(gone[blob]), _project_id(name)
                if old_id and new_id:
                    renamed[old_id] = new_id
    for old_id in list(renamed):  # a → b then b → c: a → c
        seen = {old_id}
        while renamed[old_id] in renamed and renamed[old_id] not in seen:
            seen.add(renamed[old_id])
            renamed[old_id] = renamed[renamed[old_id]]
    return renamed


def _project_id(name: str) -> str | None:
    if not name.startswith("projects/") or not name.endswith(".yaml"):
        return None
    return name.removeprefix("projects/").removesuffix(".yaml")


def _with_ids(roadmap: Roadmap, renamed: dict[str, str]) -> Roadmap:
    """The roadmap with renamed projects under their newest ids."""
    if not any(p.id in renamed for p in roadmap.projects):
        return roadmap
    projects = tuple(p.model_copy(update={"id": renamed[p.id]}) if p.id in renamed else p
                     for p in roadmap.projects)  # fmt: skip
    return roadmap.model_copy(update={"projects": projects})


# --- one project over time --------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectPoint:
    """A project as one situation showed it."""

    as_of: dt.date
    status: str
    health: Health | None
    planned_end: dt.date | None
    forecast_end: dt.date | None
    planned: float | None  # None: no budget
    committed: float | None
    spent: float | None


@dataclass(frozen=True)
class MilestoneTrend:
    """One milestone's announced date at each situation (forecast, else due; the date reached
    once reached): the milestone trend analysis. A line that climbs is a milestone slipping."""

    title: str
    due: dt.date  # as the newest situation holding it says
    announced: tuple[dt.date | None, ...]  # one per situation of the trajectory; None: absent
    reached: tuple[bool, ...]

    @property
    def slip_days(self) -> int:
        """Days between the first and the last announced date (positive: later)."""
        dates = [d for d in self.announced if d is not None]
        return (dates[-1] - dates[0]).days if dates else 0


@dataclass(frozen=True, eq=False)
class ProjectTrajectory:
    """A project across the situations that hold it, oldest first."""

    project_id: str
    points: tuple[ProjectPoint, ...]  # the first situation, each that changed it, the last
    milestones: tuple[MilestoneTrend, ...]  # announced dates at those same situations
    situations: int = 0  # how many situations hold the project

    @property
    def most_slipped(self) -> MilestoneTrend | None:
        """The milestone whose announced date moved furthest later, if one did."""
        slipped = [m for m in self.milestones if m.slip_days > 0]
        return max(slipped, key=lambda m: m.slip_days, default=None)


class _Budgets:
    """Each project version's budget totals, computed once: an unchanged project is the same
    object in every situation that holds it (read once per git object)."""

    def __init__(self) -> None:
        self._totals: dict[int, tuple[Project, BudgetTotals]] = {}

    def __call__(self, project: Project) -> BudgetTotals:
        found = self._totals.get(id(project))
        if found is None or found[0] is not project:
            found = (project, project_budget(project))
            self._totals[id(project)] = found
        return found[1]


def project_trajectory(project_id: str, situations: Sequence[Situation]) -> ProjectTrajectory:
    """The project `project_id` at each situation that holds it."""
    held = [(s, p) for s in situations for p in s.roadmap.projects if p.id == project_id]
    return _trajectory(project_id, held, _Budgets())


def _trajectory(project_id: str, held: Sequence[tuple[Situation, Project]],
                budgets: _Budgets) -> ProjectTrajectory:  # fmt: skip
    points = []
    for situation, project in held:
        budget = budgets(project) if project.budget is not None else None
        points.append(ProjectPoint(
            situation.as_of, project.status, project.health, project.planned_end,
            project.forecast_end, budget.planned if budget else None,
            budget.committed if budget else None, budget.spent if budget else None,
        ))  # fmt: skip
    # Milestones are matched by title, in order when two share one (as the digest does).
    order: list[tuple[str, int]] = []
    announced: dict[tuple[str, int], list[dt.date | None]] = {}
    reached: dict[tuple[str, int], list[bool]] = {}
    due: dict[tuple[str, int], dt.date] = {}
    for index, (_, project) in enumerate(held):
        seen: dict[str, int] = {}
        for milestone in project.milestones:
            key = (milestone.title, seen.get(milestone.title, 0))
            seen[milestone.title] = key[1] + 1
            if key not in announced:
                order.append(key)
                announced[key] = [None] * len(held)
                reached[key] = [False] * len(held)
            announced[key][index] = milestone.done or milestone.forecast or milestone.due
            reached[key][index] = milestone.done is not None
            due[key] = milestone.due
    # Only the situations where the project changed (and the first and the last): a project
    # page lists its trajectory, not a hundred identical rows (it stays under 40 kB).
    states = [(p.status, p.health, p.planned_end, p.forecast_end, p.planned, p.committed,
               p.spent, tuple(announced[key][i] for key in order),
               tuple(reached[key][i] for key in order))
              for i, p in enumerate(points)]  # fmt: skip
    kept = [index for index in range(len(held))
            if index in (0, len(held) - 1) or states[index] != states[index - 1]]
    if len(kept) > MAX_TRAJECTORY_POINTS:  # the first, then the most recent
        kept = [kept[0], *kept[len(kept) - MAX_TRAJECTORY_POINTS + 1 :]]
    trends = tuple(MilestoneTrend(key[0], due[key], tuple(announced[key][i] for i in kept),
                                  tuple(reached[key][i] for i in kept))
                   for key in order)  # fmt: skip
    return ProjectTrajectory(project_id, tuple(points[i] for i in kept), trends, len(held))


# --- the whole roadmap over time --------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """The roadmap-wide figures of one situation."""

    as_of: dt.date
    projects: int
    planned: float
    committed: float
    spent: float
    milestones_reached: int
    milestones_late: int
    milestones_upcoming: int  # not reached, expected within DUE_SOON_DAYS of the situation
    by_health: tuple[tuple[HealthState, int], ...]  # every state, in HEALTH_STATES order

    @property
    def spent_pct(self) -> float | None:
        """Money paid as a percentage of money planned."""
        return 100 * self.spent / self.planned if self.planned > 0 else None


def trend_point(situation: Situation, budgets: _Budgets | None = None) -> TrendPoint:
    roadmap, as_of = situation.roadmap, situation.as_of
    budgets = budgets or _Budgets()
    planned = committed = spent = 0.0
    reached = late = upcoming = 0
    health = dict.fromkeys(HEALTH_STATES, 0)
    horizon = as_of + dt.timedelta(days=DUE_SOON_DAYS)
    for project in roadmap.projects:
        totals = budgets(project)
        planned += totals.planned
        committed += totals.committed
        spent += totals.spent
        health[health_state(project, as_of, roadmap.thresholds.stale_after_days)] += 1
        for milestone in project.milestones:
            state = milestone_state(milestone, as_of)
            reached += state == "reached"
            late += state == "late"
            # As the home page counts them: expected within the next DUE_SOON_DAYS, late or not.
            expected = milestone_expected_date(milestone, as_of)
            upcoming += state != "reached" and as_of <= expected <= horizon
    return TrendPoint(as_of, len(roadmap.projects), planned, committed, spent, reached, late,
                      upcoming, tuple(health.items()))  # fmt: skip


# --- what changed -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeSpan:
    """What changed from one situation to another (`before` None: from nothing)."""

    before: Situation | None
    after: Situation
    changes: Changes


@dataclass(frozen=True)
class SessionChanges:
    """A council session, the situation it is given (the latest on or before its date) and
    what changed since the previous session's situation (or the situation before, for the
    first session). `span` is None when no situation is that old."""

    session: Session
    span: ChangeSpan | None


def change_span(before: Situation | None, after: Situation,
                renamed: dict[str, str]) -> ChangeSpan:  # fmt: skip
    old = _with_ids(before.roadmap, renamed) if before is not None else None
    return ChangeSpan(before, after, compare(old, _with_ids(after.roadmap, renamed)))


def situation_of(date: dt.date, situations: Sequence[Situation]) -> Situation | None:
    """The latest situation on or before `date`."""
    return next((s for s in reversed(situations) if s.as_of <= date), None)


def session_changes(sessions: Sequence[Session], situations: Sequence[Situation],
                    renamed: dict[str, str]) -> tuple[SessionChanges, ...]:  # fmt: skip
    result = []
    previous: Situation | None = None
    for session in sorted(sessions, key=lambda s: s.date):
        situation = situation_of(session.date, situations)
        if situation is None:
            result.append(SessionChanges(session, None))
            continue
        before = previous
        if before is None or before is situation:
            index = situations.index(situation)
            before = situations[index - 1] if index > 0 else None
        result.append(SessionChanges(session, change_span(before, situation, renamed)))
        previous = situation
    return tuple(result)


# --- all of it --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class History:
    """Everything the site shows about the roadmap over time."""

    situations: tuple[Situation, ...]
    notes: tuple[HistoryNote, ...]
    trends: tuple[TrendPoint, ...]
    projects: dict[str, ProjectTrajectory] = field(default_factory=dict)  # current ids only
    latest: ChangeSpan | None = None  # since the previous situation
    sessions: tuple[SessionChanges, ...] = ()

    @property
    def has_past(self) -> bool:
        """True when there is more than today's situation to show."""
        return len(self.situations) > 1


def derive_history(history: RepositoryHistory, current: Roadmap) -> History:
    """The history of `current`, from what git holds of its past."""
    situations, notes, renamed = choose_situations(history, current)
    current_ids = {p.id for p in current.projects}
    held: dict[str, list[tuple[Situation, Project]]] = {pid: [] for pid in current_ids}
    for situation in situations:
        for project in situation.roadmap.projects:
            project_id = renamed.get(project.id, project.id)
            if project_id in held:
                held[project_id].append((situation, project))
    budgets = _Budgets()
    trajectories = {pid: _trajectory(pid, held[pid], budgets) for pid in sorted(held)}
    latest = (change_span(situations[-2], situations[-1], renamed)
              if len(situations) > 1 else None)  # fmt: skip
    return History(
        situations=situations,
        notes=notes,
        trends=tuple(trend_point(s, budgets) for s in situations),
        projects=trajectories,
        latest=latest,
        sessions=session_changes(current.sessions, situations, renamed),
    )
