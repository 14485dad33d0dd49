"""The garbage collector's settings during a build, and after it: a build runs the collector
less often and sets aside what lives until its end, and leaves the interpreter as it found
it, whether it succeeds or fails."""

from __future__ import annotations

import gc
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.adapters.cli import main
from generator.adapters.collector import BUILD_THRESHOLDS, BuildCollector, build_collector

ENGLISH = Path(__file__).resolve().parent / "fixtures" / "english"
# A hook of the site's own, run by MkDocs during the build: it writes down the collector's
# settings as the pages are made.
PROBE = """\
import gc, json, os

def on_page_markdown(markdown, page, config, files):
    with open(os.environ["THRESHOLD_PROBE"], "w") as probe:
        json.dump({"threshold": gc.get_threshold(), "set_aside": gc.get_freeze_count()}, probe)
    return markdown
"""
# Settings no build would choose, so that "restored" cannot be met by chance.
CALLER_THRESHOLDS = (811, 9, 7)


@pytest.fixture
def caller_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(*CALLER_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


@pytest.fixture
def probed_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the English fixture whose mkdocs.yml runs the probe hook."""
    folder = tmp_path / "english"
    shutil.copytree(ENGLISH, folder)
    (folder / "probe.py").write_text(PROBE, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - probe.py\n",
                      encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("THRESHOLD_PROBE", str(tmp_path / "probe.json"))
    return folder


def mkdocs_build(folder: Path, site: Path) -> None:
    config = load_config(config_file=str(folder / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_start_sets_the_build_thresholds_and_stop_restores(caller_thresholds: None) -> None:
    collector = BuildCollector()
    collector.start()
    assert gc.get_threshold() == BUILD_THRESHOLDS
    collector.start()  # a second start keeps the caller's settings to restore
    collector.set_aside()
    assert gc.get_freeze_count() > 0
    collector.stop()
    assert gc.get_threshold() == CALLER_THRESHOLDS
    assert gc.get_freeze_count() == 0
    collector.stop()  # stopping again changes nothing
    assert gc.get_threshold() == CALLER_THRESHOLDS


def test_what_another_set_aside_stays_set_aside(caller_thresholds: None) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with build_collector() as collector:
            collector.set_aside()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_the_settings_are_restored_when_the_block_fails(caller_thresholds: None) -> None:
    with pytest.raises(RuntimeError), build_collector() as collector:
        assert gc.get_threshold() == BUILD_THRESHOLDS
        collector.set_aside()
        raise RuntimeError("a stage failed")
    assert gc.get_threshold() == CALLER_THRESHOLDS
    assert gc.get_freeze_count() == 0


def test_an_mkdocs_build_collects_less_often_then_restores(
    probed_site: Path, tmp_path: Path, caller_thresholds: None
) -> None:
    mkdocs_build(probed_site, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()
    during = json.loads((tmp_path / "probe.json").read_text(encoding="utf-8"))
    assert tuple(during["threshold"]) == BUILD_THRESHOLDS
    assert during["set_aside"] > 0  # the pages are made after the roadmap is generated
    assert gc.get_threshold() == CALLER_THRESHOLDS
    assert gc.get_freeze_count() == 0


def test_an_mkdocs_build_stopped_by_an_invalid_roadmap_restores(
    probed_site: Path, tmp_path: Path, caller_thresholds: None
) -> None:
    laptops = probed_site / "projects" / "laptops.yaml"
    laptops.write_text(laptops.read_text(encoding="utf-8").replace("status: done",
                                                                   "status: finished"),
                       encoding="utf-8")  # fmt: skip
    with pytest.raises(Abort):
        mkdocs_build(probed_site, tmp_path / "site")
    assert gc.get_threshold() == CALLER_THRESHOLDS
    assert gc.get_freeze_count() == 0


def test_roadmap_build_restores(probed_site: Path, tmp_path: Path,
                                caller_thresholds: None) -> None:  # fmt: skip
    status = main(["build", "--config", str(probed_site / "mkdocs.yml"),
                   "--out", str(tmp_path / "out")])  # fmt: skip
    assert status == 0
    assert (tmp_path / "out" / "index.md").is_file()
    assert gc.get_threshold() == CALLER_THRESHOLDS
    assert gc.get_freeze_count() == 0
