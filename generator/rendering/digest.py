"""What a change does to the roadmap, in plain words: two roadmaps in, a Markdown digest out.

`compare(old, new)` lists the changes as data (projects added or removed, status and health,
milestones reached, added or slipped, budgets, rebaselines, news); `render_changes` writes
them as sentences an elected official can read before a change is merged; `render_digest`
also says when a version cannot be read. Nothing here runs git or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from generator.diagnostics import Diagnostic
from generator.figures.derive import BudgetTotals, project_budget, sum_totals
from generator.model import Axis, Health, Milestone, Project, Rebaseline, Roadmap, Update
from generator.reading.revisions import RoadmapVersion
from generator.rendering.formatting import format_amount, format_date, format_number, format_percent
from generator.rendering.labels import health_words, status_words

MilestoneChangeKind = Literal["reached", "slipped", "advanced", "added", "removed"]
NoteKind = Literal[
    "project_removed",
    "baseline_budget_edited",
    "baseline_end_edited",
    "milestone_due_edited",
    "rebaselines_rewritten",
    "thresholds_raised",
]
# How many validation errors a digest quotes before summing up the rest.
MAX_QUOTED_ERRORS = 20
# Project fields whose changes have their own sentences; any other changed field is named.
_DESCRIBED_FIELDS = {"id", "source", "title", "status", "health", "visibility", "end",
                     "forecast_end", "actual_end", "milestones", "budget", "rebaselines",
                     "updates"}  # fmt: skip
_SETTINGS_FIELDS = ("title", "organisation", "description", "language", "currency", "period",
                    "funders")  # fmt: skip


# --- the changes, as data ------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneChange:
    kind: MilestoneChangeKind
    title: str
    due: dt.date
    before: dt.date | None  # the date announced before the change (forecast, else due)
    after: dt.date | None  # the date announced after it, or the date reached
    explanation: str | None = None
    done: dt.date | None = None  # for a milestone that arrives already reached

    @property
    def days(self) -> int:
        """Days of slip (positive) or advance (negative); for a reached milestone, against due."""
        if self.kind == "reached" and self.after is not None:
            return (self.after - self.due).days
        if self.before is None or self.after is None:
            return 0
        return (self.after - self.before).days


@dataclass(frozen=True)
class RebaselineChange:
    """A new rebaseline, with the approved budget and end it replaces."""

    rebaseline: Rebaseline
    budget_before: float | None
    end_before: dt.date | None


@dataclass(frozen=True)
class ReviewNote:
    """Something a reviewer should look at twice: history rewritten, a project deleted…"""

    kind: NoteKind
    project: str = ""  # the project's title
    subject: str = ""  # e.g. the milestone's title
    before: float | dt.date | None = None
    after: float | dt.date | None = None


@dataclass(frozen=True)
class ProjectChange:
    id: str
    title: str
    kind: Literal["added", "removed", "changed"]
    old: Project | None
    new: Project | None
    renamed_from: str | None = None
    status: tuple[str, str] | None = None
    visibility: tuple[str, str] | None = None
    health: tuple[Health | None, Health | None] | None = None
    end: tuple[dt.date, dt.date] | None = None  # the announced end, before and after
    milestones: tuple[MilestoneChange, ...] = ()
    budget: tuple[BudgetTotals, BudgetTotals] | None = None
    rebaselines: tuple[RebaselineChange, ...] = ()
    updates: tuple[Update, ...] = ()
    other_fields: tuple[str, ...] = ()

    @property
    def health_value_changed(self) -> bool:
        if self.health is None or self.health[1] is None:
            return False
        before = self.health[0]
        return before is None or before.value != self.health[1].value


@dataclass(frozen=True)
class Changes:
    """Everything that differs between two versions of a roadmap."""

    language: str
    currency: str
    as_of: tuple[dt.date | None, dt.date]
    envelope: tuple[float | None, float | None] | None = None
    thresholds: tuple[tuple[str, float, float], ...] = ()  # (name, before, after)
    axes_added: tuple[Axis, ...] = ()
    axes_removed: tuple[Axis, ...] = ()
    settings_fields: tuple[str, ...] = ()
    projects: tuple[ProjectChange, ...] = ()
    budget_total: tuple[BudgetTotals, BudgetTotals] | None = None
    notes: tuple[ReviewNote, ...] = ()

    @property
    def is_empty(self) -> bool:
        moved = self.as_of[0] is not None and self.as_of[0] != self.as_of[1]
        return not (moved or self.envelope or self.thresholds or self.axes_added
                    or self.axes_removed or self.settings_fields or self.projects
                    or self.notes)  # fmt: skip

    def projects_of_kind(self, kind: str) -> list[ProjectChange]:
        return [p for p in self.projects if p.kind == kind]

    def milestones_of_kind(self, kind: MilestoneChangeKind) -> list[MilestoneChange]:
        return [m for p in self.projects for m in p.milestones if m.kind == kind]


# --- comparing ---------------------------------------------------------------------------


def compare(old: Roadmap | None, new: Roadmap) -> Changes:
    """The changes from `old` to `new`; with no `old` (no roadmap yet), everything is new."""
    old_projects = {p.id: p for p in old.projects} if old else {}
    new_projects = {p.id: p for p in new.projects}
    order = _project_order(new, old)
    projects: list[ProjectChange] = []
    notes: list[ReviewNote] = []
    for project_id in sorted(old_projects.keys() | new_projects.keys(), key=order):
        before, after = old_projects.get(project_id), new_projects.get(project_id)
        if after is None:
            assert before is not None
            projects.append(ProjectChange(project_id, before.title, "removed", before, None))
            notes.append(ReviewNote("project_removed", project=before.title))
        elif before is None:
            projects.append(ProjectChange(project_id, after.title, "added", None, after,
                                          updates=_newest_first(after.updates)))  # fmt: skip
        else:
            change, project_notes = _compare_project(before, after)
            notes.extend(project_notes)
            if change is not None:
                projects.append(change)

    total_before = sum_totals(project_budget(p) for p in old.projects) if old else BudgetTotals()
    total_after = sum_totals(project_budget(p) for p in new.projects)
    changes = Changes(
        language=new.language,
        currency=new.currency,
        as_of=(old.as_of if old else None, new.as_of),
        projects=tuple(projects),
        budget_total=(total_before, total_after) if total_before != total_after else None,
        notes=tuple(notes),
    )
    return changes if old is None else _compare_settings(old, new, changes)


def _compare_settings(old: Roadmap, new: Roadmap, changes: Changes) -> Changes:
    thresholds = tuple(
        (name, float(getattr(old.thresholds, name)), float(getattr(new.thresholds, name)))
        for name in type(new.thresholds).model_fields
        if getattr(old.thresholds, name) != getattr(new.thresholds, name)
    )
    notes = list(changes.notes)
    if any(after > before for _, before, after in thresholds):
        notes.append(ReviewNote("thresholds_raised"))
    old_axes, new_axes = {a.id: a for a in old.axes}, {a.id: a for a in new.axes}
    settings = [name for name in _SETTINGS_FIELDS if getattr(old, name) != getattr(new, name)]
    if any(old_axes[i] != new_axes[i] for i in old_axes.keys() & new_axes.keys()):
        settings.append("axes")
    return replace(
        changes,
        envelope=(old.envelope, new.envelope) if old.envelope != new.envelope else None,
        thresholds=thresholds,
        axes_added=tuple(a for a in new.axes if a.id not in old_axes),
        axes_removed=tuple(a for a in old.axes if a.id not in new_axes),
        settings_fields=tuple(settings),
        notes=tuple(notes),
    )


def _project_order(new: Roadmap, old: Roadmap | None) -> Any:
    """Projects in the order of their axes, as the site lists them, then by id."""
    axes = [a.id for a in new.axes]
    axis_of = {p.id: p.axis for p in (*(old.projects if old else ()), *new.projects)}

    def key(project_id: str) -> tuple[int, str]:
        axis = axis_of.get(project_id, "")
        return (axes.index(axis) if axis in axes else len(axes), project_id)

    return key


def announced_end(project: Project) -> dt.date | None:
    """The end the project announces: its forecast, else its current planned end."""
    return project.forecast_end or project.planned_end


def _compare_project(old: Project, new: Project) -> tuple[ProjectChange | None, list[ReviewNote]]:
    notes = _history_notes(old, new)
    milestones, milestone_notes = _compare_milestones(old.milestones, new.milestones, new.title)
    notes.extend(milestone_notes)
    end_before, end_after = announced_end(old), announced_end(new)
    budget = (project_budget(old), project_budget(new))
    change = ProjectChange(
        id=new.id,
        title=new.title,
        kind="changed",
        old=old,
        new=new,
        renamed_from=old.title if old.title != new.title else None,
        status=(old.status, new.status) if old.status != new.status else None,
        visibility=(old.visibility, new.visibility) if old.visibility != new.visibility else None,
        health=(old.health, new.health) if old.health != new.health else None,
        # A finished project's end is told by its new status, not as a slip.
        end=(end_before, end_after)
        if end_before and end_after and end_before != end_after and new.actual_end is None
        else None,
        milestones=milestones,
        budget=budget if budget[0] != budget[1] else None,
        rebaselines=_new_rebaselines(old, new),
        updates=_newest_first(u for u in new.updates if u not in set(old.updates)),
    )
    others = [name for name in type(new).model_fields
              if name not in _DESCRIBED_FIELDS
              and getattr(old, name) != getattr(new, name)]  # fmt: skip
    # Changes that no sentence tells (an explanation reworded, a weight) are still named.
    if old.milestones != new.milestones and not milestones and not milestone_notes:
        others.append("milestones")
    baseline_noted = any(n.kind == "baseline_budget_edited" for n in notes)
    if old.budget != new.budget and change.budget is None and not baseline_noted:
        others.append("budget")
    if old.actual_end != new.actual_end and change.status is None:
        others.append("actual_end")
    if change.status and new.status in ("on_hold", "cancelled") and "status_reason" in others:
        others.remove("status_reason")  # the status sentence quotes it
    change = replace(change, other_fields=tuple(others))
    told = (change.renamed_from or change.status or change.visibility or change.health
            or change.end or change.milestones or change.budget or change.rebaselines
            or change.updates or change.other_fields)  # fmt: skip
    return (change if told else None), notes


def _history_notes(old: Project, new: Project) -> list[ReviewNote]:
    """The first baseline is frozen and rebaselines are only appended: say when they are not."""
    notes = []
    old_baseline = old.budget.baseline if old.budget else None
    new_baseline = new.budget.baseline if new.budget else None
    if old_baseline is not None and old_baseline != new_baseline:
        notes.append(ReviewNote("baseline_budget_edited", new.title, "", old_baseline,
                                new_baseline))  # fmt: skip
    if old.end is not None and old.end != new.end:
        notes.append(ReviewNote("baseline_end_edited", new.title, "", old.end, new.end))
    if tuple(new.rebaselines[: len(old.rebaselines)]) != tuple(old.rebaselines):
        notes.append(ReviewNote("rebaselines_rewritten", new.title))
    return notes


def _compare_milestones(
    old: Sequence[Milestone], new: Sequence[Milestone], project_title: str
) -> tuple[tuple[MilestoneChange, ...], list[ReviewNote]]:
    """Milestones are matched by title (in order, when two share a title)."""
    remaining: dict[str, list[Milestone]] = {}
    for milestone in old:
        remaining.setdefault(milestone.title, []).append(milestone)
    changes: list[MilestoneChange] = []
    notes: list[ReviewNote] = []
    for milestone in new:
        announced_after = milestone.forecast or milestone.due
        candidates = remaining.get(milestone.title)
        if not candidates:
            changes.append(MilestoneChange("added", milestone.title, milestone.due, None,
                                           announced_after, milestone.explanation,
                                           milestone.done))  # fmt: skip
            continue
        previous = candidates.pop(0)
        if previous.due != milestone.due:
            notes.append(ReviewNote("milestone_due_edited", project_title, milestone.title,
                                    previous.due, milestone.due))  # fmt: skip
        announced_before = previous.forecast or previous.due
        if previous.done is None and milestone.done is not None:
            changes.append(MilestoneChange("reached", milestone.title, milestone.due,
                                           announced_before, milestone.done))  # fmt: skip
        elif previous.done is None and milestone.done is None \
                and announced_after != announced_before:  # fmt: skip
            kind: MilestoneChangeKind = (
                "slipped" if announced_after > announced_before else "advanced"
            )
            changes.append(MilestoneChange(kind, milestone.title, milestone.due,
                                           announced_before, announced_after,
                                           milestone.explanation))  # fmt: skip
    for leftovers in remaining.values():
        for milestone in leftovers:
            changes.append(MilestoneChange("removed", milestone.title, milestone.due,
                                           milestone.done or milestone.forecast or milestone.due,
                                           None))  # fmt: skip
    return tuple(changes), notes


def _new_rebaselines(old: Project, new: Project) -> tuple[RebaselineChange, ...]:
    """Rebaselines in `new` that `old` did not have, each with the figures it replaces."""
    known = set(old.rebaselines)
    budget = new.budget.baseline if new.budget else None
    end = new.end
    result = []
    for rebaseline in new.rebaselines:
        if rebaseline not in known:
            result.append(RebaselineChange(rebaseline, budget, end))
        budget = rebaseline.budget if rebaseline.budget is not None else budget
        end = rebaseline.end if rebaseline.end is not None else end
    return tuple(result)


def _newest_first(updates: Iterable[Update]) -> tuple[Update, ...]:
    return tuple(sorted(updates, key=lambda u: u.date, reverse=True))


# --- the words -------------------------------------------------------------------------------

# Every sentence of the digest, in French and in English; {placeholders} are filled already
# formatted (dates in words, amounts with their currency, names in quotation marks).
_TEXT: dict[str, tuple[str, str]] = {
    "title": ("## Évolution de la feuille de route", "## How the roadmap changes"),
    "versions": ("Version de base : **{base}** ; version proposée : **{head}**",
                 "Base version: **{base}**; proposed version: **{head}**"),
    "as_of": (", données au {date}.", ", figures as of {date}."),
    "nothing": ("Aucune donnée de la feuille de route ne change.", "No roadmap data changes."),
    "in_short": ("**En bref :** {parts}.", "**In short:** {parts}."),
    "minor": ("modifications de détail", "minor changes"),
    "planned_total": ("crédits prévus : {change}", "planned credits: {change}"),
    # sections
    "h_projects": ("Projets ajoutés ou retirés", "Projects added or removed"),
    "h_status": ("Statut et météo", "Status and health"),
    "h_milestones": ("Jalons et calendrier", "Milestones and schedule"),
    "h_budget": ("Budget", "Budget"),
    "h_rebaselines": ("Révisions de la référence", "Rebaselines"),
    "h_updates": ("Actualités", "News"),
    "h_settings": ("Paramètres de la feuille de route", "Roadmap settings"),
    "h_other": ("Autres modifications", "Other changes"),
    "h_notes": ("Points d'attention pour la relecture", "Points for reviewers"),
    # projects
    "added": ("Nouveau projet {name}, porté par {team} (statut {status})",
              "New project {name}, led by {team} (status {status})"),
    "approved_budget": ("Budget approuvé : {amount}.", "Approved budget: {amount}."),
    "planned_end": ("Fin prévue le {date}.", "Planned end: {date}."),
    "removed": ("Le projet {name} est retiré de la feuille de route : sa page disparaîtra du site.",
                "The project {name} is removed from the roadmap: its page will disappear from "
                "the site."),
    "renamed": ("Le projet {old} s'appelle désormais {name}.",
                "The project {old} is now called {name}."),
    "status": ("Le projet {name} passe de {before} à {after}",
               "The project {name} goes from {before} to {after}"),
    "finished_on": (", terminé le {date}", ", finished on {date}"),
    "internal": ("Le projet {name} devient interne : il ne sera plus publié sur le site public.",
                 "The project {name} becomes internal: it will no longer be published."),
    "public": ("Le projet {name} sera désormais publié sur le site public.",
               "The project {name} will now be published on the public site."),
    "health_gone": ("La météo du projet {name} n'est plus renseignée.",
                    "The health rating of the project {name} is no longer given."),
    "health_new": ("La météo du projet {name} est désormais renseignée : {value} au {date}",
                   "The project {name} now has a health rating: {value} on {date}"),
    "health_same": ("La météo du projet {name} reste {value} (appréciation du {date})",
                    "The health of the project {name} stays {value} (rated on {date})"),
    "health_moves": ("La météo du projet {name} passe de {before} à {value} au {date}",
                     "The health of the project {name} goes from {before} to {value} on {date}"),
    # milestones and schedule
    "reached": ("Le jalon {name} du projet {project} est atteint le {date}",
                "The milestone {name} of the project {project} was reached on {date}"),
    "reached_on_time": (", à la date prévue.", ", on the planned date."),
    "reached_late": (", avec {days} de retard sur la date prévue ({due}).",
                     ", {days} later than planned ({due})."),
    "reached_early": (", avec {days} d'avance sur la date prévue ({due}).",
                      ", {days} earlier than planned ({due})."),
    "slipped": ("Le jalon {name} du projet {project} glisse de {days} (prévu le {before}, "
                "désormais attendu le {after}).",
                "The milestone {name} of the project {project} slips by {days} (planned for "
                "{before}, now expected on {after})."),
    "advanced": ("Le jalon {name} du projet {project} avance de {days} (prévu le {before}, "
                 "désormais attendu le {after}).",
                 "The milestone {name} of the project {project} moves forward by {days} (planned "
                 "for {before}, now expected on {after})."),
    "milestone_added": ("Nouveau jalon {name} pour le projet {project}, prévu le {date}.",
                        "New milestone {name} for the project {project}, planned for {date}."),
    "milestone_added_done": ("Nouveau jalon {name} pour le projet {project}, déjà atteint le "
                             "{date}.",
                             "New milestone {name} for the project {project}, already reached "
                             "on {date}."),
    "milestone_removed": ("Le jalon {name} est retiré du projet {project} (il était prévu le "
                          "{date}).",
                          "The milestone {name} is removed from the project {project} (it was "
                          "planned for {date})."),
    "end_slipped": ("La fin du projet {project} glisse de {days} (prévue le {before}, désormais "
                    "attendue le {after}).",
                    "The end of the project {project} slips by {days} (planned for {before}, "
                    "now expected on {after})."),
    "end_advanced": ("La fin du projet {project} avance de {days} (prévue le {before}, "
                     "désormais attendue le {after}).",
                     "The end of the project {project} moves forward by {days} (planned for "
                     "{before}, now expected on {after})."),
    "explanation": (" Explication : {text}", " Explanation: {text}"),
    # budget
    "planned": ("crédits prévus {verb} de {before} à {after} ({change})",
                "planned credits {verb} from {before} to {after} ({change})"),
    "committed": ("montant engagé {verb} de {before} à {after} ({change})",
                  "amount committed {verb} from {before} to {after} ({change})"),
    "spent": ("montant mandaté {verb} de {before} à {after} ({change})",
              "amount spent {verb} from {before} to {after} ({change})"),
    "project_budget": ("Projet {name} : {parts}.", "Project {name}: {parts}."),
    "total_budget": ("**Ensemble de la feuille de route** : {parts}.",
                     "**Whole roadmap**: {parts}."),
    "and": (" ; ", "; "),
    "pct": (", soit ", ", "),
    # rebaselines and news
    "rebaseline": ("Projet {name}, le {date} — {decision} : {reason}",
                   "Project {name}, {date} — {decision}: {reason}"),
    "new_budget": (" Nouveau budget approuvé : {amount}", " New approved budget: {amount}"),
    "new_end": (" Nouvelle fin prévue : {date}", " New planned end: {date}"),
    "previously_amount": (" (auparavant {amount}, {change})", " (previously {amount}, {change})"),
    "previously_date": (" (auparavant le {date})", " (previously {date})"),
    "update": ("Projet {name}, {date} : {text}", "Project {name}, {date}: {text}"),
    # settings
    "as_of_moved": ("La date de situation passe du {before} au {after} : retards et météos sont "
                    "désormais jugés à cette date.",
                    "The reporting date moves from {before} to {after}: lateness and health are "
                    "now judged at that date."),
    "envelope": ("L'enveloppe votée passe de {before} à {after} ({change}).",
                 "The voted envelope goes from {before} to {after} ({change})."),
    "envelope_new": ("L'enveloppe votée est désormais indiquée : {amount}.",
                     "The voted envelope is now given: {amount}."),
    "envelope_gone": ("L'enveloppe votée n'est plus indiquée.",
                      "The voted envelope is no longer given."),
    "threshold": ("Seuil : {label} passe de {before} à {after}.",
                  "Threshold: {label} goes from {before} to {after}."),
    "budget_overrun_pct": ("le dépassement budgétaire toléré sans explication",
                           "the budget overrun allowed without explanation"),
    "schedule_slip_days": ("le glissement toléré sans explication",
                           "the slip allowed without explanation"),
    "stale_after_days": ("l'âge au-delà duquel une météo est « à mettre à jour »",
                         "the age after which a health rating is 'to be updated'"),
    "axis_added": ("Nouvel axe {name}.", "New axis {name}."),
    "axis_removed": ("L'axe {name} est retiré.", "The axis {name} is removed."),
    "settings_other": ("Également modifié dans roadmap.yaml : {fields}.",
                       "Also changed in roadmap.yaml: {fields}."),
    "project_other": ("Projet {name} : {fields}.", "Project {name}: {fields}."),
    # points for reviewers
    "project_removed": ("Le projet {project} est supprimé : pour garder la trace d'un projet "
                        "arrêté, préférez le statut « cancelled » avec sa raison "
                        "(status_reason).",
                        "The project {project} is deleted: to keep a record of a stopped "
                        "project, prefer the status 'cancelled' with its reason "
                        "(status_reason)."),
    "baseline_budget_edited": ("Le budget initial du projet {project} est réécrit (de {before} "
                               "à {after}) : il ne doit jamais changer ; un nouveau budget "
                               "approuvé s'inscrit dans « rebaselines », avec la décision qui "
                               "l'autorise.",
                               "The initial budget of the project {project} is rewritten (from "
                               "{before} to {after}): it must never change; a newly approved "
                               "budget goes into 'rebaselines', with the decision that "
                               "approved it."),
    "baseline_end_edited": ("La fin initiale du projet {project} est réécrite (du {before} au "
                            "{after}) : elle ne doit jamais changer ; une nouvelle échéance "
                            "approuvée s'inscrit dans « rebaselines », une prévision dans "
                            "« forecast_end ».",
                            "The initial end of the project {project} is rewritten (from "
                            "{before} to {after}): it must never change; a newly approved end "
                            "goes into 'rebaselines', a forecast into 'forecast_end'."),
    "milestone_due_edited": ("La date prévue du jalon {subject} du projet {project} est réécrite "
                             "(du {before} au {after}) : pour annoncer un retard, renseignez "
                             "« forecast » et gardez « due ».",
                             "The planned date of the milestone {subject} of the project "
                             "{project} is rewritten (from {before} to {after}): to announce a "
                             "delay, fill in 'forecast' and keep 'due'."),
    "rebaselines_rewritten": ("L'historique des révisions de la référence du projet {project} "
                              "est modifié : les révisions passées ne doivent être ni corrigées "
                              "ni supprimées, seulement complétées.",
                              "The rebaseline history of the project {project} is modified: "
                              "past rebaselines must be neither edited nor deleted, only added "
                              "to."),
    "thresholds_raised": ("Des seuils d'alerte sont relevés : moins d'écarts devront être "
                          "expliqués.",
                          "Alert thresholds are raised: fewer variances will need an "
                          "explanation."),
    "nothing_value": ("rien", "nothing"),
    # versions that cannot be compared
    "head_missing": ("⚠️ **La version proposée ne contient pas de feuille de route** (fichier "
                     "roadmap.yaml introuvable).",
                     "⚠️ **The proposed version holds no roadmap** (no roadmap.yaml file)."),
    "head_invalid": ("⚠️ **La version proposée ({label}) ne passe pas la validation** ({count}) "
                     ": elle ne peut pas être publiée en l'état. Le détail des changements "
                     "s'affichera une fois ces erreurs corrigées.",
                     "⚠️ **The proposed version ({label}) does not pass validation** ({count}): "
                     "it cannot be published as is. The changes will be detailed once these "
                     "errors are fixed."),
    "base_invalid": ("⚠️ **La version de base ({label}) ne passe pas la validation** ({count}).",
                     "⚠️ **The base version ({label}) does not pass validation** ({count})."),
    "base_invalid_head_valid": ("La version proposée est valide ; le détail des changements ne "
                                "peut pas être établi tant que la version de base ne l'est pas.",
                                "The proposed version is valid; the changes cannot be detailed "
                                "while the base version is not."),
    "base_missing": ("La version de base ne contenait pas encore de feuille de route : tout est "
                     "nouveau.",
                     "The base version held no roadmap yet: everything is new."),
    "more_errors": ("… et {count} autre(s) : lancez « roadmap validate » pour tout voir.",
                    "… and {count} more: run 'roadmap validate' to see them all."),
}  # fmt: skip

# (singular, plural) in French, then in English, for the summary line.
_COUNTS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "added": (("projet ajouté", "projets ajoutés"), ("project added", "projects added")),
    "removed": (("projet retiré", "projets retirés"), ("project removed", "projects removed")),
    "status": (("changement de statut", "changements de statut"),
               ("status change", "status changes")),
    "health": (("changement de météo", "changements de météo"),
               ("health change", "health changes")),
    "reached": (("jalon atteint", "jalons atteints"), ("milestone reached", "milestones reached")),
    "slipped": (("jalon qui glisse", "jalons qui glissent"),
                ("milestone slipping", "milestones slipping")),
    "rebaselines": (("révision de la référence", "révisions de la référence"),
                    ("rebaseline", "rebaselines")),
    "updates": (("actualité", "actualités"), ("news item", "news items")),
    "notes": (("point d'attention", "points d'attention"),
              ("point for reviewers", "points for reviewers")),
    "errors": (("erreur", "erreurs"), ("error", "errors")),
    "days": (("jour", "jours"), ("day", "days")),
}  # fmt: skip

_FIELD_NAMES = {
    "fr": {"summary": "résumé", "description": "présentation", "lead": "porteur",
           "sponsor": "élu référent", "status_reason": "raison du statut", "start": "début",
           "schedule_explanation": "explication du calendrier", "progress": "avancement",
           "tags": "mots-clés", "depends_on": "dépendances", "indicators": "indicateurs",
           "links": "liens", "axis": "axe", "milestones": "détails des jalons",
           "budget": "détails du budget", "actual_end": "fin effective", "title": "titre",
           "organisation": "organisme", "language": "langue", "currency": "devise",
           "period": "période", "funders": "financeurs", "axes": "présentation des axes"},
    "en": {"summary": "summary", "description": "description", "lead": "lead",
           "sponsor": "sponsor", "status_reason": "status reason", "start": "start",
           "schedule_explanation": "schedule explanation", "progress": "progress",
           "tags": "tags", "depends_on": "dependencies", "indicators": "indicators",
           "links": "links", "axis": "axis", "milestones": "milestone details",
           "budget": "budget details", "actual_end": "actual end", "title": "title",
           "organisation": "organisation", "language": "language", "currency": "currency",
           "period": "period", "funders": "funders", "axes": "axis descriptions"},
}  # fmt: skip
_BUDGET_VERBS = {"fr": {"planned": ("portés", "ramenés"), "committed": ("porté", "ramené"),
                        "spent": ("porté", "ramené")},
                 "en": {"planned": ("raised", "lowered"), "committed": ("raised", "lowered"),
                        "spent": ("raised", "lowered")}}  # fmt: skip
# Underscores are left alone: inside words (in_progress) Markdown does not read them.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*\[\]<>#|])")


def plain(text: str) -> str:
    """User text on one line, with Markdown's special characters neutralised."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(text.split()))


