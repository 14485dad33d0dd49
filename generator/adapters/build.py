"""Write the generated site into a folder, for an engine that does not run MkDocs plugins.

`roadmap build --out DIR` copies the hand-written docs folder into DIR and adds every page,
download and asset that the `roadmap` plugin adds in memory (the same `generate_site`), so
that Zensical or a plain `mkdocs build` of DIR gives the same site. With `--config-out`, it
also writes a copy of mkdocs.yml pointing at DIR, with the generated navigation and assets
and without the plugin.

mkdocs.yml is read as MkDocs reads it (its YAML loader: `!ENV`, `!relative`, `INHERIT`), the
few site settings the pages depend on are validated by MkDocs' own declarations, and the
`plugins: - roadmap:` options by MkDocs' plugin loader with the plugin's own `RoadmapConfig`:
an option means the same thing with either engine, and a wrong one gets the same message.
"""

from __future__ import annotations

import copy
import os
import secrets
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import (
    ConfigDirPlaceholder,
    DocsDirPlaceholder,
    RelativeDirPlaceholder,
    get_yaml_loader,
    yaml_load,
)

from generator.adapters.edit_links import edit_url_base
from generator.adapters.mkdocs.config import RoadmapConfig
from generator.i18n import words
from generator.pipeline import EDITIONS, Edition, GeneratedSite, SiteOptions
from generator.rendering.site import THEME_DIR

MARKER = ".roadmap-build"
PLUGIN_NAME = "roadmap"


class BuildError(Exception):
    """A problem with the output folder or the configuration, told to the user as is."""


class _SiteSettings(base.Config):  # type: ignore[no-untyped-call]
    """The settings of mkdocs.yml that the generated pages depend on, with MkDocs' own
    declarations (defaults, checks and derived values, such as `edit_uri` from `repo_url`),
    and the `roadmap` entries of `plugins`, loaded by MkDocs' own plugin loader."""

    site_name = MkDocsConfig.site_name
    site_url = MkDocsConfig.site_url
    # MkDocs' declaration, except that the folder may be missing: the generated pages alone
    # make a site, and the folder only brings hand-written pages.
    docs_dir = c.DocsDir(default="docs", exists=False)
    use_directory_urls = MkDocsConfig.use_directory_urls
    repo_url = MkDocsConfig.repo_url
    # Declared for what its check derives: `edit_uri`'s default from `repo_url`.
    repo_name = MkDocsConfig.repo_name
    edit_uri = MkDocsConfig.edit_uri
    # Only the `roadmap` entries are given to it: the other plugins are the engine's business
    # (Zensical runs none of them, and they need not be installed to run this command).
    plugins = c.Plugins(default=[])


def _is_roadmap(entry: Any) -> bool:
    """Whether an item of a `plugins` list is the `roadmap` plugin (`roadmap` or `roadmap: {}`)."""
    return entry == PLUGIN_NAME or (isinstance(entry, dict) and PLUGIN_NAME in entry)


def _plugin_entries(plugins: Any) -> list[Any]:
    """The `roadmap` entries of `plugins` (a list, or a mapping), as written."""
    if isinstance(plugins, dict):
        return [{name: options} for name, options in plugins.items() if name == PLUGIN_NAME]
    return [entry for entry in plugins or [] if _is_roadmap(entry)]


def _without_plugin(plugins: Any) -> Any:
    """`plugins` without the `roadmap` entries."""
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != PLUGIN_NAME}
    return [entry for entry in plugins or [] if not _is_roadmap(entry)]


@dataclass(frozen=True)
class ProjectConfig:
    """mkdocs.yml as written (`data`, tags resolved), and what MkDocs makes of the settings
    this command uses (`settings`: absolute docs folder, derived `edit_uri`...; `options`: the
    plugin's, completed with their defaults). Without a file, MkDocs' defaults.

    A configuration MkDocs would refuse keeps its `problem`, raised as a `BuildError` by the
    first use of its settings, so that the command reports it as it reports the others."""

    path: Path | None
    data: dict[str, Any]
    checked_settings: dict[str, Any] = field(default_factory=dict)
    checked_options: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path else Path()

    @property
    def settings(self) -> dict[str, Any]:
        if self.problem is not None:
            raise BuildError(self.problem)
        return self.checked_settings

    @property
    def docs_dir(self) -> Path:
        return Path(self.settings.get("docs_dir") or self.folder / "docs")

    def plugin_options(self) -> dict[str, Any]:
        """The `roadmap` plugin's options, checked and completed with their defaults."""
        if self.problem is not None:
            raise BuildError(self.problem)
        return dict(self.checked_options)


