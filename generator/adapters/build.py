"""Write the generated site into a folder, for an engine that does not run MkDocs plugins.

`roadmap build --out DIR` copies the hand-written docs folder into DIR and adds every page,
download and asset that the `roadmap` plugin adds in memory (the same `generate_site`), so
that Zensical or a plain `mkdocs build` of DIR gives the same site. With `--config-out`, it
also writes a copy of mkdocs.yml pointing at DIR, with the generated navigation and assets
and without the plugin.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.adapters.edit_links import edit_url_base
from generator.pipeline import EDITIONS, Edition, GeneratedSite, SiteOptions

MARKER = ".roadmap-build"
PLUGIN_NAME = "roadmap"


class BuildError(Exception):
    """A problem with the output folder or the configuration, told to the user as is."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: MkDocs' `!ENV` tag gives the variable's value; other tags, such as
    `!!python/name:`, are kept as plain text (they mean nothing to this command)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        names = list(loader.construct_sequence(node))
    elif isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    else:
        return None
    *variables, fallback = names if len(names) > 1 else [*names, None]
    for name in variables:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return fallback


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", _other_tag)


@dataclass(frozen=True)
class ProjectConfig:
    """What `roadmap build` takes from mkdocs.yml (all optional)."""

    path: Path | None
    data: dict[str, Any]

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path else Path()

    @property
    def docs_dir(self) -> Path:
        return self.folder / str(self.data.get("docs_dir") or "docs")

    def plugin_options(self) -> dict[str, Any]:
        for entry in self.data.get("plugins") or []:
            if entry == PLUGIN_NAME:
                return {}
            if isinstance(entry, dict) and PLUGIN_NAME in entry:
                return dict(entry[PLUGIN_NAME] or {})
        return {}


def read_config(path: Path | None) -> ProjectConfig:
    if path is None or not path.is_file():
        return ProjectConfig(None, {})
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise BuildError(f"{path}: {error}") from None
    return ProjectConfig(path, data if isinstance(data, dict) else {})


def site_options(config: ProjectConfig, roadmap_dir: str, edition: Edition,
                 edit_base: str | None) -> SiteOptions:  # fmt: skip
    """The same options the plugin would use with this mkdocs.yml."""
    data = config.data
    options = config.plugin_options()
    if edit_base is None:
        edit_base = options.get("edit_url_base") or edit_url_base(
            data.get("repo_url"), data.get("edit_uri"),
            str(data.get("docs_dir") or "docs"), roadmap_dir)  # fmt: skip
    return SiteOptions(
        edition=edition,
        edit_url_base=edit_base,
        use_directory_urls=bool(data.get("use_directory_urls", True)),
        site_name=str(data.get("site_name") or ""),
        site_url=data.get("site_url") or None,
        contact=options.get("contact"),
    )


def resolve_edition(config: ProjectConfig, edition: str | None) -> Edition:
    chosen = edition or config.plugin_options().get("edition") or "public"
    if chosen not in EDITIONS:
        raise BuildError(f"edition: {chosen!r} is not one of {', '.join(EDITIONS)}")
    return "internal" if chosen == "internal" else "public"


def _prepare(out: Path, docs_dir: Path | None) -> None:
    """An empty output folder; only a folder this command wrote before is ever emptied."""
    if docs_dir is not None and out.resolve() == docs_dir.resolve():
        raise BuildError(f"{out} is the docs folder itself: choose another output folder.")
    if out.exists():
        if not out.is_dir():
            raise BuildError(f"{out} exists and is not a folder.")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise BuildError(f"{out} is not empty and was not written by `roadmap build`: "
                             "nothing was overwritten.")  # fmt: skip
        shutil.rmtree(out)
    out.mkdir(parents=True)


def write_site(site: GeneratedSite, out: Path, docs_dir: Path | None) -> list[Path]:
    """Copy the hand-written docs, then add the generated files. Returns the files written."""
    _prepare(out, docs_dir)
    written: list[Path] = []

    def write(relative: str, content: bytes) -> None:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)

    if docs_dir is not None and docs_dir.is_dir():
        for source in sorted(docs_dir.rglob("*")):
            relative = source.relative_to(docs_dir).as_posix()
            if not source.is_file() or relative in site.pages:
                continue
            if source.suffix == ".md":
                write(relative, site.mark_page(source.read_text(encoding="utf-8")).encode())
            else:
                write(relative, source.read_bytes())
    for relative, markdown in site.pages.items():
        write(relative, site.mark_page(markdown).encode("utf-8"))
    for relative, content in site.downloads.items():
        write(relative, content)
    for relative, content in site.chart_data.items():
        write(relative, content)
    for relative, source in site.assets.items():
        write(relative, source.read_bytes())
    (out / MARKER).write_text("Folder written by `roadmap build`; it is emptied on each run.\n")
    return written


def write_config(site: GeneratedSite, config: ProjectConfig, out: Path, target: Path) -> Path:
    """A mkdocs.yml for the folder `out`: generated navigation and assets, no plugin."""
    data = dict(config.data)
    data["docs_dir"] = os.path.relpath(out.resolve(), target.resolve().parent)
    data["plugins"] = [entry for entry in data.get("plugins") or []
                       if entry != PLUGIN_NAME
                       and not (isinstance(entry, dict) and PLUGIN_NAME in entry)]  # fmt: skip
    data["nav"] = site.navigation(data.get("nav"))
    data["not_in_nav"] = "\n".join(f"/{page}" for page in sorted(site.hidden_pages)) + "\n"
    data["extra_css"] = [*(data.get("extra_css") or []),
                         *(p for p in site.extra_css if p not in (data.get("extra_css") or []))]
    data["extra_javascript"] = [*(data.get("extra_javascript") or []),
                                *(p for p in site.extra_javascript
                                  if p not in (data.get("extra_javascript") or []))]  # fmt: skip
    theme = data.get("theme")
    data["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "mkdocs"}),
                     "language": site.language}  # fmt: skip
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
