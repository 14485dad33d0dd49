"""Measure what a first visit costs on our site against a naive build of the same data.

The naive build has the same pages, but each chart is plotly's own HTML
(`fig.to_html(include_plotlyjs=True, full_html=False)`) pasted into the Markdown, under
Material with its default (Google) fonts and no roadmap plugin. Both sites are served on
127.0.0.1 by a small server that gzips text, so transfer sizes are realistic; requests to
any other host are blocked and counted (offline here, they could only fail).

    python scripts/bench_site.py [--no-lighthouse] [--out bench-results]

Every figure goes to OUT/bench.json and each Lighthouse report to OUT/lighthouse-*.json.

Targets: home first visit ≤ 200 kB gzip before any chart is in view; Lighthouse (mobile)
performance ≥ 0.90 and accessibility 1.0 on the home page and a project page.
This is a measurement, not a test: it prints a table and exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).resolve().parent)]

from benchkit import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARG, serve_gzip  # noqa: E402

LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
HOME_TARGET_BYTES = 200_000
PERFORMANCE_TARGET = 0.90
ACCESSIBILITY_TARGET = 1.0


# --- first visit, as a browser sees it ----------------------------------------------------------


@dataclass
class Visit:
    """What one first visit (empty cache) transferred."""

    site: str
    page: str
    viewport: str
    requests: int = 0
    transfer_bytes: int = 0  # response bodies as sent (gzip) plus headers
    decoded_bytes: int = 0  # response bodies once decompressed
    foreign_requests: list[str] = field(default_factory=list)
    chart_in_view: bool = False
    plotly_loaded: bool = False
    requests_after_charts: int = 0
    transfer_after_charts: int = 0


CHART_SELECTOR = "figure.roadmap-chart, .plotly-graph-div"


def first_visit(browser: Any, site: str, url: str, page_name: str, viewport: str) -> Visit:
    """Load `url` in a fresh context, scroll nothing, wait for the network to go idle; then
    scroll every chart into view and measure again."""
    size = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
    context = browser.new_context(viewport=size[viewport], locale="fr-FR")
    visit = Visit(site, page_name, viewport)
    finished: list[Any] = []

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:  # offline here: it could only fail, and must not leave the machine
            visit.foreign_requests.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle", timeout=120_000)
    visit.chart_in_view = bool(
        page.evaluate(
            """selector => [...document.querySelectorAll(selector)].some(el => {
                const box = el.getBoundingClientRect();
                return box.bottom > 0 && box.top < window.innerHeight;
            })""",
            CHART_SELECTOR,
        )
    )
    visit.plotly_loaded = bool(page.evaluate("typeof window.Plotly !== 'undefined'"))
    visit.requests, visit.transfer_bytes = _sizes(finished)
    visit.decoded_bytes = _decoded_bytes(page)
    visit.requests += len(visit.foreign_requests)
    charts = page.locator(CHART_SELECTOR)
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    visit.requests_after_charts, visit.transfer_after_charts = _sizes(finished)
    visit.requests_after_charts += len(visit.foreign_requests)
    context.close()
    return visit


def _sizes(requests: list[Any]) -> tuple[int, int]:
    """(responses, bytes transferred: bodies as sent, gzip where compressed, plus headers)."""
    count = transfer = 0
    for request in list(requests):
        if request.response() is None:
            continue
        sizes = request.sizes()
        count += 1
        transfer += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return count, transfer


def _decoded_bytes(page: Any) -> int:
    """Bodies once decompressed, as the page's Resource Timing entries count them."""
    total: float = page.evaluate(
        """() => performance.getEntriesByType('navigation')
            .concat(performance.getEntriesByType('resource'))
            .reduce((sum, entry) => sum + (entry.decodedBodySize || 0), 0)"""
    )
    return int(total)


# --- Lighthouse ---------------------------------------------------------------------------------


@dataclass
class LighthouseRun:
    site: str
    page: str
    performance: float | None
    accessibility: float | None
    fcp_ms: float | None
    lcp_ms: float | None
    tbt_ms: float | None
    cls: float | None
    total_bytes: float | None
    seconds: float
    error: str | None = None


