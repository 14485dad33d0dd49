"""Read roadmap files into plain Python data, remembering where every value was written.

YAML is read event by event (libyaml's C parser when available), never through PyYAML's
object constructors: only plain data comes out (mappings, lists, text, numbers, booleans,
dates), scalars follow YAML 1.2 rules (`no` and `on` stay text), a duplicate key is
reported instead of silently keeping the last value, and size, depth and alias expansion
are bounded so that a hostile file fails fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Count, Diagnostic, Param, Position, Term, diagnostic, term
from generator.reading.slips import find_slip

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Limits: far above any real roadmap file, low enough to refuse a hostile one in under a second.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_ALIAS_EXPANSION = 10_000
# Characters of text that references may repeat, all references of a file together: a title of
# 100,000 characters referenced by a thousand milestones would otherwise weigh 100 million.
MAX_ALIAS_TEXT = 1_000_000
MAX_INTEGER_DIGITS = 400  # beyond, an integer is kept as text (then refused as a number)

PathKey = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class SourceFile:
    """One YAML file: its text, its data, and where each value and key was written."""

    path: Path
    display: str
    text: str = ""
    data: Any = None
    value_positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)

    @functools.cached_property
    def lines(self) -> list[str]:
        """The file's lines, split once: a report quotes a line for each of its problems."""
        return self.text.splitlines()

    def line(self, number: int) -> str:
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def position(self, path: PathKey, *, key: bool = False) -> Position:
        """Where the value (or with `key`, the key) at `path` was written.

        A path that does not exist (a missing field) points at its closest existing parent.
        """
        if key and path in self.key_positions:
            return self.key_positions[path]
        if path in self.value_positions:
            return self.value_positions[path]
        for end in range(len(path) - 1, -1, -1):
            prefix = path[:end]
            if prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return Position(1, 1)


class LoadError(Exception):
    """A problem that stops reading a file; carries its diagnostic."""

    def __init__(self, problem: Diagnostic) -> None:
        super().__init__(problem.code)
        self.diagnostic = problem


