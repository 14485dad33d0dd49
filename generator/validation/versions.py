"""The roadmap at a git revision, or in the working tree, validated: the two sides that
`roadmap diff` compares; and every version the branch committed, read for the history.

A past version's files are read from git's object store (`generator.reading.revisions`) and
checked by the ordinary validator, so it is judged by exactly the rules that judge the
current one; its diagnostics name the files as the repository does.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

from pydantic import ValidationError

from generator.diagnostics import Diagnostic
from generator.i18n import DEFAULT_LANGUAGE, words
from generator.model import Project, Roadmap, RoadmapFile
from generator.reading.loader import load_text
from generator.reading.revisions import (
    ObjectReader,
    RevisionError,
    default_base,
    folder_listing,
    is_shallow,
    join_path,
    repository_root,
    resolve_revision,
    revision_files,
    revision_label,
    roadmap_commits,
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


# --- every past version, for the history ------------------------------------------------------


@dataclass(frozen=True)
class PastVersion:
    """The roadmap as one commit held it, read for the history with today's model.

    Old files are only read here, never judged: a project file that today's model refuses
    (an old field, a syntax error since fixed) is left out of that version and named in
    `skipped`; a roadmap.yaml that it refuses leaves the version without a roadmap."""

    commit: str
    roadmap: Roadmap | None
    skipped: tuple[str, ...] = ()  # repository paths of the files left out
    blobs: Mapping[str, str] = field(default_factory=dict)  # file name -> git object id


@dataclass(frozen=True)
class RepositoryHistory:
    """What git holds of a roadmap's past, oldest version first."""

    available: bool  # False when the roadmap is not in a git repository
    shallow: bool = False  # a clone without its whole history
    versions: tuple[PastVersion, ...] = ()


# Bumped with any change to how old files are read, so that no cache read by an older way
# is used; the cache is also keyed by the model and the loader themselves (`_reader_key`).
_DISK_CACHE_VERSION = "1"
# In the work tree, where git ignores it (`.cache/` is in .gitignore, as Zensical's own
# cache), and where a CI job can keep it from one run to the next.
_DISK_CACHE_DIR = ".cache/roadmap-history"


def _reader_key() -> str:
    """What a file's reading depends on: the model, the YAML loader and this module."""
    digest = hashlib.blake2b(_DISK_CACHE_VERSION.encode(), digest_size=12)
    for name in (Project.__module__, load_text.__module__, __name__):
        module = sys.modules[name]
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


class HistoryCache:
    """What reading the history keeps for the next build in the same process (`mkdocs
    serve`), keyed by what git names immutably: a commit's files by its id, a file's reading
    by its object id. A rebuild without a new commit runs one `git log` and reads nothing
    else; a new commit costs only its own new files."""

    def __init__(self) -> None:
        self.listings: dict[str, dict[str, str]] = {}
        self.settings: dict[str, RoadmapFile | None] = {}
        self.projects: dict[tuple[str, str], Project | None] = {}
        self.versions: dict[tuple[str, bool], PastVersion] = {}
        self.loaded_from_disk = False

    def load(self, folder: Path) -> None:
        """What an earlier build of the same repository read, kept in its work tree: a new
        process (a CI build, `mkdocs build` after `mkdocs build`) reads only new objects.
        A missing, unreadable or outdated cache is no cache."""
        self.loaded_from_disk = True
        try:
            with (folder / f"{_reader_key()}.pickle").open("rb") as file:
                # Written by this module beside the repository's files: whoever can write
                # there can already change what the build runs (mkdocs.yml, the hooks).
                saved = pickle.load(file)
            listings, settings, projects = saved
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            return
        self.listings = {**listings, **self.listings}
        self.settings = {**settings, **self.settings}
        self.projects = {**projects, **self.projects}

    def save(self, folder: Path, commits: list[str]) -> None:
        """Keep what `commits` need (nothing of a rewritten history) for the next process."""
        listings = {c: self.listings[c] for c in commits}
        blobs = {(name, blob) for listing in listings.values() for name, blob in listing.items()}
        settings = {b: self.settings[b] for n, b in blobs if n == ROADMAP_FILE}
        projects = {key: self.projects[key] for key in blobs if key in self.projects}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Ignored by git even in a repository whose .gitignore does not name .cache/.
            (folder / ".gitignore").write_text("*\n", encoding="utf-8")
            for old in folder.glob("*.pickle"):  # another reader's, or another version's
                old.unlink()
            temporary = folder / f".{os.getpid()}.tmp"
            with temporary.open("wb") as file:
                pickle.dump((listings, settings, projects), file, pickle.HIGHEST_PROTOCOL)
            temporary.replace(folder / f"{_reader_key()}.pickle")
        except OSError:
            pass  # a read-only clone: the next build reads again, and that is all


