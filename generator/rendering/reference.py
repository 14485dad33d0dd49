"""The reference page of diagnostic codes (docs/reference/codes.md), made from the catalogue."""

from __future__ import annotations

from generator.i18n import DEFAULT_LANGUAGE, words
from generator.rendering.diagnostics import rule_text
from generator.validation.codes import RULES


def render_codes_page(language: str = DEFAULT_LANGUAGE) -> str:
    """Every rule: its title, severity, message and fix as patterns, a wrong and a right
    example."""
    w = words(language, "diagnostics")
    parts = [w("codes.title"), w("codes.intro")]
    for rule in RULES.values():
        section = [
            w(
                "codes.heading",
                code=rule.code,
                title=rule_text(rule.code, "title", language),
            ),
            f"*{w(f'codes.{rule.severity}')}* — {rule_text(rule.code, 'message', language)}",
        ]
        hint = rule_text(rule.code, "hint", language)
        if hint:
            section.append(w("codes.fix", hint=hint))
        section.append(f"{w('codes.wrong')}\n\n```yaml\n{rule.wrong}\n```")
        section.append(f"{w('codes.right')}\n\n```yaml\n{rule.right}\n```")
        parts.append("\n\n".join(section))
    return "\n\n".join(parts) + "\n"
