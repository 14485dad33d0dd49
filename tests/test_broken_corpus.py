"""Every broken file gets exit code 1 and a diagnostic at the right line — never a traceback.

Each file in fixtures/broken/ is dropped into a copy of a small valid roadmap as a project
file; its first line says which code is expected and at which line (`# expect: R013 8`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.adapters.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))


def _expectation(path: Path) -> tuple[str, int]:
    match = re.match(r"# expect: (R\d{3}) (\d+)", path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no '# expect: CODE LINE' header"
    return match.group(1), int(match.group(2))


@pytest.fixture
def roadmap_copy(tmp_path: Path) -> Path:
    target = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def test_the_corpus_covers_many_problems() -> None:
    assert len({_expectation(path)[0] for path in BROKEN}) >= 30


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_is_reported_at_its_line(
    broken: Path, roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, line = _expectation(broken)
    shutil.copy(broken, roadmap_copy / "projects" / "broken.yaml")

    exit_code = main(["validate", str(roadmap_copy), "--format", "text"])

    output = capsys.readouterr().out
    assert exit_code == 1, output
    positions = re.findall(r"broken\.yaml:(\d+):(\d+): erreur (R\d{3})", output)
    assert (str(line), code) in [
        (found_line, found_code) for found_line, _, found_code in positions
    ], output
    assert "Traceback" not in output


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