def _sentence(text: str) -> str:
    text = plain(text)
    return text if text.endswith((".", "!", "?", "…")) else text + "."


class _Writer:
    """Sentences in the roadmap's language, with its amounts and dates."""

    def __init__(self, language: str, currency: str) -> None:
        self.language = "en" if language == "en" else "fr"
        self.currency = currency

    def text(self, key: str, **values: object) -> str:
        template = _TEXT[key][1 if self.language == "en" else 0]
        return template.format(**values) if values else template

    def count(self, key: str, number: int) -> str:
        singular, plural = _COUNTS[key][1 if self.language == "en" else 0]
        return f"{format_number(number, self.language)}\u00a0{singular if number == 1 else plural}"

    def date(self, value: dt.date) -> str:
        return format_date(value, self.language)

    def amount(self, value: float) -> str:
        return format_amount(value, self.language, self.currency)

    def days(self, count: int) -> str:
        return self.count("days", abs(count))

    def change(self, before: float, after: float, *, short: bool = False) -> str:
        """`+150 000 €, soit +11 %` (short: `+150 000 € (+11 %)`); the percentage only when
        there was something before."""
        delta = after - before
        text = ("+" if delta >= 0 else "−") + self.amount(abs(delta))
        if before <= 0:
            return text
        pct = 100 * delta / before
        percent = ("+" if pct >= 0 else "−") + format_percent(abs(pct), self.language)
        return f"{text} ({percent})" if short else text + self.text("pct") + percent

    def quote(self, text: str) -> str:
        return f"“{plain(text)}”" if self.language == "en" else f"«\u00a0{plain(text)}\u00a0»"

    def status(self, value: str) -> str:
        return self.quote(status_words(self.language)[value])

    def health(self, value: str) -> str:
        return self.quote(health_words(self.language)[value])

    def colon(self) -> str:
        return ": " if self.language == "en" else " : "


