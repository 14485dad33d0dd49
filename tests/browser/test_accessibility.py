"""Accessibility of each page type: no axe-core violation of WCAG 2.1 A/AA rules in either
palette, a skip link as the first tab stop, and a visible focus indicator on every control."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import PAGE_TYPES
from tests.browser.helpers import (
    axe_violations,
    describe_violations,
    draw_all_charts,
    next_frames,
    opened_page,
    switch_palette,
    wait_until_interactive,
)
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser

SKIP_LINK_TEXT = "Aller au contenu"
MAX_TAB_STOPS = 400  # a bound, should focus never come back to the page itself


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violation_in_either_palette(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    axe_script: Path,
    page_type: str,
    scheme: str,
) -> None:
    with opened_page(browser, served_site.url(page_paths[page_type])) as (page, _):
        switch_palette(page, scheme)
        draw_all_charts(page)
        # The data tables sit in closed <details>: open them so that axe checks them too.
        page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")
        page.evaluate("window.scrollTo(0, 0)")
        violations = axe_violations(page, axe_script)
        assert not violations, (
            f"{len(violations)} axe violation(s) on {page_paths[page_type]} ({scheme}):\n"
            + describe_violations(violations)
        )


# Generated pages without charts, checked in the default palette (the palettes differ only
# in colours, which the page types above check in both).
OTHER_GENERATED_PAGES = ("/axes/", "/projets/", "/indicateurs/", "/methodologie/", "/lexique/",
                         "/donnees/", "/accessibilite/", "/mentions-legales/")  # fmt: skip


@pytest.mark.parametrize("path", OTHER_GENERATED_PAGES)
def test_no_axe_violation_on_the_other_generated_pages(
    browser: Browser, served_site: ServedSite, axe_script: Path, path: str
) -> None:
    with opened_page(browser, served_site.url(path)) as (page, _):
        page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")
        violations = axe_violations(page, axe_script)
        assert not violations, (
            f"{len(violations)} axe violation(s) on {path}:\n" + describe_violations(violations)
        )


def focused(page: Page) -> dict[str, Any]:
    """The focused element: what it is, where it is, and how its focus is shown. A visually
    hidden input (Material's palette toggle) shows its focus on the label beside it."""
    info: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return {body: true};
            const area = e => { const b = e.getBoundingClientRect(); return b.width * b.height; };
            // Material draws a hidden input's focus on the label that follows it.
            const next = el.nextElementSibling;
            const label = next && next.tagName === 'LABEL' ? next : el.labels && el.labels[0];
            const shown = area(el) === 0 && label ? label : el;
            const style = getComputedStyle(shown);
            const box = shown.getBoundingClientRect();
            const opaque = colour => colour !== 'transparent'
                && !/rgba\\([^)]*,\\s*0\\)$/.test(colour);
            const main = document.querySelector('.md-content');
            const url = el.href ? new URL(el.href, location.href) : null;
            return {
                body: false,
                tag: el.tagName.toLowerCase(),
                text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 60),
                cls: typeof el.className === 'string' ? el.className : '',
                same_page_target: url && url.pathname === location.pathname ? url.hash : null,
                in_content: !!(main && main.contains(el)),
                outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
                styled: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                         && opaque(style.outlineColor))
                    || (style.boxShadow !== 'none' && opaque(style.boxShadow.split(') ')[0] + ')'))
                    // Material's search field shows its focus by opening the search: the
                    // field turns into a white box over a dimmed page.
                    || (el.matches('.md-search__input')
                        && !!document.querySelector('#__search:checked')),
                on_screen: box.width > 0 && box.height > 0 && box.bottom > 0
                    && box.top < window.innerHeight && box.right > 0
                    && box.left < window.innerWidth,
                clip: {x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8),
                       width: Math.min(window.innerWidth, box.right + 8) - Math.max(0, box.x - 8),
                       height: Math.min(window.innerHeight, box.bottom + 8)
                               - Math.max(0, box.y - 8)},
            };
        }"""
    )
    return info


def focus_changes_pixels(page: Page, element: dict[str, Any]) -> bool:
    """Whether the focused element's surroundings look different once it loses focus: the
    indicator may be a change of colour or background rather than an outline."""
    handle = page.evaluate_handle("document.activeElement")
    page.wait_for_timeout(300)  # Material animates some focus states
    with_focus = page.screenshot(clip=element["clip"])
    handle.evaluate("el => el.blur()")
    page.wait_for_timeout(300)
    without_focus = page.screenshot(clip=element["clip"])
    handle.evaluate("el => el.focus()")
    return with_focus != without_focus


def describe(element: dict[str, Any]) -> str:
    return (
        f"<{element['tag']} class={element['cls']!r}> {element['text']!r} "
        f"(outline {element['outline']})"
    )


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_first_tab_stop_is_the_skip_link_and_enter_moves_to_the_content(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str], page_type: str
) -> None:
    with opened_page(browser, served_site.url(page_paths[page_type])) as (page, watch):
        wait_until_interactive(page)
        page.keyboard.press("Tab")
        skip = focused(page)
        assert SKIP_LINK_TEXT in skip.get("text", ""), f"first tab stop: {skip}"
        assert skip["on_screen"], "the skip link stays off screen when focused"
        assert skip["same_page_target"], f"the skip link leads to another page: {skip}"
        page.keyboard.press("Enter")
        page.wait_for_function("hash => location.hash === hash", arg=skip["same_page_target"])
        next_frames(page)
        page.keyboard.press("Tab")
        after = focused(page)
        assert after.get("in_content"), (
            f"after the skip link, Tab went to {after} instead of the page content"
        )
        watch.assert_clean()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_focused_control_shows_a_visible_focus_indicator(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str], page_type: str
) -> None:
    with opened_page(browser, served_site.url(page_paths[page_type])) as (page, _):
        wait_until_interactive(page)
        problems = []
        for stop in range(MAX_TAB_STOPS):
            page.keyboard.press("Tab")
            next_frames(page)  # Material reacts to focus changes in the next frames
            element = focused(page)
            if element["body"] or (stop and SKIP_LINK_TEXT in element["text"]):
                break  # every tab stop of the page was visited
            if not element["on_screen"]:
                problems.append(f"{describe(element)}: focused but not visible on the screen")
            elif not element["styled"] and not focus_changes_pixels(page, element):
                problems.append(f"{describe(element)}: nothing shows that it has the focus")
        assert not problems, "keyboard focus that cannot be seen:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_link_pointed_at_and_focused_keeps_the_contrast_of_text(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str], axe_script: Path,
    scheme: str,
) -> None:
    """Material colours a hovered or focused link with the theme's accent, below 4.5:1 for
    most accents: axe checks a page as it is at rest, so each state is checked here."""
    with opened_page(browser, served_site.url(page_paths["home"])) as (page, _):
        wait_until_interactive(page)
        switch_palette(page, scheme)
        links = page.locator("article a[href]:visible")
        assert links.count() > 3
        for index in (0, 1, 2):
            link = links.nth(index)
            link.scroll_into_view_if_needed()
            link.hover()
            link.focus()
            next_frames(page)
            page.evaluate("el => el.setAttribute('data-contrast-check', '')",
                          link.element_handle())  # fmt: skip
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                page.add_script_tag(path=str(axe_script))
            result = page.evaluate(
                """() => axe.run({include: [['[data-contrast-check]']]},
                                 {runOnly: {type: 'rule', values: ['color-contrast']}})"""
            )
            page.evaluate("el => el.removeAttribute('data-contrast-check')",
                          link.element_handle())  # fmt: skip
            assert not result["violations"], (
                f"link {index} ({scheme}), pointed at and focused:\n"
                + describe_violations(result["violations"])
            )
