"""Published as a public body publishes: every page's footer (reporting date, data licence,
contact, accessibility and legal notice), and no public edition whose accessibility
statement or contact is still to be completed (R080: a strict build fails and names the
field of roadmap.yaml, another build warns).

The roadmaps are copies of tests/fixtures/english (whose roadmap.yaml fills every field) with
fields taken out, and tests/fixtures/minimal-en (which fills none).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.adapters.cli import main
from generator.pipeline import SiteOptions, generate_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ENGLISH = FIXTURES / "english"
MINIMAL_EN = FIXTURES / "minimal-en"
PORTFOLIO = FIXTURES / "portfolio"
# What tests/fixtures/english/roadmap.yaml says about publication, removed to test R080.
PUBLICATION_BLOCK = re.compile(r"^contact:.*\Z", re.DOTALL | re.MULTILINE)


@pytest.fixture
def unpublishable(tmp_path: Path) -> Path:
    """The English fixture without its contact and accessibility statement."""
    folder = tmp_path / "english"
    shutil.copytree(ENGLISH, folder)
    roadmap = folder / "roadmap.yaml"
    roadmap.write_text(PUBLICATION_BLOCK.sub("", roadmap.read_text(encoding="utf-8")),
                       encoding="utf-8")  # fmt: skip
    return folder


def _mkdocs(folder: Path, site: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *options, "-d", str(site)],
        cwd=folder, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


def test_each_missing_field_is_a_warning_at_its_place() -> None:
    site = generate_site(MINIMAL_EN)
    missing = [d for d in site.warnings if d.code == "R080"]
    assert [d.parameters["field"] for d in missing] == [
        "contact", "accessibility.compliance", "accessibility.statement_date"]
    for problem in missing:
        assert problem.severity == "warning"
        assert problem.file.endswith("minimal-en/roadmap.yaml")
        assert (problem.line, problem.column) >= (1, 1)
    # The internal edition is not published: nothing to fill in for it.
    internal = generate_site(MINIMAL_EN, SiteOptions(edition="internal"))
    assert not [d for d in internal.warnings if d.code == "R080"]
    # The plugin's `contact` option counts as a contact.
    with_option = generate_site(MINIMAL_EN, SiteOptions(contact="a11y@example.org"))
    assert "contact" not in [d.parameters["field"] for d in with_option.warnings
                             if d.code == "R080"]  # fmt: skip


def test_a_partial_compliance_needs_its_audit_and_its_list(tmp_path: Path) -> None:
    folder = tmp_path / "partial"
    shutil.copytree(MINIMAL_EN, folder)
    with (folder / "roadmap.yaml").open("a", encoding="utf-8") as roadmap:
        roadmap.write("contact: a11y@example.org\naccessibility:\n  compliance: partial\n"
                      "  statement_date: 2021-06-01\n")  # fmt: skip
    site = generate_site(folder)
    found = [(d.parameters["field"], d.line) for d in site.warnings if d.code == "R080"]
    # Placed at the `accessibility:` key, the closest written parent (line 16 of the file).
    lines = (folder / "roadmap.yaml").read_text(encoding="utf-8").splitlines()
    block = lines.index("accessibility:") + 1
    assert found == [("accessibility.audit", block), ("accessibility.non_accessible", block)]


def test_a_strict_build_fails_and_names_the_field(unpublishable: Path, tmp_path: Path) -> None:
    # --quiet hides MkDocs' warnings, and with them what --strict counts: these are errors.
    strict = _mkdocs(unpublishable, tmp_path / "strict", "--strict", "--quiet")
    assert strict.returncode != 0
    output = strict.stdout + strict.stderr
    assert "roadmap.yaml:" in output and "R080" in output
    assert "'accessibility.compliance' is not given in roadmap.yaml" in output
    assert ("fill in contact, accessibility.compliance, accessibility.statement_date in "
            "roadmap.yaml (R080)") in output
    assert "Traceback" not in output
    assert not (tmp_path / "strict" / "index.html").exists()
    # Without --strict: built, with the same warnings.
    lenient = _mkdocs(unpublishable, tmp_path / "lenient")
    assert lenient.returncode == 0, lenient.stderr
    assert "R080" in lenient.stdout + lenient.stderr
    statement = (tmp_path / "lenient" / "accessibility" / "index.html").read_text("utf-8")
    assert "to be completed by the organisation" in statement


def test_roadmap_build_strict_fails_too(unpublishable: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(unpublishable)
    assert main(["build", "--strict", "--out", str(tmp_path / "strict")]) == 1
    error = capsys.readouterr().err
    assert "roadmap.yaml:" in error and "R080" in error and "'contact'" in error
    assert main(["build", "--out", str(tmp_path / "lenient")]) == 0
    assert "R080" in capsys.readouterr().err
    assert (tmp_path / "lenient" / "accessibility.md").is_file()


def test_roadmap_build_without_a_mkdocs_yml_names_the_site_after_the_roadmap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ENGLISH, project / "roadmap", ignore=shutil.ignore_patterns("mkdocs.yml"))
    monkeypatch.chdir(project)
    assert not (project / "mkdocs.yml").exists()
    assert main(["build", "--out", "out", "--config-out", "site.yml"]) == 0
    assert (project / "out" / "index.md").is_file()
    config = yaml.safe_load((project / "site.yml").read_text(encoding="utf-8"))
    title = yaml.safe_load((ENGLISH / "roadmap.yaml").read_text(encoding="utf-8"))["title"]
    assert config["site_name"] == title


def test_a_filled_statement_builds_strictly(tmp_path: Path) -> None:
    built = _mkdocs(ENGLISH, tmp_path / "site", "--strict", "--quiet")
    assert built.returncode == 0, built.stdout + built.stderr
    statement = (tmp_path / "site" / "accessibility" / "index.html").read_text("utf-8")
    assert "is fully compliant with RGAA version 4.1" in statement
    assert "carried out on 15 August 2021 by Eastmere digital team found that 100" in statement
    assert "to be completed" not in statement


def test_the_footer_of_every_page(tmp_path: Path) -> None:
    site = generate_site(PORTFOLIO)
    entries = site.footer["entries"]
    assert [entry["text"] for entry in entries] == [
        "Données au 30 juin 2021",  # as_of, never the build's date
        "Licence Ouverte / Open Licence 2.0",
        "numerique@essai.example",
        "Accessibilité : partiellement conforme",
        "Mentions légales",
    ]
    assert entries[2]["href"] == "mailto:numerique@essai.example"
    assert entries[3]["page"] == "accessibilite/"
    assert entries[4]["page"] == "mentions-legales/"
    assert "mentions-legales.md" in site.pages


def test_a_legal_notice_of_its_own_and_a_licence_of_its_own(tmp_path: Path) -> None:
    folder = tmp_path / "own"
    shutil.copytree(PORTFOLIO, folder)
    with (folder / "roadmap.yaml").open("a", encoding="utf-8") as roadmap:
        roadmap.write("legal_notice: https://essai.example/mentions-legales\n"
                      "licence: {title: ODbL 1.0, url: 'https://opendatacommons.org/licenses/odbl/'}\n")
    site = generate_site(folder)
    assert "mentions-legales.md" not in site.pages
    legal, licence = site.footer["entries"][4], site.footer["entries"][1]
    assert legal == {"text": "Mentions légales", "href": "https://essai.example/mentions-legales"}
    assert (licence["text"], licence["href"]) == ("ODbL 1.0",
                                                  "https://opendatacommons.org/licenses/odbl/")
    assert "ODbL 1.0" in site.pages["donnees.md"]


def test_the_footer_is_in_every_page_of_a_build(tmp_path: Path) -> None:
    built = _mkdocs(ENGLISH, tmp_path / "site", "--strict", "--quiet")
    assert built.returncode == 0, built.stdout + built.stderr
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) >= 15
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<ul class="rm-footer" aria-label="Publication details">' in text, page
        assert "Data as of 30 September 2021" in text, page
    nested = (tmp_path / "site" / "projects" / "laptops" / "index.html").read_text("utf-8")
    assert '<a href="../../accessibility/">Accessibility: fully compliant</a>' in nested
