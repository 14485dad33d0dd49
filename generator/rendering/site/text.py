"""The words of the generated pages, in French and English, and the sentences built from figures.

Templates look every label up here (`t.key`), so a page never mixes languages and no French
sits in an identifier. Sentences that embed figures ("3 jalons atteints sur 5") are written
by the small functions below, which only format what `generator.figures.derive` computed.
"""

from __future__ import annotations

from generator.figures.derive import DUE_SOON_DAYS, AttentionItem, Progress
from generator.model import Thresholds
from generator.rendering.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_number,
    format_percent,
)

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        # page and section titles
        "home": "Tableau de bord",
        "axes": "Axes",
        "axes_intro": "Chaque projet de la feuille de route relève d'un axe. Le tableau donne "
        "les chiffres de chaque axe ; sa page détaille ses projets.",
        "axis": "Axe",
        "projects": "Projets",
        "all_projects": "Tous les projets",
        "milestones": "Jalons",
        "budget": "Budget",
        "indicators": "Indicateurs",
        "methodology": "Comment lire ces chiffres",
        "data": "Données",
        "accessibility": "Déclaration d'accessibilité",
        "accessibility_nav": "Accessibilité",
        "attention": "Points d'attention",
        "charts": "En graphiques",
        "updates": "Actualités",
        "rebaselines": "Changements de référence",
        "dependencies": "Dépendances",
        "links": "Liens",
        "description": "Présentation",
        # dates and missing values
        "as_of": "au {date}",
        "as_of_title": "Situation au {date}",
        "not_given": "non renseigné",
        "not_given_f": "non renseignée",
        "none": "aucun",
        "none_f": "aucune",
        "internal_banner": "Édition interne : cette version contient les projets à diffusion "
        "interne. Ne pas la publier.",
        "internal_badge": "Diffusion interne",
        # headline figures
        "envelope": "Enveloppe votée",
        "planned": "Crédits prévus",
        "committed": "Engagé",
        "spent": "Mandaté",
        "consumption": "Consommation",
        "consumption_hint": "mandaté ÷ prévu",
        "commitment_hint": "{pct} des crédits prévus",
        "baseline_total": "Somme des budgets de référence",
        "approved_total": "Somme des budgets approuvés",
        "average_progress": "Avancement moyen",
        "average_progress_hint": "sur {included} projets ; {excluded} exclu(s) du calcul",
        "by_status": "Projets par statut",
        "by_health": "Projets par météo",
        "milestones_reached": "Jalons atteints",
        "milestones_late": "Jalons en retard",
        "milestones_due_soon": "Jalons dans les 90 prochains jours",
        "project_count": "Projets",
        "headline": "Sur {planned} de crédits prévus, {spent} ont été mandatés, soit {pct}.",
        "headline_none": "Aucun crédit n'est encore prévu.",
        "envelope_vs_baselines_below": "La somme des budgets de référence des projets "
        "({baselines}) reste dans l'enveloppe votée ({envelope}).",
        "envelope_vs_baselines_above": "La somme des budgets de référence des projets "
        "({baselines}) dépasse l'enveloppe votée ({envelope}).",
        "envelope_missing": "Aucune enveloppe globale n'est renseignée.",
        # tables
        "project": "Projet",
        "title": "Intitulé",
        "lead": "Porteur",
        "sponsor": "Élu référent",
        "status": "Statut",
        "health": "Météo",
        "progress": "Avancement",
        "next_milestone": "Prochain jalon",
        "milestone": "Jalon",
        "due": "Date prévue",
        "forecast": "Prévision",
        "done": "Atteint le",
        "reached_or_expected": "Atteint ou attendu",
        "reached_on": "atteint le {date}",
        "forecast_on": "prévu le {date}",
        "as_planned": "à la date prévue",
        "state": "État",
        "slip": "Écart",
        "explanation": "Explication",
        "year": "Année",
        "funder": "Financeur",
        "total": "Total",
        "indicator": "Indicateur",
        "unit": "Unité",
        "baseline_value": "Valeur de départ",
        "latest_value": "Dernière mesure",
        "target_value": "Cible",
        "indicator_progress": "Progression vers la cible",
        "date": "Date",
        "decision": "Décision",
        "reason": "Motif",
        "new_budget": "Nouveau budget",
        "new_end": "Nouvelle fin prévue",
        "depends_on": "Dépend de",
        "needed_by": "Nécessaire à",
        "no_dependencies": "Ce projet ne dépend d'aucun autre projet publié, et aucun projet "
        "publié n'en dépend.",
        "table_scroll": "Tableau défilant : {caption}",
        "sort_hint": "Cliquez sur un en-tête de colonne pour trier le tableau.",
        "timeline_by_axis_note": "Avec autant de projets, le calendrier est présenté par axe "
        ": le calendrier de chaque projet et de ses jalons figure sur la page de son axe.",
        # project card
        "dates": "Calendrier",
        "start": "Début",
        "planned_end": "Fin prévue (plan en vigueur)",
        "baseline_end": "Fin prévue au lancement",
        "forecast_end": "Fin prévue actualisée",
        "actual_end": "Fin effective",
        "slip_vs_plan": "Écart sur le plan en vigueur",
        "slip_vs_baseline": "Écart sur la référence initiale",
        "budget_baseline": "Budget de référence (lancement)",
        "budget_approved": "Budget approuvé en vigueur",
        "variance_vs_approved": "Crédits prévus / budget approuvé",
        "variance_vs_baseline": "Crédits prévus / référence initiale",
        "status_reason_title": "Motif du statut",
        "health_rated_on": "Appréciation du {date}",
        "health_on": "au {date}",
        "health_stale": "dernière appréciation le {date}, il y a {days} jours",
        "edit_project": "Modifier ce projet",
        "edit_project_hint": "(fichier {path} dans le dépôt)",
        "summary": "En bref",
        "no_milestones": "Aucun jalon n'est renseigné.",
        "no_budget": "Aucune ligne budgétaire n'est renseignée.",
        "no_indicators": "Aucun indicateur n'est renseigné.",
        "no_updates": "Aucune actualité n'est publiée.",
        "no_rebaselines": "La référence initiale n'a jamais été modifiée.",
        "no_links": "Aucun lien n'est publié.",
        "no_attention": "Aucun point d'attention à cette date.",
        "attention_more": "Les {shown} plus importants sur {total} : la liste complète figure "
        "sur la page de chaque axe.",
        "budget_by_year": "Par année",
        "budget_by_funder": "Par financeur",
        "budget_by_axis": "Par axe",
        "budget_by_project": "Par projet",
        "milestone_timeline": "Calendrier des jalons",
        # slips and days
        "days_late": "+{days} j",
        "days_early": "−{days} j",
        "on_schedule": "0 j",
        "slip_late": "{days} jours de retard",
        "slip_early": "{days} jours d'avance",
        "slip_none": "aucun écart",
        "pct_over": "+{pct}",
        "pct_under": "−{pct}",
        # progress rules
        "progress_explicit": "avancement déclaré par le porteur",
        "progress_milestones": "{reached} jalons atteints sur {total}",
        "progress_milestones_one": "{reached} jalon atteint sur {total}",
        "progress_milestones_weighted": "{reached} jalons atteints sur {total} "
        "(poids {reached_weight} sur {total_weight})",
        "progress_milestones_weighted_one": "{reached} jalon atteint sur {total} "
        "(poids {reached_weight} sur {total_weight})",
        "progress_none": "non renseigné",
        # attention
        "attention_intro": "Jalons en retard, projets en météo critique ou à mettre à jour, "
        "écarts de calendrier ou de budget au-delà des seuils, avec leur explication.",
        "attention_late_milestone": "Jalon « {milestone} » en retard de {days} jours "
        "(prévu le {due}).",
        "attention_critical": "Météo critique.",
        "attention_stale": "Météo à mettre à jour : dernière appréciation il y a {days} jours.",
        "attention_schedule_slip": "Fin prévue repoussée de {days} jours par rapport au plan "
        "en vigueur.",
        "attention_budget_variance": "Écart budgétaire de {pct}.",
        "explanation_label": "Explication\u00a0:",
        "explanation_missing": "aucune explication fournie (écart sous le seuil)",
        "comment_label": "Commentaire du porteur\u00a0:",
        # milestones page
        "late": "En retard",
        "due_soon": "Dans les 90 prochains jours",
        "later": "Plus tard",
        "reached": "Atteints",
        "milestones_intro": "Tous les jalons des projets publiés, classés par situation au {date}.",
        "count_milestones": "{count} jalon(s)",
        # indicators page
        "indicators_intro": "Chaque indicateur part d'une valeur de départ datée vers une cible "
        "datée ; la progression mesure le chemin parcouru.",
        # data page
        "data_intro": "Les données de cette feuille de route sont publiées dans des formats "
        "ouverts, réutilisables librement. Les fichiers CSV sont encodés en UTF-8, séparés par "
        "des virgules, avec une ligne d'en-tête ; les dates sont au format AAAA-MM-JJ et les "
        "nombres utilisent le point comme séparateur décimal, sans séparateur de milliers. "
        "Une cellule vide signifie « non renseigné ».",
        "data_file": "Fichier",
        "data_download": "Télécharger {name}",
        "data_rows": "{count} lignes",
        "data_json": "La feuille de route complète, avec les chiffres calculés de chaque projet.",
        "data_json_detail": "Le fichier reprend les champs des fichiers YAML de la feuille de "
        "route (même nom, même sens) ; chaque projet y est suivi d'un objet « figures » qui "
        "contient ses chiffres calculés, et la feuille de route d'un objet « figures » qui "
        "contient les totaux. Un champ laissé vide dans les fichiers YAML est absent du "
        "fichier. Chaque projet tient sur une ligne du fichier.",
        "field": "Champ",
        "type": "Type",
        "meaning": "Signification",
        "dictionary": "Dictionnaire des champs",
        # methodology page
        "methodology_intro": "Chaque chiffre de ce site est calculé à partir des fichiers de la "
        "feuille de route, selon une règle unique, écrite ci-dessous pour que chacun puisse la "
        "vérifier. Aucun chiffre n'est saisi à la main.",
        "reporting_date": "Date de situation",
        "reporting_date_text": "Les informations sont arrêtées au {date}. Les retards, les "
        "échéances à 90 jours et l'ancienneté des météos sont appréciés à cette date, jamais à "
        "la date de construction du site.",
        "thresholds": "Seuils en vigueur",
        "threshold_budget": "Écart budgétaire toléré sans explication",
        "threshold_schedule": "Glissement de calendrier toléré sans explication",
        "threshold_stale": "Âge au-delà duquel une météo est « à mettre à jour »",
        "threshold_days": "{days} jours",
        "rules": "Règles de calcul",
        "rule": "Règle",
        "figure": "Chiffre",
        "excluded": "Projets exclus de l'avancement moyen",
        "excluded_none": "Tous les projets publiés entrent dans le calcul de l'avancement moyen.",
        "excluded_cancelled": "projet abandonné",
        "excluded_no_progress": "ni avancement déclaré ni jalon",
        # accessibility page
        "a11y_to_complete": "à compléter par l'organisation",
    },
    "en": {
        "home": "Dashboard",
        "axes": "Axes",
        "axes_intro": "Each project of the roadmap belongs to one axis. The table gives each "
        "axis's figures; its page details its projects.",
        "axis": "Axis",
        "projects": "Projects",
        "all_projects": "All projects",
        "milestones": "Milestones",
        "budget": "Budget",
        "indicators": "Indicators",
        "methodology": "How to read these figures",
        "data": "Open data",
        "accessibility": "Accessibility statement",
        "accessibility_nav": "Accessibility",
        "attention": "Needs attention",
        "charts": "Charts",
        "updates": "Updates",
        "rebaselines": "Baseline changes",
        "dependencies": "Dependencies",
        "links": "Links",
        "description": "Overview",
        "as_of": "as of {date}",
        "as_of_title": "Situation as of {date}",
        "not_given": "not given",
        "not_given_f": "not given",
        "none": "none",
        "none_f": "none",
        "internal_banner": "Internal edition: this version includes internal projects. "
        "Do not publish it.",
        "internal_badge": "Internal",
        "envelope": "Voted envelope",
        "planned": "Planned",
        "committed": "Committed",
        "spent": "Spent",
        "consumption": "Consumption",
        "consumption_hint": "spent ÷ planned",
        "commitment_hint": "{pct} of planned",
        "baseline_total": "Sum of baseline budgets",
        "approved_total": "Sum of approved budgets",
        "average_progress": "Average progress",
        "average_progress_hint": "over {included} projects; {excluded} left out",
        "by_status": "Projects by status",
        "by_health": "Projects by health",
        "milestones_reached": "Milestones reached",
        "milestones_late": "Late milestones",
        "milestones_due_soon": "Milestones due in the next 90 days",
        "project_count": "Projects",
        "headline": "Of {planned} planned, {spent} has been spent, that is {pct}.",
        "headline_none": "Nothing is planned yet.",
        "envelope_vs_baselines_below": "The sum of the projects' baseline budgets ({baselines}) "
        "stays within the voted envelope ({envelope}).",
        "envelope_vs_baselines_above": "The sum of the projects' baseline budgets ({baselines}) "
        "exceeds the voted envelope ({envelope}).",
        "envelope_missing": "No overall envelope is given.",
        "project": "Project",
        "title": "Title",
        "lead": "Lead",
        "sponsor": "Sponsor",
        "status": "Status",
        "health": "Health",
        "progress": "Progress",
        "next_milestone": "Next milestone",
        "milestone": "Milestone",
        "due": "Due",
        "forecast": "Forecast",
        "done": "Reached on",
        "reached_or_expected": "Reached or expected",
        "reached_on": "reached on {date}",
        "forecast_on": "forecast {date}",
        "as_planned": "on the due date",
        "state": "State",
        "slip": "Slip",
        "explanation": "Explanation",
        "year": "Year",
        "funder": "Funder",
        "total": "Total",
        "indicator": "Indicator",
        "unit": "Unit",
        "baseline_value": "Baseline",
        "latest_value": "Latest",
        "target_value": "Target",
        "indicator_progress": "Progress toward target",
        "date": "Date",
        "decision": "Decision",
        "reason": "Reason",
        "new_budget": "New budget",
        "new_end": "New planned end",
        "depends_on": "Depends on",
        "needed_by": "Needed by",
        "no_dependencies": "This project depends on no other published project, and no "
        "published project depends on it.",
        "table_scroll": "Scrollable table: {caption}",
        "sort_hint": "Select a column header to sort the table.",
        "timeline_by_axis_note": "With this many projects, the timeline is shown by axis: "
        "each project's timeline, with its milestones, is on its axis's page.",
        "dates": "Schedule",
        "start": "Start",
        "planned_end": "Planned end (current plan)",
        "baseline_end": "Planned end at launch",
        "forecast_end": "Forecast end",
        "actual_end": "Actual end",
        "slip_vs_plan": "Slip against the current plan",
        "slip_vs_baseline": "Slip against the first baseline",
        "budget_baseline": "Baseline budget (launch)",
        "budget_approved": "Current approved budget",
        "variance_vs_approved": "Planned vs approved budget",
        "variance_vs_baseline": "Planned vs first baseline",
        "status_reason_title": "Reason for the status",
        "health_rated_on": "Rated on {date}",
        "health_on": "on {date}",
        "health_stale": "last rated on {date}, {days} days ago",
        "edit_project": "Edit this project",
        "edit_project_hint": "(file {path} in the repository)",
        "summary": "In short",
        "no_milestones": "No milestone is given.",
        "no_budget": "No budget line is given.",
        "no_indicators": "No indicator is given.",
        "no_updates": "No update is published.",
        "no_rebaselines": "The first baseline has never been changed.",
        "no_links": "No link is published.",
        "no_attention": "Nothing needs attention at this date.",
        "attention_more": "The {shown} most serious of {total}: each axis's page lists them all.",
        "budget_by_year": "By year",
        "budget_by_funder": "By funder",
        "budget_by_axis": "By axis",
        "budget_by_project": "By project",
        "milestone_timeline": "Milestone timeline",
        "days_late": "+{days} d",
        "days_early": "−{days} d",
        "on_schedule": "0 d",
        "slip_late": "{days} days late",
        "slip_early": "{days} days early",
        "slip_none": "no slip",
        "pct_over": "+{pct}",
        "pct_under": "−{pct}",
        "progress_explicit": "progress declared by the lead",
        "progress_milestones": "{reached} of {total} milestones reached",
        "progress_milestones_one": "{reached} of {total} milestones reached",
        "progress_milestones_weighted": "{reached} of {total} milestones reached "
        "(weight {reached_weight} of {total_weight})",
        "progress_milestones_weighted_one": "{reached} of {total} milestones reached "
        "(weight {reached_weight} of {total_weight})",
        "progress_none": "not given",
        "attention_intro": "Late milestones, projects in critical health or to be updated, "
        "schedule or budget variances above the thresholds, with their explanation.",
        "attention_late_milestone": "Milestone “{milestone}” is {days} days late "
        "(due on {due}).",
        "attention_critical": "Critical health.",
        "attention_stale": "Health to be updated: last rated {days} days ago.",
        "attention_schedule_slip": "Planned end pushed back by {days} days against the "
        "current plan.",
        "attention_budget_variance": "Budget variance of {pct}.",
        "explanation_label": "Explanation:",
        "explanation_missing": "no explanation given (variance below the threshold)",
        "comment_label": "Lead's comment:",
        "late": "Late",
        "due_soon": "Due in the next 90 days",
        "later": "Later",
        "reached": "Reached",
        "milestones_intro": "Every milestone of the published projects, by situation as of {date}.",
        "count_milestones": "{count} milestone(s)",
        "indicators_intro": "Each indicator goes from a dated baseline toward a dated target; "
        "progress measures how far it has come.",
        "data_intro": "The roadmap's data is published in open formats, free to reuse. CSV "
        "files are UTF-8, comma-separated, with a header row; dates are YYYY-MM-DD and numbers "
        "use a dot as decimal separator, with no thousands separator. An empty cell means "
        "“not given”.",
        "data_file": "File",
        "data_download": "Download {name}",
        "data_rows": "{count} rows",
        "data_json": "The whole roadmap, with each project's derived figures.",
        "data_json_detail": "The file holds the fields of the roadmap's YAML files (same names, "
        "same meaning); each project is followed by a “figures” object with its derived "
        "figures, and the roadmap by a “figures” object with the totals. A field left empty "
        "in the YAML files is absent from the file. Each project takes one line of the file.",
        "field": "Field",
        "type": "Type",
        "meaning": "Meaning",
        "dictionary": "Field dictionary",
        "methodology_intro": "Every figure on this site is computed from the roadmap files by a "
        "single rule, written below so that anyone can check it. No figure is typed by hand.",
        "reporting_date": "Reporting date",
        "reporting_date_text": "The information is given as of {date}. Lateness, the 90-day "
        "horizon and the age of health ratings are judged at that date, never at the date the "
        "site was built.",
        "thresholds": "Thresholds in force",
        "threshold_budget": "Budget variance allowed without an explanation",
        "threshold_schedule": "Schedule slip allowed without an explanation",
        "threshold_stale": "Age after which a health rating is “to be updated”",
        "threshold_days": "{days} days",
        "rules": "Rules",
        "rule": "Rule",
        "figure": "Figure",
        "excluded": "Projects left out of the average progress",
        "excluded_none": "Every published project counts in the average progress.",
        "excluded_cancelled": "cancelled project",
        "excluded_no_progress": "neither a declared progress nor milestones",
        "a11y_to_complete": "to be completed by the organisation",
    },
}

