#!/usr/bin/env python3
"""Coverage-guided fuzzing of the loader and the validator (atheris, i.e. libFuzzer).

Each input is read three ways: by the loader alone, as a project file of a small valid
roadmap, and as that roadmap's `roadmap.yaml`. Whatever the bytes, nothing may raise, every
diagnostic must carry a known code and point inside the file it names, and a roadmap that
validates must go through the derived figures and the site generation. Each fuzzed version
is also compared with the valid base in the pull-request digest, both ways round (whether it
validates or not: the digest then quotes its errors), and the digest must stay within its
length limit and hold no raw HTML.

    pip install atheris
    python fuzz/fuzz_validate.py -runs=100000 -timeout=10 -dict=fuzz/yaml.dict \\
        /tmp/fuzz-corpus fuzz/corpus

On several cores, libFuzzer's workers (`-jobs=2 -workers=2`: two processes sharing the
corpus folder, each writing `fuzz-N.log`) start this file again as a command: run it as one,
from the virtual environment that has atheris (`. .venv/bin/activate`, then
`fuzz/fuzz_validate.py -jobs=2 -workers=2 -max_total_time=3600 …` with the folders above).

libFuzzer writes the inputs it finds interesting into the first folder, and a crashing
input into `crash-<hash>` in the working folder: copy it into
tests/fixtures/fuzz-regressions/ so that tests/test_fuzz_regressions.py keeps it fixed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import atheris  # type: ignore[import-untyped]
import jinja2
import jinja2.bccache

with atheris.instrument_imports(include=["generator", "yaml"]):
    import yaml  # noqa: F401  (instrumented for its Python parts)

    from generator.diagnostics import Diagnostic
    from generator.figures.derive import derive_figures
    from generator.reading.loader import load_text
    from generator.rendering.diagnostics import message_text
    from generator.rendering.digest import MAX_DIGEST_LENGTH, forge_length, render_digest
    from generator.validation.codes import RULES
    from generator.validation.validate import (
        ROADMAP_FILE,
        ValidationResult,
        display_path,
        validate_roadmap,
    )
    from generator.validation.versions import RoadmapVersion

REPO_ROOT = Path(__file__).resolve().parent.parent
MINIMAL = REPO_ROOT / "tests" / "fixtures" / "minimal"
FUZZ_FILE = "fuzz.yaml"


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled page templates kept in memory: the site compiles its templates again at
    each generation, which would make every accepted input cost a fifth of a second."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _CachedEnvironment(jinja2.Environment):
    cache_ = _TemplateCache()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("bytecode_cache", self.cache_)
        super().__init__(*args, **kwargs)


def _site_generator() -> Callable[[Path], object] | None:
    """The site generation, when the site package is importable (it may not be, yet)."""
    jinja2.Environment = _CachedEnvironment  # type: ignore[misc]
    try:
        with atheris.instrument_imports(include=["generator"]):
            from generator.pipeline import generate_site
    except ImportError:
        return None
    return generate_site


def _scratch_folder() -> Path:
    """A folder in memory when the system has one (/dev/shm), so runs barely touch a disk.

    libFuzzer ends the process without running Python's clean-up, so each run names its
    folder after its process id and removes the folders of runs that have ended."""
    memory = Path("/dev/shm")
    base = memory if memory.is_dir() else Path(tempfile.gettempdir())
    for old in base.glob("roadmap-fuzz-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = base / f"roadmap-fuzz-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Target:
    """Two copies of the minimal roadmap: one receives the input as a project file, the
    other as its roadmap.yaml."""

    def __init__(self) -> None:
        self.scratch = _scratch_folder()
        self.as_project = self.scratch / "as-project"
        self.as_roadmap = self.scratch / "as-roadmap"
        for folder in (self.as_project, self.as_roadmap):
            shutil.copytree(MINIMAL, folder)
        self.project_file = self.as_project / "projects" / FUZZ_FILE
        self.roadmap_file = self.as_roadmap / ROADMAP_FILE
        self.fixed_texts = {
            display_path(path): path.read_text(encoding="utf-8")
            for folder in (self.as_project, self.as_roadmap)
            for path in (folder / ROADMAP_FILE, folder / "projects" / "socle.yaml")
        }
        self.base = _version(validate_roadmap(MINIMAL), "base")
        assert self.base.roadmap is not None, "the minimal roadmap must validate"
        self.generate_site = _site_generator()

    def run(self, data: bytes) -> None:
        text = expected_text(data)
        _, problems = load_text(data, FUZZ_FILE)
        check_positions(problems, {FUZZ_FILE: text})

        self.project_file.write_bytes(data)
        self._validate(self.as_project, {display_path(self.project_file): text})

        self.roadmap_file.write_bytes(data)
        self._validate(self.as_roadmap, {display_path(self.roadmap_file): text})

    def _validate(self, folder: Path, fuzzed: dict[str, str]) -> None:
        result = validate_roadmap(folder)
        check_positions(result.diagnostics, {**self.fixed_texts, **fuzzed})
        fuzzed_version = _version(result, "head")
        check_digest(render_digest(self.base, fuzzed_version))
        check_digest(render_digest(fuzzed_version, self.base))
        if result.roadmap is None:
            assert result.errors, "no roadmap and no error"
            return
        assert not result.errors
        derive_figures(result.roadmap)
        if self.generate_site is not None:
            self.generate_site(folder)


def _version(result: ValidationResult, label: str) -> RoadmapVersion:
    return RoadmapVersion(label=label, revision=None, roadmap=result.roadmap,
                          errors=tuple(result.errors), language=result.language)  # fmt: skip


def check_digest(digest: str) -> None:
    """The digest fits in a forge comment, and no text of the file opened raw HTML in it
    (every `<` of user text is escaped; the digest itself writes none)."""
    assert forge_length(digest) <= MAX_DIGEST_LENGTH, f"digest of {forge_length(digest)}"
    unescaped = [i for i, c in enumerate(digest) if c == "<" and digest[i - 1 : i] != "\\"]
    assert not unescaped, f"raw < in the digest at {unescaped[:3]}"


def expected_text(data: bytes) -> str:
    """The text a person sees in an editor: UTF-8 (bad bytes shown as �), without BOM."""
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def check_positions(diagnostics: list[Diagnostic], texts: Mapping[str, str]) -> None:
    """Every diagnostic has a known code and points at a line and column of its file."""
    for problem in diagnostics:
        assert problem.code in RULES, f"unknown code {problem.code}"
        for language in ("fr", "en"):
            assert message_text(problem, language), f"{problem.code} without a message"
        text = texts.get(problem.file)
        assert text is not None, f"diagnostic on an unexpected file {problem.file}"
        lines = text.splitlines() or [""]
        assert 1 <= problem.line <= len(lines), (
            f"{problem.code} at line {problem.line}, the file has {len(lines)}"
        )
        width = len(lines[problem.line - 1])
        assert 1 <= problem.column <= width + 1, (
            f"{problem.code} at {problem.line}:{problem.column}, the line has {width} characters"
        )


TARGET: Target | None = None


def test_one_input(data: bytes) -> None:
    assert TARGET is not None
    TARGET.run(data)


def main() -> None:
    global TARGET
    TARGET = Target()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
