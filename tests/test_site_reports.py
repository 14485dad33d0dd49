"""The council-session reports the site publishes (the plugin's `report` option), through
both engines' paths (`mkdocs build` with the plugin, `roadmap build` for Zensical), and the
reports of earlier situations read from git (`roadmap report --as-of / --session`).

Small fixtures only (the minimal roadmap: one project, a 5-page report), so that each PDF
takes a second or two.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapters.cli import main
from generator.adapters.report import generate_report
from generator.adapters.site_reports import publish_reports
from generator.pipeline import SiteOptions, generate_site
from generator.rendering.council import ReportOptions
from generator.rendering.site.reports import (
    ReportLink,
    format_size,
    home_with_reports,
    reports_block,
)
from tests.history_repo import commit, init, write_situation

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
PDF = "rapports/rapport-2020-06-30.pdf"
LINK = re.compile(r'<a href="rapports/rapport-2020-06-30\.pdf" type="application/pdf">'
                  r"Rapport de séance du 30 juin 2020 \(PDF, ([^)]+)\)</a>")  # fmt: skip
PUBLISHABLE = """
contact: numerique@essai.example
accessibility: {compliance: none, statement_date: 2020-01-15}
"""
CONFIG = """\
site_name: Essai
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
plugins:
  - roadmap:
      roadmap_dir: roadmap
      report: {report}
      history: {history}
