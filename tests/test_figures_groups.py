"""How the pages group, order and count the figures, on a small roadmap computed by hand.

As of 2020-06-30 (the 90-day horizon ends 2020-09-28):

- alpha (axis a): critical health; milestones "A late" (due 2020-05-01, 60 days late),
  "A reached" (done 2020-03-11), "A soon" (due 2020-08-01); depends on beta and on "ghost",
  a project that is not published; budget baseline 200 over two lines (150 planned);
- beta (axis a): health rated 2020-01-01, 181 days old (stale); "B late" (due 2020-04-01,
  90 days late), "B later" (due 2021-01-15);
- gamma (axis b): done (never needs attention); "G reached" (done 2020-02-01); one
  indicator; depends on alpha, listed twice;
- delta (axis b): planned, neither progress nor milestones (left out of the average).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.figures.derive import AttentionItem, Figures, derive_figures
from generator.figures.groups import (
    HOME_ATTENTION_LIMIT,
    PortfolioCounts,
    attention_groups,
    seriousness,
)
from generator.model import Project, Roadmap

AS_OF = dt.date(2020, 6, 30)


def project(id_: str, axis: str, **fields: Any) -> Project:
    base: dict[str, Any] = {
        "id": id_,
        "source": f"projects/{id_}.yaml",
        "title": id_.capitalize(),
        "axis": axis,
        "lead": {"team": "DSI"},
        "status": "in_progress",
        "start": dt.date(2020, 1, 1),
        "end": dt.date(2021, 6, 1),
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


ALPHA = project(
    "alpha", "a",
    health={"value": "critical", "date": dt.date(2020, 6, 1), "comment": "Blocked"},
    milestones=[
        {"title": "A late", "due": dt.date(2020, 5, 1)},
        {"title": "A reached", "due": dt.date(2020, 3, 1), "done": dt.date(2020, 3, 11)},
        {"title": "A soon", "due": dt.date(2020, 8, 1)},
    ],
    depends_on=["beta", "ghost"],
    budget={"baseline": 200.0, "lines": [{"year": 2020, "planned": 100.0, "spent": 10.0},
                                         {"year": 2021, "planned": 50.0}]},
    updates=[{"date": dt.date(2020, 1, 1), "text": "Old"},
             {"date": dt.date(2020, 5, 1), "text": "New"}],
)  # fmt: skip
BETA = project(
    "beta", "a",
    health={"value": "good", "date": dt.date(2020, 1, 1)},
    milestones=[{"title": "B late", "due": dt.date(2020, 4, 1)},
                {"title": "B later", "due": dt.date(2021, 1, 15)}],
)  # fmt: skip
GAMMA = project(
    "gamma", "b",
    status="done", actual_end=dt.date(2020, 3, 1),
    milestones=[{"title": "G reached", "due": dt.date(2020, 2, 1), "done": dt.date(2020, 2, 1)}],
    depends_on=["alpha", "alpha"],
    indicators=[{"id": "users", "title": "Users", "unit": "users",
                 "baseline": {"date": dt.date(2020, 1, 1), "value": 0.0},
                 "target": {"date": dt.date(2021, 1, 1), "value": 100.0}}],
)  # fmt: skip
DELTA = project("delta", "b", status="planned")


@pytest.fixture(scope="module")
def figures() -> Figures:
    return derive_figures(roadmap(ALPHA, BETA, GAMMA, DELTA, envelope=150.0))


def _described(items: tuple[AttentionItem, ...]) -> list[tuple[str, str, int | None]]:
    return [(i.project.id, i.kind, i.days) for i in items]


def test_attention_is_grouped_by_kind_the_most_serious_kind_first(figures: Figures) -> None:
    groups = figures.groups.home_attention
    assert [g.kind for g in groups] == ["critical", "late_milestone", "stale"]
    critical, late, stale = groups
    assert _described(critical.items) == [("alpha", "critical", None)]
    # Fewer than the home page's limit: all of them, in the roadmap's order.
    assert _described(late.items) == [("alpha", "late_milestone", 60),
                                      ("beta", "late_milestone", 90)]  # fmt: skip
    assert (late.total, late.shown, late.truncated) == (2, 2, False)
    assert _described(stale.items) == [("beta", "stale", 181)]


def test_a_limited_group_keeps_the_most_serious_and_counts_them_all(figures: Figures) -> None:
    groups = attention_groups(figures.attention, limit=1)
    assert [g.kind for g in groups] == ["critical", "late_milestone", "stale"]
    late = groups[1]
    assert _described(late.items) == [("beta", "late_milestone", 90)]  # 90 days beats 60
    assert (late.total, late.shown, late.truncated) == (2, 1, True)
    # A group exactly at the limit keeps its order.
    late = next(g for g in attention_groups(figures.attention, limit=2)
                if g.kind == "late_milestone")  # fmt: skip
    assert _described(late.items) == [("alpha", "late_milestone", 60),
                                      ("beta", "late_milestone", 90)]  # fmt: skip


def test_the_home_page_shows_at_most_ten_of_a_kind() -> None:
    # Twelve projects, each a milestone late by 1 to 12 days: the home page shows the ten
    # latest, the longest delay first.
    projects = [project(f"p{n:02d}", "a", milestones=[
                    {"title": "M", "due": AS_OF - dt.timedelta(days=n)}])
                for n in range(1, 13)]  # fmt: skip
    groups = derive_figures(roadmap(*projects)).groups.home_attention
    assert HOME_ATTENTION_LIMIT == 10
    (late,) = groups
    assert [i.days for i in late.items] == [12, 11, 10, 9, 8, 7, 6, 5, 4, 3]
    assert (late.total, late.shown) == (12, 10)


def test_seriousness_orders_days_then_percentages() -> None:
    def item(days: int | None, pct: float | None) -> AttentionItem:
        return AttentionItem("budget_variance", ALPHA, None, days, pct, None)

    assert seriousness(item(40, None)) == -40
    assert seriousness(item(None, 12.5)) == -12.5
    assert seriousness(item(None, None)) == 0


def test_each_axis_lists_every_attention_item_of_its_projects(figures: Figures) -> None:
    axis_a = figures.groups.axis("a")
    assert [(g.kind, g.total) for g in axis_a.attention] == [
        ("critical", 1), ("late_milestone", 2), ("stale", 1)]  # fmt: skip
    # gamma is done and delta is planned with nothing to report.
    assert figures.groups.axis("b").attention == ()


def test_milestones_fall_in_five_groups_in_reading_order(figures: Figures) -> None:
    groups = figures.groups.milestones
    assert [(g.key, g.count) for g in groups] == [
        ("late", 2), ("due_soon", 1), ("later", 1), ("reached", 2), ("dropped", 0)]  # fmt: skip
    # The groups partition the milestones: 2 + 1 + 1 + 2 + 0 = the 6 milestones.
    assert sum(g.count for g in groups) == figures.groups.data.milestones == 6
    titles = {g.key: [m.milestone.title for m in g.milestones] for g in groups}
    # Late ones are both expected at the reporting date: by project, then title.
    assert titles["late"] == ["A late", "B late"]
    # A late milestone is never also "coming": due soon holds only those due after the
    # reporting date (and within 90 days).
    assert titles["due_soon"] == ["A soon"]
    assert titles["later"] == ["B later"]
    # The most recently reached first.
    assert titles["reached"] == ["A reached", "G reached"]


def test_dependencies_go_both_ways_among_published_projects(figures: Figures) -> None:
    groups = figures.groups
    alpha = groups.dependencies_of("alpha")
    assert [p.id for p in alpha.depends_on] == ["beta"]  # "ghost" is not published
    assert [p.id for p in alpha.needed_by] == ["gamma"]  # listed twice by gamma, named once
    beta = groups.dependencies_of("beta")
    assert (beta.depends_on, [p.id for p in beta.needed_by]) == ((), ["alpha"])
    assert groups.dependencies_of("delta").depends_on == ()
    assert groups.dependencies_of("delta").needed_by == ()
    assert groups.dependencies_of("unknown").needed_by == ()


def test_counts_of_the_roadmap_and_of_each_axis(figures: Figures) -> None:
    groups = figures.groups
    assert groups.counts == PortfolioCounts(projects=4, progress_included=3,
                                            progress_excluded=1, milestones_reached=2,
                                            milestones_late=2, milestones=6,
                                            milestones_due_soon=1, milestones_later=1,
                                            milestones_dropped=0)  # fmt: skip
    # The milestone counts partition all of them: 2 + 2 + 1 + 1 + 0 = 6.
    c = groups.counts
    assert (c.milestones_reached + c.milestones_late + c.milestones_due_soon
            + c.milestones_later + c.milestones_dropped) == c.milestones  # fmt: skip
    assert groups.axis("a").counts == PortfolioCounts(2, 2, 0, 1, 2, 5, 1, 1, 0)
    assert groups.axis("b").counts == PortfolioCounts(2, 1, 1, 1, 0, 1, 0, 0, 0)
    assert groups.due_soon_count == 1
    data = groups.data
    assert (data.projects, data.milestones, data.budget_lines, data.indicators) == (4, 6, 2, 1)


def test_indicators_are_listed_by_axis(figures: Figures) -> None:
    assert figures.groups.axis("a").indicators == ()
    assert [i.indicator.id for i in figures.groups.axis("b").indicators] == ["users"]


def test_updates_are_listed_newest_first(figures: Figures) -> None:
    assert [u.text for u in figures.groups.updates["alpha"]] == ["New", "Old"]
    assert figures.groups.updates["beta"] == ()


@pytest.mark.parametrize(("envelope", "exceeded"), [(150.0, True), (200.0, False),
                                                    (None, None)])  # fmt: skip
def test_the_baselines_against_the_voted_envelope(envelope: float | None,
                                                  exceeded: bool | None) -> None:  # fmt: skip
    # The only baseline is alpha's 200: above 150, within 200 (equal is within).
    figures = derive_figures(roadmap(ALPHA, BETA, envelope=envelope))
    assert figures.groups.envelope_exceeded is exceeded
