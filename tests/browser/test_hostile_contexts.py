"""The table of hostile strings, in Chromium: nothing runs, whatever the way a page is reached.

tests/test_hostile_contexts.py checks each string of its table in each output by parsing. Here
one roadmap holds them all, each reader-visible field given one string of the table in turn
(so that each string is in several fields and each field holds one), prefixed with a word
the search finds. The site is built by each engine and every one of its pages is opened in
Chromium directly, then reached by instant navigation and from a search result: no dialog
opens (`alert`), no payload sets `window.__pwned`, no event attribute exists, and template
syntax reads literally.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.helpers import (
    SEARCH_RESULT,
    PageWatch,
    mark_window,
    search_for,
    watched_page,
    window_is_marked,
)
from tests.conftest import ENGINES, ServedSite, build_zensical_site, serve_directory
from tests.test_hostile_contexts import ACCEPTED, FIELDS, write_project

WORD = "Piège"
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(element =>
    [...element.attributes].filter(a => a.name.toLowerCase().startsWith('on'))
        .map(a => `<${element.tagName.toLowerCase()} ${a.name}>`))"""
# Everything a user may trigger on the content: a handler from a text would run.
TRIGGER = """() => {
    for (const element of document.querySelectorAll('main *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'toggle', 'load']) {
            if (type === 'click' && element.closest('a[href]')) continue;
            element.dispatchEvent(new Event(type));
        }
    }
}"""


def mixed(field: str) -> str:
    """The field's string of the table: each in turn, so that each is in several fields."""
    return f"{WORD} {ACCEPTED[FIELDS.index(field) % len(ACCEPTED)].text}"


@pytest.fixture(scope="module", params=ENGINES)
def mixed_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedSite]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    engine = str(request.param)
    project = tmp_path_factory.mktemp(f"hostile-contexts-{engine}") / "project"
    write_project(project, mixed)
    if engine == "zensical":
        output = tmp_path_factory.mktemp("hostile-contexts-zensical")
        with serve_directory(output / "site") as base_url:
            build_zensical_site(output, base_url, config=project / "mkdocs.yml")
            yield ServedSite(output / "site", base_url, engine)
        return
    site_dir = tmp_path_factory.mktemp("hostile-contexts-site")
    with serve_directory(site_dir) as base_url:
        cwd = Path.cwd()
        os.chdir(project)
        try:
            config = load_config(config_file=str(project / "mkdocs.yml"), site_url=base_url,
                                 site_dir=str(site_dir), strict=True)  # fmt: skip
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        finally:
            os.chdir(cwd)
        yield ServedSite(site_dir, base_url, engine)


def page_paths(site: ServedSite) -> list[str]:
    """Every page of the site, one of each kind and more (all of them: the site is small)."""
    return sorted(
        "/" + path.parent.relative_to(site.root).as_posix().removeprefix(".") + "/"
        for path in site.root.rglob("index.html")
        if "assets" not in path.parts
    ).copy()


@contextlib.contextmanager
def watched(browser: Browser) -> Iterator[tuple[Page, PageWatch, list[str]]]:
    with watched_page(browser) as (page, watch):
        dialogs: list[str] = []

        def on_dialog(dialog: object) -> None:
            dialogs.append(getattr(dialog, "message", "?"))
            getattr(dialog, "dismiss")()  # noqa: B009 - a Playwright Dialog

        page.on("dialog", on_dialog)
        yield page, watch, dialogs


def assert_inert(page: Page, dialogs: list[str], where: str) -> None:
    page.evaluate(TRIGGER)
    page.wait_for_timeout(150)
    assert dialogs == [], (where, dialogs)
    assert page.evaluate("() => window.__pwned") is None, f"a payload ran on {where}"
    assert page.evaluate(HANDLERS) == [], where


def test_every_page_is_inert_on_direct_load(browser: Browser, mixed_site: ServedSite) -> None:
    paths = page_paths(mixed_site)
    assert len(paths) >= 12, paths  # every kind of page: home, axes, projects, data…
    for path in paths:
        with watched(browser) as (page, watch, dialogs):
            page.goto(mixed_site.url(path), wait_until="load")
            assert_inert(page, dialogs, path)
            watch.assert_clean()


def test_template_syntax_reads_literally(browser: Browser, mixed_site: ServedSite) -> None:
    template = next(p.text for p in ACCEPTED if p.name == "template")
    fields = [f for f in FIELDS if mixed(f).endswith(template)]
    assert fields  # the template string is in some fields
    assert "indicator.title" in fields  # shown on the project page
    with watched(browser) as (page, _, _):
        page.goto(mixed_site.url("/projets/cible/"), wait_until="load")
        text = page.inner_text("main")
        assert f"{WORD} {template}" in " ".join(text.split()), text


def test_pages_reached_by_instant_navigation_are_inert(
    browser: Browser, mixed_site: ServedSite
) -> None:
    with watched(browser) as (page, watch, dialogs):
        page.goto(mixed_site.url("/"), wait_until="load")
        mark_window(page)
        for path in ("/projets/", "/projets/cible/", "/axes/", "/axes/usagers/", "/jalons/"):
            url = mixed_site.url(path)
            # A reader's click on a link to it (the theme intercepts it), visible or in a
            # folded part of the navigation.
            # Polled: under load, the previous page's content may still be being swapped in.
            page.wait_for_function(FOLLOW, arg=url, timeout=20_000)
            page.wait_for_url(url)
            page.wait_for_load_state("load")
            assert_inert(page, dialogs, f"{path} after instant navigation")
        # Instant navigation kept the page: the scripts of every page reached ran in it.
        assert window_is_marked(page) or mixed_site.engine == "zensical"
        watch.assert_clean()


FOLLOW = """url => {
    const link = [...document.querySelectorAll('a[href]')].find(a => a.href === url);
    if (!link) return false;
    link.click();
    return true;
}"""


def test_a_search_and_its_result_are_inert(browser: Browser, mixed_site: ServedSite) -> None:
    with watched(browser) as (page, watch, dialogs):
        page.goto(mixed_site.url("/"), wait_until="load")
        results = search_for(page, WORD)
        assert WORD in results
        assert_inert(page, dialogs, "search results")
        start = page.url
        page.locator(SEARCH_RESULT).first.click()
        page.wait_for_function("start => location.href !== start", arg=start)
        page.wait_for_load_state("load")
        assert_inert(page, dialogs, f"{page.url} from a search result")
        watch.assert_clean()
