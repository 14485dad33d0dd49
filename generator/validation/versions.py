"""The roadmap at a git revision, or in the working tree, validated: the two sides that
`roadmap diff` compares; and every version the branch committed, read for the history.

A past version's files are read from git's object store (`generator.reading.revisions`) and
checked by the ordinary validator, so it is judged by exactly the rules that judge the
current one; its diagnostics name the files as the repository does.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import os
import pickle
import posixpath
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple, TypeVar

from pydantic import ValidationError

from generator.diagnostics import Diagnostic
from generator.i18n import DEFAULT_LANGUAGE, words
from generator.model import Project, Roadmap, RoadmapFile
from generator.reading.loader import MAX_FILE_BYTES, load_text
from generator.reading.revisions import (
    ObjectReader,
    RevisionError,
    default_base,
    folder_listing,
    is_shallow,
    join_path,
    read_blobs,
    repository_root,
    resolve_revision,
    revision_files,
    revision_label,
    roadmap_commits,
    roadmap_folder_in_repository,
)
from generator.reading.sources import ROADMAP_FILE, FolderFiles
from generator.validation.measures import project_budget
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


class HealthRating(NamedTuple):
    value: str  # good, watch, critical
    date: dt.date


class MilestoneSummary(NamedTuple):
    title: str
    due: dt.date
    forecast: dt.date | None
    done: dt.date | None


class ProjectSummary(NamedTuple):
    """What the history shows of one version of a project file: a few fields and totals,
    read once per git object and kept on disk, so that a hundred situations of a thousand
    projects weigh little to keep and to load. The pages that compare two situations in
    full (what changed) read those two in full (`PastVersion.roadmap`)."""

    id: str
    title: str
    status: str
    public: bool
    health: HealthRating | None
    planned_end: dt.date | None
    forecast_end: dt.date | None
    budget: tuple[float, float, float] | None  # planned, committed, spent; None: no budget
    milestones: tuple[MilestoneSummary, ...]


def project_summary(project: Project) -> ProjectSummary:
    """The summary of a validated project."""
    budget: tuple[float, float, float] | None = None
    if project.budget is not None:
        # As `project_budget` adds them up, line by line (the same sums, to the last digit),
        # without its per-line totals: ten thousand file versions have sixty thousand lines.
        planned = committed = spent = 0.0
        for line in project.budget.lines:
            planned += line.planned
            committed += line.committed or 0.0
            spent += line.spent or 0.0
        budget = (planned, committed, spent)
    health = project.health
    return ProjectSummary(
        project.id, project.title, project.status, project.visibility == "public",
        HealthRating(health.value, health.date) if health is not None else None,
        project.planned_end, project.forecast_end, budget,
        tuple(MilestoneSummary(m.title, m.due, m.forecast, m.done) for m in project.milestones),
    )  # fmt: skip


@dataclass(frozen=True, eq=False)
class PastVersion:
    """The roadmap as one commit held it, read for the history with today's model.

    Old files are only read here, never judged: a project file that today's model refuses
    (an old field, a syntax error since fixed) is left out of that version and named in
    `skipped`; a roadmap.yaml that it refuses leaves the version without `settings`.

    `projects` summarises each project (`ProjectSummary`); `roadmap`, the whole validated
    roadmap, is read from git only when asked for (what changed between two situations
    needs it; a trajectory or a trend does not)."""

    commit: str
    given: Roadmap | None = None  # the whole roadmap, when already known
    skipped: tuple[str, ...] = ()  # repository paths of the files left out
    blobs: Mapping[str, str] = field(default_factory=dict)  # file name -> git object id
    settings: RoadmapFile | None = None  # roadmap.yaml; None when unreadable or absent
    projects: tuple[ProjectSummary, ...] = ()
    loader: Callable[[], Roadmap | None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.given is not None and self.settings is None:
            object.__setattr__(self, "settings", self.given)
            object.__setattr__(self, "projects",
                               tuple(project_summary(p) for p in self.given.projects))

    @functools.cached_property
    def roadmap(self) -> Roadmap | None:
        """The whole roadmap of this version (read from git the first time it is asked for)."""
        if self.given is not None or self.settings is None or self.loader is None:
            return self.given
        return self.loader()


@dataclass(frozen=True)
class RepositoryHistory:
    """What git holds of a roadmap's past, oldest version first."""

    available: bool  # False when the roadmap is not in a git repository
    shallow: bool = False  # a clone without its whole history
    versions: tuple[PastVersion, ...] = ()