def catalogue(language: str) -> dict[str, str]:
    """The labels of `language` (French for anything but English)."""
    return TEXT["en" if language == "en" else "fr"]


def as_of(language: str, date_text: str) -> str:
    return catalogue(language)["as_of"].format(date=date_text)


def days_text(days: int | None, language: str) -> str:
    """A signed slip in days for tables: `+42 j`, `−3 j`, `0 j`."""
    words = catalogue(language)
    if days is None:
        return words["not_given"]
    if days > 0:
        return words["days_late"].format(days=format_number(days, language))
    if days < 0:
        return words["days_early"].format(days=format_number(-days, language))
    return words["on_schedule"]


def slip_sentence(days: int | None, language: str) -> str:
    """A slip in words for the project card: `92 jours de retard`."""
    words = catalogue(language)
    if days is None:
        return words["not_given"]
    if days > 0:
        return words["slip_late"].format(days=format_number(days, language))
    if days < 0:
        return words["slip_early"].format(days=format_number(-days, language))
    return words["slip_none"]


def signed_percent(value: float | None, language: str) -> str:
    """A variance in %: `+6,8 %`, `−2 %`."""
    words = catalogue(language)
    if value is None:
        return words["not_given"]
    if value < 0:
        return words["pct_under"].format(pct=format_percent(-value, language))
    return words["pct_over"].format(pct=format_percent(value, language))


