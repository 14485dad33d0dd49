"""Without JavaScript every figure still says what it shows: caption, takeaway and a table
of the same data, with rows."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from generator.figures.derive import Figures
from tests.browser.conftest import PAGE_TYPES
from tests.browser.expected import CHART_ID_PREFIX, expected_chart_ids
from tests.browser.helpers import CHART, opened_page, subject_of
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_figure_has_caption_takeaway_and_table_without_javascript(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    example_figures: Figures,
    page_type: str,
) -> None:
    path = page_paths[page_type]
    with opened_page(browser, served_site.url(path), javascript=False) as (page, watch):
        figures: list[dict[str, Any]] = page.eval_on_selector_all(
            CHART,
            """figures => figures.map(f => ({
                id: f.id,
                caption: f.querySelector('figcaption')?.textContent.trim() || '',
                takeaway: f.querySelector('.roadmap-chart__takeaway')?.textContent.trim() || '',
                tables: f.querySelectorAll('table').length,
                rows: f.querySelectorAll('table tbody tr').length,
                captioned: [...f.querySelectorAll('table')].every(t => t.caption
                    && t.caption.textContent.trim()),
            }))""",
        )
        found = sorted(f["id"].removeprefix(CHART_ID_PREFIX) for f in figures)
        assert found == sorted(expected_chart_ids(page_type, example_figures, subject_of(path)))
        incomplete = [
            f
            for f in figures
            if not (f["caption"] and f["takeaway"] and f["tables"] and f["rows"] and f["captioned"])
        ]
        assert not incomplete, f"figures missing a part without JavaScript: {incomplete}"
        if page_type != "home":  # the home page's figures are cards; every other type has tables
            assert page.locator("table tbody tr").count() > 0
        watch.assert_clean()