def read_history(roadmap_dir: Path, *, include_internal: bool = True,
                 cache: HistoryCache | None = None,
                 disk_cache: bool = True) -> RepositoryHistory:  # fmt: skip
    """Every version of the roadmap in `roadmap_dir` that the current branch committed,
    oldest first: one `git log` over the roadmap folder and one `git cat-file --batch`.

    With `disk_cache`, what was read is also kept in the repository's work tree
    (`.cache/roadmap-history/`, ignored by git) for the next process."""
    cache = cache if cache is not None else HistoryCache()
    try:
        root = repository_root(roadmap_dir)
        folder = roadmap_folder_in_repository(root, roadmap_dir, Path.cwd())
        commits = roadmap_commits(root, folder)
        shallow = is_shallow(root)
        cache_folder = root / _DISK_CACHE_DIR if disk_cache else None
    except RevisionError:
        return RepositoryHistory(available=False)
    commits.reverse()
    missing = [commit for commit in commits if commit not in cache.listings]
    if missing and cache_folder is not None and not cache.loaded_from_disk:
        cache.load(cache_folder)
        missing = [commit for commit in commits if commit not in cache.listings]
    if missing:
        with ObjectReader(root) as reader:
            cache.listings.update(folder_listing(reader, missing, folder))
            _read_files(reader, [cache.listings[c] for c in missing], cache)
        if cache_folder is not None:
            cache.save(cache_folder, commits)
    versions = []
    for commit in commits:
        key = (commit, include_internal)
        if key not in cache.versions:
            cache.versions[key] = _past_version(commit, cache, folder, include_internal)
        versions.append(cache.versions[key])
    return RepositoryHistory(available=True, shallow=shallow, versions=tuple(versions))


def _read_files(reader: ObjectReader, listings: list[dict[str, str]], cache: HistoryCache) -> None:
    """Read, with today's model, every file version that the cache does not know yet."""
    wanted: dict[str, list[str]] = {}  # object id -> the names it is read under
    for listing in listings:
        for name, blob in listing.items():
            known = cache.settings if name == ROADMAP_FILE else None
            if (known is not None and blob in known) or (known is None
                                                         and (name, blob) in cache.projects):
                continue
            names = wanted.setdefault(blob, [])
            if name not in names:
                names.append(name)
    blobs = sorted(wanted)
    for blob, content in zip(blobs, reader.read(blobs), strict=True):
        for name in wanted[blob]:
            if name == ROADMAP_FILE:
                cache.settings[blob] = _read_model(RoadmapFile, content, name, {})
            else:
                extra = {"id": PurePosixPath(name).stem, "source": name}
                cache.projects[(name, blob)] = _read_model(Project, content, name, extra)


M = TypeVar("M", RoadmapFile, Project)


def _read_model(model: type[M], content: bytes | None, name: str,
                extra: dict[str, str]) -> M | None:  # fmt: skip
    """One file read into today's model, or None when it cannot be (never an exception)."""
    if content is None:
        return None
    source, problems = load_text(content, name)
    if problems or not isinstance(source.data, dict) or "id" in source.data \
            or "source" in source.data:  # fmt: skip
        return None
    try:
        return model.model_validate({**source.data, **extra})
    except ValidationError:
        return None


def _past_version(commit: str, cache: HistoryCache, folder: PurePosixPath,
                  include_internal: bool) -> PastVersion:  # fmt: skip
    listing = cache.listings[commit]
    if ROADMAP_FILE not in listing:
        return PastVersion(commit, None)
    settings = cache.settings.get(listing[ROADMAP_FILE])
    if settings is None:
        return PastVersion(commit, None, (join_path(folder, ROADMAP_FILE),), listing)
    projects, skipped = [], []
    for name, blob in listing.items():
        if name == ROADMAP_FILE:
            continue
        project = cache.projects.get((name, blob))
        if project is None:
            skipped.append(join_path(folder, name))
        elif include_internal or project.visibility == "public":
            projects.append(project)
    roadmap = Roadmap.model_construct(**dict(settings), projects=tuple(projects))
    return PastVersion(commit, roadmap, tuple(skipped), listing)
