"""The charts' words in French and English, and user text made safe for plotly.

Sentences are chosen by count with the language's plural rules (French puts 0 and 1 in the
singular); plotly reads a few HTML tags in hovers and tick labels, so user text reaches it
escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any, Final

from babel import Locale

from generator.rendering.formatting import format_number, format_percent, locale_of

# --- words -------------------------------------------------------------------------------------

WORDS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "colon": "\u00a0: ",
        "and": " et ",
        "planned": "Prévu",
        "committed": "Engagé",
        "spent": "Mandaté",
        "consumption": "Mandaté / prévu",
        "share": "Part du prévu",
        "total": "Total",
        "axis": "Axe",
        "project": "Projet",
        "year": "Année",
        "funder": "Financeur",
        "no_funder": "Financeur non renseigné",
        "status": "Statut",
        "health": "Météo",
        "start": "Début",
        "planned_end": "Fin prévue",
        "expected_end": "Fin attendue",
        "milestones": "Jalons",
        "milestone": "Jalon",
        "state": "État",
        "due": "Date prévue",
        "expected": "Date atteinte ou attendue",
        "reached_on": "Atteint le",
        "expected_on": "Attendu le",
        "slip": "Écart",
        "days": "{n}\u00a0j",
        "date": "Date",
        "value": "Valeur",
        "kind": "Nature",
        "baseline": "Valeur de départ",
        "measure": "Mesure",
        "target": "Cible",
        "trajectory": "Trajectoire vers la cible",
        "projects_count": "Projets",
        "as_of_line": "Date de situation\u00a0: {date}",
        "not_applicable": "sans objet",
        "by_year": "Par année",
        "by_funder": "Par financeur",
        "table_toggle": "Voir le tableau des données",
        # captions (above the chart) and table captions
        "cap.budget_by_axis": "Budget par axe\u00a0: crédits prévus, engagés et mandatés",
        "tab.budget_by_axis": "Budget par axe, en euros",
        "cap.health_by_axis": "Météo des projets par axe",
        "tab.health_by_axis": "Nombre de projets par météo et par axe",
        "cap.timeline": "Calendrier des projets et de leurs jalons",
        "tab.timeline": "Dates des projets et état de leurs jalons",
        "cap.timeline_by_axis": "Calendrier par axe\u00a0: du premier début à la dernière fin "
        "attendue de ses projets",
        "tab.timeline_by_axis": "Dates des projets et état de leurs jalons, par axe",
        "projects_dated": "Projets datés",
        "ends_late": "Projets finissant après la date prévue",
        "latest_planned_end": "Dernière fin prévue",
        "latest_expected_end": "Dernière fin attendue",
        "first_start": "Premier début",
        "cap.budget_by_year": "Budget par année\u00a0: crédits prévus, engagés et mandatés",
        "tab.budget_by_year": "Budget par année, en euros",
        "cap.budget_by_funder": "Budget par financeur\u00a0: crédits prévus, engagés et mandatés",
        "tab.budget_by_funder": "Budget par financeur, en euros",
        "cap.axis_budget": "Budget des projets de l’axe\u00a0: crédits prévus, engagés et mandatés",
        "tab.axis_budget": "Budget des projets de l’axe «\u00a0{axis}\u00a0», en euros",
        "cap.project_milestones": "Jalons\u00a0: dates prévues et dates atteintes ou attendues",
        "tab.project_milestones": "Jalons du projet «\u00a0{project}\u00a0»",
        "cap.project_budget": "Budget par année et par financeur",
        "tab.project_budget": "Lignes budgétaires du projet «\u00a0{project}\u00a0», en euros",
        "cap.indicator": "{indicator}\u00a0: valeur de départ, mesures et cible",
        "tab.indicator": "Valeurs de l’indicateur «\u00a0{indicator}\u00a0»",
        # takeaways
        "budget.none": "Aucun crédit n’est prévu pour l’instant.",
        "budget.nothing": "Sur {planned} prévus, rien n’est encore engagé ni mandaté.",
        "budget.committed_only": (
            "Sur {planned} prévus, {committed} sont engagés et rien n’est encore mandaté."
        ),
        "budget.full": (
            "Sur {planned} prévus, {committed} sont engagés et {spent} mandatés, "
            "soit {pct} du prévu."
        ),
        "health.none": "Aucun projet n’est suivi pour l’instant.",
        "health.one": (
            "Sur {total} projet\u00a0: {critical} en météo critique, {watch} sous surveillance, "
            "{good} en bonne météo et {outdated} sans météo à jour."
        ),
        "health.other": (
            "Sur {total} projets\u00a0: {critical} en météo critique, {watch} sous surveillance, "
            "{good} en bonne météo et {outdated} sans météo à jour."
        ),
        "timeline.none": "Aucun projet n’est encore daté.",
        "timeline.sentence": "Au {date}, {ends} et {late}.",
        "timeline.ends.zero": "aucun des {total} projets n’a de fin attendue après la date prévue",
        "timeline.ends.one": "{count} projet sur {total} a une fin attendue après la date prévue",
        "timeline.ends.other": (
            "{count} projets sur {total} ont une fin attendue après la date prévue"
        ),
        "timeline.late.zero": "aucun jalon n’est en retard",
        "timeline.late.one": "{count} jalon est en retard",
        "timeline.late.other": "{count} jalons sont en retard",
        "year.max": (
            "{year} est l’année qui compte le plus de crédits prévus\u00a0: {amount} sur {total}."
        ),
        "funder.single": "{funder} apporte la totalité des {total} prévus.",
        "funder.max": (
            "Le premier financeur, {funder}, apporte {pct} des crédits prévus "
            "({amount} sur {total})."
        ),
        "ms.sentence": "Sur {total}, {parts}.",
        "ms.total.one": "{count} jalon",
        "ms.total.other": "{count} jalons",
        "ms.reached.one": "{count} est atteint",
        "ms.reached.other": "{count} sont atteints",
        "ms.late.one": "{count} est en retard",
        "ms.late.other": "{count} sont en retard",
        "ms.slipping.one": "{count} glisse",
        "ms.slipping.other": "{count} glissent",
        "ms.on_time.one": "{count} est dans les temps",
        "ms.on_time.other": "{count} sont dans les temps",
        "ind.progress": (
            "{latest} au {date}, pour une cible de {target} au {target_date}\u00a0: "
            "{pct} du chemin parcouru depuis la valeur de départ ({baseline})."
        ),
        "ind.backwards": (
            "{latest} au {date}, pour une cible de {target} au {target_date}\u00a0: "
            "l’indicateur s’éloigne de la cible depuis la valeur de départ ({baseline})."
        ),
        "ind.flat": "{latest} au {date}, pour une cible de {target} au {target_date}.",
        "ind.no_measure": (
            "Aucune mesure pour l’instant\u00a0: valeur de départ {baseline} au {date}, "
            "cible {target} au {target_date}."
        ),
    },
    "en": {
        "colon": ": ",
        "and": " and ",
        "planned": "Planned",
        "committed": "Committed",
        "spent": "Spent",
        "consumption": "Spent / planned",
        "share": "Share of planned",
        "total": "Total",
        "axis": "Axis",
        "project": "Project",
        "year": "Year",
        "funder": "Funder",
        "no_funder": "Funder not given",
        "status": "Status",
        "health": "Health",
        "start": "Start",
        "planned_end": "Planned end",
        "expected_end": "Expected end",
        "milestones": "Milestones",
        "milestone": "Milestone",
        "state": "State",
        "due": "Planned date",
        "expected": "Date reached or expected",
        "reached_on": "Reached on",
        "expected_on": "Expected on",
        "slip": "Slip",
        "days": "{n} d",
        "date": "Date",
        "value": "Value",
        "kind": "Kind",
        "baseline": "Baseline",
        "measure": "Measurement",
        "target": "Target",
        "trajectory": "Path to the target",
        "projects_count": "Projects",
        "as_of_line": "Reporting date: {date}",
        "not_applicable": "n/a",
        "by_year": "By year",
        "by_funder": "By funder",
        "table_toggle": "Show the data table",
        "cap.budget_by_axis": "Budget by axis: planned, committed and spent",
        "tab.budget_by_axis": "Budget by axis",
        "cap.health_by_axis": "Project health by axis",
        "tab.health_by_axis": "Number of projects by health and axis",
        "cap.timeline": "Timeline of projects and their milestones",
        "tab.timeline": "Project dates and the state of their milestones",
        "cap.timeline_by_axis": "Timeline by axis: from the first start to the last expected "
        "end of its projects",
        "tab.timeline_by_axis": "Project dates and the state of their milestones, by axis",
        "projects_dated": "Projects with dates",
        "ends_late": "Projects ending after their planned date",
        "latest_planned_end": "Last planned end",
        "latest_expected_end": "Last expected end",
        "first_start": "First start",
        "cap.budget_by_year": "Budget by year: planned, committed and spent",
        "tab.budget_by_year": "Budget by year",
        "cap.budget_by_funder": "Budget by funder: planned, committed and spent",
        "tab.budget_by_funder": "Budget by funder",
        "cap.axis_budget": "Budget of the axis's projects: planned, committed and spent",
        "tab.axis_budget": "Budget of the projects of the axis “{axis}”",
        "cap.project_milestones": "Milestones: planned dates and dates reached or expected",
        "tab.project_milestones": "Milestones of the project “{project}”",
        "cap.project_budget": "Budget by year and funder",
        "tab.project_budget": "Budget lines of the project “{project}”",
        "cap.indicator": "{indicator}: baseline, measurements and target",
        "tab.indicator": "Values of the indicator “{indicator}”",
        "budget.none": "No funding is planned yet.",
        "budget.nothing": "Of {planned} planned, nothing is committed or spent yet.",
        "budget.committed_only": (
            "Of {planned} planned, {committed} is committed and nothing spent yet."
        ),
        "budget.full": (
            "Of {planned} planned, {committed} is committed and {spent} spent, "
            "i.e. {pct} of the plan."
        ),
        "health.none": "No project is tracked yet.",
        "health.one": (
            "Of {total} project: {critical} critical, {watch} under watch, {good} good "
            "and {outdated} without an up-to-date rating."
        ),
        "health.other": (
            "Of {total} projects: {critical} critical, {watch} under watch, {good} good "
            "and {outdated} without an up-to-date rating."
        ),
        "timeline.none": "No project has dates yet.",
        "timeline.sentence": "As of {date}, {ends} and {late}.",
        "timeline.ends.zero": (
            "none of the {total} projects is expected to end after its planned date"
        ),
        "timeline.ends.one": (
            "{count} of {total} projects is expected to end after its planned date"
        ),
        "timeline.ends.other": (
            "{count} of {total} projects are expected to end after their planned date"
        ),
        "timeline.late.zero": "no milestone is late",
        "timeline.late.one": "{count} milestone is late",
        "timeline.late.other": "{count} milestones are late",
        "year.max": "{year} is the year with the most planned funding: {amount} of {total}.",
        "funder.single": "{funder} provides all of the {total} planned.",
        "funder.max": (
            "The largest funder, {funder}, provides {pct} of planned funding ({amount} of {total})."
        ),
        "ms.sentence": "Of {total}, {parts}.",
        "ms.total.one": "{count} milestone",
        "ms.total.other": "{count} milestones",
        "ms.reached.one": "{count} is reached",
        "ms.reached.other": "{count} are reached",
        "ms.late.one": "{count} is late",
        "ms.late.other": "{count} are late",
        "ms.slipping.one": "{count} is slipping",
        "ms.slipping.other": "{count} are slipping",
        "ms.on_time.one": "{count} is on time",
        "ms.on_time.other": "{count} are on time",
        "ind.progress": (
            "{latest} on {date}, for a target of {target} by {target_date}: "
            "{pct} of the way from the baseline ({baseline})."
        ),
        "ind.backwards": (
            "{latest} on {date}, for a target of {target} by {target_date}: "
            "the indicator has moved away from the target since the baseline ({baseline})."
        ),
        "ind.flat": "{latest} on {date}, for a target of {target} by {target_date}.",
        "ind.no_measure": (
            "No measurement yet: baseline {baseline} on {date}, target {target} by {target_date}."
        ),
    },
}


def lang(language: str) -> str:
    return "en" if language == "en" else "fr"


def word(language: str, key: str) -> str:
    return WORDS[lang(language)][key]


def counted(language: str, key: str, count: int, **values: str) -> str:
    """The catalogue entry `key` in the plural form that `count` takes in `language` (French
    puts 0 and 1 in the singular); a `.zero` entry, when there is one, is used for 0."""
    catalogue = WORDS[lang(language)]
    if count == 0 and f"{key}.zero" in catalogue:
        form = "zero"
    else:
        form = "one" if Locale.parse(locale_of(language)).plural_form(count) == "one" else "other"
    return catalogue[f"{key}.{form}"].format(count=format_number(count, language), **values)


def join_words(parts: Sequence[str], language: str) -> str:
    """`a, b et c`."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + word(language, "and") + parts[-1]


