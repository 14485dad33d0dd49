"""A file of the roadmap that is not read is reported, never silently ignored.

A project file the loader skips is a project missing from the site: `crm.yml`, `crm.YAML`, a
file in a subfolder of projects/ or in a folder named almost like it (`projet/`), a hidden
`.crm.yaml`, a `roadmap.yml` beside `roadmap.yaml` are errors (R024) with the name to give
them; an editor's or a tool's copy (`crm.yaml~`, `crm.yaml.bak`, Vim's `.crm.yaml.swp`,
Emacs's `#crm.yaml#`, a merge's `crm.yaml.orig`) is a warning (R081) naming the file it
copies: nothing is missing, but it should not be committed. Other files are left alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.rendering.diagnostics import hint_text, message_text
from generator.validation.validate import validate_roadmap

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
PROJECT = "title: P\naxis: usagers\nlead: {team: DSI}\nstatus: planned\n"


@pytest.fixture
def roadmap(tmp_path: Path) -> Path:
    folder = tmp_path / "roadmap"
    shutil.copytree(MINIMAL, folder)
    return folder


def unread(folder: Path) -> dict[str, tuple[str, str, str, bool]]:
    """Each R024/R081 diagnostic by file: code, French message, hint, whether an error."""
    return {
        d.file.split("roadmap/", 1)[-1]: (d.code, message_text(d, "fr"), hint_text(d, "fr") or "",
                                           d.is_error)
        for d in validate_roadmap(folder).diagnostics
        if d.code in ("R024", "R081")
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "fragment", "should_be"),
    [
        ("projects/crm.yml", "« .yaml » (en minuscules)", "projects/crm.yaml"),
        ("projects/crm.YAML", "« .yaml » (en minuscules)", "projects/crm.yaml"),
        ("projects/sub/crm.yaml", "sous-dossier", "projects/crm.yaml"),
        ("projects/.crm.yaml", "fichier caché", "projects/crm.yaml"),
        ("projet/crm.yaml", "presque comme projects/", "projects/crm.yaml"),
        ("Projects/crm.yml", "presque comme projects/", "projects/crm.yaml"),
        ("roadmap.yml", "« .yaml » (en minuscules)", "roadmap.yaml"),
    ],
)
def test_a_file_meant_to_be_read_is_an_error(
    roadmap: Path, name: str, fragment: str, should_be: str
) -> None:
    path = roadmap / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PROJECT, encoding="utf-8")
    found = unread(roadmap)
    assert list(found) == [name], found
    code, message, hint, is_error = found[name]
    assert code == "R024" and is_error
    assert fragment in message, message
    assert f"« {should_be} »" in hint, hint


@pytest.mark.parametrize(
    ("name", "original"),
    [
        ("projects/socle.yaml~", "projects/socle.yaml"),
        ("projects/socle.yaml.bak", "projects/socle.yaml"),
        ("projects/socle.yaml.orig", "projects/socle.yaml"),
        ("projects/.socle.yaml.swp", "projects/socle.yaml"),
        ("projects/#socle.yaml#", "projects/socle.yaml"),
        ("projects/sub/socle.yaml~", "projects/socle.yaml"),
        ("roadmap.yaml~", "roadmap.yaml"),
        ("roadmap.yaml.bak", "roadmap.yaml"),
    ],
)
def test_an_editor_s_copy_is_a_warning_naming_its_original(
    roadmap: Path, name: str, original: str
) -> None:
    path = roadmap / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PROJECT, encoding="utf-8")
    result = validate_roadmap(roadmap)
    assert result.roadmap is not None and not result.errors  # nothing is missing
    found = unread(roadmap)
    assert list(found) == [name], found
    code, message, hint, is_error = found[name]
    assert code == "R081" and not is_error
    assert f"copie de « {original} »" in message and "Supprimez-le" in hint


def test_files_that_are_nobody_s_project_are_left_alone(roadmap: Path) -> None:
    for name in ("projects/README.md", "projects/.gitkeep", "projects/notes.txt.bak",
                 "README.md~", "mkdocs.yml", "docs/index.yaml", "projects/.git/x.yaml",
                 "schemas/projet.schema.yaml"):  # fmt: skip
        path = roadmap / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    assert unread(roadmap) == {}


def test_the_report_says_it_in_plain_words(
    roadmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (roadmap / "projet").mkdir()
    (roadmap / "projet" / "crm.yaml").write_text(PROJECT, encoding="utf-8")
    (roadmap / "projects" / "socle.yaml~").write_text(PROJECT, encoding="utf-8")
    assert main(["validate", str(roadmap)]) == 1
    out = capsys.readouterr().out
    assert "erreur R024" in out and "projet/crm.yaml" in out
    assert "avertissement R081" in out and "projects/socle.yaml~" in out
    # In English too, from the catalogue.
    (roadmap / "projet" / "crm.yaml").unlink()
    found = [d for d in validate_roadmap(roadmap).diagnostics if d.code == "R081"]
    assert "copy of 'projects/socle.yaml'" in message_text(found[0], "en")
