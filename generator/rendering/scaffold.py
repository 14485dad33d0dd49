"""Starter files: `roadmap new project` writes a valid, commented project file.

The file's text, comments included, is the `project_file` entry of the `scaffold` catalogue,
so that a project lead reads the comments in the roadmap's language.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.i18n import DEFAULT_LANGUAGE, words


def starter_project(
    project_id: str, axis: str, title: str, language: str = DEFAULT_LANGUAGE
) -> str:
    """The text of a new, valid project file."""
    return words(language, "scaffold")(
        "project_file",
        id=project_id,
        axis=axis,
        title=title,
        title_yaml=json.dumps(title, ensure_ascii=False),
    )


def create_project_file(
    folder: Path, project_id: str, axis: str, title: str, language: str = DEFAULT_LANGUAGE
) -> Path:
    """Write projects/<id>.yaml; refuses to replace an existing file (FileExistsError)."""
    path = folder / "projects" / f"{project_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(starter_project(project_id, axis, title, language))
    return path
