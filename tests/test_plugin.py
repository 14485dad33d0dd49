"""Whole builds through MkDocs and through `roadmap build`: the site a reader gets.

They build the small fixtures of tests/fixtures/ (portfolio: French, with an internal
project; english: English); one smoke test builds the repository's example.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapters.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PORTFOLIO = FIXTURES / "portfolio"
ENGLISH = FIXTURES / "english"
INTERNAL_PROJECT = "audit"
INTERNAL_TITLE = "Audit de sécurité confidentiel"


def build_site(config_file: Path, site_dir: Path, edition: str | None = None) -> Path:
    """`mkdocs build --strict` of a mkdocs.yml, in this process."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir),
                         site_url="http://127.0.0.1:8000/", strict=True)  # fmt: skip
    if edition is not None:
        config.plugins["roadmap"].config.edition = edition
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def text_of(path: Path) -> str:
    """A page's text with every kind of space made plain, to compare figures."""
    return re.sub(r"[\u00a0\u202f]", " ", path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(PORTFOLIO / "mkdocs.yml", tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(PORTFOLIO / "mkdocs.yml", tmp_path_factory.mktemp("internal"),
                      edition="internal")  # fmt: skip


def test_the_example_builds(tmp_path: Path) -> None:
    """The smoke test of the example roadmap that adopters start from."""
    site = build_site(ROOT / "mkdocs.yml", tmp_path / "example")
    home = text_of(site / "index.html")
    assert '<html lang="fr"' in home
    assert "15 000 000 €" in home  # roadmap/roadmap.yaml's envelope
    assert (site / "projets" / "grc" / "index.html").is_file()


def test_every_page_type_is_built(public_site: Path) -> None:
    for page in ("index.html", "axes/services/index.html", "projets/index.html",
                 "projets/portail/index.html", "jalons/index.html", "budget/index.html",
                 "indicateurs/index.html", "methodologie/index.html", "donnees/index.html",
                 "accessibilite/index.html", "a-propos/index.html", "donnees/projets.csv",
                 "donnees/feuille-de-route.json", "assets/roadmap/pages.css",
                 "assets/roadmap/tables.js"):  # fmt: skip
        assert (public_site / page).is_file(), page


def test_home_page_shows_the_key_figures(public_site: Path) -> None:
    home = text_of(public_site / "index.html")
    assert '<html lang="fr"' in home
    assert "2 000 000 €" in home  # the envelope
    # 395,000 spent of 1,100,000 planned (tests/test_site.py works them out): 36 %.
    assert "Sur 1,1 M€ de crédits prévus, 395 k€ ont été mandatés, soit 36 %." in home
    assert '<h2 id="points-dattention">Points d\'attention</h2>' in home
    assert "assets/roadmap/pages.css" in home


def test_project_pages_are_in_the_sitemap_not_in_the_navigation(public_site: Path) -> None:
    statement = (public_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    assert "projets/portail/" not in statement
    # The pruned navigation: the axes section is a link to its overview on other pages, and
    # lists every axis on the pages of its own section.
    assert 'href="../axes/"' in statement
    assert "axes/services/" not in statement
    axis_page = (public_site / "axes" / "outils" / "index.html").read_text(encoding="utf-8")
    assert 'href="../services/"' in axis_page
    assert "projets/portail/" not in axis_page.split('<div class="md-content"')[0]
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "projets/portail/" in sitemap
    # Every page is dated by the reporting date, never by the build's clock.
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2021-06-30"}


def test_project_page_links_to_its_yaml_file(public_site: Path) -> None:
    page = (public_site / "projets" / "portail" / "index.html").read_text(encoding="utf-8")
    # edit_uri .../edit/main/docs/, docs_dir docs, roadmap_dir "." -> .../edit/main/
    assert 'href="https://example.org/essai/edit/main/projects/portail.yaml"' in page


def test_internal_project_is_absent_from_the_public_build(public_site: Path) -> None:
    assert not (public_site / "projets" / INTERNAL_PROJECT).exists()
    for path in public_site.rglob("*"):
        relative = path.relative_to(public_site).as_posix()
        if path.suffix in (".html", ".csv", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert f"projets/{INTERNAL_PROJECT}" not in text, relative
            assert INTERNAL_TITLE not in text, relative
    index = json.loads((public_site / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        assert INTERNAL_TITLE not in json.dumps(doc, ensure_ascii=False), doc["location"]
    data = json.loads((public_site / "donnees" / "feuille-de-route.json").read_text())
    # 550,000 + 300,000 + 200,000 + 50,000 (portail, socle, archives, borne)
    assert data["figures"]["planned"] == 1_100_000


def test_internal_edition_has_the_project_and_a_banner_on_every_page(internal_site: Path) -> None:
    assert (internal_site / "projets" / INTERNAL_PROJECT / "index.html").is_file()
    for page in ("index.html", "a-propos/index.html", "projets/portail/index.html"):
        assert '<div class="rm-banner" role="note">' in (internal_site / page).read_text(
            encoding="utf-8"), page  # fmt: skip
    data = json.loads((internal_site / "donnees" / "feuille-de-route.json").read_text())
    assert data["figures"]["planned"] == 1_190_000  # + audit's 90,000


def _mkdocs_build(folder: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=folder, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


@pytest.fixture
def english_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "english"
    shutil.copytree(ENGLISH, folder)
    return folder


def test_english_roadmap_builds_an_english_site(tmp_path: Path) -> None:
    site = build_site(ENGLISH / "mkdocs.yml", tmp_path / "site")
    home = text_of(site / "index.html")
    assert '<html lang="en"' in home
    assert "Dashboard" in home and "Needs attention" in home and "Tableau de bord" not in home
    project = (site / "projects" / "online-forms" / "index.html").read_text()
    assert '<script>alert("x")' not in project
    # Escaped once, and never read as a template.
    assert ('<h1 id="online-forms-scriptalertxscript-not_a_template">Online forms &lt;script&gt;'
            'alert("x")&lt;/script&gt; &amp; {{ not_a_template }}</h1>') in project  # fmt: skip


def test_validation_errors_stop_the_build_with_file_and_line(english_copy: Path,
                                                             tmp_path: Path) -> None:  # fmt: skip
    laptops = english_copy / "projects" / "laptops.yaml"
    laptops.write_text(laptops.read_text().replace("status: done", "status: finished"))
    result = _mkdocs_build(english_copy, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "projects/laptops.yaml:5:9: " in output, output  # `status: finished`
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def _roadmap(*arguments: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """`roadmap <arguments>` run from `cwd`, in this process; its exit code."""
    with monkeypatch.context() as patch:
        patch.chdir(cwd)
        return main(list(arguments))


def test_roadmap_build_refuses_an_invalid_roadmap(
    english_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    laptops = english_copy / "projects" / "laptops.yaml"
    laptops.write_text(laptops.read_text().replace("status: done", "status: finished"))
    code = _roadmap("build", "--out", str(tmp_path / "out"), cwd=english_copy,
                    monkeypatch=monkeypatch)  # fmt: skip
    assert code == 1
    assert "projects/laptops.yaml:5:9: " in capsys.readouterr().err  # `status: finished`
    assert not (tmp_path / "out").exists()


def test_roadmap_build_writes_a_folder_that_builds_without_the_plugin(
    english_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out, config = english_copy / "generated", english_copy / "generated.yml"
    assert _roadmap("build", "--out", str(out), "--config-out", str(config), cwd=english_copy,
                    monkeypatch=monkeypatch) == 0  # fmt: skip
    assert (out / "about.md").is_file()  # the hand-written pages are copied
    assert (out / "projects" / "online-forms.md").is_file()
    assert (out / "data" / "projects.csv").is_file()
    plugins = yaml.safe_load(config.read_text())["plugins"]
    assert "roadmap" not in json.dumps(plugins)
    site = tmp_path / "plain-site"
    plain = load_config(config_file=str(config), site_dir=str(site), strict=True)
    assert "roadmap" not in plain.plugins
    build(plain)
    assert "Dashboard" in (site / "index.html").read_text(encoding="utf-8")
    # The folder is emptied and rewritten on the next run, never another folder.
    (out / "stale.md").write_text("left from a previous run", encoding="utf-8")
    assert _roadmap("build", "--out", str(out), cwd=english_copy, monkeypatch=monkeypatch) == 0
    assert not (out / "stale.md").exists()
    capsys.readouterr()
    refused = _roadmap("build", "--out", str(english_copy / "projects"), cwd=english_copy,
                       monkeypatch=monkeypatch)  # fmt: skip
    assert refused == 1 and "nothing was overwritten" in capsys.readouterr().err
