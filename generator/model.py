"""The typed roadmap model: what `roadmap.yaml` and `projects/*.yaml` may say.

Field names are the contract with project leads (see docs/reference/format.md); the French
descriptions are published in the JSON Schema that editors use to complete and check files.
Models are immutable; derived figures live in `generator.figures.derive`, never here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator.i18n import DEFAULT_LANGUAGE, available_languages

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ALLOWED_URL_SCHEMES = ("http", "https", "mailto")


def _date_from_text(value: Any) -> Any:
    """Accept a quoted ISO date ("2020-03-31") as well as the unquoted form."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("invalid_calendar_date", "invalid date") from None
    return value


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ALLOWED_URL_SCHEMES:
        raise PydanticCustomError("url_scheme", "url scheme not allowed")
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        raise PydanticCustomError("url_scheme", "url without host")
    return value


Text = Annotated[str, Strict(), StringConstraints(min_length=1)]
Markdown = Annotated[str, Strict()]
Date = Annotated[dt.date, BeforeValidator(_date_from_text), Strict()]
# Bounds far beyond any real figure (a million billion), low enough that every sum, ratio
# and formatted number the site derives from them stays an ordinary finite number.
MAX_AMOUNT = 10**15
MAX_MEASURE = 10**15
MAX_WEIGHT = 10**6
MAX_DAYS = 36_500  # a hundred years
AMOUNT_DECIMALS = 2  # cents: a positive amount is then never so small that a ratio overflows
MEASURE_DECIMALS = 6


def _at_most_decimals(places: int) -> Callable[[float], float]:
    def check(value: float) -> float:
        if round(value, places) != value:
            raise PydanticCustomError(
                "too_many_decimals", "at most {places} decimal places", {"places": places}
            )
        return value

    return check


Amount = Annotated[
    float,
    Strict(),
    AllowInfNan(False),
    Field(ge=0, le=MAX_AMOUNT, examples=[1200000]),
    AfterValidator(_at_most_decimals(AMOUNT_DECIMALS)),
]
Percent = Annotated[float, Strict(), AllowInfNan(False), Field(ge=0, le=100, examples=[40])]
Year = Annotated[int, Strict(), Field(ge=1900, le=2200, examples=[2021])]
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN)]
Url = Annotated[str, Strict(), AfterValidator(_check_url)]

Status = Literal["planned", "in_progress", "done", "on_hold", "cancelled"]
HealthValue = Literal["good", "watch", "critical"]
Direction = Literal["increase", "decrease"]
# A language code as catalogue folders are named (fr, en, pt_BR). The published JSON schema
# checks only this shape: which languages a site has depends on the catalogues installed
# (ROADMAP_LOCALES), which the validator checks.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(_[A-Z]{2})?$"


def _known_language(value: Any) -> Any:
    """A language that has catalogues, so that a third one is added by dropping them in."""
    known = available_languages()
    if value not in known:
        # Said the way pydantic says a value is not among a Literal's, default language first.
        ordered = [DEFAULT_LANGUAGE, *(name for name in known if name != DEFAULT_LANGUAGE)]
        expected = " or ".join(repr(name) for name in ordered)
        raise PydanticCustomError(
            "literal_error", "Input should be {expected}", {"expected": expected}
        )
    return value


