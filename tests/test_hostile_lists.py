"""Lists are bounded by field before a file is checked (R082).

A list longer than its field allows (`MAX_LIST_ITEMS`) is one error, at its first item too
many, and the file is checked no further: 200,000 wrong values in one list made 200,000
problems (and as many objects), and 40,000 milestones a page of tens of megabytes.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from generator.rendering.diagnostics import message_text
from generator.validation import validate
from generator.validation.limits import (
    MAX_FILE_PROBLEMS,
    MAX_LIST_ITEMS,
    MAX_OTHER_LIST,
    long_lists,
    weight,
)
from generator.validation.validate import validate_roadmap

PROJECT = "title: Liste\naxis: usagers\nlead: {team: DSI}\nstatus: planned\n"


def milestones(count: int) -> str:
    return "milestones:\n" + "".join(
        f"  - {{title: Jalon {n}, due: 2021-06-01}}\n" for n in range(count)
    )


def test_a_list_at_its_limit_is_accepted_one_more_is_refused_at_that_item(
    roadmap_copy: Path,
) -> None:
    limit = MAX_LIST_ITEMS["milestones"]
    path = roadmap_copy / "projects" / "liste.yaml"
    path.write_text(PROJECT + milestones(limit), encoding="utf-8")
    assert not validate_roadmap(roadmap_copy).errors

    path.write_text(PROJECT + milestones(limit + 1), encoding="utf-8")
    [problem] = validate_roadmap(roadmap_copy).errors
    assert problem.code == "R082"
    # The first item too many: line 1 of the list is `milestones:`, items follow.
    assert problem.line == 4 + 1 + limit + 1 and problem.column == 5
    assert message_text(problem, "fr") == (
        f"« milestones » compte {limit + 1} éléments, pour {limit} au plus dans ce champ : "
        "le fichier n'est pas vérifié plus loin."
    )


def test_a_huge_list_of_wrong_values_is_one_problem_quickly(roadmap_copy: Path) -> None:
    items = ", ".join(str(n % 10) for n in range(190_000))  # numbers where tags are texts
    (roadmap_copy / "projects" / "liste.yaml").write_text(
        PROJECT + f"tags: [{items}]\n", encoding="utf-8"
    )
    start = time.perf_counter()
    errors = validate_roadmap(roadmap_copy).errors
    assert time.perf_counter() - start < 30  # a few seconds; the machine may be shared
    assert [e.code for e in errors] == ["R082"]


def test_every_list_is_measured_and_nested_ones_too() -> None:
    data = {
        "tags": ["x"] * (MAX_LIST_ITEMS["tags"] + 1),
        "indicators": [{"measurements": [{}] * (MAX_LIST_ITEMS["measurements"] + 1)}],
        "title": [1] * (MAX_OTHER_LIST + 1),
        "links": [{}] * MAX_LIST_ITEMS["links"],
    }
    found = {path: (length, limit) for path, length, limit in long_lists(data)}
    assert found == {
        ("tags",): (31, 30),
        ("indicators", 0, "measurements"): (501, 500),
        ("title",): (MAX_OTHER_LIST + 1, MAX_OTHER_LIST),
    }


def test_a_file_lists_its_first_problems_then_counts_the_others(roadmap_copy: Path) -> None:
    # 200 indicators' worth of wrong measurements: 50 indicators of 500 wrong values.
    indicators = "".join(
        f"  - id: i{k}\n    title: I\n    unit: u\n    baseline: {{date: 2020-01-01, value: 0}}\n"
        "    target: {date: 2021-01-01, value: 1}\n    measurements:\n"
        + "".join("      - {date: 2020-02-01, value: x}\n" for _ in range(500))
        for k in range(MAX_LIST_ITEMS["indicators"])
    )
    (roadmap_copy / "projects" / "faux.yaml").write_text(
        PROJECT + "indicators:\n" + indicators, encoding="utf-8"
    )
    errors = validate_roadmap(roadmap_copy).errors
    assert len(errors) == MAX_FILE_PROBLEMS + 1
    *listed, rest = errors
    assert len({e.code for e in listed}) == 1  # the same wrong value, listed 1,000 times
    assert rest.code == "R083"
    assert message_text(rest, "fr").startswith(
        f"Ce fichier a encore {50 * 500 - MAX_FILE_PROBLEMS:,} problème(s)".replace(",", " ")
    )
    # It points at the first problem not listed: the 1,001st wrong value.
    assert (rest.line, rest.column) > (listed[-1].line, listed[-1].column)


# --- the whole roadmap's values and text, references expanded ---------------------------------


def test_weight_counts_values_and_characters_references_expanded() -> None:
    from generator.reading.loader import load_text

    source, problems = load_text(
        b"title: &t abcde\nmilestones:\n  - {title: *t}\n  - {title: *t}\n", "x.yaml"
    )
    assert not problems
    data = source.data
    # The mapping, 2 keys' values, the list, 2 milestones and their titles; 5 characters
    # three times, and the keys (title, milestones, title, title).
    assert weight(data) == (1 + 1 + 1 + 2 * 2, 3 * 5 + len("titlemilestonestitletitle"))


@pytest.mark.parametrize(
    ("limit", "what"),
    [("MAX_ROADMAP_VALUES", "valeurs de toute la feuille de route"),
     ("MAX_ROADMAP_TEXT", "caractères de texte de toute la feuille de route")],
)  # fmt: skip
def test_a_roadmap_beyond_its_total_weight_stops_at_the_file_that_crosses_it(
    roadmap_copy: Path, monkeypatch: pytest.MonkeyPatch, limit: str, what: str
) -> None:
    roadmap_weight = weight(load(roadmap_copy / "roadmap.yaml"))
    socle = weight(load(roadmap_copy / "projects" / "socle.yaml"))
    index = 0 if limit == "MAX_ROADMAP_VALUES" else 1
    for name in ("a", "b", "c"):
        shutil.copy(
            roadmap_copy / "projects" / "socle.yaml", roadmap_copy / "projects" / f"{name}.yaml"
        )
    # Room for roadmap.yaml and two project files (a, b): the third (c) crosses the bound.
    monkeypatch.setattr(validate, limit, roadmap_weight[index] + 2 * socle[index] + 1)
    problems = validate.validate_roadmap(roadmap_copy).errors
    assert [(Path(p.file).name, p.code) for p in problems] == [("c.yaml", "R022")]
    assert what in message_text(problems[0], "fr")


def load(path: Path) -> object:
    from generator.reading.loader import load_text

    source, _ = load_text(path.read_bytes(), path.name)
    return source.data


def test_the_limits_page_gives_the_new_values() -> None:
    page = (Path(__file__).parent.parent / "docs" / "reference" / "limites.md").read_text("utf-8")
    values = [f"{value:,}".replace(",", " ") for value in (
        MAX_FILE_PROBLEMS, validate.MAX_ROADMAP_VALUES, validate.MAX_ROADMAP_TEXT,
        validate.MAX_PROJECT_FILES, *MAX_LIST_ITEMS.values())]  # fmt: skip
    missing = [value for value in values if value not in page]
    assert not missing, missing
    assert all(f"`{name}`" in page for name in MAX_LIST_ITEMS)
