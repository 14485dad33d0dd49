"""Derived figures, one rule each, on the edge cases that break naive dashboards, then every
figure of the portfolio fixture (tests/fixtures/portfolio), worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.figures import derive
from generator.model import Indicator, Measure, Milestone, Project, Roadmap
from generator.validation.validate import validate_roadmap

AS_OF = dt.date(2020, 6, 30)
PORTFOLIO = Path(__file__).resolve().parent / "fixtures" / "portfolio"


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
    assert derive.latest_measure(indicator) == Measure(date=dt.date(2020, 6, 30), value=25)
    # (25 - 30) / (10 - 30) = 25 %
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


# --- the portfolio fixture, by hand -----------------------------------------------------------
# as_of 2021-06-30. Public projects: archives (on hold), borne (cancelled), portail (in
# progress), socle (done); audit is internal.


def portfolio_figures(*, include_internal: bool) -> derive.Figures:
    result = validate_roadmap(PORTFOLIO, include_internal=include_internal)
    assert result.errors == [] and result.roadmap is not None
    return derive.derive_figures(result.roadmap)


@pytest.fixture(scope="module")
def public() -> derive.Figures:
    return portfolio_figures(include_internal=False)


def test_portfolio_budget_totals(public: derive.Figures) -> None:
    overall = public.overall
    # planned: portail 200,000 + 100,000 + 250,000 = 550,000; socle 300,000;
    #   archives 80,000 + 120,000 = 200,000; borne 50,000 -> 1,100,000
    # committed: 150,000 + 100,000 + 290,000 + 20,000 + 5,000 = 565,000
    # spent: 60,000 + 40,000 + 280,000 + 10,000 + 5,000 = 395,000
    assert overall.budget == derive.BudgetTotals(1_100_000, 565_000, 395_000)
    assert overall.budget.consumption_pct == pytest.approx(35.909_09, abs=1e-4)  # 395 / 1,100
    # baselines 500,000 + 300,000 + 200,000 + 50,000; approved: portail rebaselined to 550,000
    assert (overall.baseline_total, overall.approved_total) == (1_050_000, 1_100_000)
    # 2021: 300,000 + 300,000 + 80,000 + 50,000 planned; 2022: 250,000 + 120,000
    assert public.budget_by_year == (
        (2021, derive.BudgetTotals(730_000, 565_000, 395_000)),
        (2022, derive.BudgetTotals(370_000, 0, 0)),
    )
    # agglo: planned 200,000 + 250,000 + 300,000 + 120,000 + 50,000, committed 150,000 +
    # 290,000 + 5,000, spent 60,000 + 280,000 + 5,000; etat: the rest. In roadmap.yaml order.
    assert public.budget_by_funder == (
        ("agglo", derive.BudgetTotals(920_000, 445_000, 345_000)),
        ("etat", derive.BudgetTotals(180_000, 120_000, 50_000)),
    )
    services, outils = (axis_figures for _, axis_figures in public.by_axis)
    assert [axis.id for axis, _ in public.by_axis] == ["services", "outils"]
    # services: portail + borne; outils: socle + archives
    assert services.budget == derive.BudgetTotals(600_000, 255_000, 105_000)
    assert outils.budget == derive.BudgetTotals(500_000, 310_000, 290_000)


def test_portfolio_counts_and_average_progress(public: derive.Figures) -> None:
    overall = public.overall
    assert overall.by_status == (("planned", 0), ("in_progress", 1), ("done", 1),
                                 ("on_hold", 1), ("cancelled", 1))  # fmt: skip
    # socle good (41 days old), portail watch (15 days), archives stale (149 > 90 days),
    # borne without rating.
    assert overall.by_health == (("good", 1), ("watch", 1), ("critical", 0), ("stale", 1),
                                 ("unknown", 1))  # fmt: skip
    # (portail 25 + socle 100) / 2; archives has no figure, borne is cancelled.
    assert overall.average_progress == 62.5
    assert [p.project.id for p in overall.progress_included] == ["portail", "socle"]
    assert [p.project.id for p in overall.progress_excluded] == ["archives", "borne"]
    states = [m.state for m in overall.milestones]
    assert states == ["reached", "late", "on_time", "slipping", "reached"]


def test_portfolio_project_figures(public: derive.Figures) -> None:
    portail = public.project("portail")
    # weights: 2 reached of 2 + 1 + 1 + 4 = 8
    assert portail.progress == derive.Progress(25, "milestones", 1, 4, 2, 8)
    assert portail.budget_variance_pct == 0  # 550,000 planned, 550,000 approved
    assert portail.budget_variance_vs_baseline_pct == 10  # (550,000 - 500,000) / 500,000
    assert (portail.health, portail.health_age_days) == ("watch", 15)
    # forecast 2022-04-29: 29 days after the rebaselined 2022-03-31, and
    # 31 + 28 + 31 + 29 = 119 days after the first baseline 2021-12-31.
    assert portail.expected_end == dt.date(2022, 4, 29)
    assert (portail.end_slip_days, portail.end_slip_days_vs_baseline) == (29, 119)
    # done 02-10 vs 02-15; late: forecast 07-15 vs due 05-31; on time; forecast 04-29 vs 03-31
    assert [m.slip_days for m in portail.milestones] == [-5, 45, 0, 29]
    assert portail.next_milestone is not None
    assert portail.next_milestone.milestone.title == "Premières démarches en ligne"
    online, delay = portail.indicators
    assert online.latest == Measure(date=dt.date(2021, 6, 30), value=20)  # the later of two
    assert online.progress_pct == 25  # (20 - 10) / (50 - 10)
    assert delay.progress_pct == 50  # decreasing: (6 - 10) / (2 - 10)
    assert [i.indicator.id for i in public.indicators] == ["demarches-en-ligne", "delai-reponse"]

    socle = public.project("socle")
    assert socle.progress.percent == 100 and socle.progress.rule == "explicit"
    assert (socle.expected_end, socle.end_slip_days) == (dt.date(2021, 5, 20), -11)
    archives = public.project("archives")
    assert (archives.health, archives.health_age_days) == ("stale", 149)
    assert (archives.progress.rule, archives.end_slip_days) == ("none", 0)
    borne = public.project("borne")
    assert (borne.end_slip_days, borne.end_slip_days_vs_baseline) == (None, None)


def test_portfolio_due_soon_and_attention(public: derive.Figures) -> None:
    # Due after 2021-06-30 and up to 2021-09-28, not reached: "Premières démarches en ligne"
    # (due 2021-05-31) is late, never coming, even though it is expected on 2021-07-15.
    assert [(m.project.id, m.milestone.title, m.expected) for m in public.due_soon] == [
        ("portail", "Paiement en ligne", dt.date(2021, 9, 15)),
    ]
    # socle (done) and borne (cancelled) need no attention; portail's slip of 29 days is
    # within the 30 tolerated and its budget matches the approved one; its late milestone
    # counts the days from its due date (2021-05-31) to the reporting date: 30; its
    # rebaseline is listed (+10 % budget, end 90 days later).
    assert [(a.kind, a.project.id, a.days) for a in public.attention] == [
        ("stale", "archives", 149),
        ("late_milestone", "portail", 30),
        ("rebaseline", "portail", 90),
    ]
    assert public.attention[2].pct == 10
    assert public.attention[1].explanation == "Le prestataire a livré une version non conforme."


def test_the_internal_project_counts_in_the_internal_figures_only() -> None:
    internal = portfolio_figures(include_internal=True)
    # + audit: planned 90,000, committed 30,000, spent 12,345
    assert internal.overall.budget == derive.BudgetTotals(1_190_000, 595_000, 407_345)
    assert dict(internal.overall.by_health)["critical"] == 1
    # audit's health is critical; its milestone (2021-07-15) ties with portail's and sorts
    # by project id.
    assert [(a.kind, a.project.id) for a in internal.attention] == [
        ("stale", "archives"), ("critical", "audit"), ("late_milestone", "portail"),
        ("rebaseline", "portail")]  # fmt: skip
    assert [m.project.id for m in internal.due_soon] == ["audit", "portail"]