Language = Annotated[
    str,
    BeforeValidator(_known_language),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN, "examples": ["fr", "en"]}),
]
Visibility = Literal["public", "internal"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- roadmap.yaml ---------------------------------------------------------------------


class Period(_Frozen):
    start: Date = Field(description="Premier jour de la feuille de route (AAAA-MM-JJ).")
    end: Date = Field(description="Dernier jour de la feuille de route (AAAA-MM-JJ).")


class Axis(_Frozen):
    id: Slug = Field(description="Identifiant de l'axe : minuscules, chiffres et tirets.")
    title: Text = Field(description="Intitulé de l'axe stratégique.")
    description: Markdown | None = Field(None, description="Présentation de l'axe (Markdown).")


class Funder(_Frozen):
    id: Slug = Field(description="Identifiant du financeur, cité par les lignes budgétaires.")
    title: Text = Field(description="Nom du financeur, tel qu'affiché sur le site.")


class Thresholds(_Frozen):
    budget_overrun_pct: Percent = Field(
        5,
        description="Dépassement budgétaire (en %) au-delà duquel une explication est exigée.",
    )
    schedule_slip_days: Annotated[int, Strict(), Field(ge=0, le=MAX_DAYS)] = Field(
        30, description="Glissement (en jours) au-delà duquel une explication est exigée."
    )
    stale_after_days: Annotated[int, Strict(), Field(ge=1, le=MAX_DAYS)] = Field(
        90, description="Âge (en jours) au-delà duquel une météo est affichée « à mettre à jour »."
    )


def _check_contact(value: str) -> str:
    """An e-mail address (`accessibilite@example.org`) or a web address (a contact form)."""
    if "://" in value or value.startswith("mailto:"):
        return _check_url(value)
    if not _EMAIL.match(value):
        raise PydanticCustomError("url_scheme", "neither an e-mail address nor a web address")
    return value


_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
Contact = Annotated[str, Strict(), AfterValidator(_check_contact)]
Compliance = Literal["full", "partial", "none"]


class Licence(_Frozen):
    title: Text = Field(description="Nom de la licence des données publiées.")
    url: Url = Field(description="Adresse du texte de la licence.")


class Audit(_Frozen):
    date: Date = Field(description="Date de l'audit de conformité.")
    by: Text = Field(description="Qui l'a réalisé (service interne ou prestataire).")
    rate: Percent | None = Field(None, description="Part des critères du RGAA respectés, en %.")
    pages: Text | None = Field(None, description="Pages vérifiées.")
    environment: Text | None = Field(
        None, description="Navigateurs et technologies d'assistance utilisés pour les tests."
    )


class AccessibilityStatement(_Frozen):
    compliance: Compliance | None = Field(
        None, description="État de conformité au RGAA : full (totale), partial (partielle) ou "
        "none (non conforme, par exemple faute d'audit).",
    )
    statement_date: Date | None = Field(None, description="Date de la déclaration.")
    audit: Audit | None = Field(None, description="Le dernier audit de conformité.")
    non_accessible: Markdown | None = Field(
        None, description="Contenus non accessibles, avec leur alternative (Markdown)."
    )


class Session(_Frozen):
    date: Date = Field(description="Date de la séance (AAAA-MM-JJ).")
    title: Text = Field(description="Intitulé de la séance, tel qu'affiché sur le site.")


class RoadmapFile(_Frozen):
    """The contents of `roadmap.yaml`."""

    title: Text = Field(description="Titre de la feuille de route.")
    organisation: Text = Field(description="Collectivité ou organisme qui la porte.")
    description: Markdown | None = Field(None, description="Présentation (Markdown), en accueil.")
    language: Language = Field(
        DEFAULT_LANGUAGE,
        description="Langue du site et des messages : fr, en, ou toute langue dont les "
        "catalogues sont installés.",
    )
    currency: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        "EUR", description="Devise des montants (code ISO 4217, par exemple EUR)."
    )
    period: Period = Field(description="Période couverte par la feuille de route.")
    as_of: Date = Field(
        description="Date de situation : « en retard », « à mettre à jour » sont jugés à cette "
        "date."
    )
    envelope: Amount | None = Field(None, description="Enveloppe votée pour l'ensemble (montant).")
    axes: Annotated[tuple[Axis, ...], Field(min_length=1)] = Field(
        description="Axes stratégiques ; chaque projet appartient à un axe."
    )
    funders: tuple[Funder, ...] = Field(
        (), description="Financeurs cités par les lignes budgétaires."
    )
    thresholds: Thresholds = Field(
        default_factory=Thresholds, description="Seuils d'alerte (facultatifs)."
    )
    contact: Contact | None = Field(
        None, description="Adresse électronique ou page de contact du site (pied de page, "
        "déclaration d'accessibilité).",
    )
    licence: Licence | None = Field(
        None, description="Licence des données publiées ; par défaut la Licence Ouverte / Open "
        "Licence 2.0 d'Etalab, nommée dans la langue du site.",
    )
    legal_notice: Url | None = Field(
        None, description="Adresse des mentions légales de l'organisation ; sans elle, le site "
        "publie sa propre page de mentions légales.",
    )
    accessibility: AccessibilityStatement = Field(
        default_factory=AccessibilityStatement,
        description="Déclaration d'accessibilité : ce que l'organisation seule peut remplir.",
    )
    sessions: tuple[Session, ...] = Field(
        (),
        description="Séances de l'assemblée : le site dit ce qui a changé depuis chacune "
        "(situation retenue : la dernière à cette date ou avant).",
    )


