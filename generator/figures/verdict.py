"""The figures of the home page's verdict: the few sentences a councillor reads aloud first.

How much of the period has elapsed against how much of the money is paid; how many of the
milestones expected by the reporting date were reached on time; what needs a decision
(critical health, drift without an explanation, ratings to update); what the rebaselines
changed. Computed once by `verdict_figures`; the site only puts them into words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.figures.changes import SummaryKind
from generator.figures.history import History
from generator.figures.projects import AttentionItem, Portfolio
from generator.model import Roadmap

# Attention kinds that are a drift from the plan, which the lead must explain.
DRIFT_KINDS = ("late_milestone", "schedule_slip", "budget_variance")


@dataclass(frozen=True)
class MilestoneVerdict:
    """The milestones expected by the reporting date: reached on time (on or before their
    due date), reached late, or not reached though due before it (late, their project still
    running: a stopped project's pending milestones are dropped, not late). The three add
    up to `due`; `late` is the count of late milestones."""

    due: int
    reached_on_time: int
    reached_late: int
    late: int


@dataclass(frozen=True)
class RebaselineVerdict:
    """What the rebaselines changed: how many, in how many projects, the last one's date; the
    approved budgets of those projects against their first baselines (when both are known)
    and the longest push of a planned end, in days."""

    count: int
    projects: int
    last: dt.date
    first_budgets: float | None
    approved_budgets: float | None
    longest_delay_days: int | None

    @property
    def budget_change_pct(self) -> float | None:
        if not self.first_budgets or self.approved_budgets is None:
            return None
        return 100 * (self.approved_budgets - self.first_budgets) / self.first_budgets


@dataclass(frozen=True)
class ChangesVerdict:
    """What moved since the previous situation, for the verdict's last sentence and its link
    to the page that tells it all: the page of the last session when the newest situation
    is that session's (`session`, then the changes since the situation of the session before
    it), else "what's new" (since the previous situation). `since_session`: the session whose
    situation the changes start from, when they start from one."""

    since: dt.date  # the situation the changes start from
    counts: tuple[tuple[SummaryKind, int], ...]  # as the digest's summary counts them
    session: dt.date | None = None  # the date of the session page to link to
    since_session: str | None = None  # the title of the session the changes start from


@dataclass(frozen=True)
class Verdict:
    """Every figure of the verdict; a part without data is none (its sentence is left out).

    `period_elapsed_pct` is the share of the roadmap's period elapsed at `as_of`;
    `paid_pct` the share of the planned credits paid (none when no payment was reported)."""

    period_elapsed_pct: float | None
    paid_pct: float | None
    milestones: MilestoneVerdict | None
    critical: int
    unexplained: int
    stale: int
    rebaselines: RebaselineVerdict | None
    # What moved since the previous situation or session (the history on, something moved).
    changes: ChangesVerdict | None = None


def period_elapsed_pct(roadmap: Roadmap) -> float | None:
    """The share of the roadmap's period elapsed at `as_of`, in % (0 to 100)."""
    start, end = roadmap.period.start, roadmap.period.end
    length = (end - start).days
    if length <= 0:
        return None
    elapsed = (min(max(roadmap.as_of, start), end) - start).days
    return 100 * elapsed / length


def milestone_verdict(overall: Portfolio, as_of: dt.date) -> MilestoneVerdict | None:
    """The milestones expected by `as_of` (see `MilestoneVerdict`); none when there are none."""
    # Late ones, and reached ones due by `as_of`: a milestone due on `as_of` itself and not
    # reached is not late yet (the rule of `milestone_state`), so it is not counted here.
    expected = [m for m in overall.milestones
                if m.state == "late"
                or (m.state == "reached" and m.milestone.due <= as_of)]  # fmt: skip
    if not expected:
        return None
    on_time = sum(1 for m in expected
                  if m.milestone.done is not None
                  and m.milestone.done <= m.milestone.due)  # fmt: skip
    reached = sum(1 for m in expected if m.milestone.done is not None)
    return MilestoneVerdict(len(expected), on_time, reached - on_time, len(expected) - reached)


def rebaseline_verdict(overall: Portfolio) -> RebaselineVerdict | None:
    """What the rebaselines of the portfolio's projects changed; none without any."""
    changed = [p.project for p in overall.projects if p.project.rebaselines]
    if not changed:
        return None
    with_budgets = [p for p in changed if p.budget and p.budget.baseline is not None
                    and any(r.budget is not None for r in p.rebaselines)]  # fmt: skip
    delays = [
        (p.planned_end - p.end).days
        for p in changed
        if p.end is not None and p.planned_end is not None and p.planned_end != p.end
    ]
    return RebaselineVerdict(
        count=sum(len(p.rebaselines) for p in changed),
        projects=len(changed),
        last=max(r.date for p in changed for r in p.rebaselines),
        first_budgets=sum(p.budget.baseline or 0.0 for p in with_budgets if p.budget)
        if with_budgets
        else None,
        approved_budgets=sum(p.approved_budget or 0.0 for p in with_budgets)
        if with_budgets
        else None,
        longest_delay_days=max(delays, default=None),
    )


def changes_verdict(history: History) -> ChangesVerdict | None:
    """What moved up to the newest situation, from the history; none when nothing did (or
    there is no earlier situation)."""
    newest = history.situations[-1] if history.situations else None
    # Each situation that is a session's, by identity (a situation is one object).
    sessions = {id(s.span.after): s.session for s in history.sessions if s.span is not None}
    for session in reversed(history.sessions):
        span = session.span
        if span is not None and span.after is newest and span.before is not None:
            if not span.changes.summary.counts:
                return None
            earlier = sessions.get(id(span.before))
            since = earlier.title if earlier is not None and earlier is not session.session \
                else None  # fmt: skip
            return ChangesVerdict(span.before.as_of, span.changes.summary.counts,
                                  session.session.date, since)  # fmt: skip
    latest = history.latest
    if latest is None or latest.before is None or not latest.changes.summary.counts:
        return None
    return ChangesVerdict(latest.before.as_of, latest.changes.summary.counts)


def verdict_figures(roadmap: Roadmap, overall: Portfolio,
                    attention: Sequence[AttentionItem]) -> Verdict:  # fmt: skip
    """The verdict of the roadmap at its reporting date."""
    return Verdict(
        period_elapsed_pct=period_elapsed_pct(roadmap),
        paid_pct=overall.budget.consumption_pct,
        milestones=milestone_verdict(overall, roadmap.as_of),
        critical=sum(1 for a in attention if a.kind == "critical"),
        unexplained=sum(1 for a in attention if a.kind in DRIFT_KINDS and not a.explanation),
        stale=sum(1 for a in attention if a.kind == "stale"),
        rebaselines=rebaseline_verdict(overall),
    )


__all__ = [
    "DRIFT_KINDS",
    "ChangesVerdict",
    "MilestoneVerdict",
    "RebaselineVerdict",
    "Verdict",
    "changes_verdict",
    "milestone_verdict",
    "period_elapsed_pct",
    "rebaseline_verdict",
    "verdict_figures",
]
