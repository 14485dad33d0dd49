"""Read a roadmap's files as they stand at a git revision, without checkout.

Files are read straight from git's object store: one `git ls-tree` lists them, one
`git cat-file --batch` reads them all. Nothing in the repository is touched and nothing is
written to disk; `generator.validation.versions` validates what is read here.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path, PurePosixPath

from generator.reading.sources import PROJECTS_DIR, ROADMAP_FILE, roadmap_file_names

# Tried in this order to find the branch a change will be merged into.
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")
_REF_PREFIXES = ("refs/heads/", "refs/tags/", "refs/remotes/")
_FILE_MODES = ("100644", "100755")
_SHORT_SHA = 7


class RevisionError(Exception):
    """A problem with what was asked (not a git repository, an unknown revision): a usage error.

    `key` names its words in the `cli` catalogue (`revision.<key>`), `params` fill them."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in `root` and return its output; a failure becomes a RevisionError."""
    try:
        completed = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False,
            # A prompt for credentials or an editor must never wait for a person in CI.
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )  # fmt: skip
    except FileNotFoundError:
        raise RevisionError("git_missing") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip()
        if message:
            raise RevisionError("git_error", message=message)
        raise RevisionError("git_failed", command=" ".join(args))
    return completed.stdout


def repository_root(path: Path) -> Path:
    """The top folder of the git repository that holds `path`."""
    try:
        output = _git(path, "rev-parse", "--show-toplevel")
    except RevisionError:
        raise RevisionError("not_a_repository", path=str(path)) from None
    return Path(output.decode().strip())


def resolve_revision(root: Path, revision: str) -> str:
    """The full commit id that `revision` (a branch, tag, commit id, `HEAD~2`…) names."""
    # A revision starting with "-" would be read by git as an option.
    if not revision or revision.startswith("-"):
        raise RevisionError("invalid", revision=revision)
    try:
        output = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError("unknown", revision=revision) from None
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
            raise RevisionError("no_common_ancestor", branch=branch) from None
        # origin/HEAD is a pointer: name the branch it points to (origin/main).
        name = _git(root, "rev-parse", "--abbrev-ref", branch).decode().strip() or branch
        return base, f"{name} ({base[:_SHORT_SHA]})"
    raise RevisionError("no_default_branch")


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
        raise RevisionError("outside_repository", path=str(path), root=str(root)) from None
    return PurePosixPath(relative.as_posix())


def revision_files(root: Path, commit: str, folder: PurePosixPath) -> dict[str, bytes]:
    """The roadmap files at `commit`, by their path inside the roadmap folder `folder`
    (roadmap.yaml and projects/*.yaml, regular files only): empty when there is no roadmap."""
    prefix = "" if str(folder) == "." else f"{folder}/"
    # Literal pathspecs: a folder named with "*" or "[" must not be read as a pattern.
    listing = _git(root, "--literal-pathspecs", "ls-tree", "-z", commit, "--",
                   f"{prefix}{ROADMAP_FILE}", f"{prefix}{PROJECTS_DIR}/")  # fmt: skip
    blobs: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        # Regular files only: a symbolic link's blob is a path, not a roadmap file.
        if kind == "blob" and mode in _FILE_MODES and path.startswith(prefix):
            blobs[path.removeprefix(prefix)] = blob
    if ROADMAP_FILE not in blobs:
        return {}
    names = roadmap_file_names(list(blobs))
    return dict(zip(names, read_blobs(root, [blobs[name] for name in names]), strict=True))


def read_blobs(root: Path, blobs: list[str]) -> list[bytes]:
    """The contents of several blobs in one git call."""
    if not blobs:
        return []
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    contents, position = [], 0
    for _ in blobs:
        header_end = output.index(b"\n", position)
        _, _, size = output[position:header_end].decode().split(" ")
        start = header_end + 1
        contents.append(output[start : start + int(size)])
        position = start + int(size) + 1  # each blob is followed by a newline
    return contents


def join_path(folder: PurePosixPath, name: str) -> str:
    """`name` (inside the roadmap folder) as the repository names it."""
    return name if str(folder) == "." else f"{folder}/{name}"


# --- the whole history of a roadmap, in one pass ---------------------------------------------

_TREE_MODE = b"40000"


def is_shallow(root: Path) -> bool:
    """True when the clone lacks part of its history (`git clone --depth`, the default of most
    CI checkouts): the history it shows would silently start at its first fetched commit."""
    return _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"


