"""The generated pages' search entries made in a worker process give the very index Material
makes itself: same entries, same order, same bytes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.adapters.mkdocs import search

FIXTURES = Path(__file__).parent / "fixtures"


# Run in a fresh interpreter: the worker is only forked from a process running no other
# thread, and a test session may have some (the browser tests' web server).
_BUILD_BOTH_WAYS = """
import hashlib, json, os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
import generator.adapters.mkdocs.plugin as plugin
from generator.adapters.mkdocs import search

config, out = Path(sys.argv[1]), Path(sys.argv[2])
submitted = []
submit = search.SearchWorker.submit
def counting(self, page):
    submitted.append(page.url)
    return submit(self, page)
search.SearchWorker.submit = counting
os.chdir(config.parent)
indexes = {}
for name, minimum in (("worker", 1), ("material", 10**9)):
    plugin.MIN_SEARCH_PAGES = minimum
    build(load_config(config_file=str(config), site_dir=str(out / name), strict=True))
    indexes[name] = (out / name / "search" / "search_index.json").read_bytes()
    indexes[name + "_submitted"] = list(submitted)
    submitted.clear()
json.dump({
    "submitted": indexes["worker_submitted"],
    "submitted_without": indexes["material_submitted"],
    "same": indexes["worker"] == indexes["material"],
    "entries": len(json.loads(indexes["material"])["docs"]),
}, sys.stdout)
"""


@pytest.mark.parametrize("fixture", ["portfolio", "hostile"])
def test_the_worker_makes_the_index_material_makes(fixture: str, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", _BUILD_BOTH_WAYS, str(FIXTURES / fixture / "mkdocs.yml"),
         str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    # Every generated page went to the worker (the hand-written ones stay with Material)…
    assert len(result["submitted"]) >= 10
    assert "" in result["submitted"]  # the home page
    # …none without it, and the index is the same, byte for byte.
    assert result["submitted_without"] == []
    assert result["entries"] > len(result["submitted"])
    assert result["same"] is True


def test_no_worker_is_forked_beside_other_threads() -> None:
    # `mkdocs serve` runs threads; a fork would copy them in an unknown state.
    assert search.worker_possible() == (threading.active_count() == 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not search.worker_possible()
    finally:
        stop.set()
        thread.join()


def test_pending_places_are_filled_in_order() -> None:
    worker = search.SearchWorker()
    try:
        page = search.PageForSearch(
            content='<h1 id="titre">Titre</h1>\n<p>Un texte.</p>',
            toc=[], url="projets/a/", title="Titre", meta={},
        )  # fmt: skip
        entries: list[object] = [{"location": "avant"}, worker.submit(page), {"location": "après"}]
        search.resolve(entries)
    finally:
        worker.close()
    # The page's first section is the page itself (Material keeps its paragraphs' markup).
    assert entries == [
        {"location": "avant"},
        {"location": "projets/a/", "title": "Titre", "text": "<p>Un texte.</p>"},
        {"location": "après"},
    ]
