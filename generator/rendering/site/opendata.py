"""The open-data downloads: four CSV files and one JSON file, with their field dictionaries.

CSV files follow data.gouv.fr's recommendations: UTF-8, comma separator, one header row,
ISO dates, dot decimal separator, no thousands separator; an empty cell means "not given".
Column names are the roadmap format's own field names, so they mean the same thing in the
YAML files, the CSV files and the JSON file; the dictionary explains them in the site's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from generator.figures.derive import Figures, IndicatorFigure, MilestoneFigure, ProjectFigures
from generator.model import Project, Roadmap
from generator.rendering.labels import health_words, milestone_state_words, status_words
from generator.rendering.site import urls

Row = TypeVar("Row")
Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column(Generic[Row]):
    name: str
    kind: str  # "text", "date", "number", "integer", "id"
    meaning: dict[str, str]  # language -> description
    value: Callable[[Row], Cell]


@dataclass(frozen=True)
class BudgetRow:
    project: Project
    year: int
    funder: str | None
    planned: float
    committed: float | None
    spent: float | None


@dataclass(frozen=True)
class DataFile(Generic[Row]):
    name: str
    description: dict[str, str]
    columns: Sequence[Column[Row]]
    rows: Sequence[Row]


KIND_WORDS = {
    "fr": {"text": "texte", "date": "date (AAAA-MM-JJ)", "number": "nombre",
           "integer": "entier", "id": "identifiant"},
    "en": {"text": "text", "date": "date (YYYY-MM-DD)", "number": "number",
           "integer": "integer", "id": "identifier"},
}  # fmt: skip


def _c(name: str, kind: str, fr: str, en: str, value: Callable[[Any], Cell]) -> Column[Any]:
    return Column(name, kind, {"fr": fr, "en": en}, value)


def _project_columns(roadmap: Roadmap, language: str) -> list[Column[ProjectFigures]]:
    status, health = status_words(language), health_words(language)
    return [
        _c("id", "id", "Identifiant du projet (nom de son fichier).", "Project id (its file name).",
           lambda p: p.project.id),
        _c("title", "text", "Nom du projet.", "Project name.", lambda p: p.project.title),
        _c("axis", "id", "Identifiant de l'axe stratégique.", "Strategic axis id.",
           lambda p: p.project.axis),
        _c("axis_title", "text", "Intitulé de l'axe.", "Axis title.",
           lambda p: roadmap.axis(p.project.axis).title),
        _c("summary", "text", "Le projet en une phrase.", "The project in one sentence.",
           lambda p: p.project.summary),
        _c("lead_team", "text", "Direction ou service porteur.", "Leading department.",
           lambda p: p.project.lead.team),
        _c("lead_name", "text", "Chef ou cheffe de projet.", "Project lead.",
           lambda p: p.project.lead.name),
        _c("sponsor", "text", "Élu ou élue référent.", "Elected sponsor.",
           lambda p: p.project.sponsor),
        _c("status", "id", "Statut : planned, in_progress, done, on_hold, cancelled.",
           "Status: planned, in_progress, done, on_hold, cancelled.", lambda p: p.project.status),
        _c("status_label", "text", "Statut, en toutes lettres.", "Status, in words.",
           lambda p: status[p.project.status]),
        _c("status_reason", "text", "Motif d'une suspension ou d'un abandon.",
           "Reason for being on hold or cancelled.", lambda p: p.project.status_reason),
        _c("health", "id", "Météo affichée : good, watch, critical, stale (à mettre à jour) ou "
           "unknown (non renseignée).", "Health shown: good, watch, critical, stale (to be "
           "updated) or unknown (not given).", lambda p: p.health),
        _c("health_label", "text", "Météo affichée, en toutes lettres.", "Health shown, in words.",
           lambda p: health[p.health]),
        _c("health_date", "date", "Date de la dernière météo.", "Date of the last health rating.",
           lambda p: p.project.health.date if p.project.health else None),
        _c("health_comment", "text", "Commentaire du porteur sur la météo.",
           "Lead's comment on the health rating.",
           lambda p: p.project.health.comment if p.project.health else None),
        _c("start", "date", "Date de début.", "Start date.", lambda p: p.project.start),
        _c("baseline_end", "date", "Fin prévue au lancement (référence initiale).",
           "Planned end at launch (first baseline).", lambda p: p.project.end),
        _c("planned_end", "date", "Fin prévue du plan en vigueur (dernier changement de "
           "référence).", "Planned end of the current plan (latest rebaseline).",
           lambda p: p.project.planned_end),
        _c("forecast_end", "date", "Fin prévue actualisée.", "Forecast end.",
           lambda p: p.project.forecast_end),
        _c("actual_end", "date", "Fin effective.", "Actual end.", lambda p: p.project.actual_end),
        _c("expected_end", "date", "Fin attendue : effective, sinon prévision, sinon plan ; "
           "jamais avant la date de situation pour un projet en cours.",
           "Expected end: actual, else forecast, else plan; never before the reporting date for "
           "an unfinished project.", lambda p: p.expected_end),
        _c("end_slip_days", "integer", "Écart en jours entre la fin attendue et le plan en "
           "vigueur (positif : retard).", "Days between the expected end and the current plan "
           "(positive: late).", lambda p: p.end_slip_days),
        _c("end_slip_days_vs_baseline", "integer", "Écart en jours entre la fin attendue et la "
           "référence initiale.", "Days between the expected end and the first baseline.",
           lambda p: p.end_slip_days_vs_baseline),
        _c("progress_pct", "number", "Avancement en % (déclaré, sinon calculé à partir des "
           "jalons).", "Progress in % (declared, else computed from milestones).",
           lambda p: p.progress.percent),
        _c("progress_rule", "id", "Règle de l'avancement : explicit (déclaré), milestones "
           "(jalons), none (non renseigné).", "Progress rule: explicit, milestones, none.",
           lambda p: p.progress.rule),
        _c("milestones_reached", "integer", "Nombre de jalons atteints.", "Milestones reached.",
           lambda p: p.progress.reached),
        _c("milestones_total", "integer", "Nombre de jalons.", "Number of milestones.",
           lambda p: p.progress.total),
        _c("budget_baseline", "number", "Budget de référence approuvé au lancement.",
           "Baseline budget approved at launch.",
           lambda p: p.project.budget.baseline if p.project.budget else None),
        _c("budget_approved", "number", "Budget approuvé en vigueur (dernier changement de "
           "référence).", "Current approved budget (latest rebaseline).",
           lambda p: p.project.approved_budget),
        _c("planned", "number", "Somme des crédits prévus.", "Total planned.",
           lambda p: p.budget.planned),
        _c("committed", "number", "Somme des montants engagés.", "Total committed.",
           lambda p: p.budget.committed),
        _c("spent", "number", "Somme des montants mandatés.", "Total spent.",
           lambda p: p.budget.spent),
        _c("consumption_pct", "number", "Mandaté ÷ prévu, en %.", "Spent ÷ planned, in %.",
           lambda p: p.budget.consumption_pct),
        _c("page", "text", "Adresse de la page du projet, relative à la racine du site.",
           "Address of the project page, relative to the site root.",
           lambda p: urls.page_url(urls.project_page(p.project.id))),
    ]  # fmt: skip


def _milestone_columns(language: str) -> list[Column[MilestoneFigure]]:
    state = milestone_state_words(language)
    return [
        _c("project_id", "id", "Identifiant du projet.", "Project id.", lambda m: m.project.id),
        _c("project_title", "text", "Nom du projet.", "Project name.", lambda m: m.project.title),
        _c("title", "text", "Intitulé du jalon.", "Milestone title.", lambda m: m.milestone.title),
        _c("due", "date", "Date prévue.", "Due date.", lambda m: m.milestone.due),
        _c("forecast", "date", "Date prévue actualisée.", "Forecast date.",
           lambda m: m.milestone.forecast),
        _c("done", "date", "Date à laquelle le jalon a été atteint.", "Date reached.",
           lambda m: m.milestone.done),
        _c("state", "id", "État : reached (atteint), on_time (dans les temps), late (en retard), "
           "slipping (glisse).", "State: reached, on_time, late, slipping.", lambda m: m.state),
        _c("state_label", "text", "État, en toutes lettres.", "State, in words.",
           lambda m: state[m.state]),
        _c("slip_days", "integer", "Écart en jours entre la date prévue et la date atteinte ou "
           "attendue.", "Days between the due date and the date reached or expected.",
           lambda m: m.slip_days),
        _c("weight", "number", "Poids dans l'avancement calculé.", "Weight in computed progress.",
           lambda m: m.milestone.weight),
        _c("explanation", "text", "Explication de l'écart.", "Explanation of the slip.",
           lambda m: m.milestone.explanation),
    ]  # fmt: skip


def _budget_columns(roadmap: Roadmap) -> list[Column[BudgetRow]]:
    return [
        _c("project_id", "id", "Identifiant du projet.", "Project id.", lambda b: b.project.id),
        _c("project_title", "text", "Nom du projet.", "Project name.", lambda b: b.project.title),
        _c("axis", "id", "Identifiant de l'axe.", "Axis id.", lambda b: b.project.axis),
        _c("year", "integer", "Année budgétaire.", "Budget year.", lambda b: b.year),
        _c("funder", "id", "Identifiant du financeur.", "Funder id.", lambda b: b.funder),
        _c("funder_title", "text", "Nom du financeur.", "Funder name.",
           lambda b: roadmap.funder_title(b.funder)),
        _c("planned", "number", "Crédits prévus.", "Planned.", lambda b: b.planned),
        _c("committed", "number", "Montant engagé.", "Committed.", lambda b: b.committed),
        _c("spent", "number", "Montant mandaté (payé).", "Spent (paid).", lambda b: b.spent),
    ]  # fmt: skip


def _indicator_columns() -> list[Column[IndicatorFigure]]:
    return [
        _c("project_id", "id", "Identifiant du projet.", "Project id.", lambda i: i.project.id),
        _c("project_title", "text", "Nom du projet.", "Project name.", lambda i: i.project.title),
        _c("id", "id", "Identifiant de l'indicateur dans le projet.", "Indicator id.",
           lambda i: i.indicator.id),
        _c("title", "text", "Intitulé de l'indicateur.", "Indicator title.",
           lambda i: i.indicator.title),
        _c("unit", "text", "Unité.", "Unit.", lambda i: i.indicator.unit),
        _c("direction", "id", "increase si plus est mieux, decrease si moins est mieux.",
           "increase if more is better, decrease if less is better.",
           lambda i: i.indicator.direction),
        _c("baseline_date", "date", "Date de la valeur de départ.", "Baseline date.",
           lambda i: i.indicator.baseline.date),
        _c("baseline_value", "number", "Valeur de départ.", "Baseline value.",
           lambda i: i.indicator.baseline.value),
        _c("latest_date", "date", "Date de la dernière mesure.", "Latest measurement date.",
           lambda i: i.latest.date if i.latest else None),
        _c("latest_value", "number", "Dernière mesure.", "Latest value.",
           lambda i: i.latest.value if i.latest else None),
        _c("target_date", "date", "Date de la cible.", "Target date.",
           lambda i: i.indicator.target.date),
        _c("target_value", "number", "Valeur cible.", "Target value.",
           lambda i: i.indicator.target.value),
        _c("progress_pct", "number", "(dernière mesure − départ) ÷ (cible − départ), en %.",
           "(latest − baseline) ÷ (target − baseline), in %.", lambda i: i.progress_pct),
    ]  # fmt: skip


def _budget_rows(projects: Iterable[Project]) -> list[BudgetRow]:
    return [BudgetRow(p, line.year, line.funder, line.planned, line.committed, line.spent)
            for p in projects for line in (p.budget.lines if p.budget else ())]  # fmt: skip


def data_files(figures: Figures, language: str) -> list[DataFile[Any]]:
    """The four CSV files, in the order the data page lists them."""
    roadmap = figures.roadmap
    return [
        DataFile("projets.csv", {"fr": "Un projet par ligne, avec ses chiffres calculés.",
                                 "en": "One project per row, with its derived figures."},
                 _project_columns(roadmap, language), figures.overall.projects),
        DataFile("jalons.csv", {"fr": "Un jalon par ligne.", "en": "One milestone per row."},
                 _milestone_columns(language), figures.overall.milestones),
        DataFile("budget.csv", {"fr": "Une ligne budgétaire par ligne (projet, année, financeur).",
                                "en": "One budget line per row (project, year, funder)."},
                 _budget_columns(roadmap), _budget_rows(roadmap.projects)),
        DataFile("indicateurs.csv", {"fr": "Un indicateur par ligne, avec sa progression.",
                                     "en": "One indicator per row, with its progress."},
                 _indicator_columns(), figures.indicators),
    ]  # fmt: skip


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # Whole amounts print without ".0"; others keep at most two decimals.
        return str(int(value)) if value.is_integer() else f"{round(value, 2):g}"
    return str(value)


def render_csv(data: DataFile[Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in data.columns])
    for row in data.rows:
        writer.writerow([_cell(column.value(row)) for column in data.columns])
    return buffer.getvalue().encode("utf-8")


def render_json(figures: Figures) -> bytes:
    """The roadmap as written (fields left empty are absent), each project followed by its
    derived figures."""
    roadmap = figures.roadmap
    # As in the YAML files, a field left empty is absent rather than null.
    settings = roadmap.model_dump(mode="json", exclude={"projects"}, exclude_none=True)
    projects = []
    for p in figures.overall.projects:
        entry = p.project.model_dump(mode="json", exclude={"source"}, exclude_none=True)
        entry["figures"] = {
            "health": p.health,
            "progress_pct": p.progress.percent,
            "progress_rule": p.progress.rule,
            "milestones_reached": p.progress.reached,
            "milestones_total": p.progress.total,
            "planned": p.budget.planned,
            "committed": p.budget.committed,
            "spent": p.budget.spent,
            "consumption_pct": p.budget.consumption_pct,
            "budget_approved": p.project.approved_budget,
            "planned_end": _iso(p.project.planned_end),
            "expected_end": _iso(p.expected_end),
            "end_slip_days": p.end_slip_days,
            "end_slip_days_vs_baseline": p.end_slip_days_vs_baseline,
            "milestone_states": [m.state for m in p.milestones],
            "indicator_progress_pct": [i.progress_pct for i in p.indicators],
        }
        projects.append(entry)
    totals = figures.overall.budget
    document = {
        **settings,
        "figures": {
            "planned": totals.planned,
            "committed": totals.committed,
            "spent": totals.spent,
            "consumption_pct": totals.consumption_pct,
            "baseline_total": figures.overall.baseline_total,
            "average_progress_pct": figures.overall.average_progress,
        },
        "projects": projects,
    }
    return _json_lines(document, "projects").encode("utf-8")


def _json_lines(document: dict[str, Any], list_key: str) -> str:
    """Compact JSON with each item of `document[list_key]` (its last key) on a line of its
    own: a third of the size of indented JSON, and a diff of two versions still shows one
    changed line per changed project."""
    head = _compact_json({k: v for k, v in document.items() if k != list_key})
    items = ",\n".join(_compact_json(item) for item in document[list_key])
    return f"{head[:-1]},{_compact_json(list_key)}:[\n{items}\n]}}\n"


def _compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


JSON_NAME = "feuille-de-route.json"


def downloads(figures: Figures, language: str) -> dict[str, bytes]:
    """Every download, by its path in the site."""
    files = {f"{urls.DATA_DIR}/{data.name}": render_csv(data)
             for data in data_files(figures, language)}  # fmt: skip
    files[f"{urls.DATA_DIR}/{JSON_NAME}"] = render_json(figures)
    return files
