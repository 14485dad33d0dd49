"""Charts: each builder on the example roadmap draws what the derived figures hold, says it in
one correct sentence, and renders to one safe, self-contained HTML block."""

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

import plotly.graph_objects as go
import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser

from generator.figures.derive import Figures, ProjectFigures, derive_figures
from generator.i18n import placeholders
from generator.model import Axis, Lead, Milestone, Period, Project, Roadmap
from generator.rendering import charts
from generator.rendering.charts import Chart
from generator.rendering.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_number,
    format_percent,
)
from generator.validation.validate import validate_roadmap
from tests.conftest import serve_directory

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "roadmap"
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    result = validate_roadmap(EXAMPLE)
    assert result.roadmap is not None, [str(d) for d in result.errors]
    return result.roadmap


@pytest.fixture(scope="module")
def figures(roadmap: Roadmap) -> Figures:
    return derive_figures(roadmap)


def all_charts(figures: Figures, language: str) -> list[Chart]:
    """Every chart the site can show for the example roadmap."""
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
        for chart in all_charts(figures, language):
            go.Figure(chart.figure)


def test_budget_by_axis_has_three_measures_per_axis(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "fr")
    bars = traces(chart, "bar")
    assert [t["name"] for t in bars] == ["Prévu", "Engagé", "Mandaté"]
    assert bar_count(chart) == 3 * len(figures.by_axis)
    assert bars[0]["x"] == [p.budget.planned for _, p in figures.by_axis]
    assert bars[2]["x"] == [p.budget.spent for _, p in figures.by_axis]
    assert len(chart.table.rows) == len(figures.by_axis)
    assert chart.table.totals is not None
    assert chart.table.totals[1] == format_amount(figures.overall.budget.planned, "fr")


def test_health_by_axis_counts_every_project_in_one_state(figures: Figures) -> None:
    chart = charts.health_by_axis(figures, "fr")
    present = [state for state, count in figures.overall.by_health if count]
    assert len(traces(chart, "bar")) == len(present)
    names = [t["name"] for t in traces(chart)]
    assert "À mettre à jour" in names and "Non renseignée" in names
    for index, (_, portfolio) in enumerate(figures.by_axis):
        assert sum(t["x"][index] for t in traces(chart)) == len(portfolio.projects)
    assert chart.table.headers[1:] == ("Bonne", "Sous surveillance", "Critique",
                                       "À mettre à jour", "Non renseignée", "Total")  # fmt: skip


def test_timeline_draws_a_bar_per_dated_project_and_a_marker_per_milestone(
    figures: Figures,
) -> None:
    chart = charts.portfolio_timeline(figures, "fr")
    projects = figures.overall.projects
    dated = [p for p in projects if p.project.start and p.expected_end]
    shown = [p for p in projects if p in dated or p.milestones]
    assert bar_count(chart) == len(dated)
    assert marker_count(chart) == sum(len(p.milestones) for p in shown)
    # the reporting date: one full-height line with its legend entry
    lines = [t for t in traces(chart, "scatter") if t["mode"] == "lines"]
    assert [t["x"] for t in lines] == [[figures.roadmap.as_of.isoformat()] * 2]
    assert lines[0]["name"] == "Date de situation\u00a0: 30 juin 2020"
    # each bar runs from the start to the expected end of the project its hover names
    bar = next(t for t in traces(chart, "bar"))
    title = hover_title(hover_texts(bar)[0])
    first = next(p for p in dated if html.escape(p.project.title, quote=False) == title)
    assert first.project.start is not None and first.expected_end is not None
    assert bar["base"][0] == first.project.start.isoformat()
    assert bar["x"][0] == (first.expected_end - first.project.start).days * 86_400_000
    # the table lists every project, undated ones included
    assert len(chart.table.rows) == len(projects)


def test_timeline_of_an_axis_shows_only_its_projects(figures: Figures) -> None:
    axis, portfolio = figures.by_axis[0]
    chart = charts.portfolio_timeline(figures, "fr", projects=portfolio.projects)
    assert chart.id == f"timeline-{axis.id}"
    titles = {html.escape(p.project.title, quote=False) for p in portfolio.projects}
    assert {hover_title(h) for t in traces(chart, "bar") for h in hover_texts(t)} <= titles
    assert {row[0] for row in chart.table.rows} == {p.project.title for p in portfolio.projects}


