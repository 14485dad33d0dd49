"""Words the site and messages share: the names of statuses, health ratings and milestone states."""

from __future__ import annotations

STATUS = {
    "fr": {
        "planned": "Prévu",
        "in_progress": "En cours",
        "done": "Terminé",
        "on_hold": "Suspendu",
        "cancelled": "Abandonné",
    },
    "en": {
        "planned": "Planned",
        "in_progress": "In progress",
        "done": "Done",
        "on_hold": "On hold",
        "cancelled": "Cancelled",
    },
}

HEALTH = {
    "fr": {
        "good": "Bonne",
        "watch": "Sous surveillance",
        "critical": "Critique",
        "stale": "À mettre à jour",
        "unknown": "Non renseignée",
    },
    "en": {
        "good": "Good",
        "watch": "Watch",
        "critical": "Critical",
        "stale": "To be updated",
        "unknown": "Not given",
    },
}

MILESTONE_STATE = {
    "fr": {
        "reached": "Atteint",
        "on_time": "Dans les temps",
        "late": "En retard",
        "slipping": "Glisse",
    },
    "en": {"reached": "Reached", "on_time": "On time", "late": "Late", "slipping": "Slipping"},
}

NOT_GIVEN = {"fr": "non renseigné", "en": "not given"}


def words(table: dict[str, dict[str, str]], language: str) -> dict[str, str]:
    """The entries of `table` in `language` (French when the language is unknown)."""
    return table["en" if language == "en" else "fr"]
