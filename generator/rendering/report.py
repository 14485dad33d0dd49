"""Diagnostics rendered for a person, for GitHub annotations, for GitLab Code Quality, as JSON."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence

from generator.diagnostics import Diagnostic
from generator.i18n import words
from generator.reading.loader import SourceFile
from generator.rendering.diagnostics import (
    hint_text,
    message_text,
    path_text,
    printable,
    quoted_source,
    rule_text,
    shown_problems,
)
from generator.validation.codes import RULES

_COLOURS = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "dim": "\x1b[2m",
    "bold": "\x1b[1m",
    "reset": "\x1b[0m",
}


def format_text(
    diagnostics: Sequence[Diagnostic],
    sources: Mapping[str, SourceFile],
    language: str,
    *,
    colour: bool = False,
    files: int | None = None,
    others: tuple[int, int] | None = None,
) -> str:
    """For a person: position, code and message, the offending line with a caret, the fix.
    `others` (errors, warnings) sums up in one line the problems of files not listed."""
    w = words(language, "diagnostics")

    def paint(name: str, text: str) -> str:
        return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if colour else text

    blocks = []
    listed, left_out = shown_problems(diagnostics)
    for d in listed:
        head = w(
            "report.head",
            position=printable(f"{d.file}:{d.line}:{d.column}"),
            severity=paint(d.severity, w(f"report.{d.severity}")),
            code=d.code,
        )
        lines = [paint("bold", head) + printable(message_text(d, language))]
        source = sources.get(d.file)
        quoted = source.line(d.line) if source else ""
        if quoted.strip():
            gutter = str(d.line).rjust(5)
            shown, caret = quoted_source(quoted, d.column)
            lines.append(paint("dim", f"{gutter} | ") + shown)
            lines.append(paint("dim", " " * 5 + " | ") + " " * (caret - 1) + paint(d.severity, "^"))
        hint = hint_text(d, language)
        if hint:
            label = paint("bold", w("report.hint"))
            lines.append("      " + w("report.hint_line", label=label, hint=printable(hint)))
        blocks.append("\n".join(lines))
    if left_out:
        blocks.append(w("report.more", count=left_out))
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    if errors:
        summary = w("report.invalid", errors=errors, warnings=warnings)
    elif warnings:
        summary = w("report.valid_with_warnings", warnings=warnings)
    else:
        summary = w("report.valid")
    if files is not None:
        summary += " " + w("report.files", files=files)
    if others is not None and any(others):
        blocks.append(w("report.others", errors=others[0], warnings=others[1]))
    blocks.append(paint("error" if errors else "bold", summary))
    return "\n\n".join(blocks) + "\n"


def _escape_data(text: str) -> str:
    # printable first: no line break, no escape sequence reaches the log, whatever the text.
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(
    diagnostics: Sequence[Diagnostic], sources: object, language: str, **_: object
) -> str:
    """GitHub workflow commands: each problem becomes an annotation on its line."""
    lines = []
    listed, left_out = shown_problems(diagnostics)
    for d in listed:
        properties = ",".join(
            [
                f"file={_escape_property(d.file)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(d.code)}",
            ]
        )
        message = _with_hint(d, language)
        lines.append(f"::{d.severity} {properties}::{_escape_data(message)}")
    if left_out:
        more = words(language, "diagnostics")("report.more", count=left_out)
        lines.append(f"::notice::{_escape_data(more)}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_gitlab(
    diagnostics: Sequence[Diagnostic], sources: object, language: str, **_: object
) -> str:
    """GitLab Code Quality report (JSON), shown in merge requests."""
    issues = []
    for d in diagnostics:
        message = message_text(d, language)
        fingerprint = hashlib.sha256(f"{d.file}:{d.line}:{d.column}:{d.code}:{message}".encode())
        issues.append(
            {
                "description": printable(_with_hint(d, language)),
                "check_name": d.code,
                "fingerprint": fingerprint.hexdigest(),
                "severity": "major" if d.is_error else "minor",
                "location": {"path": d.file, "lines": {"begin": d.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def format_json(
    diagnostics: Sequence[Diagnostic],
    sources: object,
    language: str,
    *,
    others: tuple[int, int] | None = None,
    **_: object,
) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    payload: dict[str, object] = {
        "valid": errors == 0,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "diagnostics": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "code": d.code,
                "severity": d.severity,
                "message": message_text(d, language),
                "hint": hint_text(d, language),
                "path": path_text(d),
            }
            for d in diagnostics
        ],
    }
    if others is not None:
        payload["other_files"] = {"errors": others[0], "warnings": others[1]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _with_hint(d: Diagnostic, language: str) -> str:
    """The message and its fix on one line, for a forge's annotation."""
    hint = hint_text(d, language)
    return message_text(d, language) + (f" — {hint}" if hint else "")


FORMATS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "github": format_github,
    "gitlab": format_gitlab,
    "json": format_json,
}


def explain_text(code: str, language: str) -> str:
    """One code's page for a terminal: title, severity, message and fix as patterns, a wrong
    and a right example, each example line indented."""
    rule = RULES[code]
    w = words(language, "diagnostics")
    lines = [
        w("codes.heading", code=rule.code, title=rule_text(code, "title", language)).lstrip("# "),
        "",
        f"{w(f'codes.{rule.severity}')} — {rule_text(code, 'message', language)}",
    ]
    hint = rule_text(code, "hint", language)
    if hint:
        lines += ["", w("codes.fix", hint=hint).replace("**", "")]  # Markdown bold, not here
    for label, example in ((w("codes.wrong"), rule.wrong), (w("codes.right"), rule.right)):
        lines += ["", label, "", *(f"    {line}" for line in example.splitlines())]
    return "\n".join(lines) + "\n"
