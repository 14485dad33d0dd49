"""Read the roadmap as it stands at a git revision, or in the working tree, without checkout.

Old versions are read straight from git's object store (`git ls-tree`, `git cat-file`), written
to a temporary folder and checked by the ordinary validator, so that a past version is judged
by exactly the rules that judge the current one. Nothing in the repository is touched.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from generator.diagnostics import Diagnostic
from generator.model import Roadmap
from generator.validation.validate import (
    PROJECTS_DIR,
    ROADMAP_FILE,
    ValidationResult,
    display_path,
    validate_roadmap,
)

# Tried in this order to find the branch a change will be merged into.
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")
_REF_PREFIXES = ("refs/heads/", "refs/tags/", "refs/remotes/")
# Regular files only: a symbolic link's blob is a path, not a roadmap file.
_FILE_MODES = ("100644", "100755")
_SHORT_SHA = 7


class RevisionError(Exception):
    """A problem with what was asked (not a git repository, an unknown revision): a usage error."""


@dataclass(frozen=True)
class RoadmapVersion:
    """One side of a comparison: the roadmap at a revision, or why it could not be read."""

    label: str  # how the reader knows it: "main (1a2b3c4)", "copie de travail"
    revision: str | None  # the full commit id; None for the working tree
    roadmap: Roadmap | None = None  # None when it does not exist or does not validate
    errors: tuple[Diagnostic, ...] = ()
    exists: bool = True  # False when there is no roadmap at all (e.g. before it was added)
    language: str = "fr"

    @property
    def is_valid(self) -> bool:
        return self.roadmap is not None


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in `root` and return its output; a failure becomes a RevisionError."""
    try:
        completed = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False,
            # A prompt for credentials or an editor must never wait for a person in CI.
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )  # fmt: skip
    except FileNotFoundError:
        raise RevisionError("La commande « git » est introuvable : installez git.") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(message or f"git {' '.join(args)} a échoué.")
    return completed.stdout


def repository_root(path: Path) -> Path:
    """The top folder of the git repository that holds `path`."""
    try:
        output = _git(path, "rev-parse", "--show-toplevel")
    except RevisionError:
        raise RevisionError(
            f"« {path} » n'est pas dans un dépôt git : « roadmap diff » compare des versions "
            "enregistrées dans git."
        ) from None
    return Path(output.decode().strip())


def resolve_revision(root: Path, revision: str) -> str:
    """The full commit id that `revision` (a branch, tag, commit id, `HEAD~2`…) names."""
    # A revision starting with "-" would be read by git as an option.
    if not revision or revision.startswith("-"):
        raise RevisionError(f"« {revision} » n'est pas une révision git valide.")
    try:
        output = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(
            f"La révision « {revision} » est introuvable dans ce dépôt. Indiquez une branche, "
            "une étiquette ou un identifiant de commit (par exemple main, v1.0 ou HEAD~1) ; "
            "après un clone partiel, récupérez-la d'abord avec « git fetch »."
        ) from None
    return output.decode().strip()


def revision_label(root: Path, revision: str, commit: str) -> str:
    """`main (1a2b3c4)` for a branch or tag name, the short commit id otherwise."""
    short = commit[:_SHORT_SHA]
    try:
        full_name = _git(root, "rev-parse", "--symbolic-full-name", revision).decode().strip()
    except RevisionError:
        return short
    for prefix in _REF_PREFIXES:
        if full_name.startswith(prefix):
            return f"{full_name.removeprefix(prefix)} ({short})"
    return short


def default_base(root: Path) -> tuple[str, str]:
    """The commit where the current work left the default branch, and a label for it.

    The default branch is the remote's (`origin/HEAD`) when known, else `main` or `master`.
    """
    for branch in DEFAULT_BRANCHES:
        try:
            _git(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}")
        except RevisionError:
            continue
        try:
            base = _git(root, "merge-base", "HEAD", branch).decode().strip()
        except RevisionError:
            raise RevisionError(
                f"Aucun ancêtre commun entre HEAD et « {branch} » : indiquez la révision de "
                "base, par exemple « roadmap diff main »."
            ) from None
        # origin/HEAD is a pointer: name the branch it points to (origin/main).
        name = _git(root, "rev-parse", "--abbrev-ref", branch).decode().strip() or branch
        return base, f"{name} ({base[:_SHORT_SHA]})"
    raise RevisionError(
        "Branche par défaut introuvable (ni origin/HEAD, ni main, ni master) : indiquez la "
        "révision de base, par exemple « roadmap diff v1.0 »."
    )


