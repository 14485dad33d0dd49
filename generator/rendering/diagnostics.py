"""The one renderer of a diagnostic's words: its message and fix hint in a language.

The CLI report, the MkDocs plugin and the pull-request digest all show a problem through
these functions, so a problem reads the same wherever it appears. The words come from the
`diagnostics` catalogue (`R010.message`, `R010.hint`); typed parameters (amounts,
percentages, counts, catalogue phrases) are written here, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from generator.diagnostics import Amount, Count, Diagnostic, Param, Percent, Term
from generator.i18n import Words, fill, words
from generator.rendering.formatting import format_amount, format_percent

DOMAIN = "diagnostics"
# A report lists this many problems, then says how many more there are: a file of 200,000
# wrong values must not print gigabytes (`--format json` lists them all).
MAX_SHOWN = 500
# The part of a source line quoted around the column: a one-line list of 20,000 items would
# otherwise be reprinted whole under each of its problems.
QUOTE_WIDTH = 100
# A text quoted from a file inside a message (an allowed list, a loop of projects).
MAX_PARAMETER = 300


def message_text(diagnostic: Diagnostic, language: str) -> str:
    """What is wrong, in `language`."""
    catalogue = words(language, DOMAIN)
    message = catalogue(f"{diagnostic.code}.message", **_shown(diagnostic.params, catalogue))
    if diagnostic.where is None:
        return message
    return catalogue("where.message", where=_written(diagnostic.where, catalogue), message=message)


def path_text(diagnostic: Diagnostic) -> str:
    """The field's machine path, for tools ("milestones[1].done", indexes from 0)."""
    text = ""
    for part in diagnostic.path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def hint_text(diagnostic: Diagnostic, language: str) -> str:
    """How to fix it, in `language` ("" when the rule has no hint), followed by the closest
    allowed value when the validator found one ("Did you mean « en »?")."""
    catalogue = words(language, DOMAIN)
    params = _shown(diagnostic.params, catalogue)
    key = f"{diagnostic.code}.hint"
    hint = catalogue(key, **params) if catalogue.has(key) else ""
    suggestion = diagnostic.parameters.get("suggestion")
    if suggestion:
        hint = (hint + " " if hint else "") + catalogue(
            "did_you_mean", suggestion=params["suggestion"]
        )
    return hint


def rule_text(code: str, part: str, language: str) -> str:
    """A rule's `title`, or its `message` or `hint` as the reference page shows them: each
    placeholder written "…" ("" when the rule has no such part)."""
    catalogue = words(language, DOMAIN)
    key = f"{code}.{part}"
    if not catalogue.has(key):
        return ""
    return fill(catalogue.template(key), _Ellipsis(), key)


def _shown(params: tuple[tuple[str, Param], ...], catalogue: Words) -> dict[str, str]:
    return {name: _written(value, catalogue) for name, value in params}


def shown_problems(diagnostics: Sequence[Diagnostic], limit: int = MAX_SHOWN
                   ) -> tuple[Sequence[Diagnostic], int]:  # fmt: skip
    """The problems a report lists, and how many it leaves out."""
    return diagnostics[:limit], max(len(diagnostics) - limit, 0)


# Control characters (ESC and the C1 controls above all, line breaks too) and bidirectional
# overrides in a file or its name must not drive the reader's terminal, add a line to a CI
# log (a fake "valid", a forged `::error`) or reorder what is shown: each is shown as one
# visible replacement character, so that a caret under a quoted line stays in its column.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text from a file, or a file's name, for a terminal or a CI log: on one line, with no
    character that the terminal would obey rather than show. The one escaping function of
    that context."""
    return _UNPRINTABLE.sub("\ufffd", text)


def quoted_source(line: str, column: int, width: int = QUOTE_WIDTH) -> tuple[str, int]:
    """The part of a source line shown under a problem, at most `width` characters around
    `column` (1-based), marked "…" where it is cut, and the column of the caret in it."""
    line = printable(line.expandtabs(1))
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    shown = line[start : start + width]
    caret = column - start
    if start > 0:
        shown, caret = "…" + shown, caret + 1
    if start + width < len(line):
        shown += "…"
    return shown, caret


def _written(value: Param, catalogue: Words) -> str:
    """One parameter as the reader's language writes it, ready to fill a placeholder."""
    language = catalogue.language
    if isinstance(value, Term):
        return catalogue(value.key, **_shown(value.params, catalogue))
    if isinstance(value, Amount):
        return format_amount(value.value, language, value.currency)
    if isinstance(value, Percent):
        return format_percent(value.value, language)
    if isinstance(value, Count):
        return f"{value.value:,}".replace(",", catalogue("thousands_separator"))
    if isinstance(value, dt.date):
        return value.isoformat()  # as the user writes it in the file, and can search for it
    text = str(value)
    return text if len(text) <= MAX_PARAMETER else text[: MAX_PARAMETER - 1] + "…"


class _Ellipsis(dict[str, Any]):
    """Parameters that fill every placeholder with "…", for a message shown as a pattern."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> str:
        return "…"
