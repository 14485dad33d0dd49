"""Derived figures, one rule each, on the edge cases that break naive dashboards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.figures import derive
from generator.model import Indicator, Milestone, Project, Roadmap

AS_OF = dt.date(2020, 6, 30)


def project(**fields: Any) -> Project:
    base: dict[str, Any] = {
        "id": "p",
        "source": "projects/p.yaml",
        "title": "P",
        "axis": "a",
        "lead": {"team": "DSI"},
        "status": "in_progress",
        "start": dt.date(2020, 1, 1),
        "end": dt.date(2021, 1, 1),
    }
    return Project.model_validate({**base, **fields})


def roadmap(*projects: Project, **fields: Any) -> Roadmap:
    base: dict[str, Any] = {
        "title": "R",
        "organisation": "O",
        "as_of": AS_OF,
        "period": {"start": dt.date(2020, 1, 1), "end": dt.date(2022, 12, 31)},
        "axes": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
    }
    return Roadmap.model_validate({**base, **fields, "projects": projects})


def milestone(**fields: Any) -> Milestone:
    return Milestone.model_validate({"title": "M", **fields})


@pytest.mark.parametrize(
    ("fields", "state", "slip"),
    [
        ({"due": dt.date(2020, 5, 1), "done": dt.date(2020, 5, 11)}, "reached", 10),
        ({"due": dt.date(2020, 5, 1)}, "late", 60),
        ({"due": dt.date(2020, 9, 1), "forecast": dt.date(2020, 10, 1)}, "slipping", 30),
        ({"due": dt.date(2020, 9, 1)}, "on_time", 0),
        ({"due": dt.date(2020, 9, 1), "forecast": dt.date(2020, 8, 1)}, "on_time", -31),
        ({"due": dt.date(2020, 5, 1), "forecast": dt.date(2020, 6, 1)}, "late", 60),
    ],
)
def test_milestone_state_and_slip(fields: dict[str, Any], state: str, slip: int) -> None:
    m = milestone(**fields)
    assert derive.milestone_state(m, AS_OF) == state
    assert derive.milestone_slip_days(m, AS_OF) == slip


def test_progress_without_milestones_is_not_invented() -> None:
    progress = derive.project_progress(project())
    assert progress.percent is None
    assert progress.rule == "none"


def test_progress_is_the_weighted_share_of_reached_milestones() -> None:
    p = project(
        milestones=[
            {"title": "A", "due": dt.date(2020, 2, 1), "done": dt.date(2020, 2, 1), "weight": 3},
            {"title": "B", "due": dt.date(2020, 9, 1)},
        ]
    )
    progress = derive.project_progress(p)
    assert progress.percent == 75
    assert (progress.reached, progress.total, progress.rule) == (1, 2, "milestones")


def test_explicit_progress_wins() -> None:
    p = project(progress=40, milestones=[{"title": "A", "due": dt.date(2020, 9, 1)}])
    assert derive.project_progress(p).percent == 40
    assert derive.project_progress(p).rule == "explicit"


def test_zero_planned_budget_has_no_consumption_rate() -> None:
    p = project(budget={"lines": [{"year": 2020, "planned": 0, "spent": 0}]})
    totals = derive.project_budget(p)
    assert totals.planned == 0
    assert totals.consumption_pct is None
    assert list(derive.budget_overruns(p)) == []


def test_consumption_is_spent_over_planned() -> None:
    p = project(
        budget={
            "lines": [
                {"year": 2020, "planned": 400, "committed": 300, "spent": 100},
                {"year": 2021, "planned": 600},
            ]
        }
    )
    figures = derive.derive_figures(roadmap(p))
    assert figures.overall.budget.consumption_pct == 10
    assert figures.overall.budget.commitment_pct == 30
    assert [year for year, _ in figures.budget_by_year] == [2020, 2021]


def test_every_project_cancelled() -> None:
    projects = [
        project(
            id=f"p{i}",
            source=f"projects/p{i}.yaml",
            status="cancelled",
            status_reason="Abandon",
            progress=10,
        )
        for i in range(3)
    ]
    figures = derive.derive_figures(roadmap(*projects))
    assert figures.overall.average_progress is None
    assert len(figures.overall.progress_excluded) == 3
    assert dict(figures.overall.by_status)["cancelled"] == 3
    assert figures.attention == ()


def test_as_of_before_a_start() -> None:
    p = project(
        start=dt.date(2021, 1, 1),
        end=dt.date(2021, 12, 31),
        milestones=[{"title": "A", "due": dt.date(2021, 3, 1)}],
    )
    figures = derive.derive_figures(roadmap(p))
    pf = figures.project("p")
    assert pf.end_slip_days == 0
    assert pf.milestones[0].state == "on_time"
    assert figures.due_soon == ()


def test_decreasing_indicator_progress() -> None:
    indicator = Indicator.model_validate(
        {
            "id": "delai",
            "title": "Délai",
            "unit": "jours",
            "direction": "decrease",
            "baseline": {"date": dt.date(2019, 12, 31), "value": 30},
            "target": {"date": dt.date(2022, 12, 31), "value": 10},
            "measurements": [
                {"date": dt.date(2020, 3, 31), "value": 28},
                {"date": dt.date(2020, 6, 30), "value": 25},
            ],
        }
    )
    assert derive.latest_measure(indicator) is not None
    assert derive.indicator_progress_pct(indicator) == 25


def test_indicator_moving_the_wrong_way_is_negative() -> None:
    indicator = Indicator.model_validate(
        {
            "id": "x",
            "title": "X",
            "unit": "u",
            "direction": "increase",
            "baseline": {"date": dt.date(2020, 1, 1), "value": 10},
            "target": {"date": dt.date(2022, 1, 1), "value": 20},
            "measurements": [{"date": dt.date(2020, 6, 1), "value": 8}],
        }
    )
    assert derive.indicator_progress_pct(indicator) == -20


def test_indicator_without_measurement() -> None:
    indicator = Indicator.model_validate(
        {
            "id": "x",
            "title": "X",
            "unit": "u",
            "baseline": {"date": dt.date(2020, 1, 1), "value": 10},
            "target": {"date": dt.date(2022, 1, 1), "value": 20},
        }
    )
    assert derive.indicator_progress_pct(indicator) is None


def test_stale_health_is_shown_as_to_be_updated() -> None:
    fresh = project(health={"value": "good", "date": dt.date(2020, 6, 1)})
    stale = project(health={"value": "good", "date": dt.date(2020, 1, 1)})
    assert derive.health_state(fresh, AS_OF, 90) == "good"
    assert derive.health_state(stale, AS_OF, 90) == "stale"
    assert derive.health_state(project(), AS_OF, 90) == "unknown"


def test_end_slip_against_current_plan_and_first_baseline() -> None:
    p = project(
        end=dt.date(2021, 1, 1),
        forecast_end=dt.date(2021, 3, 2),
        rebaselines=[
            {
                "date": dt.date(2020, 5, 1),
                "decision": "CP",
                "reason": "R",
                "end": dt.date(2021, 2, 1),
            }
        ],
    )
    assert derive.end_slip_days(p, AS_OF) == 29
    assert derive.end_slip_days_vs_baseline(p, AS_OF) == 60


def test_unfinished_project_past_its_end_is_expected_at_as_of_at_the_earliest() -> None:
    p = project(end=dt.date(2020, 5, 1))
    assert derive.expected_end(p, AS_OF) == AS_OF
    assert derive.end_slip_days(p, AS_OF) == 60


def test_dependency_cycles() -> None:
    assert list(derive.dependency_cycles({"a": ["b"], "b": ["a"], "c": ["a"]})) == [["a", "b"]]
    assert list(derive.dependency_cycles({"a": ["a"]})) == [["a"]]
    assert list(derive.dependency_cycles({"a": ["b"], "b": []})) == []


def test_average_progress_excludes_projects_without_figure() -> None:
    with_progress = project(id="x", source="projects/x.yaml", progress=60)
    without = project(id="y", source="projects/y.yaml")
    figures = derive.derive_figures(roadmap(with_progress, without))
    assert figures.overall.average_progress == 60
    assert [p.project.id for p in figures.overall.progress_excluded] == ["y"]


def test_figures_by_axis_cover_every_axis() -> None:
    figures = derive.derive_figures(roadmap(project()))
    assert [axis.id for axis, _ in figures.by_axis] == ["a", "b"]
    assert figures.by_axis[1][1].projects == ()
