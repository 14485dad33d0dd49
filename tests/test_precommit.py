"""The pre-commit hooks: the published hook (.pre-commit-hooks.yaml) is well-formed, matches
the roadmap's files only, and its command exists and works; this repository's own
configuration runs the same check, and ruff."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.adapters.cli import build_parser, cmd_validate

REPO_ROOT = Path(__file__).resolve().parent.parent
HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"
CONFIG = REPO_ROOT / ".pre-commit-config.yaml"
EXAMPLE = REPO_ROOT / "roadmap"
# What pre-commit accepts in a hook definition.
LANGUAGES = {"conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang",
             "haskell", "julia", "lua", "node", "perl", "pygrep", "python", "r", "ruby",
             "rust", "script", "swift", "system", "unsupported", "unsupported_script"}  # fmt: skip
HOOK_KEYS = {"id", "name", "entry", "language", "files", "exclude", "types", "types_or",
             "exclude_types", "always_run", "fail_fast", "verbose", "pass_filenames",
             "require_serial", "description", "language_version", "log_file",
             "minimum_pre_commit_version", "args", "stages", "additional_dependencies"}  # fmt: skip


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hook() -> dict[str, Any]:
    hooks = load(HOOKS)
    assert isinstance(hooks, list) and len(hooks) == 1
    (definition,) = hooks
    assert isinstance(definition, dict)
    return definition


def test_hook_is_well_formed(hook: dict[str, Any]) -> None:
    assert set(hook) <= HOOK_KEYS
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "roadmap-validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # the rules span files: check the whole roadmap


@pytest.mark.parametrize(("path", "matches"), [
    ("roadmap/roadmap.yaml", True),
    ("roadmap/projects/grc.yaml", True),
    ("roadmap/projects/portail-agents.yaml", True),
    ("roadmap/projects/sous-dossier/grc.yaml", False),
    ("roadmap/notes.md", False),
    ("mkdocs.yml", False),
    ("docs/roadmap/roadmap.yaml", False),
    (".github/workflows/verification.yml", False),
])  # fmt: skip
def test_hook_runs_for_roadmap_files_only(hook: dict[str, Any], path: str, matches: bool) -> None:
    # pre-commit matches `files` with re.search against the path from the repository root.
    assert bool(re.search(hook["files"], path)) is matches


def test_hook_command_exists(hook: dict[str, Any]) -> None:
    """`language: python` installs this package, whose console script gives the command."""
    program, *arguments = shlex.split(hook["entry"])
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"][program] == "generator.adapters.cli:main"
    assert build_parser().parse_args(arguments).handler is cmd_validate


def run_hook(hook: dict[str, Any], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's command as pre-commit runs it: from the repository root, no file names."""
    program, *arguments = shlex.split(hook["entry"])
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    executable = shutil.which(program, path=search)
    assert executable, f"« {program} » introuvable : pip install -e ."
    return subprocess.run([executable, *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def test_hook_passes_and_fails_like_the_validator(hook: dict[str, Any], tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "roadmap")
    assert run_hook(hook, tmp_path).returncode == 0
    grc = tmp_path / "roadmap" / "projects" / "grc.yaml"
    broken = grc.read_text(encoding="utf-8").replace("status: in_progress", "status: en cours")
    grc.write_text(broken, encoding="utf-8")
    failed = run_hook(hook, tmp_path)
    assert failed.returncode == 1
    assert "roadmap/projects/grc.yaml" in failed.stdout and "R016" in failed.stdout


def test_own_configuration(hook: dict[str, Any]) -> None:
    config = load(CONFIG)
    repos = {entry["repo"]: entry for entry in config["repos"]}
    (local,) = repos["local"]["hooks"]
    # The same check as the published hook, with this repository's own virtualenv.
    assert {k: local[k] for k in ("id", "entry", "files", "pass_filenames")} == \
        {k: hook[k] for k in ("id", "entry", "files", "pass_filenames")}  # fmt: skip
    assert local["language"] == "system"
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])  # a release tag, not a branch
    assert [h["id"] for h in ruff["hooks"]] == ["ruff-check"]
