"""Where a roadmap's files come from: a folder on disk, or a git revision.

Either way the validator is given the same thing, a mapping from each file's path inside the
roadmap folder (`roadmap.yaml`, `projects/portail.yaml`) to its bytes, so a past version is
judged by exactly the rules that judge the current one, with nothing written to disk.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Param, term

ROADMAP_FILE = "roadmap.yaml"
PROJECTS_DIR = "projects"

# A roadmap's files: path inside the roadmap folder -> bytes.
RoadmapFiles = Mapping[str, bytes]


class UnreadableFile(Exception):  # noqa: N818 - the file is what cannot be read
    """A file of a source that cannot be read; `reason` says why (the system's words, or a
    catalogue phrase)."""

    def __init__(self, name: str, reason: Param) -> None:
        super().__init__(name)
        self.reason = reason


def roadmap_file_names(names: list[str]) -> list[str]:
    """The files the validator reads among `names`, in reading order: roadmap.yaml, then the
    direct children of projects/ named *.yaml, sorted."""
    projects = sorted(
        name
        for name in names
        if name.startswith(f"{PROJECTS_DIR}/")
        and name.endswith(".yaml")
        and "/" not in name.removeprefix(f"{PROJECTS_DIR}/")
    )
    return [ROADMAP_FILE, *projects] if ROADMAP_FILE in names else projects


class FolderFiles(Mapping[str, bytes]):
    """The roadmap files of a folder, read when asked for (a large roadmap is not held in
    memory twice). A symbolic link, or a path leading out of the folder, is refused: a link in
    a pull request could make the build read (and quote in its messages) a file of the
    machine outside the repository."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        names = [ROADMAP_FILE] if _exists(folder / ROADMAP_FILE) else []
        names += [
            f"{PROJECTS_DIR}/{path.name}"
            for path in (folder / PROJECTS_DIR).glob("*.yaml")
            if not path.name.startswith(".")
        ]
        self._names = roadmap_file_names(names)
        self.skipped = skipped_files(folder / PROJECTS_DIR)

    def __getitem__(self, name: str) -> bytes:
        if name not in self._names:
            raise KeyError(name)
        path = self.folder / name
        if path.is_symlink() or not path.resolve().is_relative_to(self.folder.resolve()):
            raise UnreadableFile(name, term("skip.symlink"))
        try:
            return path.read_bytes()
        except OSError as error:
            raise UnreadableFile(name, error.strerror or "") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def path(self, name: str) -> Path:
        """Where the file `name` is on disk."""
        return self.folder / name


def _exists(path: Path) -> bool:
    """True for a file or a link (even a broken one): a link is reported, not ignored."""
    return path.is_symlink() or path.is_file()


# A file that looks like YAML (any case of .yaml or .yml) was meant to be read.
_YAML_SUFFIXES = (".yaml", ".yml")
MAX_SKIPPED = 100  # a folder full of copies is reported by its first files, not all of them


@dataclass(frozen=True)
class SkippedFile:
    """A file of projects/ that looks like a project but is not read: its path inside the
    roadmap folder, why (`skip.<reason>`) and the name it should have."""

    name: str
    reason: str
    should_be: str


def skipped_files(projects: Path) -> list[SkippedFile]:
    """The YAML files under `projects` that the validator does not read: another extension
    (`.yml`, `.YAML`), in a subfolder, or hidden. Other files (a README, `.gitkeep`) are not
    projects and are left alone."""
    found: list[SkippedFile] = []
    if not projects.is_dir():
        return found
    for path in sorted(projects.rglob("*")):
        if len(found) >= MAX_SKIPPED:
            break
        relative = path.relative_to(projects)
        if path.suffix.lower() not in _YAML_SUFFIXES or path.is_dir():
            continue
        inside = f"{PROJECTS_DIR}/{relative.as_posix()}"
        stem = path.name[: -len(path.suffix)].lstrip(".")
        if len(relative.parts) > 1:
            if any(part.startswith(".") for part in relative.parts[:-1]):
                continue  # a hidden folder (.git, an editor's) is no one's project
            found.append(SkippedFile(inside, "subfolder", f"{PROJECTS_DIR}/{stem}.yaml"))
        elif path.name.startswith("."):
            found.append(SkippedFile(inside, "hidden", f"{PROJECTS_DIR}/{stem}.yaml"))
        elif path.suffix != ".yaml":
            found.append(SkippedFile(inside, "extension", f"{PROJECTS_DIR}/{stem}.yaml"))
    return found
