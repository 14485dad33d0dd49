"""The files the site publishes for the charts: charts.js, roadmap.css and plotly.js (taken
from the installed plotly package, never committed)."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from typing import Final

ASSETS_DIR: Final = Path(__file__).parent / "assets"
EXTRA_JAVASCRIPT: list[str] = ["assets/roadmap/charts.js"]
EXTRA_CSS: list[str] = ["assets/roadmap/roadmap.css"]
PLOTLY_SITE_PATH: Final = "assets/roadmap/plotly.min.js"
# The plotly template every figure shares (`chart.template_file`): charts.js fetches it from
# beside itself, as it does plotly.min.js.
TEMPLATE_SITE_PATH: Final = "assets/roadmap/chart-template.json"
# A smaller official plotly.js bundle to publish instead of the full one (see `chart_assets`).
PLOTLY_JS_ENV: Final = "ROADMAP_PLOTLY_JS"
# Partial bundles that hold every trace type the charts use (bar and scatter).
_SUFFICIENT_BUNDLES: Final = ("basic", "cartesian")


def plotly_js_path() -> Path:
    """plotly.min.js from the installed plotly package (never committed to the repository)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the plotly package is not installed: pip install plotly")
    path = Path(spec.origin).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"plotly.min.js is missing from the plotly package: {path}")
    return path


_BUNDLE_HEADER: Final = re.compile(
    r"plotly\.js(?: \((?P<name>[a-z0-9-]+)(?: - minified)?\))? v(?P<version>[0-9][^\s*]*)"
)


def _bundle_header(path: Path) -> tuple[str | None, str]:
    """(partial bundle name or None for the full bundle, plotly.js version), from the licence
    comment at the top of the file."""
    with path.open(encoding="utf-8", errors="replace") as stream:
        head = stream.read(600)
    match = _BUNDLE_HEADER.search(head)
    if match is None:
        raise ValueError(f"{path} does not look like a plotly.js bundle (no version header)")
    return match.group("name"), match.group("version")


def chart_assets(plotly_js: Path | str | None = None) -> dict[str, Path]:
    """Files to publish, by site path: charts.js, roadmap.css and plotly.min.js.

    plotly.min.js is the full bundle of the installed plotly package (4.8 MB, 1.5 MB
    gzipped), unless a smaller official partial bundle of the same plotly.js version is given
    as `plotly_js` or in the `ROADMAP_PLOTLY_JS` environment variable: npm's
    `plotly.js-basic-dist-min` (bar, pie, scatter: 1.2 MB, 0.4 MB gzipped) or
    `plotly.js-cartesian-dist-min` hold every trace type these charts use (bar and scatter).
    Any other bundle, or another version, is refused: a chart would fail to draw."""
    default = plotly_js_path()
    chosen = plotly_js if plotly_js is not None else os.environ.get(PLOTLY_JS_ENV) or None
    plotly = default
    if chosen is not None:
        plotly = Path(chosen)
        if not plotly.is_file():
            raise FileNotFoundError(f"{PLOTLY_JS_ENV}: no such file: {plotly}")
        name, version = _bundle_header(plotly)
        _, expected = _bundle_header(default)
        if version != expected:
            raise ValueError(
                f"{plotly} is plotly.js {version}; the installed plotly package "
                f"expects plotly.js {expected}"
            )
        if name is not None and name not in _SUFFICIENT_BUNDLES:
            raise ValueError(
                f"{plotly} is the '{name}' partial bundle, which lacks bar or "
                f"scatter traces; use {' or '.join(_SUFFICIENT_BUNDLES)}"
            )
    return {
        "assets/roadmap/charts.js": ASSETS_DIR / "charts.js",
        "assets/roadmap/roadmap.css": ASSETS_DIR / "roadmap.css",
        PLOTLY_SITE_PATH: plotly,
    }
