"""The one type for every problem a user can fix: where it is, what it is, and its parameters.

A diagnostic holds no words: its message and fix hint are written when it is shown, in the
reader's language, by `generator.rendering.diagnostics`. Its parameters are plain values
(text quoted from the file, numbers, dates) or the typed values below, which the renderer
writes the way the reader's language does (an amount, a percentage, a count, a word of the
catalogue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple, TypeAlias

Severity = Literal["error", "warning"]


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Amount:
    """A sum of money, written with its currency in the reader's language."""

    value: float
    currency: str


@dataclass(frozen=True)
class Percent:
    """A percentage on a 0-100 scale, written in the reader's language."""

    value: float


@dataclass(frozen=True)
class Count:
    """A whole number written with the reader's thousands separator (a limit, a size)."""

    value: int


@dataclass(frozen=True)
class Term:
    """A word or phrase of the diagnostics catalogue used inside a message (`key`), with its
    own parameters: "a list", "at least {ge}", "symbolic link"."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()


def term(key: str, **params: Param) -> Term:
    """The catalogue phrase `key`, its placeholders to be filled with `params`."""
    return Term(key, tuple(sorted(params.items())))


# What a diagnostic's parameter may be: text quoted from the file, a number, a date (shown as
# written in YAML), or a typed value the renderer formats.
Param: TypeAlias = "str | int | float | dt.date | Amount | Percent | Count | Term"
Params = tuple[tuple[str, Param], ...]


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    params: Params = ()
    # The field in the file's data (`("milestones", 1, "done")`, indexes from 0), for tools,
    # and the item it belongs to as a person reads it on the site ("milestone 2 « Recette »").
    path: tuple[str | int, ...] = ()
    where: Term | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def parameters(self) -> Mapping[str, Param]:
        """The parameters by name."""
        return dict(self.params)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Reports list problems by file, then position, then code."""
        return (self.file, self.line, self.column, self.code)


def diagnostic(code: str, file: str, line: int, column: int, /, **params: Param) -> Diagnostic:
    """The error `code` at a position, with its parameters (sorted by name, so that two equal
    problems compare equal). A rule that only warns changes its severity
    (`dataclasses.replace`)."""
    return Diagnostic(file, line, column, code, "error", tuple(sorted(params.items())))
