"""The generated pages and downloads, checked without MkDocs: figures, words, escaping, editions.

The roadmaps are the small fixtures of tests/fixtures/ (portfolio: French, four public
projects and an internal one; minimal-en: English; english: text fields that carry markup).
Every expected figure is worked out by hand from those files, in the comment beside it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.adapters.edit_links import edit_url_base
from generator.pipeline import GeneratedSite, SiteOptions, generate_site
from generator.rendering.site.pages import markdown_inline, markdown_text
from generator.rendering.site.urls import page_url, relative_url

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PORTFOLIO = FIXTURES / "portfolio"
MINIMAL_EN = FIXTURES / "minimal-en"
ENGLISH = FIXTURES / "english"
EDIT_BASE = "https://example.org/essai/edit/main/"
INTERNAL_PROJECT = "audit"  # the portfolio's one `visibility: internal` project
INTERNAL_TITLE = "Audit de sécurité confidentiel"
NBSP, NNBSP = "\u00a0", "\u202f"  # French: before a unit or sign; between groups of digits


@pytest.fixture(scope="module")
def public() -> GeneratedSite:
    return generate_site(PORTFOLIO, SiteOptions(edit_url_base=EDIT_BASE))


@pytest.fixture(scope="module")
def internal() -> GeneratedSite:
    return generate_site(PORTFOLIO, SiteOptions(edition="internal", edit_url_base=EDIT_BASE))


@pytest.fixture(scope="module")
def english() -> GeneratedSite:
    return generate_site(MINIMAL_EN)


@pytest.fixture(scope="module")
def english_markup() -> GeneratedSite:
    return generate_site(ENGLISH)


def csv_rows(site: GeneratedSite, name: str) -> list[dict[str, str]]:
    """A CSV file read as its data page says: UTF-8 with a BOM, French separator `;`."""
    text = site.downloads[f"donnees/{name}"].decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_every_page_type_is_generated(public: GeneratedSite) -> None:
    assert set(public.pages) == {
        "index.md", "projets/index.md", "jalons.md", "budget.md", "indicateurs.md",
        "methodologie.md", "lexique.md", "donnees.md", "accessibilite.md", "mentions-legales.md",
        "axes/index.md", "axes/services.md", "axes/outils.md", "projets/archives.md",
        "projets/borne.md", "projets/portail.md", "projets/socle.md",
    }  # fmt: skip
    assert set(public.downloads) == {"donnees/projets.csv", "donnees/jalons.csv",
                                     "donnees/budget.csv", "donnees/indicateurs.csv",
                                     "donnees/feuille-de-route.json",
                                     "donnees/feuille-de-route.xlsx"}  # fmt: skip


def test_home_shows_headline_figures_with_their_date(public: GeneratedSite) -> None:
    home = public.pages["index.md"]
    assert f"2{NNBSP}000{NNBSP}000{NBSP}€" in home  # the envelope
    # planned 550,000 (portail) + 300,000 (socle) + 200,000 (archives) + 50,000 (borne)
    #   = 1,100,000; spent 60,000 + 40,000 + 280,000 + 10,000 + 5,000 = 395,000;
    # 395,000 / 1,100,000 = 35.9 % -> 36 %.
    assert (f"Sur 1,1{NBSP}M€ de crédits prévus, 395{NBSP}k€ ont été mandatés, "
            f"soit 36{NBSP}%.") in home  # fmt: skip
    assert "Situation au 30 juin 2021" in home
    assert "\n## Points d'attention\n" in home
    # portail's late milestone as facts: due 2021-05-31, not reached at 2021-06-30 (30 days),
    # forecast 2021-07-15 (45 days after its due date), with its explanation; archives'
    # health: 2021-06-30 - 2021-02-01 = 149 days old (> 90).
    assert ("Jalon « Premières démarches en ligne » prévu le 31 mai 2021, non atteint au "
            "30 juin 2021, soit 30 jours après la date prévue. Nouvelle date annoncée : "
            "15 juillet 2021, soit 45 jours après la date prévue.") in home  # fmt: skip
    assert "Le prestataire a livré une version non conforme." in home
    assert "Météo à mettre à jour : dernière appréciation il y a 149 jours." in home


def test_axes_overview_lists_every_axis_with_its_figures(public: GeneratedSite) -> None:
    page = public.pages["axes/index.md"]
    for axis_id in ("services", "outils"):
        assert f'href="{axis_id}/"' in page
    assert "Des démarches simples pour les habitants." in page
    assert public.edit_urls["axes/index.md"] == EDIT_BASE + "roadmap.yaml"


def test_milestones_page_gives_the_state_only_where_it_varies(public: GeneratedSite) -> None:
    page = public.pages["jalons.md"]
    sections = dict(part.split("\n", 1) for part in page.split("\n## ")[1:])
    # Late: portail's "Premières démarches" (due 2021-05-31), never also coming. Due within
    # 90 days of 2021-06-30 (up to 2021-09-28): "Paiement en ligne" (2021-09-15). No project
    # is stopped with a pending milestone: no "Interrompus" section.
    assert list(sections) == ["En retard (1)", "Dans les 90 prochains jours (1)",
                              "Plus tard (1)", "Atteints (2)"]  # fmt: skip
    late, soon = sections["En retard (1)"], sections["Dans les 90 prochains jours (1)"]
    # Late milestones are all late: the heading says it, no column repeats it.
    assert '<th scope="col">État</th>' not in late
    assert "rm-milestone--late" not in late
    assert '<th scope="col">État</th>' in soon


def test_stale_health_is_shown_as_to_be_updated(public: GeneratedSite) -> None:
    page = public.pages["projets/archives.md"]
    assert "À mettre à jour" in page
    assert "dernière appréciation le 1 février 2021" in page


def test_project_page_states_the_progress_rule_and_slips(public: GeneratedSite) -> None:
    page = public.pages["projets/portail.md"]
    # Weights 2 (reached) + 1 + 1 + 4 = 8; 2 / 8 = 25 %.
    assert "1 jalon atteint sur 4 (poids 2 sur 8)" in page
    # Forecast end 2022-04-29 against the rebaselined end 2022-03-31: 29 days; against the
    # first baseline 2021-12-31: 31 + 28 + 31 + 29 = 119 days.
    # The label is the page's first "écart": a link to the glossary (tests/test_glossary.py).
    assert "Écart sur le plan en vigueur</a>" in page
    assert "</dt><dd>29 jours de retard</dd>" in page
    assert "<dt>Écart sur la référence initiale</dt><dd>119 jours de retard</dd>" in page
    assert "Délibération B-2021-04-08 du bureau communautaire" in page
    assert EDIT_BASE + "projects/portail.yaml" in page
    # Dependencies link both ways.
    assert 'href="../socle/"' in page
    assert 'href="../portail/"' in public.pages["projets/socle.md"]


def test_project_pages_are_out_of_the_navigation(public: GeneratedSite) -> None:
    nav_targets = json.dumps(public.nav_head + public.nav_tail)
    assert "projets/portail.md" not in nav_targets
    assert public.hidden_pages == {"projets/archives.md", "projets/borne.md",
                                   "projets/portail.md", "projets/socle.md"}  # fmt: skip
    assert "axes/services.md" in nav_targets


def test_internal_projects_are_left_out_of_the_public_edition(
    public: GeneratedSite, internal: GeneratedSite
) -> None:
    assert f"projets/{INTERNAL_PROJECT}.md" not in public.pages
    # The workbook, a zip file, is read in tests/test_opendata_files.py.
    everything = "".join(public.pages.values()) + "".join(
        content.decode("utf-8") for name, content in [*public.downloads.items(),
                                                      *public.chart_data.items()]
        if not name.endswith(".xlsx"))  # fmt: skip
    assert f"projets/{INTERNAL_PROJECT}" not in everything
    assert INTERNAL_TITLE not in everything
    # Public: 1,100,000 planned (see above); internal: + audit's 90,000 = 1,190,000.
    public_json = json.loads(public.downloads["donnees/feuille-de-route.json"])
    internal_json = json.loads(internal.downloads["donnees/feuille-de-route.json"])
    assert public_json["figures"]["planned"] == 1_100_000
    assert internal_json["figures"]["planned"] == 1_190_000
    assert public.banner is None


def test_internal_edition_keeps_them_and_marks_every_page(internal: GeneratedSite) -> None:
    assert f"projets/{INTERNAL_PROJECT}.md" in internal.pages
    assert internal.banner == (
        '<div class="rm-banner" role="note"><span class="rm-banner__icon" aria-hidden="true">⚠'
        "</span> <strong>Diffusion interne</strong> — Édition interne : cette version contient "
        "les projets à diffusion interne. Ne pas la publier. (au 30 juin 2021)</div>"
    )
    marked = internal.mark_page(internal.pages["index.md"])
    # The banner comes after the front matter and the title, so MkDocs still finds both.
    assert marked.startswith('---\ntitle: "Feuille de route d\'essai"\n---\n\n'
                             "# Feuille de route d'essai\n\n" + internal.banner)  # fmt: skip
    assert internal.mark_page("Plain page.\n") == f"{internal.banner}\n\nPlain page.\n"


def test_csv_files_follow_open_data_conventions(public: GeneratedSite) -> None:
    raw = public.downloads["donnees/jalons.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for spreadsheets
    portail = [row for row in csv_rows(public, "jalons.csv") if row["project_id"] == "portail"]
    assert [row["due"] for row in portail] == ["2021-02-15", "2021-05-31", "2021-09-15",
                                               "2022-03-31"]  # fmt: skip
    assert (portail[1]["forecast"], portail[1]["done"]) == ("2021-07-15", "")
    assert [row["state"] for row in portail] == ["reached", "late", "on_time", "slipping"]
    budget = csv_rows(public, "budget.csv")
    assert {"planned": "200000", "committed": "150000", "spent": "60000"}.items() <= next(
        row for row in budget if row["project_id"] == "portail"
    ).items()
    projects = {row["id"]: row for row in csv_rows(public, "projets.csv")}
    # portail: 100,000 spent / 550,000 planned = 18.1818… %; socle: 280,000 / 300,000.
    assert projects["portail"]["consumption_pct"] == "18.18"
    assert projects["socle"]["consumption_pct"] == "93.33"
    assert (projects["socle"]["end_slip_days"], projects["portail"]["end_slip_days"]) == (
        "-11",
        "29",
    )  # socle ended 2021-05-20, 11 days before 2021-05-31


def test_indicators_page_gives_each_progress_toward_its_target(public: GeneratedSite) -> None:
    page = public.pages["indicateurs.md"]
    # Increasing: (20 - 10) / (50 - 10) = 25 %; decreasing: (6 - 10) / (2 - 10) = 50 %.
    for title, latest, progress in (("Démarches disponibles en ligne", f"20{NBSP}démarches", 25),
                                    ("Délai moyen de réponse", f"6{NBSP}jours", 50)):  # fmt: skip
        row = next(line for line in page.splitlines() if f'<th scope="row">{title}</th>' in line)
        assert f"<td>{latest}<br>" in row
        assert f'<td data-rm-sort="{progress}">' in row
        assert f'<span class="rm-progress__value">{progress}{NBSP}%</span>' in row
    # The cards of narrow screens name these columns (cells.py).
    for column in ("Dernière mesure", "Progression vers la cible"):
        assert f"&quot;{column}&quot;" in page


def test_data_page_has_a_field_dictionary_for_every_file(public: GeneratedSite) -> None:
    page = public.pages["donnees.md"]
    for name in ("projets.csv", "jalons.csv", "budget.csv", "indicateurs.csv",
                 "feuille-de-route.json"):  # fmt: skip
        assert f'href="{name}"' in page  # the page's URL is donnees/, beside the files
    assert "<code>consumption_pct</code>" in page


def test_methodology_lists_rules_thresholds_and_excluded_projects(public: GeneratedSite) -> None:
    page = public.pages["methodologie.md"]
    assert "Les informations sont arrêtées au 30 juin 2021." in page
    assert "<dd>30 jours</dd>" in page and "<dd>90 jours</dd>" in page
    assert "<dt>Avancement moyen</dt>" in page
    # Left out of the average: archives (no progress, no milestone) and borne (cancelled).
    assert ('<li><a href="../projets/archives/">Archivage électronique</a> — '
            "ni avancement déclaré ni jalon</li>") in page  # fmt: skip
    assert ('<li><a href="../projets/borne/">Bornes d&#39;accueil</a> — '
            "projet abandonné</li>") in page  # fmt: skip


def test_accessibility_statement_is_filled_from_roadmap_yaml(public: GeneratedSite) -> None:
    page = public.pages["accessibilite.md"]
    assert "(RGAA), version 4.1." in page
    assert "est en conformité partielle avec le RGAA version 4.1" in page
    # audit: {date: 2021-05-20, by: Mission accessibilité, rate: 82.5}
    # A name spliced where no article is needed, whatever it is ("la Mission…", "Mission…").
    assert "du 20 mai 2021 (réalisé par : Mission accessibilité)" in page
    assert "compléter" not in page
    assert "Défenseur des droits" in page
    assert "(Communauté d&#39;agglomération d&#39;Essai) s'engage" in page


def test_english_roadmap_gets_english_pages(english: GeneratedSite) -> None:
    assert english.language == "en"
    home = english.pages["index.md"]
    assert "\n## Needs attention\n" in home and "Voted envelope" in home
    assert "£500,000" in home
    # forms: 25,000 spent of 100,000 planned (the planned kiosk has no budget).
    assert "Of £100k planned, £25k has been spent, that is 25%." in home
    assert "Points d" not in home
    assert list(english.nav_head[0]) == ["Dashboard"]
    assert english.pages["accessibility.md"].startswith(
        '---\ntitle: "Accessibility statement"\n---\n\n# Accessibility statement\n'
    )


def test_plain_text_is_escaped_and_never_a_template(english_markup: GeneratedSite) -> None:
    for src, page in english_markup.pages.items():
        assert "<script>" not in page, src
        assert "<b>now</b>" not in page, src
    project = english_markup.pages["projects/online-forms.md"]
    # In the Markdown heading, the braces and underscores are escaped for Markdown; in HTML
    # they stay as they are (no template engine reads the page).
    assert (r'# Online forms &lt;script&gt;alert\("x"\)&lt;/script&gt; &amp; '
            r"\{\{ not\_a\_template \}\}") in project  # fmt: skip
    assert "<caption>Milestones — Online forms &lt;script&gt;" in project
    front_matter = project.split("---\n")[1]
    assert front_matter.startswith('title: "Online forms &lt;script&gt;alert(\\"x\\")')


def test_markdown_escaping_helpers() -> None:
    assert markdown_inline("a *b* {#id} <i>") == r"a \*b\* \{\#id\} &lt;i&gt;"
    assert markdown_text("**bold** <script>x</script> [x](javascript:y)") == (
        '<div class="rm-markdown">\n<p><strong>bold</strong> &lt;script&gt;x&lt;/script&gt; '
        '<a rel="noopener noreferrer nofollow">x</a></p>\n</div>'
    )


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("index.md", "projets/grc.md", "projets/grc/"),
    ("projets/grc.md", "axes/usagers.md", "../../axes/usagers/"),
    ("projets/grc.md", "index.md", "../../"),
    ("donnees.md", "donnees/projets.csv", "projets.csv"),
    ("index.md", "donnees/projets.csv", "donnees/projets.csv"),
    ("projets/index.md", "projets/grc.md", "grc/"),
])  # fmt: skip
def test_relative_urls_between_pages(source: str, target: str, expected: str) -> None:
    assert relative_url(source, target) == expected


def test_relative_urls_without_directory_urls() -> None:
    assert page_url("projets/grc.md", use_directory_urls=False) == "projets/grc.html"
    assert relative_url("projets/grc.md", "index.md", use_directory_urls=False) == "../index.html"


def test_edit_url_of_the_roadmap_folder() -> None:
    assert edit_url_base("https://github.com/o/r", "edit/main/docs/", "docs", "roadmap") \
        == "https://github.com/o/r/edit/main/roadmap/"  # fmt: skip
    assert edit_url_base(None, "https://forge.example/o/r/-/edit/main/docs/", "docs", "roadmap") \
        == "https://forge.example/o/r/-/edit/main/roadmap/"  # fmt: skip
    assert edit_url_base(None, "edit/main/docs/", "docs", "roadmap") is None
