"""A full-page screenshot of each page type on a desktop and a phone, charts drawn, for a
person to look at (test-artifacts/screenshots/<engine>/, not committed). On a phone nothing
may make the page scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import PAGE_TYPES
from tests.browser.helpers import DESKTOP, PHONE, draw_all_charts, opened_page
from tests.conftest import REPO_ROOT, ServedSite

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_fits_the_screen_and_is_captured(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    page_type: str,
    device: str,
) -> None:
    url = served_site.url(page_paths[page_type])
    with opened_page(browser, url, viewport=VIEWPORTS[device]) as (page, watch):
        draw_all_charts(page)
        page.evaluate("window.scrollTo(0, 0)")
        folder = SCREENSHOTS / served_site.engine
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{page_type}-{device}.png", full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page scrolls sideways by {overflow} px on a {device}"
        watch.assert_clean()
