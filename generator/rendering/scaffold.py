"""Starter files: `roadmap new project` writes a valid, commented project file.

The file's text, comments included, is the `project_file` entry of the `scaffold` catalogue,
so that a project lead reads the comments in the roadmap's language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.i18n import DEFAULT_LANGUAGE, words
from generator.model import SLUG_PATTERN

_SLUG = re.compile(r"\A" + SLUG_PATTERN.removeprefix("^").removesuffix("$") + r"\Z")
# Line breaks (all of them, U+2028 and NEL included) and other controls: in a comment, the
# title must stay on the comment's line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def starter_project(
    project_id: str, axis: str, title: str, language: str = DEFAULT_LANGUAGE
) -> str:
    """The text of a new, valid project file. The id must be a slug (ValueError otherwise);
    the axis is written as a YAML text unless it is one, and the title, in the file's comment,
    on one line: nothing given on the command line can add a line to the file."""
    if not _SLUG.match(project_id):
        raise ValueError(f"not a project id: {project_id!r}")
    title = _one_line(title)
    return words(language, "scaffold")(
        "project_file",
        id=project_id,
        axis=axis if _SLUG.match(axis) else json.dumps(axis),
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
