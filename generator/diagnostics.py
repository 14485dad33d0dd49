"""The one type for every problem a user can fix: where it is, what it is, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from generator.validation.codes import RULES

Severity = Literal["error", "warning"]


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def diagnostic(
    code: str, language: str, file: str, line: int, column: int, **params: Any
) -> Diagnostic:
    """Build the diagnostic `code` in `language`, filling the catalogue's placeholders."""
    rule = RULES[code]
    lang = "en" if language == "en" else "fr"
    values = _Params(params)
    message = rule.message[lang].format_map(values)
    hint = rule.hint[lang].format_map(values) if rule.hint else ""
    if params.get("suggestion"):
        hint = (hint + " " if hint else "") + rule_suggestion(lang, params["suggestion"])
    return Diagnostic(file, line, column, code, rule.severity, message, hint)


def rule_suggestion(language: str, suggestion: str) -> str:
    return (
        f"Did you mean « {suggestion} »?"
        if language == "en"
        else f"Vouliez-vous dire « {suggestion} » ?"
    )


class _Params(dict[str, Any]):
    """Format parameters where a missing placeholder shows as empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""
