"""An engine that runs no MkDocs plugin (Zensical) builds the same site from `roadmap build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.rendering.formatting import format_amount

ROOT = Path(__file__).parent.parent


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


@pytest.fixture(scope="module")
def zensical() -> str:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which(
        "zensical"
    )
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zensical is not installed (pip install -e '.[test]')")
        pytest.skip("zensical is not installed")
    return found


def test_zensical_builds_every_generated_page(tmp_path: Path, zensical: str) -> None:
    project = tmp_path / "project"
    subprocess.run(
        [sys.executable, "-m", "generator.adapters.cli", "build",
         "--roadmap", str(ROOT / "roadmap"),
         "--config", str(ROOT / "mkdocs.yml"), "--out", str(project / "docs"),
         "--config-out", str(project / "mkdocs.yml")],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    # Zensical writes a .cache/ folder beside mkdocs.yml: run it in the temporary project.
    built = subprocess.run(
        [zensical, "build", "-f", "mkdocs.yml"], cwd=project, capture_output=True, text=True,
        check=False, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "site"

    reference = tmp_path / "mkdocs-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(reference)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert _pages(site) == _pages(reference)
    assert "projets/grc/index.html" in _pages(site)
    grc = (site / "projets" / "grc" / "index.html").read_text(encoding="utf-8")
    assert "Plateforme de gestion de la relation usagers (GRC)" in grc
    home = (site / "index.html").read_text(encoding="utf-8")
    assert format_amount(15_000_000, "fr") in home
    for download in ("donnees/projets.csv", "donnees/feuille-de-route.json"):
        assert (site / download).is_file(), download
