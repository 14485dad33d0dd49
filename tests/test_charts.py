"""Charts: each builder on a fixture roadmap draws what the derived figures hold, says it in
one correct sentence, and renders to one safe, self-contained HTML block.

The fixture is tests/fixtures/portfolio (as of 30 June 2021), read with its internal project.
Every expected value below is worked out by hand from its YAML; the facts used most:

    project   axis      status       health (date -> state)       planned / committed / spent
    archives  outils    on_hold      good 2021-02-01 -> stale      200 000 /  20 000 /  10 000
    audit     outils    in_progress  critical 2021-06-20           90 000 /  30 000 /  12 345
    borne     services  cancelled    none -> unknown                50 000 /   5 000 /   5 000
    portail   services  in_progress  watch 2021-06-15             550 000 / 250 000 / 100 000
    socle     outils    done         good 2021-05-20              300 000 / 290 000 / 280 000

    services: 600 000 / 255 000 / 105 000; outils: 590 000 / 340 000 / 302 345;
    total: 1 190 000 / 595 000 / 407 345; by year 2021: 820 000, 2022: 370 000;
    by funder agglo: 1 010 000, etat: 180 000.
    portail's milestones: reached, late (due 31 May), on time (due 15 Sept), slipping.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser

from generator.figures.derive import Figures, ProjectFigures, derive_figures
from generator.i18n import placeholders
from generator.model import Axis, Lead, Milestone, Period, Project, Roadmap
from generator.rendering import charts
from generator.rendering.charts import Chart
from generator.validation.validate import validate_roadmap
from tests.conftest import serve_directory

REPO_ROOT = Path(__file__).resolve().parent.parent
PORTFOLIO = REPO_ROOT / "tests" / "fixtures" / "portfolio"
MINIMAL_EN = REPO_ROOT / "tests" / "fixtures" / "minimal-en"  # in pounds
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    result = validate_roadmap(PORTFOLIO)
    assert result.roadmap is not None, [str(d) for d in result.errors]
    return result.roadmap


@pytest.fixture(scope="module")
def figures(roadmap: Roadmap) -> Figures:
    return derive_figures(roadmap)


def all_charts(figures: Figures, language: str) -> list[Chart]:
    """Every chart the site can show for the roadmap."""
    roadmap = figures.roadmap
    result = [
        charts.budget_by_axis(figures, language),
        charts.health_by_axis(figures, language),
        charts.portfolio_timeline(figures, language),
        charts.budget_by_year(figures, language),
        charts.budget_by_funder(figures, language),
    ]
    for _, portfolio in figures.by_axis:
        result.append(charts.axis_budget(portfolio, roadmap, language))
        result.append(charts.portfolio_timeline(figures, language, projects=portfolio.projects))
    for p in figures.overall.projects:
        own = figures.charts.projects[p.project.id]
        for chart in (charts.project_milestones(p, roadmap, language, own),
                      charts.project_budget(p, roadmap, language, own)):  # fmt: skip
            if chart is not None:
                result.append(chart)
        result += [charts.indicator_chart(i, roadmap, language) for i in p.indicators]
    return result


def _under(default: Any, own: Any) -> Any:
    """`own` over `default`, object by object, as plotly reads a template."""
    if not (isinstance(default, dict) and isinstance(own, dict)):
        return own
    return {**default, **{k: _under(default[k], v) if k in default else v for k, v in own.items()}}


def drawn(figure: dict[str, Any]) -> dict[str, Any]:
    """The figure as plotly draws it: its template's defaults under its own values. A trace
    gets its type's item of the template, cycled; scatter is plotly's default type."""
    template = figure["layout"]["template"]
    seen: dict[str, int] = {}
    data = []
    for trace in figure["data"]:
        kind = trace.get("type", "scatter")
        items = template["data"].get(kind, [{}])
        seen[kind] = seen.get(kind, -1) + 1
        data.append(_under({"type": kind, **items[seen[kind] % len(items)]}, trace))
    own = {key: value for key, value in figure["layout"].items() if key != "template"}
    return {"data": data, "layout": _under(template["layout"], own)}


def traces(chart: Chart, kind: str | None = None) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = drawn(chart.figure)["data"]
    return [t for t in data if kind is None or t["type"] == kind]


_FIELD = re.compile(r"%\{([^}]*)\}")


def hover_texts(trace: dict[str, Any]) -> list[str]:
    """The trace's hovers as plotly writes them: its `hovertemplate` filled in for each point
    (`customdata`, `customdata[i]`, `x`, `y`), without the empty box of `<extra></extra>`."""

    def point(index: int) -> str:
        def field(match: re.Match[str]) -> str:
            name, _, column = match[1].partition("[")
            value = trace[name][index]
            return str(value[int(column.rstrip("]"))] if column else value)

        return _FIELD.sub(field, trace["hovertemplate"]).removesuffix("<extra></extra>")

    return [point(index) for index in range(len(trace["x"]))]


def hover_title(hover: str) -> str:
    """The title of a hover, in bold on its first line."""
    match = re.match(r"<b>(.*?)</b>", hover)
    assert match, hover
    return match[1]


def bar_count(chart: Chart) -> int:
    return sum(len(t["x"]) for t in traces(chart, "bar"))


def marker_count(chart: Chart) -> int:
    return sum(len(t["x"]) for t in traces(chart, "scatter") if "markers" in t["mode"])


def template_json(block: str) -> Any:
    match = re.search(r'<template class="roadmap-chart__figure"[^>]*>(.*?)</template>', block, re.S)
    assert match, block
    return json.loads(match.group(1))


# --- figures -----------------------------------------------------------------------------------


def test_every_figure_is_valid_plotly(figures: Figures) -> None:
    """plotly's own validation: a misspelt attribute would be ignored silently by plotly.js."""
    for language in ("fr", "en"):
        every = all_charts(figures, language)
        # 5 for the roadmap, 2 for each of the 2 axes; archives: its budget; audit: its
        # milestones and budget; borne: its budget; portail: milestones, budget, 2 indicators;
        # socle: its milestones and budget.
        assert len(every) == 5 + 2 * 2 + 1 + 2 + 1 + 4 + 2
        for chart in every:
            go.Figure(chart.figure)


