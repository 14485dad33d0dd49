"""Check a roadmap: structure and types (via the model), then the rules between values.

`validate_roadmap(path)` checks a folder, `validate_files(files)` any source of files (a git
revision): neither raises on bad input; each returns the typed `Roadmap` when there is no
error, and every diagnostic, in file and line order. A diagnostic carries its parameters,
never words: it is written in the reader's language when shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from generator.diagnostics import (
    Amount,
    Count,
    Diagnostic,
    Param,
    Percent,
    Term,
    diagnostic,
    term,
)
from generator.i18n import DEFAULT_LANGUAGE, available_languages, words
from generator.model import (
    MAX_AMOUNT,
    SLUG_PATTERN,
    HealthValue,
    Project,
    ProjectFile,
    Roadmap,
    RoadmapFile,
    Status,
)
from generator.reading import loader
from generator.reading.loader import PathKey, SourceFile, load_text
from generator.reading.slips import glued_colon
from generator.reading.sources import (
    PROJECTS_DIR,
    ROADMAP_FILE,
    FolderFiles,
    RoadmapFiles,
    UnreadableFile,
)
from generator.validation import measures
from generator.validation.codes import RULES
from generator.validation.limits import (
    MAX_FILE_PROBLEMS,
    MAX_ROADMAP_TEXT,
    MAX_ROADMAP_VALUES,
    Suggestions,
    dependency_loops,
    long_lists,
    weight,
)

__all__ = [
    "PROJECTS_DIR",
    "ROADMAP_FILE",
    "ProjectFileCache",
    "ValidationResult",
    "display_path",
    "find_roadmap_dir",
    "slugify",
    "validate_files",
    "validate_roadmap",
]

# Bounds of a whole roadmap, besides each file's (generator.reading.loader): a real one has up to a
# few thousand projects of a few kilobytes; each file alone may weigh 2 MiB. 5,000 projects
# build in about a minute and 1.5 GB (docs/reference/limites.md); 10,000 took 2.6 GB.
MAX_PROJECT_FILES = 5_000
MAX_ROADMAP_BYTES = 100 * 1024 * 1024
# \A and \Z: `$` would match before a final newline, and "grc\n.yaml" become a second "grc".
_SLUG = re.compile(r"\A" + SLUG_PATTERN.removeprefix("^").removesuffix("$") + r"\Z")
# Ids that would give a project or an axis the path of a generated page: `projets/index.md`
# is the list of every project, `axes/index.md` the axes overview (generator.rendering.site.urls;
# tests/test_hostile_validation.py checks that no other generated page can be taken).
RESERVED_IDS = frozenset({"index"})
# Characters no text of a roadmap may hold: control characters (but tabs and line breaks),
# DEL and the C1 controls (YAML refuses them in page metadata, which MkDocs then drops), the
# bidirectional overrides and isolates that make a text read otherwise than it is written,
# lone surrogates (no file can be written with them) and the two non-characters.
_FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# How far from the roadmap's period a date may lie before it is surely a typo.
_YEARS_BEFORE_PERIOD = 3
_YEARS_AFTER_PERIOD = 5
# The roadmap's own dates (period, as_of) must lie in the years a budget line may name.
_EARLIEST_DATE = dt.date(1900, 1, 1)
_LATEST_DATE = dt.date(2200, 12, 31)
# The reporting date is every page's date, and the sitemap's compressed copy records it as an
# unsigned 32-bit count of seconds since 1970: outside these bounds the build failed half-way.
_EARLIEST_AS_OF = dt.date(1970, 1, 1)
_LATEST_AS_OF = dt.date(2106, 2, 6)
M = TypeVar("M", bound=BaseModel)


@dataclass
class ValidationResult:
    roadmap: Roadmap | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    language: str = DEFAULT_LANGUAGE  # the one the roadmap asks for: its reports speak it

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def find_roadmap_dir(path: Path) -> Path:
    """The folder holding roadmap.yaml: `path` itself, its `roadmap/` child, or its parent."""
    if path.is_file():
        return path.parent
    if not (path / ROADMAP_FILE).exists() and (path / "roadmap" / ROADMAP_FILE).exists():
        return path / "roadmap"
    return path


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def validate_roadmap(
    path: Path,
    *,
    include_internal: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cache: ProjectFileCache | None = None,
) -> ValidationResult:
    """Read and check the roadmap at `path` (a folder or its roadmap.yaml); diagnostics name
    the files as the user would type them (relative to the working folder)."""
    folder = find_roadmap_dir(path)
    return validate_files(
        FolderFiles(folder),
        lambda name: display_path(folder / name),
        include_internal=include_internal,
        progress=progress,
        cache=cache,
    )


def validate_files(
    files: RoadmapFiles,
    display: Callable[[str], str] = str,
    *,
    include_internal: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cache: ProjectFileCache | None = None,
) -> ValidationResult:
    """Check the roadmap whose files are `files` (path inside the roadmap folder -> bytes,
    from a folder or a git revision); `display` names a file in the diagnostics.

    `progress`, when given, is called after each project file with (files done, files).
    With a `cache`, a project file whose contents were checked by the previous call is not
    read into a model again (`mkdocs serve` validates the whole roadmap after each save)."""
    result = ValidationResult(roadmap=None)
    if ROADMAP_FILE not in files:
        result.diagnostics.append(
            diagnostic("R009", display(ROADMAP_FILE), 1, 1, expected=ROADMAP_FILE)
        )
        return result

    raw_source, problems, content = _read(files, ROADMAP_FILE, display)
    result.language = _language_of(raw_source.data)
    result.sources[raw_source.display] = raw_source
    result.diagnostics.extend(problems)
    result.diagnostics.extend(_check_characters(raw_source))
    settings = None
    if raw_source.data is not None:
        settings, problems = _check_model(RoadmapFile, raw_source)
        result.diagnostics.extend(problems)

    for skipped in getattr(files, "skipped", ()):
        if skipped.reason == "backup":  # a copy of a file that is read: nothing is missing
            copy = diagnostic("R081", display(skipped.name), 1, 1, original=skipped.should_be)
            result.diagnostics.append(replace(copy, severity="warning"))
            continue
        result.diagnostics.append(
            diagnostic(
                "R024",
                display(skipped.name),
                1,
                1,
                reason=term(f"skip.{skipped.reason}"),
                action=term(f"skip.{skipped.reason}.do", name=skipped.should_be),
            )
        )

    projects: list[Project] = []
    total_bytes = len(content)
    total_values, total_text = weight(raw_source.data)
    project_names = [name for name in files if name != ROADMAP_FILE]
    checked: dict[_CheckKey, _ProjectCheck] = {}
    for number, name in enumerate(project_names, 1):
        if number > MAX_PROJECT_FILES:
            result.diagnostics.append(
                diagnostic(
                    "R022",
                    display(name),
                    1,
                    1,
                    what=term("what.project_files"),
                    limit=Count(MAX_PROJECT_FILES),
                )
            )
            break
        source, problems, project, model_problems, size = _check_project_file(
            files, name, display, cache.checked if cache else {}, checked
        )
        total_bytes += size
        values, characters = weight(source.data)
        total_values, total_text = total_values + values, total_text + characters
        heavy = _too_heavy(total_values, total_text)
        if heavy is not None:
            result.diagnostics.append(diagnostic("R022", display(name), 1, 1, **heavy))
            break
        if total_bytes > MAX_ROADMAP_BYTES:
            result.diagnostics.append(
                diagnostic(
                    "R022",
                    display(name),
                    1,
                    1,
                    what=term("what.total_size"),
                    limit=term("size_mib", size=MAX_ROADMAP_BYTES // (1024 * 1024)),
                )
            )
            break
        result.sources[source.display] = source
        result.diagnostics.extend(problems)
        result.diagnostics.extend(model_problems)
        if project is not None:
            projects.append(project)
        if progress is not None:
            progress(number, len(project_names))
    if cache is not None:  # only this roadmap's files: the cache never outgrows one roadmap
        cache.checked = checked

    if settings is not None:
        roadmap = Roadmap(**dict(settings), projects=tuple(projects))
        # Every project file counts as existing, even one with errors of its own: a typo in
        # one file must not also be reported in each project that depends on it.
        project_ids = {PurePosixPath(name).stem for name in project_names}
        result.diagnostics.extend(
            _check_rules(roadmap, raw_source, result.sources, display, project_ids)
        )
        if not result.errors:
            if not include_internal:
                roadmap = public_edition(roadmap)
            result.roadmap = roadmap
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def _too_heavy(values: int, characters: int) -> dict[str, Param] | None:
    """What of the roadmap's whole (values, text) is beyond its bound, as R022 says it."""
    if values > MAX_ROADMAP_VALUES:
        return {"what": term("what.total_values"), "limit": Count(MAX_ROADMAP_VALUES)}
    if characters > MAX_ROADMAP_TEXT:
        return {"what": term("what.total_text"), "limit": Count(MAX_ROADMAP_TEXT)}
    return None


