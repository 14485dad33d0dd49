"""Benchmark: the edit loop, from saving a project file to the changed page being served,
under `mkdocs serve` and on the Zensical path.

    python scripts/bench_serve.py                      # 1,000 projects, 3 edits, every mode
    python scripts/bench_serve.py --projects 5000 --edits 5 --modes serve,zensical

It writes a synthetic roadmap (`synthetic_roadmap.py`, 1,000 projects by default) into a
temporary folder, starts a server on 127.0.0.1, waits for the first build, then several
times: changes one project's title, and polls that project's page (every 50 ms) until the
new title is served. Each time is the whole loop a project lead sees. The modes:

- `serve`: `mkdocs serve` with a copy of mkdocs.yml pointing at the roadmap. MkDocs notices
  the change (the plugin adds the roadmap folder to what it watches), validates, generates,
  builds and serves the site; the plugin keeps what it can from one build to the next;
- `clean`: the same with `--clean` (every build from scratch, as `mkdocs build` does);
- `zensical`: the path `make serve ENGINE=zensical` takes. `roadmap build --out DIR/docs
  --config-out DIR/mkdocs.yml` writes the generated pages and a configuration without the
  plugin, and `zensical serve -f DIR/mkdocs.yml` serves them, rebuilding when DIR/docs
  changes. Zensical does not watch the roadmap's YAML files: the Makefile's loop checks
  them every second and runs `roadmap build` again. Here `roadmap build` runs right after
  the save, by hand: the figure leaves out that loop's polling delay (0 to 1 s, half a
  second on average), and is given in two parts, `roadmap build` then Zensical's rebuild
  until the page is served.

The load average is printed before and after: the machine may be shared, and these are
wall-clock times. This is a measurement, not a test: it prints the times and exits 0
whatever they are (non-zero only when a server or a build fails).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS.parent
sys.path[:0] = [str(SCRIPTS), str(REPO_ROOT)]

from benchkit import write_config  # noqa: E402
from synthetic_roadmap import write_synthetic_roadmap  # noqa: E402

POLL_SECONDS = 0.05
START_TIMEOUT = 900.0
EDIT_TIMEOUT = 300.0
SETTLE_SECONDS = 2.0  # between edits: the server done with the previous build
BIN = Path(sys.executable).parent  # the venv's scripts: roadmap, zensical


class ServeError(RuntimeError):
    """A server stopped, or a page did not change in time."""


@dataclass
class Loop:
    """One mode's figures (seconds)."""

    mode: str
    first_page: float
    loops: list[float] = field(default_factory=list)
    # The Zensical path only: `roadmap build`, then Zensical until the page is served.
    roadmap_build: list[float] = field(default_factory=list)
    zensical_rebuild: list[float] = field(default_factory=list)


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
            raise ServeError(f"the server stopped (exit code {server.returncode})")
        page = fetch(url)
        if page is not None and (text is None or text in page):
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise ServeError(f"{url} did not show {text!r} within {timeout:.0f} s")


def retitle(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"title: {title}\n" if line.startswith("title:") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


def environment() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}
    env.pop("SITE_URL", None)  # served where the server says
    return env


def start(command: list[str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    # A session of its own, so that stopping it stops whatever it started, and nothing else.
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def roadmap_build(config: Path, roadmap: Path, project_dir: Path) -> float:
    """`roadmap build` as the Zensical path runs it; returns its wall-clock seconds."""
    started = time.perf_counter()
    completed = subprocess.run(
        [
            str(BIN / "roadmap"),
            "build",
            "--config",
            str(config),
            "--roadmap",
            str(roadmap),
            "--out",
            str(project_dir / "docs"),
            "--config-out",
            str(project_dir / "mkdocs.yml"),
        ],
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise ServeError(f"roadmap build failed ({completed.returncode}):\n{completed.stderr}")
    return time.perf_counter() - started


def measure(folder: Path, projects: int, edits: int, mode: str) -> Loop:
    roadmap = folder / "roadmap"
    config = write_config(folder, roadmap)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    number = projects // 2
    project = roadmap / "projects" / f"projet-{number:05d}.yaml"
    url = f"{base}projets/projet-{number:05d}/"
    started = time.perf_counter()
    if mode == "zensical":
        project_dir = folder / "zensical"
        roadmap_build(config, roadmap, project_dir)
        command = [str(BIN / "zensical"), "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"]
        server = start(command, project_dir, folder / "serve.log")
    else:
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(config),
            "-a",
            f"127.0.0.1:{port}",
        ] + (["--clean"] if mode == "clean" else [])
        server = start(command, folder, folder / "serve.log")
    try:
        wait_for(url, None, START_TIMEOUT, server)
        result = Loop(mode, time.perf_counter() - started)
        for edit in range(1, edits + 1):
            marker = f"Titre modifié {edit} {time.time_ns()}"
            time.sleep(SETTLE_SECONDS)
            saved = time.perf_counter()
            retitle(project, marker)
            if mode == "zensical":
                result.roadmap_build.append(roadmap_build(config, roadmap, folder / "zensical"))
                result.zensical_rebuild.append(wait_for(url, marker, EDIT_TIMEOUT, server))
            else:
                wait_for(url, marker, EDIT_TIMEOUT, server)
            result.loops.append(time.perf_counter() - saved)
        return result
    except ServeError as error:
        log = (folder / "serve.log").read_text(encoding="utf-8", errors="replace")
        raise ServeError(f"{mode}: {error}\n{log[-3000:]}") from error
    finally:
        stop(server)


LABELS = {
    "serve": "mkdocs serve",
    "clean": "mkdocs serve --clean",
    "zensical": "roadmap build + zensical serve",
}


def _times(values: list[float]) -> str:
    return (
        ", ".join(f"{value:.1f}" for value in values)
        + f" s (median {statistics.median(values):.1f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument(
        "--modes",
        default="serve,clean,zensical",
        help="serve, clean (mkdocs serve --clean), zensical, or several",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    load_start = [round(value, 2) for value in os.getloadavg()]
    print(
        f"load average: {', '.join(f'{x:.1f}' for x in load_start)} "
        f"({os.cpu_count()} CPUs; the machine may be shared); {args.projects} projects"
    )
    results: list[dict[str, Any]] = []
    for mode in [m for m in args.modes.split(",") if m]:
        with tempfile.TemporaryDirectory(prefix="bench-serve-") as temp:
            folder = Path(temp)
            write_synthetic_roadmap(folder / "roadmap", args.projects)
            try:
                loop = measure(folder, args.projects, args.edits, mode)
            except ServeError as error:
                print(f"bench_serve: {error}", file=sys.stderr)
                return 1
        line = f"{LABELS[mode]:31} first page after {loop.first_page:.1f} s; save to changed page: "
        line += _times(loop.loops)
        print(line, flush=True)
        if loop.roadmap_build:
            print(
                f"{'':31} of which roadmap build {_times(loop.roadmap_build)}, then Zensical "
                f"{_times(loop.zensical_rebuild)}; the watch loop's polling (0 to 1 s) "
                "not included"
            )
        results.append({**loop.__dict__, "load": [round(x, 2) for x in os.getloadavg()]})
    load_end = [round(value, 2) for value in os.getloadavg()]
    print(f"load average: {', '.join(f'{x:.1f}' for x in load_end)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "projects": args.projects,
                    "load_start": load_start,
                    "load_end": load_end,
                    "modes": results,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
