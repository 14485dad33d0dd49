"""Progress of long commands: told by the pipeline through a callback, shown by the command
line on a terminal only, never in logs."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from generator.adapters.cli import ProgressLine, main
from generator.pipeline import SiteOptions, generate_site
from generator.validation.validate import validate_roadmap

PORTFOLIO = Path(__file__).resolve().parent / "fixtures" / "portfolio"
PROJECT_FILES = 5  # archives, audit, borne, portail, socle
# The public edition leaves audit out: 13 pages (home, axes overview, 2 axes, projects,
# milestones, budget, indicators, methodology, glossary, data, accessibility, legal notice) + 4
# project pages.
PUBLIC_PAGES = 17


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_validation_tells_how_many_files_are_done() -> None:
    calls: list[tuple[int, int]] = []
    validate_roadmap(PORTFOLIO, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_generation_tells_validation_then_rendering() -> None:
    calls: list[tuple[str, int, int]] = []

    def progress(step: str, done: int, total: int) -> None:
        calls.append((step, done, total))

    site = generate_site(PORTFOLIO, SiteOptions(), progress=progress)
    assert len(site.pages) == PUBLIC_PAGES
    validated = [(done, total) for step, done, total in calls if step == "validate"]
    rendered = [(done, total) for step, done, total in calls if step == "render"]
    assert calls == [("validate", *call) for call in validated] + [
        ("render", *call) for call in rendered
    ]
    assert validated == [(done, PROJECT_FILES) for done in range(1, PROJECT_FILES + 1)]
    assert rendered == [(done, PUBLIC_PAGES) for done in range(1, PUBLIC_PAGES + 1)]


def test_a_terminal_sees_a_counter_updated_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    progress = ProgressLine(stream, delay=0)
    progress("validate", 532, 1000)
    progress("validate", 1000, 1000)
    progress.close()
    written = stream.getvalue()
    assert written.startswith("\rValidation : 532/1000 fichiers")
    assert "\rValidation : 1000/1000 fichiers" in written
    assert written.endswith("\r\x1b[K")  # the line is erased at the end
    assert "\n" not in written


def test_a_short_command_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    progress = ProgressLine(stream)  # the default delay: a fast command ends before it
    progress("validate", 1, 2)
    progress.close()
    assert stream.getvalue() == ""


def test_continuous_integration_sees_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    stream = Terminal()
    progress = ProgressLine(stream, delay=0)
    progress("render", 10, 100)
    progress.close()
    assert stream.getvalue() == ""


@pytest.mark.parametrize("command", ["validate", "build"])
def test_commands_print_nothing_extra_when_stderr_is_not_a_terminal(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.delenv("CI", raising=False)
    # Every update would be shown at once if stderr were a terminal.
    monkeypatch.setattr(ProgressLine, "DELAY", 0.0)
    monkeypatch.chdir(PORTFOLIO)
    arguments = ["validate", "."]
    if command == "build":
        arguments = ["build", "--out", str(tmp_path / "out")]
    assert main(arguments) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "\r" not in captured.out


def test_commands_show_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(ProgressLine, "DELAY", 0.0)
    monkeypatch.setattr(ProgressLine, "INTERVAL", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.chdir(PORTFOLIO)
    assert main(["build", "--out", str(tmp_path / "out")]) == 0
    written = terminal.getvalue()
    assert "\rValidation : " in written and "\rGénération : " in written
    assert written.endswith("\r\x1b[K")
