"""What each chart should draw, counted from the example roadmap's derived figures (not from
the chart's own JSON), so that a chart that drops or duplicates data fails.

plotly draws each bar of a bar trace as a `.trace.bars .point` (zero-length bars included)
and each marker of a scatter trace as a `.scatterlayer .point`; lines-only traces (the
reporting-date line, trajectories, connectors) draw no point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Page

from generator.figures.derive import Figures, Portfolio, ProjectFigures
from tests.browser.helpers import chart_marks, undrawn_charts

MEASURES = 3  # planned, committed, spent: one bar each


@dataclass(frozen=True)
class Marks:
    bars: int
    markers: int


def _timeline(projects: tuple[ProjectFigures, ...]) -> Marks:
    """A bar per project with a start and an expected end; a marker per milestone of every
    project shown (dated, or with milestones)."""
    dated = [p for p in projects if p.project.start is not None and p.expected_end is not None]
    shown = [p for p in projects if p in dated or p.milestones]
    return Marks(bars=len(dated), markers=sum(len(p.milestones) for p in shown))


def _health_states_present(portfolio: Portfolio) -> int:
    return sum(1 for _, count in portfolio.by_health if count)


def expected_marks(chart_id: str, figures: Figures) -> Marks:
    """The bars and markers the chart whose id is `chart_id` should draw."""
    axes = {axis.id: portfolio for axis, portfolio in figures.by_axis}
    if chart_id == "budget-by-axis":
        return Marks(MEASURES * len(axes), 0)
    if chart_id == "budget-by-funder":
        return Marks(MEASURES * len(figures.budget_by_funder), 0)
    if chart_id == "budget-by-year":
        return Marks(MEASURES * len(figures.budget_by_year), 0)
    if chart_id == "health-by-axis":
        return Marks(_health_states_present(figures.overall) * len(axes), 0)
    if chart_id == "timeline":
        return _timeline(figures.overall.projects)
    if match := re.fullmatch(r"timeline-(.+)", chart_id):
        return _timeline(axes[match[1]].projects)
    if match := re.fullmatch(r"axis-(.+)-budget", chart_id):
        return Marks(MEASURES * len(axes[match[1]].projects), 0)
    for p in figures.overall.projects:
        prefix = f"project-{p.project.id}-"
        if chart_id == prefix + "milestones":
            # the planned date as a tick and the date reached or expected as a marker
            return Marks(0, 2 * len(p.milestones))
        if chart_id == prefix + "budget":
            funders = len(p.budget_by_funder)
            panels = len(p.budget_by_year) + (funders if funders > 1 else 0)
            return Marks(MEASURES * panels, 0)
        for i in p.indicators:
            if chart_id == f"indicator-{p.project.id}-{i.indicator.id}":
                measures = len(i.indicator.measurements)
                # the measures line starts at the baseline; baseline and target markers
                return Marks(0, (1 + measures if measures else 0) + 2)
    raise AssertionError(f"no expectation for the chart {chart_id!r}: add one in {__name__}")


def expected_chart_ids(page_type: str, figures: Figures, subject: str | None) -> list[str]:
    """The charts a page type shows, in page order. `subject` is the axis or project id."""
    if page_type == "home":
        return ["budget-by-axis", "timeline", "health-by-axis"]
    if page_type == "axis":
        return [f"axis-{subject}-budget", f"timeline-{subject}"]
    if page_type == "budget":
        return ["budget-by-axis", "budget-by-funder", "budget-by-year"]
    if page_type == "project":
        p = figures.project(str(subject))
        ids = []
        if p.milestones:
            ids.append(f"project-{subject}-milestones")
        if p.budget_by_year:
            ids.append(f"project-{subject}-budget")
        ids += [f"indicator-{subject}-{i.indicator.id}" for i in p.indicators]
        return ids
    return []


CHART_ID_PREFIX = "roadmap-chart-"


def assert_charts_show_their_data(page: Page, figures: Figures, expected_ids: list[str]) -> None:
    """Every chart of the page is drawn, the page has the charts its type should have, and
    each draws as many bars and markers as the data holds."""
    undrawn = undrawn_charts(page)
    assert not undrawn, f"charts not drawn on {page.url}: {undrawn}"
    marks = chart_marks(page)
    found = [mark["id"].removeprefix(CHART_ID_PREFIX) for mark in marks]
    assert sorted(found) == sorted(expected_ids), f"charts on {page.url}"
    wrong = []
    for mark, chart_id in zip(marks, found, strict=True):
        expected = expected_marks(chart_id, figures)
        drawn = Marks(mark["bars"], mark["markers"])
        if drawn != expected:
            wrong.append(f"{chart_id}: drew {drawn}, the data holds {expected}")
    assert not wrong, "charts whose marks do not match the data:\n  " + "\n  ".join(wrong)
