"""Shared fixtures: the example site, built once by each engine and served on 127.0.0.1,
and a headless Chromium to drive against it.

The browser tests run once per engine (`served_site` is parametrized): MkDocs with the
`roadmap` plugin, and Zensical on what `roadmap build` writes (generated pages and a
mkdocs.yml without the plugin). Either site is built with `site_url` set to the address it
is served at, as `mkdocs serve` does: Material's instant navigation only takes over links
listed in the sitemap, and the sitemap is made from `site_url`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
MKDOCS_CONFIG = REPO_ROOT / "mkdocs.yml"
ENGINES = ("mkdocs", "zensical")
CHROMIUM_PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Flags that keep Debian's Chromium quiet on a machine without network access.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Every test page lives in its own headless window; without these, Chromium may treat
    # a window as hidden and pause its animation frames and timers, and a test waiting for
    # a chart to be drawn waits forever.
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
]


FIXTURES = Path(__file__).parent / "fixtures"


def expected_diagnostic(path: Path) -> tuple[str, int, int, str]:
    """What a broken-file fixture says it must produce, from its first line
    `# expect: CODE LINE:COLUMN WORDING`: the code, line, column and a fragment of wording."""
    match = re.match(r"# expect: (R\d{3}) (\d+):(\d+) (.+)\n", path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no '# expect: CODE LINE:COLUMN WORDING' header"
    return match.group(1), int(match.group(2)), int(match.group(3)), match.group(4).strip()


@pytest.fixture
def roadmap_copy(tmp_path: Path) -> Path:
    """A copy of the minimal fixture roadmap, to break or extend in a test."""
    target = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def require(condition: bool, reason: str) -> None:
    """Skip when a test prerequisite is missing on a developer's machine; fail on CI, where
    `.ci/run` installs everything and a skipped browser test would hide a broken setup."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 (an ephemeral port) and yield its base URL.

    The directory may still be empty: files are read at each request."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_site(site_dir: Path, site_url: str) -> None:
    """Build the example site with MkDocs' Python API, strictly (a warning fails)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = Path.cwd()
    os.chdir(REPO_ROOT)  # the config's relative paths (docs/, roadmap/) start here
    try:
        config = load_config(
            config_file=str(MKDOCS_CONFIG), site_url=site_url, site_dir=str(site_dir), strict=True
        )
        build(config)
    finally:
        os.chdir(cwd)


def zensical_command() -> str | None:
    """The `zensical` command installed beside this Python (the test dependencies), or on
    the PATH."""
    return shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which(
        "zensical"
    )


def build_zensical_site(project: Path, site_url: str, config: Path = MKDOCS_CONFIG) -> Path:
    """Build a site the Zensical way: `roadmap build` writes the generated pages and a
    mkdocs.yml without the plugin into `project`, then `zensical build` makes `project/site`
    (Zensical keeps a .cache/ folder beside the configuration, inside `project` too).
    Returns the site folder."""
    zensical = zensical_command()
    require(zensical is not None, "zensical is not installed (pip install -e '.[test]')")
    assert zensical is not None
    environment = {**os.environ, "SITE_URL": site_url}
    generated = subprocess.run(
        [sys.executable, "-m", "generator.adapters.cli", "build", "--config", str(config),
         "--out", str(project / "docs"), "--config-out", str(project / "mkdocs.yml")],
        cwd=config.parent, env=environment, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert generated.returncode == 0, generated.stdout + generated.stderr
    built = subprocess.run(
        [zensical, "build", "--strict", "-f", "mkdocs.yml"], cwd=project, env=environment,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "site"


@dataclass(frozen=True)
class ServedSite:
    """The built example site and the address it is served at (ends with a slash)."""

    root: Path
    base_url: str
    engine: str = "mkdocs"

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def path_of(self, url: str) -> str:
        """The site path of one of its URLs ("/axes/usagers/")."""
        assert url.startswith(self.base_url), url
        return "/" + url[len(self.base_url) :].split("#")[0].split("?")[0]

    def page_paths(self, folder: str) -> list[str]:
        """Paths of the pages inside a folder of the site ("axes" → ["/axes/x/", …])."""
        return sorted(
            f"/{folder}/{index.parent.name}/" for index in (self.root / folder).glob("*/index.html")
        )


@pytest.fixture(scope="session", params=ENGINES)
def served_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedSite]:
    """The example site, built once per test session and engine with `site_url` set to
    where it is served, and served while that engine's tests run."""
    require(MKDOCS_CONFIG.is_file(), f"{MKDOCS_CONFIG.name} is missing: no site to build")
    engine = str(request.param)
    folder = tmp_path_factory.mktemp(f"site-{engine}")
    site_dir = folder / "site"
    with serve_directory(site_dir) as base_url:
        if engine == "zensical":
            build_zensical_site(folder, base_url)
        else:
            build_site(site_dir, base_url)
        yield ServedSite(site_dir, base_url, engine)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (which gives each context a fresh
    profile). One browser a test module: a browser kept for the whole run, hundreds of
    contexts later, was seen to stop answering (a context that never closed) late in a run."""
    require(
        CHROMIUM_PATH.is_file(),
        f"Chromium is missing at {CHROMIUM_PATH}: apt-get install -y chromium",
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle, from the npm packages (`npm ci`)."""
    require(AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: run npm ci")
    return AXE_SCRIPT
