"""A failed build loses nothing: the previous site stays byte for byte, whatever stage fails.

`mkdocs build` (with the plugin) and `roadmap build` write the new site in a folder beside
the old one and swap it in only when the build has succeeded. Each test builds a site once,
then fails a second build at one stage (a theme template, a page, another plugin's
post-build step, strict mode's warnings, a page header MkDocs cannot read, the writing of
the folder) and compares every byte. The reporting date is bounded to what the sitemap's
compressed copy can record.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

import generator.adapters.build as build_module
import generator.adapters.mkdocs.plugin as plugin_module
from generator.adapters.cli import main
from generator.pipeline import GeneratedSite
from generator.validation.validate import validate_roadmap

FIXTURES = Path(__file__).parent / "fixtures"
ENGLISH = FIXTURES / "english"
# A page header YAML refuses (DEL): MkDocs would drop it without a word.
BAD_HEADER = '---\ntitle: "Axe \x7f</title><script>x()</script>"\n---\n\n# Axe\n'


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Hidden folders a build left beside `folder`."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(ENGLISH, folder)
    return folder


def mkdocs_build(project: Path, site: Path) -> None:
    """`mkdocs build --strict`, in this process, as the command runs it."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site),
                         site_url="http://127.0.0.1:8000/", strict=True)  # fmt: skip
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        assert config.site_dir == str(site)  # `gh-deploy` publishes it next
    finally:
        config.plugins.on_shutdown()


def _fail_after(calls: int) -> Callable[..., Any]:
    count = {"n": 0}
    original = plugin_module.collapse_whitespace

    def failing(html: str) -> str:
        count["n"] += 1
        if count["n"] > calls:
            raise RuntimeError("page failed")
        return original(html)

    return failing


def _bad_header(generate: Callable[..., GeneratedSite]) -> Callable[..., GeneratedSite]:
    def generate_with_a_bad_header(*args: Any, **kwargs: Any) -> GeneratedSite:
        site = generate(*args, **kwargs)
        page = next(uri for uri in site.pages if uri.startswith("axes/") and uri != "axes/index.md")
        return dataclasses.replace(site, pages={**site.pages, page: BAD_HEADER})

    return generate_with_a_bad_header


def _break_stage(stage: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if stage == "sitemap":  # what a reporting date before 1970 did
        import mkdocs.commands.build as mkdocs_build_module

        def refuse(*args: Any, **kwargs: Any) -> None:
            raise OverflowError("timestamp out of range")

        monkeypatch.setattr(mkdocs_build_module.gzip, "GzipFile", refuse)
    elif stage == "page":
        monkeypatch.setattr(plugin_module, "collapse_whitespace", _fail_after(3))
    elif stage == "post_build":

        def refuse_search(entries: Any) -> None:
            raise RuntimeError("post-build failed")

        monkeypatch.setattr(plugin_module, "resolve_search", refuse_search)
    elif stage == "strict":
        (project / "docs" / "about.md").write_text("# About\n\n[Nowhere](nowhere.md)\n")
    elif stage == "header":
        monkeypatch.setattr(
            plugin_module, "generate_site", _bad_header(plugin_module.generate_site)
        )


@pytest.mark.parametrize("stage", ["sitemap", "page", "post_build", "strict", "header"])
def test_a_failed_mkdocs_build_leaves_the_site_intact(
    project: Path, stage: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    site = project.parent / "site"
    mkdocs_build(project, site)
    before = fingerprint(site)
    assert "index.html" in before and "sitemap.xml.gz" in before
    assert leftovers(site) == []

    _break_stage(stage, project, monkeypatch)
    with pytest.raises((Abort, PluginError, RuntimeError, OverflowError)):
        mkdocs_build(project, site)
    if stage == "header":
        assert "axes/residents.md has a header" in caplog.text and "cannot read" in caplog.text

    assert fingerprint(site) == before
    assert leftovers(site) == []


def test_a_successful_mkdocs_build_replaces_the_whole_site(project: Path) -> None:
    site = project.parent / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an older build")
    mkdocs_build(project, site)
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()
    assert leftovers(site) == []
    # The usual permissions, not a temporary folder's (owner only): a web server reads it.
    assert site.stat().st_mode & stat.S_IROTH


# --- roadmap build ------------------------------------------------------------------------------


def roadmap_build(project: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    with monkeypatch.context() as patch:
        patch.chdir(project)
        return main(["build", "--out", str(out)])


def _fail_while_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    original = build_module._write_files

    def write_then_fail(site: GeneratedSite, out: Path, *args: Any) -> None:
        original(site, out, *args)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "_write_files", write_then_fail)


@pytest.mark.parametrize("stage", ["writing", "header", "invalid"])
def test_a_failed_roadmap_build_leaves_the_folder_intact(
    project: Path, stage: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = project.parent / "out"
    assert roadmap_build(project, out, monkeypatch) == 0
    before = fingerprint(out)
    assert len(before) > 10

    with monkeypatch.context() as patch:
        if stage == "writing":
            _fail_while_writing(patch)
        elif stage == "header":
            import generator.pipeline as pipeline

            patch.setattr(pipeline, "generate_site", _bad_header(pipeline.generate_site))
        else:
            laptops = project / "projects" / "laptops.yaml"
            laptops.write_text(laptops.read_text().replace("status: done", "status: x"))
        capsys.readouterr()
        assert roadmap_build(project, out, monkeypatch) == 1
    error = capsys.readouterr().err
    if stage == "header":
        assert "cannot read" in error and "Nothing was written" in error

    assert fingerprint(out) == before
    assert leftovers(out) == []


def test_a_successful_roadmap_build_replaces_the_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = project.parent / "out"
    assert roadmap_build(project, out, monkeypatch) == 0
    (project / "docs" / "about.md").unlink()
    assert roadmap_build(project, out, monkeypatch) == 0
    assert not (out / "about.md").exists()
    assert (out / "index.md").is_file()
    assert leftovers(out) == []


def test_roadmap_build_still_refuses_a_folder_it_did_not_write(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = project.parent / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert roadmap_build(project, out, monkeypatch) == 1
    assert fingerprint(out) == {"notes.txt": hashlib.sha256(b"mine").hexdigest()}
    assert leftovers(out) == []


# --- dates every output can encode --------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "valid"), [
    ("1969-12-31", False), ("1970-01-01", True), ("2106-02-06", True), ("2106-02-07", False),
])  # fmt: skip
def test_the_reporting_date_is_one_the_sitemap_can_record(
    tmp_path: Path, as_of: str, valid: bool
) -> None:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    settings = folder / "roadmap.yaml"
    text = settings.read_text(encoding="utf-8").replace("as_of: 2020-06-30", f"as_of: {as_of}")
    # A period around the date, so that only the reporting date is in question.
    text = text.replace("period: {start: 2020-01-01, end: 2022-12-31}",
                        "period: {start: 1960-01-01, end: 2110-12-31}")  # fmt: skip
    (folder / "projects" / "socle.yaml").unlink()
    settings.write_text(text, encoding="utf-8")
    result = validate_roadmap(folder)
    assert [(d.code, d.path) for d in result.errors] == ([] if valid else [("R017", ("as_of",))])
