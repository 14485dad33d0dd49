"""The site over time: project history sections, "what's new" pages, trends and the feed."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

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


ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/feuille/"


def _rfc3339(text: str | None) -> dt.datetime:
    assert text is not None and re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", text), text
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _page_of(url: str, pages: Mapping[str, str]) -> str:
    """The generated page an absolute link of the site leads to."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path).rstrip("/")
    if not path:
        return "index.md"
    source = f"{path}/index.md" if f"{path}/index.md" in pages else f"{path}.md"
    assert source in pages, url
    return source


def test_two_real_successive_portfolios_give_both_situations_what_changed_and_a_valid_feed(
        tmp_path: Path) -> None:  # fmt: skip
    """Three hundred projects at the end of March; at the end of June, twenty of them gone,
    forty new ones, and the others updated: every project page shows both situations, "what's
    new" counts what was added and removed, and the Atom feed is valid, with absolute links."""
    root = tmp_path / "repo"
    folder = init(root)
    march = {f"projet-{n:03d}": {} for n in range(300)}
    write_situation(folder, "2020-03-31", march)
    commit(root)
    june = {f"projet-{n:03d}": {"health": "watch" if n % 3 else "good", "spent": "30000"}
            for n in range(20, 340)}  # fmt: skip
    write_situation(folder, "2020-06-30", june)
    commit(root)
    site = generate_site(folder, SiteOptions(site_url=SITE_URL, history=True))

    for project_id in (f"projet-{n:03d}" for n in range(20, 300)):  # in both situations
        page = site.pages[f"projets/{project_id}.md"]
        history = page[page.index("## Historique"):]
        assert "31 mars 2020" in history and "30 juin 2020" in history, project_id
    new_page = site.pages["projets/projet-320.md"]
    assert "## Historique" not in new_page  # one situation only: nothing to compare yet
    news = site.pages["quoi-de-neuf/index.md"]
    assert "Du 31 mars 2020 au 30 juin 2020 : 40 projets ajoutés, 20 projets retirés" in news
    assert news.count("Nouveau projet : ") == 40 and news.count("Projet retiré : ") == 20
    home = site.pages["index.md"]
    assert "Depuis la situation du 31 mars 2020 : 40 projets ajoutés, 20 projets retirés" in home
    assert 'href="quoi-de-neuf/">Voir ce qui a changé</a>' in home

    feed = ET.fromstring(site.downloads["feed.xml"])  # well-formed XML, or this raises
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):  # RFC 4287, 4.1.1
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    assert feed.findtext(f"{ATOM}author/{ATOM}name")  # so each entry need not name one
    _rfc3339(feed.findtext(f"{ATOM}updated"))
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == SITE_URL + "feed.xml"
    assert _page_of(links["alternate"] or "", site.pages) == "index.md"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [entry.findtext(f"{ATOM}id") or "" for entry in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith(SITE_URL) for i in ids)
    dates, pages = [], []
    for entry in entries:
        assert (entry.findtext(f"{ATOM}title") or "").strip()
        dates.append(_rfc3339(entry.findtext(f"{ATOM}updated")))
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("rel") in (None, "alternate")
        pages.append(_page_of(link.get("href") or "", site.pages))
    assert dates == sorted(dates, reverse=True)  # newest first
    # The June situation, then the projects' news of June (a hundred entries at most).
    assert pages[0] == "quoi-de-neuf/index.md" and dates[0].date() == dt.date(2020, 6, 30)
    assert len(entries) == 100 and set(pages[1:]) <= {f"projets/projet-{n:03d}.md"
                                                      for n in range(20, 340)}  # fmt: skip