def lighthouse(site: str, page_name: str, url: str, workdir: Path) -> LighthouseRun:
    """Lighthouse 12, mobile form factor (its default), performance and accessibility."""
    output = workdir / f"lighthouse-{site}-{page_name}.json"
    flags = " ".join([*CHROMIUM_ARGS, f'"{OFFLINE_ARG}"'])
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={output}",
        f"--chrome-flags={flags}",
        "--max-wait-for-load=90000",
    ]
    started = time.monotonic()
    completed = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.monotonic() - started
    if completed.returncode != 0 or not output.is_file():
        error = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["?"]
        return LighthouseRun(
            site, page_name, None, None, None, None, None, None, None, seconds, error[0]
        )
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]

    def metric(name: str) -> float | None:
        value = audits.get(name, {}).get("numericValue")
        return float(value) if value is not None else None

    categories = report["categories"]
    return LighthouseRun(
        site=site,
        page=page_name,
        performance=categories["performance"]["score"],
        accessibility=categories["accessibility"]["score"],
        fcp_ms=metric("first-contentful-paint"),
        lcp_ms=metric("largest-contentful-paint"),
        tbt_ms=metric("total-blocking-time"),
        cls=metric("cumulative-layout-shift"),
        total_bytes=metric("total-byte-weight"),
        seconds=seconds,
        error=report.get("runtimeError", {}).get("message"),
    )


# --- the two builds -----------------------------------------------------------------------------


def build_ours(site_dir: Path, site_url: str) -> None:
    """Our example site, as `make site` builds it (site_url set to where it is served)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        config_file=str(REPO_ROOT / "mkdocs.yml"), site_url=site_url, site_dir=str(site_dir)
    )
    build(config)


_FIGURE_BLOCK = re.compile(r'<figure class="roadmap-chart"[^>]*>.*?</figure>', re.S)
# The figure's JSON, inline or (data-src="…#chart-id") in the page's figures file.
_FIGURE_SOURCE = re.compile(
    r'<(script|template)\b[^>]*class="roadmap-chart__figure"[^>]*>(.*?)</\1>', re.S
)
_DATA_SRC = re.compile(r'data-src="[^"#]*#([^"]+)"')
_PLOT_PLACE = re.compile(r'<div class="roadmap-chart__plot"[^>]*>.*?</div>', re.S)


def naive_chart(block: str, page_figures: dict[str, Any], template: Any) -> str:
    """A chart block with its figure embedded the naive way: plotly's own HTML, the whole
    plotly.js inlined, where our block has a placeholder and a reference to the figure."""
    import plotly.io as pio

    found = _FIGURE_SOURCE.search(block)
    if found is None:
        return block
    reference = _DATA_SRC.search(found[0])
    if reference:
        # The site's figures share one template, published once.
        shared = page_figures["figures"][reference[1]]
        figure_json = json.dumps({**shared, "layout": {**shared["layout"], "template": template}})
    else:
        figure_json = found[2]
    figure = pio.from_json(figure_json, skip_invalid=True)
    embedded = figure.to_html(include_plotlyjs=True, full_html=False)
    block = block.replace(found[0], "")
    return _PLOT_PLACE.sub(lambda _: embedded, block, count=1)


def naive_page(markdown: str, page_figures: dict[str, Any], template: Any) -> str:
    return _FIGURE_BLOCK.sub(lambda match: naive_chart(match[0], page_figures, template),
                             markdown)  # fmt: skip


def build_naive(work: Path, site_dir: Path, site_url: str) -> None:
    """The same pages from the same data, each chart pasted in as plotly's HTML, under
    Material with its default fonts (Google Fonts) and without the roadmap plugin."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    from generator.pipeline import PAGE_ASSETS, SiteOptions, generate_site
    from generator.rendering.charts import TEMPLATE_SITE_PATH
    from generator.rendering.site.urls import chart_data_file

    docs = work / "docs"
    shutil.copytree(REPO_ROOT / "docs", docs)
    with (REPO_ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        ours = yaml_load(stream)
    generated = generate_site(REPO_ROOT / "roadmap", SiteOptions(site_name=ours["site_name"]))
    chart_data: dict[str, bytes] = dict(getattr(generated, "chart_data", {}))
    template = json.loads(chart_data[TEMPLATE_SITE_PATH])
    for src_uri, markdown in generated.pages.items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        page_figures = json.loads(chart_data.get(chart_data_file(src_uri), b'{"figures": {}}'))
        target.write_text(naive_page(markdown, page_figures, template), "utf-8")
    for src_uri, content in generated.downloads.items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_bytes(content)
    for src_uri, source in PAGE_ASSETS.items():  # the pages' own styles and sortable tables
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / src_uri)
    theme = {key: value for key, value in ours["theme"].items() if key != "font"}
    config = {
        "site_name": ours["site_name"],
        "site_url": site_url,
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {**theme, "language": generated.language},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "extra_css": [path for path in PAGE_ASSETS if path.endswith(".css")],
        "extra_javascript": [path for path in PAGE_ASSETS if path.endswith(".js")],
        "nav": generated.navigation(ours.get("nav")),
    }
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(load_config(config_file=str(config_file)))


