"""Diagnostics rendered for a person, for GitHub annotations, for GitLab Code Quality, as JSON."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence

from generator.diagnostics import Diagnostic
from generator.reading.loader import SourceFile

_WORDS = {
    "fr": {
        "error": "erreur",
        "warning": "avertissement",
        "hint": "aide",
        "errors": "erreur(s)",
        "warnings": "avertissement(s)",
        "files": "fichier(s)",
        "ok": "La feuille de route est valide",
        "ko": "La feuille de route contient",
    },
    "en": {
        "error": "error",
        "warning": "warning",
        "hint": "hint",
        "errors": "error(s)",
        "warnings": "warning(s)",
        "files": "file(s)",
        "ok": "The roadmap is valid",
        "ko": "The roadmap has",
    },
}
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
) -> str:
    """For a person: position, code and message, the offending line with a caret, the fix."""
    words = _WORDS["en" if language == "en" else "fr"]

    def paint(name: str, text: str) -> str:
        return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if colour else text

    blocks = []
    for d in diagnostics:
        head = (
            f"{d.file}:{d.line}:{d.column}: {paint(d.severity, words[d.severity])} {d.code} : "
            if language != "en"
            else f"{d.file}:{d.line}:{d.column}: {paint(d.severity, words[d.severity])} {d.code}: "
        )
        lines = [paint("bold", head) + _printable(d.message)]
        source = sources.get(d.file)
        quoted = source.line(d.line) if source else ""
        if quoted.strip():
            gutter = str(d.line).rjust(5)
            shown = _printable(quoted.expandtabs(1))
            lines.append(paint("dim", f"{gutter} | ") + shown)
            lines.append(
                paint("dim", " " * 5 + " | ") + " " * (d.column - 1) + paint(d.severity, "^")
            )
        if d.hint:
            separator = " : " if language != "en" else ": "
            lines.append(f"      {paint('bold', words['hint'])}{separator}{_printable(d.hint)}")
        blocks.append("\n".join(lines))
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    if errors:
        summary = f"{words['ko']} {errors} {words['errors']} "
        summary += ("et " if language != "en" else "and ") + f"{warnings} {words['warnings']}."
    else:
        summary = f"{words['ok']}" + (f" ({warnings} {words['warnings']})." if warnings else ".")
    if files is not None:
        summary += f" ({files} {words['files']})"
    blocks.append(paint("error" if errors else "bold", summary))
    return "\n\n".join(blocks) + "\n"


# Control characters (ESC above all) in a file must not drive the reader's terminal or a CI
# log: they are shown as a visible replacement character.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    return _CONTROL.sub("\ufffd", text)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic], *_: object, **__: object) -> str:
    """GitHub workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for d in diagnostics:
        properties = ",".join(
            [
                f"file={_escape_property(d.file)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(d.code)}",
            ]
        )
        message = d.message + (f" — {d.hint}" if d.hint else "")
        lines.append(f"::{d.severity} {properties}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_gitlab(diagnostics: Sequence[Diagnostic], *_: object, **__: object) -> str:
    """GitLab Code Quality report (JSON), shown in merge requests."""
    issues = []
    for d in diagnostics:
        fingerprint = hashlib.sha256(f"{d.file}:{d.line}:{d.column}:{d.code}:{d.message}".encode())
        issues.append(
            {
                "description": d.message + (f" — {d.hint}" if d.hint else ""),
                "check_name": d.code,
                "fingerprint": fingerprint.hexdigest(),
                "severity": "major" if d.is_error else "minor",
                "location": {"path": d.file, "lines": {"begin": d.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def format_json(diagnostics: Sequence[Diagnostic], *_: object, **__: object) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    payload = {
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
                "message": d.message,
                "hint": d.hint,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "github": format_github,
    "gitlab": format_gitlab,
    "json": format_json,
}
