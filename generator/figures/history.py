"""The roadmap over time, as data: its situations, each project's trajectory, the roadmap-wide
trends, and what changed between two situations.

A situation is a published state of the roadmap: the last commit carrying a given `as_of`
(`generator.validation.versions.read_history` reads them), plus the roadmap being built,
which is the newest. Every figure here is computed from those roadmaps alone; what changed
between two of them is computed by `generator.figures.changes.compare`, the engine of the
pull-request digest. Nothing here runs git or reads the clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.figures.changes import Changes, compare
from generator.figures.projects import (
    DUE_SOON_DAYS,
    HEALTH_STATES,
    STOPPED_STATUSES,
    HealthState,
)
from generator.model import Rebaseline, Roadmap, RoadmapFile, Session
from generator.validation.versions import (
    HealthRating,
    PastVersion,
    ProjectSummary,
    RepositoryHistory,
    project_summary,
)

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


@dataclass(frozen=True, eq=False)
class Situation:
    """The roadmap as published at one reporting date: its settings and a summary of each
    of its projects; the whole roadmap is read only for the situations a "what changed" page
    compares (`roadmap`)."""

    as_of: dt.date
    commit: str | None  # None: the roadmap being built, which may not be committed yet
    settings: RoadmapFile
    projects: tuple[ProjectSummary, ...]
    whole: Callable[[], Roadmap | None] = field(repr=False)

    @property
    def roadmap(self) -> Roadmap:
        roadmap = self.whole()
        assert roadmap is not None  # a situation is made only of a version with settings
        return roadmap

    @staticmethod
    def of_version(version: PastVersion) -> Situation:
        assert version.settings is not None
        return Situation(version.settings.as_of, version.commit, version.settings,
                         version.projects, lambda: version.roadmap)  # fmt: skip

    @staticmethod
    def of_roadmap(roadmap: Roadmap, commit: str | None = None) -> Situation:
        return Situation(roadmap.as_of, commit, roadmap,
                         tuple(project_summary(p) for p in roadmap.projects),
                         lambda: roadmap)  # fmt: skip


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
                     for path in version.skipped if version.settings is not None)  # fmt: skip
        if version.settings is None:
            if version.skipped:
                notes.append(HistoryNote("unreadable_roadmap", version.commit, version.skipped[0]))
            continue
        as_of = version.settings.as_of
        if highest is not None and as_of < highest:
            notes.append(HistoryNote("as_of_backwards", version.commit, "", highest, as_of))
        highest = as_of if highest is None else max(highest, as_of)
        latest[as_of] = Situation.of_version(version)
    latest[current.as_of] = Situation.of_roadmap(current)
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
    health: HealthRating | None
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


@dataclass(frozen=True)
class RebaselineMark:
    """A rebaseline of the project, placed among its situations: the first situation that
    showed it (None: decided after the newest situation's date, shown with the newest)."""

    date: dt.date
    decision: str
    reason: str
    end: dt.date | None
    budget: float | None


@dataclass(frozen=True, eq=False)
class ProjectTrajectory:
    """A project across the situations that hold it, oldest first."""

    project_id: str
    points: tuple[ProjectPoint, ...]  # the first situation, each that changed it, the last
    milestones: tuple[MilestoneTrend, ...]  # announced dates at those same situations
    situations: int = 0  # how many situations hold the project
    rebaselines: tuple[RebaselineMark, ...] = ()  # the project's, oldest first

    @property
    def most_slipped(self) -> MilestoneTrend | None:
        """The milestone whose announced date moved furthest later, if one did."""
        slipped = [m for m in self.milestones if m.slip_days > 0]
        return max(slipped, key=lambda m: m.slip_days, default=None)


def project_trajectory(project_id: str, situations: Sequence[Situation]) -> ProjectTrajectory:
    """The project `project_id` at each situation that holds it."""
    held = [(s, p) for s in situations for p in s.projects if p.id == project_id]
    return _trajectory(project_id, held)


_MilestoneKey = tuple[str, int]


def _trajectory(project_id: str, held: Sequence[tuple[Situation, ProjectSummary]],
                rebaselines: Sequence[Rebaseline] = ()) -> ProjectTrajectory:  # fmt: skip
    # A file unchanged from one situation to the next is the same summary (read once per git
    # object): the work is done once per run of identical versions, not once per situation.
    runs: list[tuple[int, ProjectSummary]] = []  # (first situation's index, version)
    for index, (_, project) in enumerate(held):
        if not runs or runs[-1][1] is not project:
            runs.append((index, project))
    # Milestones are matched by title, in order when two share one (as the digest does).
    order: list[_MilestoneKey] = []
    due: dict[_MilestoneKey, dt.date] = {}
    run_dates: list[dict[_MilestoneKey, tuple[dt.date, bool]]] = []
    for _, project in runs:
        seen: dict[str, int] = {}
        dates: dict[_MilestoneKey, tuple[dt.date, bool]] = {}
        for milestone in project.milestones:
            key = (milestone.title, seen.get(milestone.title, 0))
            seen[milestone.title] = key[1] + 1
            if key not in due:
                order.append(key)
            due[key] = milestone.due
            dates[key] = (milestone.done or milestone.forecast or milestone.due,
                          milestone.done is not None)  # fmt: skip
        run_dates.append(dates)
    # Only the situations where the project changed (and the first and the last): a project
    # page lists its trajectory, not a hundred identical rows (it stays under 40 kB).
    states = [(p.status, p.health, p.planned_end, p.forecast_end, p.budget,
               tuple(dates.get(key) for key in order))
              for (_, p), dates in zip(runs, run_dates, strict=True)]  # fmt: skip
    kept_runs = [0, *(r for r in range(1, len(runs)) if states[r] != states[r - 1])]
    kept = [(runs[r][0], r) for r in kept_runs]
    last = len(held) - 1
    if kept[-1][0] != last:
        kept.append((last, len(runs) - 1))
    if len(kept) > MAX_TRAJECTORY_POINTS:  # the first, then the most recent
        kept = [kept[0], *kept[len(kept) - MAX_TRAJECTORY_POINTS + 1 :]]
    points = []
    for index, run in kept:
        project = runs[run][1]
        budget = project.budget
        points.append(ProjectPoint(
            held[index][0].as_of, project.status, project.health, project.planned_end,
            project.forecast_end, budget[0] if budget else None, budget[1] if budget else None,
            budget[2] if budget else None,
        ))  # fmt: skip
    trends = []
    for key in order:
        marks = [run_dates[run].get(key) for _, run in kept]
        trends.append(MilestoneTrend(key[0], due[key],
                                     tuple(m[0] if m else None for m in marks),
                                     tuple(m[1] if m else False for m in marks)))  # fmt: skip
    rebaseline_marks = tuple(RebaselineMark(r.date, r.decision, r.reason, r.end, r.budget)
                             for r in sorted(rebaselines, key=lambda r: r.date))  # fmt: skip
    return ProjectTrajectory(project_id, tuple(points), tuple(trends), len(held),
                             rebaseline_marks)


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
    milestones_upcoming: int  # not reached, not late, due within DUE_SOON_DAYS of the situation
    by_health: tuple[tuple[HealthState, int], ...]  # every state, in HEALTH_STATES order

    @property
    def spent_pct(self) -> float | None:
        """Money paid as a percentage of money planned."""
        return 100 * self.spent / self.planned if self.planned > 0 else None


@dataclass(frozen=True)
class _Counting:
    """What a project version adds to the trends at any date, worked out once for all the
    situations that hold it: its pending milestones' due dates, sorted, so that counting those
    late or upcoming at a date is a binary search. A stopped project's (cancelled, on hold)
    pending milestones are dropped: neither late nor upcoming, as on the home page."""

    reached: int
    dues: tuple[dt.date, ...]  # pending milestones' due dates (none when the project stopped)


class _Counts:
    """Each project version's `_Counting`, computed once (a version is one object in every
    situation that holds it)."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[ProjectSummary, _Counting]] = {}

    def __call__(self, project: ProjectSummary) -> _Counting:
        found = self._found.get(id(project))
        if found is None or found[0] is not project:
            pending = [m for m in project.milestones if m.done is None]
            counted = () if project.status in STOPPED_STATUSES else pending
            found = (project, _Counting(len(project.milestones) - len(pending),
                                        tuple(sorted(m.due for m in counted))))  # fmt: skip
            self._found[id(project)] = found
        return found[1]


def trend_point(situation: Situation, counts: _Counts | None = None) -> TrendPoint:
    """The roadmap-wide figures of one situation. Milestones are counted as the home page
    counts them (`milestone_state`, `upcoming_milestones`): late, not reached and due before
    the situation; upcoming, not reached, not late and due within DUE_SOON_DAYS; neither
    when their project is cancelled or on hold."""
    as_of = situation.as_of
    counts = counts or _Counts()
    stale_after = situation.settings.thresholds.stale_after_days
    planned = committed = spent = 0.0
    reached = late = upcoming = 0
    health = dict.fromkeys(HEALTH_STATES, 0)
    horizon = as_of + dt.timedelta(days=DUE_SOON_DAYS)
    for project in situation.projects:
        if project.budget is not None:
            planned += project.budget[0]
            committed += project.budget[1]
            spent += project.budget[2]
        rating = project.health
        state: HealthState = ("unknown" if rating is None
                              else "stale" if (as_of - rating.date).days > stale_after
                              else rating.value)  # type: ignore[assignment]  # fmt: skip
        health[state] += 1
        counting = counts(project)
        reached += counting.reached
        late += bisect.bisect_left(counting.dues, as_of)
        upcoming += (bisect.bisect_right(counting.dues, horizon)
                     - bisect.bisect_left(counting.dues, as_of))  # fmt: skip
    return TrendPoint(as_of, len(situation.projects), planned, committed, spent, reached, late,
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
    held: dict[str, list[tuple[Situation, ProjectSummary]]] = {p.id: [] for p in current.projects}
    for situation in situations:
        for project in situation.projects:
            project_id = renamed.get(project.id, project.id)
            if project_id in held:
                held[project_id].append((situation, project))
    rebaselines = {p.id: p.rebaselines for p in current.projects}
    trajectories = {pid: _trajectory(pid, held[pid], rebaselines[pid]) for pid in sorted(held)}
    latest = (change_span(situations[-2], situations[-1], renamed)
              if len(situations) > 1 else None)  # fmt: skip
    counts = _Counts()
    return History(
        situations=situations,
        notes=notes,
        trends=tuple(trend_point(s, counts) for s in situations),
        projects=trajectories,
        latest=latest,
        sessions=session_changes(current.sessions, situations, renamed),
    )
