"""`roadmap diff` totals the public site's projects and says which changes are unpublished.

The portfolio fixture has four public projects and an internal one (audit: planned 90,000 €).
A reviewer sees every change, internal ones included; the totals are those the public site
shows (planned 1,100,000 €, not 1,190,000 €), and the internal project's changes are named as
unpublished.
"""

from __future__ import annotations

from pathlib import Path

from generator.figures.changes import AmountChange, compare
from generator.model import Project, Roadmap
from generator.rendering.digest import render_changes
from generator.validation.validate import validate_roadmap

PORTFOLIO = Path(__file__).parent / "fixtures" / "portfolio"


def portfolio() -> Roadmap:
    roadmap = validate_roadmap(PORTFOLIO, include_internal=True).roadmap
    assert roadmap is not None
    return roadmap


def with_planned(project: Project, planned: float) -> Project:
    assert project.budget is not None
    line, *others = project.budget.lines
    lines = (line.model_copy(update={"planned": planned}), *others)
    return project.model_copy(update={"budget": project.budget.model_copy(update={"lines": lines})})


def edited(old: Roadmap, changes: dict[str, float]) -> Roadmap:
    return old.model_copy(update={"projects": tuple(
        with_planned(p, changes[p.id]) if p.id in changes else p for p in old.projects)})


def test_totals_leave_internal_projects_out() -> None:
    old = portfolio()
    # audit (internal) 90,000 -> 190,000; archives' first line 80,000 -> 100,000.
    new = edited(old, {"audit": 190_000, "archives": 100_000})
    changes = compare(old, new)
    # Public planned credits: 1,100,000 -> 1,120,000; audit's +100,000 is not in them.
    assert changes.summary.planned_total == AmountChange(1_100_000, 1_120_000)
    assert changes.summary.unpublished == 1
    assert [c.id for c in changes.unpublished] == ["audit"]
    digest = render_changes(changes).replace("\u00a0", " ")
    assert "1 projet interne concerné, non publié" in digest
    assert "les changements de « Audit de sécurité confidentiel » ne sont pas publiés" in digest
    assert "1\u202f190\u202f000" not in digest and "1\u202f290\u202f000" not in digest
    notes = digest.split("### Points d'attention pour la relecture")[1].split("### ")[0]
    assert "Audit de sécurité confidentiel » ne sont pas publiés" in notes
    assert "**Ensemble des projets publiés**" in digest


def test_a_change_to_public_projects_only_says_nothing_of_internal_ones() -> None:
    old = portfolio()
    changes = compare(old, edited(old, {"archives": 100_000}))
    assert changes.summary.unpublished == 0
    assert "non publié" not in render_changes(changes)
