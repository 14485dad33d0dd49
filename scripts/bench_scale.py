"""Benchmark: the published site at scale, against MkDocs' own floor and a naive site.

    python scripts/bench_scale.py                          # 100, 1,000 and 5,000 projects
    python scripts/bench_scale.py --sizes 100,1000         # a few minutes
    python scripts/bench_scale.py --sizes 100,1000,5000,10000 --json bench-results/scale.json
    python scripts/bench_scale.py --runs 1 --no-browser --keep /tmp/bench

For each size, a synthetic roadmap (`synthetic_roadmap.py`: about 10 milestones, 6 budget
lines and 2 indicators per project, 8 axes, 3 funders; late milestones explained, so that
it validates without a warning) and, built side by side in the same run, interleaved:

- ours: the whole `mkdocs build --strict` with the roadmap plugin (validation, figures,
  pages and MkDocs). A build that fails (a warning, under --strict) stops the run with a
  non-zero exit and MkDocs' message: the synthetic roadmap must build cleanly at every size;
- the floor (`floor/floor_site.py`): the same theme and search configuration (Material, its
  features, the search plugin as mkdocs.yml configures it), no roadmap plugin, a home page
  and N one-line Markdown pages, one per project, left out of the navigation
  (`not_in_nav`), as ours are: what MkDocs itself costs for N pages;
- the naive site (`naive/naive_site.py`, by default at 100 and 1,000 projects): the same
  pages, every project in the navigation, each chart pasted as plotly's `fig.to_html`
  writes it, plotly.js shared in one file, plain `mkdocs build`. `--naive-inline-sizes`
  adds the variant with plotly.js inlined in every page (about 2.5 GB of memory at 100
  projects already: off by default on a shared machine).

Each build runs in a fresh process, `--runs` times (3 by default; ours, floor and naive
interleaved so that the machine's load weighs on them alike), and the median is reported:
wall-clock and CPU time (the child's own `ru_utime + ru_stime`, from `os.wait4`, which
includes whatever it ran and waited for), peak memory (the child's `ru_maxrss`). Then, on
the last build of each: the site's size as `du -sb` counts it (files and folders, apparent
sizes), the HTML of the project pages and of the home page, the search index. The ratios
ours ÷ floor and naive ÷ ours come from the medians of the same run. The load average is
printed before and after each size: the machine is shared, wall-clock times vary with it,
CPU times much less.

Before the builds, the time to validate (`validate_roadmap`) and to generate every page
(`generate_site`) is measured once, in fresh processes (`--no-phases` skips it).

First visit (`--visit-sizes`, 1,000 by default, when built; `--no-browser` skips it): the
site built by ours is served on 127.0.0.1 by a small server that gzips text responses (HTML,
CSS, JavaScript, JSON, XML, SVG; level 6) and logs each response; Debian's Chromium, driven
by Playwright, headless, empty cache, 1280x800, loads the home page and a project page,
waits for the network to go quiet (and one second more, for the search worker). What was
transferred (response bodies as sent: gzip where compressed, headers left out) is summed,
file by file, and the search index and plotly.js are named when fetched. Then the page's
first chart is scrolled into view and the transfer recorded again. Requests to any other
host are blocked and counted.

Targets (issue "Performance, round two"), printed met or missed:

- whole build (wall-clock, medians) ≤ 2.5× the floor at 1,000, 5,000 and 10,000 projects
  (the CPU ratio is printed alongside);
- ≥ 7× faster than the naive site (plotly.js shared) at 1,000;
- peak memory ≤ 1.5 GB (1.5e9 bytes) at 10,000;
- linear memory: peak memory per project at the largest size ≤ 1.5× that at 1,000;
- site ≤ 45 MB (45e6 bytes, `du -sb`) at 1,000;
- first visit of the home page ≤ 80 kB gzip at 1,000: everything it fetches on load (HTML,
  CSS, JS, and the search index only if it is fetched on load);
- plotly.js not fetched on a project page until a chart is scrolled into view.

`--json FILE` writes every figure (each run, each fetched file). This is a measurement, not
a test: it exits 0 whatever the figures, and non-zero only when a build fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SCRIPTS = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS.parent
sys.path[:0] = [str(SCRIPTS), str(SCRIPTS / "naive"), str(SCRIPTS / "floor"), str(REPO_ROOT)]

from benchkit import CHROMIUM, CHROMIUM_ARGS, Served, serve_gzip, write_config  # noqa: E402
from floor_site import write_floor_site  # type: ignore[import-not-found,unused-ignore]  # noqa: E402
from synthetic_roadmap import write_synthetic_roadmap  # noqa: E402

# The targets (issue "Performance, round two").
TARGET_FLOOR_RATIO = 2.5
TARGET_FLOOR_SIZES = (1000, 5000, 10000)
TARGET_NAIVE_SPEEDUP = 7.0
TARGET_PEAK_BYTES = 1_500_000_000  # at 10,000 projects
TARGET_PEAK_SIZE = 10000
TARGET_MEMORY_LINEARITY = 1.5  # peak per project at the largest size / at 1,000
TARGET_SITE_BYTES = 45_000_000  # at 1,000 projects
TARGET_HOME_FIRST_VISIT = 80_000  # gzip bytes, at 1,000 projects
REFERENCE_SIZE = 1000
CONTENDED = 1.25  # wall-clock / CPU above which a build is said to have waited for a CPU

SITE_URL = "https://feuille-de-route.example.org/"  # as a published site sets it (sitemap)
VIEWPORT = {"width": 1280, "height": 800}
CHART_SELECTOR = "figure.roadmap-chart"


class BuildError(RuntimeError):
    """A measured build (or a child) exited with an error."""


# --- running a measured process ------------------------------------------------------------


@dataclass
class Run:
    """One process: wall-clock and CPU seconds, peak resident memory (bytes), its output."""

    wall: float
    cpu: float
    peak_bytes: int
    output: dict[str, Any] = field(default_factory=dict)


def measured(command: Sequence[str], what: str, *, cwd: Path | None = None) -> Run:
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
        out = stdout.read().decode(errors="replace")
        err = stderr.read().decode(errors="replace")
    if process.returncode != 0:
        raise BuildError(
            f"{what} failed (exit code {process.returncode}):\n"
            f"  {' '.join(command)}\n{(err or out)[-4000:]}"
        )
    lines = out.strip().splitlines()
    output: dict[str, Any] = {}
    if lines and lines[-1].startswith("{"):
        output = json.loads(lines[-1])
    # ru_maxrss is in kilobytes on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, output)


def child(*arguments: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *arguments]


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def _load(values: Sequence[float]) -> str:
    return ", ".join(f"{value:.1f}" for value in values)


# --- what the children do (in a fresh process) ------------------------------------------------


def child_validate(roadmap: Path) -> dict[str, Any]:
    from generator.validation.validate import validate_roadmap

    started, cpu = time.perf_counter(), time.process_time()
    result = validate_roadmap(roadmap, include_internal=False)
    problems = [str(d) for d in result.errors[:3]]
    if problems:
        raise SystemExit("the synthetic roadmap does not validate:\n" + "\n".join(problems))
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def child_generate(roadmap: Path) -> dict[str, Any]:
    from generator.pipeline import SiteOptions, generate_site

    started, cpu = time.perf_counter(), time.process_time()
    site = generate_site(roadmap, SiteOptions(site_url=SITE_URL))
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "pages": len(site.pages),
    }


def child_naive(roadmap: Path, work: Path, plotly: str) -> dict[str, Any]:
    # On the path set above (scripts/naive), which a type checker does not follow.
    from naive_site import build_naive_site  # type: ignore[import-not-found,unused-ignore]

    mode: Any = plotly
    build_naive_site(roadmap, REPO_ROOT / "docs", REPO_ROOT / "mkdocs.yml", work, mode, SITE_URL)
    return {}


# --- measuring a built site --------------------------------------------------------------------


def disk_usage(root: Path) -> int:
    """What `du -sb` prints: apparent sizes of every file and folder (the root included),
    each inode once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for folder, folders, files in os.walk(root):
        for name in [".", *folders, *files]:
            status = (Path(folder) / name).lstat()
            if (status.st_dev, status.st_ino) not in seen:
                seen.add((status.st_dev, status.st_ino))
                total += status.st_size
    return total