def progress_rule(progress: Progress, language: str) -> str:
    """The rule behind a project's progress, with its numerator and denominator."""
    words = catalogue(language)
    if progress.rule == "explicit":
        return words["progress_explicit"]
    if progress.rule == "milestones":
        # French puts 0 and 1 in the singular ("1 jalon atteint sur 4").
        one = "_one" if progress.reached <= 1 else ""
        if progress.reached_weight == progress.reached and progress.total_weight == progress.total:
            return words["progress_milestones" + one].format(reached=progress.reached,
                                                             total=progress.total)  # fmt: skip
        return words["progress_milestones_weighted" + one].format(
            reached=progress.reached, total=progress.total,
            reached_weight=format_number(progress.reached_weight, language, 2),
            total_weight=format_number(progress.total_weight, language, 2),
        )  # fmt: skip
    return words["progress_none"]


def headline(planned: float, spent: float, consumption_pct: float | None, language: str,
             currency: str) -> str:  # fmt: skip
    """The one-sentence summary of the budget: `Sur 13,5 M€ prévus, 1,9 M€ ont été mandatés…`."""
    words = catalogue(language)
    if consumption_pct is None:
        return words["headline_none"]
    return words["headline"].format(
        planned=format_amount_short(planned, language, currency),
        spent=format_amount_short(spent, language, currency),
        pct=format_percent(consumption_pct, language),
    )


