"""Every page type read on a 390 px phone and on a 1280 px laptop, charts drawn, captured for
a person to look at: nothing wider than the screen, every table cell's text shown whole,
tables as cards on the phone (each cell after the name of its column, status and health
first, without JavaScript too), tables within their column on the laptop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe_violations,
    draw_all_charts,
    opened_page,
    wait_until_interactive,
)
from tests.conftest import REPO_ROOT, ServedSite

pytestmark = pytest.mark.browser

# The page types of the issue: those of the shared fixture, and the generated pages made of
# tables that it does not name.
PHONE_PAGE_TYPES = ("home", "axis", "project", "milestones", "budget", "indicators",
                    "projects", "data")  # fmt: skip
MORE_PATHS = {"indicators": "/indicateurs/", "projects": "/projets/", "data": "/donnees/"}
VIEWPORTS: dict[str, ViewportSize] = {"phone": PHONE, "laptop": DESKTOP}
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
TABLE_BOXES = ".rm-table, .roadmap-table-scroll, .rm-markdown"

# What sticks out of the screen: the page's own width, and every element whose box ends
# right of the viewport (boxes of no size, and elements not rendered, left out).
OVERFLOW = """() => {
    const width = window.innerWidth;
    const wide = [...document.querySelectorAll('body *')].filter(element => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > width + 0.5
            && element.checkVisibility({visibilityProperty: true});
    });
    return {
        width,
        scrollWidth: document.documentElement.scrollWidth,
        wide: wide.slice(0, 10).map(e => `${e.tagName.toLowerCase()}.${e.className} ends at `
            + `${Math.round(e.getBoundingClientRect().right)} px`),
    };
}"""
# Table cells whose text is cut: hidden, or wider than the cell's box.
CUT_CELLS = """() => [...document.querySelectorAll(
        ':is(.rm-table, .roadmap-table-scroll, .rm-markdown) :is(tbody, tfoot) > tr > :is(th, td)')]
    .filter(cell => !cell.closest('details:not([open])'))
    .filter(cell => !cell.checkVisibility({visibilityProperty: true})
        || cell.scrollWidth > cell.clientWidth + 1)
    .slice(0, 10)
    .map(cell => `${cell.textContent.trim().slice(0, 50)} (${cell.scrollWidth} px in `
        + `${cell.clientWidth} px)`)"""
# Tables wider than the box they sit in.
WIDE_TABLES = f"""() => [...document.querySelectorAll('table')]
    .filter(table => table.closest('{TABLE_BOXES}'))
    .filter(table => table.getBoundingClientRect().width
        > table.closest('{TABLE_BOXES}').clientWidth + 1)
    .map(table => `${{table.caption ? table.caption.textContent.trim() : '?'}}: `
        + `${{Math.round(table.getBoundingClientRect().width)}} px`)"""


def path_of(page_type: str, page_paths: dict[str, str]) -> str:
    return MORE_PATHS.get(page_type) or page_paths[page_type]


def open_all_details(page: Page) -> None:
    """Chart tables sit in closed <details>: opened, they are laid out and checked too."""
    page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("page_type", PHONE_PAGE_TYPES)
def test_nothing_is_wider_than_the_screen_and_no_cell_is_cut(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    page_type: str,
    device: str,
) -> None:
    path = path_of(page_type, page_paths)
    with opened_page(browser, served_site.url(path), viewport=VIEWPORTS[device]) as (page, watch):
        wait_until_interactive(page)
        draw_all_charts(page)  # a drawn chart must fit too
        open_all_details(page)
        page.evaluate("window.scrollTo(0, 0)")
        # For a person to look at (not committed): test-artifacts/screenshots/<engine>/.
        folder = SCREENSHOTS / served_site.engine
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{page_type}-{device}.png", full_page=True)
        assert page.locator("table").count() > 0, f"{path} has no table to check"
        overflow: dict[str, Any] = page.evaluate(OVERFLOW)
        assert overflow["scrollWidth"] <= overflow["width"], (path, overflow)
        assert not overflow["wide"], f"wider than the {device} screen on {path}: {overflow}"
        assert page.evaluate(CUT_CELLS) == [], f"cut cells on {path} ({device})"
        assert page.evaluate(WIDE_TABLES) == [], f"tables wider than their box on {path}"
        watch.assert_clean()


def card_layout(page: Page, selector: str) -> dict[str, Any]:
    """How the first row of a table is laid out: the table's display, each body cell's
    label as drawn before it, and the top of the badge cells and of the row's name."""
    layout: dict[str, Any] = page.eval_on_selector(
        selector,
        """table => {
            const row = table.tBodies[0].rows[0];
            const top = cell => cell.getBoundingClientRect().top;
            const badges = [...row.cells].filter(c => c.querySelector(':scope > .rm-badge'));
            return {
                display: getComputedStyle(table).display,
                labels: [...row.querySelectorAll('td')].map(
                    cell => getComputedStyle(cell, '::before').content),
                headers: [...table.tHead.rows[0].cells].map(th => th.textContent.trim()),
                badgeTops: badges.map(top),
                nameTop: top(row.querySelector('th')),
            };
        }""",
    )
    return layout


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_on_a_phone_each_row_is_a_card_with_its_column_names(
    browser: Browser, served_site: ServedSite, javascript: bool
) -> None:
    url = served_site.url("/projets/")
    with opened_page(browser, url, viewport=PHONE, javascript=javascript) as (page, _):
        layout = card_layout(page, "#rm-all-projects")
        assert layout["display"] == "block"
        # Every data cell shows its column's name before it (the badges' is hidden: a badge
        # says what it is).
        expected = [header.rstrip(" ↕") for header in layout["headers"][1:]]
        assert [label.split(" / ")[0] for label in layout["labels"]] == [
            f'"{header}"' for header in expected
        ]
        # Status and health first, above the project's name.
        assert len(layout["badgeTops"]) == 2
        assert all(top < layout["nameTop"] for top in layout["badgeTops"])


