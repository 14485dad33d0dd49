"""Benchmark: the published site at scale, ours against a naive MkDocs Material site.

For each size (synthetic roadmaps written by `synthetic_roadmap.py`: about 10 milestones,
6 budget lines and 2 indicators per project, 8 axes, 3 funders), in one run:

- validation time (`validate_roadmap`, in a fresh process);
- generation time (validation, derived figures and every page rendered, `generate_site`);
- the whole `mkdocs build` with the roadmap plugin (validation, generation and MkDocs):
  wall-clock and CPU time, peak memory;
- the built site: total size, HTML size of the project pages, search index, and the
  first-visit transfer of the home page and of a project page: the gzip-compressed sizes of
  the HTML and of the CSS and JavaScript it references (what a first visit downloads before
  any chart is in view; plotly.js and the charts' data only come when a chart does), and,
  apart, what Material's search fetches as the page loads (its worker, its language files
  and the search index);
- the same for a naive site built from the same data (`naive/naive_site.py`: every project
  in the navigation, each chart pasted as `fig.to_html` writes it), with the ratios. Two
  variants: plotly.js loaded from one file in every page (`--naive-sizes`, by default at
  100 and 1,000 projects), and plotly.js inlined in every page (`--naive-inline-sizes`,
  by default at 100 only: MkDocs keeps every page in memory, about 25 MB each for this one).

Every build runs in a fresh process, so that its peak memory (the child's own `ru_maxrss`,
from `os.wait4`) and its time are its own. The machine's load average is printed: on a
shared machine, wall-clock times vary with it; CPU times much less.

    python scripts/bench_scale.py                  # 100, 1,000 and 5,000 (about ten minutes)
    python scripts/bench_scale.py --sizes 100,1000 --naive-sizes 100 --naive-inline-sizes ""
    python scripts/bench_scale.py --json bench-results/scale.json --keep /tmp/bench

This is a measurement, not a test: it prints a table (and the targets met or missed) and
exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS.parent
sys.path[:0] = [str(SCRIPTS), str(SCRIPTS / "naive"), str(REPO_ROOT)]

from synthetic_roadmap import write_synthetic_roadmap  # noqa: E402

# The targets at 1,000 projects (docs/performances.md explains them).
TARGET_BUILD_SECONDS = 15.0
TARGET_SPEEDUP = 3.0
TARGET_PROJECT_PAGE_BYTES = 40_000
TARGET_SITE_BYTES = 60_000_000
TARGET_PEAK_BYTES = 500_000_000
TARGET_LINEARITY = 1.5  # time per project at the largest size / at the smallest
SITE_URL = "https://feuille-de-route.example.org/"  # as a published site sets it (sitemap)


# --- running a measured process ------------------------------------------------------------


@dataclass
class Run:
    """One process: wall-clock and CPU seconds, peak resident memory (bytes), its output."""

    wall: float
    cpu: float
    peak_bytes: int
    output: dict[str, Any] = field(default_factory=dict)


def measured(command: Sequence[str], *, cwd: Path | None = None) -> Run:
    """Run `command` and measure it alone: `os.wait4` gives this child's own resource usage
    (RUSAGE_CHILDREN would mix in every earlier child). Its stdout's last line, when JSON,
    becomes `output`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read().decode(), stderr.read().decode()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{err[-3000:]}")
    lines = out.strip().splitlines()
    output: dict[str, Any] = {}
    if lines and lines[-1].startswith("{"):
        output = json.loads(lines[-1])
    # ru_maxrss is in kilobytes on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, output)


def child(*arguments: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *arguments]


# --- what the children do (in a fresh process) ------------------------------------------------


