"""The site over time: project history sections, "what's new" pages, trends and the feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.pipeline import SiteCache, SiteOptions, generate_site
from tests.history_repo import commit, git, init, write_situation

SESSIONS = """sessions:
  - {date: 2020-07-15, title: Conseil de juillet}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    folder = init(root)
    many = {f"projet-{n:03d}": {} for n in range(120)}
    write_situation(folder, "2020-03-31", {**many, "socle": {}, "ancien": {}}, SESSIONS)
    commit(root)
    many = {f"projet-{n:03d}": {} for n in range(100, 250)}
    write_situation(folder, "2020-06-30", {**many, "socle": {"health": "critical",
                                                            "forecast": "2020-11-30"}},
                    SESSIONS)  # fmt: skip
    commit(root)
    return folder


def test_two_situations_give_history_whats_new_and_a_valid_feed(repo: Path) -> None:
    site = generate_site(repo, SiteOptions(site_url="https://example.org/feuille/", history=True))
    socle = site.pages["projets/socle.md"]
    assert "## Historique" in socle
    assert "31 mars 2020" in socle and "30 juin 2020" in socle
    assert "« Recette » a glissé de 61 jours" in socle
    news = site.pages["quoi-de-neuf/index.md"]
    assert "Du 31 mars 2020 au 30 juin 2020 : 130 projets ajoutés, 101 projets retirés" in news
    assert "Socle — météo : " in news and "Recette » décalé de 61 jours" in news
    assert "quoi-de-neuf/seance-2020-07-15.md" in site.pages
    assert "evolution.md" in site.pages
    feed = ET.fromstring(site.downloads["feed.xml"])
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert entries and all(
        e.find(f"{atom}link")
        .get("href", "")
        .startswith(  # type: ignore[union-attr]
            "https://example.org/feuille/"
        )
        for e in entries
    )
    assert site.feed_link is not None
    assert site.feed_link["href"] == "https://example.org/feuille/feed.xml"
    assert site.history_warnings == ()


def test_without_site_url_no_feed_and_it_is_said(repo: Path) -> None:
    site = generate_site(repo, SiteOptions(history=True))
    assert "feed.xml" not in site.downloads
    assert site.feed_link is None
    assert any("site_url" in note for note in site.history_notes)
    assert site.history_warnings == ()


def test_the_same_commits_give_the_same_bytes(repo: Path) -> None:
    options = SiteOptions(site_url="https://example.org/", history=True)
    first, second = generate_site(repo, options), generate_site(repo, options)
    assert first.pages == second.pages
    assert first.downloads == second.downloads and first.chart_data == second.chart_data


def test_a_warm_rebuild_reuses_the_history(repo: Path) -> None:
    cache = SiteCache()
    generate_site(repo, SiteOptions(history=True), cache=cache)
    derived = cache.history.derived
    generate_site(repo, SiteOptions(history=True), cache=cache)
    assert cache.history.derived is derived
    assert cache.pages.rendered == 0  # no project page rendered again


def test_without_history_the_site_is_as_before(repo: Path) -> None:
    site = generate_site(repo, SiteOptions(history=False))
    assert "evolution.md" not in site.pages
    assert "Historique" not in site.pages["projets/socle.md"]


def test_a_shallow_clone_says_what_is_missing_and_how_to_fetch_it(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.parent}", str(clone))
    site = generate_site(
        clone / "roadmap", SiteOptions(site_url="https://example.org/", history=True)
    )
    assert any("fetch-depth: 0" in w for w in site.history_warnings)
    assert "fetch-depth: 0" in site.pages["quoi-de-neuf/index.md"]
