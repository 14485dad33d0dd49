"""The pages of the roadmap over time in a real browser: charts drawn, no axe violation in
either palette, the tables there without JavaScript. Built from a small git repository of
three situations by each engine: MkDocs with the plugin, and Zensical on what `roadmap build`
writes (which reads the same history from git)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.helpers import (
    axe_violations,
    describe_violations,
    draw_all_charts,
    opened_page,
    switch_palette,
    undrawn_charts,
)
from tests.conftest import (
    ENGINES,
    MKDOCS_CONFIG,
    REPO_ROOT,
    ServedSite,
    build_zensical_site,
    serve_directory,
)
from tests.history_repo import REBASELINE, commit, init, write_situation

SESSIONS = "sessions:\n  - {date: 2020-07-15, title: Conseil de juillet}\n"
PAGES = ("/quoi-de-neuf/", "/evolution/", "/projets/socle/", "/quoi-de-neuf/seance-2020-07-15/")


@pytest.fixture(scope="module", params=ENGINES)
def history_site(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:  # fmt: skip
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    engine = str(request.param)
    root = tmp_path_factory.mktemp(f"history-site-{engine}")
    folder = init(root / "repo")
    situations = (
        ("2020-03-31", {}),
        ("2020-06-30", {"health": "watch", "forecast": "2020-10-31"}),
        ("2020-09-30", {"health": "critical", "forecast": "2020-12-15", "extra": REBASELINE}),
    )
    for as_of, socle in situations:
        write_situation(folder, as_of, {"socle": socle, "portail": {}}, SESSIONS)
        commit(root / "repo")
    text = MKDOCS_CONFIG.read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO_ROOT / 'docs'}")
    text = text.replace("roadmap_dir: roadmap", f"roadmap_dir: {folder}")
    config_file = root / "repo" / "mkdocs.yml"
    config_file.write_text(text, encoding="utf-8")
    site_dir = root / "site"
    with serve_directory(site_dir) as base_url:
        if engine == "zensical":
            # Written beside the repository, not in it: the history is the repository's.
            build_zensical_site(root, base_url, config=config_file)
        else:
            cwd = Path.cwd()
            os.chdir(root / "repo")
            try:
                build(load_config(config_file=str(config_file), site_url=base_url,
                                  site_dir=str(site_dir), strict=True))  # fmt: skip
            finally:
                os.chdir(cwd)
        yield ServedSite(site_dir, base_url, engine)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PAGES)
def test_history_pages_draw_their_charts_with_no_axe_violation(
    browser: Browser, history_site: ServedSite, axe_script: Path, path: str, scheme: str
) -> None:
    with opened_page(browser, history_site.url(path)) as (page, _):
        switch_palette(page, scheme)
        draw_all_charts(page)
        assert undrawn_charts(page) == []
        page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")
        page.evaluate("window.scrollTo(0, 0)")
        violations = axe_violations(page, axe_script)
        assert not violations, describe_violations(violations)


def test_the_trend_page_and_the_project_history_have_charts(
    browser: Browser, history_site: ServedSite
) -> None:
    with opened_page(browser, history_site.url("/evolution/")) as (page, _):
        assert draw_all_charts(page) == 3
    with opened_page(browser, history_site.url("/projets/socle/")) as (page, _):
        assert page.get_by_role("heading", name="Historique").count() == 1
        assert draw_all_charts(page) >= 3  # milestones, budget, and the milestone trend


def test_the_history_tables_are_there_without_javascript(
    browser: Browser, history_site: ServedSite
) -> None:
    """Each chart's table, the project's timeline and its rebaselines are in the HTML itself."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(history_site.url("/projets/socle/"))
        timeline = page.locator("table.rm-history")
        assert timeline.count() == 1
        assert timeline.locator("tbody tr").count() == 4  # three situations, a rebaseline
        assert timeline.locator("tbody th").first.is_visible()
        # The rebaseline, at its date, in the HTML itself.
        assert "Conseil de pilotage" in (timeline.text_content() or "")
        page.goto(history_site.url("/evolution/"))
        assert page.locator("table").count() >= 3  # one per trend chart, and the situations
        assert page.locator("table").first.is_visible()
    finally:
        context.close()
