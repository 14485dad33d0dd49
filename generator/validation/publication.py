"""What a public body must publish before its site goes public: a contact, and an
accessibility statement filled in by the organisation (its compliance, date, audit).

Each field left empty is a warning (R080) at its place in roadmap.yaml, whose rule blocks
publication: a strict build of the public edition fails on it and names the field to fill,
another build warns, and the statement shows the field as "to be completed" meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from generator.diagnostics import Diagnostic, diagnostic
from generator.model import Roadmap
from generator.reading.loader import SourceFile
from generator.validation.codes import RULES

CODE = "R080"


def missing_fields(roadmap: Roadmap) -> Iterator[tuple[str, ...]]:
    """The paths in roadmap.yaml of the publication fields still empty, in the file's order."""
    if roadmap.contact is None:
        yield ("contact",)
    statement = roadmap.accessibility
    if statement.compliance is None:
        yield ("accessibility", "compliance")
    if statement.statement_date is None:
        yield ("accessibility", "statement_date")
    # A compliance claimed without an audit, or a partial one without its list of what is
    # not accessible, would leave those sections of the statement empty.
    if statement.compliance in ("full", "partial") and statement.audit is None:
        yield ("accessibility", "audit")
    if statement.compliance == "partial" and not statement.non_accessible:
        yield ("accessibility", "non_accessible")


def check_publication(roadmap: Roadmap, source: SourceFile) -> list[Diagnostic]:
    """A warning for each publication field still empty, placed where it belongs (or at its
    closest parent written in the file)."""
    severity = RULES[CODE].severity
    found = []
    for path in missing_fields(roadmap):
        line, column = source.position(path, key=True)
        problem = diagnostic(CODE, source.display, line, column, field=".".join(path))
        found.append(replace(problem, severity=severity, path=path))
    return found
