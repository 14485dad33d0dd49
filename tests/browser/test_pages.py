"""Each page type, loaded directly (a first visit): no error, nothing fetched from another
host, and every chart drawn with as many bars and markers as the data holds."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from generator.figures.derive import Figures
from tests.browser.conftest import PAGE_TYPES
from tests.browser.expected import assert_charts_show_their_data, expected_chart_ids
from tests.browser.helpers import draw_all_charts, opened_page, subject_of
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_loads_without_errors_or_requests_to_other_hosts(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str], page_type: str
) -> None:
    with opened_page(browser, served_site.url(page_paths[page_type])) as (page, watch):
        draw_all_charts(page)
        page.wait_for_load_state("networkidle")
        watch.assert_clean()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_chart_is_drawn_with_its_data_on_a_direct_load(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    example_figures: Figures,
    page_type: str,
) -> None:
    path = page_paths[page_type]
    expected = expected_chart_ids(page_type, example_figures, subject_of(path))
    with opened_page(browser, served_site.url(path)) as (page, watch):
        draw_all_charts(page)
        assert_charts_show_their_data(page, example_figures, expected)
        watch.assert_clean()
