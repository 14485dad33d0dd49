"""A roadmap written to attack its readers is published as harmless text.

tests/fixtures/hostile/ puts raw HTML, scripts, event-handler attributes, `javascript:` and
`data:` links (inline, reference, autolink), attribute-list syntax, `</script>` inside
values that end up in chart JSON, and template syntax into every text field. Its payloads
set a canary (`window.__pwned`) instead of showing a dialog, so that a payload that runs is
caught even where a dialog would not open. The site is built by each engine (MkDocs and
the plugin; Zensical on what `roadmap build` writes) and each page is opened in Chromium:
nothing may run, no dangerous link may exist, and the text must read as it was written
(`{{ 7*7 }}`, never `49`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.helpers import CHART, PageWatch, search_for, watched_page
from tests.conftest import (
    ENGINES,
    REPO_ROOT,
    ServedSite,
    build_zensical_site,
    require,
    serve_directory,
)

HOSTILE = REPO_ROOT / "tests" / "fixtures" / "hostile"
PAGES = [
    "/",
    "/axes/usagers/",
    "/axes/agents/",
    "/projets/",
    "/projets/piege/",
    "/projets/voisin/",
    "/jalons/",
    "/budget/",
    "/indicateurs/",
    "/methodologie/",
    "/donnees/",
    "/accessibilite/",
]
PROJECT_TITLE = (
    "Projet <script>window.__pwned=1</script> {{ 7*7 }} </script><script>window.__pwned=1</script>"
)
DANGEROUS_URLS = """() => {
    const bad = /^\\s*(javascript|data|vbscript):/i;
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc']) {
            const value = element.getAttribute(name);
            if (value !== null && (name === 'srcdoc' || bad.test(value))) {
                found.push(`<${element.tagName.toLowerCase()} ${name}="${value}">`);
            }
        }
    }
    return found;
}"""
HANDLER_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(element =>
    [...element.attributes]
        .filter(attribute => attribute.name.toLowerCase().startsWith('on'))
        .map(attribute => `<${element.tagName.toLowerCase()} ${attribute.name}=...>`))"""
# Elements that user data must never create (the site's own pages hold none of them).
FORBIDDEN_ELEMENTS = "main iframe, main object, main embed, main style, main base, main form"


@pytest.fixture(scope="module", params=ENGINES)
def hostile_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedSite]:
    """The hostile roadmap built and served: by `mkdocs build --strict` with the plugin, or
    by `roadmap build` then `zensical build --strict` (which renders the generated Markdown
    with its own Markdown pipeline)."""
    require(HOSTILE.is_dir(), f"{HOSTILE} is missing")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    engine = str(request.param)
    project = tmp_path_factory.mktemp(f"hostile-{engine}") / "project"
    shutil.copytree(HOSTILE, project, ignore=shutil.ignore_patterns("refused"))
    if engine == "zensical":
        output = tmp_path_factory.mktemp("hostile-zensical-output")
        with serve_directory(output / "site") as base_url:
            build_zensical_site(output, base_url, config=project / "mkdocs.yml")
            yield ServedSite(output / "site", base_url, engine)
        return
    site_dir = tmp_path_factory.mktemp("hostile-site")
    with serve_directory(site_dir) as base_url:
        cwd = Path.cwd()
        os.chdir(project)
        try:
            config = load_config(
                config_file=str(project / "mkdocs.yml"),
                site_dir=str(site_dir),
                site_url=base_url,
                strict=True,
            )
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        finally:
            os.chdir(cwd)
        yield ServedSite(site_dir, base_url, engine)


@contextlib.contextmanager
def opened(browser: Browser, url: str) -> Iterator[tuple[Page, PageWatch, list[str]]]:
    """The page at `url`, loaded, with its charts drawn and hovered, dialogs recorded."""
    with watched_page(browser) as (page, watch):
        dialogs: list[str] = []

        def on_dialog(dialog: object) -> None:
            dialogs.append(getattr(dialog, "message", "?"))
            getattr(dialog, "dismiss")()  # noqa: B009 - a Playwright Dialog

        page.on("dialog", on_dialog)
        page.goto(url, wait_until="load")
        _draw_and_hover_charts(page)
        yield page, watch, dialogs


