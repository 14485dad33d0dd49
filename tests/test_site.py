"""The generated pages and downloads, checked without MkDocs: figures, words, escaping, editions."""

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

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "roadmap"
ENGLISH = ROOT / "tests" / "fixtures" / "english"
EDIT_BASE = "https://github.com/exemple/feuille-de-route/edit/main/roadmap/"
INTERNAL_PROJECT = "cybersecurite"  # the example's one `visibility: internal` project


@pytest.fixture(scope="module")
def public() -> GeneratedSite:
    return generate_site(EXAMPLE, SiteOptions(edit_url_base=EDIT_BASE))


@pytest.fixture(scope="module")
def internal() -> GeneratedSite:
    return generate_site(EXAMPLE, SiteOptions(edition="internal", edit_url_base=EDIT_BASE))


@pytest.fixture(scope="module")
def english() -> GeneratedSite:
    return generate_site(ENGLISH)


def test_every_page_type_is_generated(public: GeneratedSite) -> None:
    expected = {"index.md", "projets/index.md", "jalons.md", "budget.md", "indicateurs.md",
                "methodologie.md", "donnees.md", "accessibilite.md", "axes/index.md",
                "axes/usagers.md", "projets/grc.md"}  # fmt: skip
    assert expected <= set(public.pages)
    assert set(public.downloads) == {"donnees/projets.csv", "donnees/jalons.csv",
                                     "donnees/budget.csv", "donnees/indicateurs.csv",
                                     "donnees/feuille-de-route.json"}  # fmt: skip


def test_home_shows_headline_figures_with_their_date(public: GeneratedSite) -> None:
    home = public.pages["index.md"]
    assert "15\u202f000\u202f000\u00a0€" in home or "15 000 000 €" in home.replace("\u202f", " ")
    assert "Sur 13,5\u00a0M€ de crédits prévus, 1,9\u00a0M€ ont été mandatés, soit 14\u00a0%." \
        in home.replace("\u202f", "\u00a0")  # fmt: skip
    assert "au 30 juin 2020" in home
    assert "Points d&#39;attention" in home or "Points d'attention" in home
    # Variances come with their explanation.
    assert "Les études de raccordement de mai 2020" in home


def test_axes_overview_lists_every_axis_with_its_figures(public: GeneratedSite) -> None:
    page = public.pages["axes/index.md"]
    for axis_id in ("usagers", "agents", "inclusion"):
        assert f'href="{axis_id}/"' in page
    assert "Simplifier les démarches et la relation avec les usagers" in page
    assert public.edit_urls["axes/index.md"] == EDIT_BASE + "roadmap.yaml"


def test_milestones_page_gives_the_state_only_where_it_varies(public: GeneratedSite) -> None:
    page = public.pages["jalons.md"]
    sections = dict(part.split("\n", 1) for part in page.split("\n## ")[1:])
    late = next(body for title, body in sections.items() if title.startswith("En retard"))
    soon = next(body for title, body in sections.items() if title.startswith("Dans les 90"))
    # Late milestones are all late: the heading says it, no column repeats it.
    assert "<th scope=\"col\">État</th>" not in late and "rm-milestone--late" not in late
    assert "<th scope=\"col\">État</th>" in soon


def test_stale_health_is_shown_as_to_be_updated(public: GeneratedSite) -> None:
    page = public.pages["projets/open-data.md"]
    assert "À mettre à jour" in page
    assert "dernière appréciation le" in page


def test_project_page_states_the_progress_rule_and_slips(public: GeneratedSite) -> None:
    page = public.pages["projets/grc.md"]
    assert "2 jalons atteints sur 5 (poids 3 sur 9)" in page
    assert "184 jours de retard" in page  # against the first baseline
    assert "Délibération CP-2020-05-017 de la commission permanente" in page
    assert EDIT_BASE + "projects/grc.yaml" in page
    # Dependencies link both ways.
    assert 'href="../socle-identite/"' in page
    assert 'href="../grc/"' in public.pages["projets/socle-identite.md"]


def test_project_pages_are_out_of_the_navigation(public: GeneratedSite) -> None:
    nav_targets = json.dumps(public.nav_head + public.nav_tail)
    assert "projets/grc.md" not in nav_targets
    assert "projets/grc.md" in public.hidden_pages
    assert "axes/usagers.md" in nav_targets


