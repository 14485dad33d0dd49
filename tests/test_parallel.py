"""A one-off build of a large roadmap renders part of its pages and its open data in forked
processes: the site must be exactly the one a single process makes, and a failure in a
forked process must surface as if the work had been done in place."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import generator.pipeline as pipeline
import generator.rendering.site.pages as pages
from generator.pipeline import GeneratedSite, SiteOptions, generate_site

PORTFOLIO = Path(__file__).resolve().parent / "fixtures" / "portfolio"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
OPTIONS = SiteOptions(edit_url_base="https://example.org/edit/roadmap/")

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forks only on Linux")


def _everything(site: GeneratedSite) -> tuple[object, ...]:
    return (list(site.pages.items()), list(site.downloads.items()),
            list(site.chart_data.items()))  # fmt: skip


@pytest.mark.parametrize("roadmap", [PORTFOLIO, HOSTILE], ids=["portfolio", "hostile"])
def test_forked_rendering_gives_the_same_site(roadmap: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    alone = generate_site(roadmap, OPTIONS)
    forks: list[int] = []
    original = pipeline._forked

    def counted(task: object) -> object:
        forks.append(1)
        return original(task)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "FORK_MIN_PROJECTS", 1)
    monkeypatch.setattr(pages, "MIN_OFFLOADED_PAGES", 1)
    monkeypatch.setattr(pipeline, "_forked", counted)
    forked = generate_site(roadmap, OPTIONS)
    assert len(forks) == 2  # the open data, and a share of the project pages
    assert _everything(forked) == _everything(alone)


def test_a_failing_fork_gives_the_task_back() -> None:
    parent = os.getpid()

    def task() -> str:
        if os.getpid() != parent:
            os._exit(3)  # the forked copy dies without a word
        return "done here"

    assert pipeline._forked(task)() == "done here"


def test_an_error_is_raised_where_the_work_is_waited_for() -> None:
    def failing() -> str:
        raise ValueError("broken")

    wait = pipeline._forked(failing)
    with pytest.raises(ValueError, match="broken"):
        wait()


def test_no_fork_under_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    # A cache means `mkdocs serve`, whose threads make forking unsafe.
    monkeypatch.setattr(pipeline, "FORK_MIN_PROJECTS", 1)
    monkeypatch.setattr(pages, "MIN_OFFLOADED_PAGES", 1)
    monkeypatch.setattr(pipeline, "_forked", lambda task: pytest.fail("forked under serve"))
    generate_site(PORTFOLIO, OPTIONS, cache=pipeline.SiteCache())
