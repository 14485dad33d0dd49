"""Small real git repositories of roadmaps, for the history tests: each commit a situation."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROADMAP = """\
title: Feuille de route de test
organisation: Département de test
as_of: {as_of}
period: {{start: 2020-01-01, end: 2022-12-31}}
axes:
  - id: usagers
    title: Usagers
contact: numerique@essai.example
accessibility: {{compliance: none, statement_date: 2020-01-15}}
{extra}"""

PROJECT = """\
title: {title}
axis: usagers
lead: {{team: DSI}}
status: {status}
start: 2020-01-01
end: 2021-12-31
health: {{value: {health}, date: {as_of}}}
budget:
  lines:
    - {{year: 2020, planned: 100000, committed: {committed}, spent: {spent}}}
milestones:
  - {{title: Lancement, due: 2020-02-01, done: 2020-02-10}}
  - {{title: Recette, due: 2020-09-30, forecast: {forecast}, explanation: Retard du lot.}}
updates:
  - {{date: {as_of}, text: Point du {as_of}.}}
{extra}"""
# A rebaseline, for a project's `extra` field.
REBASELINE = """\
rebaselines:
  - {date: 2020-08-14, decision: Conseil de pilotage du 14 août 2020, reason: Lot décalé.,
     end: 2022-06-30}
"""

_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2021-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2021-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=_ENV, check=True, capture_output=True,
                          text=True).stdout.strip()  # fmt: skip


def init(root: Path) -> Path:
    """A new repository in `root`; returns its roadmap folder."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    folder = root / "roadmap"
    (folder / "projects").mkdir(parents=True)
    return folder


def write_situation(folder: Path, as_of: str, projects: dict[str, dict[str, str]],
                    extra: str = "") -> None:  # fmt: skip
    """Write roadmap.yaml and the given projects (id -> fields); others are removed."""
    (folder / "roadmap.yaml").write_text(ROADMAP.format(as_of=as_of, extra=extra), "utf-8")
    for path in (folder / "projects").glob("*.yaml"):
        if path.stem not in projects:
            path.unlink()
    for project_id, fields in projects.items():
        values = {"title": project_id.capitalize(), "status": "in_progress", "health": "good",
                  "committed": "50000", "spent": "20000", "forecast": "2020-09-30",
                  "as_of": as_of, "extra": "", **fields}  # fmt: skip
        (folder / "projects" / f"{project_id}.yaml").write_text(PROJECT.format(**values), "utf-8")


def commit(root: Path, message: str = "situation") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD")
