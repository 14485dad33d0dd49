"""Both engines publish the same site: MkDocs with the `roadmap` plugin, and Zensical on what
`roadmap build` writes. The example roadmap is built by each, with the same `site_url`, and
compared page by page: the same pages, the same title and main content text on every one,
the same downloads and chart data, byte for byte. And mkdocs.yml means the same to both:
`roadmap build` reads it with MkDocs' own loading and checks (same message for a wrong
plugin option, same derived settings).

What the engines legitimately render differently, and is therefore not compared:

- the theme's own files: Zensical ships its own script bundle, both its variants' style
  sheets and its search (an index at search.json and a search dialog, instead of Material's
  lunr index at search/search_index.json); it writes no sitemap.xml.gz, and its sitemap
  gives no `<lastmod>` (MkDocs gives the reporting date): only the addresses are compared;
- the markup around the content (header, navigation, footer), the search index's content;
- the edit button: Zensical draws it only when `repo_url` is set, which this mkdocs.yml
  leaves out on purpose (Material would fetch repository statistics from the forge);
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pipeline import SiteOptions, generate_site
from generator.rendering.formatting import format_amount
from tests.conftest import REPO_ROOT, build_site, build_zensical_site, require
from tests.conftest import zensical_command as find_zensical

SITE_URL = "https://exemple.org/feuille-de-route/"
# The folders of files that the pipeline writes: downloads, chart data, the site's assets
# (their pages, donnees/index.html, are compared as pages).
GENERATED_FILES = ("donnees", "assets/roadmap")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}  # fmt: skip


@dataclass(frozen=True)
class Sites:
    mkdocs: Path
    zensical: Path


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The example site built by each engine, with the same site_url."""
    require(find_zensical() is not None, "zensical is not installed (pip install -e '.[test]')")
    mkdocs = tmp_path_factory.mktemp("mkdocs") / "site"
    build_site(mkdocs, SITE_URL)
    zensical = build_zensical_site(tmp_path_factory.mktemp("zensical"), SITE_URL)
    return Sites(mkdocs, zensical)


class MainText(HTMLParser):
    """The text of a page's main content (Material's `<article class="md-content__inner">`),
    scripts, styles and icons left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # elements open inside the article (0: outside it)
        self.skipped = 0  # of which script, style or svg
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            classes = (dict(attrs).get("class") or "").split()
            if tag == "article" and "md-content__inner" in classes:
                self.depth = 1
            return
        if tag in VOID_ELEMENTS:
            return
        self.depth += 1
        if self.skipped or tag in ("script", "style", "svg"):
            self.skipped += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in VOID_ELEMENTS:
            return
        self.depth -= 1
        if self.skipped:
            self.skipped -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipped:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def main_text(page: Path) -> str:
    parser = MainText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.text()


def title(page: Path) -> str:
    match = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
    assert match, page
    return match[1].strip()


def html_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def generated_pages() -> set[str]:
    """The HTML files of the pages the pipeline generates (the rest come from docs/)."""
    site = generate_site(REPO_ROOT / "roadmap", SiteOptions(site_url=SITE_URL))
    pages = set()
    for source in site.pages:
        stem = source.removesuffix(".md")
        pages.add("index.html" if stem == "index" else
                  f"{stem.removesuffix('/index')}/index.html")  # fmt: skip
    return pages


def test_both_engines_publish_the_same_pages(sites: Sites) -> None:
    pages = html_pages(sites.mkdocs)
    assert html_pages(sites.zensical) == pages
    assert generated_pages() <= pages
    assert "projets/grc/index.html" in pages


def test_every_page_has_the_same_title_and_main_text(sites: Sites) -> None:
    different = []
    for page in sorted(html_pages(sites.mkdocs)):
        by_mkdocs, by_zensical = sites.mkdocs / page, sites.zensical / page
        if title(by_mkdocs) != title(by_zensical):
            different.append(f"{page}: title {title(by_mkdocs)!r} / {title(by_zensical)!r}")
        expected = main_text(by_mkdocs)
        shown = main_text(by_zensical)
        if expected != shown:
            start = next((i for i, (a, b) in enumerate(zip(expected, shown, strict=False))
                          if a != b),
                         min(len(expected), len(shown)))  # fmt: skip
            different.append(f"{page}: MkDocs …{expected[max(0, start - 60) : start + 60]}… "
                             f"Zensical …{shown[max(0, start - 60) : start + 60]}…")  # fmt: skip
    assert not different, "pages that differ:\n  " + "\n  ".join(different)


def test_the_main_text_is_really_compared(sites: Sites) -> None:
    """A comparison of two empty strings proves nothing: the text is the page's."""
    grc = main_text(sites.zensical / "projets" / "grc" / "index.html")
    assert "Plateforme de gestion de la relation usagers (GRC)" in grc
    amount = " ".join(format_amount(15_000_000, "fr").split())  # spaces made plain, as in main_text
    assert amount in main_text(sites.zensical / "index.html")
    # …and a hand-written page's fenced code, in a list, is code in both (its lines kept).
    for site in (sites.mkdocs, sites.zensical):
        guide = main_text(site / "guide" / "index.html")
        assert "health: value: watch" in guide and "yaml health:" not in guide


