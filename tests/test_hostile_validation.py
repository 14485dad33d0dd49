"""What a hostile pull request writes is refused with a clear diagnostic before it reaches a page.

Control characters (DEL and C1 above all: YAML refuses them in page metadata, which MkDocs then
dropped without a word) and bidirectional overrides, in any text or key; ids that would take
the place of a generated page (`index`); a file name that only looks like an id ("grc\\n");
and internal projects named by public ones in the public edition.

The files of tests/fixtures/hostile/broken/ say on their first line what they expect, as the
broken corpus does (`# expect: CODE LINE:COLUMN fragment`).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.adapters.cli import main
from generator.pipeline import SiteOptions, generate_site
from generator.validation.codes import RULES
from generator.validation.validate import RESERVED_IDS, misleading_url, validate_roadmap
from tests.conftest import expected_diagnostic

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "hostile" / "broken").glob("*.yaml"))


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_hostile_file_is_refused_at_its_place(
    broken: Path, roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, line, column, wording = expected_diagnostic(broken)
    shutil.copy(broken, roadmap_copy / "projects" / "broken.yaml")

    expected_exit = 1 if RULES[code].severity == "error" else 0
    assert main(["validate", str(roadmap_copy), "--format", "json"]) == expected_exit

    found = [d for d in json.loads(capsys.readouterr().out)["diagnostics"] if d["code"] == code]
    assert (line, column) in [(d["line"], d["column"]) for d in found], found
    at = next(d for d in found if (d["line"], d["column"]) == (line, column))
    assert wording in at["message"] + " " + at["hint"], at


# --- every text of every field ----------------------------------------------------------------

FULL_PROJECT: dict[str, Any] = {
    "title": "Projet",
    "axis": "usagers",
    "summary": "Résumé.",
    "description": "Une *description*.",
    "lead": {"name": "Camille", "team": "DSI"},
    "sponsor": "Élue",
    "status": "on_hold",
    "status_reason": "Attente.",
    "health": {"value": "watch", "date": "2020-06-01", "comment": "Suivi."},
    "start": "2020-01-01",
    "end": "2021-06-30",
    "tags": ["usagers"],
    "budget": {
        "baseline": 1000,
        "explanation": "Raison.",
        "lines": [{"year": 2020, "funder": "etat", "planned": 1000}],
    },
    "rebaselines": [{"date": "2020-03-01", "decision": "Délibération", "reason": "Raison."}],
    "milestones": [{"title": "Jalon", "due": "2021-03-01", "explanation": "Raison."}],
    "indicators": [
        {
            "id": "demarches",
            "title": "Démarches",
            "unit": "démarches",
            "direction": "increase",
            "baseline": {"date": "2020-01-01", "value": 1},
            "target": {"date": "2021-01-01", "value": 2},
        }
    ],
    "updates": [{"date": "2020-05-01", "text": "Nouvelle."}],
    "links": [{"title": "Lien", "url": "https://example.org/"}],
}
# Texts that are ids, enumerations, dates or addresses: refused by their own rules.
NOT_FREE_TEXT = {("axis",), ("status",), ("health", "value"), ("budget", "lines", 0, "funder"),
                 ("indicators", 0, "id"), ("indicators", 0, "direction"),
                 ("links", 0, "url")}  # fmt: skip
HOSTILE_CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2067"]


def _free_texts(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _free_texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _free_texts(value, (*path, index))
    elif isinstance(data, str) and path not in NOT_FREE_TEXT and not re.match(r"\d{4}-", data):
        yield path


def _with(data: Any, path: tuple[str | int, ...], value: str) -> Any:
    copy = json.loads(json.dumps(data))
    node = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copy


def test_the_full_project_is_valid(roadmap_copy: Path) -> None:
    (roadmap_copy / "projects" / "complet.yaml").write_text(json.dumps(FULL_PROJECT))
    result = validate_roadmap(roadmap_copy)
    assert result.roadmap is not None, result.diagnostics


@pytest.mark.parametrize("character", HOSTILE_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_text_field_refuses_invisible_characters(roadmap_copy: Path, character: str) -> None:
    paths = list(_free_texts(FULL_PROJECT))
    assert len(paths) >= 18
    for number, path in enumerate(paths):
        # JSON is YAML: the character arrives as an escape ("\u007f"), as a hostile file sends it.
        text = json.dumps(_with(FULL_PROJECT, path, f"a{character}b"))
        (roadmap_copy / "projects" / f"p{number}.yaml").write_text(text, encoding="ascii")
    result = validate_roadmap(roadmap_copy)
    assert result.roadmap is None
    refused = {(d.file.rsplit("/", 1)[-1], d.path) for d in result.errors if d.code == "R027"}
    expected = {(f"p{number}.yaml", path) for number, path in enumerate(paths)}
    assert refused == expected
    assert {d.code for d in result.errors} == {"R027"}
    for problem in result.errors:
        assert problem.parameters["character"] == f"U+{ord(character):04X}"


def test_roadmap_texts_refuse_invisible_characters(roadmap_copy: Path) -> None:
    settings = roadmap_copy / "roadmap.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("title: Usagers", 'title: "Usagers \\x7f</title><script>x()</script>"')
    text = text.replace("organisation: Département de test",
                        'organisation: "Département \\u202e tset"')  # fmt: skip
    settings.write_text(text, encoding="utf-8")
    result = validate_roadmap(roadmap_copy)
    assert result.roadmap is None
    assert sorted(d.path for d in result.errors if d.code == "R027") == [
        ("axes", 0, "title"),
        ("organisation",),
    ]


def test_tabs_and_line_breaks_stay_allowed(roadmap_copy: Path) -> None:
    (roadmap_copy / "projects" / "texte.yaml").write_text(
        json.dumps({**FULL_PROJECT, "description": "Ligne\n\tindentée\nsuite"}), encoding="utf-8"
    )
    assert validate_roadmap(roadmap_copy).roadmap is not None


# --- ids ------------------------------------------------------------------------------------


def test_a_project_file_named_index_is_refused(
    roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(roadmap_copy / "projects" / "socle.yaml", roadmap_copy / "projects" / "index.yaml")
    assert main(["validate", str(roadmap_copy)]) == 1
    out = capsys.readouterr().out
    assert "index.yaml:1:1: erreur R037 : L'identifiant « index » est réservé au site" in out
    assert "liste de tous les projets" in out


def test_an_axis_named_index_is_refused(roadmap_copy: Path) -> None:
    settings = roadmap_copy / "roadmap.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("id: agents", "id: index"))
    result = validate_roadmap(roadmap_copy)
    [problem] = result.errors
    assert (problem.code, problem.line, problem.column) == ("R037", 9, 9)
    assert problem.path == ("axes", 1, "id")


def test_a_file_name_ending_in_a_newline_is_not_a_second_project(roadmap_copy: Path) -> None:
    shutil.copy(
        roadmap_copy / "projects" / "socle.yaml", roadmap_copy / "projects" / "socle\n.yaml"
    )
    result = validate_roadmap(roadmap_copy)
    assert result.roadmap is None
    [problem] = result.errors
    assert problem.code == "R036" and problem.parameters["value"] == "socle\n"


def test_no_other_generated_page_can_be_taken_by_an_id() -> None:
    """The reserved ids are exactly the pages generated beside project and axis pages."""
    site = generate_site(FIXTURES / "portfolio", SiteOptions())
    roadmap = validate_roadmap(FIXTURES / "portfolio").roadmap
    assert roadmap is not None
    owned = {f"projets/{p.id}.md" for p in roadmap.projects}
    owned |= {f"axes/{a.id}.md" for a in roadmap.axes}
    for page in site.pages:
        folder, _, name = page.rpartition("/")
        if folder in ("projets", "axes") and page not in owned:
            assert name.removesuffix(".md") in RESERVED_IDS, page


# --- the public edition names no internal project ----------------------------------------------


def test_public_projects_do_not_name_internal_ones(roadmap_copy: Path) -> None:
    projects = roadmap_copy / "projects"
    (projects / "secret-interne.yaml").write_text(
        "title: Projet interne\naxis: agents\nlead: {team: DSI}\nstatus: planned\n"
        "visibility: internal\n",
        encoding="utf-8",
    )
    socle = projects / "socle.yaml"
    socle.write_text(socle.read_text(encoding="utf-8") + "depends_on: [secret-interne]\n")

    internal = validate_roadmap(roadmap_copy).roadmap
    public = validate_roadmap(roadmap_copy, include_internal=False).roadmap
    assert internal is not None and public is not None
    assert {p.id: p.depends_on for p in internal.projects}["socle"] == ("secret-interne",)
    assert {p.id: p.depends_on for p in public.projects} == {"socle": ()}

    site = generate_site(roadmap_copy, SiteOptions(edition="public"))
    for name, content in site.downloads.items():
        assert b"secret-interne" not in content, name
    for name, markdown in site.pages.items():
        assert "secret-interne" not in markdown, name


# --- the starter file ---------------------------------------------------------------------------


@pytest.mark.parametrize("title", [
    "Portail\ntitle: Autre\nstatus: done",
    "Portail\r\nstatus: done",
    "Portail\u2028status: done",
    "Portail\x85status: done",
    "Portail \u202e enohp",
])  # fmt: skip
def test_a_title_cannot_add_a_line_to_the_starter_file(roadmap_copy: Path, title: str) -> None:
    assert main(["new", "project", "portail", "--axis", "usagers", "--title", title,
                 "--roadmap", str(roadmap_copy)]) == 0  # fmt: skip
    text = (roadmap_copy / "projects" / "portail.yaml").read_text(encoding="utf-8")
    keys = [line.split(":")[0].strip() for line in text.splitlines()
            if line.strip() and not line.strip().startswith("#")]  # fmt: skip
    assert keys == ["title", "axis", "summary", "lead", "team", "status"], text
    assert "\r" not in text and "\u2028" not in text and "\x85" not in text
    # Still a valid file, once its lead is filled in.
    path = roadmap_copy / "projects" / "portail.yaml"
    path.write_text(text.replace("team: À compléter", "team: DSI"), encoding="utf-8")
    assert validate_roadmap(roadmap_copy).roadmap is not None


@pytest.mark.parametrize("project_id", ["socle2\n", "index", "../x", "a\nb"])
def test_the_starter_file_needs_a_plain_id(
    roadmap_copy: Path, project_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "project", project_id, "--axis", "usagers", "--title", "P",
                 "--roadmap", str(roadmap_copy)]) == 2  # fmt: skip
    assert sorted(p.name for p in (roadmap_copy / "projects").iterdir()) == ["socle.yaml"]
    assert "index" not in project_id or "réservé" in capsys.readouterr().err


def test_an_axis_that_is_not_an_id_stays_a_text(roadmap_copy: Path) -> None:
    from generator.rendering.scaffold import starter_project

    text = starter_project("portail", "x\nstatus: done", "Portail")
    assert '"x\\nstatus: done"' in text
    with pytest.raises(ValueError, match="not a project id"):
        starter_project("x\n", "usagers", "Portail")


# --- links read as browsers read them -----------------------------------------------------------


@pytest.mark.parametrize(("url", "reason"), [
    ("https://www.departement.fr/deliberation.pdf", None),
    ("http://example.org:8080/a?b=c&d=e@f#g", None),
    ("HTTPS://EXAMPLE.ORG/", None),
    ("mailto:contact@departement.fr", None),
    ("mailto:contact@departement.fr?subject=Feuille%20de%20route", None),
    ("https://evil.example\\@good.example/", "backslash"),
    ("https://good.example\\evil", "backslash"),
    ("https://good.example@evil.example/", "userinfo"),
    ("https://user:motdepasse@good.example/", "userinfo"),
    (" https://good.example/", "space"),
    ("https://good.example/\n", "space"),
    ("https://goo\tgle.example/", "space"),
    ("https://good.example/\u200b", "space"),
    ("https://good.exa\u202emple/", "space"),
    ("https://xn--80ak6aa92e.com/", "international"),
    ("https://www.d\u0435partement.fr/", "international"),
    ("https://département.fr/", "international"),
])  # fmt: skip
def test_links_are_read_as_browsers_read_them(url: str, reason: str | None) -> None:
    assert misleading_url(url) == reason