# --- writing the changes down --------------------------------------------------------------


def render_changes(changes: Changes) -> str:
    """The body of the digest: a summary line, then one section per kind of change."""
    w = _Writer(changes.language, changes.currency)
    if changes.is_empty:
        return w.text("nothing") + "\n"
    sections = [
        ("h_projects", _project_lines(changes, w)),
        ("h_status", _status_lines(changes, w)),
        ("h_milestones", _milestone_lines(changes, w)),
        ("h_budget", _budget_lines(changes, w)),
        ("h_rebaselines", _rebaseline_lines(changes, w)),
        ("h_updates", _update_lines(changes, w)),
        ("h_settings", _settings_lines(changes, w)),
        ("h_other", _other_lines(changes, w)),
        ("h_notes", [_note_line(note, w) for note in changes.notes]),
    ]
    blocks = [_summary(changes, w)]
    for heading, lines in sections:
        if lines:
            blocks.append(f"### {w.text(heading)}\n\n" + "\n".join(f"- {line}" for line in lines))
    return "\n\n".join(blocks) + "\n"


def _summary(changes: Changes, w: _Writer) -> str:
    counts = {
        "added": len(changes.projects_of_kind("added")),
        "removed": len(changes.projects_of_kind("removed")),
        "status": sum(1 for p in changes.projects if p.status),
        "health": sum(1 for p in changes.projects if p.health_value_changed),
        "reached": len(changes.milestones_of_kind("reached")),
        "slipped": len(changes.milestones_of_kind("slipped")),
        "rebaselines": sum(len(p.rebaselines) for p in changes.projects),
        "updates": sum(len(p.updates) for p in changes.projects),
    }
    parts = [w.count(key, number) for key, number in counts.items() if number]
    before, after = changes.budget_total or (BudgetTotals(), BudgetTotals())
    if before.planned != after.planned:
        change = w.change(before.planned, after.planned, short=True)
        parts.append(w.text("planned_total", change=change))
    if changes.notes:
        parts.append(w.count("notes", len(changes.notes)))
    return w.text("in_short", parts=", ".join(parts or [w.text("minor")]))


