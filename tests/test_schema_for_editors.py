"""The committed JSON Schemas help as you type in an editor (VS Code and its YAML extension):
every field has a description shown on hover and an example or a default, every value of a
choice has its own description in the completion list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.validation.schema import SCHEMA_FILES

SCHEMAS = Path(__file__).parent.parent / "schemas"


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, list):
        for item in node:
            yield from _properties(item, where)
    elif isinstance(node, dict):
        for name, child in (node.get("$defs") or {}).items():
            yield from _properties(child, name)
        for name, child in (node.get("properties") or {}).items():
            yield f"{where}.{name}", child
            yield from _properties(child, where)
        for part in ("items", "anyOf", "allOf", "oneOf"):
            if part in node:
                yield from _properties(node[part], where)


def _enums(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield node
        for child in node.values():
            yield from _enums(child)
    elif isinstance(node, list):
        for child in node:
            yield from _enums(child)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_field_has_a_description_and_an_example(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    fields = list(_properties(schema))
    assert len(fields) > 20
    for where, field in fields:
        assert field.get("description", "").strip(), where
        assert "examples" in field or "default" in field, where
        for example in field.get("examples", []):
            if field.get("format") == "date":
                dt.date.fromisoformat(example)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_value_of_a_choice_has_a_description(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    enums = list(_enums(schema))
    assert enums or name == "roadmap.schema.json"  # the roadmap file has no choice
    for enum in enums:
        descriptions = enum.get("enumDescriptions", [])
        assert len(descriptions) == len(enum["enum"]), enum
        assert all(text.strip() for text in descriptions), enum


def test_a_starter_file_points_its_editor_at_the_schema() -> None:
    from generator.rendering.scaffold import starter_project

    first = starter_project("p", "usagers", "P").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/project.schema.json"
