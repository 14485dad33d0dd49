"""Write synthetic but realistic roadmaps of any size, for benchmarks.

Every generated roadmap validates cleanly, without a warning (so `mkdocs build --strict`
passes): dates and budgets follow the rules, and every late milestone, reached late or not
yet reached, is explained. Deterministic for a given size and seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

AXES = [
    "usagers",
    "agents",
    "inclusion",
    "colleges",
    "infrastructures",
    "donnees",
    "territoire",
    "sante",
]
FUNDERS = ["departement", "etat-dsid", "ue-feder"]
STATUSES = ["in_progress"] * 6 + ["planned"] * 2 + ["done", "on_hold"]
AS_OF = dt.date(2022, 6, 30)
# Every milestone past its due date carries an explanation, as real ones must (rule R061,
# beyond the slip threshold; and the site shows it): the roadmap builds under --strict.
LATE_DONE_DAYS = 45
LATE_DONE_EXPLANATION = "Recette reprise après des anomalies, mise en service décalée."
LATE_EXPLANATION = "Retard du prestataire, nouvelle date à fixer."


def write_synthetic_roadmap(
    folder: Path,
    projects: int,
    *,
    milestones: int = 10,
    budget_lines: int = 6,
    indicators: int = 2,
    seed: int = 1,
) -> Path:
    """Write roadmap.yaml and `projects` project files into `folder`; return the folder."""
    rng = random.Random(seed)
    (folder / "projects").mkdir(parents=True, exist_ok=True)
    axes = "\n".join(f"  - id: {a}\n    title: Axe {a}\n    description: Axe *{a}*." for a in AXES)
    funders = "\n".join(f"  - id: {f}\n    title: Financeur {f}" for f in FUNDERS)
    (folder / "roadmap.yaml").write_text(
        "title: Feuille de route synthétique\n"
        "organisation: Région de démonstration\n"
        "description: Données générées pour mesurer les performances.\n"
        "language: fr\ncurrency: EUR\n"
        "period: {start: 2020-01-01, end: 2025-12-31}\n"
        f"as_of: {AS_OF.isoformat()}\n"
        f"envelope: {projects * 2_000_000}\n"
        f"axes:\n{axes}\nfunders:\n{funders}\n"
        # The publication fields: without them a strict public build stops (R080).
        "contact: demonstration@region.example\n"
        "accessibility: {compliance: none, statement_date: 2021-06-30}\n",
        encoding="utf-8",
    )
    for number in range(projects):
        text = _project(rng, number, milestones, budget_lines, indicators)
        (folder / "projects" / f"projet-{number:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def _project(
    rng: random.Random, number: int, milestones: int, budget_lines: int, indicators: int
) -> str:
    status = STATUSES[number % len(STATUSES)]
    start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
    end = start + dt.timedelta(days=rng.randrange(400, 1200))
    lines = [
        f"title: Projet de démonstration n° {number}",
        f"axis: {AXES[number % len(AXES)]}",
        "summary: Un projet généré pour la mesure des performances.",
        "description: |\n  Un **projet** de démonstration.\n\n  - avec une liste\n  - en Markdown",
        f"lead: {{name: Agent {number}, team: Direction {number % 12}}}",
        f"status: {status}",
    ]
    if status == "on_hold":
        lines.append("status_reason: En attente d'arbitrage budgétaire.")
    lines += [
        f"start: {start}",
        f"end: {end}",
        f"health: {{value: {rng.choice(['good', 'watch', 'critical'])}, "
        f"date: {AS_OF - dt.timedelta(days=rng.randrange(0, 60))}, comment: Point mensuel.}}",
        "tags: [démonstration, mesure]",
        "schedule_explanation: Calendrier revu en comité de suivi.",
    ]
    if status == "done":
        actual_end = min(end, AS_OF)
        lines.append(f"actual_end: {actual_end}")
    per_line = rng.randrange(20, 200) * 1000
    lines.append(f"budget:\n  baseline: {per_line * budget_lines}\n  lines:")
    for index in range(budget_lines):
        year = 2020 + index % 6
        funder = FUNDERS[index % len(FUNDERS)]
        spent = per_line // 2 if year < AS_OF.year else 0
        lines.append(
            f"    - {{year: {year}, funder: {funder}, planned: {per_line}, "
            f"committed: {spent}, spent: {spent}}}"
        )
    lines.append("milestones:")
    span = (end - start).days
    for index in range(milestones):
        due = start + dt.timedelta(days=span * (index + 1) // (milestones + 1))
        milestone = f"  - title: Jalon {index + 1}\n    due: {due}"
        late_done = due + dt.timedelta(days=LATE_DONE_DAYS)
        if status == "done" or (due <= AS_OF and index % 3 == 0):
            milestone += f"\n    done: {min(due, AS_OF)}"
        elif index % 3 == 1 and late_done <= AS_OF:
            # Reached, but late: explained, as the validator asks of a real roadmap.
            milestone += f"\n    done: {late_done}\n    explanation: {LATE_DONE_EXPLANATION}"
        elif due < AS_OF:
            # Past due and not reached: explained too.
            milestone += f"\n    explanation: {LATE_EXPLANATION}"
        lines.append(milestone)
    if indicators:
        lines.append("indicators:")
    for index in range(indicators):
        lines.append(
            f"  - id: indicateur-{index}\n    title: Indicateur {index}\n    unit: démarches\n"
            "    baseline: {date: 2020-01-01, value: 10}\n"
            "    target: {date: 2025-12-31, value: 100}\n"
            f"    measurements:\n      - {{date: 2021-06-30, value: {rng.randrange(10, 60)}}}\n"
            f"      - {{date: {AS_OF}, value: {rng.randrange(30, 90)}}}"
        )
    lines.append(
        f"updates:\n  - date: {AS_OF - dt.timedelta(days=10)}\n    text: Comité de suivi tenu."
    )
    return "\n".join(lines) + "\n"