def _validated(path: Path | None, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """MkDocs' checks on the settings and the plugin options; an error as MkDocs words it."""
    settings = _SiteSettings(config_file_path=str(path.resolve()) if path else None)
    patch = {key: data[key] for key in settings._schema_keys if key in data}
    # A copy: MkDocs' plugin loader takes its entries apart.
    patch["plugins"] = copy.deepcopy(_plugin_entries(data.get("plugins")))
    settings.load_dict(patch)
    errors, _ = settings.validate()  # warnings: MkDocs' own build reports them
    if errors:
        where = f"{path}: " if path else ""
        raise BuildError(where + "; ".join(f"Config value '{key}': {error}"
                                           for key, error in errors))  # fmt: skip
    checked = {key: value for key, value in settings.items() if key != "plugins"}
    plugin = settings["plugins"].get(PLUGIN_NAME)
    if plugin is None:  # no entry, or `enabled: false`: the options' defaults
        defaults = RoadmapConfig()
        defaults.validate()
        return checked, dict(defaults)
    return checked, dict(plugin.config)


def read_config(path: Path | None) -> ProjectConfig:
    """mkdocs.yml read and checked as MkDocs does; MkDocs' defaults when there is none."""
    if path is None or not path.is_file():
        # MkDocs requires a site name; left empty, the roadmap's title is the site's name.
        settings, options = _validated(None, {"site_name": ""})
        return ProjectConfig(None, {}, settings, options)
    # MkDocs' loader, bound to a config as MkDocs binds it, so that `!relative $config_dir`
    # resolves against this file.
    anchor = _SiteSettings(config_file_path=str(path.resolve()))
    try:
        with path.open("rb") as source:
            data = yaml_load(source, get_yaml_loader(config=anchor))  # type: ignore[arg-type]
        if not isinstance(data, dict):
            raise BuildError(f"{path}: the configuration is not a mapping of settings.")
        settings, options = _validated(path, data)
    except ConfigurationError as error:
        return ProjectConfig(path, {}, problem=f"{path}: {error}")
    except BuildError as error:
        return ProjectConfig(path, {}, problem=str(error))
    anchor.update(settings)
    return ProjectConfig(path, data, settings, options)


def _relative(path: Path, start: Path) -> str:
    try:
        return path.resolve().relative_to(start.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def site_options(config: ProjectConfig, roadmap_dir: str, edition: Edition,
                 edit_base: str | None) -> SiteOptions:  # fmt: skip
    """The same options the plugin gives the pipeline with this mkdocs.yml."""
    settings, options = config.settings, config.plugin_options()
    if edit_base is None:
        edit_base = options.get("edit_url_base") or edit_url_base(
            settings.get("repo_url"), settings.get("edit_uri"),
            _relative(config.docs_dir, config.folder), roadmap_dir)  # fmt: skip
    return SiteOptions(
        edition=edition,
        edit_url_base=edit_base,
        use_directory_urls=bool(settings.get("use_directory_urls", True)),
        site_name=str(settings.get("site_name") or ""),
        site_url=settings.get("site_url") or None,
        contact=options.get("contact"),
        history=bool(options.get("history", True)),
    )


def resolve_edition(config: ProjectConfig, edition: str | None) -> Edition:
    """The edition asked on the command line, else the plugin's `edition` option."""
    chosen = edition or config.plugin_options().get("edition") or "public"
    if chosen not in EDITIONS:
        raise BuildError(f"edition: {chosen!r} is not one of {', '.join(EDITIONS)}")
    return "internal" if chosen == "internal" else "public"


def _check_output(out: Path, docs_dir: Path | None) -> None:
    """Refuses an output folder that is not this command's: only a folder it wrote before is
    ever replaced."""
    if docs_dir is not None and out.resolve() == docs_dir.resolve():
        raise BuildError(f"{out} is the docs folder itself: choose another output folder.")
    if out.exists() or out.is_symlink():
        if out.is_symlink() or not out.is_dir():
            raise BuildError(f"{out} exists and is not a folder.")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise BuildError(f"{out} is not empty and was not written by `roadmap build`: "
                             "nothing was overwritten.")  # fmt: skip


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A new, empty folder beside `out`, where a site is written whole; when the block ends
    without an error, it takes the place of `out` (the previous folder is then deleted),
    else it is deleted and `out` is left as it was, byte for byte.

    Beside `out`, so that the swap is two renames on one file system. The two renames leave
    `out` missing for an instant, never half written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = beside(out, "new")
    staging.mkdir()  # with the usual permissions (a temporary folder's are the owner's only)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, out)


def swap_in(staging: Path, out: Path) -> None:
    """Put the folder `staging` in the place of `out`, then delete the previous `out`."""
    previous: Path | None = None
    if out.exists():
        previous = beside(out, "old")
        out.rename(previous)
    try:
        staging.rename(out)
    except OSError:
        if previous is not None:
            previous.rename(out)  # the previous site back in its place
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def beside(out: Path, role: str) -> Path:
    """A hidden name no one uses beside `out` (`.site.new-3f2a9c1b`)."""
    return out.parent / f".{out.name}.{role}-{secrets.token_hex(4)}"


def unreadable_metadata(pages: Mapping[str, str]) -> list[str]:
    """The pages whose metadata header (title, description) MkDocs would not read: it would
    drop it without a word, and a theme fall back on other titles. Read as MkDocs reads it."""
    return [uri for uri, markdown in pages.items()
            if markdown.startswith("---") and not get_data(markdown)[1]]  # fmt: skip


def write_site(site: GeneratedSite, out: Path, docs_dir: Path | None) -> list[Path]:
    """Copy the hand-written docs, then add the generated files. Returns the files written.

    The whole folder is written beside `out` and takes its place only once complete: a
    failure at any point leaves a previous `out` as it was."""
    _check_output(out, docs_dir)
    dropped = unreadable_metadata(site.pages)
    if dropped:
        raise BuildError(words(site.language, "cli")("build.metadata_dropped", page=dropped[0]))
    written: list[Path] = []
    with staged_folder(out) as staging:
        _write_files(site, staging, docs_dir, written)
    return [out / path.relative_to(staging) for path in written]


def _write_files(site: GeneratedSite, out: Path, docs_dir: Path | None,
                 written: list[Path]) -> None:  # fmt: skip
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


def write_config(site: GeneratedSite, config: ProjectConfig, out: Path, target: Path) -> Path:
    """A mkdocs.yml for the folder `out`: generated navigation and assets, no plugin, and the
    site name the plugin gives an internal edition."""
    data = dict(config.data)
    data["docs_dir"] = os.path.relpath(out.resolve(), target.resolve().parent)
    data["plugins"] = _without_plugin(data.get("plugins"))
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
    # The footer's template (the plugin lays it over the theme): unless the site has its own
    # custom_dir, in which it can copy the file.
    data["theme"].setdefault("custom_dir", str(THEME_DIR))
    data["extra"] = {**(data.get("extra") or {}), "roadmap_footer": dict(site.footer),
                     "roadmap_feed": dict(site.feed_link) if site.feed_link else None}  # fmt: skip
    # Zensical draws a site in its own "modern" look unless told otherwise; "classic" is
    # Material's, the look MkDocs gives the same mkdocs.yml, so that the site looks the same
    # whichever engine builds it (MkDocs ignores the setting). A `variant` in mkdocs.yml wins.
    data["theme"].setdefault("variant", "classic")
    data["site_name"] = site.site_name
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False)
    target.write_text(text, encoding="utf-8")
    return target


class _ConfigDumper(yaml.Dumper):
    """Writes back what MkDocs' loader read: `!!python/name:` references (Material's emoji
    functions, for instance) as such, and `!relative` paths as tags that still mean the same
    from the written file (`$config_dir` becomes the absolute folder it stood for)."""


def _represent_placeholder(dumper: yaml.Dumper, value: Any) -> yaml.Node:
    if isinstance(value, ConfigDirPlaceholder):
        return dumper.represent_str(os.fspath(value))
    if isinstance(value, DocsDirPlaceholder):
        return dumper.represent_scalar("!relative", f"$docs_dir/{value.suffix}".rstrip("/"))
    return dumper.represent_scalar("!relative", "")


for _placeholder in (ConfigDirPlaceholder, DocsDirPlaceholder, RelativeDirPlaceholder):
    _ConfigDumper.add_representer(_placeholder, _represent_placeholder)
