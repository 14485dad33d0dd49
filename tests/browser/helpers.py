"""Steps shared by the browser tests: watch a page for errors and foreign requests, draw its
charts, navigate the way Material's instant navigation does, switch palettes, run axe-core."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    Route,
    ViewportSize,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
CHART = "figure.roadmap-chart"
DRAWN = ".js-plotly-plot .main-svg"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
CHART_TIMEOUT_MS = 15_000
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class PageWatch:
    """Everything a page did wrong while it was watched."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    error_responses: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"uncaught exception: {text}" for text in self.page_errors),
            *(f"request failed: {text}" for text in self.failed_requests),
            *(f"HTTP error: {text}" for text in self.error_responses),
            *(f"request to another host (blocked): {url}" for url in self.foreign_requests),
        ]

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the page misbehaved:\n  " + "\n  ".join(problems)


@contextmanager
def watched_page(
    browser: Browser,
    *,
    viewport: ViewportSize | None = None,
    javascript: bool = True,
) -> Iterator[tuple[Page, PageWatch]]:
    """A page in a fresh context that records console errors, uncaught exceptions, failed
    requests and HTTP errors, and blocks (and records) every request leaving 127.0.0.1."""
    context: BrowserContext = browser.new_context(
        viewport=viewport or DESKTOP,
        java_script_enabled=javascript,
        locale="fr-FR",
        timezone_id="Europe/Paris",
    )
    watch = PageWatch()

    def route(route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            watch.foreign_requests.append(url)
            route.abort("blockedbyclient")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            watch.console_errors.append(f"{message.text} ({location})")

    def on_failed(request: Request) -> None:
        # A request the browser dropped itself (net::ERR_ABORTED: the page went on to the
        # next one, or was closed, before the answer came, as happens on a loaded machine
        # to the theme's own fetch of sitemap.xml) says nothing of the site: a missing
        # file is an HTTP error (below), and a file the page needed and never got fails
        # the test's own assertions (a chart not drawn, a result not shown).
        if request.failure == "net::ERR_ABORTED":
            return
        if urlsplit(request.url).hostname in LOCAL_HOSTS:
            watch.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            watch.error_responses.append(f"{response.status} {response.url}")

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        yield page, watch
    finally:
        context.close()


# --- charts -----------------------------------------------------------------------------------


def chart_count(page: Page) -> int:
    return page.locator(CHART).count()


def draw_all_charts(page: Page) -> int:
    """Scroll each chart into view, as a reader would, and wait for plotly to draw it.
    Returns the number of charts on the page."""
    charts = page.locator(CHART)
    count = charts.count()
    for index in range(count):
        chart = charts.nth(index)
        # The plot itself, not the whole figure: a figure with its table laid out as cards on
        # a phone is taller than the screen, and "in view" may then be its caption alone.
        chart.locator(".roadmap-chart__plot").scroll_into_view_if_needed()
        chart.locator(DRAWN).first.wait_for(state="attached", timeout=CHART_TIMEOUT_MS)
    next_frames(page)
    return count


def next_frames(page: Page, frames: int = 2) -> None:
    """Let the page paint `frames` times (plotly finishes drawing in animation frames)."""
    # A page whose frames never come (a hidden window) must not hang the test: the wait
    # gives up after a few seconds and the test's own assertions then say what is missing.
    page.evaluate(
        """frames => new Promise(done => {
            const step = left => left ? requestAnimationFrame(() => step(left - 1)) : done();
            step(frames);
            setTimeout(done, 5000);
        })""",
        frames,
    )


def chart_marks(page: Page) -> list[dict[str, Any]]:
    """For each chart, in page order: its id, its kind (data attribute) and the number of
    bars and markers plotly drew."""
    result: list[dict[str, Any]] = page.eval_on_selector_all(
        CHART,
        """figures => figures.map(figure => ({
            id: figure.id,
            kind: figure.dataset.chart || figure.dataset.kind || null,
            drawn: !!figure.querySelector('.js-plotly-plot .main-svg'),
            bars: figure.querySelectorAll('.trace.bars .point').length,
            markers: figure.querySelectorAll('.scatterlayer .point').length,
        }))""",
    )
    return result


def undrawn_charts(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        CHART,
        """figures => figures
            .filter(f => !f.querySelector('.js-plotly-plot .main-svg .cartesianlayer, '
                                          + '.js-plotly-plot .main-svg .pielayer'))
            .map(f => f.id || f.querySelector('figcaption')?.textContent.trim() || '?')""",
    )
    return ids


def chart_layers_over_footer(page: Page) -> list[str]:
    """Chart layers whose box reaches into the footer's (page coordinates)."""
    overlaps: list[str] = page.evaluate(
        """() => {
            const footer = document.querySelector('footer.md-footer, footer');
            if (!footer) return ['no footer on the page'];
            const top = footer.getBoundingClientRect().top + window.scrollY;
            return [...document.querySelectorAll('.js-plotly-plot .main-svg')]
                .map(svg => [svg, svg.getBoundingClientRect()])
                .filter(([svg, box]) => box.height > 0 && box.bottom + window.scrollY > top + 0.5)
                .map(([svg, box]) => {
                    const figure = svg.closest('figure');
                    return `${figure ? '#' + figure.id : '?'} layer ends at `
                        + `${Math.round(box.bottom + window.scrollY)} px, footer starts at `
                        + `${Math.round(top)} px`;
                });
        }"""
    )
    return overlaps


def chart_widths(page: Page) -> list[tuple[float, float]]:
    """(drawn SVG width, figure width) for each drawn chart."""
    widths: list[list[float]] = page.eval_on_selector_all(
        CHART,
        """figures => figures
            .filter(f => f.querySelector('.js-plotly-plot .main-svg'))
            .map(f => [f.querySelector('.js-plotly-plot .main-svg').getBoundingClientRect().width,
                       f.getBoundingClientRect().width])""",
    )
    return [(svg, figure) for svg, figure in widths]


def chart_text_colours(page: Page) -> list[str]:
    """The fill of the first axis label of each drawn chart: changes with the palette."""
    colours: list[str] = page.eval_on_selector_all(
        CHART,
        """figures => figures.map(f => {
            const text = f.querySelector('.js-plotly-plot .main-svg .xtick text, '
                + '.js-plotly-plot .main-svg .ytick text, .js-plotly-plot .main-svg text');
            return text ? getComputedStyle(text).fill : '';
        })""",
    )
    return colours


# --- navigation -------------------------------------------------------------------------------

MARKER = "__roadmapTestMarker"


def mark_window(page: Page) -> None:
    """Leave a value on `window`: it survives instant navigation, not a full page load."""
    page.evaluate(f"window.{MARKER} = true")


def window_is_marked(page: Page) -> bool:
    return bool(page.evaluate(f"window.{MARKER} === true"))


def click_link_to(page: Page, url: str) -> None:
    """Click, like a reader, a visible link of the page that leads to `url`."""
    found = page.evaluate(
        """target => {
            const visible = a => {
                const box = a.getBoundingClientRect();
                const style = getComputedStyle(a);
                return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
            };
            const link = [...document.querySelectorAll('a[href]')]
                .find(a => a.href.split('#')[0] === target && visible(a));
            if (!link) return false;
            for (const old of document.querySelectorAll('[data-test-link]')) {
                old.removeAttribute('data-test-link');
            }
            link.setAttribute('data-test-link', '');
            return true;
        }""",
        url,
    )
    assert found, f"no visible link to {url} on {page.url}"
    page.locator("[data-test-link]").click()
    page.wait_for_url(url)


def links_on_page(page: Page) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        "a[href]", "links => links.map(a => a.href.split('#')[0])"
    )
    return hrefs


