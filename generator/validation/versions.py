"""The roadmap at a git revision, or in the working tree, validated: the two sides that
`roadmap diff` compares.

A past version's files are read from git's object store (`generator.reading.revisions`) and
checked by the ordinary validator, so it is judged by exactly the rules that judge the
current one; its diagnostics name the files as the repository does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.diagnostics import Diagnostic
from generator.i18n import DEFAULT_LANGUAGE, words
from generator.model import Roadmap
from generator.reading.revisions import (
    default_base,
    join_path,
    repository_root,
    resolve_revision,
    revision_files,
    revision_label,
    roadmap_folder_in_repository,
)
from generator.reading.sources import ROADMAP_FILE, FolderFiles
from generator.validation.validate import ValidationResult, validate_files


@dataclass(frozen=True)
class RoadmapVersion:
    """One side of a comparison: the roadmap at a revision, or why it could not be read."""

    label: str  # how the reader knows it: "main (1a2b3c4)", "copie de travail"
    revision: str | None  # the full commit id; None for the working tree
    roadmap: Roadmap | None = None  # None when it does not exist or does not validate
    errors: tuple[Diagnostic, ...] = ()
    exists: bool = True  # False when there is no roadmap at all (e.g. before it was added)
    language: str = DEFAULT_LANGUAGE

    @property
    def is_valid(self) -> bool:
        return self.roadmap is not None


@dataclass(frozen=True)
class Comparison:
    base: RoadmapVersion
    head: RoadmapVersion

    @property
    def is_valid(self) -> bool:
        """Both sides can be read: the base may lack a roadmap (not added yet), the head may not."""
        base_ok = not self.base.exists or self.base.is_valid
        return base_ok and self.head.is_valid


def read_revision(root: Path, commit: str, folder: PurePosixPath, label: str) -> RoadmapVersion:
    """The roadmap at `commit`, validated, with diagnostics naming the repository's paths."""
    files = revision_files(root, commit, folder)
    if ROADMAP_FILE not in files:
        return RoadmapVersion(label=label, revision=commit, exists=False)
    result = validate_files(files, lambda name: join_path(folder, name))
    return _version(result, label, commit)


def read_working_tree(
    root: Path, folder: PurePosixPath, label: str | None = None
) -> RoadmapVersion:
    """The roadmap as it is on disk now, including changes not yet committed; `label` names
    it (by default, the words "working tree" in the roadmap's language)."""
    files = FolderFiles(root / folder)
    if ROADMAP_FILE not in files:
        return RoadmapVersion(
            label=label or working_tree_label(DEFAULT_LANGUAGE), revision=None, exists=False
        )
    result = validate_files(files, lambda name: join_path(folder, name))
    return _version(result, label or working_tree_label(result.language), None)


def working_tree_label(language: str) -> str:
    """How a reader knows the working tree: "copie de travail"."""
    return words(language, "cli")("working_tree")


def _version(result: ValidationResult, label: str, commit: str | None) -> RoadmapVersion:
    return RoadmapVersion(label=label, revision=commit, roadmap=result.roadmap,
                          errors=tuple(result.errors), language=result.language)  # fmt: skip


def compare_revisions(base: str | None, head: str | None, roadmap_path: Path,
                      cwd: Path | None = None) -> Comparison:  # fmt: skip
    """Both versions to compare: `base` (default: where HEAD left the default branch) and
    `head` (default: the working tree). Raises RevisionError for a usage problem."""
    cwd = cwd or Path.cwd()
    root = repository_root(cwd)
    folder = roadmap_folder_in_repository(root, roadmap_path, cwd)
    if base is None:
        base_commit, base_label = default_base(root)
    else:
        base_commit = resolve_revision(root, base)
        base_label = revision_label(root, base, base_commit)
    if head is None:
        head_version = read_working_tree(root, folder)
    else:
        head_commit = resolve_revision(root, head)
        head_version = read_revision(root, head_commit, folder,
                                     revision_label(root, head, head_commit))  # fmt: skip
    return Comparison(read_revision(root, base_commit, folder, base_label), head_version)
