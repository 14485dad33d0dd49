"""Every broken file gets exit code 1 and a diagnostic at the right place, in the right words —
never a traceback, never the parser's own English.

Each file in fixtures/broken/ is dropped into a copy of a small valid roadmap as a project
file; its first line says which code is expected, at which line and column, and a fragment of
the French message or hint (`# expect: R002 4:7 il manque une espace après « : »`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.adapters.cli import main
from tests.conftest import expected_diagnostic

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))


# What a parser says and a project lead must never read.
PARSER_WORDING = ("while parsing", "while scanning", "expected", "scanner", "found character")


def test_the_corpus_covers_many_problems() -> None:
    assert len(BROKEN) >= 40
    assert len({expected_diagnostic(path)[0] for path in BROKEN}) >= 30


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_is_reported_at_its_line(
    broken: Path, roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, line, column, wording = expected_diagnostic(broken)
    shutil.copy(broken, roadmap_copy / "projects" / "broken.yaml")

    exit_code = main(["validate", str(roadmap_copy), "--format", "json"])

    output = capsys.readouterr().out
    assert exit_code == 1, output
    found = [
        d
        for d in json.loads(output)["diagnostics"]
        if d["file"].endswith("broken.yaml") and d["code"] == code
    ]
    assert (line, column) in [(d["line"], d["column"]) for d in found], output
    at = next(d for d in found if (d["line"], d["column"]) == (line, column))
    assert wording in at["message"] + " " + at["hint"], at


@pytest.mark.parametrize("form", ["text", "json", "github", "gitlab"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_parser_wording_in_any_format(
    form: str, language: str, roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roadmap_file = roadmap_copy / "roadmap.yaml"
    roadmap_file.write_text(
        roadmap_file.read_text(encoding="utf-8") + f"language: {language}\n", encoding="utf-8"
    )
    for broken in BROKEN:
        if expected_diagnostic(broken)[0] in ("R002", "R003"):
            shutil.copy(broken, roadmap_copy / "projects" / broken.name)

    assert main(["validate", str(roadmap_copy), "--format", form]) == 1

    output = capsys.readouterr().out
    assert "Traceback" not in output
    for wording in PARSER_WORDING:
        assert wording not in output.lower(), wording


def test_invalid_utf8_points_at_the_bad_byte(
    roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (roadmap_copy / "projects" / "latin1.yaml").write_bytes(
        b"title: Projet\naxis: usagers\nsummary: \xc9t\xe9 2020\n"
    )
    assert main(["validate", str(roadmap_copy)]) == 1
    assert "latin1.yaml:3:10: erreur R001" in capsys.readouterr().out


def test_no_traceback_from_the_command_line(roadmap_copy: Path) -> None:
    shutil.copy(FIXTURES / "broken" / "python-tag.yaml", roadmap_copy / "projects" / "x.yaml")
    (roadmap_copy / "projects" / "y.yaml").write_bytes(b"\xff\xfe\x00garbage")
    result = subprocess.run(
        [sys.executable, "-m", "generator.adapters.cli", "validate", str(roadmap_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "R005" in result.stdout and "R001" in result.stdout


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_parser_wording_in_the_diagnostics_catalogue(language: str) -> None:
    from babel.messages.pofile import read_po

    locale = Path(__file__).parent.parent / "generator" / "locale"
    with (locale / language / "LC_MESSAGES" / "diagnostics.po").open("rb") as source:
        texts = [m.string for m in read_po(source) if m.id]
    for text in texts:
        # Placeholders ({expected}) are names, not words the reader sees.
        shown = re.sub(r"\{[a-z_]+\}", "", str(text)).lower()
        for wording in PARSER_WORDING:
            assert wording not in shown, text