def project_pages(site: Path) -> list[Path]:
    return sorted(path for path in (site / "projets").glob("*/index.html"))


def site_metrics(site: Path) -> dict[str, Any]:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = project_pages(site)
    sizes = [path.stat().st_size for path in pages]
    index = site / "search" / "search_index.json"
    home = site / "index.html"
    return {
        "files": len(files),
        "bytes": disk_usage(site),
        "file_bytes": sum(path.stat().st_size for path in files),
        "project_page_median": int(statistics.median(sizes)) if sizes else 0,
        "project_page_max": max(sizes, default=0),
        "home_bytes": home.stat().st_size if home.is_file() else 0,
        "search_index_bytes": index.stat().st_size if index.is_file() else 0,
    }


# --- first visit, in a real browser -----------------------------------------------------------

def _kind(path: str) -> str:
    if path.endswith("search_index.json"):
        return "search index"
    if "plotly" in path.rsplit("/", 1)[-1]:
        return "plotly.js"
    if "/assets/roadmap/figures/" in path or path.endswith("chart-template.json"):
        return "chart data"
    if path.endswith(("/", ".html")):
        return "html"
    suffix = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return {"css": "css", "js": "js", "xml": "xml", "json": "json"}.get(suffix, "other")


def _summary(served: list[Served]) -> dict[str, Any]:
    by_kind: dict[str, int] = {}
    for response in served:
        by_kind[_kind(response.path)] = by_kind.get(_kind(response.path), 0) + response.bytes
    return {
        "bytes": sum(response.bytes for response in served),
        "by_kind": by_kind,
        "requests": len(served),
        "search_index": any(_kind(r.path) == "search index" for r in served),
        "plotly": any(_kind(r.path) == "plotly.js" for r in served),
        "files": [
            {"path": r.path, "status": r.status, "bytes": r.bytes, "gzip": r.gzip} for r in served
        ],
    }