def public_edition(roadmap: Roadmap) -> Roadmap:
    """The roadmap without its internal projects, and without any mention of them: a public
    project's `depends_on` loses the internal ids it names, so that no page or download of
    the public edition can show one."""
    public = tuple(p for p in roadmap.projects if p.visibility == "public")
    known = {p.id for p in public}
    projects = tuple(
        p if set(p.depends_on) <= known
        else p.model_copy(update={"depends_on": tuple(d for d in p.depends_on if d in known)})
        for p in public
    )  # fmt: skip
    return roadmap.model_copy(update={"projects": projects})


# Where a browser's address parser (WHATWG URL) and a reader, or Python's urlsplit, part ways:
# spaces and controls (a browser deletes tabs and line breaks, and trims the ends), a
# backslash (a browser reads it as "/" in http and https addresses: "https://evil.example\\
# @good.example/" opens evil.example, while urlsplit finds good.example).
_URL_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def misleading_url(url: str) -> str | None:
    """Why a link, although its scheme is allowed, would not open what it seems to: a space or
    an invisible character, a backslash, a user name before the host ("https://good.example@
    evil.example" opens evil.example), or a host written in non-Latin characters or in its
    encoded form (xn--), which can imitate another (`international`). None when it is plain."""
    if _URL_INVISIBLE.search(url):
        return "space"
    if "\\" in url:
        return "backslash"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if "@" in parts.netloc:
        return "userinfo"
    host = (parts.hostname or "").lower()
    if not host.isascii() or any(label.startswith("xn--") for label in host.split(".")):
        return "international"
    return None


# The longest text of each kind of field. A title, a name or a tag is repeated wherever its
# project is listed (a milestone's row names its project, a dependency its title): a title
# of a megabyte on a thousand milestones made a page of a gigabyte. Longer texts belong in a
# `description`, shown once, on its own page.
MAX_SHORT_TEXT = 300
MAX_SUMMARY = 1_000
MAX_URL = 2_000
MAX_LONG_TEXT = 20_000
_SHORT_FIELDS = frozenset({"title", "name", "team", "sponsor", "organisation", "unit",
                           "decision", "tags", "id", "axis", "funder", "depends_on",
                           "currency", "language", "status", "value", "direction",
                           "visibility"})  # fmt: skip