def read_source(path: Path, display: str) -> tuple[SourceFile, list[Diagnostic]]:
    """Read and parse one file. Returns the source (data is None when unreadable) and problems."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        source = SourceFile(path=path, display=display)
        return source, [diagnostic("R001", display, 1, 1, reason=error.strerror or "")]
    return load_text(raw, display, path=path)


def load_text(
    content: str | bytes, display: str, *, path: Path | None = None
) -> tuple[SourceFile, list[Diagnostic]]:
    """Parse the contents of one file, as `read_source` does once the file is read."""
    source = SourceFile(path=path if path is not None else Path(display), display=display)
    raw = content.encode("utf-8", errors="surrogatepass") if isinstance(content, str) else content
    if len(raw) > MAX_FILE_BYTES:
        return source, [
            diagnostic(
                "R008",
                display,
                1,
                1,
                limit=term("size_mib", size=MAX_FILE_BYTES // (1024 * 1024)),
                what=term("what.size"),
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        # Keep a readable copy so that the report can quote the line with the bad byte.
        source.text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
        before = raw[: error.start].decode("utf-8").removeprefix("\ufeff")
        line, column = line_and_column(before)
        return source, [diagnostic("R001", display, line, column, reason="UTF-8")]
    source.text = text.removeprefix("\ufeff")
    problems: list[Diagnostic] = []
    try:
        source.data = _Builder(source).build()
    except LoadError as error:
        problems.append(error.diagnostic)
    return source, problems


def line_and_column(before: str) -> Position:
    """The position just after `before` (the text preceding it), counting line breaks the way
    YAML and `str.splitlines` do (LF, CR, CRLF, NEL, LS, PS)."""
    lines = before.splitlines(keepends=True)
    if not lines:
        return Position(1, 1)
    last = lines[-1]
    if last.splitlines() != [last]:  # `before` ends with a line break
        return Position(len(lines) + 1, 1)
    return Position(len(lines), len(last) + 1)


class _Frame:
    __slots__ = ("anchor", "chars", "container", "key", "key_position", "nodes", "path")

    def __init__(self, container: Any, path: PathKey, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_position: Position | None = None
        self.nodes = 1
        self.chars = 0  # characters of text inside, for the references to it
        self.anchor = anchor


class _Builder:
    """Turns the parser's event stream into plain data and position tables, iteratively."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        # Anchor -> (value, values inside, characters of text inside).
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0
        self.alias_expansion = 0
        self.alias_text = 0

    def fail(self, code: str, mark: Any, **params: Param) -> LoadError:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        line, column = self._inside(line, column)
        return LoadError(diagnostic(code, self.source.display, line, column, **params))

    def _inside(self, line: int, column: int) -> Position:
        """A parser position moved inside the text: the end of the stream lies after the
        last line, and a reported position must point at a line the user can see."""
        lines = self.source.lines
        if not lines:
            return Position(1, 1)
        if line > len(lines):
            return Position(len(lines), len(lines[-1]) + 1)
        return Position(max(line, 1), min(max(column, 1), len(lines[line - 1]) + 1))

    def events(self) -> Iterator[Any]:
        try:
            yield from yaml.parse(self.source.text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            raise self._syntax_error(error) from None
        except yaml.YAMLError as error:
            position = getattr(error, "position", None)
            raise self._reader_error(error, position) from None

    def _reader_error(self, error: yaml.YAMLError, position: int | None) -> LoadError:
        if position is None:
            return LoadError(
                diagnostic("R002", self.source.display, 1, 1, problem=term("yaml.unknown"))
            )
        # libyaml counts this position in bytes of the UTF-8 text, not in characters.
        before = self.source.text.encode("utf-8")[:position].decode("utf-8", errors="ignore")
        line, column = self._inside(*line_and_column(before))
        return LoadError(
            diagnostic(
                "R002",
                self.source.display,
                line,
                column,
                problem=_plain_problem(str(getattr(error, "reason", error)), None),
            )
        )

    def _syntax_error(self, error: yaml.MarkedYAMLError) -> LoadError:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if "maximum nesting depth" in problem:  # libyaml's own bound, met before ours
            return self.fail("R008", mark, limit=Count(MAX_DEPTH), what=term("what.depth"))
        if mark is not None:
            line_text = self.source.line(mark.line + 1)
            if "\t" in problem or "\t" in line_text[: mark.column + 1]:
                column = line_text.find("\t") + 1 if "\t" in line_text else mark.column + 1
                line, column = self._inside(mark.line + 1, column)
                return LoadError(diagnostic("R003", self.source.display, line, column))
        if mark is not None:
            slip = find_slip(self.source.text, mark.line + 1, problem)
            if slip is not None:
                line, column = self._inside(slip.line, slip.column)
                return LoadError(
                    diagnostic("R002", self.source.display, line, column, problem=slip.problem)
                )
        return self.fail("R002", mark, problem=_plain_problem(problem, error.context))

    def build(self) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        has_document = False
        for event in self.events():
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._count(event)
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                    self._take_key(stack[-1], event)
                    continue
                value = self._scalar(event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, len(event.value))
                if stack:
                    stack[-1].chars += len(event.value)
                root = self._attach(stack, value, self._scalar_position(event), 1, root)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._count(event)
                self._check_tag(event, "map" if kind is yaml.MappingStartEvent else "seq")
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                    raise self.fail("R015", event.start_mark, expected=term("expected.key"))
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(
                        "R008",
                        event.start_mark,
                        limit=Count(MAX_DEPTH),
                        what=term("what.depth"),
                    )
                container: Any = {} if kind is yaml.MappingStartEvent else []
                path = self._child_path(stack)
                self.source.value_positions[path] = _pos(event)
                if stack:
                    self._record_key(stack[-1], path)
                stack.append(_Frame(container, path, event.anchor))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.container, frame.nodes, frame.chars)
                if stack:
                    stack[-1].nodes += frame.nodes
                    stack[-1].chars += frame.chars
                root = self._attach(stack, frame.container, None, 0, root)
            elif kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise self.fail(
                        "R002",
                        event.start_mark,
                        problem=term("yaml.unknown_alias", name=event.anchor),
                    )
                value, size, chars = self.anchors[event.anchor]
                self.alias_expansion += size
                if self.alias_expansion > MAX_ALIAS_EXPANSION:
                    raise self.fail("R007", event.start_mark, limit=Count(MAX_ALIAS_EXPANSION))
                self.alias_text += chars
                if self.alias_text > MAX_ALIAS_TEXT:
                    raise self.fail("R008", event.start_mark, limit=Count(MAX_ALIAS_TEXT),
                                    what=term("what.alias_text"))  # fmt: skip
                if stack:
                    stack[-1].chars += chars
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                    raise self.fail("R015", event.start_mark, expected=term("expected.key"))
                root = self._attach(stack, value, _pos(event), size, root)
            elif kind is yaml.DocumentStartEvent:
                if has_document:
                    raise self.fail("R002", event.start_mark, problem=term("yaml.documents"))
                has_document = True
        if not has_document or root is None:
            raise LoadError(diagnostic("R004", self.source.display, 1, 1))
        return root

    def _scalar_position(self, event: Any) -> Position:
        """Where a value was written. An empty value that ends a file without a final line
        break (`? axis`) is marked by the parser on the line after the last: a problem
        with it points at the end of the last line instead. Only an empty value can be
        marked there: the file's lines are counted for those alone, not for every value."""
        position = _pos(event)
        if not event.value and position.line > len(self.source.lines):
            return self._inside(position.line, position.column)
        return position

    def _count(self, event: Any) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(
                "R008",
                event.start_mark,
                limit=Count(MAX_NODES),
                what=term("what.nodes"),
            )

    def _child_path(self, stack: list[_Frame]) -> PathKey:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            return (*frame.path, frame.key)
        return (*frame.path, len(frame.container))

    def _record_key(self, frame: _Frame, path: PathKey) -> None:
        if isinstance(frame.container, dict) and frame.key_position is not None:
            self.source.key_positions[path] = frame.key_position

    def _take_key(self, frame: _Frame, event: Any) -> None:
        key = event.value
        if key in frame.container:
            first = self.source.key_positions.get((*frame.path, key))
            first_line = str(first.line) if first else "?"
            raise self.fail("R006", event.start_mark, key=key, first_line=first_line)
        frame.key = key
        frame.key_position = _pos(event)

    def _attach(
        self, stack: list[_Frame], value: Any, position: Position | None, size: int, root: Any
    ) -> Any:
        if not stack:
            if position is not None:
                self.source.value_positions[()] = position
            return value
        frame = stack[-1]
        container = frame.container
        if isinstance(container, dict):
            key = frame.key
            assert key is not None
            if position is not None:
                path = (*frame.path, key)
                self.source.value_positions[path] = position
                self._record_key(frame, path)
            container[key] = value
            frame.key = None
            frame.key_position = None
        else:
            if position is not None:
                self.source.value_positions[(*frame.path, len(container))] = position
            container.append(value)
        frame.nodes += size
        return root

    def _check_tag(self, event: Any, kind: str) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag != _CORE + kind:
            raise self.fail("R005", event.start_mark, tag=tag)

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is not None and tag != "!":
            return self._tagged_scalar(event, tag)
        if event.style or tag == "!":
            return value
        return resolve_plain_scalar(value)

    def _tagged_scalar(self, event: Any, tag: str) -> Any:
        value: str = event.value
        if tag == _CORE + "str":
            return value
        plain = resolve_plain_scalar(value)
        expected = {
            _CORE + "int": int,
            _CORE + "float": float,
            _CORE + "bool": bool,
            _CORE + "null": type(None),
            _CORE + "timestamp": dt.date,
        }.get(tag)
        if expected is None:
            raise self.fail("R005", event.start_mark, tag=tag)
        if expected is float and type(plain) is int:
            return float(plain)
        if not isinstance(plain, expected) or (expected is int and isinstance(plain, bool)):
            raise self.fail("R005", event.start_mark, tag=tag)
        return plain