def attention_sentence(item: AttentionItem, language: str) -> str:
    """What an attention item is about, in one sentence (the explanation is shown apart)."""
    words = catalogue(language)
    days = format_number(item.days, language) if item.days is not None else ""
    if item.kind == "late_milestone" and item.milestone is not None:
        return words["attention_late_milestone"].format(
            milestone=item.milestone.title, days=days,
            due=format_date(item.milestone.due, language))  # fmt: skip
    if item.kind == "budget_variance":
        return words["attention_budget_variance"].format(
            pct=signed_percent(item.pct, language))  # fmt: skip
    return words[f"attention_{item.kind}"].format(days=days)


def measure(value: float, unit: str, language: str) -> str:
    """An indicator value with its unit: `44 %`, `6 jours`."""
    number = format_number(value, language, 2)
    if unit == "%":
        return f"{number}\u00a0%" if language != "en" else f"{number}%"
    return f"{number}\u00a0{unit}"


def envelope_sentence(envelope: float | None, baseline_total: float, language: str,
                      currency: str) -> str:  # fmt: skip
    """Whether the projects' baselines stay within the voted envelope."""
    words = catalogue(language)
    if envelope is None:
        return words["envelope_missing"]
    above = baseline_total > envelope
    key = "envelope_vs_baselines_above" if above else "envelope_vs_baselines_below"
    return words[key].format(baselines=format_amount(baseline_total, language, currency),
                             envelope=format_amount(envelope, language, currency))  # fmt: skip


