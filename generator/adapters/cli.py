"""The `roadmap` command: a thin adapter from the command line to the pipeline.

Its own words (help, messages) come from the `cli` catalogue: in the roadmap's language when
they are about a roadmap, in the default language otherwise (the help is written before any
roadmap is read).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from generator import __version__
from generator.i18n import DEFAULT_LANGUAGE, available_languages, words
from generator.model import SLUG_PATTERN
from generator.reading.loader import read_source
from generator.reading.revisions import RevisionError, repository_root
from generator.reading.sources import PROJECTS_DIR
from generator.rendering.diagnostics import printable
from generator.rendering.reference import render_codes_page
from generator.rendering.report import FORMATS, explain_text, format_text
from generator.rendering.scaffold import create_project_file
from generator.validation.codes import RULES
from generator.validation.schema import stale_schemas, write_schemas
from generator.validation.validate import (
    RESERVED_IDS,
    ROADMAP_FILE,
    display_path,
    find_roadmap_dir,
    validate_roadmap,
)
from generator.validation.versions import compare_revisions

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


# The language of the roadmap the command is about, found before the command line is parsed.
_command_language = [DEFAULT_LANGUAGE]


def _words(language: str | None = None) -> Any:
    """The command's words in `language`, by default the roadmap's."""
    return words(language or _command_language[0], "cli")


def _default_roadmap() -> Path:
    return Path("roadmap") if Path("roadmap", ROADMAP_FILE).exists() else Path()


def _use_colour(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


class ProgressLine:
    """How far a long command has gone, on one line of stderr updated in place
    (`Validation : 532/1000 fichiers`), for a person watching a terminal. Nothing is written
    when stderr is not a terminal or under continuous integration (`CI` set): logs stay clean.
    A command that ends within `DELAY` seconds shows nothing either. A step's name and unit
    are the catalogue's `progress.<step>` and `progress.<step>_unit`."""

    INTERVAL = 0.1  # seconds between two updates: writing is not free
    DELAY = 0.5  # seconds before the first one

    def __init__(
        self, stream: TextIO, delay: float | None = None, language: str = DEFAULT_LANGUAGE
    ) -> None:
        self.language = language
        isatty = getattr(stream, "isatty", None)
        self.stream = stream
        self.active = bool(isatty and isatty()) and not os.environ.get("CI")
        self.started = time.monotonic()
        self.delay = self.DELAY if delay is None else delay
        self.last = 0.0
        self.shown = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (done < total and now - self.last < self.INTERVAL):
            return
        self.last = now
        w = _words(self.language)
        label = w(f"progress.{step}") if w.has(f"progress.{step}") else step
        unit = w(f"progress.{step}_unit") if w.has(f"progress.{step}_unit") else ""
        line = w("progress.line", label=label, done=done, total=total, unit=unit)
        # \r goes back to the start of the line, ESC[K clears what a longer line left.
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()
        self.shown = True

    def step(self, name: str) -> Callable[[int, int], None]:
        return lambda done, total: self(name, done, total)

    def close(self) -> None:
        """Erase the line, so that the command's own output starts on a clean one."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _roadmap_of(path: Path) -> Path:
    """The roadmap folder of a file given on the command line (`roadmap/projects/x.yaml`)."""
    parent = path.parent
    return parent.parent if parent.name == PROJECTS_DIR else find_roadmap_dir(parent)


def _changed_files(folder: Path, base: str) -> set[Path]:
    """The files of `folder` that differ from revision `base`: changed, added or untracked."""
    root = repository_root(folder.absolute())

    def git(*arguments: str) -> list[str]:
        completed = subprocess.run(
            ["git", *arguments], cwd=root, capture_output=True, check=False, text=True,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )  # fmt: skip
        if completed.returncode != 0:
            raise RevisionError("unknown", revision=base)
        return [line for line in completed.stdout.splitlines() if line]

    names = git("diff", "--name-only", "--no-renames", base, "--")
    names += git("ls-files", "--others", "--exclude-standard")
    return {(root / name).absolute() for name in names}


def cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    files = [p for p in paths if not p.is_dir()]
    folders = [p for p in paths if p.is_dir()]
    if folders:
        folder = folders[0]
    elif files:
        folder = _roadmap_of(files[0])
    else:
        folder = _default_roadmap()
    language = _roadmap_language(find_roadmap_dir(folder))
    w = _words(language)
    missing = [p for p in files if not p.exists() and not p.is_symlink()]
    if missing or len(folders) > 1 or (folders and files):
        print(w("validate.bad_paths", paths=", ".join(map(str, missing or paths))), file=sys.stderr)
        return EXIT_USAGE
    # Only these files are listed; the others are summed up in one line.
    selected: set[Path] | None = {p.absolute() for p in files} if files else None
    if args.changed_from:
        try:
            changed = _changed_files(find_roadmap_dir(folder), args.changed_from)
        except RevisionError as error:
            print(w(f"revision.{error.key}", **error.params), file=sys.stderr)
            return EXIT_USAGE
        selected = changed if selected is None else selected & changed
    progress = ProgressLine(sys.stderr, language=language)
    try:
        result = validate_roadmap(folder, progress=progress.step("validate"))
    finally:
        progress.close()
    shown = result.diagnostics
    others: tuple[int, int] | None = None
    if selected is not None:
        mine = {display_path(p) for p in selected}
        shown = [d for d in result.diagnostics if d.file in mine]
        rest = [d for d in result.diagnostics if d.file not in mine]
        if args.warnings:
            shown = sorted([*shown, *(d for d in rest if not d.is_error)], key=lambda d: d.sort_key)
        others = (sum(d.is_error for d in rest), sum(not d.is_error for d in rest))
    formatter = FORMATS[args.format]
    output = formatter(
        shown,
        result.sources,
        result.language,
        colour=_use_colour(sys.stdout),
        files=len(result.sources),
        others=others,
    )
    sys.stdout.write(output)
    return EXIT_INVALID if any(d.is_error for d in shown) else EXIT_OK


def _roadmap_language(folder: Path) -> str:
    """The language of the roadmap in `folder`, for the command's own words."""
    roadmap_path = folder / ROADMAP_FILE
    if roadmap_path.is_file():
        source, _ = read_source(roadmap_path, str(roadmap_path))
        if isinstance(source.data, dict) and source.data.get("language") in available_languages():
            return str(source.data["language"])
    return DEFAULT_LANGUAGE


