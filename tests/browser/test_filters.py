"""The all-projects page: one table of every project; with JavaScript, filters by axis,
status, health and text, driven from the keyboard, a live region saying how many projects
are shown; without it, the whole table and no control that would do nothing."""

from __future__ import annotations

import unicodedata

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.figures.derive import Figures
from generator.rendering.labels import health_words, status_words
from tests.browser.helpers import PHONE, opened_page, wait_until_interactive
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser

TABLE = "#rm-all-projects"


def shown_titles(page: Page) -> list[str]:
    titles: list[str] = page.eval_on_selector_all(
        f"{TABLE} tbody tr:not([hidden]) th", "cells => cells.map(c => c.textContent.trim())"
    )
    return titles


def count_sentence(shown: int, total: int) -> str:
    noun = "projet affiché" if shown <= 1 else "projets affichés"
    return f"{shown} {noun} sur {total}"


def folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def test_without_javascript_the_whole_table_and_no_filter(
    browser: Browser, served_site: ServedSite, example_figures: Figures
) -> None:
    url = served_site.url("/projets/")
    with opened_page(browser, url, javascript=False) as (page, _):
        assert page.locator("table").count() == 1
        assert sorted(shown_titles(page)) == sorted(
            p.project.title for p in example_figures.overall.projects
        )
        expect(page.locator(".rm-filters")).to_be_hidden()


def test_filters_by_status_health_and_axis_and_say_how_many(
    browser: Browser, served_site: ServedSite, example_figures: Figures
) -> None:
    projects = example_figures.overall.projects
    total = len(projects)
    status = status_words("fr")
    health = health_words("fr")
    with opened_page(browser, served_site.url("/projets/")) as (page, watch):
        wait_until_interactive(page)
        live = page.locator("#rm-all-projects-count")
        expect(live).to_have_attribute("aria-live", "polite")
        expect(live).to_have_text(count_sentence(total, total))

        page.get_by_label("Statut").select_option(status["in_progress"])
        expected = sorted(p.project.title for p in projects if p.project.status == "in_progress")
        assert sorted(shown_titles(page)) == expected
        expect(live).to_have_text(count_sentence(len(expected), total))

        # A second filter narrows the first.
        state = next(p.health for p in projects if p.project.status == "in_progress")
        page.get_by_label("Météo").select_option(health[state])
        expected = sorted(p.project.title for p in projects
                          if p.project.status == "in_progress" and p.health == state)  # fmt: skip
        assert sorted(shown_titles(page)) == expected
        expect(live).to_have_text(count_sentence(len(expected), total))

        # Clearing the filters shows every project again.
        page.get_by_role("button", name="Effacer les filtres").click()
        expect(live).to_have_text(count_sentence(total, total))
        assert len(shown_titles(page)) == total

        axis, axis_portfolio = next((a, ap) for a, ap in example_figures.by_axis if ap.projects)
        page.get_by_label("Axe", exact=True).select_option(axis.title)
        in_axis = sorted(p.project.title for p in axis_portfolio.projects)
        assert sorted(shown_titles(page)) == in_axis
        watch.assert_clean()


def test_the_text_filter_ignores_case_and_accents_and_is_typed_from_the_keyboard(
    browser: Browser, served_site: ServedSite, example_figures: Figures
) -> None:
    projects = example_figures.overall.projects
    # A project whose title has an accented word: typed without its accent, in capitals.
    target = next(p.project for p in projects if folded(p.project.title) != p.project.title)
    word = next(w for w in target.title.split() if folded(w) != w)
    typed = folded(word).upper()
    with opened_page(browser, served_site.url("/projets/")) as (page, _):
        wait_until_interactive(page)
        page.locator("#rm-filter-text").focus()
        page.keyboard.type(typed)
        shown = shown_titles(page)
        assert target.title in shown
        assert all(folded(word).lower() in folded(page.locator(f"{TABLE} tbody tr", has_text=title)
                   .first.text_content() or "").lower() for title in shown)  # fmt: skip
        expect(page.locator("#rm-all-projects-count")).to_have_text(
            count_sentence(len(shown), len(projects)))  # fmt: skip
        # Nothing matches: no row, and the live region says so.
        page.keyboard.type(" zzzz")
        assert shown_titles(page) == []
        expect(page.locator("#rm-all-projects-count")).to_have_text(
            count_sentence(0, len(projects)))  # fmt: skip


def test_every_control_is_labelled_and_reached_with_the_keyboard(
    browser: Browser, served_site: ServedSite
) -> None:
    with opened_page(browser, served_site.url("/projets/"), viewport=PHONE) as (page, _):
        wait_until_interactive(page)
        # Each control has a name (its label), as a screen reader announces it.
        form = page.locator(".rm-filters")
        expect(form).to_be_visible()
        search = form.get_by_role("searchbox", name="Rechercher (projet, porteur, jalon)")
        expect(search).to_have_count(1)
        for name in ("Axe", "Statut", "Météo"):
            expect(form.get_by_role("combobox", name=name, exact=True)).to_have_count(1)
        expect(form.get_by_role("button", name="Effacer les filtres")).to_have_count(1)
        expect(page.get_by_role("search", name="Filtrer les projets")).to_have_count(1)
        # Tab from the search field goes through the three selects to the reset button.
        page.locator("#rm-filter-text").focus()
        order = []
        for _ in range(4):
            page.keyboard.press("Tab")
            order.append(page.evaluate("document.activeElement.id || document.activeElement.type"))
        assert order == ["rm-filter-axis", "rm-filter-status", "rm-filter-health", "button"]
        # A select changed from the keyboard filters the table.
        page.get_by_label("Statut").focus()
        page.keyboard.press("ArrowDown")
        value = page.get_by_label("Statut").input_value()
        assert value
        # The rows shown are those of that status (once the change event has run).
        page.wait_for_function(
            """([table, value]) => {
                const rows = [...document.querySelectorAll(`${table} tbody tr`)];
                const shown = rows.filter(row => !row.hidden);
                return shown.length < rows.length
                    && shown.every(row => row.cells[3].textContent.trim() === value);
            }""",
            arg=[TABLE, value],
            timeout=5000,
        )