_TEXT_LIMITS = {"summary": MAX_SUMMARY, "url": MAX_URL}


def _text_limit(path: PathKey) -> int:
    """The longest text allowed at `path`, by the name of its field (a list item's, for the
    items of a list such as `tags`)."""
    name = next((part for part in reversed(path) if isinstance(part, str)), "")
    return MAX_SHORT_TEXT if name in _SHORT_FIELDS else _TEXT_LIMITS.get(name, MAX_LONG_TEXT)


def _check_characters(source: SourceFile) -> Iterator[Diagnostic]:
    """Each text (or key) of a file holding a character no text may hold, at that character
    when the file writes it as such, else where the text starts (an escape such as "\\x7f");
    and each text longer than its field allows (R029)."""
    for path, text, is_key in _texts(source.data):
        limit = MAX_SHORT_TEXT if is_key else _text_limit(path)
        if len(text) > limit:
            line, column = source.position(path, key=is_key)
            too_long = diagnostic("R029", source.display, line, column,
                                  field=_label(path) if path else "", length=Count(len(text)),
                                  limit=Count(limit))  # fmt: skip
            yield _placed(too_long, source, path)
        found = _FORBIDDEN_CHARACTER.search(text)
        if found is None:
            continue
        character = found.group()
        line, column = source.position(path, key=is_key)
        at = source.line(line).find(character, column - 1)
        if at >= 0:
            column = at + 1
        kind = "bidi" if "\u202a" <= character <= "\u2069" else (
            "surrogate" if "\ud800" <= character <= "\udfff" else "control")  # fmt: skip
        found_here = diagnostic(
            "R027",
            source.display,
            line,
            column,
            field=_label(path) if path else "",
            character=f"U+{ord(character):04X}",
            kind=term(f"character.{kind}"),
        )
        yield _placed(found_here, source, path)


