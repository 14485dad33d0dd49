"""The charts' figures (generator/figures/axes.py) on a tiny roadmap built here, checked
against values worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.figures.axes import (
    BudgetLine,
    MilestoneCounts,
    ScheduleSummary,
    largest_planned,
)
from generator.figures.derive import BudgetTotals, Figures, MilestoneState, derive_figures
from generator.model import (
    Axis,
    Budget,
    Funder,
    Health,
    Lead,
    Milestone,
    Period,
    Project,
    Roadmap,
)
from generator.model import BudgetLine as Line

D = dt.date
AS_OF = D(2021, 6, 30)


def _project(project_id: str, axis: str, **fields: object) -> Project:
    return Project(
        id=project_id,
        source=f"projects/{project_id}.yaml",
        title=project_id.upper(),
        axis=axis,
        lead=Lead(team="Équipe"),
        **fields,
    )


@pytest.fixture(scope="module")
def figures() -> Figures:
    projects = (
        # Dated; expected at as_of (its end has passed): 91 days late. One milestone reached,
        # one late. Budget: two 2020 lines of `etat` (150 / 50 / 20 added up), one of
        # `region` in 2020 and one in 2021, written out of order.
        _project(
            "p1",
            "a",
            status="in_progress",
            start=D(2020, 1, 1),
            end=D(2021, 3, 31),
            health=Health(value="good", date=D(2021, 6, 1)),
            milestones=(
                Milestone(title="M1", due=D(2020, 6, 1), done=D(2020, 6, 10)),
                Milestone(title="M2", due=D(2021, 1, 1)),
            ),
            budget=Budget(
                lines=(
                    Line(year=2021, funder="region", planned=200.0),
                    Line(year=2020, funder="region", planned=30.0),
                    Line(year=2020, funder="etat", planned=100.0, committed=50.0, spent=20.0),
                    Line(year=2020, funder="etat", planned=50.0),
                )
            ),
        ),
        # Dated; forecast before its planned end: not late. One milestone slipping.
        _project(
            "p2",
            "a",
            status="in_progress",
            start=D(2020, 6, 1),
            end=D(2022, 12, 31),
            forecast_end=D(2022, 10, 31),
            health=Health(value="watch", date=D(2021, 5, 1)),
            milestones=(Milestone(title="M3", due=D(2021, 9, 1), forecast=D(2021, 10, 1)),),
            budget=Budget(lines=(Line(year=2021, funder="region", planned=400.0),)),
        ),
        # Not dated (no start) but shown (a milestone, on time); no rating.
        _project(
            "p3", "a", status="planned", milestones=(Milestone(title="M4", due=D(2022, 1, 1)),)
        ),
        # Dated, ends when planned; a critical rating older than 90 days: stale. No funder.
        _project(
            "p4",
            "b",
            status="planned",
            start=D(2021, 1, 1),
            end=D(2021, 12, 31),
            health=Health(value="critical", date=D(2020, 1, 1)),
            budget=Budget(lines=(Line(year=2022, planned=100.0),)),
        ),
        # Nothing to draw: no dates, no milestones, no rating.
        _project("p5", "b", status="planned"),
    )
    roadmap = Roadmap(
        title="R",
        organisation="O",
        as_of=AS_OF,
        period=Period(start=D(2020, 1, 1), end=D(2022, 12, 31)),
        axes=(Axis(id="a", title="Alpha"), Axis(id="b", title="Beta"), Axis(id="c", title="Gamma")),
        funders=(Funder(id="etat", title="État"), Funder(id="region", title="Région")),
        projects=projects,
    )
    return derive_figures(roadmap)


def counts(reached: int, on_time: int, late: int, slipping: int, dropped: int = 0
           ) -> MilestoneCounts:  # fmt: skip
    by_state: tuple[tuple[MilestoneState, int], ...] = (
        ("reached", reached),
        ("on_time", on_time),
        ("late", late),
        ("slipping", slipping),
        ("dropped", dropped),
    )
    return MilestoneCounts(by_state, reached + on_time + late + slipping + dropped)


AXIS_A = ScheduleSummary(
    projects=3,
    shown=3,
    dated=2,
    first_start=D(2020, 1, 1),
    latest_planned_end=D(2022, 12, 31),
    latest_expected_end=D(2022, 10, 31),
    ends_late=1,
    milestones=counts(reached=1, on_time=1, late=1, slipping=1),
)
AXIS_B = ScheduleSummary(
    projects=2,
    shown=1,
    dated=1,
    first_start=D(2021, 1, 1),
    latest_planned_end=D(2021, 12, 31),
    latest_expected_end=D(2021, 12, 31),
    ends_late=0,
    milestones=counts(reached=0, on_time=0, late=0, slipping=0),
)


def test_the_schedule_of_every_axis_and_of_the_roadmap(figures: Figures) -> None:
    result = figures.charts.schedules
    # Gamma has no project: it has no row.
    assert [(axis.id, summary) for axis, summary in result.by_axis] == [
        ("a", AXIS_A),
        ("b", AXIS_B),
    ]
    assert result.overall == ScheduleSummary(
        projects=5,
        shown=4,
        dated=3,
        first_start=D(2020, 1, 1),
        latest_planned_end=D(2022, 12, 31),
        latest_expected_end=D(2022, 10, 31),
        ends_late=1,
        milestones=counts(reached=1, on_time=1, late=1, slipping=1),
    )
    assert result.overall.milestones.count("late") == 1


def test_an_axis_page_gets_its_axis_schedule_computed_once(figures: Figures) -> None:
    axis_a = figures.by_axis[0][1].projects
    found = figures.charts.schedules_of(axis_a, figures.roadmap)
    assert found is figures.charts.axis_schedules["a"]
    assert found.overall == AXIS_A
    assert figures.charts.schedules_of(figures.overall.projects, figures.roadmap) is (
        figures.charts.schedules
    )
    # An axis without projects: an empty schedule, with no row.
    empty = figures.charts.axis_schedules["c"]
    assert (empty.overall.projects, empty.overall.first_start, empty.by_axis) == (0, None, ())
    # A set that is neither the roadmap nor an axis: computed on demand, the same way.
    # p1 (axis a): 2020-01-01 to 2021-03-31, expected at as_of, late; M1 reached, M2 late.
    # p4 (axis b): 2021-01-01 to 2021-12-31, on time; no milestones.
    mixed = (figures.project("p1"), figures.project("p4"))
    p1 = ScheduleSummary(
        projects=1,
        shown=1,
        dated=1,
        first_start=D(2020, 1, 1),
        latest_planned_end=D(2021, 3, 31),
        latest_expected_end=AS_OF,
        ends_late=1,
        milestones=counts(reached=1, on_time=0, late=1, slipping=0),
    )
    p4 = ScheduleSummary(
        projects=1,
        shown=1,
        dated=1,
        first_start=D(2021, 1, 1),
        latest_planned_end=D(2021, 12, 31),
        latest_expected_end=D(2021, 12, 31),
        ends_late=0,
        milestones=counts(reached=0, on_time=0, late=0, slipping=0),
    )
    found = figures.charts.schedules_of(mixed, figures.roadmap)
    assert [(axis.id, summary) for axis, summary in found.by_axis] == [("a", p1), ("b", p4)]
    assert found.overall == ScheduleSummary(
        projects=2,
        shown=2,
        dated=2,
        first_start=D(2020, 1, 1),  # p1's
        latest_planned_end=D(2021, 12, 31),  # p4's
        latest_expected_end=D(2021, 12, 31),  # p4's, after p1's (as_of)
        ends_late=1,
        milestones=counts(reached=1, on_time=0, late=1, slipping=0),
    )


def test_health_totals(figures: Figures) -> None:
    health = figures.charts.health
    assert health.by_axis == (("a", 3), ("b", 2), ("c", 0))
    assert health.total == 5
    # p4 stale, p3 and p5 without a rating
    assert health.outdated == 3


def test_funder_shares_and_the_largest_funder_and_year(figures: Figures) -> None:
    # etat 150, region 30 + 200 + 400 = 630, no funder 100: 880 planned in all.
    assert [f for f, _ in figures.budget_by_funder] == ["etat", "region", None]
    assert figures.charts.funder_shares == pytest.approx(
        (100 * 150 / 880, 100 * 630 / 880, 100 * 100 / 880)
    )
    assert figures.charts.top_funder == ("region", BudgetTotals(630.0, 0.0, 0.0))
    assert figures.charts.top_funder_share == pytest.approx(71.5909, abs=1e-4)
    # 2020: 150 + 30 = 180, 2021: 200 + 400 = 600, 2022: 100.
    assert figures.charts.top_year == (2021, BudgetTotals(600.0, 0.0, 0.0))


def test_a_project_budget_lines_by_year_then_funder_order(figures: Figures) -> None:
    p1 = figures.charts.projects["p1"]
    assert p1.budget_lines == (
        BudgetLine(2020, "etat", BudgetTotals(150.0, 50.0, 20.0)),
        BudgetLine(2020, "region", BudgetTotals(30.0, 0.0, 0.0)),
        BudgetLine(2021, "region", BudgetTotals(200.0, 0.0, 0.0)),
    )
    assert p1.milestones == counts(reached=1, on_time=0, late=1, slipping=0)
    assert figures.charts.projects["p5"].budget_lines == ()
    assert figures.charts.projects["p5"].milestones.total == 0


def test_largest_planned_keeps_the_first_of_equals_and_none_without_items() -> None:
    ten = BudgetTotals(10.0)
    assert largest_planned([("x", ten), ("y", ten), ("z", BudgetTotals(5.0))]) == ("x", ten)
    assert largest_planned([]) is None


def test_no_funding_gives_no_share_nor_largest(figures: Figures) -> None:
    bare = derive_figures(
        figures.roadmap.model_copy(update={"projects": (figures.project("p5").project,)})
    )
    assert bare.charts.funder_shares == ()
    assert bare.charts.top_funder is None
    assert bare.charts.top_funder_share is None
    assert bare.charts.top_year is None
