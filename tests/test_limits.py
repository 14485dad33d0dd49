"""Hostile files are refused quickly, with a message that says which limit and where.

Each input is dropped as a project file into a small valid roadmap, and the whole roadmap
is validated. The time bound (5 s) is a generous safety net for slow CI machines, not a
performance target: the loader refuses each of these in well under a second. The limits
themselves are documented in docs/reference/limites.md.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic
from generator.reading import loader
from generator.rendering.diagnostics import hint_text, message_text
from generator.validation import validate
from generator.validation.validate import validate_roadmap

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = Path(__file__).parent.parent / "docs" / "reference" / "limites.md"
# A bound on runaway work (the failures this file guards against took minutes), not a speed
# measure: the machines that run the tests are shared, and their load varies tenfold.
SECONDS = 30.0
MIB = 1024 * 1024


def _billion_laughs() -> bytes:
    lines = [b'a0: &a0 ["rire", "rire", "rire", "rire", "rire", "rire", "rire", "rire", "rire"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9).encode()
        lines.append(f"a{level}: &a{level} [".encode() + refs + b"]")
    return b"\n".join(lines) + b"\n"


def _many_small_aliases() -> bytes:
    return b"a: &a [x, y]\nb: [" + b", ".join([b"*a"] * 20_000) + b"]\n"


def _deep_block_mappings() -> bytes:
    # As deep as fits in the size limit: 1,500 levels of "key:" indented one more each time.
    return b"".join(b" " * level + b"k:\n" for level in range(1_500))


def _keys(count: int) -> bytes:
    return b"".join(b"k%d: 1\n" % number for number in range(count))


def _flow_keys_within_size() -> bytes:
    return b"{" + b", ".join(b"k%d: 1" % number for number in range(180_000)) + b"}\n"


# name: (content, expected code, expected line, expected column or None for "any")
HOSTILE: dict[str, tuple[Callable[[], bytes], str, int, int | None]] = {
    "a 50 MB file": (lambda: b"title: " + b"x" * (50 * MIB) + b"\n", "R008", 1, 1),
    "a 10 MB single line": (lambda: b"summary: " + b"y" * (10 * MIB), "R008", 1, 1),
    "a million keys (11 MB)": (lambda: _keys(1_000_000), "R008", 1, 1),
    "a million items in a list (4 MB)": (lambda: b"- 0\n" * 1_000_000, "R008", 1, 1),
    "a million items on one line (2 MB)": (
        lambda: b"[" + b"0," * 999_999 + b"0]",
        "R008",
        1,
        400_000,  # the 200,001st value
    ),
    "200,000 keys beyond the value limit (2 MB)": (_flow_keys_within_size, "R008", 1, None),
    "100,000 nested brackets": (lambda: b"[" * 100_000, "R008", 1, None),
    "100,000 nested braces": (lambda: b"{a: " * 100_000, "R008", 1, None),
    "100,000 nested block lists on one line": (lambda: b"- " * 100_000 + b"x\n", "R008", 1, 129),
    "1,500 nested block mappings": (_deep_block_mappings, "R008", 65, 65),
    "a billion laughs (alias bomb)": (_billion_laughs, "R007", 5, None),
    "20,000 small aliases": (_many_small_aliases, "R007", 2, None),
}


def _roadmap_with(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "projects" / name).write_bytes(content)
    return folder


def _timed_validation(folder: Path) -> tuple[list[Diagnostic], float]:
    start = time.perf_counter()
    result = validate_roadmap(folder)
    return result.diagnostics, time.perf_counter() - start


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_file_is_refused_quickly_at_a_position(case: str, tmp_path: Path) -> None:
    make, code, line, column = HOSTILE[case]
    content = make()
    folder = _roadmap_with(tmp_path, "hostile.yaml", content)

    diagnostics, seconds = _timed_validation(folder)

    assert seconds < SECONDS, f"{case}: refused in {seconds:.2f} s"
    found = [d for d in diagnostics if d.file.endswith("hostile.yaml")]
    assert [d.code for d in found] == [code], found
    assert found[0].line == line, found
    if column is not None:
        assert found[0].column == column, found
    lines = content.decode("utf-8").splitlines() or [""]
    assert 1 <= found[0].column <= len(lines[found[0].line - 1]) + 1
    assert message_text(found[0], "fr").strip()


def test_a_file_just_under_the_size_limit_is_read(tmp_path: Path) -> None:
    # Every text has its own length limit (R029): the bulk is in comments, as in a file a
    # project lead annotated at length.
    header = b"title: Gros\naxis: usagers\nlead: {team: DSI}\nstatus: planned\nsummary: Gros.\n"
    comment = b"# " + b"z" * 77 + b"\n"
    content = header + comment * ((loader.MAX_FILE_BYTES - len(header)) // len(comment))
    assert len(content) <= loader.MAX_FILE_BYTES
    folder = _roadmap_with(tmp_path, "gros.yaml", content)

    diagnostics, seconds = _timed_validation(folder)

    assert seconds < SECONDS
    assert [d for d in diagnostics if d.is_error] == []


def test_the_size_message_names_the_limit_in_the_roadmap_language(tmp_path: Path) -> None:
    folder = _roadmap_with(tmp_path, "gros.yaml", b"x" * (loader.MAX_FILE_BYTES + 1))
    (diagnostic,) = [d for d in validate_roadmap(folder).diagnostics if d.code == "R008"]
    assert message_text(diagnostic, "fr") == "Le fichier dépasse la limite (taille : 2 Mio)."


# --- the whole roadmap ------------------------------------------------------------------------


def test_the_roadmap_bounds_leave_room_for_five_thousand_real_projects() -> None:
    assert validate.MAX_PROJECT_FILES >= 5_000
    assert validate.MAX_ROADMAP_BYTES >= 5_000 * 20 * 1024


def test_project_files_beyond_the_roadmap_bound_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate, "MAX_PROJECT_FILES", 3)
    folder = _roadmap_with(tmp_path, "b.yaml", b"title: B\naxis: usagers\nlead: {team: T}\n")
    for name in ("c", "d", "e"):
        shutil.copy(folder / "projects" / "b.yaml", folder / "projects" / f"{name}.yaml")

    diagnostics, _ = _timed_validation(folder)

    # sorted: b, c, d, socle: the fourth file is the first beyond the bound
    beyond = [d for d in diagnostics if d.code == "R022"]
    assert [(Path(d.file).name, d.line, d.column) for d in beyond] == [("e.yaml", 1, 1)]
    assert "fichiers de projet : 3" in message_text(beyond[0], "fr")
    assert not [d for d in diagnostics if Path(d.file).name in ("socle.yaml",) and d.is_error]


def test_a_roadmap_beyond_its_total_size_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate, "MAX_ROADMAP_BYTES", 3 * MIB)
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    padding = b"\n# " + b"-" * (MIB + 100) + b"\n"
    for name in ("a", "b", "c"):
        base = (folder / "projects" / "socle.yaml").read_bytes()
        (folder / "projects" / f"{name}.yaml").write_bytes(base + padding)

    diagnostics, seconds = _timed_validation(folder)

    assert seconds < SECONDS
    beyond = [d for d in diagnostics if d.code == "R022"]
    assert [Path(d.file).name for d in beyond] == ["c.yaml"], diagnostics
    assert "taille totale : 3 Mio" in message_text(beyond[0], "fr")


# --- files outside the roadmap ----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_to_a_file_outside_the_roadmap_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: SECRET-VALUE\n", encoding="utf-8")
    folder = _roadmap_with(tmp_path, "socle-copy.yaml", b"")
    (folder / "projects" / "socle-copy.yaml").unlink()
    (folder / "projects" / "lien.yaml").symlink_to(secret)

    result = validate_roadmap(folder)

    refused = [d for d in result.diagnostics if d.file.endswith("lien.yaml")]
    assert [(d.code, d.line, d.column) for d in refused] == [("R024", 1, 1)]
    assert "lien symbolique" in message_text(refused[0], "fr")
    assert "UTF-8" not in hint_text(refused[0], "fr")
    assert all("SECRET-VALUE" not in source.text for source in result.sources.values())


# --- the documentation ------------------------------------------------------------------------


def test_the_limits_page_gives_every_value_in_force() -> None:
    page = DOCS.read_text(encoding="utf-8")
    values = [
        f"{loader.MAX_FILE_BYTES // MIB} Mio",
        str(loader.MAX_DEPTH),
        f"{loader.MAX_NODES:,}".replace(",", " "),
        f"{loader.MAX_ALIAS_EXPANSION:,}".replace(",", " "),
        str(loader.MAX_INTEGER_DIGITS),
        f"{validate.MAX_PROJECT_FILES:,}".replace(",", " "),
        f"{validate.MAX_ROADMAP_BYTES // MIB} Mio",
    ]
    missing = [value for value in values if value not in page]
    assert not missing, f"docs/reference/limites.md does not give {missing}"