def test_budget_by_axis_has_three_measures_per_axis(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "fr")
    bars = traces(chart, "bar")
    assert [t["name"] for t in bars] == ["Prévu", "Engagé", "Mandaté"]
    # Two axes, services then outils, as roadmap.yaml lists them.
    assert [t["x"] for t in bars] == [
        [600_000, 590_000],  # planned: 50 000 + 550 000; 200 000 + 90 000 + 300 000
        [255_000, 340_000],  # committed: 5 000 + 250 000; 20 000 + 30 000 + 290 000
        [105_000, 302_345],  # spent: 5 000 + 100 000; 10 000 + 12 345 + 280 000
    ]
    assert [row[0] for row in chart.table.rows] == ["Services en ligne", "Outils des agents"]
    assert chart.table.totals is not None
    assert chart.table.totals[1] == f"1{NNBSP}190{NNBSP}000\u00a0€"  # 600 000 + 590 000


def test_health_by_axis_counts_every_project_in_one_state(figures: Figures) -> None:
    chart = charts.health_by_axis(figures, "fr")
    # One project in each of the five states (socle good, portail watch, audit critical,
    # archives stale: rated 149 days before as_of, borne unknown): a trace for each.
    by_name = {t["name"]: t["x"] for t in traces(chart, "bar")}
    assert by_name == {
        "Bonne": [0, 1],  # services, outils: socle
        "Sous surveillance": [1, 0],  # portail
        "Critique": [0, 1],  # audit
        "À mettre à jour": [0, 1],  # archives
        "Non renseignée": [1, 0],  # borne
    }
    assert chart.table.headers[1:] == ("Bonne", "Sous surveillance", "Critique",
                                       "À mettre à jour", "Non renseignée", "Total")  # fmt: skip


# Days from portail's start (4 Jan 2021) to its expected end (its forecast, 29 Apr 2022):
# 365 to 4 Jan 2022, 31 + 28 + 31 to 4 Apr, 25 to 29 Apr.
PORTAIL_DAYS = 365 + 31 + 28 + 31 + 25


def test_timeline_draws_a_bar_per_dated_project_and_a_marker_per_milestone(
    figures: Figures,
) -> None:
    chart = charts.portfolio_timeline(figures, "fr")
    # All five projects have a start and an end: a bar each.
    assert bar_count(chart) == 5
    # Milestones: audit 1, portail 4, socle 1.
    assert marker_count(chart) == 6
    # the reporting date: one full-height line with its legend entry
    lines = [t for t in traces(chart, "scatter") if t["mode"] == "lines"]
    assert [t["x"] for t in lines] == [["2021-06-30"] * 2]
    assert lines[0]["name"] == "Date de situation\u00a0: 30 juin 2021"
    # each bar runs from the start to the expected end of the project its hover names
    bars = {
        hover_title(hover): (trace["base"][index], trace["x"][index])
        for trace in traces(chart, "bar")
        for index, hover in enumerate(hover_texts(trace))
    }
    assert len(bars) == 5
    assert bars["Portail des démarches"] == ("2021-01-04", PORTAIL_DAYS * 86_400_000)
    # socle ended on 20 May 2021, 136 days after its start on 4 Jan (27 + 28 + 31 + 30 + 20)
    assert bars["Socle d'identité"] == ("2021-01-04", 136 * 86_400_000)
    # the table lists every project
    assert len(chart.table.rows) == 5


def test_timeline_of_an_axis_shows_only_its_projects(figures: Figures) -> None:
    axis, portfolio = figures.by_axis[0]
    assert axis.id == "services"
    chart = charts.portfolio_timeline(figures, "fr", projects=portfolio.projects)
    assert chart.id == "timeline-services"
    titles = {"Bornes d'accueil", "Portail des démarches"}
    assert {hover_title(h) for t in traces(chart, "bar") for h in hover_texts(t)} == titles
    assert {row[0] for row in chart.table.rows} == titles


def test_milestone_states_differ_by_symbol_as_well_as_colour(figures: Figures) -> None:
    p = figures.project("portail")
    chart = charts.project_milestones(p, figures.roadmap, "fr", figures.charts.projects["portail"])
    assert chart is not None
    state_traces = [t for t in traces(chart, "scatter") if t.get("meta", {}).get("halo")]
    # portail's four milestones are in four states: a trace each, a symbol each.
    symbols = [t["marker"]["symbol"] for t in state_traces]
    assert len(set(symbols)) == len(symbols) == 4
    assert [len(t["x"]) for t in state_traces] == [1, 1, 1, 1]
    # the planned date of every milestone as a tick, and the date reached or expected: 2 × 4
    assert marker_count(chart) == 8


def test_project_without_milestones_or_budget_has_no_chart(figures: Figures) -> None:
    p = figures.project("portail")
    bare = ProjectFigures(**{**p.__dict__, "milestones": (), "budget_by_year": ()})
    own = figures.charts.projects["portail"]
    assert charts.project_milestones(bare, figures.roadmap, "fr", own) is None
    assert charts.project_budget(bare, figures.roadmap, "fr", own) is None
    # archives has a budget but no milestone
    archives = figures.project("archives")
    own = figures.charts.projects["archives"]
    assert charts.project_milestones(archives, figures.roadmap, "fr", own) is None


def test_project_budget_adds_a_funder_panel_when_several_funders_pay(figures: Figures) -> None:
    # portail: 2 years (2021, 2022) and 2 funders (agglo, etat), 3 measures each.
    chart = charts.project_budget(
        figures.project("portail"), figures.roadmap, "fr", figures.charts.projects["portail"]
    )
    assert chart is not None
    assert bar_count(chart) == 3 * (2 + 2)
    assert sum(1 for t in traces(chart) if t.get("showlegend", True)) == 3
    # its lines: (2021, agglo), (2021, etat), (2022, agglo)
    assert len(chart.table.rows) == 3
    # socle: one line, 2021, agglo alone: no funder panel
    chart = charts.project_budget(
        figures.project("socle"), figures.roadmap, "fr", figures.charts.projects["socle"]
    )
    assert chart is not None
    assert bar_count(chart) == 3
    assert len(chart.table.rows) == 1