def test_milestone_states_differ_by_symbol_as_well_as_colour(figures: Figures) -> None:
    p = figures.project("grc")
    chart = charts.project_milestones(p, figures.roadmap, "fr", figures.charts.projects["grc"])
    assert chart is not None
    state_traces = [t for t in traces(chart, "scatter") if t.get("meta", {}).get("halo")]
    symbols = [t["marker"]["symbol"] for t in state_traces]
    assert len(set(symbols)) == len(symbols) == len({m.state for m in p.milestones})
    assert sum(len(t["x"]) for t in state_traces) == len(p.milestones)
    # the planned date of every milestone as a tick, and the date reached or expected
    assert marker_count(chart) == 2 * len(p.milestones)


def test_project_without_milestones_or_budget_has_no_chart(figures: Figures) -> None:
    p = figures.project("grc")
    bare = ProjectFigures(**{**p.__dict__, "milestones": (), "budget_by_year": ()})
    own = figures.charts.projects["grc"]
    assert charts.project_milestones(bare, figures.roadmap, "fr", own) is None
    assert charts.project_budget(bare, figures.roadmap, "fr", own) is None


def test_project_budget_adds_a_funder_panel_when_several_funders_pay(figures: Figures) -> None:
    several = figures.project("grc")
    assert len(several.budget_by_funder) > 1
    chart = charts.project_budget(several, figures.roadmap, "fr", figures.charts.projects["grc"])
    assert chart is not None
    assert bar_count(chart) == 3 * (len(several.budget_by_year) + len(several.budget_by_funder))
    assert sum(1 for t in traces(chart) if t.get("showlegend", True)) == 3
    single = next(p for p in figures.overall.projects if len(p.budget_by_funder) == 1)
    chart = charts.project_budget(
        single, figures.roadmap, "fr", figures.charts.projects[single.project.id]
    )
    assert chart is not None
    assert bar_count(chart) == 3 * len(single.budget_by_year)
    lines = single.project.budget.lines if single.project.budget else ()
    assert len(chart.table.rows) == len({(line.year, line.funder) for line in lines})


def test_indicator_chart_shows_baseline_measurements_and_target(figures: Figures) -> None:
    measured = figures.project("grc").indicators[0]
    chart = charts.indicator_chart(measured, figures.roadmap, "fr")
    names = [t["name"] for t in traces(chart)]
    assert names == ["Trajectoire vers la cible", "Mesure", "Valeur de départ", "Cible"]
    measures = len(measured.indicator.measurements)
    assert marker_count(chart) == 1 + measures + 2
    assert len(chart.table.rows) == measures + 2
    unmeasured = next(i for i in figures.indicators if not i.indicator.measurements)
    chart = charts.indicator_chart(unmeasured, figures.roadmap, "fr")
    assert "Mesure" not in [t["name"] for t in traces(chart)]
    assert chart.takeaway.startswith("Aucune mesure pour l’instant")


def test_year_and_funder_charts_have_three_measures_per_category(figures: Figures) -> None:
    assert bar_count(charts.budget_by_year(figures, "fr")) == 3 * len(figures.budget_by_year)
    assert bar_count(charts.budget_by_funder(figures, "fr")) == 3 * len(figures.budget_by_funder)
    axis, portfolio = figures.by_axis[0]
    chart = charts.axis_budget(portfolio, figures.roadmap, "fr")
    assert chart.id == f"axis-{axis.id}-budget"
    assert bar_count(chart) == 3 * len(portfolio.projects)


# --- words and numbers -------------------------------------------------------------------------


def test_budget_takeaway_is_one_french_sentence_with_french_numbers(figures: Figures) -> None:
    totals = figures.overall.budget
    assert totals.consumption_pct is not None
    expected = (
        f"Sur {format_amount_short(totals.planned, 'fr')} prévus, "
        f"{format_amount_short(totals.committed, 'fr')} sont engagés et "
        f"{format_amount_short(totals.spent, 'fr')} mandatés, "
        f"soit {format_percent(totals.consumption_pct, 'fr')} du prévu."
    )
    assert charts.budget_by_axis(figures, "fr").takeaway == expected
    assert "M€" in expected and "\u00a0%" in expected


def test_health_takeaway(figures: Figures) -> None:
    counts = dict(figures.overall.by_health)
    expected = (
        f"Sur {len(figures.overall.projects)} projets\u00a0: {counts['critical']} en météo "
        f"critique, {counts['watch']} sous surveillance, {counts['good']} en bonne météo et "
        f"{counts['stale'] + counts['unknown']} sans météo à jour."
    )
    assert charts.health_by_axis(figures, "fr").takeaway == expected