def _project_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects_of_kind("added"):
        project = change.new
        assert project is not None
        text = w.text("added", name=w.quote(project.title), team=plain(project.lead.team),
                      status=w.status(project.status))  # fmt: skip
        text += w.colon() + _sentence(project.summary) if project.summary else "."
        if project.approved_budget is not None:
            text += " " + w.text("approved_budget", amount=w.amount(project.approved_budget))
        end = announced_end(project)
        if end is not None:
            text += " " + w.text("planned_end", date=w.date(end))
        lines.append(text)
    lines += [w.text("removed", name=w.quote(c.title)) for c in changes.projects_of_kind("removed")]
    return lines


def _status_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects:
        name = w.quote(change.title)
        if change.renamed_from:
            lines.append(w.text("renamed", old=w.quote(change.renamed_from), name=name))
        if change.status and change.new:
            before, after = change.status
            text = w.text("status", name=name, before=w.status(before), after=w.status(after))
            if after == "done" and change.new.actual_end:
                text += w.text("finished_on", date=w.date(change.new.actual_end))
            if after in ("on_hold", "cancelled") and change.new.status_reason:
                text += w.colon() + _sentence(change.new.status_reason)
            lines.append(text if text.endswith(".") else text + ".")
        if change.visibility:
            lines.append(w.text("internal" if change.visibility[1] == "internal" else "public",
                                name=name))  # fmt: skip
        if change.health:
            lines.append(_health_line(name, *change.health, w))
    return lines


