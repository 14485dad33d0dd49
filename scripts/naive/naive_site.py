"""A naive MkDocs Material site of a roadmap, to measure ours against.

It has the same pages (made by the same generator), but built the way a first attempt
would build them:

- every project page is listed in the navigation, so that every page carries the whole
  project list in its sidebar;
- each chart is plotly's own HTML, `fig.to_html(full_html=False, ...)` of a
  `plotly.graph_objects.Figure`, pasted into the page, its figure inlined with the plotly
  template that our chart data files write once for all the page's figures. plotly.js
  (the full bundle of the plotly package) comes one of two ways:
  - `inline`: in the page, by its first chart (`include_plotlyjs=True`; the page's other
    charts reuse it). Inlining it in every chart, as `to_html` does by default, would be
    heavier still. MkDocs keeps every page in memory while it builds: at 100 projects this
    site already needs about 3 GB, so that beyond a few hundred it does not fit;
  - `shared`: from one file, loaded in the head of every page (a theme override, since the
    charts' inline scripts need `Plotly` defined before them), and `include_plotlyjs=False`;
- the pages go through plain `mkdocs build` (no roadmap plugin): Python-Markdown and the
  search index read every page in full.

`build_naive_site` does all of it in the calling process, so that a caller timing it in a
fresh process measures generation and build together, as `mkdocs build` with our plugin does.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go
import yaml

from generator.pipeline import GeneratedSite, SiteOptions, generate_site, urls
from generator.rendering.charts import TEMPLATE_SITE_PATH, plotly_js_path

_FIGURE = re.compile(r'<figure class="roadmap-chart" id="[^"]*">.*?</figure>', re.S)
_PLOT = re.compile(
    r'<div class="roadmap-chart__plot"[^>]*>.*?</div>\n<template class="roadmap-chart__figure"'
    r'[^>]*data-src="[^"#]*#([^"]*)"[^>]*></template>',
    re.S,
)


PlotlyMode = Literal["inline", "shared"]
PLOTLY_FILE = "assets/plotly.min.js"


def build_naive_site(roadmap_dir: Path, docs_source: Path, config_source: Path,
                     work_dir: Path, plotly: PlotlyMode = "inline",
                     site_url: str | None = None) -> Path:  # fmt: skip
    """Generate the roadmap's pages, write them as a docs folder with a navigation listing
    every page, and build it with MkDocs. Returns the built site's folder."""
    # Imported here: only the naive build needs MkDocs' Python interface.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = generate_site(roadmap_dir, SiteOptions(site_name="naive"))
    docs = work_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(docs_source, docs)
    figures = {path: json.loads(data) for path, data in site.chart_data.items()}
    for src_uri, markdown in site.pages.items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_naive_charts(markdown, src_uri, figures, plotly == "inline"),
                          encoding="utf-8")  # fmt: skip
    for src_uri, content in site.downloads.items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_bytes(content)
    for src_uri, source in site.assets.items():
        if src_uri.endswith((".css", "tables.js")):  # styles and sortable tables, not charts.js
            (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, docs / src_uri)
    overrides = None
    if plotly == "shared":
        shutil.copyfile(plotly_js_path(), docs / PLOTLY_FILE)
        overrides = work_dir / "overrides"
        overrides.mkdir(exist_ok=True)
        (overrides / "main.html").write_text(
            '{% extends "base.html" %}\n{% block extrahead %}'
            f'<script src="{{{{ \'{PLOTLY_FILE}\' | url }}}}"></script>{{% endblock %}}\n',
            encoding="utf-8",
        )
    config_file = work_dir / "mkdocs.yml"
    config = _naive_config(site, config_source, docs, overrides, site_url)
    config_file.write_text(config, encoding="utf-8")
    site_dir = work_dir / "site"
    build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
    return site_dir


def _naive_charts(markdown: str, src_uri: str, figures: dict[str, dict[str, Any]],
                  inline_plotly: bool) -> str:  # fmt: skip
    """The page with each chart's drawing replaced by plotly's own HTML (caption, takeaway and
    table kept, so that both sites say the same)."""
    first = inline_plotly

    def figure_html(figure_block: re.Match[str]) -> str:
        def plot_html(plot: re.Match[str]) -> str:
            nonlocal first
            shared = figures[urls.chart_data_file(src_uri)]["figures"][plot.group(1)]
            # The template every figure shares, published once for the site, in each.
            figure = go.Figure({**shared, "layout": {**shared["layout"],
                                                     "template": figures[TEMPLATE_SITE_PATH]}})
            drawn = figure.to_html(full_html=False, include_plotlyjs=first)
            first = False
            # No blank line: the page is Markdown, where one would end the raw HTML block.
            return "\n".join(line for line in drawn.splitlines() if line.strip())

        return _PLOT.sub(plot_html, figure_block.group(0))

    return _FIGURE.sub(figure_html, markdown)


def _naive_config(site: GeneratedSite, config_source: Path, docs: Path,
                  overrides: Path | None, site_url: str | None) -> str:  # fmt: skip
    """The repository's mkdocs.yml without the roadmap plugin, with a navigation that lists
    every page, projects included."""
    data = yaml.load(config_source.read_text(encoding="utf-8"), Loader=_Loader)
    data["docs_dir"] = str(docs)
    if overrides is not None:
        data["theme"]["custom_dir"] = str(overrides)
    data["plugins"] = [{"search": {"lang": site.language}}]
    data["site_url"] = site_url
    # Every project in the sidebar, as a first attempt lists pages.
    projects = {"Projets (tous)": sorted(site.hidden_pages)}
    data["nav"] = [*site.nav_head, projects, *(data.get("nav") or []), *site.nav_tail]
    data["extra_css"] = list(site.extra_css)
    data["extra_javascript"] = [path for path in site.extra_javascript
                                if not path.endswith("charts.js")]  # fmt: skip
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` tags read as empty."""


_Loader.add_constructor("!ENV", lambda loader, node: None)