def visit(browser: Any, base: str, log: list[Served], path: str) -> dict[str, Any]:
    """A first visit of `path` (fresh context: empty cache): what loads, then what the first
    chart's scrolling into view adds."""
    context = browser.new_context(viewport=VIEWPORT, locale="fr-FR")
    foreign: list[str] = []

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:  # nothing may leave the machine (and offline it could only fail)
            foreign.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    mark = len(log)
    page.goto(base + path.lstrip("/"), wait_until="networkidle", timeout=180_000)
    page.wait_for_timeout(1000)  # the search worker starts after load
    on_load = list(log[mark:])
    charts = page.locator(CHART_SELECTOR)
    chart_count = charts.count()
    in_view = bool(
        page.evaluate(
            """selector => [...document.querySelectorAll(selector)].some(el => {
            const box = el.getBoundingClientRect();
            return box.bottom > 0 && box.top < window.innerHeight;
        })""",
            CHART_SELECTOR,
        )
    )
    after_chart: list[Served] = []
    if chart_count:
        charts.first.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        after_chart = list(log[mark + len(on_load) :])
    context.close()
    return {
        "path": path,
        "charts": chart_count,
        "chart_in_view_on_load": in_view,
        "on_load": _summary(on_load),
        "after_first_chart": _summary(after_chart),
        "foreign_requests": foreign,
    }


