"""What the validator prints is bounded and inert, whatever the files hold.

A report quotes a window of each line, not the whole line; lists a bounded number of problems
and says how many more there are; shows control characters, line breaks and bidirectional
overrides from file names and values as a visible replacement character in the terminal and
the CI log (no escape sequence, no forged `::error` line). Dependency loops are found in
linear time and reported once each, as their shortest loop; "did you mean" is bounded.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.diagnostics import Count
from generator.reading.loader import MAX_ALIAS_TEXT
from generator.rendering.diagnostics import MAX_SHOWN, QUOTE_WIDTH, printable, quoted_source
from generator.validation.limits import MAX_SUGGESTIONS, dependency_loops
from generator.validation.validate import (
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    MAX_SUMMARY,
    validate_roadmap,
)

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = "title: {title}\naxis: usagers\nlead: {{team: DSI}}\nstatus: planned\n"


def run(roadmap: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    capsys.readouterr()
    assert main(["validate", str(roadmap), *options]) == 1
    return capsys.readouterr().out


# --- a bounded report ---------------------------------------------------------------------------


def test_a_long_line_is_quoted_around_its_column() -> None:
    line = "tags: [" + ", ".join(str(n) for n in range(5000)) + "]"
    column = line.index("4321") + 1
    shown, caret = quoted_source(line, column)
    assert len(shown) <= QUOTE_WIDTH + 2
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[caret - 1 : caret + 3] == "4321"
    assert quoted_source("title: x", 8) == ("title: x", 8)
    start, caret = quoted_source("a" * 300, 2)
    assert start.endswith("…") and caret == 2 and not start.startswith("…")
    end, caret = quoted_source("a" * 299 + "b", 300)
    assert end.startswith("…") and end[caret - 1] == "b"


def test_a_one_line_list_of_many_wrong_items_prints_a_bounded_report(
    roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Numbers where milestone titles are texts: lists at their longest (MAX_LIST_ITEMS), on
    # one line, in 15 files.
    items = ", ".join(f"{{title: {n}, due: 2021-01-01, done: 2021-01-01}}" for n in range(200))
    for number in range(15):
        (roadmap_copy / "projects" / f"liste-{number:02d}.yaml").write_text(
            PROJECT.format(title="Liste") + f"milestones: [{items}]\n", encoding="utf-8"
        )
    start = time.perf_counter()
    out = run(roadmap_copy, capsys)
    elapsed = time.perf_counter() - start
    # Without bounds: 3,000 problems each quoting the 11 kB line, 33 MB.
    assert len(out.encode()) < 400_000, len(out)
    assert elapsed < 20
    assert out.count("erreur R014") == MAX_SHOWN
    assert f"… et {3000 - MAX_SHOWN} autre(s) problème(s)" in out
    assert max(len(line) for line in out.splitlines()) < 400

    github = run(roadmap_copy, capsys, "--format", "github")
    assert github.count("::error ") == MAX_SHOWN
    assert github.splitlines()[-1].startswith("::notice::")
    # The JSON report lists every problem, for tools.
    assert len(json.loads(run(roadmap_copy, capsys, "--format", "json"))["diagnostics"]) == 3000


# --- nothing reaches the terminal or the CI log but text ----------------------------------------

HOSTILE_NAME = "x\x1b[2J\x1b]0;titre\x07\n::error file=ok.yaml::forged\r\u202egnp"


def test_file_names_cannot_drive_the_terminal_or_the_ci_log(
    roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (roadmap_copy / "projects" / f"{HOSTILE_NAME}.yaml").write_text(
        PROJECT.format(title="Projet") + "statut: fini\n", encoding="utf-8"
    )
    for form in ("text", "github"):
        out = run(roadmap_copy, capsys, "--format", form)
        assert not any(c in out for c in "\x1b\x07\r\u202e"), repr(out)
        lines = out.splitlines()
        if form == "github":
            # One command a line, each on the real file: the forged one is only text inside.
            real = f"::error file={roadmap_copy.as_posix()}/projects/x"
            assert all(line.startswith(real) for line in lines), lines
        else:
            assert not any(line.startswith("::") for line in lines), lines
            assert "x\ufffd[2J" in out
    gitlab = json.loads(run(roadmap_copy, capsys, "--format", "gitlab"))
    assert all("\x1b" not in issue["description"] for issue in gitlab)


def test_values_cannot_add_lines_to_the_report(
    roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (roadmap_copy / "projects" / "valeur.yaml").write_text(
        PROJECT.format(title="Projet").replace(
            "status: planned", 'status: "x\\n::error::forged\\n\\u2705 Feuille valide\\u001b[0m"'
        ),
        encoding="utf-8",
    )
    for form in ("text", "github"):
        out = run(roadmap_copy, capsys, "--format", form)
        assert "\x1b" not in out
        assert not any(line.startswith(("::error::", "✅")) for line in out.splitlines()), out


def test_printable_keeps_columns() -> None:
    assert printable("a\tb\x1b[0m\u202ec\n") == "a\ufffdb\ufffd[0m\ufffdc\ufffd"
    assert printable("Été « ok » — 12 %") == "Été « ok » — 12 %"


# --- loops and suggestions in bounded time ------------------------------------------------------


def test_loops_are_found_once_each_as_their_shortest_loop() -> None:
    graph = {
        "a": ["b"], "b": ["c", "a"], "c": ["a"],  # one group: a→b→a is the shortest
        "d": ["d"],  # depends on itself
        "e": ["f"], "f": ["g"], "g": ["e", "inconnu"],  # another group
        "h": ["a"],  # depends on a loop, is not in one
    }  # fmt: skip
    assert dependency_loops(graph) == [["a", "b"], ["d"], ["e", "f", "g"]]


def test_a_crafted_dependency_web_is_checked_in_linear_time() -> None:
    # 20,000 projects, each depending on the next three (modulo): one group, millions of
    # elementary loops, which the enumeration of loops took minutes and gigabytes to list.
    count = 20_000
    graph = {f"p{n}": [f"p{(n + k) % count}" for k in (1, 2, 3)] for n in range(count)}
    start = time.perf_counter()
    loops = dependency_loops(graph)
    assert time.perf_counter() - start < 5
    [loop] = loops
    assert loop[0] == "p0" and len(loop) == -(-count // 3)  # 6,667 steps of three
    chain = {f"c{n}": [f"c{n + 1}"] for n in range(50_000)}  # deeper than Python's stack
    assert dependency_loops(chain) == []


def test_dependency_loops_are_reported_once(roadmap_copy: Path) -> None:
    projects = roadmap_copy / "projects"
    for n in range(300):
        deps = ", ".join(f"p{(n + k) % 300}" for k in (1, 2, 3))
        (projects / f"p{n}.yaml").write_text(
            PROJECT.format(title=f"P{n}") + f"depends_on: [{deps}]\n", encoding="utf-8"
        )
    start = time.perf_counter()
    result = validate_roadmap(roadmap_copy)
    assert time.perf_counter() - start < 30
    [loop] = [d for d in result.errors if d.code == "R033"]
    assert loop.file.endswith("p0.yaml")
    assert str(loop.parameters["cycle"]).count("→") == 100  # p0 → p3 → … → p297 → p0


def test_did_you_mean_is_bounded(roadmap_copy: Path) -> None:
    for part in range(6):  # 50 dependencies each: the longest list of depends_on
        unknown = ", ".join(f"socle-{n}" for n in range(part * 50, (part + 1) * 50))
        (roadmap_copy / "projects" / f"refs-{part}.yaml").write_text(
            PROJECT.format(title="Refs") + f"depends_on: [{unknown}]\n", encoding="utf-8"
        )
    assert MAX_SUGGESTIONS + 100 == 6 * 50
    found = [d for d in validate_roadmap(roadmap_copy).errors if d.code == "R032"]
    assert len(found) == MAX_SUGGESTIONS + 100
    suggested = [d for d in found if d.parameters.get("suggestion")]
    assert len(suggested) == MAX_SUGGESTIONS
    assert suggested[0].parameters["suggestion"] == "socle"


# --- a small file cannot make a huge site ------------------------------------------------------


def test_a_long_text_repeated_by_references_is_refused(roadmap_copy: Path) -> None:
    title = "x" * 100_000
    milestones = "\n".join("  - {title: *t, due: 2021-01-01}" for _ in range(1000))
    (roadmap_copy / "projects" / "ampli.yaml").write_text(
        f"title: &t {title}\naxis: usagers\nlead: {{team: DSI}}\nstatus: planned\n"
        f"milestones:\n{milestones}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    result = validate_roadmap(roadmap_copy)
    assert time.perf_counter() - start < 10
    [problem] = result.errors
    # The eleventh reference brings the repeated text past a million characters.
    assert (problem.code, problem.line, problem.column) == ("R008", 16, 13)
    assert problem.parameters["limit"] == Count(MAX_ALIAS_TEXT)


@pytest.mark.parametrize(("field", "limit"), [
    ("title", MAX_SHORT_TEXT), ("summary", MAX_SUMMARY), ("description", MAX_LONG_TEXT),
    ("sponsor", MAX_SHORT_TEXT),
])  # fmt: skip
def test_each_kind_of_text_has_its_longest(roadmap_copy: Path, field: str, limit: int) -> None:
    def project(length: int) -> str:
        text = PROJECT.format(title="Projet")
        line = f"{field}: {'a' * length}\n"
        return text.replace("title: Projet\n", line) if field == "title" else text + line

    path = roadmap_copy / "projects" / "texte.yaml"
    path.write_text(project(limit), encoding="utf-8")
    assert validate_roadmap(roadmap_copy).roadmap is not None
    path.write_text(project(limit + 1), encoding="utf-8")
    [problem] = validate_roadmap(roadmap_copy).errors
    assert (problem.code, problem.path) == ("R029", (field,))
    assert problem.parameters["length"] == Count(limit + 1)


def test_a_long_tag_and_milestone_title_are_refused(roadmap_copy: Path) -> None:
    (roadmap_copy / "projects" / "texte.yaml").write_text(
        PROJECT.format(title="Projet")
        + f"tags: [court, {'t' * 301}]\nmilestones:\n  - {{title: {'m' * 301}, due: 2021-01-01}}\n",
        encoding="utf-8",
    )
    found = {d.path for d in validate_roadmap(roadmap_copy).errors if d.code == "R029"}
    assert found == {("tags", 1), ("milestones", 0, "title")}