def cmd_new_project(args: argparse.Namespace) -> int:
    folder = find_roadmap_dir(Path(args.roadmap) if args.roadmap else _default_roadmap())
    language = DEFAULT_LANGUAGE
    roadmap_path = folder / ROADMAP_FILE
    axes: list[str] = []
    if roadmap_path.is_file():
        source, _ = read_source(roadmap_path, str(roadmap_path))
        if isinstance(source.data, dict):
            if source.data.get("language") in available_languages():
                language = str(source.data["language"])
            axes = [str(a.get("id")) for a in source.data.get("axes") or [] if isinstance(a, dict)]
    w = _words(language)
    if not re.fullmatch(SLUG_PATTERN, args.id):  # fullmatch: "grc\n" is not an id
        print(w("new.invalid_id", id=args.id), file=sys.stderr)
        return EXIT_USAGE
    if args.id in RESERVED_IDS:
        print(w("new.reserved_id", id=args.id), file=sys.stderr)
        return EXIT_USAGE
    if axes and args.axis not in axes:
        print(
            w("new.unknown_axis", axis=args.axis, axes=", ".join(axes)),
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        path = create_project_file(folder, args.id, args.axis, args.title, language)
    except FileExistsError:
        target = folder / "projects" / f"{args.id}.yaml"
        print(w("new.exists", path=str(target)), file=sys.stderr)
        return EXIT_INVALID
    print(w("new.created", path=str(path)))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(_words()("schema.stale", path=str(folder / name)), file=sys.stderr)
        return EXIT_INVALID if stale else EXIT_OK
    for path in write_schemas(folder):
        print(path)
    return EXIT_OK


def cmd_codes(args: argparse.Namespace) -> int:
    sys.stdout.write(render_codes_page(args.language))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    language = args.language or _roadmap_language(find_roadmap_dir(_default_roadmap()))
    code = args.code.strip().upper()
    if code not in RULES:
        w = _words(language)
        print(w("explain.unknown", code=args.code, codes=", ".join(RULES)), file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(explain_text(code, language))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    # Imported here: rendering pulls in Jinja, Babel and plotly, which other commands never need.
    from generator.adapters.build import (
        BuildError,
        read_config,
        resolve_edition,
        site_options,
        write_config,
        write_site,
    )
    from generator.adapters.collector import build_collector
    from generator.adapters.site_reports import publish_reports
    from generator.pipeline import InvalidRoadmap, generate_site

    config = read_config(Path(args.config))
    try:
        edition = resolve_edition(config, args.edition)
        roadmap_dir = args.roadmap or str(config.plugin_options().get("roadmap_dir") or "roadmap")
        roadmap_path = config.folder / roadmap_dir if args.roadmap is None else Path(roadmap_dir)
        options = site_options(config, roadmap_dir, edition, args.edit_url_base)
        progress = ProgressLine(sys.stderr, language=_roadmap_language(roadmap_path))
        with build_collector() as collector:
            try:
                site = generate_site(roadmap_path, options, progress)
            finally:
                progress.close()
            reports = publish_reports(site, roadmap_path,
                                      config.plugin_options().get("report", False),
                                      history=options.history,
                                      use_directory_urls=options.use_directory_urls,
                                      lay_out=not args.reports_from_cache)  # fmt: skip
            site = reports.site
            collector.set_aside()
            out = Path(args.out)
            written = write_site(site, out, config.docs_dir if config.path else None)
            if args.config_out:
                write_config(site, config, out, Path(args.config_out))
    except InvalidRoadmap as error:
        print(error.report(), file=sys.stderr)
        return EXIT_INVALID
    except (BuildError, OSError) as error:
        print(f"roadmap build: {error}", file=sys.stderr)
        return EXIT_INVALID
    # What keeps the public edition from being published (R080) is told in any case, and
    # fails a strict build, as `mkdocs build --strict` does.
    blocking = [d for d in site.warnings if RULES[d.code].blocks_publication]
    if blocking:
        print(format_text(blocking, {}, site.language).rstrip("\n"), file=sys.stderr)
    # So is a history read from a shallow clone, which shows less than the repository holds.
    for shallow in site.history_warnings:
        print(printable(shallow), file=sys.stderr)
    # So is a council-session report asked for and not made (no PDF engine); and the summary
    # published in place of a large roadmap's full report is said.
    for line in (*reports.warnings, *reports.notes):
        print(printable(line), file=sys.stderr)
    if args.strict and (blocking or site.history_warnings or reports.warnings):
        return EXIT_INVALID
    w = _words(site.language)
    edition_name = w(f"edition.{edition}")
    print(w("build.written", count=len(written), out=str(out), edition=edition_name))
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    path = Path(args.roadmap) if args.roadmap else _default_roadmap()
    try:
        comparison = compare_revisions(args.base, args.head, path)
    except RevisionError as error:
        w = _words()
        message = w(f"revision.{error.key}", **error.params)
        print(w("diff.error", error=message), file=sys.stderr)
        return EXIT_USAGE
    # Imported here: only this command writes a digest.
    from generator.rendering.digest import render_digest

    sys.stdout.write(render_digest(comparison.base, comparison.head))
    return EXIT_OK if comparison.is_valid else EXIT_INVALID


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, section titles, -h, errors) come from the
    `cli` catalogue, in the language given by `words`."""

    def __init__(self, *args: Any, words: Any = None, **kwargs: Any) -> None:
        self.words = words if words is not None else _words()
        w = self.words
        kwargs.setdefault("add_help", False)

        class Formatter(argparse.HelpFormatter):
            def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
                # argparse asks for no prefix ("") when it names a subcommand's program.
                if prefix is None:
                    prefix = w("help.usage_prefix") + " "
                super().add_usage(usage, actions, groups, prefix)

        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = w("help.positionals")
        self._optionals.title = w("help.options")
        self.add_argument("-h", "--help", action="help", help=w("help.help"))

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", _sub_parser(self.words))
        kwargs.setdefault("title", self.words("help.commands"))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        for pattern, key in _ARGPARSE_ERRORS:
            found = re.fullmatch(pattern, message)
            if found:
                message = self.words(key, **found.groupdict())
                break
        self.exit(EXIT_USAGE, self.words("help.error", prog=self.prog, message=message) + "\n")


# argparse's own complaints (always in English), and the catalogue phrase for each.
_ARGPARSE_ERRORS = (
    (r"the following arguments are required: (?P<names>.*)", "help.error_required"),
    (r"unrecognized arguments: (?P<names>.*)", "help.error_unrecognized"),
    (r"argument (?P<name>.*?): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
     "help.error_choice"),
    (r"argument (?P<name>.*?): expected one argument", "help.error_one_argument"),
)  # fmt: skip


def _sub_parser(w: Any) -> Any:
    def make(*args: Any, **kwargs: Any) -> _Parser:
        return _Parser(*args, words=w, **kwargs)

    return make


def _argv_language(argv: Sequence[str] | None) -> str:
    """The language of the roadmap a command is about, read before the command line is
    parsed, so that its help speaks it: a roadmap folder or file named on the command line,
    else the roadmap of the current folder."""
    for argument in [*(argv if argv is not None else sys.argv[1:]), str(_default_roadmap())]:
        path = Path(argument)
        try:
            if path.is_file():
                path = _roadmap_of(path)
            if path.is_dir() and (find_roadmap_dir(path) / ROADMAP_FILE).is_file():
                return _roadmap_language(find_roadmap_dir(path))
        except OSError:
            continue
    return DEFAULT_LANGUAGE


def build_parser(language: str = DEFAULT_LANGUAGE) -> argparse.ArgumentParser:
    w = _words(language)
    parser = _Parser(prog="roadmap", description=w("description"), words=w)
    parser.add_argument(
        "--version", action="version", version=f"roadmap {__version__}", help=w("help.version")
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar=w("metavar.command"))

    validate = commands.add_parser("validate", help=w("validate.help"))
    validate.add_argument("paths", nargs="*", metavar="path", help=w("validate.paths"))
    validate.add_argument("--changed-from", metavar="REF", help=w("validate.changed_from"))
    validate.add_argument("--warnings", action="store_true", help=w("validate.warnings"))
    validate.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help=w("validate.format")
    )
    validate.set_defaults(handler=cmd_validate)

    new = commands.add_parser("new", help=w("new.help"))
    kinds = new.add_subparsers(dest="kind", required=True, metavar=w("metavar.kind"))
    project = kinds.add_parser("project", help=w("new.project.help"))
    project.add_argument("id", help=w("new.project.id"))
    project.add_argument("--axis", required=True, help=w("new.project.axis"))
    project.add_argument("--title", required=True, help=w("new.project.title"))
    project.add_argument("--roadmap", help=w("help.roadmap_folder"))
    project.set_defaults(handler=cmd_new_project)

    schema = commands.add_parser("schema", help=w("schema.help"))
    schema.add_argument("--out", default="schemas", help=w("schema.out"))
    schema.add_argument("--check", action="store_true", help=w("schema.check"))
    schema.set_defaults(handler=cmd_schema)

    codes = commands.add_parser("codes", help=w("codes.help"))
    # The default language first, then the others that have catalogues.
    languages = [DEFAULT_LANGUAGE, *(x for x in available_languages() if x != DEFAULT_LANGUAGE)]
    codes.add_argument("--language", choices=languages, default=DEFAULT_LANGUAGE)
    codes.set_defaults(handler=cmd_codes)

    explain = commands.add_parser("explain", help=w("explain.help"))
    explain.add_argument("code", metavar=w("metavar.code"), help=w("explain.code"))
    explain.add_argument("--language", choices=languages)
    explain.set_defaults(handler=cmd_explain)

    build = commands.add_parser("build", help=w("build.help"))
    build.add_argument("--out", required=True, help=w("build.out"))
    build.add_argument("--roadmap", help=w("build.roadmap"))
    build.add_argument("--edition", choices=["public", "internal"], help=w("build.edition"))
    build.add_argument("--config", default="mkdocs.yml", help=w("build.config"))
    build.add_argument("--config-out", help=w("build.config_out"))
    build.add_argument("--edit-url-base", help=w("build.edit_url_base"))
    build.add_argument("--strict", action="store_true", help=w("build.strict"))
    build.add_argument("--reports-from-cache", action="store_true",
                       help=w("build.reports_from_cache"))
    build.set_defaults(handler=cmd_build)

    diff = commands.add_parser("diff", help=w("diff.help"))
    diff.add_argument("base", nargs="?", help=w("diff.base"))
    diff.add_argument("head", nargs="?", help=w("diff.head"))
    diff.add_argument("--roadmap", help=w("help.roadmap_folder"))
    diff.set_defaults(handler=cmd_diff)

    # The council-session report (generator/adapters/report.py): imported here, like the
    # other commands' heavier modules.
    from generator.adapters.report import add_report_parser

    add_report_parser(commands, language)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _command_language[0] = _argv_language(argv)
    parser = build_parser(_command_language[0])
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `roadmap codes | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
