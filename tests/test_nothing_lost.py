"""No command rewrites, reorders or loses what a person wrote, and a failed build keeps the
site that was there before.

Each test works on a copy of a small roadmap project (tests/fixtures/english: mkdocs.yml,
docs/, roadmap.yaml and projects/), hashes every file before and after a command, and
compares. The `roadmap` commands run in this process (`main`, what the console script
calls); MkDocs runs as its own command, as people run it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.adapters.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ENGLISH = FIXTURES / "english"
ENV = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}


def fingerprint(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file under `folder` (but the `skip` folders) and the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not any(part in skip for part in path.relative_to(folder).parts)
    }


def roadmap(*arguments: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """`roadmap <arguments>` run from `cwd`; its exit code."""
    with monkeypatch.context() as patch:
        patch.chdir(cwd)
        return main(list(arguments))


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=cwd, capture_output=True, text=True,
        timeout=300, env=ENV, check=False,
    )  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the English roadmap project, with a project file written the way people
    do: comments, odd spacing, keys out of the usual order, CRLF line ends, a BOM."""
    folder = tmp_path / "project"
    shutil.copytree(ENGLISH, folder)
    (folder / "projects" / "hand-written.yaml").write_bytes(
        "\ufeff# Written by hand: nothing here may be reformatted.\r\n"
        "status:   planned      # not started\r\n"
        "title: 'Hand-written   project'\r\n"
        "lead: {team: Digital,   name: Alex}\r\n"
        "axis: residents\r\n"
        "tags: [b, a,   c]\r\n".encode()
    )
    return folder


def _break(folder: Path) -> None:
    laptops = folder / "projects" / "laptops.yaml"
    laptops.write_text(laptops.read_text(encoding="utf-8").replace("status: done", "status: x"))


# --- commands leave the sources alone ---------------------------------------------------------


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "invalid"])
def test_validate_leaves_every_file_byte_identical(
    project: Path, broken: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if broken:
        _break(project)
    before = fingerprint(project)

    for output in ("text", "github", "gitlab", "json"):
        code = roadmap("validate", ".", "--format", output, cwd=project, monkeypatch=monkeypatch)
        assert code == (1 if broken else 0), output

    assert fingerprint(project) == before


def test_mkdocs_build_leaves_roadmap_and_docs_byte_identical(project: Path) -> None:
    before = fingerprint(project)

    result = run("mkdocs", "build", "--strict", "-q", "-d", "../site", cwd=project)

    assert result.returncode == 0, result.stderr
    assert fingerprint(project) == before  # nothing changed, nothing added (no cache, no page)


def test_roadmap_build_leaves_roadmap_and_docs_byte_identical(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fingerprint(project)

    assert roadmap("build", "--out", "../out", cwd=project, monkeypatch=monkeypatch) == 0

    assert fingerprint(project) == before
    assert (project.parent / "out" / "index.md").is_file()


def test_new_project_never_overwrites_an_existing_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(project)

    code = roadmap("new", "project", "hand-written", "--axis", "residents", "--title", "Another",
                   "--roadmap", ".", cwd=project, monkeypatch=monkeypatch)  # fmt: skip

    assert code == 1
    assert "hand-written.yaml" in capsys.readouterr().err
    assert fingerprint(project) == before


def test_new_project_does_not_write_through_a_symbolic_link(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.yaml"
    (project / "projects" / "linked.yaml").symlink_to(outside)  # dangling: outside is absent

    code = roadmap("new", "project", "linked", "--axis", "residents", "--title", "Linked",
                   "--roadmap", ".", cwd=project, monkeypatch=monkeypatch)  # fmt: skip

    assert code == 1
    assert not outside.exists()


def test_new_project_adds_one_file_and_changes_no_other(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fingerprint(project)

    code = roadmap("new", "project", "brand-new", "--axis", "residents", "--title", "Brand new",
                   "--roadmap", ".", cwd=project, monkeypatch=monkeypatch)  # fmt: skip

    assert code == 0
    after = fingerprint(project)
    assert set(after) - set(before) == {"projects/brand-new.yaml"}
    assert {name: after[name] for name in before} == before


# --- a failed build keeps the previous site ---------------------------------------------------


def test_a_failed_mkdocs_build_keeps_the_previous_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = run("mkdocs", "build", "--strict", "-q", "-d", str(site), cwd=project)
    assert first.returncode == 0, first.stderr
    built = fingerprint(site)
    assert "index.html" in built
    _break(project)

    second = run("mkdocs", "build", "--strict", "-q", "-d", str(site), cwd=project)

    assert second.returncode != 0
    assert "projects/laptops.yaml:5:9: " in second.stdout + second.stderr  # `status: x`
    assert fingerprint(site) == built  # the plugin stops the build before MkDocs empties it


def test_a_failed_roadmap_build_keeps_the_previous_output(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = tmp_path / "out"
    assert roadmap("build", "--out", str(out), cwd=project, monkeypatch=monkeypatch) == 0
    written = fingerprint(out)
    assert "index.md" in written
    _break(project)
    capsys.readouterr()

    second = roadmap("build", "--out", str(out), cwd=project, monkeypatch=monkeypatch)

    assert second == 1
    assert "projects/laptops.yaml:5:9: " in capsys.readouterr().err  # `status: x`
    assert fingerprint(out) == written
