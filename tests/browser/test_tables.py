"""Sortable tables: a header's button orders the rows by the column's values (numbers by the
number each cell shows, dates by the date, missing values first), and again the other way."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page

from generator.figures.derive import Figures
from generator.rendering.formatting import format_amount
from generator.rendering.site.text import days_text, signed_percent
from tests.browser.helpers import opened_page
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser


def missing_first(value: Any) -> tuple[bool, Any]:
    return (value is not None, value if value is not None else 0)


def column_of(page: Page, caption: str, header: str) -> tuple[Locator, int]:
    """The table whose caption starts with `caption`, and the index of the column `header`."""
    table = page.locator("table", has=page.locator("caption", has_text=caption)).first
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    return table, next(i for i, text in enumerate(headers) if text.startswith(header))


def sort_by(page: Page, caption: str, header: str, attribute: str | None = None) -> list[str]:
    """Click the sort button of a column; its cells top to bottom (their text, or the value
    of `attribute`)."""
    table, column = column_of(page, caption, header)
    table.locator("thead th").nth(column).locator("button.rm-sort").click()
    cells = table.locator(f"tbody tr > :nth-child({column + 1})")
    if attribute is not None:
        return [cell.get_attribute(attribute) or "" for cell in cells.all()]
    return [text.strip() for text in cells.all_inner_texts()]


def test_amounts_and_variances_sort_by_the_number_shown(
    browser: Browser, served_site: ServedSite, example_figures: Figures
) -> None:
    projects = example_figures.overall.projects
    planned = sorted(p.budget.planned for p in projects)
    variances = sorted((p.budget_variance_pct for p in projects), key=missing_first)
    with opened_page(browser, served_site.url("/budget/")) as (page, watch):
        shown = sort_by(page, "Par projet", "Crédits prévus")
        assert shown == [format_amount(v, "fr", "EUR") for v in planned]
        shown = sort_by(page, "Par projet", "Crédits prévus")  # again: the other way
        assert shown == [format_amount(v, "fr", "EUR") for v in reversed(planned)]
        shown = sort_by(page, "Par projet", "Écart au budget approuvé")
        assert shown == [signed_percent(v, "fr") for v in variances]
        watch.assert_clean()


def test_slips_and_dates_sort_in_order(
    browser: Browser, served_site: ServedSite, example_figures: Figures
) -> None:
    project = max(example_figures.overall.projects, key=lambda p: len(p.milestones))
    slips = sorted((m.slip_days for m in project.milestones), key=missing_first)
    due = sorted(m.milestone.due.isoformat() for m in project.milestones)
    with opened_page(browser, served_site.url(f"/projets/{project.project.id}/")) as (page, _):
        assert sort_by(page, "Jalons", "Écart") == [days_text(d, "fr") for d in slips]
        # By the date, not by its words ("1 mars" comes after "26 février").
        assert sort_by(page, "Jalons", "Date prévue", "data-rm-sort") == due
