"""The one renderer of a diagnostic's words: its message and fix hint in a language.

The CLI report, the MkDocs plugin and the pull-request digest all show a problem through
these functions, so a problem reads the same wherever it appears. The words come from the
`diagnostics` catalogue (`R010.message`, `R010.hint`); typed parameters (amounts,
percentages, counts, catalogue phrases) are written here, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.diagnostics import Amount, Count, Diagnostic, Param, Percent, Term
from generator.i18n import Words, fill, words
from generator.rendering.formatting import format_amount, format_percent

DOMAIN = "diagnostics"


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
    return str(value)


class _Ellipsis(dict[str, Any]):
    """Parameters that fill every placeholder with "…", for a message shown as a pattern."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> str:
        return "…"