def test_timeline_takeaway(figures: Figures) -> None:
    dated = [p for p in figures.overall.projects if p.project.start and p.expected_end]
    later = sum(1 for p in dated if (p.end_slip_days or 0) > 0)
    late = len(figures.overall.milestones_in("late"))
    assert later > 1 and late > 1
    expected = (
        f"Au {format_date(figures.roadmap.as_of, 'fr')}, {later} projets sur {len(dated)} ont une "
        f"fin attendue après la date prévue et {late} jalons sont en retard."
    )
    assert charts.portfolio_timeline(figures, "fr").takeaway == expected


def test_year_funder_milestone_and_indicator_takeaways(figures: Figures) -> None:
    total = figures.overall.budget.planned
    year, top = max(figures.budget_by_year, key=lambda item: item[1].planned)
    assert charts.budget_by_year(figures, "fr").takeaway == (
        f"{year} est l’année qui compte le plus de crédits prévus\u00a0: "
        f"{format_amount_short(top.planned, 'fr')} sur {format_amount_short(total, 'fr')}."
    )
    funder, largest = max(figures.budget_by_funder, key=lambda item: item[1].planned)
    title = figures.roadmap.funder_title(funder)
    assert charts.budget_by_funder(figures, "fr").takeaway == (
        f"Le premier financeur, {title}, apporte "
        f"{format_percent(100 * largest.planned / total, 'fr')} des crédits prévus "
        f"({format_amount_short(largest.planned, 'fr')} sur {format_amount_short(total, 'fr')})."
    )
    p = figures.project("grc")
    states = [m.state for m in p.milestones]
    chart = charts.project_milestones(p, figures.roadmap, "fr", figures.charts.projects["grc"])
    assert chart is not None
    assert chart.takeaway == (
        f"Sur {len(states)} jalons, {states.count('reached')} sont atteints, "
        f"{states.count('late')} est en retard et {states.count('slipping')} glissent."
    )
    i = p.indicators[0]
    assert i.latest is not None and i.progress_pct is not None
    assert i.indicator.unit == "%"
    assert charts.indicator_chart(i, figures.roadmap, "fr").takeaway == (
        f"{format_number(i.latest.value, 'fr', 2)}\u00a0% au {format_date(i.latest.date, 'fr')}, "
        f"pour une cible de {format_number(i.indicator.target.value, 'fr', 2)}\u00a0% au "
        f"{format_date(i.indicator.target.date, 'fr')}\u00a0: "
        f"{format_percent(i.progress_pct, 'fr')} du chemin parcouru depuis la valeur de départ "
        f"({format_number(i.indicator.baseline.value, 'fr', 2)}\u00a0%)."
    )


def test_every_takeaway_is_one_sentence(figures: Figures) -> None:
    for language in ("fr", "en"):
        for chart in all_charts(figures, language):
            assert chart.takeaway.endswith("."), chart.id
            body = chart.takeaway[:-1].replace("i.e.", "ie")
            assert ". " not in body, chart.takeaway


def test_hovers_and_ticks_are_french(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "fr")
    planned = figures.by_axis[0][1].budget.planned
    axis_title = figures.by_axis[0][0].title
    hover = hover_texts(traces(chart)[0])[0]
    assert hover == f"<b>{axis_title}</b><br>Prévu\u00a0: {format_amount(planned, 'fr')}"
    assert NNBSP in format_amount(planned, "fr")
    assert chart.figure["layout"]["xaxis"]["ticktext"][:2] == ["0\u00a0€", "1\u00a0M€"]
    assert drawn(chart.figure)["layout"]["separators"] == "," + NNBSP
    milestones = charts.project_milestones(
        figures.project("grc"), figures.roadmap, "fr", figures.charts.projects["grc"]
    )
    assert milestones is not None
    assert "janv. 2021" in milestones.figure["layout"]["xaxis"]["ticktext"]
    budget = charts.project_budget(
        figures.project("grc"), figures.roadmap, "fr", figures.charts.projects["grc"]
    )
    assert budget is not None
    year, totals = figures.project("grc").budget_by_year[0]
    assert hover_texts(traces(budget)[2])[0] == (
        f"<b>Année\u00a0: {year}</b><br>Mandaté\u00a0: {format_amount(totals.spent, 'fr')}"
        f"<br>Mandaté / prévu\u00a0: {format_percent(totals.consumption_pct or 0, 'fr')}"
    )


