"""The open-data files as a reuser opens them: the CSV files read with the csv module in the
dialect the data page gives, the workbook read with openpyxl.

The roadmap is tests/fixtures/spreadsheet: a project whose texts begin with `=`, `+`, `-`, `@`,
a tab and a carriage return, accented names, and a dependency on an internal project.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.pipeline import GeneratedSite, SiteOptions, generate_site
from generator.rendering.site.opendata import csv_dialect, spreadsheet_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPREADSHEET = FIXTURES / "spreadsheet"
MINIMAL_EN = FIXTURES / "minimal-en"
PROJECT_COLUMNS = ["id", "title", "axis", "axis_title", "summary", "lead_team", "lead_name"]
MILESTONE_COLUMNS = ["project_id", "project_title", "title", "due", "forecast", "done", "state"]


@pytest.fixture(scope="module")
def site() -> GeneratedSite:
    return generate_site(SPREADSHEET)


def read_csv(site: GeneratedSite, path: str) -> list[list[str]]:
    """A CSV file read as the data page says: UTF-8 with a BOM, the language's separator."""
    dialect = csv_dialect(site.language)
    text = site.downloads[path].decode(dialect.encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter))


def read_workbook(site: GeneratedSite, path: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(site.downloads[path]))


def test_french_csv_files_open_in_a_french_spreadsheet(site: GeneratedSite) -> None:
    raw = site.downloads["donnees/projets.csv"]
    # The byte-order mark makes Excel read UTF-8; `;` is a French spreadsheet's list separator.
    assert raw.startswith(b"\xef\xbb\xbfid;title;axis;")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = read_csv(site, "donnees/projets.csv")
    assert rows[0][: len(PROJECT_COLUMNS)] == PROJECT_COLUMNS
    assert all(len(row) == len(rows[0]) for row in rows)  # every row has every column
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_id) == {"formules", "portail"}  # socle-interne is internal
    assert by_id["formules"]["lead_name"] == "Léa Çelik"
    assert by_id["formules"]["axis_title"] == "Démarches des usagers"
    assert by_id["portail"]["summary"] == "Démarches en ligne, accessibles à tous."
    # Numbers keep the dot, as data.gouv.fr recommends: 12,000.5 planned.
    assert by_id["formules"]["planned"] == "12000.5"


def test_an_english_site_uses_the_comma(tmp_path: Path) -> None:
    english = generate_site(MINIMAL_EN)
    assert csv_dialect("en").delimiter == ","
    assert english.downloads["data/projects.csv"].startswith(b"\xef\xbb\xbfid,title,axis,")


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_csv_and_xlsx(
    site: GeneratedSite,
) -> None:
    expected = {
        "title": "'=HYPERLINK(\"https://exemple.org\";\"Cliquez\")",
        "summary": "'+33 1 23 45 67 89, ligne d'accueil",
        "lead_team": "'@SUM(1+1)",
        "status_reason": "'-2 jours : reprise à l'été",
    }
    rows = read_csv(site, "donnees/projets.csv")
    formules = dict(zip(rows[0], next(r for r in rows if r[0] == "formules"), strict=True))
    assert {key: formules[key] for key in expected} == expected
    milestones = read_csv(site, "donnees/jalons.csv")
    assert milestones[0][: len(MILESTONE_COLUMNS)] == MILESTONE_COLUMNS
    assert [row[2] for row in milestones[1:]] == ["'\tTabulation en tête",
                                                  "'+Plus en tête"]  # fmt: skip

    workbook = read_workbook(site, "donnees/feuille-de-route.xlsx")
    sheet = workbook["projets"]
    header = [cell.value for cell in sheet[1]]
    assert header == rows[0]  # the same columns as the CSV file
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "formules")
    cells = dict(zip(header, row, strict=True))
    assert {key: cells[key] for key in expected} == expected
    # Typed cells: numbers are numbers, dates are dates; a negative number is not a formula.
    assert cells["planned"] == 12000.5 and cells["spent"] == 250.25
    assert cells["start"] == dt.datetime(2020, 1, 15)
    for sheet in workbook.worksheets:
        for line in sheet.iter_rows(values_only=True):
            for value in line:
                assert not (isinstance(value, str) and value.startswith(("=", "+", "-", "@")))
    # No cell of the file is a formula (`<f>`), whatever its text.
    with zipfile.ZipFile(io.BytesIO(site.downloads["donnees/feuille-de-route.xlsx"])) as zipped:
        for name in zipped.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zipped.read(name), name