# Bumped with any change to how old files are read, so that no cache read by an older way
# is used; the cache is also keyed by the model and the loader themselves (`_reader_key`).
_DISK_CACHE_VERSION = "2"
# In the work tree, where git ignores it (`.cache/` is in .gitignore, as Zensical's own
# cache), and where a CI job can keep it from one run to the next.
_DISK_CACHE_DIR = ".cache/roadmap-history"


def _reader_key() -> str:
    """What a file's reading depends on: the model, the YAML loader, the budget totals and
    this module."""
    digest = hashlib.blake2b(_DISK_CACHE_VERSION.encode(), digest_size=12)
    for name in (Project.__module__, load_text.__module__, project_budget.__module__, __name__):
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
        self.summaries: dict[tuple[str, str], ProjectSummary | None] = {}
        # Whole projects, for the few situations read in full; in memory only.
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
            listings, settings, summaries = saved
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            return
        self.listings = {**listings, **self.listings}
        self.settings = {**settings, **self.settings}
        self.summaries = {**summaries, **self.summaries}

    def save(self, folder: Path, commits: list[str]) -> None:
        """Keep what `commits` need (nothing of a rewritten history) for the next process:
        the summaries, not the whole projects (a tenth of the size, and as much less to
        load)."""
        listings = {c: self.listings[c] for c in commits}
        blobs = {(name, blob) for listing in listings.values() for name, blob in listing.items()}
        settings = {b: self.settings[b] for n, b in blobs if n == ROADMAP_FILE}
        summaries = {key: self.summaries[key] for key in blobs if key in self.summaries}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Ignored by git even in a repository whose .gitignore does not name .cache/.
            (folder / ".gitignore").write_text("*\n", encoding="utf-8")
            for old in folder.glob("*.pickle"):  # another reader's, or another version's
                old.unlink()
            temporary = folder / f".{os.getpid()}.tmp"
            with temporary.open("wb") as file:
                pickle.dump((listings, settings, summaries), file, pickle.HIGHEST_PROTOCOL)
            temporary.replace(folder / f"{_reader_key()}.pickle")
        except OSError:
            pass  # a read-only clone: the next build reads again, and that is all


def read_history(roadmap_dir: Path, *, include_internal: bool = True,
                 cache: HistoryCache | None = None, disk_cache: bool = True,
                 current: Roadmap | None = None) -> RepositoryHistory:  # fmt: skip
    """Every version of the roadmap in `roadmap_dir` that the current branch committed,
    oldest first: one `git log` over the roadmap folder and one `git cat-file --batch`.

    Each file version is read once, into a `ProjectSummary`. With `disk_cache`, the
    summaries are also kept in the repository's work tree (`.cache/roadmap-history/`,
    ignored by git) for the next process. `current`, the roadmap being built from the same
    folder, lends its projects to a version read in full wherever a file did not change."""
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
    # Hashed only when a version is read in full (not on a rebuild without a new commit).
    lent = functools.cache(lambda: _current_projects(roadmap_dir, current))
    versions = []
    for commit in commits:
        key = (commit, include_internal)
        if key not in cache.versions:
            cache.versions[key] = _past_version(commit, cache, root, folder, include_internal,
                                                lent)  # fmt: skip
        versions.append(cache.versions[key])
    return RepositoryHistory(available=True, shallow=shallow, versions=tuple(versions))