def _texts(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str, bool]]:
    """Every text of `data` with its path, keys included (`True` for a key)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*path, key), key, True
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index))
    elif isinstance(data, str):
        yield path, data, False


def _read(
    files: RoadmapFiles, name: str, display: Callable[[str], str]
) -> tuple[SourceFile, list[Diagnostic], bytes]:
    """Read and parse one file of `files`: its source, its problems, and its bytes."""
    shown = display(name)
    path = files.path(name) if isinstance(files, FolderFiles) else Path(shown)
    try:
        content = files[name]
    except UnreadableFile as refusal:
        reason = refusal.reason
        if isinstance(reason, Term) and reason.key.startswith("skip."):
            # Refused on purpose (a link): what to do is not to re-save it.
            refused = diagnostic(
                "R024", shown, 1, 1, reason=reason, action=term(f"{reason.key}.do")
            )
        else:
            refused = diagnostic("R001", shown, 1, 1, reason=reason)
        return SourceFile(path=path, display=shown), [refused], b""
    # Through the module: `load_text` here names the parsing of project files only, the ones
    # the cache spares (tests watch it to count them).
    source, problems = loader.load_text(content, shown, path=path)
    return source, problems, content


# A project file read and checked: its source, reading problems, project, model problems and
# size in bytes.
_ProjectCheck = tuple[SourceFile, list[Diagnostic], Project | None, list[Diagnostic], int]
# What such a check depends on: the file's name as shown and inside the roadmap, and a digest
# of its bytes.
_CheckKey = tuple[str, str, bytes]


class ProjectFileCache:
    """The project files checked by the last validation, by contents: `mkdocs serve`
    validates the whole roadmap again after every save, and only the saved file has changed,
    so the others are neither parsed nor checked again. Keyed by contents rather than by
    modification time, so that two saves within the file system's clock tick cannot be
    mistaken for one."""

    def __init__(self) -> None:
        self.checked: dict[_CheckKey, _ProjectCheck] = {}


def _check_project_file(
    files: RoadmapFiles,
    name: str,
    display: Callable[[str], str],
    previous: dict[_CheckKey, _ProjectCheck],
    checked: dict[_CheckKey, _ProjectCheck],
) -> _ProjectCheck:
    """Read and check one project file, or reuse the check of the same bytes at the same
    place from `previous`; records the check in `checked`."""
    shown = display(name)
    try:
        content = files[name]
    except UnreadableFile:
        source, problems, _ = _read(files, name, display)  # says why it cannot be read
        return source, problems, None, [], 0
    digest = hashlib.blake2b(content, digest_size=20).digest()
    key = (shown, name, digest)
    check = previous.get(key)
    if check is None:
        path = files.path(name) if isinstance(files, FolderFiles) else Path(shown)
        source, problems = load_text(content, shown, path=path)
        project: Project | None = None
        model_problems: list[Diagnostic] = []
        problems = problems + list(_check_characters(source))
        if source.data is not None:
            project, model_problems = _check_project(source, name)
        check = (source, problems, project, model_problems, len(content))
    checked[key] = check
    return check


def _language_of(data: Any) -> str:
    """The language the roadmap asks for, so that even a roadmap with errors is reported in
    it; the default when it names none, or one without catalogues."""
    language = data.get("language") if isinstance(data, dict) else None
    return language if language in available_languages() else DEFAULT_LANGUAGE


# --- structure and types ----------------------------------------------------------------------


def _check_model(
    model: type[M], source: SourceFile, extra: dict[str, Any] | None = None
) -> tuple[M | None, list[Diagnostic]]:
    data = source.data
    if not isinstance(data, dict):
        position = source.position(())
        return None, [
            diagnostic("R015", source.display, *position, expected=term("expected.mapping"))
        ]
    too_long = sorted(long_lists(data), key=lambda found: source.position(found[0]))
    if too_long:  # checked no further: each of its items could be a problem
        return None, [
            diagnostic("R082", source.display, *source.position((*where, limit)),
                       field=_label(where), length=Count(length), limit=Count(limit))
            for where, length, limit in too_long
        ]  # fmt: skip
    try:
        return model.model_validate({**data, **(extra or {})}), []
    except ValidationError as error:
        root = ProjectFile if model is Project else model
        errors = error.errors(include_url=False)
        problems = [_from_pydantic(e, source, root) for e in errors[:MAX_FILE_PROBLEMS]]
        if len(errors) > MAX_FILE_PROBLEMS:  # the rest said in one line, where it starts
            first = _from_pydantic(errors[MAX_FILE_PROBLEMS], source, root)
            left = Count(len(errors) - MAX_FILE_PROBLEMS)
            problems.append(diagnostic("R083", first.file, first.line, first.column, count=left,
                                       limit=Count(MAX_FILE_PROBLEMS)))  # fmt: skip
        return None, problems


def _check_project(source: SourceFile, name: str) -> tuple[Project | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    project_id = PurePosixPath(name).stem
    if not _SLUG.match(project_id):
        problems.append(
            diagnostic("R036", source.display, 1, 1, value=project_id, example=slugify(project_id))
        )
    elif project_id in RESERVED_IDS:
        reserved = term("reserved.project")
        problems.append(diagnostic("R037", source.display, 1, 1, value=project_id, what=reserved))
    if isinstance(source.data, dict) and ("id" in source.data or "source" in source.data):
        key = "id" if "id" in source.data else "source"
        line, column = source.position((key,), key=True)
        hint_fields = ", ".join(ProjectFile.model_fields)
        problems.append(
            diagnostic("R011", source.display, line, column, field=key, allowed=hint_fields)
        )
        return None, problems
    project, model_problems = _check_model(Project, source, {"id": project_id, "source": name})
    return (project if not problems else None), problems + model_problems


_NUMBER_ERRORS = {
    "float_type",
    "float_parsing",
    "int_type",
    "int_parsing",
    "int_from_float",
    "finite_number",
}
_DATE_ERRORS = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "invalid_calendar_date",
}
_BOUNDS = {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}
# Field names a French speaker may try first, and the field they mean.
_FRENCH_KEYS = {
    "titre": "title",
    "intitule": "title",
    "statut": "status",
    "etat": "status",
    "debut": "start",
    "fin": "end",
    "date_fin": "end",
    "date_debut": "start",
    "jalons": "milestones",
    "echeance": "due",
    "date": "due",
    "prevu": "planned",
    "engage": "committed",
    "mandate": "spent",
    "paye": "spent",
    "annee": "year",
    "financeur": "funder",
    "meteo": "health",
    "avancement": "progress",
    "resume": "summary",
    "porteur": "lead",
    "equipe": "team",
    "nom": "name",
    "axe": "axis",
    "liens": "links",
    "actualites": "updates",
    "indicateurs": "indicators",
    "cible": "target",
    "unite": "unit",
    "commentaire": "comment",
    "valeur": "value",
    "raison": "status_reason",
    "dependances": "depends_on",
    "explication": "explanation",
    "elu": "sponsor",
}
_FRENCH_VALUES = {
    "en cours": "in_progress",
    "en_cours": "in_progress",
    "prevu": "planned",
    "planifie": "planned",
    "termine": "done",
    "fini": "done",
    "suspendu": "on_hold",
    "en pause": "on_hold",
    "abandonne": "cancelled",
    "annule": "cancelled",
    "bon": "good",
    "bien": "good",
    "vert": "good",
    "beau": "good",
    "soleil": "good",
    "vigilance": "watch",
    "orange": "watch",
    "nuageux": "watch",
    "moyen": "watch",
    "critique": "critical",
    "surveillance": "watch",
    "a surveiller": "watch",
    "mauvaise": "critical",
    "en hausse": "increase",
    "en baisse": "decrease",
    "publique": "public",
    "interne": "internal",
    "rouge": "critical",
    "orage": "critical",
    "hausse": "increase",
    "augmenter": "increase",
    "baisse": "decrease",
    "diminuer": "decrease",
    "francais": "fr",
    "anglais": "en",
    "english": "en",
}


def _from_pydantic(error: Any, source: SourceFile, root: type[BaseModel]) -> Diagnostic:
    loc: PathKey = tuple(part for part in error["loc"] if isinstance(part, str | int))
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    names = [part for part in loc if isinstance(part, str)]
    field_name = names[-1] if names else ""

    def at(code: str, path: PathKey, *, key: bool = False, **params: Param) -> Diagnostic:
        line, column = source.position(path, key=key)
        found = diagnostic(
            code,
            source.display,
            line,
            column,
            field=field_name,
            value=_show(value),
            **params,
        )
        return _placed(found, source, loc, blocks=True)

    if kind == "missing":
        return at("R010", loc[:-1], key=True, where="")
    if kind == "extra_forbidden":
        allowed = _fields_at(root, loc[:-1])
        key = str(loc[-1])
        suggestion = _suggest_key(key, allowed)
        return at("R011", loc, key=True, allowed=", ".join(allowed), suggestion=suggestion)
    if (
        isinstance(value, dict | list)
        and kind not in ("too_short",)
        and kind
        not in (
            "dict_type",
            "model_type",
            "model_attributes_type",
            "list_type",
            "tuple_type",
        )
    ):
        return at(
            "R015",
            loc,
            expected=term("expected.text") if kind == "string_type" else _expected_scalar(kind),
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        glued = glued_colon(value) if isinstance(value, str) else None
        if glued is not None:
            # "lead:\n  team:DSI" reads as the text "team:DSI": a space is missing.
            line, column = source.position(loc)
            found = diagnostic("R002", source.display, line, column + glued[0], problem=glued[1])
            return replace(found, path=loc)
        return at("R015", loc, expected=term("expected.mapping"))
    if kind in ("list_type", "tuple_type"):
        return at("R015", loc, expected=term("expected.list"))
    if kind in _NUMBER_ERRORS:
        example = _number_from_text(value) if isinstance(value, str) else None
        if example is None:
            example = _field_example(root, loc)
        return at("R012", loc, example=_plain_number(example))
    if kind in _DATE_ERRORS:
        part = _impossible_date(value)
        if part is not None:
            return at("R023", loc, part=part)
        return at("R013", loc)
    if kind == "string_type":
        return at("R014", loc)
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        suggestion = _suggest_value(str(value), allowed)
        return at("R016", loc, allowed=", ".join(allowed), suggestion=suggestion)
    if kind in _BOUNDS:
        limits = {
            name: _plain_number(v) if isinstance(v, float) else str(v) for name, v in ctx.items()
        }
        return at("R017", loc, bound=term(f"bound.{kind}", **limits))
    if kind == "too_many_decimals":
        return at("R017", loc, bound=term("bound.decimals", places=str(ctx["places"])))
    if kind == "string_pattern_mismatch":
        return at("R018", loc, example="EUR" if field_name == "currency" else slugify(str(value)))
    if kind == "string_too_short":
        return at("R020", loc)
    if kind == "too_short":
        return at("R021", loc)
    if kind == "url_scheme":
        return at("R019", loc)
    return at("R015", loc, expected=str(error.get("msg", "")))


def _impossible_date(value: Any) -> Term | None:
    """Which part of a well-formed YYYY-MM-DD text makes a date that does not exist."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return term("date.no_month", month=match.group(2))
    if day == 0:
        return term("date.no_day_zero")
    days = calendar.monthrange(year, month)[1]
    if day > days:
        return term("date.no_day", month=term(f"month.{month}"), days=str(days), day=str(day))
    return None


