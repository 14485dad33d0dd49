"""The search index is downloaded when a reader moves towards the search, not on every page
open: a first visit that never searches does not pay for it, and a search still finds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.helpers import search_for, wait_until_interactive, watched_page
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser

# Material for MkDocs asks for search/search_index.json, Zensical for search.json.
INDEX_REQUEST = re.compile(r"/search(/search_index)?\.json(\?|$)")


def index_requests(requested: list[str]) -> list[str]:
    return [url for url in requested if INDEX_REQUEST.search(url)]


@contextmanager
def first_visit(browser: Browser, url: str) -> Iterator[tuple[Page, list[str]]]:
    """`url` opened in a fresh context, until Material's scripts have taken over; yields the
    page and every URL it has requested so far (the list grows as the page goes on)."""
    with watched_page(browser) as (page, watch):
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url, wait_until="load")
        wait_until_interactive(page)
        yield page, requested
        watch.assert_clean()


def test_a_visit_that_does_not_search_does_not_download_the_index(
    browser: Browser, served_site: ServedSite
) -> None:
    with first_visit(browser, served_site.url("/")) as (page, requested):
        page.keyboard.press("Tab")  # moving through the page is not moving towards the search
        page.wait_for_timeout(300)
        assert index_requests(requested) == []
        assert requested, "the page made no request at all: the recording saw nothing"


def test_the_first_search_downloads_the_index_and_finds(
    browser: Browser, served_site: ServedSite
) -> None:
    with first_visit(browser, served_site.url("/")) as (page, requested):
        assert index_requests(requested) == []
        assert "téléprocédure" in search_for(page, "téléprocédure").lower()
        assert len(index_requests(requested)) == 1


def test_a_page_opened_with_a_query_downloads_the_index_at_once(
    browser: Browser, served_site: ServedSite
) -> None:
    query = served_site.url("/?q=t%C3%A9l%C3%A9proc%C3%A9dure")
    with first_visit(browser, query) as (_, requested):
        assert len(index_requests(requested)) == 1