def test_indicator_chart_shows_baseline_measurements_and_target(
    figures: Figures, roadmap: Roadmap
) -> None:
    measured = figures.project("portail").indicators[0]  # demarches-en-ligne, measured twice
    chart = charts.indicator_chart(measured, figures.roadmap, "fr")
    names = [t["name"] for t in traces(chart)]
    assert names == ["Trajectoire vers la cible", "Mesure", "Valeur de départ", "Cible"]
    # the trajectory's end, 2 measurements, the baseline and the target
    assert marker_count(chart) == 1 + 2 + 2
    assert len(chart.table.rows) == 2 + 2
    # The same roadmap with portail's second indicator not measured yet.
    portail = next(p for p in roadmap.projects if p.id == "portail")
    unmeasured = portail.indicators[1].model_copy(update={"measurements": ()})
    changed = portail.model_copy(update={"indicators": (portail.indicators[0], unmeasured)})
    projects = tuple(changed if p.id == "portail" else p for p in roadmap.projects)
    bare = derive_figures(roadmap.model_copy(update={"projects": projects}))
    chart = charts.indicator_chart(bare.project("portail").indicators[1], roadmap, "fr")
    assert "Mesure" not in [t["name"] for t in traces(chart)]
    assert chart.takeaway == (
        "Aucune mesure pour l’instant\u00a0: valeur de départ 10\u00a0jours au 31 décembre 2020, "
        "cible 2\u00a0jours au 31 décembre 2022."
    )


def test_year_and_funder_charts_have_three_measures_per_category(figures: Figures) -> None:
    assert bar_count(charts.budget_by_year(figures, "fr")) == 3 * 2  # 2021, 2022
    assert bar_count(charts.budget_by_funder(figures, "fr")) == 3 * 2  # agglo, etat
    chart = charts.axis_budget(figures.by_axis[0][1], figures.roadmap, "fr")
    assert chart.id == "axis-services-budget"
    assert bar_count(chart) == 3 * 2  # borne, portail


# --- words and numbers -------------------------------------------------------------------------


def test_budget_takeaway_is_one_french_sentence_with_french_numbers(figures: Figures) -> None:
    # 1 190 000 planned, 595 000 committed, 407 345 spent: 407 345 / 1 190 000 = 34.2 %
    assert charts.budget_by_axis(figures, "fr").takeaway == (
        "Sur 1,2\u00a0M€ prévus, 595\u00a0k€ sont engagés et 407,3\u00a0k€ mandatés, "
        "soit 34\u00a0% du prévu."
    )


def test_health_takeaway(figures: Figures) -> None:
    # audit critical, portail watch, socle good; archives stale and borne unknown
    assert charts.health_by_axis(figures, "fr").takeaway == (
        "Sur 5 projets\u00a0: 1 en météo critique, 1 sous surveillance, 1 en bonne météo et "
        "2 sans météo à jour."
    )


def test_timeline_takeaway(figures: Figures) -> None:
    # Ends later than planned: portail alone (29 Apr 2022 against its rebaselined 31 Mar 2022);
    # archives and audit on time, socle early, borne cancelled. Late: portail's milestone due
    # on 31 May 2021.
    assert charts.portfolio_timeline(figures, "fr").takeaway == (
        "Au 30 juin 2021, 1 projet sur 5 a une fin attendue après la date prévue et 1 jalon est "
        "en retard."
    )


def test_year_funder_milestone_and_indicator_takeaways(figures: Figures) -> None:
    # 2021: 80 000 + 90 000 + 50 000 + 300 000 + 300 000 = 820 000; 2022: 370 000
    assert charts.budget_by_year(figures, "fr").takeaway == (
        "2021 est l’année qui compte le plus de crédits prévus\u00a0: 820\u00a0k€ sur 1,2\u00a0M€."
    )
    # agglo: 1 010 000 of 1 190 000 = 84.9 %
    assert charts.budget_by_funder(figures, "fr").takeaway == (
        "Le premier financeur, Agglomération, apporte 85\u00a0% des crédits prévus "
        "(1\u00a0M€ sur 1,2\u00a0M€)."
    )
    p = figures.project("portail")
    chart = charts.project_milestones(p, figures.roadmap, "fr", figures.charts.projects["portail"])
    assert chart is not None
    assert chart.takeaway == (
        "Sur 4 jalons, 1 est atteint, 1 est en retard, 1 glisse et 1 est dans les temps."
    )
    # demarches-en-ligne: (20 − 10) / (50 − 10) = 25 %
    assert charts.indicator_chart(p.indicators[0], figures.roadmap, "fr").takeaway == (
        "20\u00a0démarches au 30 juin 2021, pour une cible de 50\u00a0démarches au "
        "31 décembre 2022\u00a0: 25\u00a0% du chemin parcouru depuis la valeur de départ "
        "(10\u00a0démarches)."
    )
    # delai-reponse, decreasing: (6 − 10) / (2 − 10) = 50 %
    assert charts.indicator_chart(p.indicators[1], figures.roadmap, "fr").takeaway == (
        "6\u00a0jours au 30 juin 2021, pour une cible de 2\u00a0jours au 31 décembre 2022\u00a0: "
        "50\u00a0% du chemin parcouru depuis la valeur de départ (10\u00a0jours)."
    )


def test_every_takeaway_is_one_sentence(figures: Figures) -> None:
    for language in ("fr", "en"):
        for chart in all_charts(figures, language):
            assert chart.takeaway.endswith("."), chart.id
            body = chart.takeaway[:-1].replace("i.e.", "ie")
            assert ". " not in body, chart.takeaway