def pct(value: float | None, language: str) -> str:
    return (
        format_percent(value, language) if value is not None else word(language, "not_applicable")
    )


def labelled(label: str, value: str, language: str) -> str:
    return f"{label}{word(language, 'colon')}{value}"


# --- text for plotly ---------------------------------------------------------------------------


# Breaks and runs of ordinary spaces; not the no-break spaces of French typography (`14 %`).
BREAKS: Final = re.compile("[ \t\n\r\f\v\x85\u2028\u2029]+")


def plain(text: str) -> str:
    """Text on one line: YAML block scalars may hold line breaks, and a blank line would end
    the raw HTML block in the Markdown page."""
    # Most text has no break nor double space (line breaks, tabs, NEL, U+2028/9 are not
    # printable): no need for the regular expression, called for every table cell.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return BREAKS.sub(" ", text).strip()


def svg_text(text: str) -> str:
    """User text for plotly, which reads a few HTML tags in hovers and ticks: escaped, so that
    a title such as `<a href=…>` stays text (plotly decodes the entities when drawing)."""
    return html.escape(plain(text), quote=False)


def wrap(text: str, width: int = 26, max_lines: int = 2) -> str:
    """A tick label on at most `max_lines` lines of about `width` characters, cut with `…`:
    long titles would otherwise eat the plot's width on a phone. Hovers and tables keep
    the whole title."""
    lines: list[str] = []
    current = ""
    for token in plain(text).split(" "):
        if current and len(current) + 1 + len(token) > width:
            lines.append(current)
            current = token
        else:
            current = f"{current} {token}" if current else token
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,;:") + "…"
    lines = [line if len(line) <= width + 1 else line[: width - 1] + "…" for line in lines]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


