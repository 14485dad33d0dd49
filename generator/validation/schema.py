"""The published JSON Schemas of `roadmap.yaml` and project files, generated from the model.

They are committed in `schemas/` (so editors find them through each file's
`yaml-language-server` modeline); a test fails when they drift from the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model import ProjectFile, RoadmapFile

SCHEMA_FILES: dict[str, tuple[type[BaseModel], str]] = {
    "roadmap.schema.json": (RoadmapFile, "Feuille de route (roadmap.yaml)"),
    "project.schema.json": (ProjectFile, "Projet d'une feuille de route (projects/<id>.yaml)"),
}


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, stable (sorted keys, trailing newline)."""
    return {
        name: json.dumps(schema_of(model, title), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
        for name, (model, title) in SCHEMA_FILES.items()
    }


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schema files that differ from the model (or are missing)."""
    stale = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
