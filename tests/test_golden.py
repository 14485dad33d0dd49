"""Whole-build golden tests: every file `generate_site` makes for a small fixture roadmap
(Markdown pages, open-data CSV and JSON, chart data) is compared with the expected file
committed under tests/golden/<fixture>/, one file per generated path.

After an intended change of the output, refresh the expected files and review their diff
like code before committing it:

    ROADMAP_REFRESH_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

(see tests/golden/README.md).
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import SiteOptions, generate_site

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
REFRESH = os.environ.get("ROADMAP_REFRESH_GOLDEN") == "1"
# An edit URL, so that the edit links and the theme's edit buttons are part of the output.
OPTIONS = SiteOptions(edit_url_base="https://example.org/essai/edit/main/")
# fixture folder under tests/fixtures -> golden folder under tests/golden
CASES = {
    "minimal": "minimal",  # French, one project
    "minimal-en": "minimal-en",  # English, an in-progress and a planned project
    "portfolio": "portfolio",  # French, four public projects and an internal one
}
# How many differing files a failure shows in full, and how many lines of each diff.
SHOWN_FILES = 3
SHOWN_LINES = 80


def generated_files(fixture: Path) -> dict[str, bytes]:
    """Every file the site adds to a docs folder, but the static assets, as bytes."""
    site = generate_site(fixture, OPTIONS)
    files = {path: markdown.encode("utf-8") for path, markdown in site.pages.items()}
    for mapping in (site.downloads, site.chart_data):
        for path, content in mapping.items():
            assert path not in files, f"{path} is generated twice"
            files[path] = content
    return files


def expected_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_golden(folder: Path, files: dict[str, bytes]) -> None:
    """Replace the expected tree by `files` (a file no longer generated goes too)."""
    if folder.exists():
        shutil.rmtree(folder)
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def unified_diff(path: str, expected: bytes, actual: bytes) -> str:
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"expected/{path}",
            tofile=f"generated/{path}",
        )
    )
    shown = "".join(line if line.endswith("\n") else line + "\n" for line in lines[:SHOWN_LINES])
    if len(lines) > SHOWN_LINES:
        shown += f"... ({len(lines) - SHOWN_LINES} more diff lines)\n"
    return shown


def mismatch_report(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """What differs between the two trees, in words and as unified diffs; empty when equal."""
    missing = sorted(set(expected) - set(actual))
    unexpected = sorted(set(actual) - set(expected))
    differing = sorted(p for p in set(expected) & set(actual) if expected[p] != actual[p])
    parts: list[str] = []
    if missing:
        parts.append("expected but no longer generated: " + ", ".join(missing))
    if unexpected:
        parts.append("generated but not expected: " + ", ".join(unexpected))
    if differing:
        parts.append(f"{len(differing)} file(s) differ: " + ", ".join(differing))
        parts.extend(unified_diff(p, expected[p], actual[p]) for p in differing[:SHOWN_FILES])
    if parts:
        parts.append("After an intended change: ROADMAP_REFRESH_GOLDEN=1 .venv/bin/pytest "
                     "tests/test_golden.py, then review the diff of tests/golden/.")  # fmt: skip
    return "\n".join(parts)


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_generated_site_matches_the_golden_files(fixture: str) -> None:
    actual = generated_files(FIXTURES / fixture)
    folder = GOLDEN / CASES[fixture]
    if REFRESH:
        write_golden(folder, actual)
    assert folder.is_dir(), f"no golden files for {fixture}: run with ROADMAP_REFRESH_GOLDEN=1"
    report = mismatch_report(expected_files(folder), actual)
    if report:
        pytest.fail(report, pytrace=False)


# --- the comparison itself ----------------------------------------------------------------------


def test_a_mismatch_is_reported_with_a_readable_diff() -> None:
    expected = {"a.md": b"un\ndeux\ntrois\n", "gone.csv": b"x\n", "same.json": b"{}"}
    actual = {"a.md": b"un\n2\ntrois\n", "new.json": b"[]", "same.json": b"{}"}
    report = mismatch_report(expected, actual)
    assert report.splitlines()[:3] == [
        "expected but no longer generated: gone.csv",
        "generated but not expected: new.json",
        "1 file(s) differ: a.md",
    ]
    assert "--- expected/a.md\n+++ generated/a.md\n" in report
    assert "\n-deux\n+2\n" in report
    assert report.endswith("then review the diff of tests/golden/.")


def test_identical_trees_report_nothing() -> None:
    assert mismatch_report({"a.md": b"x"}, {"a.md": b"x"}) == ""


def test_refreshing_writes_one_file_per_path_and_drops_stale_ones(tmp_path: Path) -> None:
    folder = tmp_path / "golden"
    (folder / "old").mkdir(parents=True)
    (folder / "old" / "stale.md").write_bytes(b"stale")
    write_golden(folder, {"index.md": b"# Accueil\n", "donnees/projets.csv": b"id\r\n"})
    assert expected_files(folder) == {"donnees/projets.csv": b"id\r\n", "index.md": b"# Accueil\n"}