# --- projects/<id>.yaml ------------------------------------------------------------------


class Lead(_Frozen):
    name: Text | None = Field(None, description="Nom du chef ou de la cheffe de projet.")
    team: Text = Field(description="Direction ou service porteur.")


class Health(_Frozen):
    value: HealthValue = Field(description="Météo du projet : good, watch ou critical.")
    date: Date = Field(description="Date de cette appréciation.")
    comment: Text | None = Field(None, description="Ce qui justifie la météo.")


class BudgetLine(_Frozen):
    year: Year = Field(description="Année budgétaire.")
    funder: Slug | None = Field(None, description="Identifiant du financeur (voir roadmap.yaml).")
    planned: Amount = Field(description="Crédits prévus.")
    committed: Amount | None = Field(None, description="Montant engagé.")
    spent: Amount | None = Field(None, description="Montant mandaté (payé).")


class Budget(_Frozen):
    baseline: Amount | None = Field(
        None, description="Budget total approuvé au lancement ; ne se modifie jamais ensuite."
    )
    lines: tuple[BudgetLine, ...] = Field((), description="Une ligne par année et par financeur.")
    explanation: Text | None = Field(
        None, description="Explication obligatoire quand le seuil de dépassement est franchi."
    )


class Rebaseline(_Frozen):
    date: Date = Field(description="Date de la décision.")
    decision: Text = Field(description="La décision qui l'a approuvée (délibération, comité).")
    reason: Text = Field(description="Pourquoi la référence change.")
    budget: Amount | None = Field(None, description="Nouveau budget total.")
    end: Date | None = Field(None, description="Nouvelle date de fin prévue.")


class Milestone(_Frozen):
    title: Text = Field(description="Intitulé du jalon.")
    due: Date = Field(description="Date prévue.")
    forecast: Date | None = Field(None, description="Date prévue actualisée.")
    done: Date | None = Field(None, description="Date à laquelle le jalon a été atteint.")
    weight: Annotated[float, Strict(), AllowInfNan(False), Field(gt=0, le=MAX_WEIGHT)] = Field(
        1, description="Poids dans l'avancement calculé (1 par défaut)."
    )
    explanation: Text | None = Field(
        None, description="Explication obligatoire quand le glissement dépasse le seuil."
    )


class Measure(_Frozen):
    date: Date = Field(description="Date de la mesure.")
    value: Annotated[
        float,
        Strict(),
        AllowInfNan(False),
        Field(ge=-MAX_MEASURE, le=MAX_MEASURE),
        AfterValidator(_at_most_decimals(MEASURE_DECIMALS)),
    ] = Field(description="Valeur mesurée.")


