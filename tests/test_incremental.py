"""Rebuilds under `mkdocs serve`: what did not change is neither parsed nor rendered again,
and the result is always the one a build from scratch gives.

The roadmap is a copy of tests/fixtures/portfolio: five project files (archives, audit,
borne, portail, socle; audit is internal), portail depending on socle.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import generator.validation.validate as validate_module
from generator.adapters.mkdocs.plugin import RoadmapPlugin
from generator.pipeline import GeneratedSite, SiteCache, SiteOptions, generate_site
from generator.validation.validate import ProjectFileCache, validate_roadmap

PORTFOLIO = Path(__file__).resolve().parent / "fixtures" / "portfolio"
PUBLIC_PROJECTS = 4  # audit is internal
ALL_PROJECTS = 5
OPTIONS = SiteOptions(edit_url_base="https://example.org/edit/roadmap/")


@pytest.fixture
def roadmap(tmp_path: Path) -> Path:
    folder = tmp_path / "roadmap"
    shutil.copytree(PORTFOLIO, folder)
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The project files parsed, in order: a spy on the YAML parsing of project files."""
    parsed: list[str] = []
    original: Callable[..., Any] = validate_module.load_text  # type: ignore[attr-defined]

    def spy(content: bytes, display: str, **kwargs: Any) -> Any:
        parsed.append(Path(display).name)
        return original(content, display, **kwargs)

    monkeypatch.setattr(validate_module, "load_text", spy)
    yield parsed


def retitle(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"title: {title}\n" if line.startswith("title:") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


def same_pages(first: GeneratedSite, second: GeneratedSite) -> None:
    assert first.pages == second.pages
    assert first.chart_data == second.chart_data
    assert first.downloads == second.downloads


# --- validation ---------------------------------------------------------------------------------


def test_a_second_validation_parses_only_the_changed_file(roadmap: Path,
                                                           parses: list[str]) -> None:  # fmt: skip
    cache = ProjectFileCache()
    first = validate_roadmap(roadmap, cache=cache)
    assert sorted(parses) == ["archives.yaml", "audit.yaml", "borne.yaml", "portail.yaml",
                              "socle.yaml"]  # fmt: skip

    parses.clear()
    unchanged = validate_roadmap(roadmap, cache=cache)
    assert parses == []
    assert unchanged.roadmap == first.roadmap
    assert unchanged.diagnostics == first.diagnostics

    retitle(roadmap / "projects" / "portail.yaml", "Portail renommé")
    changed = validate_roadmap(roadmap, cache=cache)
    assert parses == ["portail.yaml"]
    assert changed.roadmap is not None
    titles = {p.id: p.title for p in changed.roadmap.projects}
    assert titles == {
        "archives": "Archivage électronique",
        "audit": "Audit de sécurité confidentiel",
        "borne": "Bornes d'accueil",
        "portail": "Portail renommé",
        "socle": "Socle d'identité",
    }
    # Exactly what a validation without cache says.
    fresh = validate_roadmap(roadmap)
    assert changed.roadmap == fresh.roadmap
    assert changed.diagnostics == fresh.diagnostics


def test_a_change_that_keeps_size_and_modification_time_is_still_seen(
    roadmap: Path, parses: list[str]
) -> None:
    """Keyed by contents: two saves within the file system's clock tick, or a tool that
    restores the modification time, cannot hide a change."""
    path = roadmap / "projects" / "portail.yaml"
    cache = ProjectFileCache()
    validate_roadmap(roadmap, cache=cache)
    old_title = "Portail des démarches"
    stat = path.stat()
    new_title = "X" * len(old_title.encode("utf-8"))  # same number of bytes
    retitle(path, new_title)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    parses.clear()
    second = validate_roadmap(roadmap, cache=cache)
    assert parses == ["portail.yaml"]
    assert second.roadmap is not None
    assert next(p.title for p in second.roadmap.projects if p.id == "portail") == new_title


def test_an_invalid_file_is_reported_again_from_the_cache(roadmap: Path) -> None:
    path = roadmap / "projects" / "portail.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status:", "statut:", 1),
                    encoding="utf-8")  # fmt: skip
    cache = ProjectFileCache()
    first = validate_roadmap(roadmap, cache=cache)
    second = validate_roadmap(roadmap, cache=cache)
    # "status" missing (reported at the mapping's first key, line 3) and "statut" unknown.
    assert [(Path(e.file).name, e.line, e.code) for e in first.errors] == [
        ("portail.yaml", 3, "R010"), ("portail.yaml", 7, "R011")]  # fmt: skip
    assert first.diagnostics == second.diagnostics


# --- pages --------------------------------------------------------------------------------------


def test_a_rebuild_without_change_renders_no_project_page_again(roadmap: Path) -> None:
    cache = SiteCache()
    first = generate_site(roadmap, OPTIONS, cache=cache)
    assert cache.pages.rendered == PUBLIC_PROJECTS
    second = generate_site(roadmap, OPTIONS, cache=cache)
    assert cache.pages.rendered == 0
    same_pages(first, second)


