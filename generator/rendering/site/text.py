"""The words of the generated pages, and the sentences built from figures.

Every word comes from the `site` catalogue (`generator/locale/<language>/LC_MESSAGES/site.po`),
looked up by a stable key; templates read it through Jinja's i18n extension (`_("key")`).
Sentences that embed figures ("3 jalons atteints sur 5") are written by the small functions
below, which take their words from the catalogue and only format what `generator.figures`
computed.
"""

from __future__ import annotations

import datetime as dt

from babel.lists import format_list

from generator.figures.derive import DUE_SOON_DAYS, AttentionItem, Progress
from generator.figures.verdict import Verdict
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
    "indicator_progress", "attention", "verdict", "internal",
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
    if progress.rule == "cancelled":
        if not progress.total:
            return w("progress_cancelled_no_milestones")
        return w.plural("progress_cancelled", progress.reached,
                        reached=progress.reached, total=progress.total)  # fmt: skip
    return w("progress_none")


def headline(planned: float, spent: float, consumption_pct: float | None, language: str,
             currency: str) -> str:  # fmt: skip
    """The one-sentence summary of the budget: `Sur 13,5 M€ prévus, 1,9 M€ ont été mandatés…`."""
    w = site_words(language)
    if planned <= 0:
        return w("headline_none")
    if consumption_pct is None:
        # Credits are planned, but no payment was ever reported: not "0 € paid".
        return w("headline_unpaid", planned=format_amount_short(planned, language, currency))
    return w(
        "headline",
        planned=format_amount_short(planned, language, currency),
        spent=format_amount_short(spent, language, currency),
        pct=format_percent(consumption_pct, language),
    )


def attention_sentence(item: AttentionItem, language: str, as_of_date: dt.date | None = None,
                       currency: str = "EUR") -> str:  # fmt: skip
    """What an attention item is about, in a sentence or two (the explanation is shown apart).
    A late milestone reads as facts: its due date, the reporting date and the days between
    them, then its announced date and the days from its due date to it, or that none is."""
    w = site_words(language)
    days = format_number(item.days, language) if item.days is not None else ""
    figure = item.milestone_figure
    if item.kind == "late_milestone" and item.milestone is not None:
        sentence = w("attention_late_milestone", milestone=item.milestone.title, days=days,
                     due=format_date(item.milestone.due, language),
                     as_of=format_date(as_of_date or item.milestone.due, language))  # fmt: skip
        forecast = item.milestone.forecast
        if forecast is not None and figure is not None and figure.forecast_slip_days is not None:
            return sentence + " " + w(
                "attention_late_forecast", forecast=format_date(forecast, language),
                days=format_number(figure.forecast_slip_days, language))  # fmt: skip
        return sentence + " " + w("attention_late_no_forecast")
    if item.kind == "rebaseline" and item.rebaseline is not None:
        r = item.rebaseline
        parts = [w("attention_rebaseline", date=format_date(r.date, language),
                   decision=r.decision)]  # fmt: skip
        if r.budget is not None:
            parts.append(w("attention_rebaseline_budget",
                           amount=format_amount(r.budget, language, currency),
                           pct=signed_percent(item.pct, language)))  # fmt: skip
        if r.end is not None:
            end = format_date(r.end, language)
            if item.days:
                key = "attention_rebaseline_end_later" if item.days > 0 \
                    else "attention_rebaseline_end_earlier"
                parts.append(w(key, date=end, days=format_number(abs(item.days), language)))
            else:
                parts.append(w("attention_rebaseline_end", date=end))
        return " ".join(parts)
    if item.kind == "budget_variance":
        return w("attention_budget_variance", pct=signed_percent(item.pct, language))
    return w(f"attention_{item.kind}", days=days)


def verdict_sentences(verdict: Verdict, as_of_date: dt.date, language: str, currency: str
                      ) -> list[str]:  # fmt: skip
    """The home page's three to five plain sentences, from the verdict's figures; a part
    without data (no period, no milestone expected yet) is left out, never read as zero."""
    w = site_words(language)
    date = format_date(as_of_date, language)
    sentences = []
    if verdict.period_elapsed_pct is not None:
        elapsed = format_percent(verdict.period_elapsed_pct, language)
        if verdict.paid_pct is None:
            sentences.append(w("verdict_period_unpaid", date=date, elapsed=elapsed))
        else:
            sentences.append(w("verdict_period", date=date, elapsed=elapsed,
                               paid=format_percent(verdict.paid_pct, language)))  # fmt: skip
    m = verdict.milestones
    if m is not None:
        sentences.append(w.plural("verdict_milestones", m.due, due=m.due, date=date,
                                  on_time=m.reached_on_time, reached_late=m.reached_late,
                                  late=m.late))  # fmt: skip
    decisions = [w.plural(key, count, count=count) for key, count in (
        ("verdict_critical", verdict.critical), ("verdict_unexplained", verdict.unexplained),
        ("verdict_stale", verdict.stale)) if count]  # fmt: skip
    if decisions:
        sentences.append(w("verdict_decisions", items=format_list(decisions, locale=language)))
    else:
        sentences.append(w("verdict_no_decision"))
    r = verdict.rebaselines
    if r is None:
        sentences.append(w("verdict_no_rebaseline"))
    else:
        projects = w.plural("verdict_rebaselines_projects", r.projects, count=r.projects)
        sentence = w.plural("verdict_rebaselines", r.count, count=r.count, projects=projects,
                            date=format_date(r.last, language))  # fmt: skip
        if r.first_budgets is not None and r.approved_budgets is not None:
            sentence += w("verdict_rebaselines_budget",
                          before=format_amount_short(r.first_budgets, language, currency),
                          after=format_amount_short(r.approved_budgets, language, currency),
                          pct=signed_percent(r.budget_change_pct, language))  # fmt: skip
        if r.longest_delay_days is not None and r.longest_delay_days > 0:
            sentence += w("verdict_rebaselines_end",
                          days=format_number(r.longest_delay_days, language))  # fmt: skip
        sentences.append(sentence + w("verdict_sentence_end"))
    return sentences


def missing_note(missing: int, language: str) -> str:
    """"non renseigné pour 3 projets": how many projects never gave an amount; empty if none."""
    return site_words(language).plural("missing_for_projects", missing, count=missing) \
        if missing else ""


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
