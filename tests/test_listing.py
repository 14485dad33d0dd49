"""The all-projects listing: every project in one table, and the choices of its filters, on a
small roadmap computed by hand.

As of 2020-06-30, three axes a, b and c (c has no project):

- a1 (axis a): in progress, health good (rated 2020-06-01);
- a2 (axis a): done, never rated (unknown);
- b1 (axis b): in progress, health critical (rated 2020-06-15);
- b2 (axis b): planned, health watch (rated 2020-06-20).

So: rows a1, a2, b1, b2; axes a (2) and b (2), not c; statuses planned 1, in progress 2,
done 1 (in that fixed order); health good 1, watch 1, critical 1, unknown 1.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.figures.derive import derive_figures
from generator.figures.listing import project_listing
from generator.model import Project, Roadmap
from generator.pipeline import generate_site

AS_OF = dt.date(2020, 6, 30)
PORTFOLIO = Path(__file__).resolve().parent / "fixtures" / "portfolio"


def project(id_: str, axis: str, **fields: Any) -> Project:
    base: dict[str, Any] = {
        "id": id_,
        "source": f"projects/{id_}.yaml",
        "title": id_.upper(),
        "axis": axis,
        "lead": {"team": "DSI"},
        "status": "in_progress",
        "start": dt.date(2020, 1, 1),
        "end": dt.date(2021, 6, 1),
    }
    return Project.model_validate({**base, **fields})


def roadmap(*projects: Project) -> Roadmap:
    return Roadmap.model_validate({
        "title": "R",
        "organisation": "O",
        "as_of": AS_OF,
        "period": {"start": dt.date(2020, 1, 1), "end": dt.date(2022, 12, 31)},
        "axes": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"},
                 {"id": "c", "title": "C"}],
        "projects": projects,
    })  # fmt: skip


ROADMAP = roadmap(
    project("a1", "a", health={"value": "good", "date": dt.date(2020, 6, 1)}),
    project("a2", "a", status="done", actual_end=dt.date(2020, 5, 1)),
    project("b1", "b", health={"value": "critical", "date": dt.date(2020, 6, 15)}),
    project("b2", "b", status="planned", health={"value": "watch", "date": dt.date(2020, 6, 20)}),
)


def test_every_project_is_one_row_in_the_order_of_the_axes() -> None:
    listing = project_listing(derive_figures(ROADMAP))
    assert [(row.axis.id, row.figures.project.id) for row in listing.rows] == [
        ("a", "a1"), ("a", "a2"), ("b", "b1"), ("b", "b2"),
    ]  # fmt: skip


def test_filter_choices_are_the_values_present_with_their_counts() -> None:
    listing = project_listing(derive_figures(ROADMAP))
    assert [(axis.id, count) for axis, count in listing.axes] == [("a", 2), ("b", 2)]
    assert listing.statuses == (("planned", 1), ("in_progress", 2), ("done", 1))
    assert listing.health == (("good", 1), ("watch", 1), ("critical", 1), ("unknown", 1))
    # Each kind of choice partitions the listing.
    for choices in (listing.axes, listing.statuses, listing.health):
        assert sum(count for _, count in choices) == len(listing.rows)


def test_an_empty_roadmap_lists_nothing_and_offers_no_choice() -> None:
    listing = project_listing(derive_figures(roadmap()))
    assert (listing.rows, listing.axes, listing.statuses, listing.health) == ((), (), (), ())


def test_the_projects_page_is_one_table_with_its_filters() -> None:
    site = generate_site(PORTFOLIO)
    page = site.pages["projets/index.md"]
    published = [p for p in site.pages if p.startswith("projets/") and p != "projets/index.md"]
    assert page.count("<table") == 1
    body = page.split("<tbody>")[1]
    assert body.count("<tr>") == len(published)
    # The filters: a labelled control for text, axis, status and health, hidden without
    # JavaScript, and a live region for the number of rows shown.
    for control in ("text", "axis", "status", "health"):
        field = re.search(rf'id="(rm-filter-{control})"', page)
        assert field is not None, control
        assert f'<label for="{field.group(1)}">' in page
    assert re.search(r'<div class="rm-filters rm-js-only" role="search"', page)
    assert re.search(r'role="status" aria-live="polite"', page)
    # The count in the page's words, singular and plural, for the script to fill.
    assert 'data-rm-count-one="{shown} projet affiché sur {total}"' in page
    assert 'data-rm-count-other="{shown} projets affichés sur {total}"' in page
    # Each facet column is named for the script, and each cell names its column.
    for facet in ("axis", "status", "health"):
        assert f'data-rm-facet="{facet}"' in page
    assert '--rm-label-2:&quot;Axe&quot;' in page