def _draw_and_hover_charts(page: Page) -> None:
    """Scroll each chart into view so that plotly draws it from its JSON, then hover a mark
    so that a hover label (built from the same data) is drawn too."""
    charts = page.locator(CHART)
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        drawn = chart.locator(".js-plotly-plot .main-svg")
        with contextlib.suppress(Exception):  # a chart without drawing is another test's concern
            drawn.first.wait_for(state="attached", timeout=15_000)
        points = chart.locator(".point")
        if points.count():
            with contextlib.suppress(Exception):
                points.first.hover(force=True, timeout=2_000)
    page.wait_for_timeout(100)


def _pwned(page: Page) -> object:
    return page.evaluate("() => window.__pwned")


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_the_page(browser: Browser, hostile_site: ServedSite, path: str) -> None:
    with opened(browser, hostile_site.url(path)) as (page, watch, dialogs):
        # Hover and focus every element of the content: mouse and focus handlers would run.
        page.evaluate(
            """() => {
                for (const element of document.querySelectorAll('main *')) {
                    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load']) {
                        element.dispatchEvent(new Event(type));
                    }
                }
            }"""
        )
        page.wait_for_timeout(100)
        assert dialogs == []
        assert _pwned(page) is None, f"a payload ran on {path}"
        watch.assert_clean()


@pytest.mark.parametrize("path", PAGES)
def test_no_dangerous_link_or_handler_is_in_the_page(
    browser: Browser, hostile_site: ServedSite, path: str
) -> None:
    with opened(browser, hostile_site.url(path)) as (page, _, _):
        assert page.evaluate(DANGEROUS_URLS) == []
        assert page.evaluate(HANDLER_ATTRIBUTES) == []
        assert page.locator(FORBIDDEN_ELEMENTS).count() == 0
        scripts = page.eval_on_selector_all(
            "script", "scripts => scripts.map(s => s.src || s.textContent)"
        )
        assert not [s for s in scripts if "__pwned" in s], scripts


def test_titles_read_exactly_as_written(browser: Browser, hostile_site: ServedSite) -> None:
    with opened(browser, hostile_site.url("/projets/piege/")) as (page, _, _):
        heading = page.evaluate(
            """() => {
                const h1 = document.querySelector('article h1, main h1').cloneNode(true);
                h1.querySelectorAll('.headerlink').forEach(link => link.remove());
                return h1.textContent.trim();
            }"""
        )
        assert heading == PROJECT_TITLE
        text = page.inner_text("main")
        assert "{{ 7*7 }}" in text
        assert "${7*7}" in text
        assert "{% raw %}" in text
        assert "<script>window.__pwned=1</script>" in text
        assert "<b>unités</b>" in text  # an indicator unit, shown with its brackets
    with opened(browser, hostile_site.url("/projets/voisin/")) as (page, _, _):
        title = page.title()
        assert title.startswith("Voisin {{ 7*7 }} </title><script>"), title
        assert "Voisin 49" not in page.inner_text("main")


def test_markdown_descriptions_keep_their_formatting_but_not_their_traps(
    browser: Browser, hostile_site: ServedSite
) -> None:
    with opened(browser, hostile_site.url("/projets/piege/")) as (page, _, _):
        description = page.inner_text("main")
        assert "gras Markdown" in description
        assert page.locator("main strong", has_text="gras Markdown").count() == 1
        assert page.locator("main img").count() == 0  # images from data: none at all
        # The links keep their text, lose their dangerous address.
        for text in ("javascript", "référence", "data"):
            link = page.locator("main li a", has_text=text).first
            if link.count():
                href = link.get_attribute("href") or ""
                assert not href.lower().lstrip().startswith(("javascript:", "data:")), href


def test_searching_the_payloads_runs_nothing(browser: Browser, hostile_site: ServedSite) -> None:
    with opened(browser, hostile_site.url("/")) as (page, watch, dialogs):
        # Every hostile text holds the word.
        assert "onerror=" in search_for(page, "Projet")  # shown as text
        page.wait_for_timeout(300)
        assert dialogs == []
        assert _pwned(page) is None
        assert page.evaluate(HANDLER_ATTRIBUTES) == []
        watch.assert_clean()


def test_the_internal_project_is_nowhere_in_the_public_site(hostile_site: ServedSite) -> None:
    leaks = [
        path.relative_to(hostile_site.root).as_posix()
        for path in hostile_site.root.rglob("*")
        if path.is_file() and b"INTERNAL-ONLY-MARKER" in path.read_bytes()
    ]
    assert leaks == []