def _health_line(name: str, before: Health | None, after: Health | None, w: _Writer) -> str:
    if after is None:
        return w.text("health_gone", name=name)
    values = {"name": name, "value": w.health(after.value), "date": w.date(after.date)}
    if before is None:
        text = w.text("health_new", **values)
    elif before.value == after.value:
        text = w.text("health_same", **values)
    else:
        text = w.text("health_moves", before=w.health(before.value), **values)
    return text + (w.colon() + _sentence(after.comment) if after.comment else ".")


def _milestone_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects:
        project = w.quote(change.title)
        lines += [_milestone_line(m, project, w) for m in change.milestones]
        if change.end:
            before, after = change.end
            days = (after - before).days
            text = w.text("end_slipped" if days > 0 else "end_advanced", project=project,
                          days=w.days(days), before=w.date(before),
                          after=w.date(after))  # fmt: skip
            if days > 0 and change.new and change.new.schedule_explanation:
                text += w.text("explanation", text=_sentence(change.new.schedule_explanation))
            lines.append(text)
    return lines


def _milestone_line(m: MilestoneChange, project: str, w: _Writer) -> str:
    name = w.quote(m.title)
    if m.kind == "reached":
        assert m.after is not None
        text = w.text("reached", name=name, project=project, date=w.date(m.after))
        if m.days == 0:
            return text + w.text("reached_on_time")
        key = "reached_late" if m.days > 0 else "reached_early"
        return text + w.text(key, days=w.days(m.days), due=w.date(m.due))
    if m.kind in ("slipped", "advanced"):
        assert m.before is not None and m.after is not None
        text = w.text(m.kind, name=name, project=project, days=w.days(m.days),
                      before=w.date(m.before), after=w.date(m.after))  # fmt: skip
        if m.kind == "slipped" and m.explanation:
            text += w.text("explanation", text=_sentence(m.explanation))
        return text
    if m.kind == "added":
        assert m.after is not None
        if m.done is not None:
            return w.text("milestone_added_done", name=name, project=project, date=w.date(m.done))
        return w.text("milestone_added", name=name, project=project, date=w.date(m.after))
    assert m.before is not None
    return w.text("milestone_removed", name=name, project=project, date=w.date(m.before))


