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
        self.skipped = unread_files(folder)

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
# What editors and tools add to a file's name when they keep a copy of it: `crm.yaml~`,
# `crm.yaml.bak`, Vim's `.crm.yaml.swp`, Emacs's `#crm.yaml#`, a merge's `crm.yaml.orig`.
_BACKUP_ENDINGS = ("~", ".bak", ".orig", ".old", ".save", ".tmp", ".swp", ".swo", ".rej",
                   ".backup")  # fmt: skip
# Folders of the roadmap that were meant to be projects/: a singular, French or capitals.
_PROJECTS_LOOKALIKES = frozenset({"project", "projet", "projets", "projects"})


@dataclass(frozen=True)
class SkippedFile:
    """A file of the roadmap folder that looks like one of its files but is not read: its
    path inside the roadmap folder, why (`skip.<reason>`: extension, subfolder, hidden,
    folder, backup) and the name it should have (a backup: the file it copies)."""

    name: str
    reason: str
    should_be: str


def _backup_of(name: str) -> str | None:
    """The YAML file name that `name` is an editor's or a tool's copy of, if it is one."""
    original = name.removeprefix(".#")
    if original.startswith("#") and original.endswith("#"):
        original = original[1:-1]
    ending = next((e for e in _BACKUP_ENDINGS if original.lower().endswith(e)), None)
    if ending is not None:
        original = original[: -len(ending)]
    elif original == name:
        return None
    if original.startswith(".") and ending in (".swp", ".swo"):
        original = original[1:]  # Vim hides its swap file
    return original if original.lower().endswith(_YAML_SUFFIXES) else None


def unread_files(folder: Path) -> list[SkippedFile]:
    """The files of a roadmap folder that look meant to be read but are not: the YAML files
    of projects/ the validator skips (`skipped_files`), editors' backup copies, a
    `roadmap.yml` beside or instead of `roadmap.yaml`, and the YAML files of a folder named
    almost `projects` (`projet/`, `Projects/`). Other files (a README, the site's own
    `mkdocs.yml` when the roadmap is at the root of the repository) are left alone."""
    found = skipped_files(folder / PROJECTS_DIR)
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if len(found) >= MAX_SKIPPED:
            break
        name = path.name
        if path.is_dir() and not path.is_symlink():
            if name != PROJECTS_DIR and name.lower() in _PROJECTS_LOOKALIKES:
                found += [
                    SkippedFile(f"{name}/{file.name}", "folder", f"{PROJECTS_DIR}/{file.stem}.yaml")
                    for file in sorted(path.iterdir())
                    if file.suffix.lower() in _YAML_SUFFIXES and not file.name.startswith(".")
                ][: MAX_SKIPPED - len(found)]
            continue
        original = _backup_of(name)
        if original is not None and original.lower().rsplit(".", 1)[0] == "roadmap":
            found.append(SkippedFile(name, "backup", original))
        elif name != ROADMAP_FILE and name.lower() in ("roadmap.yaml", "roadmap.yml"):
            found.append(SkippedFile(name, "extension", ROADMAP_FILE))
    return found


def skipped_files(projects: Path) -> list[SkippedFile]:
    """The YAML files under `projects` that the validator does not read: another extension
    (`.yml`, `.YAML`), in a subfolder, hidden, or an editor's backup copy (`crm.yaml~`).
    Other files (a README, `.gitkeep`) are not projects and are left alone."""
    found: list[SkippedFile] = []
    if not projects.is_dir():
        return found
    for path in sorted(projects.rglob("*")):
        if len(found) >= MAX_SKIPPED:
            break
        relative = path.relative_to(projects)
        if path.is_dir():
            continue
        inside = f"{PROJECTS_DIR}/{relative.as_posix()}"
        hidden_folder = any(part.startswith(".") for part in relative.parts[:-1])
        original = _backup_of(path.name)
        if original is not None:
            if not hidden_folder:
                found.append(SkippedFile(inside, "backup", f"{PROJECTS_DIR}/{original}"))
            continue
        if path.suffix.lower() not in _YAML_SUFFIXES:
            continue
        stem = path.name[: -len(path.suffix)].lstrip(".")
        if len(relative.parts) > 1:
            if hidden_folder:
                continue  # a hidden folder (.git, an editor's) is no one's project
            found.append(SkippedFile(inside, "subfolder", f"{PROJECTS_DIR}/{stem}.yaml"))
        elif path.name.startswith("."):
            found.append(SkippedFile(inside, "hidden", f"{PROJECTS_DIR}/{stem}.yaml"))
        elif path.suffix != ".yaml":
            found.append(SkippedFile(inside, "extension", f"{PROJECTS_DIR}/{stem}.yaml"))
    return found
