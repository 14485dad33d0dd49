"""The council-session report: a tagged, searchable, deterministic PDF in the roadmap's
language, built from the small fixture roadmaps (French `portfolio`, English `english`).

Rendering a PDF takes a few seconds: each report is rendered once per module and shared.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pypdf
import pypdfium2
import pytest

from generator.adapters import report as report_adapter
from generator.adapters.cli import main
from generator.figures.derive import derive_figures
from generator.figures.projects import AttentionKind
from generator.pipeline import load_roadmap
from generator.rendering.council import (
    ChangesView,
    PdfEngineMissing,
    ReportOptions,
    UnknownAxisError,
    render_html,
    report_view,
)
from generator.rendering.council.document import council_words
from generator.rendering.council.pdf import css_string, page_counter_content
from generator.rendering.formatting import format_amount, format_date

FIXTURES = Path(__file__).parent / "fixtures"
PORTFOLIO = FIXTURES / "portfolio"
ENGLISH = FIXTURES / "english"
MM = 72 / 25.4  # PDF points in a millimetre


def _report(folder: Path, options: ReportOptions | None = None) -> bytes:
    # Without the history: the fixtures' own past in this repository is not what is tested
    # here (tests/test_site_reports.py builds repositories of its own for that).
    return report_adapter.generate_report(folder, options or ReportOptions(), history=False)


@pytest.fixture(scope="module")
def french_pdf() -> bytes:
    return _report(PORTFOLIO, ReportOptions(session="Conseil communautaire du 8 juillet 2021"))


@pytest.fixture(scope="module")
def english_pdf() -> bytes:
    return _report(ENGLISH)


def _reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def _text(pdf: bytes) -> str:
    """The document's text, every run of white space made one space (a title may wrap)."""
    reader = _reader(pdf)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _figures(folder: Path, edition: str = "public") -> Any:
    result = load_roadmap(folder, "internal" if edition == "internal" else "public")
    assert result.roadmap is not None
    return derive_figures(result.roadmap)


def _structure(reader: pypdf.PdfReader) -> Iterator[pypdf.generic.DictionaryObject]:
    """Every structure element of the tagged PDF, depth first."""
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    stack: list[Any] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pypdf.generic.IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
            continue
        if not isinstance(node, pypdf.generic.DictionaryObject):
            continue
        if node.get("/Type") == "/StructElem" or "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)


# --- accessible -------------------------------------------------------------------------------


def test_the_pdf_is_tagged_with_language_title_and_bookmarks(french_pdf: bytes) -> None:
    reader = _reader(french_pdf)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "fr"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    title = reader.metadata.title if reader.metadata else None
    assert title is not None
    assert "Rapport de séance" in title and "Feuille de route d'essai" in title
    assert "30 juin 2021" in title
    outline_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Synthèse" in outline_titles and "Points d'attention" in outline_titles


def test_headings_tables_and_figures_are_tagged_and_charts_have_alternative_text(
    french_pdf: bytes,
) -> None:
    elements = list(_structure(_reader(french_pdf)))
    kinds = {str(element["/S"]) for element in elements}
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    figures = [element for element in elements if element["/S"] == "/Figure"]
    # The overview, then each axis's budget and health charts.
    assert len(figures) == 1 + 2 * 2
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip(), "every chart has an alternative text"


def test_every_font_is_embedded(french_pdf: bytes) -> None:
    reader = _reader(french_pdf)
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            fonts += 1
    assert fonts > 0


def test_the_text_holds_the_situation_date_the_envelope_and_every_published_project(
    french_pdf: bytes,
) -> None:
    figures = _figures(PORTFOLIO)
    text = _text(french_pdf)
    assert format_date(figures.roadmap.as_of, "fr") in text  # 30 juin 2021
    assert re.sub(r"\s+", " ", format_amount(2_000_000, "fr", "EUR")) in text
    assert "Conseil communautaire du 8 juillet 2021" in text
    for p in figures.overall.projects:
        assert p.project.title in text
    # The public edition leaves the internal project out, as the site does.
    assert "Audit de sécurité confidentiel" not in text
    assert "page 2 sur" in text


def test_the_internal_edition_includes_internal_projects_and_says_so() -> None:
    text = _text(_report(ENGLISH, ReportOptions(edition="internal", summary_only=True)))
    assert "Confidential security audit" in text
    assert "Internal edition" in text


def test_an_english_roadmap_gets_an_english_report(english_pdf: bytes) -> None:
    text = _text(english_pdf)
    assert "30 September 2021" in text
    assert "£2,000,000" in text
    assert "Contents" in text and "Summary" in text and "page 2 of 12" in text
    assert 'Online forms <script>alert("x")</script> & {{ not_a_template }}' in text
    assert "Laptops for staff" in text
    assert "Confidential security audit" not in text
    for french in ("Sommaire", "Synthèse", "Jalons", "sur"):
        assert f" {french} " not in text
    assert _reader(english_pdf).trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_kind_of_attention_item_has_its_heading(language: str) -> None:
    w = council_words(language)
    for kind in get_args(AttentionKind):
        assert "7" in w.plural(f"attention.{kind}", 7, count="7")


def test_the_annex_names_the_licence_roadmap_yaml_gives(tmp_path: Path) -> None:
    folder = tmp_path / "roadmap"
    shutil.copytree(ENGLISH, folder)
    settings = folder / "roadmap.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "licence: {title: Licence of Eastmere, url: 'https://eastmere.example/licence'}\n",
        encoding="utf-8",
    )
    text = " ".join(_text(_report(folder)).split())
    # (a line may break the address after a slash)
    assert "“Licence of Eastmere” (https://eastmere.example/" in text
    assert "Licence Ouverte" not in text


