"""The words of the generated pages, and the sentences built from figures.

Every word comes from the `site` catalogue (`generator/locale/<language>/LC_MESSAGES/site.po`),
looked up by a stable key; templates read it through Jinja's i18n extension (`_("key")`).
Sentences that embed figures ("3 jalons atteints sur 5") are written by the small functions
below, which take their words from the catalogue and only format what `generator.figures`
computed.
"""

from __future__ import annotations

from generator.figures.derive import DUE_SOON_DAYS, AttentionItem, Progress
from generator.i18n import Words, words
from generator.model import Thresholds
from generator.rendering.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_number,
    format_percent,
    with_percent_sign,
)

DOMAIN = "site"
# The rules of the methodology page, in the order it lists them: each is a pair of catalogue
# entries, `rule.<id>.figure` (the figure's name) and `rule.<id>.text` (how it is computed).
RULE_IDS = (
    "milestone_state", "milestone_slip", "due_soon", "project_progress", "average_progress",
    "budget_sums", "consumption", "approved_budget", "expected_end", "health",
    "indicator_progress", "attention", "internal",
)  # fmt: skip


def site_words(language: str) -> Words:
    """The words of the pages in `language`."""
    return words(language, DOMAIN)


def as_of(language: str, date_text: str) -> str:
    return site_words(language)("as_of", date=date_text)


def days_text(days: int | None, language: str) -> str:
    """A signed slip in days for tables: `+42 j`, `−3 j`, `0 j`."""
    return _slip(days, language, ("days_late", "days_early", "on_schedule"))


def slip_sentence(days: int | None, language: str) -> str:
    """A slip in words for the project card: `92 jours de retard`."""
    return _slip(days, language, ("slip_late", "slip_early", "slip_none"))


def _slip(days: int | None, language: str, keys: tuple[str, str, str]) -> str:
    """A slip written with the catalogue's words for late, early and on time."""
    w = site_words(language)
    late, early, on_time = keys
    if days is None:
        return w("not_given")
    if days == 0:
        return w(on_time)
    return w(late if days > 0 else early, days=format_number(abs(days), language))


def signed_percent(value: float | None, language: str) -> str:
    """A variance in %: `+6,8 %`, `−2 %`."""
    w = site_words(language)
    if value is None:
        return w("not_given")
    if value < 0:
        return w("pct_under", pct=format_percent(-value, language))
    return w("pct_over", pct=format_percent(value, language))


def progress_rule(progress: Progress, language: str) -> str:
    """The rule behind a project's progress, with its numerator and denominator."""
    w = site_words(language)
    if progress.rule == "explicit":
        return w("progress_explicit")
    if progress.rule == "milestones":
        # The count of reached milestones rules the plural ("1 jalon atteint sur 4").
        if progress.reached_weight == progress.reached and progress.total_weight == progress.total:
            return w.plural("progress_milestones", progress.reached,
                            reached=progress.reached, total=progress.total)  # fmt: skip
        return w.plural(
            "progress_milestones_weighted", progress.reached,
            reached=progress.reached, total=progress.total,
            reached_weight=format_number(progress.reached_weight, language, 2),
            total_weight=format_number(progress.total_weight, language, 2),
        )  # fmt: skip
    return w("progress_none")


def headline(planned: float, spent: float, consumption_pct: float | None, language: str,
             currency: str) -> str:  # fmt: skip
    """The one-sentence summary of the budget: `Sur 13,5 M€ prévus, 1,9 M€ ont été mandatés…`."""
    w = site_words(language)
    if consumption_pct is None:
        return w("headline_none")
    return w(
        "headline",
        planned=format_amount_short(planned, language, currency),
        spent=format_amount_short(spent, language, currency),
        pct=format_percent(consumption_pct, language),
    )


def attention_sentence(item: AttentionItem, language: str) -> str:
    """What an attention item is about, in one sentence (the explanation is shown apart)."""
    w = site_words(language)
    days = format_number(item.days, language) if item.days is not None else ""
    if item.kind == "late_milestone" and item.milestone is not None:
        return w("attention_late_milestone", milestone=item.milestone.title, days=days,
                 due=format_date(item.milestone.due, language))  # fmt: skip
    if item.kind == "budget_variance":
        return w("attention_budget_variance", pct=signed_percent(item.pct, language))
    return w(f"attention_{item.kind}", days=days)


def measure(value: float, unit: str, language: str) -> str:
    """An indicator value with its unit: `44 %`, `6 jours`."""
    number = format_number(value, language, 2)
    if unit == "%":
        return with_percent_sign(number, language)
    return f"{number}\u00a0{unit}"


def envelope_sentence(envelope: float | None, baseline_total: float, exceeded: bool | None,
                      language: str, currency: str) -> str:  # fmt: skip
    """Whether the projects' baselines (`exceeded`, from the figures) stay within the voted
    envelope."""
    w = site_words(language)
    if envelope is None or exceeded is None:
        return w("envelope_missing")
    key = "envelope_vs_baselines_above" if exceeded else "envelope_vs_baselines_below"
    return w(key, baselines=format_amount(baseline_total, language, currency),
             envelope=format_amount(envelope, language, currency))  # fmt: skip


def rules(thresholds: Thresholds, language: str) -> list[tuple[str, str]]:
    """Every derived figure's rule, with the thresholds in force."""
    w = site_words(language)
    values = {"days": DUE_SOON_DAYS, "stale": thresholds.stale_after_days,
              "slip": thresholds.schedule_slip_days,
              "overrun": format_percent(thresholds.budget_overrun_pct, language)}  # fmt: skip
    return [(w(f"rule.{rule}.figure", **values), w(f"rule.{rule}.text", **values))
            for rule in RULE_IDS]  # fmt: skip