def child_validate(roadmap: Path) -> dict[str, Any]:
    from generator.validation.validate import validate_roadmap

    started, cpu = time.perf_counter(), time.process_time()
    result = validate_roadmap(roadmap, include_internal=False)
    assert not result.errors, [str(d) for d in result.errors[:3]]
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def child_generate(roadmap: Path) -> dict[str, Any]:
    from generator.figures.derive import derive_figures
    from generator.pipeline import SiteOptions, generate_site
    from generator.validation.validate import validate_roadmap

    phases: dict[str, float] = {}
    started = time.perf_counter()
    result = validate_roadmap(roadmap, include_internal=False)
    phases["validate"] = time.perf_counter() - started
    assert result.roadmap is not None
    started = time.perf_counter()
    derive_figures(result.roadmap)
    phases["derive"] = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    site = generate_site(roadmap, SiteOptions(site_url=SITE_URL))
    phases["generate"] = time.perf_counter() - started
    phases["generate_cpu"] = time.process_time() - cpu
    phases["render"] = phases["generate"] - phases["validate"] - phases["derive"]
    phases["pages"] = len(site.pages)
    return phases


def child_naive(roadmap: Path, work: Path, plotly: str) -> dict[str, Any]:
    # On the path set above (scripts/naive), which a type checker does not follow.
    from naive_site import build_naive_site  # type: ignore[import-not-found,unused-ignore]

    mode: Any = plotly
    build_naive_site(roadmap, REPO_ROOT / "docs", REPO_ROOT / "mkdocs.yml", work, mode, SITE_URL)
    return {}


# --- measuring a built site --------------------------------------------------------------------


_STYLESHEET = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"')
_SCRIPT = re.compile(r'<script[^>]+src="([^"]+)"')
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def first_visit(site: Path, page: Path) -> dict[str, int]:
    """What a first visit of `page` downloads before any chart is in view, gzip-compressed:
    the HTML and the stylesheets and scripts it references; and apart, what Material's
    search fetches as the page loads (its worker, its language files, the index)."""
    html = page.read_bytes()
    text = html.decode("utf-8")
    css = js = 0
    for pattern, kind in ((_STYLESHEET, "css"), (_SCRIPT, "js")):
        for reference in pattern.findall(text):
            target = (page.parent / reference.split("?")[0]).resolve()
            if target.is_file():
                size = gzip_size(target.read_bytes())
                css, js = (css + size, js) if kind == "css" else (css, js + size)
    search = 0
    config = _CONFIG.search(text)
    if config is not None:
        worker = json.loads(config.group(1)).get("search")
        if worker:
            search += gzip_size((page.parent / worker).resolve().read_bytes())
        lunr = site / "assets" / "javascripts" / "lunr" / "min"
        for name in ("lunr.stemmer.support.min.js", "lunr.fr.min.js"):
            if (lunr / name).is_file():
                search += gzip_size((lunr / name).read_bytes())
        index = site / "search" / "search_index.json"
        if index.is_file():
            search += gzip_size(index.read_bytes())
    html_gzip = gzip_size(html)
    return {"html": html_gzip, "css": css, "js": js, "page": html_gzip + css + js,
            "search": search}  # fmt: skip


