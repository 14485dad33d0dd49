"""A roadmap's files come from a folder or a git revision, as a mapping of names to bytes,
and the validator judges both the same way, without writing anything to disk."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator.reading import revisions
from generator.reading.revisions import RevisionError, revision_files
from generator.reading.sources import FolderFiles, UnreadableFile
from generator.validation.validate import validate_files
from generator.validation.versions import compare_revisions, read_revision

FIXTURES = Path(__file__).parent / "fixtures"


def _git(root: Path, *args: str) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    completed = subprocess.run(
        ["git", *args], cwd=root, env=environment, capture_output=True, check=True, text=True
    )
    return completed.stdout.strip()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository whose first commit holds the minimal roadmap under roadmap/."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURES / "minimal", root / "roadmap")
    (root / "roadmap" / "projects" / "notes.txt").write_text("not a roadmap file\n")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    return root


def test_a_folder_gives_its_roadmap_files_in_reading_order(tmp_path: Path) -> None:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "projects" / "aaa.yaml").write_text("title: A\n", encoding="utf-8")
    (folder / "projects" / "notes.txt").write_text("ignored\n", encoding="utf-8")
    (folder / "projects" / "sub").mkdir()
    (folder / "projects" / "sub" / "deep.yaml").write_text("ignored\n", encoding="utf-8")

    files = FolderFiles(folder)

    names = list(files)
    assert names[0] == "roadmap.yaml"
    assert names[1:] == sorted(names[1:]) and "projects/aaa.yaml" in names
    assert not [name for name in names if "notes" in name or "deep" in name]
    assert files["projects/aaa.yaml"] == b"title: A\n"


def test_a_folder_refuses_a_symbolic_link(tmp_path: Path) -> None:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: SECRET\n", encoding="utf-8")
    (folder / "projects" / "link.yaml").symlink_to(secret)

    with pytest.raises(UnreadableFile):
        FolderFiles(folder)["projects/link.yaml"]


def test_a_revision_is_read_with_one_listing_and_one_batch(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, ...]] = []
    run = subprocess.run

    def counting(command: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(tuple(command))
        return run(command, *args, **kwargs)

    monkeypatch.setattr(revisions.subprocess, "run", counting)
    files = revision_files(repository, "HEAD", PurePosixPath("roadmap"))

    on_disk = FolderFiles(repository / "roadmap")
    assert list(files) == list(on_disk)
    assert all(files[name] == on_disk[name] for name in files)
    assert len([c for c in calls if "ls-tree" in c]) == 1
    assert len([c for c in calls if "cat-file" in c]) == 1


def test_a_revision_without_a_roadmap_gives_nothing(repository: Path) -> None:
    assert revision_files(repository, "HEAD", PurePosixPath("elsewhere")) == {}


def test_folder_and_revision_are_judged_alike(repository: Path) -> None:
    broken = repository / "roadmap" / "projects" / "socle.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("in_progress", "fini"))
    _git(repository, "commit", "-qam", "broken")

    from_git = validate_files(
        revision_files(repository, "HEAD", PurePosixPath("roadmap")),
        lambda name: f"roadmap/{name}",
    )
    from_folder = validate_files(
        FolderFiles(repository / "roadmap"), lambda name: f"roadmap/{name}"
    )

    assert from_git.diagnostics == from_folder.diagnostics
    assert [d.code for d in from_git.errors] == ["R016"]
    assert from_git.errors[0].file == "roadmap/projects/socle.yaml"


def test_a_revision_is_validated_without_writing_to_disk(
    repository: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "no-such-folder"))
    commit = _git(repository, "rev-parse", "HEAD")

    version = read_revision(repository, commit, PurePosixPath("roadmap"), "main")

    assert version.is_valid and version.revision == commit


def test_the_working_tree_is_named_in_the_roadmap_language(repository: Path) -> None:
    comparison = compare_revisions("main", None, Path("roadmap"), cwd=repository)
    assert comparison.head.label == "copie de travail"
    assert comparison.base.label.startswith("main (")
    assert comparison.is_valid

    with (repository / "roadmap" / "roadmap.yaml").open("a", encoding="utf-8") as roadmap:
        roadmap.write("language: en\n")
    english = compare_revisions("main", None, Path("roadmap"), cwd=repository)
    assert english.head.label == "working tree"
    assert english.head.language == "en"


def test_an_unknown_revision_is_a_usage_error(repository: Path) -> None:
    with pytest.raises(RevisionError) as raised:
        compare_revisions("no-such-branch", None, Path("roadmap"), cwd=repository)
    assert raised.value.key == "unknown"
    assert raised.value.params == {"revision": "no-such-branch"}
