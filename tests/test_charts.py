"""Charts: each builder on the example roadmap draws what the derived figures hold, says it in
one correct sentence, and renders to one safe, self-contained HTML block."""

from __future__ import annotations

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

from generator import charts
from generator.charts import Chart
from generator.derive import Figures, ProjectFigures, derive_figures
from generator.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_number,
    format_percent,
)
from generator.model import Axis, Lead, Milestone, Period, Project, Roadmap
from generator.validate import validate_roadmap

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
        for chart in (charts.project_milestones(p, roadmap, language),
                      charts.project_budget(p, roadmap, language)):  # fmt: skip
            if chart is not None:
                result.append(chart)
        result += [charts.indicator_chart(i, roadmap, language) for i in p.indicators]
    return result


def traces(chart: Chart, kind: str | None = None) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = chart.figure["data"]
    return [t for t in data if kind is None or t["type"] == kind]


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
    # each bar runs from the start to the expected end
    bar = next(t for t in traces(chart, "bar"))
    first = next(p for p in dated if p.project.id == bar["y"][0])
    assert first.project.start is not None and first.expected_end is not None
    assert bar["base"][0] == first.project.start.isoformat()
    assert bar["x"][0] == (first.expected_end - first.project.start).days * 86_400_000
    # the table lists every project, undated ones included
    assert len(chart.table.rows) == len(projects)


def test_timeline_of_an_axis_shows_only_its_projects(figures: Figures) -> None:
    axis, portfolio = figures.by_axis[0]
    chart = charts.portfolio_timeline(figures, "fr", projects=portfolio.projects)
    assert chart.id == f"timeline-{axis.id}"
    ids = {p.project.id for p in portfolio.projects}
    assert {y for t in traces(chart, "bar") for y in t["y"]} <= ids
    assert {row[0] for row in chart.table.rows} == {p.project.title for p in portfolio.projects}


def test_milestone_states_differ_by_symbol_as_well_as_colour(figures: Figures) -> None:
    p = figures.project("grc")
    chart = charts.project_milestones(p, figures.roadmap, "fr")
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
    assert charts.project_milestones(bare, figures.roadmap, "fr") is None
    assert charts.project_budget(bare, figures.roadmap, "fr") is None


def test_project_budget_adds_a_funder_panel_when_several_funders_pay(figures: Figures) -> None:
    several = figures.project("grc")
    assert len(several.budget_by_funder) > 1
    chart = charts.project_budget(several, figures.roadmap, "fr")
    assert chart is not None
    assert bar_count(chart) == 3 * (len(several.budget_by_year) + len(several.budget_by_funder))
    assert sum(1 for t in traces(chart) if t["showlegend"]) == 3
    single = next(p for p in figures.overall.projects if len(p.budget_by_funder) == 1)
    chart = charts.project_budget(single, figures.roadmap, "fr")
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
    chart = charts.project_milestones(p, figures.roadmap, "fr")
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
    hover = chart.figure["data"][0]["customdata"][0]
    assert f"Prévu\u00a0: {format_amount(planned, 'fr')}" in hover
    assert NNBSP in format_amount(planned, "fr")
    assert chart.figure["layout"]["xaxis"]["ticktext"][:2] == ["0\u00a0€", "1\u00a0M€"]
    assert chart.figure["layout"]["separators"] == "," + NNBSP
    milestones = charts.project_milestones(figures.project("grc"), figures.roadmap, "fr")
    assert milestones is not None
    assert "janv. 2021" in milestones.figure["layout"]["xaxis"]["ticktext"]


def test_english_labels(figures: Figures) -> None:
    chart = charts.budget_by_axis(figures, "en")
    assert [t["name"] for t in traces(chart)] == ["Planned", "Committed", "Spent"]
    assert chart.takeaway.startswith("Of €")
    assert chart.table.headers[0] == "Axis"
    assert chart.figure["layout"]["separators"] == ".,"
    html_block = charts.render_chart(chart)
    assert "Show the data table" in html_block and "Loading the chart" in html_block
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
    milestones = charts.project_milestones(figures.project("p"), roadmap, "fr")
    assert milestones is not None
    assert milestones.takeaway == "Sur 1 jalon, 1 est dans les temps."
    assert charts.project_budget(figures.project("p"), roadmap, "fr") is None
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
    assert figure == chart.figure
    # plotly reads tags in hovers and ticks: the title reaches it escaped, as text
    hovers = [h for t in figure["data"] for h in t.get("customdata", []) if "alert" in h]
    assert hovers and all("&lt;script&gt;" in h for h in hovers)
    ticks = figure["layout"]["yaxis"]["ticktext"]
    assert not any("<script" in tick for tick in ticks)


def test_render_is_one_block_that_markdown_keeps_as_is(figures: Figures) -> None:
    chart = charts.project_budget(figures.project("grc"), figures.roadmap, "fr")
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
    assert f'<div class="roadmap-chart__plot" aria-hidden="true" style="height:{height}px"' in block
    assert '<p class="roadmap-chart__loading">Graphique en cours de chargement</p>' in block
    assert f'<p class="roadmap-chart__takeaway">{html.escape(chart.takeaway)}</p>' in block
    # The data table, the plot's loading note and the figure stay out of the search index.
    assert '<details class="roadmap-chart__data" data-search-exclude>' in block
    assert 'data-search-exclude><p class="roadmap-chart__loading">' in block
    assert '<template class="roadmap-chart__figure" data-search-exclude>' in block
    assert ('<div class="roadmap-table-scroll" role="region" tabindex="0" '
            'aria-labelledby="roadmap-chart-budget-by-axis-table">') in block  # fmt: skip
    assert '<caption id="roadmap-chart-budget-by-axis-table">' in block
    # numeric columns right-aligned: 4 headers, 4 cells per row and in the totals
    assert block.count('class="roadmap-num"') == 4 * (1 + len(chart.table.rows) + 1)
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


def test_narrow_variant_mirrors_the_wide_one(figures: Figures) -> None:
    for chart in all_charts(figures, "fr"):
        meta = chart.figure["layout"]["meta"]
        assert meta["narrow"].keys() == meta["wide"].keys(), chart.id
        assert meta["narrow_below"] == charts.NARROW_WIDTH
        for path, value in meta["wide"].items():
            node: Any = chart.figure["layout"]
            for key in path.split("."):
                node = node[key]
            assert node == value, (chart.id, path)


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