def _budget_parts(before: BudgetTotals, after: BudgetTotals, w: _Writer) -> str:
    parts = []
    for measure in ("planned", "committed", "spent"):
        old, new = getattr(before, measure), getattr(after, measure)
        if old != new:
            up, down = _BUDGET_VERBS[w.language][measure]
            parts.append(w.text(measure, verb=up if new > old else down, before=w.amount(old),
                                after=w.amount(new), change=w.change(old, new)))  # fmt: skip
    return w.text("and").join(parts)


def _budget_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = [w.text("project_budget", name=w.quote(c.title), parts=_budget_parts(*c.budget, w))
             for c in changes.projects if c.budget and c.kind == "changed"]  # fmt: skip
    if changes.budget_total:
        lines.append(w.text("total_budget", parts=_budget_parts(*changes.budget_total, w)))
    return lines


def _rebaseline_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects:
        for item in change.rebaselines:
            r = item.rebaseline
            text = w.text("rebaseline", name=w.quote(change.title), date=w.date(r.date),
                          decision=plain(r.decision), reason=_sentence(r.reason))  # fmt: skip
            if r.budget is not None:
                text += w.text("new_budget", amount=w.amount(r.budget))
                if item.budget_before is not None:
                    text += w.text("previously_amount", amount=w.amount(item.budget_before),
                                   change=w.change(item.budget_before, r.budget))  # fmt: skip
                text += "."
            if r.end is not None:
                text += w.text("new_end", date=w.date(r.end))
                if item.end_before is not None:
                    text += w.text("previously_date", date=w.date(item.end_before))
                text += "."
            lines.append(text)
    return lines


