"""The slip of the keyboard behind a YAML syntax error, found the way a person would.

The parser stops where the text stops making sense to it, which is often a line after the
slip (a missing space after a colon) or the end of the file (an unclosed quote). When the
parser gives up, these rules read the lines up to where it stopped and name the first slip
a person would point at, at its own line and column, in words of the `diagnostics`
catalogue. Nothing here runs on a file the parser accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import Param, Term, term

# `key:value` at the start of a line (after an optional "- "), the value glued to the colon.
# A URL's "://" is not a slip.
_GLUED = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?!//)([^\s#].*)$")
# `key: value` with the value's first character, after an optional "- ".
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"\[{-][^:#]*?):(?:\s+(.*))?$")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")


@dataclass(frozen=True)
class Slip:
    """Where the slip is and what to say about it (the `problem` of R002)."""

    line: int  # 1-based
    column: int  # 1-based
    problem: Term


def find_slip(text: str, stop_line: int, parser_problem: str) -> Slip | None:
    """The first slip on lines 1..`stop_line` (where the parser stopped), or None when the
    lines look right and the parser's own position is the best one."""
    lines = text.splitlines()
    last = min(stop_line, len(lines))
    for number in range(1, last + 1):
        found = _glued_colon(lines[number - 1], number) or _colon_in_text(
            lines[number - 1], number
        )
        if found is not None:
            return found
    for number in range(1, last + 1):
        found = _unclosed(lines[number - 1], number)
        if found is not None and (number < last or "end of stream" in parser_problem):
            return found
    if 0 < stop_line <= len(lines):
        return _indentation(lines, stop_line)
    return None


def _glued_colon(line: str, number: int) -> Slip | None:
    match = _GLUED.match(line)
    if match is None:
        return None
    key, value = match.group(2), match.group(3).rstrip()
    column = len(match.group(1)) + len(key) + 1
    return Slip(number, column, term("yaml.colon_space", name=key, value=value))


def glued_colon(text: str) -> tuple[int, Term] | None:
    """For a text read as one value, such as "team:DSI", that was meant as a field with its
    value: the offset of the colon in it and what to say."""
    found = _glued_colon(text, 1)
    return None if found is None or "\n" in text else (found.column - 1, found.problem)


def _value_start(line: str) -> tuple[str, int, str] | None:
    """The key, the column (0-based) where its value starts, and the value, of `key: value`."""
    match = _KEY_VALUE.match(line)
    if match is None or match.group(3) is None:
        return None
    value = match.group(3)
    return match.group(2).strip(), match.start(3), value


def _colon_in_text(line: str, number: int) -> Slip | None:
    found = _value_start(line)
    if found is None:
        return None
    key, start, value = found
    if value[:1] in ("'", '"', "[", "{", "|", ">", "&", "*", "!"):
        return None
    text = value.split(" #", 1)[0].rstrip()
    inner = re.search(r":(\s|$)", text)
    if inner is None:
        return None
    return Slip(number, start + inner.start() + 1, term("yaml.colon_in_text", name=key))


def _unclosed(line: str, number: int) -> Slip | None:
    found = _value_start(line)
    if found is None:
        item = _ITEM.match(line)
        if item is None:
            return None
        start = item.end()
        value = line[start:]
        key = ""
    else:
        key, start, value = found
    opening = value[:1]
    if opening == '"' and not re.match(r'"(?:[^"\\]|\\.)*"', value):
        return Slip(number, start + 1, term("yaml.quote_unclosed", quote='"'))
    if opening == "'" and not re.match(r"'(?:[^']|'')*'(?!')", value):
        return Slip(number, start + 1, term("yaml.quote_unclosed", quote="'"))
    if opening in ("[", "{"):
        closing = "]" if opening == "[" else "}"
        depth = 0
        for character in re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'", "", value):
            if character in "[{":
                depth += 1
            elif character in "]}":
                depth -= 1
        if depth > 0:
            bracket = term("yaml.bracket_unclosed", opening=opening, closing=closing)
            return Slip(number, start + 1, bracket)
    del key
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _meaningful(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indentation(lines: list[str], number: int) -> Slip | None:
    """A line at the wrong depth: the block it seems to belong to and the column where that
    block's lines start."""
    line = lines[number - 1]
    if not _meaningful(line):
        return None
    indent = _indent(line)
    is_item = _ITEM.match(line) is not None
    # The block opener: the nearest line above, less indented, that opens a block.
    for above in range(number - 1, 0, -1):
        candidate = lines[above - 1]
        if not _meaningful(candidate) or _indent(candidate) >= indent:
            continue
        if is_item and _ITEM.match(candidate) and not candidate.rstrip().endswith(":"):
            continue  # a list item sits under its list's field, not under another item
        expected = _first_child_column(lines, above, candidate)
        if expected is None:
            continue  # a sibling's "key: value": the block is opened further up
        if expected == indent:
            return None
        block = _block_name(lines, above, candidate)
        what: Param = "-" if is_item else line.strip().split(":", 1)[0]
        return Slip(
            number,
            indent + 1,
            term(
                "yaml.indent_item" if is_item else "yaml.indent_key",
                what=what,
                column=str(indent + 1),
                expected=str(expected + 1),
                block=block,
            ),
        )
    return None


def _first_child_column(lines: list[str], opener: int, text: str) -> int | None:
    """The 0-based column of the lines inside the block opened on line `opener`."""
    item = _ITEM.match(text)
    if item is not None and not text.rstrip().endswith(":"):
        # "- title: A": the item's fields start where "title" starts.
        return len(text) - len(text[item.end() :].lstrip(" "))
    if not text.rstrip().endswith(":"):
        return None
    for below in range(opener + 1, len(lines) + 1):
        if _meaningful(lines[below - 1]):
            return _indent(lines[below - 1])
    return None


def _block_name(lines: list[str], opener: int, text: str) -> Term:
    if _ITEM.match(text) is not None and not text.rstrip().endswith(":"):
        for above in range(opener - 1, 0, -1):
            candidate = lines[above - 1]
            if _meaningful(candidate) and _indent(candidate) < _indent(text):
                name = candidate.strip().lstrip("- ").split(":", 1)[0]
                return term("yaml.block_item", name=name)
        return term("yaml.block_item", name="")
    name = text.strip().lstrip("- ").split(":", 1)[0]
    return term("yaml.block_named", name=name)
