"""The floor: what MkDocs itself costs for a site of N pages, to measure ours against.

Same theme and search configuration as the repository's mkdocs.yml (Material, its features,
palette, Markdown extensions and the `search` plugin as configured there), but no roadmap
plugin and, as pages, a home page and N one-line Markdown pages, one per project, left out
of the navigation (`not_in_nav`), as our project pages are. Whatever our build costs above
this floor is the roadmap's own cost: validation, figures, page rendering and the extra
pages (lists, axes, open data, charts).

The configuration is read from mkdocs.yml at each call, so that a change to the theme or to
the search configuration there reaches the floor too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PROJECTS_FOLDER = "projets"  # where our site puts project pages, so that the URLs match


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` tags, read as their default (or empty without one)."""


def _environment_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_Loader.add_constructor("!ENV", _environment_default)


def _without_roadmap(plugins: list[Any]) -> list[Any]:
    """The configured plugins but the roadmap one (a plugin is a name or a one-key map)."""
    kept = []
    for plugin in plugins:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name != "roadmap":
            kept.append(plugin)
    return kept


def write_floor_site(config_source: Path, folder: Path, projects: int, site_url: str) -> Path:
    """Write the floor's docs folder and mkdocs.yml into `folder`; return the config file."""
    docs = folder / "floor-docs"
    pages = docs / PROJECTS_FOLDER
    pages.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    for number in range(projects):
        (pages / f"projet-{number:05d}.md").write_text(
            f"# Projet de démonstration n° {number}\n", encoding="utf-8"
        )
    data = yaml.load(config_source.read_text(encoding="utf-8"), Loader=_Loader)
    data["docs_dir"] = str(docs)
    data["site_url"] = site_url
    data["plugins"] = _without_roadmap(list(data.get("plugins") or []))
    data["nav"] = ["index.md"]
    data["not_in_nav"] = f"/{PROJECTS_FOLDER}/"
    config = folder / "floor.yml"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return config