def _current_projects(roadmap_dir: Path, current: Roadmap | None
                      ) -> dict[tuple[str, str], Project]:  # fmt: skip
    """The projects of the roadmap being built, by (file name, git object id of the file as
    it is on disk): an old version holding the same object holds the same project."""
    lent: dict[tuple[str, str], Project] = {}
    for project in current.projects if current is not None else ():
        try:
            content = (roadmap_dir / project.source).read_bytes()
        except OSError:
            continue
        # How git names a file's content: no need to ask it.
        blob = hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False)
        lent[(project.source, blob.hexdigest())] = project
    return lent


def _read_files(reader: ObjectReader, listings: list[dict[str, str]], cache: HistoryCache) -> None:
    """Read, with today's model, every file version that the cache does not know yet."""
    wanted: dict[str, list[str]] = {}  # object id -> the names it is read under
    for listing in listings:
        for name, blob in listing.items():
            known = (blob in cache.settings) if name == ROADMAP_FILE \
                else (name, blob) in cache.summaries  # fmt: skip
            if known:
                continue
            names = wanted.setdefault(blob, [])
            if name not in names:
                names.append(name)
    blobs = sorted(wanted)
    sections = SectionCache()
    for blob, content in zip(blobs, reader.read(blobs), strict=True):
        for name in wanted[blob]:
            if name == ROADMAP_FILE:
                cache.settings[blob] = _read_model(RoadmapFile, content, name, {})
            else:
                project = _read_project(content, name, sections)
                cache.projects[(name, blob)] = project
                cache.summaries[(name, blob)] = (project_summary(project)
                                                 if project is not None else None)  # fmt: skip


def _read_project(content: bytes | None, name: str,
                  sections: SectionCache | None = None) -> Project | None:  # fmt: skip
    if content is not None and sections is not None:
        data = sections.load(content, name)
        if data is not None:
            if "id" in data or "source" in data:
                return None
            try:
                return sections.validate_project(data, name)
            except ValidationError:
                return None
    extra = {"id": _stem(name), "source": name}
    return _read_model(Project, content, name, extra)


def _stem(name: str) -> str:
    """`PurePosixPath(name).stem`, without building a path for each of ten thousand files."""
    return posixpath.splitext(posixpath.basename(name))[0]


M = TypeVar("M", RoadmapFile, Project)
# What a top-level line cannot start with for the file to be split safely: a directive, a
# document marker, a flow collection or a tag at the root, a tab.
_UNSPLITTABLE = ("%", "---", "...", "{", "[", "!", "&", "*", "\t", "?", "|", ">")
# The first line of each top-level section: a line that does not continue the section above,
# as indentation, a comment, a list item of the key above (`- `) or a blank line do.
_SECTION_START = re.compile(r"^(?![ #\n]|-(?: |$))", re.MULTILINE)
# Before the first section, only blank lines and comments: an indented line or a list item
# there belongs to no key, and the whole file's reading says what is wrong with it.
_PRELUDE_REFUSED = re.compile(r"^(?: |-(?: |$))", re.MULTILINE)


# The fields a project file may hold (a section named otherwise is refused by the model).
_PROJECT_FIELDS = frozenset(Project.model_fields) - {"id", "source"}
# A section's reading needs no path of its own (nothing is reported from it).
_SECTION_PATH = Path("section.yaml")