def test_on_a_laptop_a_wide_page_keeps_its_tables(
    browser: Browser, served_site: ServedSite
) -> None:
    with opened_page(browser, served_site.url("/projets/"), viewport=DESKTOP) as (page, _):
        layout = card_layout(page, "#rm-all-projects")
        assert layout["labels"] == ["none"] * len(layout["labels"])
        # Laid out row by row (a long list), it still reads as a table: each row on one
        # line, each cell under its column's header.
        assert all(abs(top - layout["nameTop"]) < 1 for top in layout["badgeTops"])
        columns = page.eval_on_selector(
            "#rm-all-projects",
            """table => [table.tHead.rows[0], table.tBodies[0].rows[0],
                         table.tBodies[0].rows[1]].map(row => [...row.cells].map(
                cell => Math.round(cell.getBoundingClientRect().left)))""",
        )
        assert columns[0] == columns[1] == columns[2], columns


def test_cards_keep_the_table_for_screen_readers(browser: Browser, served_site: ServedSite) -> None:
    # The card layout changes how the table looks, not what it is: a table of rows, its
    # cells named by their column headers.
    with opened_page(browser, served_site.url("/projets/"), viewport=PHONE) as (page, _):
        snapshot = page.locator("#rm-all-projects").aria_snapshot()
        assert snapshot.lstrip("- ").startswith("table"), snapshot[:200]
        assert "- row " in snapshot and "- cell " in snapshot and "- rowheader " in snapshot
        assert "- columnheader " in snapshot


@pytest.mark.parametrize("page_type", PHONE_PAGE_TYPES)
def test_no_axe_violation_on_a_phone(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    axe_script: Path,
    page_type: str,
) -> None:
    path = path_of(page_type, page_paths)
    with opened_page(browser, served_site.url(path), viewport=PHONE) as (page, _):
        wait_until_interactive(page)
        open_all_details(page)
        # Cards off screen are not rendered until they come near (content-visibility), and
        # axe cannot tell the colours of what was never painted: render them all first.
        page.add_style_tag(content="tr { content-visibility: visible !important; }")
        violations = axe_violations(page, axe_script)
        assert not violations, f"on {path} at 390 px:\n" + describe_violations(violations)