def test_internal_projects_are_left_out_of_the_public_edition(
    public: GeneratedSite, internal: GeneratedSite
) -> None:
    assert f"projets/{INTERNAL_PROJECT}.md" not in public.pages
    everything = "".join(public.pages.values()) + "".join(
        content.decode("utf-8") for content in public.downloads.values())
    assert INTERNAL_PROJECT not in everything
    assert "Plan de sécurité des systèmes d'information" not in everything
    # Totals differ by the internal project's budget.
    public_json = json.loads(public.downloads["donnees/feuille-de-route.json"])
    internal_json = json.loads(internal.downloads["donnees/feuille-de-route.json"])
    assert internal_json["figures"]["planned"] > public_json["figures"]["planned"]
    assert public.banner is None


def test_internal_edition_keeps_them_and_marks_every_page(internal: GeneratedSite) -> None:
    assert f"projets/{INTERNAL_PROJECT}.md" in internal.pages
    assert internal.banner is not None and "Édition interne" in internal.banner
    marked = internal.mark_page(internal.pages["index.md"])
    # The banner comes after the front matter and the title, so MkDocs still finds both.
    assert marked.startswith("---\ntitle: ")
    assert marked.index("# Feuille de route") < marked.index("rm-banner")
    assert internal.mark_page("Plain page.\n").startswith('<div class="rm-banner"')


def test_csv_files_follow_open_data_conventions(public: GeneratedSite) -> None:
    raw = public.downloads["donnees/jalons.csv"]
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without byte-order mark
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    grc = [row for row in rows if row["project_id"] == "grc"]
    assert len(grc) == 5
    assert grc[0]["due"] == "2020-03-15"
    assert grc[2]["forecast"] == "2020-07-10" and grc[2]["done"] == ""
    budget = list(csv.DictReader(io.StringIO(public.downloads["donnees/budget.csv"].decode())))
    assert {"planned": "420000", "committed": "380000", "spent": "215000"}.items() <= next(
        row for row in budget if row["project_id"] == "grc").items()
    projects = list(csv.DictReader(io.StringIO(public.downloads["donnees/projets.csv"].decode())))
    assert "." in next(r for r in projects if r["id"] == "grc")["consumption_pct"]


def test_data_page_has_a_field_dictionary_for_every_file(public: GeneratedSite) -> None:
    page = public.pages["donnees.md"]
    for name in ("projets.csv", "jalons.csv", "budget.csv", "indicateurs.csv",
                 "feuille-de-route.json"):  # fmt: skip
        assert f'href="{name}"' in page  # the page's URL is donnees/, beside the files
    assert "<code>consumption_pct</code>" in page


def test_methodology_lists_rules_thresholds_and_excluded_projects(public: GeneratedSite) -> None:
    page = public.pages["methodologie.md"]
    assert "30 juin 2020" in page
    assert "90 jours" in page and "30 jours" in page
    assert "Avancement moyen" in page
    assert "projet abandonné" in page  # the cancelled project is listed as excluded


def test_accessibility_statement_is_left_for_the_organisation(public: GeneratedSite) -> None:
    page = public.pages["accessibilite.md"]
    assert "RGAA" in page and "4.1" in page
    assert "à compléter par l&#39;organisation" in page or "à compléter par l'organisation" in page
    assert "Défenseur des droits" in page
    assert "Département de la Haute-Sarvène" in page


def test_english_roadmap_gets_english_pages(english: GeneratedSite) -> None:
    assert english.language == "en"
    home = english.pages["index.md"]
    assert "Needs attention" in home and "Voted envelope" in home
    assert "£2,000,000" in home
    assert "Points d" not in home
    assert list(english.nav_head[0]) == ["Dashboard"]
    assert "Accessibility statement" in english.pages["accessibilite.md"]


def test_plain_text_is_escaped_and_never_a_template(english: GeneratedSite) -> None:
    for src, page in english.pages.items():
        assert "<script>" not in page, src
        assert "<b>now</b>" not in page, src
    project = english.pages["projets/online-forms.md"]
    assert "&lt;script&gt;" in project
    assert "{{ not_a_template }}" in project or "\\{\\{ not\\_a\\_template \\}\\}" in project
    front_matter = project.split("---\n")[1]
    assert front_matter.startswith("title: ") and "&lt;script&gt;" in front_matter


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
