"""Words the site, charts, digest and open data share: the names of statuses, health ratings
and milestone states, from the `labels` catalogue (`status.in_progress` -> "En cours")."""

from __future__ import annotations

import functools

from generator.i18n import words

STATUSES = ("planned", "in_progress", "done", "on_hold", "cancelled")
HEALTH_VALUES = ("good", "watch", "critical", "stale", "unknown")
MILESTONE_STATES = ("reached", "on_time", "late", "slipping", "dropped")


@functools.cache
def status_words(language: str) -> dict[str, str]:
    """Each project status's name in `language`."""
    return {value: words(language, "labels")(f"status.{value}") for value in STATUSES}


@functools.cache
def health_words(language: str) -> dict[str, str]:
    """Each health rating's name in `language`, "to be updated" and "not given" included."""
    return {value: words(language, "labels")(f"health.{value}") for value in HEALTH_VALUES}


@functools.cache
def milestone_state_words(language: str) -> dict[str, str]:
    """Each milestone state's name in `language`."""
    return {value: words(language, "labels")(f"milestone_state.{value}")
            for value in MILESTONE_STATES}  # fmt: skip


def not_given(language: str) -> str:
    """"non renseigné": what a page says where a value was never given."""
    return words(language, "labels")("not_given")
