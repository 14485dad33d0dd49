"""The worst-case roadmap generator keeps working (scripts/worst_case_roadmap.py).

Each kind, written at a small scale, is what it claims: the roadmaps meant to build validate
without an error, the others are refused for the limit they push; and a measurement runs
end to end on the smallest case. The measurements at the limits themselves are in
docs/reference/limites.md (minutes of work: not a test).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.validation.validate import validate_roadmap

SCRIPT = Path(__file__).parent.parent / "scripts" / "worst_case_roadmap.py"


@pytest.fixture(scope="module")
def worst() -> ModuleType:
    spec = importlib.util.spec_from_file_location("worst_case_roadmap", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["projects", "texts", "lists", "aliases"])
def test_a_worst_case_meant_to_build_validates(
    worst: ModuleType, kind: str, tmp_path: Path
) -> None:
    described = worst.write_worst_case(tmp_path, kind, 0.0001)
    assert described
    result = validate_roadmap(tmp_path)
    assert not result.errors, [(e.code, e.file, e.line) for e in result.errors[:5]]
    assert result.roadmap is not None and result.roadmap.projects


def test_texts_are_at_their_caps_and_files_near_their_size_limit(
    worst: ModuleType, tmp_path: Path
) -> None:
    from generator.reading.loader import MAX_FILE_BYTES
    from generator.validation.validate import MAX_LONG_TEXT, MAX_SHORT_TEXT

    worst.write_worst_case(tmp_path, "texts", 0.0001)
    [project] = validate_roadmap(tmp_path).roadmap.projects  # type: ignore[union-attr]
    assert len(project.title) == MAX_SHORT_TEXT
    assert project.description is not None and len(project.description) == MAX_LONG_TEXT
    size = next((tmp_path / "projects").iterdir()).stat().st_size
    assert 0.9 * MAX_FILE_BYTES < size <= MAX_FILE_BYTES


def test_the_lists_are_at_their_longest(worst: ModuleType, tmp_path: Path) -> None:
    from generator.validation.limits import MAX_LIST_ITEMS

    worst.write_worst_case(tmp_path, "lists", 0.0001)
    [project] = validate_roadmap(tmp_path).roadmap.projects  # type: ignore[union-attr]
    assert len(project.milestones) == MAX_LIST_ITEMS["milestones"]
    assert len(project.indicators) == MAX_LIST_ITEMS["indicators"]
    assert {len(i.measurements) for i in project.indicators} == {MAX_LIST_ITEMS["measurements"]}


@pytest.mark.parametrize(
    ("kind", "scale", "code"),
    [("nesting", 1, "R015"), ("nesting", 65 / 64, "R008"), ("diagnostics", 0.0001, "R083")],
)
def test_a_worst_case_of_problems_is_refused_for_its_limit(
    worst: ModuleType, kind: str, scale: float, code: str, tmp_path: Path
) -> None:
    # At the deepest nesting allowed, the list is refused as a wrong value; one level more,
    # the file is not read.
    worst.write_worst_case(tmp_path, kind, scale)
    assert code in {e.code for e in validate_roadmap(tmp_path).errors}


def test_a_measurement_runs_end_to_end(worst: ModuleType, tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    assert worst.main(["--kind", "nesting", "--scale", "1", "--out", str(tmp_path / "work"),
                       "--json", str(results)]) == 0  # fmt: skip
    [result] = json.loads(results.read_text(encoding="utf-8"))
    assert result["validate"]["exit"] == 1  # refused: too deep
    assert result["validate"]["peak_mb"] > 0 and result["validate"]["cpu_seconds"] > 0
