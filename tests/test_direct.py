"""Generated pages made into HTML directly give the very site Python-Markdown gives.

Each fixture site is built twice with MkDocs, once with the plugin's direct path and once with
it turned off, and every file of the two sites is compared byte for byte: pages, table of
contents, titles, search index, sitemap. The hostile fixture is among them: titles full of
Markdown, HTML and odd characters are where the two paths could part.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapters.mkdocs import direct

FIXTURES = Path(__file__).parent / "fixtures"
SITES = ("portfolio", "english", "hostile")


def _build(config_file: Path, site_dir: Path) -> None:
    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        build(load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True))
    finally:
        os.chdir(cwd)


def _files(site: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix(), path.read_bytes()


@pytest.mark.parametrize("fixture", SITES)
def test_direct_pages_are_the_pages_python_markdown_makes(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = FIXTURES / fixture / "mkdocs.yml"
    made: list[bool] = []
    render = direct.render

    def counting(markdown: str) -> direct.DirectPage | None:
        page = render(markdown)
        made.append(page is not None)
        return page

    monkeypatch.setattr(direct, "render", counting)
    _build(config, tmp_path / "direct")
    # Every generated page took the direct path: the comparison below is not vacuous.
    assert made and all(made), f"{made.count(False)} of {len(made)} pages fell back"

    monkeypatch.setattr(direct, "supports", lambda *args: False)
    made.clear()
    _build(config, tmp_path / "markdown")
    assert made == []  # no page took the direct path

    direct_site = dict(_files(tmp_path / "direct"))
    markdown_site = dict(_files(tmp_path / "markdown"))
    assert sorted(direct_site) == sorted(markdown_site)
    different = [path for path in direct_site if direct_site[path] != markdown_site[path]]
    assert different == []


@pytest.mark.parametrize(
    "markdown",
    [
        "# Titre\n\nUn paragraphe.",  # a paragraph
        "# Titre *important*",  # emphasis written as is
        "# Titre {: #ancre }",  # an attribute list
        "<div>\n<p>a</p>\n</div>\nsuite",  # text after the element, in its block
        "# Titre\x02",  # a control character Python-Markdown uses as a mark
    ],
)
def test_anything_but_escaped_headings_and_elements_takes_the_usual_path(markdown: str) -> None:
    assert direct.render(markdown) is None


def test_a_page_of_headings_and_elements_is_made_directly() -> None:
    page = direct.render(
        "# Projet \\*A\\* &amp; B\n\n<div class=\"x\" id=\"carte\">\n<p>a</p>\n</div>\n\n"
        "## Jalons (2)\n\n## Jalons (2)"
    )
    assert page is not None
    assert page.content == (
        '<h1 id="projet-a-b">Projet *A* &amp; B</h1>\n<div class="x" id="carte">\n<p>a</p>\n'
        '</div>\n<h2 id="jalons-2">Jalons (2)</h2>\n<h2 id="jalons-2_1">Jalons (2)</h2>'
    )
    assert page.title == "Projet *A* &amp; B"
    assert page.anchor_ids == {"projet-a-b", "carte", "jalons-2", "jalons-2_1"}
    assert [(t["level"], t["id"], [c["id"] for c in t["children"]]) for t in page.toc_tokens] == [
        (1, "projet-a-b", ["jalons-2", "jalons-2_1"])
    ]


def test_a_site_with_other_markdown_extensions_takes_the_usual_path() -> None:
    assert direct.supports(["toc", "tables", "attr_list"], {})
    assert not direct.supports(["toc", "pymdownx.emoji"], {})
    assert not direct.supports(["toc"], {"toc": {"permalink": True}})
    assert not direct.supports([object()], {})