def site_metrics(site: Path) -> dict[str, Any]:
    files = [path for path in site.rglob("*") if path.is_file()]
    project_pages = sorted(
        path
        for path in (site / "projets").glob("*/index.html")
        if path.parent.name != "projets"
    )
    sizes = [path.stat().st_size for path in project_pages]
    index = site / "search" / "search_index.json"
    figures = site / "assets" / "roadmap" / "figures"
    return {
        "files": len(files),
        "bytes": sum(path.stat().st_size for path in files),
        "project_page_median": int(statistics.median(sizes)) if sizes else 0,
        "project_page_max": max(sizes, default=0),
        "home_bytes": (site / "index.html").stat().st_size,
        "search_index_bytes": index.stat().st_size if index.is_file() else 0,
        "chart_data_bytes": sum(p.stat().st_size for p in figures.rglob("*.json"))
        if figures.is_dir()
        else 0,
        "first_visit_home": first_visit(site, site / "index.html"),
        "first_visit_project": first_visit(site, project_pages[len(project_pages) // 2])
        if project_pages
        else {},
    }


# --- one size ----------------------------------------------------------------------------------


def write_config(folder: Path, roadmap: Path) -> Path:
    """A copy of the repository's mkdocs.yml building the synthetic roadmap."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO_ROOT / 'docs'}")
    text = text.replace("roadmap_dir: roadmap", f"roadmap_dir: {roadmap}")
    text = text.replace("site_url: !ENV SITE_URL", f"site_url: {SITE_URL}")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def bench_size(size: int, folder: Path, naive_modes: Sequence[str]) -> dict[str, Any]:
    roadmap = write_synthetic_roadmap(folder / "roadmap", size)
    result: dict[str, Any] = {"projects": size}
    validation = measured(child("validate", str(roadmap)))
    result["validate"] = validation.output
    generation = measured(child("generate", str(roadmap)))
    result["generate"] = {**generation.output, "peak_bytes": generation.peak_bytes}
    config = write_config(folder, roadmap)
    site = folder / "site"
    build = measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                      "-d", str(site)], cwd=folder)  # fmt: skip
    result["ours"] = {"wall": build.wall, "cpu": build.cpu, "peak_bytes": build.peak_bytes,
                      **site_metrics(site)}  # fmt: skip
    for mode in naive_modes:
        work = folder / f"naive-{mode}"
        work.mkdir()
        naive_build = measured(child("naive", str(roadmap), str(work), mode))
        result[f"naive_{mode}"] = {"wall": naive_build.wall, "cpu": naive_build.cpu,
                                   "peak_bytes": naive_build.peak_bytes,
                                   **site_metrics(work / "site")}  # fmt: skip
    return result


# --- the report --------------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def _kb(value: float) -> str:
    return f"{value / 1e3:.1f} kB"


ROWS: list[tuple[str, str, Any]] = [
    ("whole build, wall-clock", "wall", lambda v: f"{v:.1f} s"),
    ("whole build, CPU", "cpu", lambda v: f"{v:.1f} s"),
    ("peak memory", "peak_bytes", _mb),
    ("site size", "bytes", _mb),
    ("files", "files", str),
    ("project page HTML (median)", "project_page_median", _kb),
    ("project page HTML (largest)", "project_page_max", _kb),
    ("home page HTML", "home_bytes", _kb),
    ("search index", "search_index_bytes", _mb),
    ("chart data files", "chart_data_bytes", _mb),
]
VISIT_ROWS = [
    ("first visit, home (HTML+CSS+JS, gzip)", "first_visit_home", "page"),
    ("  of which HTML", "first_visit_home", "html"),
    ("  + search on load (gzip)", "first_visit_home", "search"),
    ("first visit, project (HTML+CSS+JS, gzip)", "first_visit_project", "page"),
    ("  of which HTML", "first_visit_project", "html"),
    ("  + search on load (gzip)", "first_visit_project", "search"),
]


NAIVE = (("naive_shared", "naive, plotly.js shared"), ("naive_inline", "naive, plotly.js inline"))


def report(results: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for result in results:
        size, ours = result["projects"], result["ours"]
        naives = [(key, title) for key, title in NAIVE if key in result]
        generate = result["generate"]
        header = f"{'':42} {'ours':>10}"
        for _, title in naives:
            header += f" | {title:>27}"
        lines += [
            "",
            f"== {size:,} projects ==".replace(",", " "),
            f"validation {result['validate']['seconds']:.2f} s; generation (validation, "
            f"figures, pages) {generate['generate']:.2f} s, of which rendering "
            f"{generate['render']:.2f} s; {generate['pages']} pages",
            header,
        ]
        rows: list[tuple[str, Any, Any]] = [
            (label, lambda r, k=key: r[k], fmt) for label, key, fmt in ROWS
        ]
        rows += [(label, lambda r, k=key, p=part: r[k][p], _kb) for label, key, part in VISIT_ROWS]
        for label, value, fmt in rows:
            line = f"{label:42} {fmt(value(ours)):>10}"
            for key, _ in naives:
                theirs = value(result[key])
                mine = value(ours)
                ratio = f"{theirs / mine:.1f}x" if mine else ""
                line += f" | {fmt(theirs):>18} {ratio:>8}"
            lines.append(line)
    lines += ["", "time per project (whole build, wall-clock / CPU):"]
    for result in results:
        ours = result["ours"]
        lines.append(f"  {result['projects']:>6}: {1000 * ours['wall'] / result['projects']:.1f} ms"
                     f" / {1000 * ours['cpu'] / result['projects']:.1f} ms")  # fmt: skip
    lines += ["", "targets:"] + [f"  {line}" for line in targets(results)]
    return "\n".join(lines)


def targets(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    by_size = {r["projects"]: r for r in results}

    def check(name: str, value: str, ok: bool) -> None:
        lines.append(f"{'met   ' if ok else 'MISSED'} {name}: {value}")

    at_1000 = by_size.get(1000)
    if at_1000 is not None:
        ours = at_1000["ours"]
        check("build <= 15 s at 1,000", f"{ours['wall']:.1f} s (CPU {ours['cpu']:.1f} s)",
              ours["wall"] <= TARGET_BUILD_SECONDS)  # fmt: skip
        for key, title in NAIVE:
            if key in at_1000:
                speedup = at_1000[key]["wall"] / ours["wall"]
                check(f">= 3x faster than the {title}", f"{speedup:.1f}x",
                      speedup >= TARGET_SPEEDUP)  # fmt: skip
        check("project page <= 40 kB", _kb(ours["project_page_max"]),
              ours["project_page_max"] <= TARGET_PROJECT_PAGE_BYTES)  # fmt: skip
        check("site <= 60 MB", _mb(ours["bytes"]), ours["bytes"] <= TARGET_SITE_BYTES)
        check("peak memory <= 500 MB", _mb(ours["peak_bytes"]),
              ours["peak_bytes"] <= TARGET_PEAK_BYTES)  # fmt: skip
    if len(by_size) >= 2:
        smallest, largest = by_size[min(by_size)], by_size[max(by_size)]
        per_small = smallest["ours"]["wall"] / smallest["projects"]
        per_large = largest["ours"]["wall"] / largest["projects"]
        check(f"time per project at {largest['projects']} within 1.5x of at "
              f"{smallest['projects']}", f"{per_large / per_small:.2f}x",
              per_large / per_small <= TARGET_LINEARITY)  # fmt: skip
        # The smallest build's time per project carries MkDocs' fixed start-up cost: the
        # slope between the two largest sizes says more about growth.
        sizes = sorted(by_size)
        if len(sizes) >= 3:
            low, high = by_size[sizes[-2]], by_size[sizes[-1]]
            slope = (high["ours"]["wall"] - low["ours"]["wall"]) / (
                high["projects"] - low["projects"])
            lines.append(f"       marginal time per project between {low['projects']} and "
                         f"{high['projects']}: {1000 * slope:.1f} ms")  # fmt: skip
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="numbers of projects")
    parser.add_argument("--naive-sizes", default="100,1000",
                        help="sizes at which the naive site (plotly.js shared) is built too")
    parser.add_argument("--naive-inline-sizes", default="100",
                        help="sizes at which the naive site with plotly.js inlined in every "
                        "page is built too (about 30 MB of memory per page: keep it small)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args.child)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    shared = {int(size) for size in args.naive_sizes.split(",") if size}
    inline = {int(size) for size in args.naive_inline_sizes.split(",") if size}
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} CPUs)", flush=True)  # fmt: skip
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temp:
        base = args.keep or Path(temp)
        for size in sizes:
            folder = base / f"{size}"
            folder.mkdir(parents=True, exist_ok=False)
            print(f"{size} projects…", file=sys.stderr, flush=True)
            modes = [mode for mode, sizes_of in (("shared", shared), ("inline", inline))
                     if size in sizes_of]  # fmt: skip
            results.append(bench_size(size, folder, modes))
    print(report(results))
    print(f"\nload average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"load": os.getloadavg(), "results": results},
                                        indent=2), encoding="utf-8")  # fmt: skip
    return 0


def run_child(arguments: list[str]) -> int:
    kind, *paths = arguments
    if kind == "validate":
        output = child_validate(Path(paths[0]))
    elif kind == "generate":
        output = child_generate(Path(paths[0]))
    elif kind == "naive":
        output = child_naive(Path(paths[0]), Path(paths[1]), paths[2])
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