def resolve_plain_scalar(value: str) -> Any:
    """The value of an unquoted scalar, by YAML 1.2 core rules plus ISO dates."""
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return _integer(value, value, 10)
    if _INT_OCT.match(value):
        return _integer(value, value[2:], 8)
    if _INT_HEX.match(value):
        return _integer(value, value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if value in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[value]
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _integer(value: str, digits: str, base: int) -> int | str:
    """An integer, or the text as written when it has more digits than any real figure:
    converting thousands of digits is slow (Python refuses beyond 4,300), and the validator
    then says that a number was expected, quoting the text."""
    if len(digits.lstrip("+-").lstrip("0")) > MAX_INTEGER_DIGITS:
        return value
    return int(digits, base)


def _pos(event: Any) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


# PyYAML's most frequent complaints, and the catalogue phrase that says them in words a
# project lead understands.
_PROBLEMS = (
    ("mapping values are not allowed", "yaml.mapping_values"),
    ("did not find expected key", "yaml.indentation"),
    ("could not find expected ':'", "yaml.colon_missing"),
    ("found unexpected end of stream", "yaml.end_of_stream"),
    ("did not find expected ',' or ']'", "yaml.bracket"),
    ("did not find expected ',' or '}'", "yaml.brace"),
    ("found character that cannot start any token", "yaml.token"),
    ("found unknown escape character", "yaml.escape"),
    ("expected <block end>", "yaml.indentation"),
    ("did not find expected node content", "yaml.node_content"),
    ("unacceptable character", "yaml.control"),
    ("control characters are not allowed", "yaml.control"),
    ("block sequence entries are not allowed", "yaml.sequence_here"),
    ("found duplicate anchor", "yaml.duplicate_anchor"),
)


def _plain_problem(problem: str, context: str | None) -> Term:
    """The catalogue phrase for one of PyYAML's known complaints, else a general one: the
    parser's own English never reaches the reader."""
    del context
    for needle, key in _PROBLEMS:
        if needle in problem:
            return term(key)
    return term("yaml.unknown")
