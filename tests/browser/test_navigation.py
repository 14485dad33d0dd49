"""Charts survive what readers do after the first load: Material's instant navigation,
back and forward, the light/dark palette switch and window resizes."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Browser, Page

from generator.figures.derive import Figures
from tests.browser.conftest import PAGE_TYPES
from tests.browser.expected import assert_charts_show_their_data, expected_chart_ids
from tests.browser.helpers import (
    DESKTOP,
    chart_count,
    chart_layers_over_footer,
    chart_text_colours,
    chart_widths,
    click_link_to,
    draw_all_charts,
    links_on_page,
    mark_window,
    opened_page,
    search_for,
    subject_of,
    switch_palette,
    undrawn_charts,
    wait_until_interactive,
    window_is_marked,
)
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser


def built_title(site: ServedSite, path: str) -> str:
    """The <title> of a built page, to know when instant navigation has swapped it in."""
    page = (site.root / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    assert match, f"no <title> in {path}"
    return html.unescape(match[1]).strip()


def follow_link(page: Page, site: ServedSite, path: str) -> None:
    """Click a visible link to `path`, then wait for the page to show it."""
    click_link_to(page, site.url(path))
    page.wait_for_function("title => document.title === title", arg=built_title(site, path))


def reach_by_instant_navigation(page: Page, site: ServedSite, path: str, figures: Figures) -> None:
    """From the current page, click links as a reader would; a project page that the current
    page does not link to is reached through its axis page."""
    if site.url(path) not in links_on_page(page):
        project_id = subject_of(path)
        assert path.startswith("/projets/") and project_id, f"no link to {path} on {page.url}"
        follow_link(page, site, f"/axes/{figures.project(project_id).project.axis}/")
    follow_link(page, site, path)


def start_path(page_type: str, page_paths: dict[str, str]) -> str:
    """Where a reader comes from: the home page, or for the home page the milestones page."""
    return page_paths["milestones"] if page_type == "home" else page_paths["home"]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_instant_navigation_draws_every_chart_without_reloading_the_page(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    example_figures: Figures,
    page_type: str,
) -> None:
    path = page_paths[page_type]
    expected = expected_chart_ids(page_type, example_figures, subject_of(path))
    with opened_page(browser, served_site.url(start_path(page_type, page_paths))) as (
        page,
        watch,
    ):
        mark_window(page)
        reach_by_instant_navigation(page, served_site, path, example_figures)
        assert window_is_marked(page), "the page was fully reloaded: no instant navigation"
        draw_all_charts(page)
        assert_charts_show_their_data(page, example_figures, expected)
        watch.assert_clean()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_chart_layer_spills_over_the_footer_after_instant_navigation(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    example_figures: Figures,
    page_type: str,
) -> None:
    path = page_paths[page_type]
    with opened_page(browser, served_site.url(start_path(page_type, page_paths))) as (
        page,
        watch,
    ):
        reach_by_instant_navigation(page, served_site, path, example_figures)
        draw_all_charts(page)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert chart_layers_over_footer(page) == []
        watch.assert_clean()


def test_back_and_forward_keep_charts_drawn(
    browser: Browser,
    served_site: ServedSite,
    page_paths: dict[str, str],
    example_figures: Figures,
) -> None:
    project_path = page_paths["project"]
    project_id = str(subject_of(project_path))
    axis_path = f"/axes/{example_figures.project(project_id).project.axis}/"
    visits = [("home", page_paths["home"]), ("axis", axis_path), ("project", project_path)]
    with opened_page(browser, served_site.url(page_paths["home"])) as (page, watch):
        mark_window(page)
        draw_all_charts(page)
        for _, path in visits[1:]:
            follow_link(page, served_site, path)
            draw_all_charts(page)
        for step, (page_type, path) in [
            ("back", visits[1]),
            ("back", visits[0]),
            ("forward", visits[1]),
            ("forward", visits[2]),
        ]:
            page.evaluate(f"history.{step}()")
            page.wait_for_url(served_site.url(path))
            page.wait_for_function(
                "title => document.title === title", arg=built_title(served_site, path)
            )
            draw_all_charts(page)
            expected = expected_chart_ids(page_type, example_figures, subject_of(path))
            assert_charts_show_their_data(page, example_figures, expected)
        assert window_is_marked(page), "history navigation reloaded the page"
        watch.assert_clean()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_palette_switch_rethemes_the_charts(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str], page_type: str
) -> None:
    with opened_page(browser, served_site.url(page_paths[page_type])) as (page, watch):
        switch_palette(page, "default")
        draw_all_charts(page)
        light = chart_text_colours(page)
        switch_palette(page, "slate")
        page.wait_for_timeout(300)
        dark = chart_text_colours(page)
        assert undrawn_charts(page) == []
        unchanged = [i for i, (a, b) in enumerate(zip(light, dark, strict=True)) if a == b]
        assert not unchanged, (
            f"charts {unchanged} kept their text colour {light} after the switch to dark"
        )
        switch_palette(page, "default")
        page.wait_for_timeout(300)
        assert chart_text_colours(page) == light
        watch.assert_clean()


@pytest.mark.parametrize("page_type", [t for t in PAGE_TYPES if t != "milestones"])
def test_charts_follow_the_window_width(
    browser: Browser, served_site: ServedSite, page_paths: dict[str, str], page_type: str
) -> None:
    with opened_page(browser, served_site.url(page_paths[page_type])) as (page, watch):
        assert chart_count(page) > 0
        draw_all_charts(page)
        wide = chart_widths(page)
        page.set_viewport_size({"width": 600, "height": DESKTOP["height"]})
        page.wait_for_timeout(600)
        narrow = chart_widths(page)
        assert len(narrow) == len(wide)
        for (svg_wide, _), (svg_narrow, figure) in zip(wide, narrow, strict=True):
            assert svg_narrow < svg_wide, "a chart kept its width when the window narrowed"
            assert svg_narrow <= figure + 1, "a chart is wider than its figure"
        page.set_viewport_size(DESKTOP)
        page.wait_for_timeout(600)
        regrown = chart_widths(page)
        for (svg_wide, _), (svg_again, _) in zip(wide, regrown, strict=True):
            assert abs(svg_again - svg_wide) <= 2, "a chart did not grow back with the window"
        watch.assert_clean()


def test_search_finds_a_project_and_loads_every_file_it_needs(
    browser: Browser, served_site: ServedSite
) -> None:
    """The search runs on the files the build keeps (the French language support of lunr
    among them): a word of a project's description finds it, and no request fails."""
    with opened_page(browser, served_site.url("/")) as (page, watch):
        wait_until_interactive(page)
        assert "téléprocédure" in search_for(page, "téléprocédure").lower()
        watch.assert_clean()


def nav_links(page: Page) -> list[str]:
    return page.eval_on_selector_all(".md-nav--primary a[href]", "all => all.map(a => a.href)")


def test_the_axes_section_leads_to_its_overview_then_lists_every_axis(
    browser: Browser, served_site: ServedSite, example_figures: Figures
) -> None:
    axis_urls = [served_site.url(f"/axes/{axis.id}/") for axis in example_figures.roadmap.axes]
    with opened_page(browser, served_site.url("/projets/")) as (page, watch):
        # Pruned: on another section's page the axes section is one link, to its overview.
        links = nav_links(page)
        assert served_site.url("/axes/") in links
        assert not set(axis_urls) & set(links)
        follow_link(page, served_site, "/axes/")
        links = nav_links(page)
        assert all(url in links for url in axis_urls), links
        table_links = page.eval_on_selector_all("article table a", "all => all.map(a => a.href)")
        assert table_links == axis_urls
        watch.assert_clean()
