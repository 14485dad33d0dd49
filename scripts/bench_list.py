"""Measure how long the "all projects" page takes to open and to filter, in headless Chromium.

    python scripts/bench_list.py SITE [SITE ...] [--runs 3] [--json out.json]

Each SITE is a built site (for instance one kept by `scripts/bench_scale.py --keep`); giving
two (before and after a change) measures them side by side, in the same run, alternately.
For each width (1280 px, a laptop; 390 px, a phone) and each run, in a fresh context:

- document ready: from the start of the navigation to the end of DOMContentLoaded;
- first frame: until the page has been styled, laid out and painted once after `load` (two
  animation frames), the theme's and our scripts having run; and Chromium's own tally of the
  work done until then (style, layout, script, all tasks);
- first filter: from choosing a status in the filters to the next painted frame, then the
  same for a word typed in the text field (what a reader waits for).

The medians are printed with the machine's load average (it may be shared). A measurement,
not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent)]

from benchkit import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARG, serve_gzip  # noqa: E402

WIDTHS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LIST_PATH = "projets/"
STATUS = "select[data-rm-filter=status]"
# Chromium's own tally of the page's main-thread work until the first frame (ms): less
# sensitive to a busy machine than the times measured from the page.
WORK = {
    "style_ms": "RecalcStyleDuration",
    "layout_ms": "LayoutDuration",
    "script_ms": "ScriptDuration",
    "task_ms": "TaskDuration",
}

# Two animation frames after `load`: the page has been styled, laid out and painted.
FIRST_FRAME = """() => new Promise(resolve => requestAnimationFrame(() =>
    requestAnimationFrame(() => resolve(performance.now()))))"""

# The time from an input event on a filter to the next painted frame, in milliseconds.
FILTER = """([selector, value]) => new Promise(resolve => {
    const control = document.querySelector(selector);
    const start = performance.now();
    control.value = value;
    control.dispatchEvent(new Event(control.tagName === "SELECT" ? "change" : "input",
                                    {bubbles: true}));
    const shown = document.querySelector("[data-rm-filter-for]").getAttribute("data-rm-shown");
    requestAnimationFrame(() => requestAnimationFrame(() =>
        resolve({ms: performance.now() - start, shown: Number(shown)})));
})"""


def measure_once(browser: Any, base: str, viewport: dict[str, int]) -> dict[str, float]:
    context = browser.new_context(viewport=viewport, locale="fr-FR")
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Performance.enable")
    page.goto(base + LIST_PATH, wait_until="load", timeout=600_000)
    first_frame = float(page.evaluate(FIRST_FRAME))
    metrics = {m["name"]: m["value"] for m in devtools.send("Performance.getMetrics")["metrics"]}
    timing = page.evaluate(
        """() => { const n = performance.getEntriesByType("navigation")[0];
        return {ready: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }"""
    )
    result = {"ready_ms": timing["ready"], "load_ms": timing["load"], "first_frame_ms": first_frame}
    result |= {key: 1000 * float(metrics.get(name, 0.0)) for key, name in WORK.items()}
    enhanced = page.evaluate(
        "() => !!document.querySelector('[data-rm-filter-for][data-rm-enhanced]')"
    )
    if enhanced:
        status = page.eval_on_selector(f"{STATUS} option:nth-child(2)", "option => option.value")
        by_status = page.evaluate(FILTER, [STATUS, status])
        page.evaluate(FILTER, [STATUS, ""])
        by_text = page.evaluate(FILTER, ["input[data-rm-filter=text]", "projet 12"])
        result |= {"filter_status_ms": by_status["ms"], "filter_text_ms": by_text["ms"]}
    context.close()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built sites to compare")
    parser.add_argument("--runs", type=int, default=3, help="openings of each site and width")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    print(f"load average before: {', '.join(f'{v:.1f}' for v in load_before)}")
    results: dict[str, dict[str, list[dict[str, float]]]] = {
        str(site): {width: [] for width in WIDTHS} for site in args.sites
    }
    served = [serve_gzip(site) for site in args.sites]
    bases = [context.__enter__()[0] for context in served]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, OFFLINE_ARG]
            )
            for _ in range(args.runs):
                for width, viewport in WIDTHS.items():
                    for site, base in zip(args.sites, bases, strict=True):
                        results[str(site)][width].append(measure_once(browser, base, viewport))
            browser.close()
    finally:
        for context in served:
            context.__exit__(None, None, None)
    load_after = os.getloadavg()
    for site, widths in results.items():
        size = (Path(site) / LIST_PATH / "index.html").stat().st_size
        print(f"\n{site} (list page {size / 1e6:.2f} MB of HTML)")
        for width, runs in widths.items():
            keys = runs[0].keys() if runs else []
            medians = {key: statistics.median(run[key] for run in runs) for key in keys}
            figures = ", ".join(
                f"{key[:-3]} {value / 1000:.2f} s" for key, value in medians.items()
            )
            print(f"  {width} ({WIDTHS[width]['width']} px), median of {len(runs)}: {figures}")
    print(f"\nload average after: {', '.join(f'{v:.1f}' for v in load_after)}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"load_before": load_before, "load_after": load_after, "results": results}, indent=1
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