def _update_lines(changes: Changes, w: _Writer) -> list[str]:
    return [w.text("update", name=w.quote(change.title), date=w.date(u.date),
                   text=_sentence(u.text))
            for change in changes.projects for u in change.updates]  # fmt: skip


def _settings_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    before, after = changes.as_of
    if before is not None and before != after:
        lines.append(w.text("as_of_moved", before=w.date(before), after=w.date(after)))
    if changes.envelope:
        old, new = changes.envelope
        if old is not None and new is not None:
            lines.append(w.text("envelope", before=w.amount(old), after=w.amount(new),
                                change=w.change(old, new)))  # fmt: skip
        else:
            lines.append(w.text("envelope_new", amount=w.amount(new)) if new is not None
                         else w.text("envelope_gone"))  # fmt: skip
    for name, old_value, new_value in changes.thresholds:
        if name == "budget_overrun_pct":
            shown = (format_percent(old_value, w.language), format_percent(new_value, w.language))
        else:
            shown = (w.days(int(old_value)), w.days(int(new_value)))
        lines.append(w.text("threshold", label=w.text(name), before=shown[0], after=shown[1]))
    lines += [w.text("axis_added", name=w.quote(a.title)) for a in changes.axes_added]
    lines += [w.text("axis_removed", name=w.quote(a.title)) for a in changes.axes_removed]
    if changes.settings_fields:
        lines.append(w.text("settings_other", fields=_field_list(changes.settings_fields, w)))
    return lines


