"""The open-data downloads: four CSV files, the same tables as one XLSX workbook, and one
JSON file, with their field dictionaries.

CSV files follow data.gouv.fr's recommendations (UTF-8, one header row, CRLF line ends, ISO
dates, dot decimal separator, no thousands separator; an empty cell means "not given") and
also open by a double click in a spreadsheet of the roadmap's language: they start with a
byte-order mark (without it, Excel reads UTF-8 as Windows-1252 and garbles accents), and
their separator is the one that language's spreadsheets expect, a semicolon where the decimal
mark is a comma (French), a comma elsewhere (`csv_dialect`). The workbook is for office users:
typed numbers and dates, one sheet per table and one for the dictionary, byte-identical from
one build to the next (its document dates are the reporting date, its zip entries dated 1980).

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by a
spreadsheet as a formula: `spreadsheet_text` neutralises it (a leading apostrophe) in every
spreadsheet output, CSV and XLSX alike.

Column names are the roadmap format's own field names, so they mean the same thing in the
YAML files, the CSV files and the JSON file; the dictionary explains them in the site's language,
with the words of the `site` catalogue (`column.<file>.<name>`, `kind.<kind>`, `data_file.<file>`).
File names are the site's page names in its language (`projets.csv`, `projects.csv`).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import xlsxwriter  # type: ignore[import-untyped]  # no type information shipped
from babel.numbers import get_decimal_symbol

from generator.figures.derive import Figures, IndicatorFigure, MilestoneFigure, ProjectFigures
from generator.i18n import words
from generator.model import Licence, Project, Roadmap
from generator.rendering.labels import health_words, milestone_state_words, status_words
from generator.rendering.site import urls

Row = TypeVar("Row")
Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column(Generic[Row]):
    name: str
    kind: str  # "text", "date", "number", "integer", "id": its name is `kind.<kind>`
    meaning: str  # in the site's language
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
    description: str  # in the site's language
    columns: Sequence[Column[Row]]
    rows: Sequence[Row]
    row_count: int  # from the figures (`Figures.groups.data`)


ColumnMaker = Callable[[str, str, Callable[[Any], Cell]], Column[Any]]


def _column_maker(file_key: str, language: str) -> ColumnMaker:
    """Makes the columns of one file, each described by `column.<file_key>.<name>`."""
    site = words(language, "site")

    def column(name: str, kind: str, value: Callable[[Any], Cell]) -> Column[Any]:
        return Column(name, kind, site(f"column.{file_key}.{name}"), value)

    return column


def _project_columns(roadmap: Roadmap, language: str) -> list[Column[ProjectFigures]]:
    status, health = status_words(language), health_words(language)
    paths = urls.site_paths(language)
    c = _column_maker("projects", language)
    return [
        c("id", "id", lambda p: p.project.id),
        c("title", "text", lambda p: p.project.title),
        c("axis", "id", lambda p: p.project.axis),
        c("axis_title", "text", lambda p: roadmap.axis(p.project.axis).title),
        c("summary", "text", lambda p: p.project.summary),
        c("lead_team", "text", lambda p: p.project.lead.team),
        c("lead_name", "text", lambda p: p.project.lead.name),
        c("sponsor", "text", lambda p: p.project.sponsor),
        c("status", "id", lambda p: p.project.status),
        c("status_label", "text", lambda p: status[p.project.status]),
        c("status_reason", "text", lambda p: p.project.status_reason),
        c("health", "id", lambda p: p.health),
        c("health_label", "text", lambda p: health[p.health]),
        c("health_date", "date", lambda p: p.project.health.date if p.project.health else None),
        c("health_comment", "text",
          lambda p: p.project.health.comment if p.project.health else None),
        c("start", "date", lambda p: p.project.start),
        c("baseline_end", "date", lambda p: p.project.end),
        c("planned_end", "date", lambda p: p.project.planned_end),
        c("forecast_end", "date", lambda p: p.project.forecast_end),
        c("actual_end", "date", lambda p: p.project.actual_end),
        c("expected_end", "date", lambda p: p.expected_end),
        c("end_slip_days", "integer", lambda p: p.end_slip_days),
        c("end_slip_days_vs_baseline", "integer", lambda p: p.end_slip_days_vs_baseline),
        c("progress_pct", "number", lambda p: p.progress.percent),
        c("progress_rule", "id", lambda p: p.progress.rule),
        c("milestones_reached", "integer", lambda p: p.progress.reached),
        c("milestones_total", "integer", lambda p: p.progress.total),
        c("budget_baseline", "number",
          lambda p: p.project.budget.baseline if p.project.budget else None),
        c("budget_approved", "number", lambda p: p.project.approved_budget),
        c("planned", "number", lambda p: p.budget.planned),
        c("committed", "number", lambda p: p.budget.committed),
        c("spent", "number", lambda p: p.budget.spent),
        c("consumption_pct", "number", lambda p: p.budget.consumption_pct),
        c("page", "text", lambda p: urls.page_url(paths.project_page(p.project.id))),
    ]  # fmt: skip


def _milestone_columns(language: str) -> list[Column[MilestoneFigure]]:
    state = milestone_state_words(language)
    c = _column_maker("milestones", language)
    return [
        c("project_id", "id", lambda m: m.project.id),
        c("project_title", "text", lambda m: m.project.title),
        c("title", "text", lambda m: m.milestone.title),
        c("due", "date", lambda m: m.milestone.due),
        c("forecast", "date", lambda m: m.milestone.forecast),
        c("done", "date", lambda m: m.milestone.done),
        c("state", "id", lambda m: m.state),
        c("state_label", "text", lambda m: state[m.state]),
        c("slip_days", "integer", lambda m: m.slip_days),
        c("weight", "number", lambda m: m.milestone.weight),
        c("explanation", "text", lambda m: m.milestone.explanation),
    ]  # fmt: skip


def _budget_columns(roadmap: Roadmap, language: str) -> list[Column[BudgetRow]]:
    c = _column_maker("budget", language)
    return [
        c("project_id", "id", lambda b: b.project.id),
        c("project_title", "text", lambda b: b.project.title),
        c("axis", "id", lambda b: b.project.axis),
        c("year", "integer", lambda b: b.year),
        c("funder", "id", lambda b: b.funder),
        c("funder_title", "text", lambda b: roadmap.funder_title(b.funder)),
        c("planned", "number", lambda b: b.planned),
        c("committed", "number", lambda b: b.committed),
        c("spent", "number", lambda b: b.spent),
    ]  # fmt: skip


def _indicator_columns(language: str) -> list[Column[IndicatorFigure]]:
    c = _column_maker("indicators", language)
    return [
        c("project_id", "id", lambda i: i.project.id),
        c("project_title", "text", lambda i: i.project.title),
        c("id", "id", lambda i: i.indicator.id),
        c("title", "text", lambda i: i.indicator.title),
        c("unit", "text", lambda i: i.indicator.unit),
        c("direction", "id", lambda i: i.indicator.direction),
        c("baseline_date", "date", lambda i: i.indicator.baseline.date),
        c("baseline_value", "number", lambda i: i.indicator.baseline.value),
        c("latest_date", "date", lambda i: i.latest.date if i.latest else None),
        c("latest_value", "number", lambda i: i.latest.value if i.latest else None),
        c("target_date", "date", lambda i: i.indicator.target.date),
        c("target_value", "number", lambda i: i.indicator.target.value),
        c("progress_pct", "number", lambda i: i.progress_pct),
    ]  # fmt: skip


def _budget_rows(projects: Iterable[Project]) -> list[BudgetRow]:
    return [BudgetRow(p, line.year, line.funder, line.planned, line.committed, line.spent)
            for p in projects for line in (p.budget.lines if p.budget else ())]  # fmt: skip


def data_files(figures: Figures, language: str) -> list[DataFile[Any]]:
    """The four tables, in the order the data page lists them."""
    roadmap, counts = figures.roadmap, figures.groups.data
    site = words(language, "site")
    paths = urls.site_paths(language)
    return [
        DataFile(f"{paths.projects_dir}.csv", site("data_file.projects"),
                 _project_columns(roadmap, language), figures.overall.projects, counts.projects),
        DataFile(f"{paths.milestones_name}.csv", site("data_file.milestones"),
                 _milestone_columns(language), figures.overall.milestones, counts.milestones),
        DataFile(f"{paths.budget_name}.csv", site("data_file.budget"),
                 _budget_columns(roadmap, language), _budget_rows(roadmap.projects),
                 counts.budget_lines),
        DataFile(f"{paths.indicators_name}.csv", site("data_file.indicators"),
                 _indicator_columns(language), figures.indicators, counts.indicators),
    ]  # fmt: skip


# --- spreadsheet cells ------------------------------------------------------------------------

# What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A text as a spreadsheet cell holds it: one that a spreadsheet would read as a formula
    (`=HYPERLINK(...)`, `+33 1...`, `-2 jours`, `@SUM(...)`) gets a leading apostrophe, which
    spreadsheets show as text and never run. The one neutraliser of every spreadsheet output."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class CsvDialect:
    """How the CSV files are written, and how to read them back (`csv.reader(..., delimiter=)`,
    opened with `encoding="utf-8-sig"`)."""

    delimiter: str
    encoding: str = "utf-8-sig"  # UTF-8 with a byte-order mark
    lineterminator: str = "\r\n"


@functools.cache
def csv_dialect(language: str) -> CsvDialect:
    """The dialect a spreadsheet in `language` opens by a double click: its list separator is a
    semicolon where numbers are written with a decimal comma (Babel's locale data), else a
    comma. Decimals in the files keep the dot, as data.gouv.fr recommends."""
    return CsvDialect(";" if get_decimal_symbol(language) == "," else ",")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # Whole amounts print without ".0"; others keep at most two decimals.
        return str(int(value)) if value.is_integer() else f"{round(value, 2):g}"
    if isinstance(value, str):
        return spreadsheet_text(value)
    return str(value)


def render_csv(data: DataFile[Any], language: str) -> bytes:
    dialect = csv_dialect(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter,
                        lineterminator=dialect.lineterminator)  # fmt: skip
    writer.writerow([column.name for column in data.columns])
    for row in data.rows:
        writer.writerow([_cell(column.value(row)) for column in data.columns])
    return buffer.getvalue().encode(dialect.encoding)


# A sheet's name: at most 31 characters, none of these (Excel's rules).
_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def _sheet_name(name: str) -> str:
    return name.translate(_SHEET_NAME_FORBIDDEN)[:31]


def render_xlsx(files: Sequence[DataFile[Any]], figures: Figures, language: str) -> bytes:
    """The tables of `files` as one workbook, a sheet each (named like the CSV file), then the
    dictionary. Numbers and dates are typed cells; texts go through `spreadsheet_text`, and
    are written as strings (never read as formulas or links). The same input gives the same
    bytes: the document's dates are the reporting date, and XlsxWriter dates every zip entry
    1 January 1980 when it builds the file in memory."""
    roadmap = figures.roadmap
    site = words(language, "site")
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    })  # fmt: skip
    as_of = dt.datetime.combine(roadmap.as_of, dt.time(), tzinfo=dt.UTC)
    workbook.set_properties({
        "title": spreadsheet_text(roadmap.title),
        "author": spreadsheet_text(roadmap.organisation),
        "created": as_of,
    })  # fmt: skip
    header = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for data in files:
        sheet = workbook.add_worksheet(_sheet_name(data.name.rsplit(".", 1)[0]))
        for col, column in enumerate(data.columns):
            sheet.write_string(0, col, column.name, header)
        for row_number, row in enumerate(data.rows, start=1):
            for col, column in enumerate(data.columns):
                _write_cell(sheet, row_number, col, column.value(row), date_format)
        sheet.freeze_panes(1, 0)
    dictionary = workbook.add_worksheet(_sheet_name(site("dictionary")))
    for col, title in enumerate((site("data_file"), site("field"), site("type"), site("meaning"))):
        dictionary.write_string(0, col, spreadsheet_text(title), header)
    row_number = 1
    for data in files:
        for column in data.columns:
            for col, value in enumerate((data.name.rsplit(".", 1)[0], column.name,
                                         site(f"kind.{column.kind}"), column.meaning)):
                dictionary.write_string(row_number, col, spreadsheet_text(value))
            row_number += 1
    # The dictionary says how texts that look like formulas are written (a row after a gap).
    dictionary.write_string(row_number + 1, 0, spreadsheet_text(site("data_formulas")))
    dictionary.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def _write_cell(sheet: Any, row: int, col: int, value: Cell, date_format: Any) -> None:
    if value is None:
        return  # an empty cell: "not given", as in the CSV files
    if isinstance(value, bool):
        sheet.write_string(row, col, str(value))
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_format)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, spreadsheet_text(value))


def render_json(figures: Figures) -> bytes:
    """The roadmap as written (fields left empty are absent), each project followed by its
    derived figures."""
    roadmap = figures.roadmap
    # As in the YAML files, a field left empty is absent rather than null.
    settings = roadmap.model_dump(mode="json", exclude={"projects"}, exclude_none=True)
    projects = []
    for p in figures.overall.projects:
        entry = p.project.model_dump(mode="json", exclude={"source"}, exclude_none=True)
        # Only the projects of this edition: a public file never names an internal project.
        dependencies = figures.groups.dependencies_of(p.project.id).depends_on
        entry["depends_on"] = [dependency.id for dependency in dependencies]
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


def json_name(language: str) -> str:
    return f"{urls.site_paths(language).roadmap_file_name}.json"


def xlsx_name(language: str) -> str:
    return f"{urls.site_paths(language).roadmap_file_name}.xlsx"


def licence(roadmap: Roadmap, language: str) -> Licence:
    """The data licence: roadmap.yaml's, else the one French public bodies publish under by
    default (Etalab's Licence Ouverte / Open Licence 2.0), named in the site's language."""
    if roadmap.licence is not None:
        return roadmap.licence
    w = words(language, "site")
    return Licence(title=w("default_licence.title"), url=w("default_licence.url"))


@dataclass(frozen=True)
class DataPage:
    """What the data page lists: the tables, the workbook and the JSON file, where they are,
    and how the CSV files are written (`separator`: `semicolon` or `comma`, a word's key)."""

    files: Sequence[DataFile[Any]]
    licence: Licence
    data_dir: str
    xlsx_name: str
    json_name: str
    separator: str


_SEPARATOR_NAMES = {";": "semicolon", ",": "comma"}


def data_page(figures: Figures, language: str) -> DataPage:
    return DataPage(
        files=data_files(figures, language),
        licence=licence(figures.roadmap, language),
        data_dir=urls.site_paths(language).data_dir,
        xlsx_name=xlsx_name(language),
        json_name=json_name(language),
        separator=_SEPARATOR_NAMES[csv_dialect(language).delimiter],
    )


def downloads(figures: Figures, language: str) -> dict[str, bytes]:
    """Every download, by its path in the site."""
    data_dir = urls.site_paths(language).data_dir
    tables = data_files(figures, language)
    files = {f"{data_dir}/{data.name}": render_csv(data, language) for data in tables}
    files[f"{data_dir}/{xlsx_name(language)}"] = render_xlsx(tables, figures, language)
    files[f"{data_dir}/{json_name(language)}"] = render_json(figures)
    return files