class SectionCache:
    """Each top-level section of a project file (`health:` and what follows it) read once,
    by its text. Most of a file does not change from one version to the next (the health
    comment of the month): of ten thousand file versions, the YAML of a thousand is read
    in full and of the others, only the sections that changed. A section is read by the same
    loader as a whole file, so that it means the same; a file that cannot be split safely
    (an alias from one section to another, a document marker, a root that is not a mapping,
    a section the loader refuses) is read whole."""

    def __init__(self) -> None:
        self._read: dict[str, dict[str, object] | None] = {}
        # The text of each section of the last file `load` split, by its key.
        self.texts: dict[str, str] = {}
        # Per file name, a version of it already validated and the text of its sections:
        # a section unchanged since is given to the model as that version's validated value.
        self.validated: dict[str, tuple[Project, dict[str, str]]] = {}

    def load(self, content: bytes, name: str) -> dict[str, object] | None:
        """The file's top-level mapping, or None when it must be read whole."""
        self.texts = {}
        if len(content) > MAX_FILE_BYTES:
            return None
        try:
            text = content.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        except UnicodeDecodeError:
            return None
        if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
            return None  # line breaks that YAML counts and `split` would not
        if not text.endswith("\n"):
            return None  # a last section without its line break: a block scalar would differ
        end = len(text)
        starts = [match.start() for match in _SECTION_START.finditer(text) if match.start() < end]
        if not starts or _PRELUDE_REFUSED.search(text, 0, starts[0]):
            return None  # no key at all, or an indented line or a list item before the first
        if any(text.startswith(_UNSPLITTABLE, start) for start in starts):
            return None
        starts.append(end)
        data: dict[str, object] = {}
        for start, stop in itertools.pairwise(starts):
            section = text[start:stop]
            if section not in self._read:
                source, problems = load_text(section, name, path=_SECTION_PATH)
                value = source.data
                self._read[section] = (value if not problems and isinstance(value, dict)
                                       and len(value) == 1 else None)  # fmt: skip
            part = self._read[section]
            if part is None:
                return None
            ((key, value),) = part.items()
            if key in data:
                return None  # a duplicate key: the whole file's reading reports it
            data[key] = value
            self.texts[key] = section
        return data

    def validate_project(self, data: dict[str, object], name: str) -> Project:
        """`Project.model_validate(data)`, sparing the sections unchanged since a version of
        the same file validated before: their validated values are given instead (the model
        is strict, frozen, without validators across fields, and takes an instance of a
        model as it is), so that only the changed sections are checked again. Raises
        ValidationError as the model does."""
        texts, earlier = self.texts, self.validated.get(name)
        if earlier is not None:
            project, earlier_texts = earlier
            data = {key: getattr(project, key) if earlier_texts.get(key) == text
                    and key in _PROJECT_FIELDS else data[key]
                    for key, text in texts.items()}  # fmt: skip
        project = Project.model_validate({**data, "id": _stem(name),
                                          "source": name})  # fmt: skip
        self.validated[name] = (project, texts)
        return project


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


def _past_version(commit: str, cache: HistoryCache, root: Path, folder: PurePosixPath,
                  include_internal: bool, lent: Callable[[], dict[tuple[str, str], Project]]
                  ) -> PastVersion:  # fmt: skip
    listing = cache.listings[commit]
    if ROADMAP_FILE not in listing:
        return PastVersion(commit)
    settings = cache.settings.get(listing[ROADMAP_FILE])
    if settings is None:
        return PastVersion(commit, None, (join_path(folder, ROADMAP_FILE),), listing)
    projects, skipped = [], []
    for name, blob in listing.items():
        if name == ROADMAP_FILE:
            continue
        summary = cache.summaries.get((name, blob))
        if summary is None:
            skipped.append(join_path(folder, name))
        elif include_internal or summary.public:
            projects.append(summary)

    def whole() -> Roadmap:
        return _whole_roadmap(settings, listing, cache, root, include_internal, lent())

    return PastVersion(commit, None, tuple(skipped), listing, settings, tuple(projects), whole)


def _whole_roadmap(settings: RoadmapFile, listing: Mapping[str, str], cache: HistoryCache,
                   root: Path, include_internal: bool,
                   lent: dict[tuple[str, str], Project]) -> Roadmap:  # fmt: skip
    """A version's whole roadmap: its projects from the memory cache, else from the roadmap
    being built where the file did not change, else read from git (one process for all)."""
    keys = [(name, blob) for name, blob in listing.items() if name != ROADMAP_FILE]
    unread = [key for key in keys if key not in cache.projects and key not in lent]
    if unread:
        for (name, blob), content in zip(unread, read_blobs(root, [b for _, b in unread]),
                                         strict=True):  # fmt: skip
            cache.projects[(name, blob)] = _read_project(content, name)
    projects = []
    for key in keys:
        project = lent.get(key) or cache.projects.get(key)
        if project is not None and (include_internal or project.visibility == "public"):
            projects.append(project)
    return Roadmap.model_construct(**dict(settings), projects=tuple(projects))