def wait_for_content(page: Page, title_fragment: str | None = None) -> None:
    """Wait until instant navigation has swapped the page content in."""
    page.wait_for_load_state("domcontentloaded")
    if title_fragment:
        page.wait_for_function("t => document.title.includes(t)", arg=title_fragment)


# --- search -----------------------------------------------------------------------------------

# Material's search is a field in the header, its results listed under it; Zensical's is a
# button in the header that opens a dialog (inside a shadow root, which Playwright's locators
# enter) with a field and a list box of results.
SEARCH_ENTRY = "input.md-search__input:visible, button.md-search__button:visible"
SEARCH_RESULT = ".md-search-result__item, dialog [role=listbox] [role=option]"
SEARCH_RESULTS = ".md-search-result, dialog [role=listbox]"


def search_for(page: Page, words: str) -> str:
    """Search the site as a reader does: click the search in the header, type `words` key by
    key (the field has the focus), wait for results that show `words`. Returns the results'
    text (whatever they say if `words` never shows, for the caller's assertion to print).

    Results appear while the words are still being typed (those of "P" before those of
    "Piège"): waiting for the first result alone reads the results of a shorter query."""
    page.locator(SEARCH_ENTRY).first.click()
    page.keyboard.type(words, delay=20)
    page.locator(SEARCH_RESULT).first.wait_for(timeout=10_000)
    results = page.locator(SEARCH_RESULTS).first
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            """([selector, words]) => {
                const results = document.querySelector(selector);
                return !!results && results.innerText.toLowerCase().includes(words);
            }""",
            arg=[SEARCH_RESULTS, words.lower()],
            timeout=10_000,
        )
    return results.inner_text()


# --- palette ----------------------------------------------------------------------------------


def colour_scheme(page: Page) -> str:
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme') || ''"))


def switch_palette(page: Page, scheme: str) -> None:
    """Click Material's palette toggle until the page uses `scheme` ("default" or "slate")."""
    for _ in range(4):
        if colour_scheme(page) == scheme:
            return
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_timeout(50)
    assert colour_scheme(page) == scheme, f"palette toggle never reached {scheme!r}"


# --- accessibility ----------------------------------------------------------------------------


def axe_violations(page: Page, axe_script: Path) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    result: dict[str, Any] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})""", WCAG_TAGS
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:10]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {json.dumps(node['target'])} — {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@contextmanager
def opened_page(
    browser: Browser,
    url: str,
    *,
    viewport: ViewportSize | None = None,
    javascript: bool = True,
) -> Iterator[tuple[Page, PageWatch]]:
    """`watched_page`, loaded directly at `url` (a first visit: empty cache, no navigation)."""
    with watched_page(browser, viewport=viewport, javascript=javascript) as (page, watch):
        page.goto(url, wait_until="load")
        yield page, watch


def wait_until_interactive(page: Page) -> None:
    """Wait until Material's scripts have taken over the page (instant navigation, search,
    palette), as they have by the time a reader starts using the keyboard."""
    page.wait_for_function("() => typeof window.location$ !== 'undefined'")
    page.wait_for_load_state("networkidle")


def subject_of(path: str) -> str | None:
    """The axis or project id of an axis or project page path."""
    parts = [part for part in path.split("/") if part]
    return parts[1] if len(parts) == 2 and parts[0] in ("axes", "projets") else None
