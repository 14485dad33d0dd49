"""Where each generated page lives, and the relative links between pages.

Links inside raw HTML blocks are not rewritten by MkDocs, so pages link to each other with
URLs computed here, relative to the page that holds them (so a site works under any base path).
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
PROJECTS = "projets/index.md"
MILESTONES = "jalons.md"
BUDGET = "budget.md"
INDICATORS = "indicateurs.md"
METHODOLOGY = "methodologie.md"
DATA = "donnees.md"
ACCESSIBILITY = "accessibilite.md"
DATA_DIR = "donnees"


def axis_page(axis_id: str) -> str:
    return f"axes/{axis_id}.md"


def project_page(project_id: str) -> str:
    return f"projets/{project_id}.md"


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


def relative_url(from_src: str, to_src: str, use_directory_urls: bool = True) -> str:
    """The link from the page `from_src` to the file `to_src`, as a relative URL."""
    here = page_url(from_src, use_directory_urls)
    target = page_url(to_src, use_directory_urls)
    here_dir = here if here.endswith("/") or here == "" else posixpath.dirname(here)
    relative = posixpath.relpath(target or ".", here_dir or ".")
    if target == "" or target.endswith("/"):
        return "./" if relative == "." else relative + "/"
    return relative