def test_english_labels(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "en")
    assert [t["name"] for t in traces(chart)] == ["Planned", "Committed", "Spent"]
    assert chart.takeaway.startswith("Of €")
    assert chart.table.headers[0] == "Axis"
    assert drawn(chart.figure)["layout"]["separators"] == ".,"
    html_block = charts.render_chart(chart)
    assert "Show the data table" in html_block
    timeline = charts.portfolio_timeline(figures, "en")
    assert timeline.takeaway.startswith("As of 30 June 2020, ")
    names = {t["name"] for t in traces(timeline)}
    assert {"In progress", "Reached", "Late"} <= names


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
    assert charts.health_by_axis(figures, "fr").takeaway.startswith("Sur 1 projet\u00a0: 0 en")
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
    """The example roadmap with a project whose title tries to break out of the page."""
    projects = tuple(p.model_copy(update={"title": HOSTILE}) if p.id == "grc" else p
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
    assert hovers and all("&lt;script&gt;" in h for h in hovers)
    ticks = figure["layout"]["yaxis"]["ticktext"]
    assert not any("<script" in tick for tick in ticks)


def test_render_is_one_block_that_markdown_keeps_as_is(figures: Figures) -> None:
    chart = charts.project_budget(
        figures.project("grc"), figures.roadmap, "fr", figures.charts.projects["grc"]
    )
    assert chart is not None
    block = charts.render_chart(chart)
    assert "\n\n" not in block and not any(line.strip() == "" for line in block.splitlines())
    assert block.startswith('<figure class="roadmap-chart" id="roadmap-chart-project-grc-budget">')
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
    assert f'<p class="roadmap-chart__takeaway">{html.escape(chart.takeaway)}</p>' in block
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
    assert block.count('<th scope="row"') == len(chart.table.rows) + 1
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
    page = project_charts(figures, "grc")
    assert len(page) >= 3
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

    site = generate_site(EXAMPLE)
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
    assert years["hovertemplate"].startswith("<b>%{y}</b>")
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
            texts = hover_texts(trace)
            assert len(texts) == len(trace["x"])
            assert "%{" not in "".join(texts) and "customdata" not in "".join(texts)


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
        assert (narrow["font.size"], wide["font.size"]) == (12, 13)
        for path, value in narrow.items():
            assert value != wide[path], (chart.id, path)  # no path that changes nothing
            assert path.split(".")[0] in chart.figure["layout"] or path == "font.size", path
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
    chart = charts.budget_by_axis(figures, "fr")
    _, narrow, wide = narrow_variant(chart.figure)
    assert len(narrow["xaxis.tickvals"]) < len(wide["xaxis.tickvals"])
    shorter = zip(narrow["yaxis.ticktext"], wide["yaxis.ticktext"], strict=True)
    assert all(len(a) <= len(b) for a, b in shorter)
    indicator = charts.indicator_chart(figures.project("grc").indicators[0], figures.roadmap, "fr")
    _, narrow, wide = narrow_variant(indicator.figure)
    assert len(narrow["xaxis.tickvals"]) < len(wide["xaxis.tickvals"])


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
    page_charts = project_charts(figures, "grc")
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
            assert len(drawn_ids) == len(page_charts), (drawn_ids, errors)
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
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                texts = message.string if isinstance(message.string, tuple) else (message.string,)
                assert all(texts), (language, key)
                found[key] = set().union(*(placeholders(text) for text in texts))
        return found

    assert entries("fr") == entries("en")


def test_css_uses_the_same_palette() -> None:
    css = (charts.ASSETS_DIR / "roadmap.css").read_text(encoding="utf-8").lower()
    for colour in charts.PALETTE:
        assert colour.lower() in css


def test_chart_assets_exist_and_plotly_comes_from_the_package() -> None:
    assets = charts.chart_assets()
    assert set(assets) == {"assets/roadmap/charts.js", "assets/roadmap/roadmap.css",
                           "assets/roadmap/plotly.min.js"}  # fmt: skip
    assert all(path.is_file() for path in assets.values())
    assert "site-packages" in str(assets["assets/roadmap/plotly.min.js"]) or \
        "plotly" in assets["assets/roadmap/plotly.min.js"].parts  # fmt: skip
    assert set(charts.EXTRA_JAVASCRIPT) | set(charts.EXTRA_CSS) <= set(assets)
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
            assert row.locator("th").first.evaluate(align) in ("left", "start")
    finally:
        page.close()
