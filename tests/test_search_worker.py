"""The generated pages' search entries made in a worker process give the very index Material
makes itself: same entries, same order, same bytes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import generator.adapters.mkdocs.plugin as plugin
from generator.adapters.mkdocs import search

FIXTURES = Path(__file__).parent / "fixtures"


def _build(config_file: Path, site_dir: Path) -> bytes:
    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        build(load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True))
    finally:
        os.chdir(cwd)
    return (site_dir / "search" / "search_index.json").read_bytes()


@pytest.mark.parametrize("fixture", ["portfolio", "hostile"])
def test_the_worker_makes_the_index_material_makes(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = FIXTURES / fixture / "mkdocs.yml"
    submitted: list[str] = []
    submit = search.SearchWorker.submit

    def counting(self: search.SearchWorker, page: search.PageForSearch) -> search.Pending:
        submitted.append(page.url)
        return submit(self, page)

    monkeypatch.setattr(search.SearchWorker, "submit", counting)
    monkeypatch.setattr(plugin, "MIN_SEARCH_PAGES", 1)  # the fixtures are small
    with_worker = _build(config, tmp_path / "worker")
    # Every generated page went to the worker (the hand-written ones stay with Material).
    assert len(submitted) >= 10
    assert "" in submitted  # the home page

    monkeypatch.setattr(plugin, "MIN_SEARCH_PAGES", 10**9)
    submitted.clear()
    by_material = _build(config, tmp_path / "material")
    assert submitted == []
    assert with_worker == by_material


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
