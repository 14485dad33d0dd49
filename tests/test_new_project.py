"""`roadmap new project` writes a valid starter and never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.validation.validate import validate_roadmap

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def test_new_project_is_valid_and_commented(folder: Path) -> None:
    assert (
        main(
            [
                "new",
                "project",
                "portail-agents",
                "--axis",
                "agents",
                "--title",
                "Portail : agents",
                "--roadmap",
                str(folder),
            ]
        )
        == 0
    )
    text = (folder / "projects" / "portail-agents.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    # The file says which project it describes, and where its format is documented.
    assert text.splitlines()[1] == (
        "# Fiche du projet « Portail : agents ». Le nom du fichier (portail-agents.yaml) est "
        "son identifiant."
    )
    assert "status: planned              # planned | in_progress | done | on_hold | cancelled" in (
        text.splitlines()
    )
    # Well-formed, but its placeholder must be replaced before it is published.
    result = validate_roadmap(folder)
    assert [(d.code, d.line, d.parameters["field"]) for d in result.errors] == [
        ("R025", 9, "lead.team")
    ]
    path = folder / "projects" / "portail-agents.yaml"
    path.write_text(text.replace("À compléter", "Direction du numérique"), encoding="utf-8")
    result = validate_roadmap(folder)
    assert result.errors == []
    assert result.roadmap is not None
    project = next(p for p in result.roadmap.projects if p.id == "portail-agents")
    assert project.title == "Portail : agents"
    assert project.axis == "agents"


def test_new_project_refuses_to_overwrite(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = folder / "projects" / "socle.yaml"
    before = target.read_bytes()
    assert (
        main(
            [
                "new",
                "project",
                "socle",
                "--axis",
                "agents",
                "--title",
                "X",
                "--roadmap",
                str(folder),
            ]
        )
        == 1
    )
    assert target.read_bytes() == before
    assert "existe déjà" in capsys.readouterr().err


def test_new_project_checks_id_and_axis(folder: Path) -> None:
    assert (
        main(
            [
                "new",
                "project",
                "Mon Projet",
                "--axis",
                "agents",
                "--title",
                "X",
                "--roadmap",
                str(folder),
            ]
        )
        == 2
    )
    assert (
        main(
            ["new", "project", "ok", "--axis", "inconnu", "--title", "X", "--roadmap", str(folder)]
        )
        == 2
    )
    assert not (folder / "projects" / "ok.yaml").exists()


@pytest.mark.parametrize(
    ("written", "line"),
    [
        ("lead:\n  team: TODO\n", 4),
        ("lead:\n  team: DSI\n  name: Prénom Nom\n", 5),
        ("lead: {team: DSI}\nsummary: À compléter (en une phrase)\n", 4),
    ],
)
def test_a_placeholder_is_an_error_naming_its_field(
    folder: Path, written: str, line: int
) -> None:
    (folder / "projects" / "p.yaml").write_text(
        "title: P\naxis: usagers\n" + written + "status: planned\n", encoding="utf-8"
    )
    [found] = [d for d in validate_roadmap(folder).errors if d.code == "R025"]
    assert found.line == line


def test_an_internal_project_may_hold_placeholders(folder: Path) -> None:
    (folder / "projects" / "p.yaml").write_text(
        "title: P\naxis: usagers\nlead: {team: À compléter}\nstatus: planned\n"
        "visibility: internal\n",
        encoding="utf-8",
    )
    assert validate_roadmap(folder).errors == []


def test_a_text_that_merely_mentions_a_placeholder_word_is_kept(folder: Path) -> None:
    (folder / "projects" / "p.yaml").write_text(
        "title: P\naxis: usagers\nlead: {team: DSI}\nstatus: planned\n"
        "summary: Le dossier reste à compléter par les communes.\n",
        encoding="utf-8",
    )
    assert validate_roadmap(folder).errors == []
