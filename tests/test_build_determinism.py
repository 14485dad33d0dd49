"""Two builds of the same input are byte-identical: a diff of two builds shows only real changes.

The input is the portfolio fixture (tests/fixtures/portfolio), with its own mkdocs.yml."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapters.cli import main

PORTFOLIO = Path(__file__).resolve().parent / "fixtures" / "portfolio"


def _mkdocs_build(site_dir: Path) -> None:
    config = load_config(config_file=str(PORTFOLIO / "mkdocs.yml"), site_dir=str(site_dir),
                         site_url="http://127.0.0.1:8000/", strict=True)  # fmt: skip
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}  # fmt: skip


def _assert_identical(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"files differ between two builds: {different[:10]}"


@pytest.fixture
def no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # The builds must not rely on SOURCE_DATE_EPOCH being set: it is the reporting date
    # (as_of) that dates the pages, the sitemap and its gzip header.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.usefixtures("no_source_date")
def test_two_mkdocs_builds_are_byte_identical(tmp_path: Path) -> None:
    _mkdocs_build(tmp_path / "first")
    time.sleep(1.1)  # a build date, if any slipped in, would now differ
    _mkdocs_build(tmp_path / "second")
    first, second = _tree(tmp_path / "first"), _tree(tmp_path / "second")
    assert "sitemap.xml.gz" in first and "index.html" in first
    _assert_identical(first, second)


@pytest.mark.usefixtures("no_source_date")
def test_two_cli_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PORTFOLIO)
    for name in ("first", "second"):
        assert main(["build", "--out", str(tmp_path / name), "--config-out",
                     str(tmp_path / f"{name}.yml")]) == 0  # fmt: skip
    _assert_identical(_tree(tmp_path / "first"), _tree(tmp_path / "second"))
    first_config = (tmp_path / "first.yml").read_text().replace("first", "X")
    assert first_config == (tmp_path / "second.yml").read_text().replace("second", "X")
