"""A first visit downloads what the page shows, not the search: the theme's search worker,
like the search index, waits until the reader moves towards the search, and a search then
still finds."""

from __future__ import annotations

import re

from playwright.sync_api import Browser

from tests.browser.helpers import search_for, wait_until_interactive, watched_page
from tests.conftest import ServedSite

# Both engines start their search worker from assets/javascripts/workers/search.*.js.
SEARCH_WORKER = re.compile(r"/workers/search\.[^/]*\.js(\?|$)")


def worker_requests(requested: list[str]) -> list[str]:
    return [url for url in requested if SEARCH_WORKER.search(url)]


def test_the_search_worker_waits_for_the_first_search(
    browser: Browser, served_site: ServedSite
) -> None:
    with watched_page(browser) as (page, watch):
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(served_site.url("/"), wait_until="load")
        wait_until_interactive(page)
        page.keyboard.press("Tab")  # moving through the page is not moving towards the search
        page.wait_for_timeout(500)
        assert requested, "the page made no request at all: the recording saw nothing"
        assert worker_requests(requested) == []
        assert "téléprocédure" in search_for(page, "téléprocédure").lower()
        assert len(worker_requests(requested)) == 1
        watch.assert_clean()


def test_a_page_opened_with_a_query_starts_the_search_at_once(
    browser: Browser, served_site: ServedSite
) -> None:
    with watched_page(browser) as (page, watch):
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(served_site.url("/?q=t%C3%A9l%C3%A9proc%C3%A9dure"), wait_until="load")
        wait_until_interactive(page)
        page.wait_for_timeout(500)
        assert len(worker_requests(requested)) == 1
        watch.assert_clean()