def test_hovers_and_ticks_are_french(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "fr")
    hover = hover_texts(traces(chart)[0])[0]
    assert hover == f"<b>Services en ligne</b><br>Prévu\u00a0: 600{NNBSP}000\u00a0€"
    # the largest axis plans 600 000: a tick every 200 000 (600 000 / 5 ticks, rounded up)
    assert chart.figure["layout"]["xaxis"]["ticktext"] == [
        "0\u00a0€",
        "200\u00a0k€",
        "400\u00a0k€",
        "600\u00a0k€",
    ]
    assert drawn(chart.figure)["layout"]["separators"] == "," + NNBSP
    portail, own = figures.project("portail"), figures.charts.projects["portail"]
    milestones = charts.project_milestones(portail, figures.roadmap, "fr", own)
    assert milestones is not None
    # Dates from 10 Feb 2021 to 29 Apr 2022, padded by 443 // 30 = 14 days: a tick a quarter.
    assert milestones.figure["layout"]["xaxis"]["ticktext"] == [
        "avr. 2021",
        "juil. 2021",
        "oct. 2021",
        "janv. 2022",
        "avr. 2022",
    ]
    budget = charts.project_budget(portail, figures.roadmap, "fr", own)
    assert budget is not None
    # 2021: spent 60 000 + 40 000 of 200 000 + 100 000 planned, a third
    assert hover_texts(traces(budget)[2])[0] == (
        f"<b>Année\u00a0: 2021</b><br>Mandaté\u00a0: 100{NNBSP}000\u00a0€"
        f"<br>Mandaté / prévu\u00a0: 33\u00a0%"
    )


def test_english_labels(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "en")
    assert [t["name"] for t in traces(chart)] == ["Planned", "Committed", "Spent"]
    assert chart.takeaway == (
        "Of €1.2m planned, €595k is committed and €407.3k spent, i.e. 34% of the plan."
    )
    assert chart.table.headers[0] == "Axis"
    assert drawn(chart.figure)["layout"]["separators"] == ".,"
    html_block = charts.render_chart(chart)
    assert "Show the data table" in html_block
    timeline = charts.portfolio_timeline(figures, "en")
    assert timeline.takeaway == (
        "As of 30 June 2021, 1 of 5 projects is expected to end after its planned date and "
        "1 milestone is late."
    )
    # a bar for each status present and a trace for each milestone state, the reporting date
    assert {t["name"] for t in traces(timeline)} == {
        "In progress", "Done", "On hold", "Cancelled",
        "Reached", "On time", "Late", "Slipping", "Reporting date: 30 June 2021",
    }  # fmt: skip


def test_the_roadmap_currency_is_in_the_words_and_ticks() -> None:
    """minimal-en counts in pounds: one budget line, 100 000 planned, 40 000 committed and
    25 000 spent (a quarter)."""
    result = validate_roadmap(MINIMAL_EN)
    assert result.roadmap is not None, [str(d) for d in result.errors]
    chart = charts.budget_by_axis(derive_figures(result.roadmap), "en")
    assert chart.takeaway == (
        "Of £100k planned, £40k is committed and £25k spent, i.e. 25% of the plan."
    )
    # 100 000 in 5 ticks: a step of 20 000 (2 × 10^4)
    assert chart.figure["layout"]["xaxis"]["ticktext"] == [
        "£0", "£20k", "£40k", "£60k", "£80k", "£100k"
    ]  # fmt: skip


def test_singular_and_empty_cases() -> None:
    """French puts 0 and 1 in the singular; nothing planned or dated gets its own sentence."""
    axis = Axis(id="axe", title="Axe")
    project = Project(id="p", source="projects/p.yaml", title="P", axis="axe",
                      lead=Lead(team="Équipe"), status="planned",
                      milestones=(Milestone(title="J", due=dt.date(2020, 9, 1)),))  # fmt: skip
    roadmap = Roadmap(title="R", organisation="O", as_of=dt.date(2020, 6, 30), axes=(axis,),
                      period=Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31)),
                      projects=(project,))  # fmt: skip
    figures = derive_figures(roadmap)
    nothing = "Aucun crédit n’est prévu pour l’instant."
    assert charts.budget_by_axis(figures, "fr").takeaway == nothing
    assert charts.health_by_axis(figures, "fr").takeaway == (  # no health given: unknown
        "Sur 1 projet\u00a0: 0 en météo critique, 0 sous surveillance, 0 en bonne météo et "
        "1 sans météo à jour."
    )
    assert charts.portfolio_timeline(figures, "fr").takeaway == "Aucun projet n’est encore daté."
    milestones = charts.project_milestones(
        figures.project("p"), roadmap, "fr", figures.charts.projects["p"]
    )
    assert milestones is not None
    assert milestones.takeaway == "Sur 1 jalon, 1 est dans les temps."
    own = figures.charts.projects["p"]
    assert charts.project_budget(figures.project("p"), roadmap, "fr", own) is None
    for chart in (charts.budget_by_axis(figures, "fr"), charts.health_by_axis(figures, "fr"),
                  charts.portfolio_timeline(figures, "fr"), milestones):  # fmt: skip
        go.Figure(chart.figure)
        charts.render_chart(chart)


# --- HTML --------------------------------------------------------------------------------------


HOSTILE = "<script>alert(1)</script> </template> R&D \u2028 “x” 'y'"


@pytest.fixture(scope="module")
def hostile_figures(roadmap: Roadmap) -> Figures:
    """The roadmap with a project whose title tries to break out of the page."""
    projects = tuple(p.model_copy(update={"title": HOSTILE}) if p.id == "portail" else p
                     for p in roadmap.projects)  # fmt: skip
    return derive_figures(roadmap.model_copy(update={"projects": projects}))


def test_user_text_is_escaped_in_the_table_and_cannot_close_a_tag(
    hostile_figures: Figures,
) -> None:
    chart = charts.portfolio_timeline(hostile_figures, "fr")
    block = charts.render_chart(chart)
    assert "<script>" not in block and "alert(1)</script>" not in block
    assert block.count("</template>") == 1
    assert "\u2028" not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/template&gt; R&amp;D" in block
    figure = template_json(block)
    assert figure == chart.figure  # its plotly template included: nothing else to fetch
    assert figure["layout"]["template"] == charts.chart_template("fr")
    # plotly reads tags in hovers and ticks: the title reaches it escaped, as text
    hovers = [h for t in figure["data"] if "hovertemplate" in t for h in hover_texts(t)]
    hovers = [h for h in hovers if "alert" in h]
    # portail's bar, and its four milestones (one trace per state)
    assert len(hovers) == 1 + 4
    assert all("&lt;script&gt;" in h for h in hovers)
    ticks = figure["layout"]["yaxis"]["ticktext"]
    # the title cut before "</template>" (25 + 1 + 11 characters > 26), spaces collapsed
    hostile_tick = "&lt;script&gt;alert(1)&lt;/script&gt;<br>&lt;/template&gt; R&amp;D “x” 'y'"
    assert [tick for tick in ticks if "alert" in tick] == [hostile_tick]