def _expected_scalar(kind: str) -> Param:
    if kind in _NUMBER_ERRORS:
        return term("expected.number")
    if kind in _DATE_ERRORS:
        return term("expected.date")
    return term("expected.plain")


def _show(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return "…"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as `tuple[Milestone, ...] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin is Annotated:
        return _model_of(get_args(annotation)[0])
    if origin in (Union, UnionType, tuple, list):
        for argument in get_args(annotation):
            found = _model_of(argument)
            if found is not None:
                return found
    return None


def _walk_model(root: type[BaseModel], path: PathKey) -> tuple[type[BaseModel] | None, Any]:
    model: type[BaseModel] | None = root
    info: Any = None
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None, None
        model = _model_of(info.annotation)
    return model, info


def _fields_at(root: type[BaseModel], path: PathKey) -> list[str]:
    model, _ = _walk_model(root, path)
    if model is None:
        return []
    return [
        name for name in model.model_fields if name not in ("id", "source") or model is not Project
    ]


def _field_example(root: type[BaseModel], path: PathKey) -> float:
    _, info = _walk_model(root, path)
    for item in getattr(info, "metadata", []) or []:
        if getattr(item, "examples", None):
            return float(item.examples[0])
    annotation = getattr(info, "annotation", None)
    for argument in get_args(annotation) if annotation is not None else ():
        for meta in getattr(argument, "__metadata__", ()):
            if getattr(meta, "examples", None):
                return float(meta.examples[0])
    return 12.0


def _plain_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


_SCALES = {
    "k": 1e3,
    "m": 1e6,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "millions": 1e6,
    "million": 1e6,
    "milliers": 1e3,
    "mille": 1e3,
}


def _number_from_text(text: str) -> float | None:
    """The number a person meant by text such as "1,2 M€" or "400 000 €", if clear."""
    cleaned = text.strip().lower()
    for symbol in ("€", "eur", "euros", "%"):
        cleaned = cleaned.replace(symbol, "")
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", cleaned)
    match = re.fullmatch(r"([0-9]+(?:[.,][0-9]+)?)([a-z]*)", cleaned)
    if not match:
        return None
    scale = _SCALES.get(match.group(2), 1.0 if not match.group(2) else None)
    if scale is None:
        return None
    number = round(float(match.group(1).replace(",", ".")) * scale, 2)
    return number if number <= MAX_AMOUNT else None  # never suggest a refused value


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """A lower-case slug made from `text`, e.g. "Portail Agents" -> "portail-agents"."""
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")
    return slug or "mon-projet"


def _suggest_key(key: str, allowed: list[str]) -> str:
    folded = _fold(key).replace(" ", "_").replace("-", "_")
    if _FRENCH_KEYS.get(folded) in allowed:
        return _FRENCH_KEYS[folded]
    if folded in allowed:
        return folded
    return next(iter(difflib.get_close_matches(folded, allowed, n=1, cutoff=0.6)), "")


# Enumerated values whose names the site shows (`labels` catalogue, `status.done` ->
# "Terminé"): a person who copies a label from the site is told the value to write.
_LABELLED = {"status": get_args(Status), "health": get_args(HealthValue)}


@functools.cache
def _site_labels() -> dict[str, str]:
    """Every language's label of every labelled value, folded, -> the value."""
    found: dict[str, str] = {}
    for language in available_languages():
        labels = words(language, "labels")
        for prefix, values in _LABELLED.items():
            for value in values:
                key = f"{prefix}.{value}"
                if labels.has(key):
                    found.setdefault(_fold(labels(key)), value)
    return found


def _suggest_value(value: str, allowed: Iterable[str]) -> str:
    """The allowed value meant by `value`: the value of a label shown on the site ("bonne",
    "sous surveillance"), of a common synonym, or the closest spelling. The value is
    suggested, never accepted in its place, so that every file keeps one spelling."""
    allowed = list(allowed)
    folded = _fold(value)
    if _site_labels().get(folded) in allowed:
        return _site_labels()[folded]
    if _FRENCH_VALUES.get(folded) in allowed:
        return _FRENCH_VALUES[folded]
    candidate = folded.replace(" ", "_").replace("-", "_")
    if candidate in allowed:
        return candidate
    return next(iter(difflib.get_close_matches(candidate, allowed, n=1, cutoff=0.6)), "")


# --- rules between values -------------------------------------------------------------------


def _check_rules(
    roadmap: Roadmap,
    roadmap_source: SourceFile,
    sources: dict[str, SourceFile],
    display: Callable[[str], str],
    project_ids: set[str],
) -> Iterator[Diagnostic]:
    def report(
        source: SourceFile, code: str, path: PathKey, *, key: bool = False, **params: Param
    ) -> Diagnostic:
        line, column = source.position(path, key=key)
        found = _placed(diagnostic(code, source.display, line, column, **params), source, path)
        severity = RULES[code].severity
        return found if severity == found.severity else replace(found, severity=severity)

    period = roadmap.period
    if period.end < period.start:
        yield report(
            roadmap_source,
            "R040",
            ("period", "end"),
            field="period.end",
            value=period.end,
            other="period.start",
            other_value=period.start,
        )
    for path, value, earliest, latest in (
        (("period", "start"), period.start, _EARLIEST_DATE, _LATEST_DATE),
        (("period", "end"), period.end, _EARLIEST_DATE, _LATEST_DATE),
        (("as_of",), roadmap.as_of, _EARLIEST_AS_OF, _LATEST_AS_OF),
    ):
        if not earliest <= value <= latest:
            yield report(
                roadmap_source,
                "R017",
                path,
                field=_label(path),
                value=value,
                bound=term("bound.dates", low=earliest, high=latest),
            )
    for index, axis in enumerate(roadmap.axes):
        if axis.id in RESERVED_IDS:
            yield report(roadmap_source, "R037", ("axes", index, "id"), value=axis.id,
                         what=term("reserved.axis"))  # fmt: skip
    for collection in ("axes", "funders"):
        yield from (
            report(
                roadmap_source, "R034", (collection, index, "id"), field=collection, value=item_id
            )
            for index, item_id in _duplicates([item.id for item in getattr(roadmap, collection)])
        )
    yield from _check_sessions(roadmap, roadmap_source, report)

    # Clamped so that a period near year 1 or 9999 (refused above) cannot overflow the calendar,
    # and so that no date lies outside the years every output (spreadsheets, charts) encodes.
    low = max(dt.date(max(period.start.year - _YEARS_BEFORE_PERIOD, dt.MINYEAR), 1, 1),
              _EARLIEST_DATE)  # fmt: skip
    high = min(dt.date(min(period.end.year + _YEARS_AFTER_PERIOD, dt.MAXYEAR), 12, 31),
               _LATEST_DATE)  # fmt: skip
    axis_ids = [axis.id for axis in roadmap.axes]
    funder_ids = [funder.id for funder in roadmap.funders]
    known = _Known(axis_ids, funder_ids, project_ids, sorted(project_ids),
                   Suggestions(_suggest_value))  # fmt: skip
    for project in roadmap.projects:
        source = sources[display(project.source)]
        yield from _check_project_rules(project, roadmap, source, report, known, low, high)
        if project.visibility == "public":
            for where_found, text in _placeholders_in(source.data):
                yield report(source, "R025", where_found, field=_label(where_found), value=text)
    yield from _check_cycles(roadmap, sources, display, report)

    if roadmap.envelope is not None:
        total = sum(p.budget.baseline or 0 for p in roadmap.projects if p.budget)
        if total > roadmap.envelope:
            yield report(
                roadmap_source,
                "R072",
                ("envelope",),
                total=Amount(total, roadmap.currency),
                envelope=Amount(roadmap.envelope, roadmap.currency),
            )


def _check_sessions(
    roadmap: Roadmap, source: SourceFile, report: Callable[..., Diagnostic]
) -> Iterator[Diagnostic]:
    """Council sessions: one per date (a date picks the situation a session reports on), each
    within the years any date may name."""
    dates = [session.date.isoformat() for session in roadmap.sessions]
    for index, date in _duplicates(dates):
        yield report(source, "R034", ("sessions", index, "date"), field="sessions", value=date)
    for index, session in enumerate(roadmap.sessions):
        if not _EARLIEST_DATE <= session.date <= _LATEST_DATE:
            path: PathKey = ("sessions", index, "date")
            yield report(source, "R017", path, field=_label(path), value=session.date,
                         bound=term("bound.dates", low=_EARLIEST_DATE, high=_LATEST_DATE))


@functools.cache
def _placeholders() -> tuple[str, ...]:
    """The texts that stand for a value not written yet, in every language: the starter
    file's and the documentation's ("À compléter", "Prénom Nom", "TODO"), folded. They come
    from the `scaffold` catalogue (`placeholders`, separated by "|")."""
    found: set[str] = set()
    for language in available_languages():
        scaffold = words(language, "scaffold")
        if scaffold.has("placeholders"):
            found.update(_fold(text) for text in scaffold("placeholders").split("|") if text)
    return tuple(sorted(found, key=len, reverse=True))


def _placeholders_in(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text of `data` that is, or starts with, a placeholder."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders_in(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _placeholders_in(value, (*path, index))
    elif isinstance(data, str):
        folded = _fold(data)
        for placeholder in _placeholders():
            if folded == placeholder or (
                folded.startswith(placeholder) and not folded[len(placeholder)].isalnum()
            ):
                yield path, _show(data)
                return


def _duplicates(ids: list[str]) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield index, item_id
        seen.add(item_id)


@dataclass(frozen=True)
class _Known:
    """The ids a project may name, and the "did you mean" suggestions left to give."""

    axis_ids: list[str]
    funder_ids: list[str]
    project_ids: set[str]
    sorted_project_ids: list[str]  # sorted once, not for each unknown dependency
    suggest: Suggestions


def _check_project_rules(
    project: Project,
    roadmap: Roadmap,
    source: SourceFile,
    report: Any,
    known: _Known,
    low: dt.date,
    high: dt.date,
) -> Iterator[Diagnostic]:
    as_of = roadmap.as_of
    thresholds = roadmap.thresholds
    axis_ids = known.axis_ids

    if project.axis not in axis_ids:
        yield report(
            source,
            "R030",
            ("axis",),
            value=project.axis,
            allowed=", ".join(axis_ids),
            suggestion=known.suggest(project.axis, axis_ids),
        )
    for index, dependency in enumerate(project.depends_on):
        if dependency not in known.project_ids:
            yield report(
                source,
                "R032",
                ("depends_on", index),
                value=dependency,
                suggestion=known.suggest(dependency, known.sorted_project_ids),
            )
    for index, indicator_id in _duplicates([i.id for i in project.indicators]):
        yield report(
            source, "R034", ("indicators", index, "id"), field="indicators", value=indicator_id
        )

    if project.status != "planned":
        for name in ("start", "end"):
            if getattr(project, name) is None:
                yield report(source, "R043", ("status",), field=name)
    if project.status in ("on_hold", "cancelled") and not project.status_reason:
        yield report(source, "R050", ("status",), value=project.status)
    if project.status == "done" and project.actual_end is None:
        yield report(source, "R051", ("status",))

    # dates: order, plausibility, and nothing "done" after the reporting date
    if project.start is not None:
        for name in ("end", "forecast_end", "actual_end"):
            value = getattr(project, name)
            if value is not None and value < project.start:
                yield report(
                    source,
                    "R040",
                    (name,),
                    field=name,
                    value=value,
                    other="start",
                    other_value=project.start,
                )
    plausible: set[PathKey] = set()  # every date once, past ones included
    for path, value in (*_project_dates(project), *_past_dates(project)):
        if path in plausible:
            continue
        plausible.add(path)
        if not low <= value <= high:
            yield report(
                source,
                "R042",
                path,
                field=_label(path),
                value=value,
                start=roadmap.period.start,
                end=roadmap.period.end,
                low=low,
                high=high,
            )
    for path, value in _past_dates(project):
        if value > as_of:
            yield report(source, "R041", path, field=_label(path), value=value, as_of=as_of)
    for index in range(1, len(project.rebaselines)):
        previous, current = project.rebaselines[index - 1], project.rebaselines[index]
        if current.date < previous.date:
            yield report(
                source,
                "R044",
                ("rebaselines", index, "date"),
                value=current.date,
                other_value=previous.date,
            )

    # budget
    if project.budget is not None:
        yield from _check_budget(project, roadmap, source, report, known)

    for index, link in enumerate(project.links):
        misleading = misleading_url(link.url)
        if misleading is not None:
            code = "R076" if misleading == "international" else "R028"
            yield report(source, code, ("links", index, "url"), value=link.url,
                         reason=term(f"url.{misleading}"))  # fmt: skip

    # schedule slips need a reason
    for index, milestone in enumerate(project.milestones):
        slip = measures.milestone_slip_days(milestone, as_of)
        if slip > thresholds.schedule_slip_days and not milestone.explanation:
            field = "done" if milestone.done else "forecast" if milestone.forecast else "due"
            yield report(
                source,
                "R061",
                ("milestones", index, field),
                title=milestone.title,
                days=slip,
                threshold=thresholds.schedule_slip_days,
            )
    end_slip = measures.end_slip_days(project, as_of)
    end_slipped = end_slip is not None and end_slip > thresholds.schedule_slip_days
    if end_slipped and not project.schedule_explanation:
        field = "actual_end" if project.actual_end else "forecast_end"
        if not (project.actual_end or project.forecast_end):
            field = "end"
        yield report(
            source, "R062", (field,), days=end_slip, threshold=thresholds.schedule_slip_days
        )

    if project.health is not None:
        age = (as_of - project.health.date).days
        if age > thresholds.stale_after_days:
            yield report(
                source,
                "R073",
                ("health", "date"),
                value=project.health.date,
                days=age,
                threshold=thresholds.stale_after_days,
            )


def _check_budget(
    project: Project,
    roadmap: Roadmap,
    source: SourceFile,
    report: Any,
    known: _Known,
) -> Iterator[Diagnostic]:
    assert project.budget is not None
    funder_ids = known.funder_ids
    currency = roadmap.currency
    for index, line in enumerate(project.budget.lines):
        path: PathKey = ("budget", "lines", index)
        if line.funder is None and funder_ids:
            yield report(source, "R035", path, allowed=", ".join(funder_ids))
        elif line.funder is not None and line.funder not in funder_ids:
            yield report(
                source,
                "R031",
                (*path, "funder"),
                value=line.funder,
                allowed=", ".join(funder_ids) or "—",
                suggestion=known.suggest(line.funder, funder_ids),
            )
        if not roadmap.period.start.year <= line.year <= roadmap.period.end.year:
            yield report(
                source,
                "R074",
                (*path, "year"),
                value=line.year,
                start=roadmap.period.start.year,
                end=roadmap.period.end.year,
            )
        if line.committed is not None and line.committed > line.planned:
            yield report(
                source,
                "R070",
                (*path, "committed"),
                year=line.year,
                committed=Amount(line.committed, currency),
                planned=Amount(line.planned, currency),
            )
        if (
            line.spent is not None
            and line.spent > (line.committed or 0)
            and line.committed is not None
        ):
            yield report(
                source,
                "R071",
                (*path, "spent"),
                year=line.year,
                spent=Amount(line.spent, currency),
                committed=Amount(line.committed, currency),
            )
    if project.budget.explanation:
        return
    threshold = roadmap.thresholds.budget_overrun_pct
    for overrun in measures.budget_overruns(project):
        if overrun.pct > threshold:
            yield report(
                source,
                "R060",
                overrun.path,
                key=True,
                what=term(f"overrun.{overrun.kind}"),
                reference=term(f"overrun.{overrun.kind}.reference"),
                pct=Percent(overrun.pct),
                threshold=Percent(threshold),
            )


def _label(path: PathKey) -> str:
    """A field's name in a message: its own name inside a list item (the item is named by the
    diagnostic's `where`), else its dotted path ("period.end")."""
    if any(isinstance(part, int) for part in path):
        return next((part for part in reversed(path) if isinstance(part, str)), "")
    return ".".join(str(part) for part in path)


# Lists whose items a person knows by their title (or date, or identifier) on the site.
_NAMED_ITEMS = ("milestones", "indicators", "measurements", "rebaselines", "updates", "axes",
                "funders", "links")  # fmt: skip


# Blocks of fields the site shows under a name of their own ("Météo", "Porteur").
_NAMED_BLOCKS = ("health", "lead", "period", "thresholds")


def _placed(
    found: Diagnostic, source: SourceFile, path: PathKey, *, blocks: bool = False
) -> Diagnostic:
    """The diagnostic with its machine path and, inside a list item, the item as a person
    reads it ("2nd milestone « Recette de la V1 »"): unless the message already names it.
    With `blocks`, a field of a named block ("health") is placed in it too: the messages
    about a value's type or spelling name the field alone."""
    where = None if "title" in found.parameters else _where(source.data, path, blocks)
    return replace(found, path=tuple(path), where=where)


def _where(data: Any, path: PathKey, blocks: bool = False) -> Term | None:
    """The innermost named list item on `path`, as a catalogue phrase."""
    found: Term | None = None
    node = data
    for index, part in enumerate(path):
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
            collection = path[index - 1] if index else None
            if collection in _NAMED_ITEMS:
                name = _item_name(node)
                key = f"where.{collection}" if name else f"where.{collection}.unnamed"
                found = term(key, n=str(part + 1), name=name)
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            break
    if blocks and found is None and len(path) > 1 and path[0] in _NAMED_BLOCKS:
        found = term(f"where.{path[0]}")
    return found


def _item_name(item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    for name in ("title", "id", "date"):
        value = item.get(name)
        if isinstance(value, str | dt.date) and str(value).strip():
            return _show(value)
    return ""


def _project_dates(project: Project) -> Iterator[tuple[PathKey, dt.date]]:
    for name in ("start", "end", "forecast_end", "actual_end"):
        value = getattr(project, name)
        if value is not None:
            yield (name,), value
    for index, milestone in enumerate(project.milestones):
        for name in ("due", "forecast", "done"):
            value = getattr(milestone, name)
            if value is not None:
                yield ("milestones", index, name), value
    for index, rebaseline in enumerate(project.rebaselines):
        if rebaseline.end is not None:
            yield ("rebaselines", index, "end"), rebaseline.end
    for index, indicator in enumerate(project.indicators):
        yield ("indicators", index, "target", "date"), indicator.target.date


def _past_dates(project: Project) -> Iterator[tuple[PathKey, dt.date]]:
    """Dates of things that have happened, so that cannot be after the reporting date."""
    if project.actual_end is not None:
        yield ("actual_end",), project.actual_end
    if project.health is not None:
        yield ("health", "date"), project.health.date
    for index, milestone in enumerate(project.milestones):
        if milestone.done is not None:
            yield ("milestones", index, "done"), milestone.done
    for index, update in enumerate(project.updates):
        yield ("updates", index, "date"), update.date
    for index, rebaseline in enumerate(project.rebaselines):
        yield ("rebaselines", index, "date"), rebaseline.date
    for index, indicator in enumerate(project.indicators):
        yield ("indicators", index, "baseline", "date"), indicator.baseline.date
        for number, measurement in enumerate(indicator.measurements):
            yield ("indicators", index, "measurements", number, "date"), measurement.date


def _check_cycles(
    roadmap: Roadmap, sources: dict[str, SourceFile], display: Callable[[str], str], report: Any
) -> Iterator[Diagnostic]:
    """Each group of projects depending on each other in a circle, once, as its shortest loop
    (generator.validation.limits: linear in the number of projects and dependencies)."""
    graph = {p.id: list(p.depends_on) for p in roadmap.projects}
    by_id = {p.id: p for p in roadmap.projects}
    for loop in dependency_loops(graph):
        first = by_id[loop[0]]
        source = sources[display(first.source)]
        index = first.depends_on.index(loop[1 % len(loop)])
        yield report(source, "R033", ("depends_on", index), cycle=" → ".join([*loop, loop[0]]))
