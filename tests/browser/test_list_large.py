"""The all-projects list stays light with thousands of rows: at every width, a row off screen
is neither styled nor laid out until it comes near, and the theme's script does not move the
whole table into a wrapper of its own (which makes the browser redo every row)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ViewportSize

from tests.browser.helpers import DESKTOP, PHONE, opened_page, wait_until_interactive
from tests.conftest import ServedSite

LIST = "#rm-all-projects"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["laptop", "phone"])
def test_rows_off_screen_wait_until_they_come_near(
    browser: Browser, served_site: ServedSite, viewport: ViewportSize
) -> None:
    with opened_page(browser, served_site.url("/projets/"), viewport=viewport) as (page, _):
        visibility = page.eval_on_selector(
            LIST,
            """table => [...table.tBodies[0].rows].map(
                row => getComputedStyle(row).contentVisibility)""",
        )
        assert visibility and set(visibility) == {"auto"}, visibility


def test_the_theme_leaves_the_long_list_where_it_is(
    browser: Browser, served_site: ServedSite
) -> None:
    with opened_page(browser, served_site.url("/projets/"), viewport=DESKTOP) as (page, _):
        wait_until_interactive(page)
        parent = page.eval_on_selector(LIST, "table => table.parentElement.className")
        assert parent == "rm-table"