_RULES = {
    "fr": [
        ("État d'un jalon",
         "« Atteint » s'il a une date d'atteinte ; « En retard » si sa date prévue est passée à "
         "la date de situation sans qu'il soit atteint ; « Glisse » si sa date prévue actualisée "
         "est postérieure à sa date prévue ; « Dans les temps » sinon."),
        ("Écart d'un jalon",
         "Nombre de jours entre la date prévue et la date d'atteinte ou, à défaut, la date prévue "
         "actualisée (ou la date prévue). Un jalon en retard est attendu au plus tôt à la date de "
         "situation : son écart grandit tant qu'il n'est pas atteint."),
        ("Jalons dans les {days} prochains jours",
         "Jalons non atteints attendus entre la date de situation et {days} jours plus tard."),
        ("Avancement d'un projet",
         "L'avancement déclaré par le porteur s'il est renseigné ; sinon la part pondérée des "
         "jalons atteints (somme des poids des jalons atteints ÷ somme des poids de tous les "
         "jalons, chaque jalon pesant 1 sauf mention contraire) ; sinon « non renseigné ». La "
         "page de chaque projet indique la règle appliquée, par exemple « 3 jalons atteints "
         "sur 5 »."),
        ("Avancement moyen",
         "Moyenne simple des avancements des projets qui en ont un. Les projets abandonnés et "
         "ceux qui n'ont ni avancement déclaré ni jalon sont exclus du calcul ; ils sont listés "
         "ci-dessous."),
        ("Crédits prévus, engagés et mandatés",
         "Sommes des lignes budgétaires des projets (par projet, axe, financeur, année ou pour "
         "l'ensemble). Un montant engagé ou mandaté non renseigné compte pour zéro."),
        ("Consommation",
         "Montant mandaté ÷ crédits prévus. Le taux d'engagement est le montant engagé ÷ "
         "crédits prévus."),
        ("Budget approuvé et écart budgétaire",
         "Le budget approuvé en vigueur est celui du dernier changement de référence, sinon le "
         "budget de référence fixé au lancement, qui n'est jamais modifié. L'écart compare les "
         "crédits prévus au budget approuvé en vigueur, puis à la référence initiale, pour "
         "qu'un changement de référence ne masque pas une dérive."),
        ("Fin attendue et écart de calendrier",
         "La fin attendue est la fin effective, sinon la fin prévue actualisée, sinon la fin "
         "prévue du plan en vigueur ; pour un projet non terminé dont cette date est passée, au "
         "plus tôt la date de situation. L'écart est compté en jours par rapport à la fin prévue "
         "du plan en vigueur (dernier changement de référence) et par rapport à la fin prévue au "
         "lancement. Il n'est pas calculé pour un projet abandonné."),
        ("Météo",
         "L'appréciation datée du porteur : bonne, sous surveillance ou critique. Quand elle a "
         "plus de {stale} jours à la date de situation, elle est affichée « À mettre à jour » "
         "et non dans son ancienne couleur ; sans appréciation, elle est « Non renseignée »."),
        ("Progression d'un indicateur",
         "(dernière mesure − valeur de départ) ÷ (cible − valeur de départ). 100 % : la cible "
         "est atteinte ; au-delà, elle est dépassée ; une valeur négative signifie que "
         "l'indicateur s'éloigne de la cible. Sans mesure, la progression n'est pas calculée."),
        ("Points d'attention",
         "Pour les projets ni terminés ni abandonnés : météo critique ; météo à mettre à jour ; "
         "jalon en retard ; fin attendue repoussée de plus de {slip} jours par rapport au plan "
         "en vigueur ; écart budgétaire de plus de {overrun} (crédits prévus au-delà du budget "
         "approuvé, ou montant engagé ou mandaté au-delà des crédits prévus). Au-delà de ces "
         "seuils, une explication est obligatoire : elle est publiée à côté de l'écart."),
        ("Projets à diffusion interne",
         "Les projets marqués « internal » ne figurent ni dans les pages, ni dans les chiffres, "
         "ni dans les totaux, ni dans les données téléchargeables du site public."),
    ],
    "en": [
        ("Milestone state",
         "“Reached” when it has a date reached; “Late” when its due date has passed at the "
         "reporting date and it is not reached; “Slipping” when its forecast is later than its "
         "due date; “On time” otherwise."),
        ("Milestone slip",
         "Days between the due date and the date reached or, failing that, the forecast (or "
         "due) date. A late milestone is expected at the reporting date at the earliest: its "
         "slip grows until it is reached."),
        ("Milestones due in the next {days} days",
         "Milestones not reached, expected between the reporting date and {days} days later."),
        ("Project progress",
         "The progress declared by the lead when given; else the weighted share of reached "
         "milestones (sum of the weights of reached milestones ÷ sum of the weights of all "
         "milestones, each weighing 1 unless stated); else “not given”. Each project page says "
         "which rule applies, for example “3 of 5 milestones reached”."),
        ("Average progress",
         "The plain mean of the progress of the projects that have one. Cancelled projects and "
         "projects with neither a declared progress nor milestones are left out; they are "
         "listed below."),
        ("Planned, committed and spent",
         "Sums of the projects' budget lines (by project, axis, funder, year or overall). A "
         "committed or spent amount not given counts as zero."),
        ("Consumption",
         "Spent ÷ planned. The commitment rate is committed ÷ planned."),
        ("Approved budget and budget variance",
         "The current approved budget is the latest rebaseline's, else the baseline budget set "
         "at launch, which is never changed. The variance compares the planned amounts with the "
         "current approved budget, then with the first baseline, so that a rebaseline does not "
         "hide drift."),
        ("Expected end and schedule slip",
         "The expected end is the actual end, else the forecast end, else the planned end of "
         "the current plan; for an unfinished project whose date has passed, the reporting date "
         "at the earliest. The slip is counted in days against the current plan's end (latest "
         "rebaseline) and against the end planned at launch. It is not computed for a cancelled "
         "project."),
        ("Health",
         "The lead's dated rating: good, watch or critical. When it is more than {stale} days "
         "old at the reporting date it is shown as “To be updated”, not in its old colour; "
         "without a rating it is “Not given”."),
        ("Indicator progress",
         "(latest − baseline) ÷ (target − baseline). 100%: the target is met; above, it is "
         "exceeded; a negative value means the indicator is moving away from its target. "
         "Without a measurement, progress is not computed."),
        ("Needs attention",
         "For projects neither done nor cancelled: critical health; health to be updated; late "
         "milestone; expected end pushed back by more than {slip} days against the current "
         "plan; budget variance above {overrun} (planned above the approved budget, or "
         "committed or spent above planned). Beyond these thresholds an explanation is "
         "required: it is published beside the variance."),
        ("Internal projects",
         "Projects marked “internal” appear in no page, figure, total or download of the "
         "public site."),
    ],
}  # fmt: skip


def rules(thresholds: Thresholds, language: str) -> list[tuple[str, str]]:
    """Every derived figure's rule, with the thresholds in force."""
    values = {"days": DUE_SOON_DAYS, "stale": thresholds.stale_after_days,
              "slip": thresholds.schedule_slip_days,
              "overrun": format_percent(thresholds.budget_overrun_pct, language)}  # fmt: skip
    return [(figure.format(**values), rule.format(**values))
            for figure, rule in _RULES["en" if language == "en" else "fr"]]  # fmt: skip