def roadmap_folder_in_repository(root: Path, path: Path, cwd: Path) -> PurePosixPath:
    """Where the roadmap folder (`path`, relative to `cwd`) lies in the repository, as git
    names paths."""
    folder = (cwd / path).resolve()
    if folder.name == ROADMAP_FILE:  # the file itself was given, as `roadmap validate` allows
        folder = folder.parent
    if not (folder / ROADMAP_FILE).exists() and (folder / "roadmap" / ROADMAP_FILE).exists():
        folder = folder / "roadmap"
    try:
        relative = folder.relative_to(root.resolve())
    except ValueError:
        raise RevisionError(
            f"Le dossier « {path} » n'est pas dans le dépôt git ({root})."
        ) from None
    return PurePosixPath(relative.as_posix())


def _roadmap_files(root: Path, commit: str, folder: PurePosixPath) -> list[tuple[str, str]]:
    """(path inside the repository, blob id) of roadmap.yaml and projects/*.yaml at `commit`."""
    prefix = "" if str(folder) == "." else f"{folder}/"
    # Literal pathspecs: a folder named with "*" or "[" must not be read as a pattern.
    listing = _git(root, "--literal-pathspecs", "ls-tree", "-z", commit, "--",
                   f"{prefix}{ROADMAP_FILE}", f"{prefix}{PROJECTS_DIR}/")  # fmt: skip
    files = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        # Only the files the validator itself would read: direct children named *.yaml.
        if kind == "blob" and mode in _FILE_MODES and path.endswith(".yaml"):
            files.append((path, blob))
    return files


def _read_blobs(root: Path, blobs: list[str]) -> list[bytes]:
    """The contents of several blobs in one git call."""
    if not blobs:
        return []
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    contents, position = [], 0
    for _ in blobs:
        header_end = output.index(b"\n", position)
        _, _, size = output[position:header_end].decode().split(" ")
        start = header_end + 1
        contents.append(output[start:start + int(size)])
        position = start + int(size) + 1  # each blob is followed by a newline
    return contents


def read_revision(root: Path, commit: str, folder: PurePosixPath, label: str) -> RoadmapVersion:
    """The roadmap at `commit`, validated, with diagnostics naming the repository's paths."""
    files = _roadmap_files(root, commit, folder)
    prefix = "" if str(folder) == "." else f"{folder}/"
    if f"{prefix}{ROADMAP_FILE}" not in {path for path, _ in files}:
        return RoadmapVersion(label=label, revision=commit, exists=False)
    with tempfile.TemporaryDirectory(prefix="roadmap-diff-") as temporary:
        copy = Path(temporary) / "roadmap"
        (copy / PROJECTS_DIR).mkdir(parents=True)
        renames = {}
        for (path, _), content in zip(files, _read_blobs(root, [b for _, b in files]), strict=True):
            target = copy / path.removeprefix(prefix)
            target.write_bytes(content)
            renames[display_path(target)] = path
        return _version(validate_roadmap(copy), renames, label, commit)


def read_working_tree(root: Path, folder: PurePosixPath, label: str) -> RoadmapVersion:
    """The roadmap as it is on disk now, including changes not yet committed."""
    directory = root / folder
    if not (directory / ROADMAP_FILE).is_file():
        return RoadmapVersion(label=label, revision=None, exists=False)
    renames = {display_path(directory / ROADMAP_FILE): _join(folder, ROADMAP_FILE)}
    for path in (directory / PROJECTS_DIR).glob("*.yaml"):
        renames[display_path(path)] = _join(folder, f"{PROJECTS_DIR}/{path.name}")
    return _version(validate_roadmap(directory), renames, label, None)


def _join(folder: PurePosixPath, name: str) -> str:
    return name if str(folder) == "." else f"{folder}/{name}"


def _version(result: ValidationResult, renames: dict[str, str], label: str,
             commit: str | None) -> RoadmapVersion:  # fmt: skip
    # Diagnostics name the files as the repository does, not as the temporary copy is called.
    errors = tuple(replace(d, file=renames.get(d.file, d.file)) for d in result.errors)
    return RoadmapVersion(label=label, revision=commit, roadmap=result.roadmap, errors=errors,
                          language=result.language)  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    base: RoadmapVersion
    head: RoadmapVersion

    @property
    def is_valid(self) -> bool:
        """Both sides can be read: the base may lack a roadmap (not added yet), the head may not."""
        base_ok = not self.base.exists or self.base.is_valid
        return base_ok and self.head.is_valid


WORKING_TREE_LABEL = {"fr": "copie de travail", "en": "working tree"}


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
        head_version = read_working_tree(root, folder, WORKING_TREE_LABEL["fr"])
        if head_version.language == "en":
            head_version = replace(head_version, label=WORKING_TREE_LABEL["en"])
    else:
        head_commit = resolve_revision(root, head)
        head_version = read_revision(root, head_commit, folder,
                                     revision_label(root, head, head_commit))  # fmt: skip
    return Comparison(read_revision(root, base_commit, folder, base_label), head_version)
