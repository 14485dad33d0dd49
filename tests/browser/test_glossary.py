"""The glossary's term links in a real browser, with either engine: a keyboard user tabs to
a term and reads its definition, Escape hides it, Enter leads to the glossary entry; a mouse
user can move onto the definition without losing it; on a phone it opens in the text's
flow, inside the page's width; and neither the glossary page nor an open definition breaks
an accessibility rule, in either palette."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import (
    axe_violations,
    describe_violations,
    opened_page,
    switch_palette,
    wait_until_interactive,
)
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser

GLOSSARY = "/lexique/"
TERM = "a.rm-term__link"
MAX_TAB_STOPS = 200  # bound: the home page's first term comes well before


def tab_to_first_term(page: Page) -> dict[str, Any]:
    """Press Tab until a term link has the focus; its text, target and tooltip id."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        found: dict[str, Any] | None = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || !el.matches('a.rm-term__link')) return null;
                return {text: el.textContent, href: el.getAttribute('href'),
                        tooltip: el.getAttribute('aria-describedby')};
            }"""
        )
        if found:
            return found
    raise AssertionError(f"no term link in the first {MAX_TAB_STOPS} tab stops")


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip


def test_keyboard_shows_the_definition_escape_hides_it_enter_follows(
    browser: Browser, served_site: ServedSite
) -> None:
    with opened_page(browser, served_site.url("/")) as (page, _):
        wait_until_interactive(page)
        term = tab_to_first_term(page)
        tooltip = page.locator(f"#{term['tooltip']}")
        expect(tooltip).to_be_visible()
        assert tooltip.get_attribute("role") == "tooltip"
        assert len(tooltip.inner_text()) > 20  # a definition, not an empty box
        # Below the word, never over it, and inside the window.
        link_box = page.locator(f"{TERM}[aria-describedby='{term['tooltip']}']").bounding_box()
        tip_box = tooltip.bounding_box()
        assert link_box is not None and tip_box is not None
        assert not overlaps(link_box, tip_box), (link_box, tip_box)
        assert tip_box["y"] >= link_box["y"] + link_box["height"] - 1
        assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= 1280
        page.keyboard.press("Escape")
        expect(tooltip).to_be_hidden()
        assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == (
            term["tooltip"]
        )  # the focus stays on the term
        page.keyboard.press("Enter")
        anchor = term["href"].rsplit("#", 1)[1]
        page.wait_for_url(f"**{GLOSSARY}#{anchor}")
        entry = page.locator(f"#{anchor}")
        expect(entry).to_be_visible()
        expect(entry.locator("dt")).not_to_be_empty()
        expect(entry.locator("dd")).not_to_be_empty()


def test_the_definition_stays_while_the_pointer_moves_onto_it(
    browser: Browser, served_site: ServedSite
) -> None:
    with opened_page(browser, served_site.url("/")) as (page, _):
        link = page.locator(TERM).first
        tooltip = page.locator(f"#{link.get_attribute('aria-describedby')}")
        expect(tooltip).to_be_hidden()
        link.hover()
        expect(tooltip).to_be_visible()
        tooltip.hover()  # WCAG 1.4.13: the pointer can reach the content it opened
        expect(tooltip).to_be_visible()
        page.keyboard.press("Escape")
        expect(tooltip).to_be_hidden()
        page.mouse.move(0, 0)
        link.hover()  # back on the term after leaving it: shown again
        expect(tooltip).to_be_visible()


def test_on_a_phone_the_definition_opens_within_the_page(
    browser: Browser, served_site: ServedSite
) -> None:
    width = 390
    viewport = {"width": width, "height": 800}
    with opened_page(browser, served_site.url("/"), viewport=viewport) as (page, _):  # type: ignore[arg-type]
        link = page.locator(TERM).first
        tooltip = page.locator(f"#{link.get_attribute('aria-describedby')}")
        link.focus()
        expect(tooltip).to_be_visible()
        box = tooltip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_without_javascript_the_term_is_a_link_to_the_glossary(
    browser: Browser, served_site: ServedSite
) -> None:
    with opened_page(browser, served_site.url("/"), javascript=False) as (page, _):
        link = page.locator(TERM).first
        href = link.get_attribute("href")
        assert href is not None and GLOSSARY.strip("/") in href
        link.focus()
        expect(page.locator(f"#{link.get_attribute('aria-describedby')}")).to_be_visible()
        link.click()
        page.wait_for_url(f"**{GLOSSARY}#*")
        expect(page.locator("h1")).to_have_text("Lexique")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violation_on_the_glossary_nor_an_open_definition(
    browser: Browser, served_site: ServedSite, axe_script: Path, scheme: str
) -> None:
    for path in (GLOSSARY, "/"):
        with opened_page(browser, served_site.url(path)) as (page, _):
            switch_palette(page, scheme)
            if path == "/":
                page.locator(TERM).first.focus()  # the definition open, its contrast checked
            violations = axe_violations(page, axe_script)
            assert not violations, (
                f"{len(violations)} axe violation(s) on {path} ({scheme}):\n"
                + describe_violations(violations)
            )
