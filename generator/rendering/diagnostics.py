"""The one renderer of a diagnostic's words: its message and fix hint in a language.

The CLI report, the MkDocs plugin and the pull-request digest all show a problem through
these functions, so a problem reads the same wherever it appears.
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic


def message_text(diagnostic: Diagnostic, language: str) -> str:
    """What is wrong, in `language`."""
    return diagnostic.message


def hint_text(diagnostic: Diagnostic, language: str) -> str:
    """How to fix it, in `language` ("" when the rule has no hint)."""
    return diagnostic.hint
