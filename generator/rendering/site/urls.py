"""Where each generated page lives, and the relative links between pages.

Links inside raw HTML blocks are not rewritten by MkDocs, so pages link to each other with
URLs computed here, relative to the page that holds them (so a site works under any base path).
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
AXES = "axes/index.md"
PROJECTS = "projets/index.md"
MILESTONES = "jalons.md"
BUDGET = "budget.md"
INDICATORS = "indicateurs.md"
METHODOLOGY = "methodologie.md"
DATA = "donnees.md"
ACCESSIBILITY = "accessibilite.md"
DATA_DIR = "donnees"
CHART_DATA_DIR = "assets/roadmap/figures"


def axis_page(axis_id: str) -> str:
    return f"axes/{axis_id}.md"


def project_page(project_id: str) -> str:
    return f"projets/{project_id}.md"


def chart_data_file(src_uri: str) -> str:
    """The JSON file holding the figures of a page's charts, beside the page's own path
    under the assets folder: `projets/grc.md` -> `assets/roadmap/figures/projets/grc.json`."""
    return f"{CHART_DATA_DIR}/{src_uri.removesuffix('.md')}.json"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source file, relative to the site root (`projets/grc/`)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


# Remembered: a listing links to the same pages from every row (the milestones page names
# each project once per milestone).
@functools.lru_cache(maxsize=1 << 16)
def relative_url(from_src: str, to_src: str, use_directory_urls: bool = True) -> str:
    """The link from the page `from_src` to the file `to_src`, as a relative URL."""
    here = page_url(from_src, use_directory_urls)
    target = page_url(to_src, use_directory_urls)
    here_dir = here if here.endswith("/") or here == "" else posixpath.dirname(here)
    relative = _relative_path(target or ".", here_dir or ".")
    if target == "" or target.endswith("/"):
        return "./" if relative == "." else relative + "/"
    return relative


def _relative_path(target: str, start: str) -> str:
    """`posixpath.relpath` for paths relative to the site's root, without its detour through
    the working folder (`abspath`), which made it the slowest step of a page with a link per
    table row. The paths come from `page_url`: no `.` or `..` parts, `/` as separator."""
    target_parts = [part for part in target.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    common = 0
    for mine, theirs in zip(target_parts, start_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."
