"""A one-off build of a large roadmap renders part of its pages and its open data in forked
processes: the site must be exactly the one a single process makes, and a failure in a
forked process must surface as if the work had been done in place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import generator.pipeline as pipeline
import generator.rendering.site.pages as pages
from generator.pipeline import SiteOptions, generate_site

PORTFOLIO = Path(__file__).resolve().parent / "fixtures" / "portfolio"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
OPTIONS = SiteOptions(edit_url_base="https://example.org/edit/roadmap/")

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forks only on Linux")


# Run in a process of its own: forking is only done in a process without other threads, and
# this test process may hold some (the browser tests' servers, Playwright's event loop).
_COMPARE = """
import sys
from pathlib import Path
import generator.pipeline as pipeline
import generator.rendering.site.pages as pages
from generator.pipeline import SiteOptions, generate_site

options = SiteOptions(edit_url_base="https://example.org/edit/roadmap/")
roadmap = Path(sys.argv[1])

def everything(site):
    return (list(site.pages.items()), list(site.downloads.items()),
            list(site.chart_data.items()))

alone = generate_site(roadmap, options)
forks = []
original = pipeline._forked

def counted(task):
    forks.append(1)
    return original(task)

pipeline.FORK_MIN_PROJECTS = 1
pages.MIN_OFFLOADED_PAGES = 1
pipeline._forked = counted
forked = generate_site(roadmap, options)
print(len(forks), everything(forked) == everything(alone))
"""


@pytest.mark.parametrize("roadmap", [PORTFOLIO, HOSTILE], ids=["portfolio", "hostile"])
def test_forked_rendering_gives_the_same_site(roadmap: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _COMPARE, str(roadmap)],
                          capture_output=True, text=True, timeout=240,
                          cwd=Path(__file__).resolve().parents[1])  # fmt: skip
    assert done.returncode == 0, done.stderr
    # The open data and a share of the project pages were made in forked copies, and the
    # site is the one a single process makes.
    assert done.stdout.split() == ["2", "True"], done.stdout


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