# A hover as the pieces whose concatenation is its text, so that `hover_data` can write the
# pieces every point of a trace shares once, in the trace's `hovertemplate`.
Hover = tuple[str, ...]
_FIELD: Final = "%{"  # where plotly reads a field in a `hovertemplate`
_NO_SECOND_BOX: Final = "<extra></extra>"  # plotly's box with the trace's name, left out


def hover(
    title: str,
    *lines: tuple[str, str] | None,
    title_label: str | None = None,
    language: str,
) -> Hover:
    """A hover: the title in bold (after `title_label :` if given), then `label : value`
    lines (values already formatted). A line given as None is left out: a slip that only some
    points of a trace have."""

    def escape(text: str) -> str:
        return html.escape(text, quote=False)

    prefix = "" if title_label is None else escape(title_label) + word(language, "colon")
    pieces = ["<b>" + prefix, svg_text(title), "</b>"]
    for line in lines:
        if line is None:
            pieces += ["", ""]
        else:
            label, value = line
            pieces += ["<br>" + escape(label) + word(language, "colon"), escape(value)]
    return tuple(pieces)


def hover_data(
    hovers: Sequence[Hover], categories: tuple[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    """A trace's `hovertemplate` and `customdata` that show `hovers` (one per point) exactly.

    The pieces found at the same place in every hover (labels, a state all the trace's
    points are in, a title they share) are written once, in the template; only the others
    go to `customdata`, adjacent ones joined, a column equal to an earlier one not repeated,
    and as plain strings rather than lists when one column is left. `categories`, the axis
    (`x` or `y`) and the points' categories on it: a column that repeats them (years) reads
    them there (`%{y}`). Numbers and dates are already written here: plotly.js knows neither
    French numbers nor French dates. Should the template's own text hold `%{` (user text),
    where plotly would read a field, every hover goes whole to `customdata`."""
    if not hovers:
        return {}
    size = len(hovers[0])
    if any(len(h) != size for h in hovers):
        raise ValueError("the hovers of one trace must be made of the same pieces")
    parts: list[str | tuple[str, ...]] = []  # shared text, or one piece per point
    for index in range(size):
        pieces = tuple(h[index] for h in hovers)
        shared = all(piece == pieces[0] for piece in pieces)
        if shared and not pieces[0]:
            continue
        if shared and parts and isinstance(parts[-1], str):
            parts[-1] += pieces[0]
        elif shared:
            parts.append(pieces[0])
        elif parts and isinstance(parts[-1], tuple):
            parts[-1] = tuple(a + b for a, b in zip(parts[-1], pieces, strict=True))
        else:
            parts.append(pieces)
    if any(isinstance(part, str) and _FIELD in part for part in parts):
        parts = [tuple("".join(h) for h in hovers)]
    axis, on_axis = categories if categories is not None else ("", ())
    columns: list[tuple[str, ...]] = []
    for part in parts:
        if isinstance(part, tuple) and part != tuple(on_axis) and part not in columns:
            columns.append(part)

    def text(part: str | tuple[str, ...]) -> str:
        if isinstance(part, str):
            return part
        if part == tuple(on_axis):
            return f"%{{{axis}}}"
        return "%{customdata}" if len(columns) == 1 else f"%{{customdata[{columns.index(part)}]}}"

    data: dict[str, Any] = {"hovertemplate": "".join(map(text, parts)) + _NO_SECOND_BOX}
    if len(columns) == 1:
        data["customdata"] = list(columns[0])
    elif columns:
        data["customdata"] = [list(row) for row in zip(*columns, strict=True)]
    return data