def test_a_changed_title_renders_the_project_and_the_pages_that_name_it(
    roadmap: Path, parses: list[str]
) -> None:
    cache = SiteCache()
    first = generate_site(roadmap, OPTIONS, cache=cache)
    # portail's title shows on its own page and on the page of socle, which it depends on
    # ("needed by"); no project depends on portail.
    retitle(roadmap / "projects" / "portail.yaml", "Portail renommé")
    parses.clear()
    second = generate_site(roadmap, OPTIONS, cache=cache)
    assert parses == ["portail.yaml"]
    assert cache.pages.rendered == 2
    changed = {src for src in second.pages if first.pages.get(src) != second.pages[src]}
    assert {src for src in changed if src.startswith("projets/") and src != "projets/index.md"} \
        == {"projets/portail.md", "projets/socle.md"}  # fmt: skip
    # And every page is the one a build from scratch makes.
    same_pages(second, generate_site(roadmap, OPTIONS))


def test_a_change_in_roadmap_yaml_renders_every_project_page(roadmap: Path) -> None:
    cache = SiteCache()
    generate_site(roadmap, OPTIONS, cache=cache)
    path = roadmap / "roadmap.yaml"
    text = path.read_text(encoding="utf-8")
    axis_title = next(line for line in text.splitlines() if line.strip().startswith("title:")
                      and line.startswith(" "))  # fmt: skip
    path.write_text(text.replace(axis_title, axis_title + " (renommé)", 1), encoding="utf-8")
    second = generate_site(roadmap, OPTIONS, cache=cache)
    assert cache.pages.rendered == PUBLIC_PROJECTS
    same_pages(second, generate_site(roadmap, OPTIONS))


def test_other_options_render_every_project_page(roadmap: Path) -> None:
    cache = SiteCache()
    generate_site(roadmap, OPTIONS, cache=cache)
    internal = generate_site(roadmap, SiteOptions(edition="internal"), cache=cache)
    assert cache.pages.rendered == ALL_PROJECTS
    same_pages(internal, generate_site(roadmap, SiteOptions(edition="internal")))


# --- the MkDocs plugin ------------------------------------------------------------------------


def test_the_plugin_keeps_a_cache_under_serve_only() -> None:
    plugin = RoadmapPlugin()
    plugin.on_startup(command="serve", dirty=False)
    assert isinstance(plugin.cache, SiteCache)
    plugin.on_startup(command="build", dirty=False)
    assert plugin.cache is None


# --- MkDocs' own work under serve ---------------------------------------------------------------


def _site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}  # fmt: skip


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Callable[[Path], RoadmapPlugin]]]:
    """A copy of the portfolio site, and a function that builds it as `mkdocs serve` does
    after each save: the configuration read again, the plugin kept."""
    project = tmp_path / "project"
    shutil.copytree(PORTFOLIO, project)
    cwd = Path.cwd()
    os.chdir(project)
    plugins: list[RoadmapPlugin] = []

    def rebuild(site_dir: Path) -> RoadmapPlugin:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        plugin = config.plugins["roadmap"]
        assert isinstance(plugin, RoadmapPlugin)
        if not plugins:
            config.plugins.on_startup(command="serve", dirty=False)
        plugins.append(plugin)
        build(config)
        return plugin

    try:
        yield project, rebuild
    finally:
        os.chdir(cwd)
        for plugin in plugins:  # MkDocs keeps the instance for the whole process
            plugin.on_startup(command="build", dirty=False)


def _one_off(project: Path, site_dir: Path) -> None:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def test_serve_reuses_the_theme_output_of_unchanged_project_pages(
    served: tuple[Path, Callable[[Path], RoadmapPlugin]], tmp_path: Path
) -> None:
    project, rebuild = served
    first = rebuild(tmp_path / "first")
    assert first.outputs is not None and first.outputs.reused == 0
    second = rebuild(tmp_path / "second")
    assert second.outputs is not None and second.outputs.reused == PUBLIC_PROJECTS
    assert _site_files(tmp_path / "second") == _site_files(tmp_path / "first")

    # portail's title shows on its own page and on socle's ("needed by").
    retitle(project / "projects" / "portail.yaml", "Portail renommé")
    third = rebuild(tmp_path / "third")
    assert third.outputs is not None and third.outputs.reused == PUBLIC_PROJECTS - 2
    _one_off(project, tmp_path / "fresh")
    assert _site_files(tmp_path / "third") == _site_files(tmp_path / "fresh")


def test_a_hand_written_page_in_the_navigation_makes_every_page_again(
    served: tuple[Path, Callable[[Path], RoadmapPlugin]], tmp_path: Path
) -> None:
    project, rebuild = served
    rebuild(tmp_path / "first")
    page = project / "docs" / "a-propos.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# ", "# Tout ", 1),
                    encoding="utf-8")  # fmt: skip
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - À propos: a-propos.md", "  - Qui sommes-nous: a-propos.md"), encoding="utf-8")
    second = rebuild(tmp_path / "second")
    assert second.outputs is not None and second.outputs.reused == 0
    _one_off(project, tmp_path / "fresh")
    assert _site_files(tmp_path / "second") == _site_files(tmp_path / "fresh")