def test_the_one_neutraliser() -> None:
    for text in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert spreadsheet_text(text) == "'" + text
    for text in ("Démarches", "1-2", "a=b", "", "'déjà"):
        assert spreadsheet_text(text) == text


def test_the_workbook_holds_the_same_tables_and_the_dictionary(site: GeneratedSite) -> None:
    workbook = read_workbook(site, "donnees/feuille-de-route.xlsx")
    assert workbook.sheetnames == ["projets", "jalons", "budget", "indicateurs",
                                   "Dictionnaire des champs"]  # fmt: skip
    for name in ("projets", "jalons", "budget", "indicateurs"):
        rows = read_csv(site, f"donnees/{name}.csv")
        assert workbook[name].max_row == len(rows), name
        assert [c.value for c in workbook[name][1]] == rows[0], name
    dictionary = list(workbook["Dictionnaire des champs"].iter_rows(values_only=True))
    assert dictionary[0] == ("Fichier", "Champ", "Type", "Signification")
    assert dictionary[-1][0].startswith("Pour qu'aucun tableur n'exécute un texte")
    consumption = next(row for row in dictionary if row[1] == "consumption_pct")
    assert consumption[:3] == ("projets", "consumption_pct", "nombre")
    # The document's dates are the reporting date, never the build's.
    assert workbook.properties.created == dt.datetime(2020, 6, 30)
    assert workbook.properties.title == "Feuille de route « tableur »"


def test_the_workbook_is_byte_identical_from_one_build_to_the_next(site: GeneratedSite) -> None:
    time.sleep(1.1)  # a clock read anywhere would now give another second
    again = generate_site(SPREADSHEET)
    assert again.downloads["donnees/feuille-de-route.xlsx"] == (
        site.downloads["donnees/feuille-de-route.xlsx"])
    for name, content in site.downloads.items():
        assert again.downloads[name] == content, name
    with zipfile.ZipFile(io.BytesIO(site.downloads["donnees/feuille-de-route.xlsx"])) as zipped:
        assert {info.date_time for info in zipped.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_depends_on_names_only_projects_of_the_edition(site: GeneratedSite) -> None:
    public = json.loads(site.downloads["donnees/feuille-de-route.json"])
    formules = next(p for p in public["projects"] if p["id"] == "formules")
    assert formules["depends_on"] == ["portail"]  # socle-interne is internal
    for name, content in site.downloads.items():
        if not name.endswith(".xlsx"):
            assert "socle-interne" not in content.decode("utf-8-sig"), name
    internal = generate_site(SPREADSHEET, SiteOptions(edition="internal"))
    internal_json = json.loads(internal.downloads["donnees/feuille-de-route.json"])
    formules = next(p for p in internal_json["projects"] if p["id"] == "formules")
    assert formules["depends_on"] == ["socle-interne", "portail"]


def test_the_data_page_says_how_to_open_the_files(site: GeneratedSite) -> None:
    page = site.pages["donnees.md"]
    assert "points-virgules (;)" in page and "BOM" in page
    assert 'href="feuille-de-route.xlsx" download' in page
    assert "précédée d&#39;une apostrophe" in page  # the dictionary says formulas are defused
    assert ('<a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">'
            "Licence Ouverte / Open Licence 2.0</a>") in page  # fmt: skip