"""


def project(tmp_path: Path, report: str = "full", history: str = "false") -> Path:
    """A site project around a copy of the minimal roadmap: mkdocs.yml, docs/, roadmap/."""
    root = tmp_path / "projet"
    shutil.copytree(MINIMAL, root / "roadmap")
    with (root / "roadmap" / "roadmap.yaml").open("a", encoding="utf-8") as settings:
        settings.write(PUBLISHABLE)  # what a strict build of the public edition asks for
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG.format(report=report, history=history), "utf-8")
    return root


def mkdocs_build(root: Path, site_dir: Path) -> Path:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir),
                         strict=True)  # fmt: skip
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def roadmap_build(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.adapters.cli", "build", "--config",
         str(root / "mkdocs.yml"), "--out", str(out), *extra],
        cwd=root, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def size_text(pdf: bytes) -> str:
    return format_size(len(pdf), "fr")


# --- the current report, with either engine --------------------------------------------------


def test_mkdocs_publishes_the_report_and_the_home_page_links_it_with_its_size(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    site = mkdocs_build(root, tmp_path / "site")
    pdf = (site / PDF).read_bytes()
    assert pdf.startswith(b"%PDF-")
    home = (site / "index.html").read_text(encoding="utf-8")
    link = LINK.search(home)
    assert link is not None, home[:2000]
    assert link.group(1) == size_text(pdf) and link.group(1).endswith("ko")
    assert "Situation au 30 juin 2020" in text_of(pdf)


def test_roadmap_build_publishes_the_same_report_byte_for_byte_on_every_build(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    first = roadmap_build(root, tmp_path / "out")
    assert first.returncode == 0, first.stderr
    pdf = (tmp_path / "out" / PDF).read_bytes()
    link = LINK.search((tmp_path / "out" / "index.md").read_text(encoding="utf-8"))
    assert link is not None and link.group(1) == size_text(pdf)
    # Laid out again from nothing (no cache): the same bytes.
    shutil.rmtree(root / ".cache")
    again = roadmap_build(root, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / PDF).read_bytes() == pdf
    # And MkDocs publishes those very bytes.
    assert (mkdocs_build(root, tmp_path / "site") / PDF).read_bytes() == pdf


def test_a_rebuild_takes_the_report_from_the_cache(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = generate_site(root / "roadmap")
    first = publish_reports(site, root / "roadmap", "full", history=False)
    assert first.built == 1
    cached = [p for p in (root / ".cache" / "roadmap-report").iterdir() if p.suffix == ".pdf"]
    assert len(cached) == 1
    before = cached[0].stat().st_mtime_ns
    second = publish_reports(site, root / "roadmap", "full", history=False)
    assert second.built == 0 and cached[0].stat().st_mtime_ns == before
    assert second.site.downloads[PDF] == first.site.downloads[PDF]
    # What the site publishes is what the cache holds.
    cached[0].write_bytes(b"%PDF- from the cache")
    third = publish_reports(site, root / "roadmap", "full", history=False)
    assert third.site.downloads[PDF] == b"%PDF- from the cache"
    # An edited roadmap is laid out again, and the former report leaves the cache.
    roadmap_file = root / "roadmap" / "roadmap.yaml"
    roadmap_file.write_text(roadmap_file.read_text(encoding="utf-8")
                            .replace("Feuille de route de test", "Feuille de route modifiée"),
                            encoding="utf-8")  # fmt: skip
    edited = publish_reports(generate_site(root / "roadmap"), root / "roadmap", "full",
                             history=False)  # fmt: skip
    assert edited.built == 1 and "Feuille de route modifiée" in text_of(edited.site.downloads[PDF])
    assert not cached[0].exists()


def test_report_false_publishes_nothing_and_the_summary_is_smaller(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = generate_site(root / "roadmap")
    none = publish_reports(site, root / "roadmap", False, history=False)
    assert none.site is site and not (root / ".cache").exists()
    full = publish_reports(site, root / "roadmap", "full", history=False).site
    summary = publish_reports(site, root / "roadmap", "summary", history=False).site
    assert len(summary.downloads[PDF]) < len(full.downloads[PDF])
    assert "Rapport de séance du 30 juin 2020, synthèse (PDF, " in summary.pages["index.md"]


def test_above_the_limit_the_site_publishes_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.adapters.site_reports.FULL_REPORT_MAX_PROJECTS", 0)
    root = project(tmp_path)
    reports = publish_reports(generate_site(root / "roadmap"), root / "roadmap", "full",
                              history=False)  # fmt: skip
    assert "synthèse (PDF, " in reports.site.pages["index.md"]
    assert any("publie le rapport de séance de synthèse" in note for note in reports.notes)
    assert "Fiches projets" not in text_of(reports.site.downloads[PDF])


# --- without the PDF engine ------------------------------------------------------------------

# Runs a command with WeasyPrint made impossible to import, as on a machine without it.
WITHOUT_WEASYPRINT = "import sys; sys.modules['weasyprint'] = None; sys.argv[0] = 'x'; "


def without_weasyprint(root: Path, run: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_WEASYPRINT + run], cwd=root,
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip


@pytest.mark.parametrize("engine", ["mkdocs", "roadmap"])
def test_without_weasyprint_a_strict_build_fails_with_a_plain_message(
    tmp_path: Path, engine: str
) -> None:
    root = project(tmp_path)
    if engine == "mkdocs":
        run = ("from mkdocs.__main__ import cli; "
               f"cli(['build', '--strict', '-d', {str(tmp_path / 'site')!r}])")  # fmt: skip
    else:
        run = (
            "from generator.adapters.cli import main; "
            f"sys.exit(main(['build', '--strict', '--out', {str(tmp_path / 'out')!r}]))"
        )
    completed = without_weasyprint(root, run)
    assert completed.returncode != 0
    assert "pip install '.[report]'" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not (tmp_path / "site" / PDF).exists() and not (tmp_path / "out" / PDF).exists()


def test_without_weasyprint_a_build_that_is_not_strict_warns_and_goes_on(tmp_path: Path) -> None:
    root = project(tmp_path)
    run = (
        "from generator.adapters.cli import main; "
        f"sys.exit(main(['build', '--out', {str(tmp_path / 'out')!r}]))"
    )
    completed = without_weasyprint(root, run)
    assert completed.returncode == 0, completed.stderr
    assert "pip install '.[report]'" in completed.stderr
    assert (tmp_path / "out" / "index.md").is_file() and not (tmp_path / "out" / PDF).exists()


# --- earlier situations, from git ------------------------------------------------------------

SESSIONS = """sessions:
  - {date: 2020-04-15, title: Conseil d'avril}
  - {date: 2020-07-15, title: Conseil de juillet}
"""


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    """Two committed situations (31 March, 30 June 2020) and two sessions, one each."""
    root = tmp_path / "depot"
    folder = init(root)
    write_situation(folder, "2020-03-31", {"socle": {}, "ancien": {}}, SESSIONS)
    commit(root)
    write_situation(
        folder, "2020-06-30", {"socle": {"health": "critical", "forecast": "2020-11-30"}}, SESSIONS
    )
    commit(root)
    return folder


def test_a_session_report_holds_the_changes_since_the_previous_session(history_repo: Path) -> None:
    text = text_of(generate_report(history_repo, ReportOptions(session="Conseil de juillet")))
    assert "Conseil de juillet" in text and "Situation au 30 juin 2020" in text
    assert "Ce qui a changé depuis la séance précédente" in text
    assert "Du 31 mars 2020 au 30 juin 2020" in text
    assert "Ancien" in text and "« Recette » décalé de 61 jours" in text
    assert "n'est pas disponible" not in text


def test_an_earlier_situation_is_reported_from_git(history_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "avril.pdf"
    code = main(["report", "--roadmap", str(history_repo), "--as-of", "2020-03-31",
                 "--out", str(out)])  # fmt: skip
    assert code == 0
    text = text_of(out.read_bytes())
    assert "Situation au 31 mars 2020" in text and "Ancien" in text
    assert "Première situation publiée" in text
    by_session = generate_report(history_repo, ReportOptions(session="2020-04-15"))
    assert "Conseil d'avril" in text_of(by_session)
    assert "Situation au 31 mars 2020" in text_of(by_session)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--as-of", "2020-05-01"],
            "Aucune situation de la feuille de route n'est datée du "
            "2020-05-01. Situations disponibles : 2020-03-31 (31 mars 2020), 2020-06-30 "
            "(30 juin 2020).",
        ),
        (
            ["--session", "Conseil de mai"],
            "Séances déclarées : 2020-04-15 (Conseil d'avril); 2020-07-15 (Conseil de juillet).",
        ),
    ],
)
def test_no_matching_situation_is_said_with_those_there_are(
    history_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    arguments: list[str], message: str,
) -> None:  # fmt: skip
    code = main(["report", "--roadmap", str(history_repo), "--out", str(tmp_path / "r.pdf"),
                 *arguments])  # fmt: skip
    error = capsys.readouterr().err
    assert code == 2 and message in error and "Traceback" not in error
    assert not (tmp_path / "r.pdf").exists()


def test_the_site_lists_the_earlier_sessions_reports(history_repo: Path) -> None:
    site = generate_site(history_repo, SiteOptions(history=True))
    reports = publish_reports(site, history_repo, "full", history=True)
    assert reports.built == 2
    home = reports.site.pages["index.md"]
    earlier = "rapports/rapport-seance-2020-04-15.pdf"
    pdf = reports.site.downloads[earlier]
    assert "Conseil d'avril" in text_of(pdf) and "Situation au 31 mars 2020" in text_of(pdf)
    assert (
        f'<a href="{earlier}" type="application/pdf">Conseil d\'avril : rapport de séance, '
        f"situation au 31 mars 2020 (PDF, {size_text(pdf)})</a>"
    ) in html.unescape(home)
    assert "<summary>Rapports des séances précédentes</summary>" in home
    # The current situation is presented to the July session: its title on the cover and in
    # the link.
    current = reports.site.downloads[PDF]
    assert "Conseil de juillet" in text_of(current)
    assert (f'<a href="{PDF}" type="application/pdf">Conseil de juillet : rapport de séance, '
            f"situation au 30 juin 2020 (PDF, {size_text(current)})</a>") in home  # fmt: skip
    # The earlier session's report is made once: its inputs are commits.
    again = publish_reports(site, history_repo, "full", history=True)
    assert again.built == 0 and again.site.downloads[earlier] == pdf


# --- the links' words ------------------------------------------------------------------------


def test_sizes_are_written_in_the_roadmap_language() -> None:
    assert format_size(1_234_567, "fr") == "1,2\u202fMo"
    assert format_size(1_234_567, "en") == "1.2 MB"
    assert format_size(408_552, "fr") == "409\u202fko"
    assert format_size(408_552, "en") == "409 kB"


def test_a_session_title_stays_text_on_one_line_in_the_home_page() -> None:
    hostile = ReportLink("rapports/b.pdf", "Conseil\n\n# <script>alert(1)</script> & co")
    block = reports_block(ReportLink("rapports/a.pdf", "Rapport"), [hostile], "fr")
    assert "\n\n" not in block and "<script>" not in block
    assert "Conseil # &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in block
    home = home_with_reports('# Titre\n\n<p class="rm-lead">Lead</p>\n\n## Suite\n', block)
    assert home.index('<p class="rm-lead">') < home.index(block) < home.index("## Suite")