def test_render_is_one_block_that_markdown_keeps_as_is(figures: Figures) -> None:
    chart = charts.project_budget(
        figures.project("portail"), figures.roadmap, "fr", figures.charts.projects["portail"]
    )
    assert chart is not None
    block = charts.render_chart(chart)
    assert "\n\n" not in block and not any(line.strip() == "" for line in block.splitlines())
    assert block.startswith(
        '<figure class="roadmap-chart" id="roadmap-chart-project-portail-budget">'
    )
    assert block.endswith("</figure>")
    markdown = pytest.importorskip("markdown")  # MkDocs' Markdown, with the site's extension
    page = markdown.markdown(f"# Titre\n\n{block}\n\nSuite.", extensions=["md_in_html"])
    assert block in page


def test_render_structure(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "fr")
    block = charts.render_chart(chart)
    height = chart.figure["layout"]["height"]
    # Empty: the stylesheet writes the loading note (a test below checks it in a browser).
    plot = f'<div class="roadmap-chart__plot" aria-hidden="true" style="height:{height}px"></div>'
    assert plot in block
    assert (
        '<p class="roadmap-chart__takeaway">Sur 1,2\u00a0M€ prévus, 595\u00a0k€ sont engagés et '
        "407,3\u00a0k€ mandatés, soit 34\u00a0% du prévu.</p>"
    ) in block
    # The data table and the figure stay out of the search index.
    assert '<details class="roadmap-chart__data" data-search-exclude>' in block
    assert '<template class="roadmap-chart__figure" data-search-exclude>' in block
    assert ('<div class="roadmap-table-scroll" role="region" tabindex="0" '
            'aria-labelledby="roadmap-chart-budget-by-axis-table">') in block  # fmt: skip
    assert '<caption id="roadmap-chart-budget-by-axis-table">' in block
    # numeric columns right-aligned, named once on the table: the 4 amounts after the axis
    numeric = [i + 1 for i, flag in enumerate(chart.table.numeric) if flag]
    assert numeric == [2, 3, 4, 5]
    assert '<table class="roadmap-table roadmap-num-2 roadmap-num-3 roadmap-num-4 ' \
        'roadmap-num-5">' in block  # fmt: skip
    assert 'class="roadmap-num"' not in block
    # a row heading for each axis (services, outils) and one for the totals
    assert block.count('<th scope="row"') == 2 + 1
    assert '<details class="roadmap-chart__data" open data-search-exclude>' in charts.render_chart(
        chart, open_table=True
    )


def test_same_input_gives_identical_html(roadmap: Roadmap) -> None:
    first = [charts.render_chart(c) for c in all_charts(derive_figures(roadmap), "fr")]
    second = [charts.render_chart(c) for c in all_charts(derive_figures(roadmap), "fr")]
    assert first == second
    ids = [c.id for c in all_charts(derive_figures(roadmap), "fr")]
    assert len(ids) == len(set(ids))


# --- chart data files and hovers --------------------------------------------------------------


def project_charts(figures: Figures, project_id: str, language: str = "fr") -> dict[str, Chart]:
    """The charts of a project page, by id."""
    p, roadmap = figures.project(project_id), figures.roadmap
    found = [
        charts.project_milestones(p, roadmap, language, figures.charts.projects[p.project.id]),
        charts.project_budget(p, roadmap, language, figures.charts.projects[p.project.id]),
        *(charts.indicator_chart(i, roadmap, language) for i in p.indicators),
    ]
    return {chart.id: chart for chart in found if chart is not None}


def test_a_chart_data_file_leaves_the_template_to_the_site_file(figures: Figures) -> None:
    page = project_charts(figures, "portail")
    # its milestones, its budget and its two indicators
    assert list(page) == ["project-portail-milestones", "project-portail-budget",
                          "indicator-portail-demarches-en-ligne",
                          "indicator-portail-delai-reponse"]  # fmt: skip
    by_id = {chart_id: chart.figure for chart_id, chart in page.items()}
    template = charts.chart_template("fr")
    data = charts.chart_data(by_id, template)
    text = data.decode("utf-8")
    parsed = json.loads(text)
    assert sorted(parsed) == ["figures"]
    assert sorted(parsed["figures"]) == sorted(page)
    published = json.loads(charts.template_file(template))
    assert published == template
    for chart_id, figure in parsed["figures"].items():
        assert "template" not in figure["layout"], chart_id
        # what charts.js draws: the figure given the site's template back
        figure["layout"]["template"] = published
        assert figure == page[chart_id].figure
    # what only the template says is not in the page's file
    for shared in ('"annotationdefaults"', '"margin"', '"separators"', '"fillmode"'):
        assert shared not in text, shared
    # fetched and parsed, never written in a page: not escaped for HTML; whole numbers whole
    assert "<b>" in text and "\\u003c" not in text
    assert not re.search(r"[0-9]\.0[],}]", text)
    assert data == charts.chart_data(dict(reversed(by_id.items())), template)  # deterministic


def test_the_site_publishes_the_chart_template_once(figures: Figures) -> None:
    from generator.pipeline import generate_site

    site = generate_site(PORTFOLIO)
    template = json.loads(site.chart_data[charts.TEMPLATE_SITE_PATH])
    assert template == charts.chart_template("fr")
    assert sum(b'"separators"' in data for data in site.chart_data.values()) == 1


def test_a_chart_data_file_takes_the_site_template_only(figures: Figures) -> None:
    french = charts.budget_by_axis(figures, "fr")
    english = charts.budget_by_axis(figures, "en")
    with pytest.raises(ValueError, match="template"):
        charts.chart_data({"a": french.figure, "b": english.figure}, charts.chart_template("fr"))