# --- the run -------------------------------------------------------------------------------------


def richest_project(site_dir: Path) -> str:
    """The project page with the most charts: the heaviest case for a first visit."""
    pages = sorted((site_dir / "projets").glob("*/index.html"))
    best = max(pages, key=lambda page: page.read_text("utf-8").count('class="roadmap-chart"'))
    return best.parent.name


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _size(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.2f} MB"
    return f"{value / 1000:.0f} kB" if value >= 1000 else f"{value:.0f} B"


def _ratio(ours: float | None, naive: float | None) -> str:
    if ours is None or naive is None or naive == 0:
        return "—"
    return f"{ours / naive:.2f}"


def _row(label: str, ours: str, naive: str, ratio: str, target: str = "") -> str:
    return f"{label:<44} {ours:>10} {naive:>10} {ratio:>8}  {target}"


# (label, LighthouseRun attribute, target, number format; None: a size in bytes)
LIGHTHOUSE_FIGURES: list[tuple[str, str, float | None, str | None]] = [
    ("performance", "performance", PERFORMANCE_TARGET, "{:.2f}"),
    ("accessibility", "accessibility", ACCESSIBILITY_TARGET, "{:.2f}"),
    ("LCP (ms)", "lcp_ms", None, "{:.0f}"),
    ("FCP (ms)", "fcp_ms", None, "{:.0f}"),
    ("TBT (ms)", "tbt_ms", None, "{:.0f}"),
    ("CLS", "cls", None, "{:.3f}"),
    ("total byte weight", "total_bytes", None, None),
]


