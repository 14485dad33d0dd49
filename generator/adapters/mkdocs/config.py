"""The options of the `roadmap` plugin in mkdocs.yml, declared once for both engines.

The MkDocs plugin reads them through MkDocs; `roadmap build` (the path of engines that run no
MkDocs plugin, such as Zensical) validates the same `plugins: - roadmap:` entry with this same
class, so an option means the same thing whichever engine builds the site.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.pipeline import EDITIONS


class RoadmapConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the `roadmap` plugin in mkdocs.yml."""

    roadmap_dir = c.Type(str, default="roadmap")
    """The folder holding roadmap.yaml and projects/, relative to mkdocs.yml."""

    edition = c.Choice(EDITIONS, default="public")
    """`public` leaves projects marked `visibility: internal` out of every page, figure, total
    and download; `internal` keeps them and marks every page with a banner."""

    edit_url_base = c.Optional(c.Type(str))
    """The URL that, followed by `projects/<id>.yaml`, opens a project file for editing.
    By default it is derived from `repo_url` and `edit_uri`, with the docs folder replaced
    by `roadmap_dir`."""

    history = c.Type(bool, default=True)
    """Read the roadmap's past from its git repository: each project's history, the trends,
    "what's new" since the previous situation and each session, and the Atom feed. Without a
    repository (or with `false`) the site shows the present situation only."""

    contact = c.Optional(c.Type(str))
    """An e-mail address or URL where readers report accessibility problems, shown in the
    accessibility statement (left "to be completed" when not given)."""

    # "false" as a word too: `report: !ENV [ROADMAP_REPORT, full]` reads a string.
    report = c.Choice(("full", "summary", "false", False), default=False)
    """Publish the council-session report (PDF) with the site, linked from the home page with
    its size: `full` (every project's page; the summary above 100 projects, whose full
    report takes minutes), `summary` (without the project pages) or `false` (none, the
    default). With `sessions:` declared and `history` on, each earlier session's report too.
    Needs WeasyPrint (`pip install '.[report]'`): without it, a warning, which fails a strict
    build. The PDFs are kept in `.cache/roadmap-report/` beside the roadmap folder, so that
    only a changed report is laid out again."""
