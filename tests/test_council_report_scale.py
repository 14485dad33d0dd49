"""The council report of a large English roadmap: 200 synthetic projects (the generator of the
benchmarks, its roadmap switched to English and its projects given English titles), the full
report checked as the small fixtures' are: tagged, in English, fonts embedded, the situation
date and the envelope in English, every project's title, no text off the page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from generator.adapters import report as report_adapter
from generator.rendering.council import ReportOptions
from generator.rendering.formatting import format_amount, format_date

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from synthetic_roadmap import AS_OF, write_synthetic_roadmap

PROJECTS = 200
MM = 72 / 25.4  # PDF points in a millimetre


@pytest.fixture(scope="module")
def english_portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_synthetic_roadmap(tmp_path_factory.mktemp("english-200") / "roadmap",
                                     PROJECTS)  # fmt: skip
    roadmap = folder / "roadmap.yaml"
    text = roadmap.read_text("utf-8")
    text = text.replace("title: Feuille de route synthétique",
                        "title: Digital transformation roadmap")  # fmt: skip
    text = text.replace("organisation: Région de démonstration",
                        "organisation: Demonstration County Council")  # fmt: skip
    roadmap.write_text(text.replace("language: fr\ncurrency: EUR", "language: en\ncurrency: GBP"),
                       "utf-8")  # fmt: skip
    for path in (folder / "projects").glob("*.yaml"):
        project = path.read_text("utf-8")
        path.write_text(re.sub(r"title: Projet de démonstration n° (\d+)",
                               r"title: Demonstration project number \1", project),
                        "utf-8")  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def report(english_portfolio: Path) -> bytes:
    return report_adapter.generate_report(english_portfolio, ReportOptions(), history=False)


def test_a_200_project_english_report_is_tagged_in_english_with_its_fonts(report: bytes) -> None:
    reader = pypdf.PdfReader(__import__("io").BytesIO(report))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    assert len(reader.pages) > PROJECTS  # a page a project at least
    for page in reader.pages[:: max(1, len(reader.pages) // 25)]:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


def test_a_200_project_english_report_holds_the_date_the_envelope_and_every_project(
    report: bytes,
) -> None:
    document = pypdfium2.PdfDocument(report)
    text = re.sub(r"\s+", " ", " ".join(
        document[index].get_textpage().get_text_range() for index in range(len(document))))
    assert format_date(AS_OF, "en") in text  # 30 June 2022
    assert re.sub(r"\s+", " ", format_amount(PROJECTS * 2_000_000, "en", "GBP")) in text
    for number in range(PROJECTS):
        assert f"Demonstration project number {number}" in text, number
    assert "Rapport" not in text and "Synthèse" not in text  # no French in the chrome


def test_a_200_project_english_report_keeps_its_text_inside_the_margins(report: bytes) -> None:
    """Every character of one page in ten lies on the A4 page, 10 mm from each edge."""
    document = pypdfium2.PdfDocument(report)
    for index in range(0, len(document), 10):
        page = document[index]
        width, height = page.get_size()
        assert round(width / MM) == 210 and round(height / MM) == 297
        text_page = page.get_textpage()
        for char in range(text_page.count_chars()):
            left, bottom, right, top = text_page.get_charbox(char)
            if right <= left:
                continue
            assert left >= 10 * MM and right <= width - 10 * MM, (index, char)
            assert bottom >= 10 * MM and top <= height - 10 * MM, (index, char)
