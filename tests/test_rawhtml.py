"""The build's shortcuts through raw HTML give exactly what MkDocs gives without them: the
same pages and the same search index, for the portfolio and the hostile fixture roadmaps.

They serve the pages that Python-Markdown converts (a page the direct path does not take, see
tests/test_direct.py): these tests turn the direct path off."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest

import generator.adapters.mkdocs.plugin
import generator.adapters.mkdocs.rawhtml
from generator.adapters.mkdocs import direct
from generator.adapters.mkdocs.rawhtml import (
    collapse_whitespace,
    html_blocks,
    without_search_excluded,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONFIGS = {
    "portfolio": FIXTURES / "portfolio" / "mkdocs.yml",
    "hostile": FIXTURES / "hostile" / "mkdocs.yml",
}


def build(config_file: Path, site_dir: Path) -> dict[str, bytes]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        mkdocs_build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
    finally:
        os.chdir(cwd)
    return {path.relative_to(site_dir).as_posix(): path.read_bytes()
            for path in sorted(site_dir.rglob("*")) if path.is_file()}  # fmt: skip


@pytest.fixture(autouse=True)
def markdown_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every generated page goes through Python-Markdown, where the shortcuts apply."""
    monkeypatch.setattr(direct, "supports", lambda *args: False)


@pytest.fixture
def without_shortcuts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(generator.adapters.mkdocs.rawhtml, "html_blocks", lambda lines, md: None)
    monkeypatch.setattr(
        generator.adapters.mkdocs.plugin, "without_search_excluded", lambda html: html
    )
    yield


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_shortcuts_change_nothing_in_the_built_site(
    name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    fast = build(CONFIGS[name], tmp_path / "fast")
    request.getfixturevalue("without_shortcuts")
    slow = build(CONFIGS[name], tmp_path / "slow")
    assert sorted(fast) == sorted(slow)
    different = [path for path in fast if fast[path] != slow[path]]
    assert different == []


def test_shortcuts_are_taken_on_generated_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without this, the test above would pass with shortcuts that never apply."""
    stashed: list[int] = []
    original = generator.adapters.mkdocs.rawhtml.html_blocks

    def counting(lines: list[str], md: markdown.Markdown) -> list[tuple[int, int]] | None:
        blocks = original(lines, md)
        stashed.append(len(blocks) if blocks is not None else -1)
        return blocks

    monkeypatch.setattr(generator.adapters.mkdocs.rawhtml, "html_blocks", counting)
    build(CONFIGS["portfolio"], tmp_path / "site")
    # One call per generated page, 17 in the public portfolio (13 site pages, the legal notice
    # and the glossary included, and 4 projects); the hand-written a-propos.md is left to
    # Markdown. Each page has blocks to stash.
    assert len(stashed) == 17
    assert all(count > 0 for count in stashed), stashed


# --- the pieces ---------------------------------------------------------------------------------


def test_a_page_with_an_unclosed_block_is_left_to_markdown() -> None:
    md = markdown.Markdown()
    assert html_blocks(["# Titre", "", "<div>", "<p>a</p>", "</div>"], md) == [(2, 5)]
    # A blank line inside an element: the run does not close what it opens.
    assert html_blocks(["<div>", "<p>a", "", "b</p>", "</div>"], md) is None
    # Markdown after the element in the same run.
    assert html_blocks(["<div>a</div>", "texte"], md) is None
    # Two elements in one run: the first closes before the end.
    assert html_blocks(["<div>a</div>", "<div>b</div>"], md) is None
    # An inline element at the margin is Markdown's (a paragraph).
    assert html_blocks(["<span>a</span>"], md) is None


def test_whitespace_between_tags_is_collapsed_but_not_inside_pre_or_script() -> None:
    page = "<div>\n    <p>a  b</p>\n\n  </div>\n<pre>x\n\n   y</pre>\n  <script>a\n\n b</script>\n"
    assert collapse_whitespace(page) == (
        "<div>\n<p>a  b</p>\n</div>\n<pre>x\n\n   y</pre>\n<script>a\n\n b</script>\n"
    )


def test_line_breaks_in_text_are_collapsed_but_not_inside_tags_or_no_break_spaces() -> None:
    page = (
        '<a href="x">\n    \n  \n    Tableau de bord\n  \n\n    </a>'
        '<span title="a\n   b">1\u202f000\n\u00a0€</span>'
    )
    assert collapse_whitespace(page) == (
        '<a href="x">\nTableau de bord\n</a><span title="a\n   b">1\u202f000\n\u00a0€</span>'
    )


def test_search_excluded_elements_are_removed_whole() -> None:
    page = (
        "<p>a</p><div data-search-exclude><div>x</div><table><tr><td>1</td></tr></table></div>"
        '<p>b</p><template class="t" data-search-exclude data-src="f#i"></template>'
    )
    assert without_search_excluded(page) == "<p>a</p><p>b</p>"
    unclosed = "<p>a</p><div data-search-exclude><p>b</p>"
    assert without_search_excluded(unclosed) == unclosed