def _field_list(fields: Iterable[str], w: _Writer) -> str:
    names = _FIELD_NAMES[w.language]
    return ", ".join(names.get(name, name) for name in fields)


def _other_lines(changes: Changes, w: _Writer) -> list[str]:
    return [w.text("project_other", name=w.quote(c.title), fields=_field_list(c.other_fields, w))
            for c in changes.projects if c.other_fields]  # fmt: skip


def _note_line(note: ReviewNote, w: _Writer) -> str:
    def shown(value: float | dt.date | None) -> str:
        if value is None:
            return w.text("nothing_value")
        return w.date(value) if isinstance(value, dt.date) else w.amount(value)

    return w.text(note.kind, project=w.quote(note.project), subject=w.quote(note.subject),
                  before=shown(note.before), after=shown(note.after))  # fmt: skip


# --- the whole digest ----------------------------------------------------------------------


def render_digest(base: RoadmapVersion, head: RoadmapVersion) -> str:
    """The digest of what changes from `base` to `head`, saying so when a side cannot be read."""
    language = head.language if head.exists else base.language
    known = head.roadmap or base.roadmap
    w = _Writer(language, known.currency if known else "EUR")
    intro = w.text("versions", base=plain(base.label), head=plain(head.label))
    intro += w.text("as_of", date=w.date(head.roadmap.as_of)) if head.roadmap else "."
    blocks = [w.text("title"), intro]
    if not head.exists:
        blocks.append(w.text("head_missing"))
    elif head.roadmap is None:
        blocks.append(_problems("head_invalid", head, w))
    if base.exists and base.roadmap is None:
        blocks.append(_problems("base_invalid", base, w))
        if head.roadmap is not None:
            blocks.append(w.text("base_invalid_head_valid"))
    elif head.roadmap is not None:
        if not base.exists:
            blocks.append(w.text("base_missing"))
        blocks.append(render_changes(compare(base.roadmap, head.roadmap)).rstrip("\n"))
    return "\n\n".join(blocks) + "\n"


def _problems(key: str, version: RoadmapVersion, w: _Writer) -> str:
    head = w.text(key, label=plain(version.label), count=w.count("errors", len(version.errors)))
    return head + "\n\n" + "\n".join(_error_lines(version.errors, w))


def _error_lines(errors: Sequence[Diagnostic], w: _Writer) -> Iterator[str]:
    for d in errors[:MAX_QUOTED_ERRORS]:
        hint = f" {plain(d.hint)}" if d.hint else ""
        yield f"- `{d.file}:{d.line}:{d.column}` {d.code}{w.colon()}{plain(d.message)}{hint}"
    if len(errors) > MAX_QUOTED_ERRORS:
        yield "- " + w.text("more_errors", count=len(errors) - MAX_QUOTED_ERRORS)