def first_visits(site: Path) -> dict[str, Any]:
    """The home page and the middle project page, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    pages = project_pages(site)
    project = "/" + pages[len(pages) // 2].parent.relative_to(site).as_posix() + "/"
    with serve_gzip(site) as (base, log), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return {
                "viewport": VIEWPORT,
                "home": visit(browser, base, log, "/"),
                "project": visit(browser, base, log, project),
            }
        finally:
            browser.close()


# --- one size ----------------------------------------------------------------------------------


def _medians(runs: list[Run]) -> dict[str, Any]:
    return {
        "wall": statistics.median(run.wall for run in runs),
        "cpu": statistics.median(run.cpu for run in runs),
        "peak_bytes": int(statistics.median(run.peak_bytes for run in runs)),
        "runs": [{"wall": run.wall, "cpu": run.cpu, "peak_bytes": run.peak_bytes} for run in runs],
    }


def _fresh(folder: Path) -> Path:
    """An empty folder: each build writes its site from nothing (MkDocs' own cleaning of the
    previous site would otherwise be timed in)."""
    if folder.exists():
        shutil.rmtree(folder)
    return folder


def bench_size(size: int, folder: Path, options: argparse.Namespace) -> dict[str, Any]:
    load_before = load_average()
    print(f"{size} projects (load average {_load(load_before)})…", file=sys.stderr, flush=True)
    roadmap = write_synthetic_roadmap(folder / "roadmap", size)
    result: dict[str, Any] = {"projects": size, "load_before": load_before}
    if options.phases:
        result["validate"] = measured(
            child("validate", str(roadmap)), f"validation at {size} projects"
        ).output
        generation = measured(child("generate", str(roadmap)), f"generation at {size} projects")
        result["generate"] = {**generation.output, "peak_bytes": generation.peak_bytes}
    config = write_config(folder, roadmap, SITE_URL)
    floor_config = write_floor_site(REPO_ROOT / "mkdocs.yml", folder, size, SITE_URL)
    site, floor_site = folder / "site", folder / "floor-site"
    builds: dict[str, Callable[[], Run]] = {
        "ours": lambda: measured(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-f",
                str(config),
                "-d",
                str(_fresh(site)),
            ],
            f"mkdocs build --strict of the synthetic roadmap at {size} projects",
            cwd=folder,
        ),
        "floor": lambda: measured(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-f",
                str(floor_config),
                "-d",
                str(_fresh(floor_site)),
            ],
            f"mkdocs build --strict of the floor at {size} projects",
            cwd=folder,
        ),
    }
    for mode in ("shared", "inline"):
        if size in getattr(options, f"naive_{mode}"):
            work = folder / f"naive-{mode}"

            def naive(work: Path = work, mode: str = mode) -> Run:
                _fresh(work).mkdir()
                return measured(
                    child("naive", str(roadmap), str(work), mode),
                    f"naive build ({mode}) at {size} projects",
                )

            builds[f"naive_{mode}"] = naive
    runs: dict[str, list[Run]] = {name: [] for name in builds}
    for number in range(options.runs):
        for name, build in builds.items():
            runs[name].append(build())
            last = runs[name][-1]
            print(
                f"  run {number + 1}: {name} {last.wall:.1f} s (CPU {last.cpu:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
    sites = {
        "ours": site,
        "floor": floor_site,
        "naive_shared": folder / "naive-shared" / "site",
        "naive_inline": folder / "naive-inline" / "site",
    }
    for name in builds:
        result[name] = {**_medians(runs[name]), **site_metrics(sites[name])}
    if options.browser and size in options.visit_sizes:
        print("  first visits in Chromium…", file=sys.stderr, flush=True)
        result["first_visit"] = first_visits(site)
    result["load_after"] = load_average()
    return result


# --- the report --------------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def _kb(value: float) -> str:
    return f"{value / 1e3:.1f} kB"


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


ROWS: list[tuple[str, str, Callable[[float], str]]] = [
    ("whole build, wall-clock", "wall", _seconds),
    ("whole build, CPU", "cpu", _seconds),
    ("peak memory (ru_maxrss)", "peak_bytes", _mb),
    ("site size (du -sb)", "bytes", _mb),
    ("  of which file contents", "file_bytes", _mb),
    ("files", "files", str),
    ("project page HTML (median)", "project_page_median", _kb),
    ("project page HTML (largest)", "project_page_max", _kb),
    ("home page HTML", "home_bytes", _kb),
    ("search index", "search_index_bytes", _mb),
]
NAIVE = (("naive_shared", "naive"), ("naive_inline", "naive inline"))


def _ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}x" if denominator else "-"


def report_size(result: dict[str, Any], runs: int) -> list[str]:
    size, ours, floor = result["projects"], result["ours"], result["floor"]
    naives = [(key, title) for key, title in NAIVE if key in result]
    lines = [
        "",
        f"== {size:,} projects ==".replace(",", " ")
        + f"  (load average before: {_load(result['load_before'])}; "
        f"after: {_load(result['load_after'])})",
    ]
    if "generate" in result:
        lines.append(
            f"validation {result['validate']['seconds']:.2f} s; generation "
            f"(validation, figures, every page) {result['generate']['seconds']:.2f} s, "
            f"{result['generate']['pages']} pages (once each, fresh processes)"
        )
    header = f"{f'median of {runs}':30} {'ours':>10} {'floor':>10} {'ours/floor':>10}"
    for _, title in naives:
        header += f" {title:>12} {title + '/ours':>18}"
    lines.append(header)
    for label, key, fmt in ROWS:
        line = f"{label:30} {fmt(ours[key]):>10} {fmt(floor[key]):>10} "
        line += f"{_ratio(ours[key], floor[key]):>10}"
        for name, _ in naives:
            line += f" {fmt(result[name][key]):>12} {_ratio(result[name][key], ours[key]):>18}"
        lines.append(line)
    for name in ("ours", "floor", *(key for key, _ in naives)):
        walls = " ".join(f"{run['wall']:.1f}" for run in result[name]["runs"])
        cpus = " ".join(f"{run['cpu']:.1f}" for run in result[name]["runs"])
        lines.append(f"  runs, {name}: wall {walls} s; CPU {cpus} s")
    waited = [
        name
        for name in ("ours", "floor", *(key for key, _ in naives))
        if result[name]["wall"] > CONTENDED * result[name]["cpu"]
    ]
    if waited:
        # A single-threaded build waiting for a processor: the machine is busy.
        lines.append(
            f"  note: wall-clock above {CONTENDED}x CPU for {', '.join(waited)}: the "
            "machine was busy, CPU times are the steadier figures"
        )
    if "first_visit" in result:
        lines += report_visits(result["first_visit"])
    return lines


def report_visits(visits: dict[str, Any]) -> list[str]:
    viewport = visits["viewport"]
    lines = [
        f"first visit in headless Chromium ({viewport['width']}x{viewport['height']}, "
        "empty cache; response bodies as sent, gzip):"
    ]
    for name in ("home", "project"):
        found = visits[name]
        load, chart = found["on_load"], found["after_first_chart"]
        kinds = ", ".join(f"{kind} {_kb(size)}" for kind, size in sorted(load["by_kind"].items()))
        lines.append(
            f"  {name} {found['path']}: on load {_kb(load['bytes'])} in "
            f"{load['requests']} responses ({kinds}); search index "
            f"{'fetched' if load['search_index'] else 'not fetched'}, plotly.js "
            f"{'fetched' if load['plotly'] else 'not fetched'}"
            + ("; a chart is in view on load" if found["chart_in_view_on_load"] else "")
        )
        if found["charts"]:
            lines.append(
                f"    first chart scrolled into view: +{_kb(chart['bytes'])} in "
                f"{chart['requests']} responses; plotly.js "
                f"{'fetched' if chart['plotly'] else 'not fetched'}"
            )
        if found["foreign_requests"]:
            lines.append(f"    blocked requests to other hosts: {len(found['foreign_requests'])}")
    return lines


def targets(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []
    by_size = {result["projects"]: result for result in results}

    def check(name: str, value: str, ok: bool) -> None:
        checks.append({"target": name, "measured": value, "met": ok})

    for size in TARGET_FLOOR_SIZES:
        if size in by_size:
            ours, floor = by_size[size]["ours"], by_size[size]["floor"]
            ratio = ours["wall"] / floor["wall"]
            check(
                f"whole build <= {TARGET_FLOOR_RATIO}x the floor at {size:,}",
                f"{ratio:.2f}x ({ours['wall']:.1f} s / {floor['wall']:.1f} s; CPU "
                f"{ours['cpu'] / floor['cpu']:.2f}x)",
                ratio <= TARGET_FLOOR_RATIO,
            )
    reference = by_size.get(REFERENCE_SIZE)
    if reference is not None and "naive_shared" in reference:
        naive, ours = reference["naive_shared"], reference["ours"]
        speedup = naive["wall"] / ours["wall"]
        check(
            f">= {TARGET_NAIVE_SPEEDUP:g}x faster than the naive site at {REFERENCE_SIZE:,}",
            f"{speedup:.2f}x (CPU {naive['cpu'] / ours['cpu']:.2f}x)",
            speedup >= TARGET_NAIVE_SPEEDUP,
        )
    if TARGET_PEAK_SIZE in by_size:
        peak = by_size[TARGET_PEAK_SIZE]["ours"]["peak_bytes"]
        check(
            f"peak memory <= {_mb(TARGET_PEAK_BYTES)} at {TARGET_PEAK_SIZE:,}",
            _mb(peak),
            peak <= TARGET_PEAK_BYTES,
        )
    largest = max(by_size)
    if reference is not None and largest > REFERENCE_SIZE:
        per_reference = reference["ours"]["peak_bytes"] / REFERENCE_SIZE
        per_largest = by_size[largest]["ours"]["peak_bytes"] / largest
        check(
            f"peak memory per project at {largest:,} <= {TARGET_MEMORY_LINEARITY}x at "
            f"{REFERENCE_SIZE:,}",
            f"{per_largest / per_reference:.2f}x "
            f"({_kb(per_largest)} / {_kb(per_reference)} a project)",
            per_largest / per_reference <= TARGET_MEMORY_LINEARITY,
        )
    if reference is not None:
        size = reference["ours"]["bytes"]
        check(
            f"site <= {_mb(TARGET_SITE_BYTES)} at {REFERENCE_SIZE:,} (du -sb)",
            _mb(size),
            size <= TARGET_SITE_BYTES,
        )
    if reference is not None and "first_visit" in reference:
        home = reference["first_visit"]["home"]["on_load"]
        check(
            f"first visit of the home page <= {_kb(TARGET_HOME_FIRST_VISIT)} gzip at "
            f"{REFERENCE_SIZE:,}",
            f"{_kb(home['bytes'])} (search index "
            f"{'included: fetched on load' if home['search_index'] else 'not fetched'})",
            home["bytes"] <= TARGET_HOME_FIRST_VISIT,
        )
        project = reference["first_visit"]["project"]
        before = project["on_load"]["plotly"]
        after = project["after_first_chart"]["plotly"]
        state = (
            "not on load, fetched once a chart is in view"
            if not before and after
            else "fetched on load"
            if before
            else "not fetched, even with a chart in view"
        )
        check(
            "plotly.js not fetched on a project page until a chart is in view",
            state + ("; a chart is in view on load" if project["chart_in_view_on_load"] else ""),
            not before,
        )
    return checks


def report(results: list[dict[str, Any]], checks: list[dict[str, Any]], runs: int) -> str:
    lines: list[str] = []
    for result in results:
        lines += report_size(result, runs)
    lines += ["", "time and memory per project (ours, medians):"]
    for result in results:
        ours, size = result["ours"], result["projects"]
        lines.append(
            f"  {size:>6}: {1000 * ours['wall'] / size:.1f} ms wall, "
            f"{1000 * ours['cpu'] / size:.1f} ms CPU, "
            f"{_kb(ours['peak_bytes'] / size)} peak memory"
        )
    lines += ["", "targets:"]
    for item in checks:
        lines.append(
            f"  {'met   ' if item['met'] else 'MISSED'} {item['target']}: {item['measured']}"
        )
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    return [int(size) for size in text.split(",") if size.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,1000,5000",
        help="numbers of projects (add 10000 for the largest target)",
    )
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind (median)")
    parser.add_argument(
        "--naive-sizes",
        default="100,1000",
        help="sizes at which the naive site (plotly.js shared) is built too",
    )
    parser.add_argument(
        "--naive-inline-sizes",
        default="",
        help="sizes at which the naive site with plotly.js inlined in every "
        "page is built too (about 25 MB of memory per page: keep it small)",
    )
    parser.add_argument(
        "--visit-sizes",
        default="1000",
        help="sizes at which the first visits are measured in Chromium",
    )
    parser.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help="skip the first visits in Chromium",
    )
    parser.add_argument(
        "--no-phases",
        dest="phases",
        action="store_false",
        help="skip the separate validation and generation timings",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args.child)
    sizes = _sizes(args.sizes)
    args.naive_shared = set(_sizes(args.naive_sizes))
    args.naive_inline = set(_sizes(args.naive_inline_sizes))
    args.visit_sizes = set(_sizes(args.visit_sizes))
    if args.runs < 1 or not sizes:
        parser.error("at least one size and one run")
    started = dt.datetime.now(dt.UTC)
    load_start = load_average()
    print(
        f"load average: {_load(load_start)} ({os.cpu_count()} CPUs; the machine may be "
        "shared: wall-clock times vary with its load, CPU times much less)",
        flush=True,
    )
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as temp:
            base = args.keep or Path(temp)
            for size in sizes:
                folder = base / f"{size}"
                folder.mkdir(parents=True, exist_ok=False)
                results.append(bench_size(size, folder.resolve(), args))
    except BuildError as failure:
        print(f"\nbench_scale: a build failed, no figures reported.\n{failure}", file=sys.stderr)
        return 1
    checks = targets(results)
    print(report(results, checks, args.runs))
    load_end = load_average()
    print(f"\nload average: {_load(load_end)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "started": started.isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "runs": args.runs,
            "load_start": load_start,
            "load_end": load_end,
            "results": results,
            "targets": checks,
        }
        args.json.write_text(json.dumps(document, indent=2), encoding="utf-8")
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
