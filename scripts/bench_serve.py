"""Benchmark: the editing loop under `mkdocs serve`, from saving a project file to the page
showing the change.

It writes a synthetic roadmap (1,000 projects by default) into a temporary folder, starts
`mkdocs serve` on 127.0.0.1 with a copy of mkdocs.yml pointing at it, waits for the first
build, then several times: changes one project's title, and polls that project's page until
the new title is served. Each time is the whole loop a project lead sees: MkDocs noticing
the change, validating, generating, building and writing the site.

By default it measures both ways `mkdocs serve` can run: as usual (the roadmap plugin keeps
the checked project files and the rendered project pages from one build to the next) and
with `--clean` (every build from scratch, as `mkdocs build` does), for comparison.

    python scripts/bench_serve.py                  # 1,000 projects, 3 edits, both ways
    python scripts/bench_serve.py --projects 5000 --edits 5 --modes serve

This is a measurement, not a test: it prints the times and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS.parent
sys.path[:0] = [str(SCRIPTS), str(REPO_ROOT)]

from synthetic_roadmap import write_synthetic_roadmap  # noqa: E402

POLL_SECONDS = 0.05
START_TIMEOUT = 600.0
EDIT_TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str | None, timeout: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds until `url` answers (and, given `text`, holds it)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit code {server.returncode})")
        page = fetch(url)
        if page is not None and (text is None or text in page):
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def retitle(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"title: {title}\n" if line.startswith("title:") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


def measure(folder: Path, projects: int, edits: int, clean: bool) -> tuple[float, list[float]]:
    """(seconds to the first page, seconds from each save to the changed page)."""
    roadmap = folder / "roadmap"
    config = folder / "mkdocs.yml"
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO_ROOT / 'docs'}")
    text = text.replace("roadmap_dir: roadmap", f"roadmap_dir: {roadmap}")
    config.write_text(text, encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
               "-a", f"127.0.0.1:{port}"] + (["--clean"] if clean else [])  # fmt: skip
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}
    env.pop("SITE_URL", None)
    log = (folder / "serve.log").open("wb")
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, None, START_TIMEOUT, server)
        first = time.perf_counter() - started
        number = projects // 2
        project = roadmap / "projects" / f"projet-{number:05d}.yaml"
        url = f"{base}projets/projet-{number:05d}/"
        loops: list[float] = []
        for edit in range(1, edits + 1):
            marker = f"Titre modifié {edit} {time.time_ns()}"
            time.sleep(1.0)  # let the server settle after the previous build
            saved = time.perf_counter()
            retitle(project, marker)
            wait_for(url, marker, EDIT_TIMEOUT, server)
            loops.append(time.perf_counter() - saved)
        return first, loops
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--modes", default="serve,clean",
                        help="serve (the plugin keeps what it can), clean (--clean), or both")
    args = parser.parse_args()
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} CPUs); {args.projects} projects")  # fmt: skip
    for mode in [m for m in args.modes.split(",") if m]:
        with tempfile.TemporaryDirectory(prefix="bench-serve-") as temp:
            folder = Path(temp)
            write_synthetic_roadmap(folder / "roadmap", args.projects)
            first, loops = measure(folder, args.projects, args.edits, clean=mode == "clean")
        label = "mkdocs serve" if mode == "serve" else "mkdocs serve --clean"
        times = ", ".join(f"{seconds:.1f}" for seconds in loops)
        print(f"{label:22} first page after {first:.1f} s; save to changed page: {times} s "
              f"(median {statistics.median(loops):.1f} s)")  # fmt: skip
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