def print_report(
    builds: dict[str, dict[str, float]], visits: list[Visit], runs: list[LighthouseRun]
) -> None:
    print()
    print(_row("", "ours", "naive", "ratio"))
    print(
        _row(
            "build time (s)",
            f"{builds['ours']['seconds']:.1f}",
            f"{builds['naive']['seconds']:.1f}",
            _ratio(builds["ours"]["seconds"], builds["naive"]["seconds"]),
        )
    )
    print(
        _row(
            "site size on disk",
            _size(builds["ours"]["bytes"]),
            _size(builds["naive"]["bytes"]),
            _ratio(builds["ours"]["bytes"], builds["naive"]["bytes"]),
        )
    )
    by_key = {(v.site, v.page, v.viewport): v for v in visits}
    for page, viewport in sorted({(v.page, v.viewport) for v in visits}):
        ours, naive = by_key[("ours", page, viewport)], by_key[("naive", page, viewport)]
        label = f"{page}, {viewport}, first visit"
        note = ""
        if page == "home":
            within = ours.transfer_bytes <= HOME_TARGET_BYTES
            note = f"target ≤ 200 kB: {'met' if within else 'MISSED'}"
            if ours.chart_in_view:
                note += " (a chart is in view at load)"
        print(
            _row(
                f"{label}: transferred (gzip)",
                _size(ours.transfer_bytes),
                _size(naive.transfer_bytes),
                _ratio(ours.transfer_bytes, naive.transfer_bytes),
                note,
            )
        )
        print(
            _row(
                f"{label}: decoded",
                _size(ours.decoded_bytes),
                _size(naive.decoded_bytes),
                _ratio(ours.decoded_bytes, naive.decoded_bytes),
            )
        )
        print(
            _row(
                f"{label}: requests",
                str(ours.requests),
                str(naive.requests),
                _ratio(ours.requests, naive.requests),
            )
        )
        print(
            _row(
                f"{label}: to other hosts",
                str(len(ours.foreign_requests)),
                str(len(naive.foreign_requests)),
                "",
            )
        )
        print(
            _row(
                f"{label}: plotly.js loaded",
                "yes" if ours.plotly_loaded else "no",
                "yes" if naive.plotly_loaded else "no",
                "",
            )
        )
        print(
            _row(
                f"{page}, {viewport}, all charts seen: transferred",
                _size(ours.transfer_after_charts),
                _size(naive.transfer_after_charts),
                _ratio(ours.transfer_after_charts, naive.transfer_after_charts),
            )
        )
    run_by_key = {(r.site, r.page): r for r in runs}
    for page in sorted({r.page for r in runs}):
        ours_run, naive_run = run_by_key.get(("ours", page)), run_by_key.get(("naive", page))
        if ours_run is None or naive_run is None:
            continue
        for figure, attribute, target, fmt in LIGHTHOUSE_FIGURES:
            ours_value: float | None = getattr(ours_run, attribute)
            naive_value: float | None = getattr(naive_run, attribute)

            def show(value: float | None, fmt: str | None = fmt) -> str:
                if value is None:
                    return "—"
                return _size(value) if fmt is None else fmt.format(value)

            verdict = ""
            if target is not None and ours_value is not None:
                verdict = f"target ≥ {target:.2f}: {'met' if ours_value >= target else 'MISSED'}"
            print(
                _row(
                    f"Lighthouse mobile, {page}: {figure}",
                    show(ours_value),
                    show(naive_value),
                    _ratio(ours_value, naive_value),
                    verdict,
                )
            )
        for run in (ours_run, naive_run):
            if run.error:
                print(f"  Lighthouse ({run.site}, {page}): {run.error}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse runs")
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "bench-results",
        help="folder for bench.json and the Lighthouse reports (default: bench-results/)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    visits: list[Visit] = []
    runs: list[LighthouseRun] = []
    builds: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = Path(tmp)
        dirs = {"ours": work / "ours", "naive": work / "naive"}
        for folder in dirs.values():
            folder.mkdir()
        with (
            serve_gzip(dirs["ours"], level=9) as (ours_url, _),
            serve_gzip(dirs["naive"], level=9) as (naive_url, _),
        ):
            urls = {"ours": ours_url, "naive": naive_url}
            builders: list[tuple[str, Callable[[], None]]] = [
                ("ours", lambda: build_ours(dirs["ours"], ours_url)),
                ("naive", lambda: build_naive(work / "naive-src", dirs["naive"], naive_url)),
            ]
            for site, builder in builders:
                print(f"building {site}…", file=sys.stderr)
                started = time.monotonic()
                builder()
                builds[site] = {
                    "seconds": time.monotonic() - started,
                    "bytes": folder_bytes(dirs[site]),
                }
            pages = {"home": "", "project": f"projets/{richest_project(dirs['ours'])}/"}
            print(f"project page: /{pages['project']}", file=sys.stderr)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, OFFLINE_ARG]
                )
                for site, base in urls.items():
                    for page, path in pages.items():
                        for viewport in ("phone", "desktop"):
                            print(f"first visit: {site} {page} {viewport}", file=sys.stderr)
                            visits.append(first_visit(browser, site, base + path, page, viewport))
                browser.close()
            if not args.no_lighthouse:
                for site, base in urls.items():
                    for page, path in pages.items():
                        print(f"lighthouse: {site} {page}", file=sys.stderr)
                        runs.append(lighthouse(site, page, base + path, args.out))
    print_report(builds, visits, runs)
    report = {
        "builds": builds,
        "pages": pages,
        "visits": [asdict(v) for v in visits],
        "lighthouse": [asdict(r) for r in runs],
    }
    (args.out / "bench.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print(f"\nfigures and Lighthouse reports: {args.out}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
