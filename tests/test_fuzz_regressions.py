"""Inputs that once crashed the validator or misplaced a diagnostic stay fixed.

Each file in fixtures/fuzz-regressions/ is read the ways the fuzz target reads its input
(fuzz/fuzz_validate.py): as a project file and as the roadmap.yaml of a small valid
roadmap. Whatever the role, the command prints no traceback, every diagnostic points at a
line and column of its file, and a roadmap that validates goes through the site
generation. A file's header says which diagnostic a role must give and where
(`# expect as project: R012 8:13`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate_site
from generator.validation.codes import RULES
from generator.validation.validate import ROADMAP_FILE, validate_roadmap

FIXTURES = Path(__file__).parent / "fixtures"
REGRESSIONS = sorted((FIXTURES / "fuzz-regressions").glob("*.yaml"))
ROLES = {"project": Path("projects") / "fuzz.yaml", "roadmap": Path(ROADMAP_FILE)}
_EXPECT = re.compile(rb"# expect as (project|roadmap): (R\d{3}) (\d+):(\d+)")


def _expectations(raw: bytes) -> dict[str, tuple[str, int, int]]:
    return {
        match.group(1).decode(): (match.group(2).decode(), int(match.group(3)), int(match.group(4)))
        for match in _EXPECT.finditer(raw)
    }


def _placed(raw: bytes, role: str, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the minimal roadmap with `raw` written as the file of `role`."""
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    target = folder / ROLES[role]
    target.write_bytes(raw)
    return folder, target


def test_every_regression_says_what_it_expects() -> None:
    assert REGRESSIONS
    for path in REGRESSIONS:
        assert _expectations(path.read_bytes()), f"{path.name} has no '# expect as' header"


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("regression", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_a_past_crash_input_gives_positioned_diagnostics(
    regression: Path, role: str, tmp_path: Path
) -> None:
    raw = regression.read_bytes()
    folder, target = _placed(raw, role, tmp_path)

    result = validate_roadmap(folder)

    for problem in result.diagnostics:
        assert problem.code in RULES
        text = Path(problem.file).read_bytes().decode("utf-8", errors="replace")
        lines = text.removeprefix("\ufeff").splitlines() or [""]
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem
    expected = _expectations(raw).get(role)
    if expected is not None:
        found = [(d.code, d.line, d.column) for d in result.errors if Path(d.file) == target]
        assert expected in found, found
    if result.roadmap is not None:
        generate_site(folder)


def test_the_command_prints_no_traceback_for_any_past_crash_input(tmp_path: Path) -> None:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    for regression in REGRESSIONS:
        shutil.copy(regression, folder / "projects" / regression.name)
    completed = subprocess.run(
        [sys.executable, "-m", "generator.adapters.cli", "validate", str(folder)],
        capture_output=True,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output.decode("utf-8", errors="replace")
    assert b"Traceback" not in output
    for regression in REGRESSIONS:
        assert regression.name.encode() in completed.stdout