def test_downloads_and_chart_data_are_byte_identical(sites: Sites) -> None:
    for folder in GENERATED_FILES:
        files = {p.relative_to(sites.mkdocs).as_posix(): p.read_bytes()
                 for p in (sites.mkdocs / folder).rglob("*")
                 if p.is_file() and p.suffix != ".html"}  # fmt: skip
        assert files, folder
        for name, content in files.items():
            assert (sites.zensical / name).read_bytes() == content, name
        others = {p.relative_to(sites.zensical).as_posix()
                  for p in (sites.zensical / folder).rglob("*")
                  if p.is_file() and p.suffix != ".html"}  # fmt: skip
        assert others == set(files), folder


def test_both_sitemaps_list_the_same_addresses(sites: Sites) -> None:
    def addresses(site: Path) -> set[str]:
        return set(re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text("utf-8")))

    listed = addresses(sites.mkdocs)
    assert f"{SITE_URL}projets/grc/" in listed
    assert addresses(sites.zensical) == listed


def test_no_generated_page_offers_to_edit_a_file_that_does_not_exist(sites: Sites) -> None:
    """The plugin points a generated page's edit button at roadmap.yaml, or draws none. The
    written folder cannot tell Zensical so (it has no per-page edit address): should Zensical
    draw edit buttons (with `repo_url`), they would lead to docs/<page>.md, which is not in
    the repository. Today it draws none without `repo_url`; this test says when that changes."""
    for page in sorted(generated_pages()):
        html = (sites.zensical / page).read_text(encoding="utf-8")
        edits = re.findall(r'<a href="([^"]*)"[^>]*rel="edit"', html)
        assert not [url for url in edits if "/docs/" in url], (page, edits)


# --- one configuration, one meaning -------------------------------------------------------------

ENGLISH = REPO_ROOT / "tests" / "fixtures" / "english"


def _english_project(tmp_path: Path, replace: tuple[str, str]) -> Path:
    """A copy of the English fixture whose mkdocs.yml has one line changed."""
    project = tmp_path / "project"
    shutil.copytree(ENGLISH, project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert replace[0] in text
    config.write_text(text.replace(*replace), encoding="utf-8")
    return project


def _run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})  # fmt: skip


def test_a_wrong_plugin_option_gets_the_same_message_with_either_engine(tmp_path: Path) -> None:
    wrong = "roadmap_dir: .\n      edition: interne"
    project = _english_project(tmp_path, ("roadmap_dir: .", wrong))
    message = ("Config value 'plugins': Plugin 'roadmap' option 'edition': Expected one of: "
               "('public', 'internal') but received: 'interne'")  # fmt: skip
    mkdocs = _run("mkdocs", "build", "-q", "-d", str(tmp_path / "site"), cwd=project)
    assert mkdocs.returncode != 0
    assert message in mkdocs.stderr
    roadmap = _run("generator.adapters.cli", "build", "--out", str(tmp_path / "out"), cwd=project)
    assert roadmap.returncode == 1
    assert message in roadmap.stderr and "Traceback" not in roadmap.stderr


def test_settings_mean_the_same_with_either_engine(tmp_path: Path) -> None:
    """MkDocs derives `edit_uri` from a GitHub `repo_url` (edit/master/docs/); the project
    pages' edit links follow from it with either engine."""
    project = _english_project(
        tmp_path, ("edit_uri: https://example.org/eastmere/roadmap/edit/main/docs/",
                   "repo_url: https://github.com/eastmere/roadmap"))  # fmt: skip
    link = "https://github.com/eastmere/roadmap/edit/master/projects/online-forms.yaml"
    mkdocs = _run("mkdocs", "build", "-q", "-d", str(tmp_path / "site"), cwd=project)
    assert mkdocs.returncode == 0, mkdocs.stderr
    assert link in (tmp_path / "site/projects/online-forms/index.html").read_text("utf-8")
    roadmap = _run("generator.adapters.cli", "build", "--out", str(tmp_path / "out"), cwd=project)
    assert roadmap.returncode == 0, roadmap.stderr
    assert link in (tmp_path / "out/projects/online-forms.md").read_text("utf-8")