def test_changes_since_the_previous_session_are_said_to_be_unavailable_not_invented(
    english_pdf: bytes,
) -> None:
    assert "it is not available for this report" in _text(english_pdf)
    changes = ChangesView("From 30 June to 30 September 2021: 1 milestone reached.",
                          (("Milestones", ("A milestone was reached.",)),))  # fmt: skip
    html = render_html(report_view(_figures(ENGLISH), ReportOptions(), changes))
    assert "A milestone was reached." in html and "not available" not in html
    assert "<h2>Milestones</h2>" in html


# --- deterministic ----------------------------------------------------------------------------


def test_the_same_input_gives_the_same_bytes(english_pdf: bytes) -> None:
    assert _report(ENGLISH) == english_pdf


def test_metadata_dates_are_the_situation_date(english_pdf: bytes) -> None:
    info = _reader(english_pdf).trailer["/Info"]
    assert str(info["/CreationDate"]).startswith("D:20210930")
    assert str(info["/ModDate"]).startswith("D:20210930")


# --- variants for large roadmaps ---------------------------------------------------------------


def test_a_summary_report_leaves_the_project_pages_out(french_pdf: bytes) -> None:
    summary = _report(PORTFOLIO, ReportOptions(summary_only=True))
    text = _text(summary)
    assert "Fiches projets" not in text and "Fiches projets" in _text(french_pdf)
    assert "synthèse" in text
    assert len(_reader(summary).pages) < len(_reader(french_pdf).pages)


def test_a_per_axis_report_holds_that_axis_only() -> None:
    text = _text(_report(PORTFOLIO, ReportOptions(axis="outils")))
    figures = _figures(PORTFOLIO)
    for axis, portfolio in figures.by_axis:
        for p in portfolio.projects:
            assert (p.project.title in text) == (axis.id == "outils"), p.project.title
    assert "Axe « Outils des agents »" in text


def test_an_unknown_axis_is_refused() -> None:
    with pytest.raises(UnknownAxisError):
        report_view(_figures(PORTFOLIO), ReportOptions(axis="nope"))


# --- laid out -----------------------------------------------------------------------------------


def test_no_text_runs_off_the_page(french_pdf: bytes, tmp_path: Path) -> None:
    """Every character lies inside the A4 page, at least 10 mm from each edge (the margins
    are 15 to 25 mm): no table or chart label overflows. Two pages are kept as images for a
    person to look at when this fails."""
    document = pypdfium2.PdfDocument(french_pdf)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        assert round(width / MM) == 210 and round(height / MM) == 297
        text_page = page.get_textpage()
        for char in range(text_page.count_chars()):
            left, bottom, right, top = text_page.get_charbox(char)
            if right <= left:  # spaces and line ends have no box
                continue
            assert left >= 10 * MM and right <= width - 10 * MM, (index, char)
            assert bottom >= 10 * MM and top <= height - 10 * MM, (index, char)
        if index in (2, 6):
            page.render(scale=1).to_pil().save(tmp_path / f"page-{index + 1}.png")


# --- the command ---------------------------------------------------------------------------------


def test_the_command_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rapport.pdf"
    code = main(["report", "--roadmap", str(ENGLISH), "--out", str(out), "--summary-only",
                 "--session", "Full council, 14 October 2021"])  # fmt: skip
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-1.7")
    assert "Full council, 14 October 2021" in _text(out.read_bytes())
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--axis", "nope"], "has no axis “nope”"),
        (["--as-of", "2021-01-01"], "No situation of the roadmap is dated 2021-01-01. "
                                    "Situations available: "),
        (["--as-of", "30/09/2021"], "is not a date in the YYYY-MM-DD form"),
    ],
)
def test_the_command_says_what_is_wrong_in_plain_words(
    arguments: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", "--roadmap", str(ENGLISH), "--out", str(tmp_path / "r.pdf"),
                 *arguments])  # fmt: skip
    error = capsys.readouterr().err
    assert code == 2
    assert message in error and "Traceback" not in error
    assert not (tmp_path / "r.pdf").exists()


def test_a_missing_pdf_engine_is_a_plain_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing() -> None:
        raise PdfEngineMissing("No module named 'weasyprint'")

    monkeypatch.setattr("generator.rendering.council.pdf._weasyprint", missing)
    code = main(["report", "--roadmap", str(ENGLISH), "--out", str(tmp_path / "r.pdf")])
    error = capsys.readouterr().err
    assert code == 1
    assert "pip install 'roadmap-tracker[report]'" in error and "Traceback" not in error


def test_an_invalid_roadmap_is_reported_like_validate_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", "--roadmap", str(FIXTURES / "broken"), "--out", str(tmp_path / "r")])
    assert code == 1
    assert "R009" in capsys.readouterr().err


# --- margin words -------------------------------------------------------------------------------


def test_margin_words_cannot_break_out_of_their_css_string() -> None:
    escaped = css_string('a"b\\c}\n</style>')
    assert escaped.startswith('"') and escaped.endswith('"')
    assert not re.search(r'["}<>\n]', escaped[1:-1])
    assert page_counter_content("page {page} of {pages}") == (
        '"page " counter(page) " of " counter(pages)'
    )
