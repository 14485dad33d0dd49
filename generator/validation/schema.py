"""The published JSON Schemas of `roadmap.yaml` and project files, generated from the model.

They are committed in `schemas/` (so editors find them through each file's
`yaml-language-server` modeline); a test fails when they drift from the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.i18n import DEFAULT_LANGUAGE, Words, words
from generator.model import ProjectFile, RoadmapFile

SCHEMA_FILES: dict[str, tuple[type[BaseModel], str]] = {
    "roadmap.schema.json": (RoadmapFile, "Feuille de route (roadmap.yaml)"),
    "project.schema.json": (ProjectFile, "Projet d'une feuille de route (projects/<id>.yaml)"),
}


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    _for_editors(schema, str(schema.get("title", "")), _words())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def _words() -> Words:
    """The schema's own words: one committed schema, in the default language."""
    return words(DEFAULT_LANGUAGE, "schema")


def _for_editors(node: Any, name: str, w: Words) -> None:
    """What an editor shows as you type: a description for each value of a choice
    (`enumDescriptions`, read by the YAML extension of VS Code) and an example for each
    field that has neither an example nor a default (`example.<Definition>.<field>`, a JSON
    value, in the `schema` catalogue)."""
    if isinstance(node, list):
        for item in node:
            _for_editors(item, name, w)
        return
    if not isinstance(node, dict):
        return
    if "enum" in node:
        node["enumDescriptions"] = [w(f"enum.{value}") for value in node["enum"]]
    for definition, child in (node.get("$defs") or {}).items():
        _for_editors(child, definition, w)
    for field, child in (node.get("properties") or {}).items():
        key = f"example.{name}.{field}"
        missing = isinstance(child, dict) and not {"examples", "default"} & child.keys()
        if missing and w.has(key):
            child["examples"] = [json.loads(w(key))]
        _for_editors(child, name, w)
    for part in ("items", "anyOf", "allOf", "oneOf"):
        if part in node:
            _for_editors(node[part], name, w)


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
