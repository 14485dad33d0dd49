"""Where a project file is edited: the forge URL of the roadmap folder, from MkDocs' settings.

Both adapters (the MkDocs plugin and `roadmap build`) derive it the same way.
"""

from __future__ import annotations

import posixpath


def edit_url_base(repo_url: str | None, edit_uri: str | None, docs_dir: str,
                  roadmap_dir: str) -> str | None:  # fmt: skip
    """The edit URL of the roadmap folder, from MkDocs' `repo_url` and `edit_uri`.

    `edit_uri` points at the docs folder (`edit/main/docs/`); the roadmap folder sits beside
    it, so the docs folder's name is replaced by the roadmap folder's, both relative to the
    folder of mkdocs.yml (`docs_dir` and `roadmap_dir` are given that way)."""
    if not edit_uri:
        return None
    if "://" in edit_uri:  # an absolute edit_uri needs no repo_url
        base = edit_uri
    elif repo_url:
        base = repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
    else:
        return None
    base = base.rstrip("/") + "/"
    docs = posixpath.normpath(docs_dir.replace("\\", "/")).strip("/")
    if docs and base.endswith(f"/{docs}/"):
        base = base[: -len(docs) - 1]
    roadmap = posixpath.normpath(roadmap_dir.replace("\\", "/")).strip("/")
    if roadmap in ("", "."):
        return base
    return base + roadmap + "/"
