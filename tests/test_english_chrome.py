"""An English roadmap gets an English site: page addresses, navigation, section titles, footer
and every fixed text, with no French word left (tests/fixtures/english, built by MkDocs)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.pipeline import generate_site
from generator.rendering.site.urls import site_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ENGLISH = FIXTURES / "english"
MINIMAL_EN = FIXTURES / "minimal-en"
# The French page names (the `url.*` words of the French catalogue): none may name an English
# page or download.
FRENCH_PATH_WORDS = ("projets", "jalons", "donnees", "indicateurs", "methodologie",
                     "accessibilite", "mentions-legales", "feuille-de-route")  # fmt: skip
# French words and phrases of the site's chrome and fixed texts: none may show in an English
# page, in its text or in an attribute a screen reader reads.
FRENCH_WORDS = (
    "Tableau de bord", "Projets", "Tous les projets", "Jalons", "Données", "Méthodologie",
    "Indicateurs", "Accessibilité", "Mentions légales", "Licence Ouverte", "Licence des",
    "Déclaration", "compléter", "renseigné", "Rechercher", "Passer au thème", "Défenseur",
    "Points d'attention", "Situation au", "Contribuer", "Retour en haut", "Télécharger",
    "Dictionnaire", "Signification", "Champ", "au 30 septembre", "septembre", "Contact :",
    "projet", "jalon", "données", "à ", " et ", " de la ", " des ",
)  # fmt: skip
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)
_READ_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"')


def mkdocs_build(folder: Path, site_dir: Path) -> Path:
    config = load_config(config_file=str(folder / "mkdocs.yml"), site_dir=str(site_dir),
                         site_url="http://127.0.0.1:8000/", strict=True)  # fmt: skip
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mkdocs_build(ENGLISH, tmp_path_factory.mktemp("english") / "site")


def read_text(page: str) -> str:
    """What a reader meets in a page: its text, and the attributes read aloud."""
    without_code = _SCRIPT_OR_STYLE.sub(" ", page)
    attributes = " ".join(_READ_ATTRIBUTES.findall(without_code))
    text = re.sub(r"<[^>]+>", " ", without_code)
    return html.unescape(f"{text} {attributes}")


def published_files(site: Path) -> list[Path]:
    """The site's own files (not the theme's scripts and stylesheets)."""
    return [path for path in site.rglob("*") if path.is_file()
            and not path.relative_to(site).as_posix().startswith("assets/")]  # fmt: skip


def test_english_pages_and_downloads_have_english_addresses(site: Path) -> None:
    names = {path.relative_to(site).as_posix() for path in published_files(site)}
    for expected in ("projects/index.html", "projects/online-forms/index.html",
                     "milestones/index.html", "indicators/index.html", "methodology/index.html",
                     "data/index.html", "data/projects.csv", "data/milestones.csv",
                     "data/indicators.csv", "data/roadmap.json", "data/roadmap.xlsx",
                     "accessibility/index.html", "legal-notice/index.html",
                     "axes/residents/index.html"):  # fmt: skip
        assert expected in names, expected
    for name in names:
        for french in FRENCH_PATH_WORDS:
            assert french not in name, name
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for french in FRENCH_PATH_WORDS:
        assert french not in sitemap


def test_no_french_word_in_an_english_page(site: Path) -> None:
    pages = [path for path in published_files(site) if path.suffix == ".html"]
    assert len(pages) >= 15
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert '<html lang="en"' in page, path
        shown = read_text(page)
        for french in FRENCH_WORDS:
            assert french not in shown, f"{path.relative_to(site)}: {french!r}"
        for french in FRENCH_PATH_WORDS:
            assert f"{french}/" not in page, f"{path.relative_to(site)}: link to {french}/"


def test_no_french_word_in_the_english_downloads(site: Path) -> None:
    for name in ("projects.csv", "milestones.csv", "budget.csv", "indicators.csv", "roadmap.json"):
        text = (site / "data" / name).read_text(encoding="utf-8-sig")
        for french in (*FRENCH_PATH_WORDS, "Terminé", "En cours", "Atteint"):
            assert french not in text, f"{name}: {french!r}"


def test_english_navigation_and_footer(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    for label, href in (("All projects", "projects/"), ("Milestones", "milestones/"),
                        ("Open data", "data/"), ("Accessibility", "accessibility/"),
                        ("Legal notice", "legal-notice/")):  # fmt: skip
        assert re.search(rf'href="{re.escape(href)}"[^>]*>\s*(<[^>]+>\s*)*{label}', home), label
    footer = read_text(home.split('<footer class="md-footer">')[1])
    # as_of: 2021-09-30; the fixture's statement: full compliance, a contact page.
    for words in ("Data as of 30 September 2021", "Data licence: Etalab Open Licence 2.0",
                  "Contact: https://eastmere.example.org/contact",
                  "Accessibility: fully compliant", "Legal notice"):  # fmt: skip
        assert words in re.sub(r"\s+", " ", footer), words


def test_the_site_name_is_the_roadmap_title_unless_mkdocs_yml_sets_one(tmp_path: Path) -> None:
    assert generate_site(ENGLISH).site_name == "Digital roadmap 2021-2023"
    folder = tmp_path / "english"
    shutil.copytree(ENGLISH, folder)
    config = folder / "mkdocs.yml"
    # MkDocs requires the key: left empty, the roadmap's title names the site.
    config.write_text(config.read_text().replace("site_name: Eastmere digital roadmap",
                                                 'site_name: ""'))  # fmt: skip
    unnamed = mkdocs_build(folder, tmp_path / "site")
    home = (unnamed / "index.html").read_text(encoding="utf-8")
    # The home page's title is the roadmap's, followed by the site's name.
    assert "<title>Digital roadmap 2021-2023 - Digital roadmap 2021-2023</title>" in home
    assert "Eastmere digital roadmap" not in home


def test_page_names_come_from_the_catalogue() -> None:
    english, french = site_paths("en"), site_paths("fr")
    assert (english.projects, english.milestones, english.data_dir) == (
        "projects/index.md", "milestones.md", "data")
    assert (french.projects, french.milestones, french.data_dir) == (
        "projets/index.md", "jalons.md", "donnees")
    for paths in (english, french):
        # Each name a lower-case slug, and no two pages share one.
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in paths.sections)
        assert len(set(paths.sections)) == len(paths.sections)
    minimal = generate_site(MINIMAL_EN)
    assert "projects/forms.md" in minimal.pages and "milestones.md" in minimal.pages
