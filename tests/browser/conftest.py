"""Fixtures of the browser tests: which page stands for each page type, and the figures the
example roadmap should show on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.figures.derive import Figures, derive_figures
from generator.validation.validate import validate_roadmap
from tests.conftest import REPO_ROOT, ServedSite

PAGE_TYPES = ("home", "axis", "project", "milestones", "budget")
EXAMPLE_ROADMAP = REPO_ROOT / "roadmap"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def example_figures() -> Figures:
    """The derived figures of the example roadmap, as published (public projects only)."""
    result = validate_roadmap(EXAMPLE_ROADMAP, include_internal=False)
    assert result.roadmap is not None, [str(d) for d in result.errors]
    return derive_figures(result.roadmap)


@pytest.fixture(scope="session")
def example_project_id(example_figures: Figures, served_site: ServedSite) -> str:
    """The published project with the most to chart: milestones, budget lines, indicators."""
    published = set(served_site.page_paths("projets"))
    candidates = [
        p for p in example_figures.overall.projects if f"/projets/{p.project.id}/" in published
    ]
    assert candidates, f"no project page in the built site (found {sorted(published)})"
    richest = max(
        candidates,
        key=lambda p: (
            bool(p.milestones) + bool(p.budget_by_year) + bool(p.indicators),
            len(p.milestones),
        ),
    )
    return richest.project.id


@pytest.fixture(scope="session")
def page_paths(served_site: ServedSite, example_project_id: str) -> dict[str, str]:
    """The site path of the page that stands for each page type."""
    axes = served_site.page_paths("axes")
    assert axes, "no axis page in the built site"
    paths = {
        "home": "/",
        "axis": axes[0],
        "project": f"/projets/{example_project_id}/",
        "milestones": "/jalons/",
        "budget": "/budget/",
    }
    for page_type, path in paths.items():
        assert (served_site.root / path.lstrip("/") / "index.html").is_file(), (
            f"the {page_type} page {path} is not in the built site"
        )
    return paths