class Indicator(_Frozen):
    id: Slug = Field(description="Identifiant de l'indicateur, unique dans le projet.")
    title: Text = Field(description="Intitulé de l'indicateur.")
    unit: Text = Field(description="Unité (démarches, %, jours…).")
    direction: Direction = Field(
        "increase", description="increase si plus est mieux, decrease si moins est mieux."
    )
    baseline: Measure = Field(description="Valeur de départ, datée.")
    target: Measure = Field(description="Cible, datée.")
    measurements: tuple[Measure, ...] = Field((), description="Mesures successives.")


class Update(_Frozen):
    date: Date = Field(description="Date de la nouvelle.")
    text: Text = Field(description="La nouvelle, en une ou deux phrases.")


class Link(_Frozen):
    title: Text = Field(description="Texte du lien.")
    url: Url = Field(description="Adresse (http, https ou mailto).")


class ProjectFile(_Frozen):
    """The contents of one `projects/<id>.yaml` file."""

    title: Text = Field(description="Nom du projet.")
    axis: Slug = Field(description="Identifiant de l'axe (voir roadmap.yaml).")
    summary: Text | None = Field(None, description="Le projet en une phrase (texte simple).")
    description: Markdown | None = Field(None, description="Présentation détaillée (Markdown).")
    lead: Lead = Field(description="Porteur du projet.")
    sponsor: Text | None = Field(None, description="Élu ou élue référent.")
    status: Status = Field(
        description="planned, in_progress, done, on_hold (suspendu) ou cancelled (abandonné)."
    )
    status_reason: Text | None = Field(
        None, description="Raison, obligatoire pour on_hold et cancelled."
    )
    health: Health | None = Field(None, description="Météo du projet, datée.")
    start: Date | None = Field(None, description="Date de début.")
    end: Date | None = Field(None, description="Date de fin prévue initialement (référence).")
    forecast_end: Date | None = Field(None, description="Date de fin prévue actualisée.")
    actual_end: Date | None = Field(None, description="Date de fin effective (projet terminé).")
    schedule_explanation: Text | None = Field(
        None, description="Explication obligatoire quand la fin glisse au-delà du seuil."
    )
    progress: Percent | None = Field(
        None, description="Avancement explicite en % ; sinon calculé à partir des jalons."
    )
    tags: tuple[Text, ...] = Field((), description="Mots-clés.")
    visibility: Visibility = Field(
        "public", description="public, ou internal pour l'exclure du site public."
    )
    depends_on: tuple[Slug, ...] = Field((), description="Identifiants des projets préalables.")
    budget: Budget | None = Field(None, description="Budget du projet.")
    rebaselines: tuple[Rebaseline, ...] = Field(
        (), description="Chaque changement approuvé de la référence, jamais réécrit."
    )
    milestones: tuple[Milestone, ...] = Field((), description="Jalons.")
    indicators: tuple[Indicator, ...] = Field((), description="Indicateurs.")
    updates: tuple[Update, ...] = Field((), description="Actualités datées.")
    links: tuple[Link, ...] = Field((), description="Liens utiles.")


class Project(ProjectFile):
    """A validated project, with the id taken from its file name."""

    id: str
    source: str = Field(description="Path of the project file, relative to the roadmap folder.")

    @property
    def planned_end(self) -> dt.date | None:
        """The current planned end: the latest rebaseline's end, else the baseline end."""
        for rebaseline in reversed(self.rebaselines):
            if rebaseline.end is not None:
                return rebaseline.end
        return self.end

    @property
    def approved_budget(self) -> float | None:
        """The current approved budget: the latest rebaseline's, else the baseline."""
        for rebaseline in reversed(self.rebaselines):
            if rebaseline.budget is not None:
                return rebaseline.budget
        return self.budget.baseline if self.budget else None


class Roadmap(RoadmapFile):
    """The whole validated roadmap: its settings and its projects, sorted by id."""

    projects: tuple[Project, ...] = ()

    def axis(self, axis_id: str) -> Axis:
        return next(axis for axis in self.axes if axis.id == axis_id)

    def funder_title(self, funder_id: str | None) -> str | None:
        return next((f.title for f in self.funders if f.id == funder_id), funder_id)