def test_every_trace_of_a_type_shares_the_template_item(figures: Figures) -> None:
    """No figure repeats what the template says: a trace or a layout restating a template
    value would weigh in every file for nothing."""

    def restated(default: Any, own: Any, path: str) -> list[str]:
        if isinstance(default, dict) and isinstance(own, dict):
            return [p for k in own if k in default for p in restated(default[k], own[k], k)]
        return [path] if default == own else []

    for chart in all_charts(figures, "fr"):
        template = chart.figure["layout"]["template"]
        own = {k: v for k, v in chart.figure["layout"].items() if k != "template"}
        assert restated(template["layout"], own, "layout") == [], chart.id
        counts: dict[str, int] = {}
        for trace in chart.figure["data"]:
            kind = trace.get("type", "scatter")
            items = template["data"][kind]
            item = items[counts.setdefault(kind, 0) % len(items)]
            counts[kind] += 1
            assert restated(item, trace, kind) == [], (chart.id, trace["name"])


def test_hovers_write_what_points_share_once() -> None:
    def hover(title: str, value: str, slip: str | None) -> tuple[str, ...]:
        return charts.text.hover(
            title,
            ("État", "En retard"),
            ("Date prévue", value),
            ("Écart", slip) if slip else None,
            language="fr",
        )

    hovers = [hover("<Jalon 1>", "5 juin 2021", "+390 j"), hover("Jalon 2", "1 mars 2021", None)]
    data = charts.text.hover_data(hovers)
    assert data["hovertemplate"] == (
        "<b>%{customdata[0]}</b><br>État\u00a0: En retard<br>Date prévue\u00a0: %{customdata[1]}"
        "<extra></extra>"
    )
    assert data["customdata"] == [  # the date and the slip that only some have, joined
        ["&lt;Jalon 1&gt;", "5 juin 2021<br>Écart\u00a0: +390 j"],
        ["Jalon 2", "1 mars 2021"],
    ]
    trace = {**data, "x": [0, 1]}
    assert hover_texts(trace) == ["".join(h) for h in hovers]
    # one column: plain strings; none: no customdata; a column equal to the categories: read
    # there; a column equal to another: not repeated
    one = charts.text.hover_data([hover("A", "1 mars 2021", None), hover("B", "1 mars 2021", None)])
    assert one["customdata"] == ["A", "B"]
    assert "customdata" not in charts.text.hover_data([hovers[0]])
    years = charts.text.hover_data([hover("2020", "x", None), hover("2021", "y", None)],
                                   ("y", ["2020", "2021"]))  # fmt: skip
    assert years["hovertemplate"] == (
        "<b>%{y}</b><br>État\u00a0: En retard<br>Date prévue\u00a0: %{customdata}<extra></extra>"
    )
    assert years["customdata"] == ["x", "y"]
    twice = charts.text.hover_data([hover("A", "A", None), hover("B", "B", None)])
    assert twice["customdata"] == ["A", "B"]
    assert twice["hovertemplate"].count("%{customdata}") == 2
    # user text where plotly would read a field never reaches the template
    tricky = charts.text.hover_data([hover("%{x}", "1 mars 2021", None)] * 2)
    assert "%{x}" not in tricky["hovertemplate"]
    assert hover_texts({**tricky, "x": [0, 1]}) == ["".join(hover("%{x}", "1 mars 2021", None))] * 2


def test_every_hover_is_whole(figures: Figures) -> None:
    """Every point's hover has its title and its values: nothing lost to the template."""
    for chart in all_charts(figures, "fr"):
        for trace in traces(chart):
            if trace.get("hoverinfo") == "skip":
                continue
            if "customdata" in trace:  # a value for each point, none missing
                assert len(trace["customdata"]) == len(trace["x"]), (chart.id, trace["name"])
            for text in hover_texts(trace):
                # a hover of several lines opens with its title (the reporting date's is one)
                if "<br>" in text:
                    assert hover_title(text), (chart.id, trace["name"])
                assert "%{" not in text and "customdata" not in text, (chart.id, text)


def _get(node: Any, path: str) -> Any:
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _set(layout: dict[str, Any], path: str, value: Any) -> None:
    *keys, last = path.split(".")
    for key in keys:
        layout = layout.setdefault(key, {})
    if value is None:
        layout.pop(last, None)
    else:
        layout[last] = value


