"""Figures over time, against hand-computed values: trends, milestone trends, sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.figures.history import derive_history, situation_of
from generator.figures.verdict import changes_verdict
from generator.model import Roadmap
from generator.rendering.site.history import project_history_view
from generator.validation.measures import project_budget
from generator.validation.validate import validate_roadmap
from generator.validation.versions import PastVersion, RepositoryHistory, project_summary
from tests.history_repo import REBASELINE, write_situation

SESSIONS = """sessions:
  - {date: 2020-05-01, title: Conseil de mai}
  - {date: 2020-10-01, title: Conseil d'octobre}
  - {date: 2019-01-01, title: Avant tout}
"""


def _roadmap(folder: Path, as_of: str, projects: dict[str, dict[str, str]]) -> Roadmap:
    (folder / "projects").mkdir(parents=True, exist_ok=True)
    write_situation(folder, as_of, projects, SESSIONS)
    result = validate_roadmap(folder)
    assert result.roadmap is not None, result.errors
    return result.roadmap


def _history(tmp_path: Path) -> tuple[RepositoryHistory, Roadmap]:
    march = _roadmap(tmp_path / "a", "2020-03-31", {"socle": {"spent": "10000"}})
    june = _roadmap(tmp_path / "b", "2020-06-30", {
        "socle": {"health": "watch", "forecast": "2020-10-31", "spent": "30000"},
        "portail": {"health": "critical", "committed": "0", "spent": "0"}})  # fmt: skip
    september = _roadmap(tmp_path / "c", "2020-09-30", {
        "socle": {"health": "critical", "forecast": "2020-12-15", "spent": "45000"}})  # fmt: skip
    versions = (PastVersion("a" * 40, march), PastVersion("b" * 40, june))
    return RepositoryHistory(available=True, versions=versions), september


def test_roadmap_wide_trends(tmp_path: Path) -> None:
    history = derive_history(*_history(tmp_path))
    assert [t.as_of.isoformat() for t in history.trends] == ["2020-03-31", "2020-06-30",
                                                             "2020-09-30"]  # fmt: skip
    assert [t.spent for t in history.trends] == [10000, 30000, 45000]
    assert [t.planned for t in history.trends] == [100000, 200000, 100000]
    assert [t.spent_pct for t in history.trends] == [10.0, 15.0, 45.0]
    # Lancement is reached in each project. Recette (due 30 Sept) is expected on 30 Sept in
    # March (beyond 90 days), on 31 Oct and 30 Sept in June (beyond 28 Sept), and on 15 Dec
    # on 30 Sept (within 90 days; due that very day, so not late yet).
    assert [t.milestones_reached for t in history.trends] == [1, 2, 1]
    assert [t.milestones_late for t in history.trends] == [0, 0, 0]
    assert [t.milestones_upcoming for t in history.trends] == [0, 0, 1]
    assert [dict(t.by_health)["critical"] for t in history.trends] == [0, 1, 1]
    assert [dict(t.by_health)["watch"] for t in history.trends] == [0, 1, 0]


def test_trends_count_late_and_upcoming_as_the_home_page_does(tmp_path: Path) -> None:
    """A late milestone is never also upcoming, and a stopped project's pending milestones
    are neither: the trend's last point equals the home page's counts of the same day."""
    july = _roadmap(tmp_path / "a", "2020-07-15", {
        "socle": {},
        "portail": {"status": "on_hold", "extra": "status_reason: Budget gelé."}})  # fmt: skip
    october = _roadmap(tmp_path / "b", "2020-10-15", {
        "socle": {},
        "portail": {"status": "cancelled", "extra": "status_reason: Abandonné."},
        "guichet": {"forecast": "2020-12-31"}})  # fmt: skip
    history = derive_history(RepositoryHistory(available=True, versions=(
        PastVersion("a" * 40, july),)), october)  # fmt: skip
    # 15 July: socle's Recette (due 30 Sept) is within 90 days (13 Oct); portail's is dropped.
    # 15 October: socle's and guichet's Recette are late (due 30 Sept); portail's is dropped,
    # neither late nor upcoming, and a late milestone is not upcoming.
    assert [t.milestones_late for t in history.trends] == [0, 2]
    assert [t.milestones_upcoming for t in history.trends] == [1, 0]
    assert [t.milestones_reached for t in history.trends] == [2, 3]


def test_milestone_trend_of_a_project(tmp_path: Path) -> None:
    history = derive_history(*_history(tmp_path))
    socle = history.projects["socle"]
    assert [p.health.value for p in socle.points if p.health] == ["good", "watch", "critical"]
    recette = next(m for m in socle.milestones if m.title == "Recette")
    assert recette.announced == (dt.date(2020, 9, 30), dt.date(2020, 10, 31),
                                 dt.date(2020, 12, 15))  # fmt: skip
    assert recette.slip_days == 76  # 30 Sept -> 15 Dec
    assert socle.most_slipped is recette
    assert set(history.projects) == {"socle"}  # portail is gone: no page to put it on


def test_each_session_reports_on_the_latest_situation_on_or_before_its_date(
        tmp_path: Path) -> None:  # fmt: skip
    history = derive_history(*_history(tmp_path))
    sessions = {s.session.title: s.span for s in history.sessions}
    assert sessions["Avant tout"] is None  # no situation that old
    may, october = sessions["Conseil de mai"], sessions["Conseil d'octobre"]
    assert may is not None and may.after.as_of == dt.date(2020, 3, 31) and may.before is None
    assert october is not None and october.after.as_of == dt.date(2020, 9, 30)
    assert october.before is not None and october.before.as_of == dt.date(2020, 3, 31)
    assert [p.id for p in october.changes.projects_of_kind("added")] == []
    assert situation_of(dt.date(2020, 7, 1), history.situations).as_of == dt.date(2020, 6, 30)  # type: ignore[union-attr]


def test_since_the_previous_situation(tmp_path: Path) -> None:
    history = derive_history(*_history(tmp_path))
    latest = history.latest
    assert latest is not None and latest.before is not None
    assert latest.before.as_of == dt.date(2020, 6, 30)
    assert [p.id for p in latest.changes.projects_of_kind("removed")] == ["portail"]
    slipped = latest.changes.milestones_of_kind("slipped")
    assert [(m.title, m.days) for m in slipped] == [("Recette", 45)]  # 31 Oct -> 15 Dec


def test_duplicate_session_dates_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    (folder / "projects").mkdir(parents=True)
    write_situation(
        folder,
        "2020-03-31",
        {"socle": {}},
        """sessions:
  - {date: 2020-05-01, title: Un}
  - {date: 2020-05-01, title: Deux}
""",
    )
    result = validate_roadmap(folder)
    lines = (folder / "roadmap.yaml").read_text(encoding="utf-8").splitlines()
    second = next(number for number, line in enumerate(lines, 1) if "title: Deux" in line)
    assert [(e.code, e.line) for e in result.errors] == [("R034", second)]


def test_a_project_page_keeps_only_the_situations_where_the_project_changed(
    tmp_path: Path,
) -> None:
    same = {"stable": {"as_of": "2020-03-01"}}  # health and news dated 1 March in each
    versions = tuple(
        PastVersion(c * 40, _roadmap(tmp_path / c, as_of, same))
        for c, as_of in (("a", "2020-03-31"), ("b", "2020-04-30"), ("c", "2020-05-31"))
    )
    current = _roadmap(tmp_path / "d", "2020-06-30", same)
    history = derive_history(RepositoryHistory(available=True, versions=versions), current)
    stable = history.projects["stable"]
    assert stable.situations == 4
    assert [p.as_of.isoformat() for p in stable.points] == ["2020-03-31", "2020-06-30"]
    assert all(len(m.announced) == 2 for m in stable.milestones)


def test_a_summary_adds_up_the_budget_as_the_site_does(tmp_path: Path) -> None:
    roadmap = _roadmap(tmp_path / "s", "2020-06-30", {"socle": {"committed": "12345.67",
                                                              "spent": "0.1"}})  # fmt: skip
    project = roadmap.projects[0]
    totals = project_budget(project)
    assert project_summary(project).budget == (totals.planned, totals.committed, totals.spent)
    assert project_summary(project.model_copy(update={"budget": None})).budget is None


def test_each_rebaseline_is_placed_among_the_situations_by_its_date(tmp_path: Path) -> None:
    history, current = _history(tmp_path)
    with_rebaseline = _roadmap(tmp_path / "r", "2020-09-30", {
        "socle": {"health": "critical", "forecast": "2020-12-15", "spent": "45000",
                  "extra": REBASELINE}})  # fmt: skip
    socle = derive_history(history, with_rebaseline).projects["socle"]
    assert [(r.date, r.decision, r.end) for r in socle.rebaselines] == [
        (dt.date(2020, 8, 14), "Conseil de pilotage du 14 août 2020", dt.date(2022, 6, 30))]
    view = project_history_view(socle, "fr", "EUR")
    assert view is not None
    # Newest first: September, then the rebaseline of 14 August, then June and March.
    kinds = [row.cells[0] if row.cells else "rebaseline" for row in view.rows]
    assert kinds == ["30 septembre 2020", "rebaseline", "30 juin 2020", "31 mars 2020"]
    note = next(row.note for row in view.rows if row.note)
    assert "14 août 2020" in note and "Conseil de pilotage" in note and "30 juin 2022" in note
    assert derive_history(history, current).projects["socle"].rebaselines == ()


def test_the_verdict_says_what_moved_since_the_previous_situation(tmp_path: Path) -> None:
    history = derive_history(*_history(tmp_path))
    # The newest situation (30 Sept) is the October session's: the changes since the
    # situation of the session before it (May, 31 March), and that session's page.
    changes = changes_verdict(history)
    assert changes is not None
    assert changes.session == dt.date(2020, 10, 1)
    assert changes.since == dt.date(2020, 3, 31) and changes.since_session == "Conseil de mai"
    assert dict(changes.counts) == {"health": 1, "slipped": 1, "updates": 1}


def test_without_a_session_the_verdict_counts_since_the_previous_situation(
        tmp_path: Path) -> None:  # fmt: skip
    past, current = _history(tmp_path)
    history = derive_history(past, current.model_copy(update={"sessions": ()}))
    changes = changes_verdict(history)
    assert changes is not None and changes.session is None and changes.since_session is None
    assert changes.since == dt.date(2020, 6, 30)
    assert dict(changes.counts) == {"removed": 1, "health": 1, "slipped": 1, "updates": 1}
    alone = derive_history(RepositoryHistory(available=True), current)
    assert changes_verdict(alone) is None  # nothing earlier: nothing to say