def roadmap_commits(root: Path, folder: PurePosixPath, ref: str = "HEAD") -> list[str]:
    """The commits of the current branch that change the roadmap folder, newest first.

    Only the first-parent line is followed: what a branch published is what its own commits
    (merge commits included) held, not the intermediate states of a branch merged into it."""
    pathspec = "." if str(folder) == "." else str(folder)
    output = _git(root, "--literal-pathspecs", "log", "--first-parent", "--format=%H", ref,
                  "--", pathspec)  # fmt: skip
    return output.decode().split()


class ObjectReader:
    """One `git cat-file --batch` process, asked for objects in rounds (trees, then the blobs
    they name) rather than one process per file or per commit. Requests are written from a
    second thread while answers are read, so that neither side can fill a pipe and wait for
    the other."""

    def __init__(self, root: Path) -> None:
        try:
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch"], cwd=root, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
            )  # fmt: skip
        except FileNotFoundError:
            raise RevisionError("git_missing") from None

    def __enter__(self) -> ObjectReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        process = self._process
        if process.stdin is not None and not process.stdin.closed:
            process.stdin.close()
        if process.stdout is not None:
            process.stdout.close()
        process.wait()

    def read(self, names: list[str]) -> list[bytes | None]:
        """The contents of each object named (`<sha>`, `<commit>:<path>`); None when missing."""
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        request = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")

        def write() -> None:
            stdin.write(request)
            stdin.flush()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        contents: list[bytes | None] = []
        for _ in names:
            header = stdout.readline()
            if not header:
                raise RevisionError("git_failed", command="cat-file --batch")
            parts = header.split()
            if len(parts) != 3:  # "<name> missing" (or ambiguous)
                contents.append(None)
                continue
            size = int(parts[2])
            contents.append(stdout.read(size))
            stdout.read(1)  # each object is followed by a newline
        writer.join()
        return contents


def tree_entries(tree: bytes) -> list[tuple[bytes, str, str]]:
    """The entries of a raw tree object: (mode, name, object id)."""
    entries, position = [], 0
    while position < len(tree):
        space = tree.index(b" ", position)
        nul = tree.index(b"\0", space)
        object_id = tree[nul + 1 : nul + 21].hex()
        entries.append((tree[position:space], tree[space + 1 : nul].decode("utf-8",
                                                                           "surrogateescape"),
                        object_id))  # fmt: skip
        position = nul + 21
    return entries


def folder_listing(reader: ObjectReader, commits: list[str], folder: PurePosixPath
                   ) -> dict[str, dict[str, str]]:  # fmt: skip
    """For each commit, the roadmap files it holds (path inside the roadmap folder -> blob id),
    as `revision_files` chooses them; empty when it holds no roadmap.yaml. Trees shared by
    several commits (an unchanged projects/ folder) are read once."""
    prefix = "" if str(folder) == "." else f"{folder}"
    top_names = [f"{commit}^{{tree}}" if not prefix else f"{commit}:{prefix}"
                 for commit in commits]  # fmt: skip
    tops = reader.read(top_names)
    roadmap_blobs: dict[str, str] = {}
    projects_trees: dict[str, str] = {}
    for commit, top in zip(commits, tops, strict=True):
        for mode, name, object_id in tree_entries(top or b""):
            if name == ROADMAP_FILE and mode.decode() in _FILE_MODES:
                roadmap_blobs[commit] = object_id
            elif name == PROJECTS_DIR and mode == _TREE_MODE:
                projects_trees[commit] = object_id
    distinct_trees = sorted(set(projects_trees.values()))
    trees = dict(zip(distinct_trees, reader.read(distinct_trees), strict=True))
    listings: dict[str, dict[str, str]] = {}
    for commit in commits:
        if commit not in roadmap_blobs:
            listings[commit] = {}
            continue
        blobs = {ROADMAP_FILE: roadmap_blobs[commit]}
        tree_id = projects_trees.get(commit)
        for mode, name, object_id in tree_entries(trees.get(tree_id or "") or b""):
            if mode.decode() in _FILE_MODES:  # regular files: a link's blob is a path
                blobs[f"{PROJECTS_DIR}/{name}"] = object_id
        names = roadmap_file_names(list(blobs))
        listings[commit] = {name: blobs[name] for name in names}
    return listings