def narrow_variant(figure: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """What charts.js reads before drawing a figure: the width below which it is narrow, the
    relayout paths of its narrow variant (shared by the template, and its own), and their
    wide values (the figure's, else its template's; None: not set)."""
    template = figure["layout"]["template"]["layout"]
    shared, own = template.get("meta", {}), figure["layout"].get("meta", {})
    narrow = {**shared.get("narrow", {}), **own.get("narrow", {})}
    wide = {path: _get(figure["layout"], path) for path in narrow}
    wide = {path: _get(template, path) if value is None else value for path, value in wide.items()}
    return own.get("narrow_below", shared.get("narrow_below", 0)), narrow, wide


def test_narrow_variant_goes_and_comes_back(figures: Figures) -> None:
    """Each figure has a narrow variant that changes something, on axes it has, that plotly
    accepts, and that the wide values charts.js reads first undo."""
    for chart in all_charts(figures, "fr"):
        below, narrow, wide = narrow_variant(chart.figure)
        assert below == charts.NARROW_WIDTH
        # The template's narrow variant changes the font size and only it; the figure's own
        # changes its own axes.
        shared = chart.figure["layout"]["template"]["layout"]["meta"]["narrow"]
        assert shared == {"font.size": 12}
        assert (narrow["font.size"], wide["font.size"]) == (12, 13)
        for path, value in narrow.items():
            assert value != wide[path], (chart.id, path)  # no path that changes nothing
        own = chart.figure["layout"].get("meta", {}).get("narrow", {})
        assert set(narrow) == {"font.size"} | set(own), chart.id
        for path in own:
            assert path.split(".")[0] in chart.figure["layout"], (chart.id, path)
        layout = copy.deepcopy(chart.figure["layout"])
        for path, value in narrow.items():
            _set(layout, path, value)
        assert layout != chart.figure["layout"]
        go.Figure({"data": chart.figure["data"], "layout": layout})
        for path, value in wide.items():
            _set(layout, path, value)
        # The template's font size, now in the figure too: the same figure to draw.
        assert drawn({**chart.figure, "layout": layout}) == drawn(chart.figure), chart.id


def test_narrow_variant_has_fewer_ticks_and_shorter_labels(figures: Figures) -> None:
    # Axis titles of 17 characters, cut at 15 on a phone, kept whole at 26.
    chart = charts.budget_by_axis(figures, "fr")
    _, narrow, wide = narrow_variant(chart.figure)
    assert narrow == {
        "font.size": 12,
        "yaxis.ticktext": ["Services en<br>ligne", "Outils des<br>agents"],
    }
    assert wide == {"font.size": 13, "yaxis.ticktext": ["Services en ligne", "Outils des agents"]}
    # 820 000 planned in 2021: in 5 ticks, a step of 200 000 (820 000 / 5 = 164 000, rounded
    # up to 2 × 10^5), 0 to 1 000 000; in 3, a step of 500 000 (273 333, up to 5 × 10^5).
    chart = charts.budget_by_year(figures, "fr")
    _, narrow, wide = narrow_variant(chart.figure)
    assert narrow["yaxis.tickvals"] == [0, 500_000, 1_000_000]
    assert wide["yaxis.tickvals"] == [0, 200_000, 400_000, 600_000, 800_000, 1_000_000]
    # From 31 Dec 2020 to 31 Dec 2022, padded by 24 days (730 // 30): quarters would be 9
    # ticks, half-years 5 (at most 7), years 3 (at most 4 on a phone).
    portail = figures.project("portail")
    indicator = charts.indicator_chart(portail.indicators[0], figures.roadmap, "fr")
    _, narrow, wide = narrow_variant(indicator.figure)
    assert narrow["xaxis.tickvals"] == ["2021", "2022", "2023"]
    assert wide["xaxis.tickvals"] == ["2021-01", "2021-07", "2022-01", "2022-07", "2023-01"]


# --- in a browser: charts.js, the template and the narrow variant ------------------------------

_TICKS = """figure => [...figure.querySelectorAll('.xtick text')].map(t => [t.textContent,
    getComputedStyle(t).fontSize])"""
_LEGEND_ROWS = """figure => new Set([...figure.querySelectorAll('.legend .traces')]
    .map(t => t.getAttribute('transform').split(',')[1])).size"""
_HOVER = """(figure, trace) => {
    const plot = figure.querySelector('.js-plotly-plot');
    Plotly.Fx.hover(plot, [{curveNumber: trace, pointNumber: 0}]);
    const text = figure.querySelector('.hoverlayer .hovertext text.nums');
    return text ? [...text.querySelectorAll('tspan.line')].map(line => line.textContent) : [];
}"""


def _shown(labels: list[str]) -> list[str]:
    """A tick label or a hover line as plotly shows it: tags read, entities decoded."""
    return [html.unescape(re.sub(r"<[^>]+>", "", label)) for label in labels]


def _tick_labels(figure: dict[str, Any], layout: dict[str, Any]) -> list[str]:
    """The x axis's tick labels: its ticktext, or its tick values written by plotly as years."""
    axis = layout["xaxis"]
    return _shown(axis.get("ticktext") or [str(value)[:4] for value in axis["tickvals"]])


@pytest.mark.browser
def test_charts_js_draws_with_the_template_and_switches_to_the_narrow_variant(
    figures: Figures, browser: Browser, tmp_path: Path
) -> None:
    """A project's charts, one written in the page, the others fetched from a chart data file:
    drawn with the template (its 13 px text, its horizontal legend), narrow on a phone
    (12 px text, fewer ticks), wide again on a wider screen, with whole hovers."""
    page_charts = project_charts(figures, "portail")
    inline, *fetched = page_charts.values()
    blocks = [charts.render_chart(inline)]
    blocks += [charts.render_chart(chart, figure_url=f"figures.json#{chart.id}")
               for chart in fetched]  # fmt: skip
    template = charts.chart_template("fr")
    (tmp_path / "figures.json").write_bytes(
        charts.chart_data({chart.id: chart.figure for chart in fetched}, template)
    )
    # The site's template, beside charts.js where it fetches it.
    (tmp_path / Path(charts.TEMPLATE_SITE_PATH).name).write_bytes(charts.template_file(template))
    for site_path, source in charts.chart_assets().items():
        if site_path.endswith(".js"):
            shutil.copyfile(source, tmp_path / Path(site_path).name)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>'
        + "\n".join(blocks)
        + '<script src="charts.js"></script></body></html>',
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        with serve_directory(tmp_path) as url:
            page.goto(url, wait_until="load")
            page.evaluate("window.roadmapCharts.drawAll()")
            drawn_ids = page.eval_on_selector_all(
                'figure[data-roadmap-chart-state="drawn"]', "fs => fs.map(f => f.id)"
            )
            # portail's four charts, in the order of the page
            assert drawn_ids == [
                "roadmap-chart-project-portail-milestones",
                "roadmap-chart-project-portail-budget",
                "roadmap-chart-indicator-portail-demarches-en-ligne",
                "roadmap-chart-indicator-portail-delai-reponse",
            ], errors
            for chart in page_charts.values():
                figure = page.locator(f"#{charts.chart.chart_html_id(chart)}")
                _, narrow, _ = narrow_variant(chart.figure)
                layout = copy.deepcopy(chart.figure["layout"])
                for path, value in narrow.items():
                    _set(layout, path, value)
                ticks = figure.evaluate(_TICKS)
                assert [text for text, _ in ticks] == _tick_labels(chart.figure, layout), chart.id
                assert {size for _, size in ticks} == {"12px"}, chart.id
                trace = next(i for i, t in enumerate(traces(chart)) if "hovertemplate" in t)
                hover = figure.evaluate(_HOVER, trace)
                assert hover == _shown(hover_texts(traces(chart)[trace])[0].split("<br>"))
            page.set_viewport_size({"width": 1280, "height": 800})
            page.wait_for_timeout(700)
            for chart in page_charts.values():
                figure = page.locator(f"#{charts.chart.chart_html_id(chart)}")
                ticks = figure.evaluate(_TICKS)
                labels = _tick_labels(chart.figure, chart.figure["layout"])
                assert [text for text, _ in ticks] == labels, chart.id
                assert {size for _, size in ticks} == {"13px"}, chart.id
                assert figure.evaluate(_LEGEND_ROWS) == 1, chart.id
        assert errors == []
    finally:
        context.close()


# --- palette and assets ------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#1e2129"])  # Material default and slate
def test_palette_keeps_3_to_1_against_both_backgrounds(background: str) -> None:
    for colour in charts.PALETTE:
        assert _contrast(colour, background) >= 3, (colour, background)


def test_the_charts_catalogues_hold_the_same_words() -> None:
    """Every word of the charts is in both catalogues, with the same placeholders."""

    def entries(language: str) -> dict[str, set[str]]:
        path = REPO_ROOT / "generator" / "locale" / language / "LC_MESSAGES" / "charts.po"
        with path.open("rb") as source:
            catalogue = read_po(source, locale=language)
        found: dict[str, set[str]] = {}
        for message in catalogue:
            if message.id:
                key = str(message.id[0] if isinstance(message.id, (tuple, list)) else message.id)
                strings = message.string
                if isinstance(strings, (tuple, list)):
                    texts = [str(text) for text in strings]
                else:
                    texts = [str(strings or "")]
                assert all(texts), (language, key)
                found[key] = set().union(*(placeholders(text) for text in texts))
        return found

    assert entries("fr") == entries("en")


def test_css_uses_the_same_palette() -> None:
    css = (charts.ASSETS_DIR / "roadmap.css").read_text(encoding="utf-8").lower()
    for colour in charts.PALETTE:
        assert colour.lower() in css


def test_chart_assets_exist_and_plotly_comes_from_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(charts.PLOTLY_JS_ENV, raising=False)  # no bundle of the machine's own
    assets = charts.chart_assets()
    assert set(assets) == {"assets/roadmap/charts.js", "assets/roadmap/roadmap.css",
                           "assets/roadmap/plotly.min.js"}  # fmt: skip
    assert all(path.is_file() for path in assets.values())
    package = Path(plotly.__file__).parent
    assert assets["assets/roadmap/plotly.min.js"] == package / "package_data" / "plotly.min.js"
    # what the site's pages load; plotly.min.js is loaded by charts.js when a chart shows
    assert set(charts.EXTRA_JAVASCRIPT) | set(charts.EXTRA_CSS) == {
        "assets/roadmap/charts.js",
        "assets/roadmap/roadmap.css",
    }
    assert not list(REPO_ROOT.glob("generator/**/plotly*.js")), "plotly.js is not committed"


def test_a_partial_bundle_is_accepted_only_at_the_same_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = charts.plotly_js_path().read_text(encoding="utf-8", errors="replace")[:200]
    version = re.search(r"plotly\.js v(\S+)", full)
    assert version
    basic = tmp_path / "plotly-basic.min.js"
    basic.write_text(f"/**\n* plotly.js (basic - minified) v{version[1]}\n*/\n", encoding="utf-8")
    monkeypatch.setenv(charts.PLOTLY_JS_ENV, str(basic))
    assert charts.chart_assets()["assets/roadmap/plotly.min.js"] == basic
    old = tmp_path / "old.js"
    old.write_text("/**\n* plotly.js (basic - minified) v1.0.0\n*/\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"1\.0\.0"):
        charts.chart_assets(old)
    geo = tmp_path / "geo.js"
    geo.write_text(f"/**\n* plotly.js (geo - minified) v{version[1]}\n*/\n", encoding="utf-8")
    with pytest.raises(ValueError, match="geo"):
        charts.chart_assets(geo)
    with pytest.raises(FileNotFoundError):
        charts.chart_assets(tmp_path / "missing.js")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_charts_js_parses() -> None:
    subprocess.run(["node", "--check", str(charts.ASSETS_DIR / "charts.js")], check=True)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_plot_place_says_loading_then_failed_in_the_page_language(
    figures: Figures, browser: Browser, tmp_path: Path, language: str
) -> None:
    """Until a chart is drawn its place says it is loading; if its data cannot be fetched,
    that it failed, and its table opens. The words come from roadmap.css, in the language of
    the page, and agree with the charts catalogue."""
    chart = charts.budget_by_axis(figures, language)
    block = charts.render_chart(chart, figure_url="missing.json")
    for site_path, source in charts.chart_assets().items():
        shutil.copyfile(source, tmp_path / Path(site_path).name)
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="roadmap.css"></head><body>'
        + block
        + '<script src="charts.js"></script></body></html>',
        encoding="utf-8",
    )
    note = "el => getComputedStyle(el.querySelector('.roadmap-chart__plot'), '::before').content"
    # roadmap.css holds a copy of these words (a stylesheet is published as a file): checked
    # against the catalogue here.
    loading = charts.text.word(language, "plot_loading")
    failed = charts.text.word(language, "plot_failed")
    page = browser.new_page()
    try:
        with serve_directory(tmp_path) as url:
            # Blocked: the script that would draw the chart, to see the note meanwhile.
            page.route("**/charts.js", lambda route: route.abort())
            page.goto(url, wait_until="load")
            figure = page.locator("figure.roadmap-chart")
            assert figure.evaluate(note) == f'"{loading}"'
            page.unroute("**/charts.js")
            page.goto(url, wait_until="load")
            page.evaluate("window.roadmapCharts.drawAll()")
            page.wait_for_selector('figure[data-roadmap-chart-state="failed"]')
            assert figure.evaluate(note) == f'"{failed}"'
            assert figure.locator("details.roadmap-chart__data").get_attribute("open") == ""
            # the table's numeric columns are right-aligned, its first is not
            align = "el => getComputedStyle(el).textAlign"
            row = figure.locator("tbody tr").first
            assert row.locator("td").first.evaluate(align) == "right"
            assert row.locator("th").first.evaluate(align) == "left"  # roadmap.css says so
    finally:
        page.close()
