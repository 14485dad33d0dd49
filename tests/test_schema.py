"""The published JSON Schemas match the model, and every roadmap file points editors at them."""

from __future__ import annotations

import json
from pathlib import Path

from generator.rendering.reference import render_codes_page
from generator.validation.schema import render_schemas

ROOT = Path(__file__).parent.parent


def test_committed_schemas_match_the_model() -> None:
    for name, text in render_schemas().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `roadmap schema`"


def test_schemas_carry_french_descriptions() -> None:
    schema = json.loads((ROOT / "schemas" / "project.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["status"]["description"].startswith("planned, in_progress")
    assert "Crédits prévus" in json.dumps(schema, ensure_ascii=False)
    assert schema["additionalProperties"] is False


def test_every_example_file_has_a_schema_modeline() -> None:
    roadmap = (ROOT / "roadmap" / "roadmap.yaml").read_text(encoding="utf-8")
    assert roadmap.startswith("# yaml-language-server: $schema=../schemas/roadmap.schema.json\n")
    for path in (ROOT / "roadmap" / "projects").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/project.schema.json", path


def test_codes_page_is_up_to_date_and_complete() -> None:
    page = render_codes_page("fr")
    assert (ROOT / "docs" / "reference" / "codes.md").read_text(encoding="utf-8") == page, (
        "docs/reference/codes.md is stale: run `roadmap codes > docs/reference/codes.md`"
    )
    assert page.count("Faux :") == page.count("## R")
