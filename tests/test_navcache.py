"""Material's navigation, made once per folder for the pages out of it, gives the very site
rendering it for every page gives.

Each fixture site is built twice with MkDocs, with the navigation cache and with it turned
off, and every file of the two sites is compared byte for byte. The project pages, left out
of the navigation, are where the cache serves; the pages of the navigation, which show their
own place in it, must not be served from it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapters.mkdocs.navcache import NavigationCache, url_parts

FIXTURES = Path(__file__).parent / "fixtures"
SITES = ("portfolio", "english", "hostile")


def _build(config_file: Path, site_dir: Path) -> None:
    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        build(load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True))
    finally:
        os.chdir(cwd)


def _files(site: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix(), path.read_bytes()


@pytest.mark.parametrize("fixture", SITES)
def test_the_cached_navigation_is_the_navigation(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = FIXTURES / fixture / "mkdocs.yml"
    served: list[int] = []
    install = NavigationCache.install

    def counting(self: NavigationCache, *args: object) -> None:
        install(self, *args)  # type: ignore[arg-type]
        served.append(id(self))
        self.reused = 0

    monkeypatch.setattr(NavigationCache, "install", counting)
    keys: list[object] = []
    key = NavigationCache.key

    def keyed(self: NavigationCache, page: object) -> object:
        made = key(self, page)
        keys.append(made)
        return made

    monkeypatch.setattr(NavigationCache, "key", keyed)
    _build(config, tmp_path / "cached")
    assert served
    # Several project pages share one navigation: the comparison below is not vacuous.
    shared = [k for k in keys if k is not None]
    assert len(shared) > len(set(shared)) >= 1
    assert None in keys  # pages of the navigation are made for themselves

    monkeypatch.setattr(NavigationCache, "install", lambda *args: None)
    _build(config, tmp_path / "plain")

    cached = dict(_files(tmp_path / "cached"))
    plain = dict(_files(tmp_path / "plain"))
    assert sorted(cached) == sorted(plain)
    assert [path for path in cached if cached[path] != plain[path]] == []


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        ("projets/socle/", ("projets", "socle")),
        ("projets/socle.html", ("projets",)),
        ("", ()),
        ("a/./b/../c/", ("a", "c")),
    ],
)
def test_url_parts_read_an_address_as_mkdocs_does(url: str, parts: tuple[str, ...]) -> None:
    assert url_parts(url) == parts
