"""The publication footer in a real browser, with either engine: on every page type, at a
phone's width and a laptop's, every item visible inside the page's width, and its links
reachable with the keyboard and leading to the accessibility statement and legal notice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import PAGE_TYPES
from tests.browser.helpers import opened_page
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser

# The example roadmap's as_of, licence (the default), contact and compliance.
FOOTER_ITEMS = [
    "Données au 30 juin 2020",
    "Licence des données : Licence Ouverte / Open Licence 2.0",
    "Contact : transformation.numerique@haute-sarvene.example",
    "Accessibilité : non conforme",
    "Mentions légales",
]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_footer_items_are_all_visible_within_the_page(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str], page_type: str,
    width: int,
) -> None:  # fmt: skip
    url = served_site.url(page_paths[page_type])
    with opened_page(browser, url, viewport={"width": width, "height": 800}) as (page, _):
        items = page.locator("footer .rm-footer > li")
        assert [" ".join(text.split()) for text in items.all_inner_texts()] == FOOTER_ITEMS
        items.last.scroll_into_view_if_needed()
        for index in range(items.count()):
            box = items.nth(index).bounding_box()
            assert box is not None and box["width"] > 0 and box["height"] > 0
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (index, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_footer_links_lead_to_the_statement_and_the_notice(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str]
) -> None:
    with opened_page(browser, served_site.url(page_paths["project"])) as (page, _):
        statement = page.locator("footer .rm-footer a", has_text="Accessibilité")
        statement.focus()
        assert page.evaluate("document.activeElement.textContent") == "Accessibilité : non conforme"
        page.keyboard.press("Enter")
        # Instant navigation changes the address before the content: wait for the heading.
        page.wait_for_url("**/accessibilite/")
        expect(page.locator("h1")).to_have_text("Déclaration d'accessibilité")
        page.locator("footer .rm-footer a", has_text="Mentions légales").click()
        page.wait_for_url("**/mentions-legales/")
        expect(page.locator("h1")).to_have_text("Mentions légales")
