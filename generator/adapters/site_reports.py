"""The council-session reports a site build publishes (the plugin's `report` option), for
both engines: `publish_reports` adds the PDFs to the generated site and their links to its
home page.

It publishes the current situation's report and, when the roadmap declares `sessions:` and
its history is read, one report per earlier session (its situation read from git, with what
changed since the session before). Laying a PDF out takes seconds (minutes for a large
roadmap), so every PDF is kept on disk by its inputs (`.cache/roadmap-report/`, beside the
roadmap folder, ignored by git, like the history's cache): a rebuild or `mkdocs serve` lays
out only a report whose inputs changed, and an earlier session's report, whose inputs are
commits, is laid out once. A report whose inputs are all unchanged costs a hash of the
roadmap's files and one `git log`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.adapters.report import (
    ReportSource,
    RoadmapTimeline,
    current_source,
    read_timeline,
    render_source,
    session_source,
)
from generator.i18n import words
from generator.pipeline import GeneratedSite
from generator.reading.revisions import (
    RevisionError,
    repository_root,
    roadmap_commits,
    roadmap_folder_in_repository,
)
from generator.reading.sources import PROJECTS_DIR, ROADMAP_FILE
from generator.rendering.council import PdfEngineMissing, ReportOptions
from generator.rendering.site import urls
from generator.rendering.site.reports import (
    ReportLink,
    current_link,
    home_with_reports,
    reports_block,
    session_link,
)

# The `report` option: "full", "summary", or False ("false") for none.
ReportChoice = str | bool
# Above this many projects (in the edition published), `report: full` publishes the summary
# report instead: a full report takes about 0.5 s of CPU a project (2.2 pages a project,
# 0.22 s a page at 200 projects, more beyond: 752 s at 1,000), and the summary at 1,000
# projects 40 s (docs/guide/rapport.md, scripts/bench_report.py).
FULL_REPORT_MAX_PROJECTS = 100
CACHE_DIR = Path(".cache", "roadmap-report")
# Bumped with any change to what a cached report or listing holds.
_CACHE_VERSION = "1"
_CODE_SUFFIXES = (".py", ".j2", ".css", ".po")


@dataclass(frozen=True)
class SiteReports:
    """The site with its reports, and what the build must say: `warnings` (a report asked
    for and not made: a strict build fails) and `notes` (said without failing)."""

    site: GeneratedSite
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    built: int = 0  # PDFs laid out by this call (the others came from the cache)


def publish_reports(site: GeneratedSite, roadmap_dir: Path, choice: ReportChoice, *,
                    history: bool, use_directory_urls: bool = True,
                    cache_dir: Path | None = None,
                    lay_out: bool = True) -> SiteReports:  # fmt: skip
    """`site` with the council-session reports `choice` asks for (`full`, `summary`; False
    or "false": none), their links on its home page. Without WeasyPrint, the site unchanged
    and a warning saying how to install it. With `lay_out` false (`mkdocs serve`, where a
    save must show its page in seconds and a report takes tens of them), only reports already
    in the cache are published: the others wait for the next build, and a note says so."""
    if choice is False or choice == "false":
        return SiteReports(site)
    variant = "summary" if choice == "summary" else "full"
    store = _Store(cache_dir or roadmap_dir.resolve().parent / CACHE_DIR)
    inputs = (_CACHE_VERSION, _code_key(), _files_key(roadmap_dir), site.edition, variant,
              history and _commits(roadmap_dir), use_directory_urls)  # fmt: skip
    listing_key = _digest(inputs)
    listing = store.listing(listing_key)
    built = 0
    if listing is None and not lay_out:
        return SiteReports(site, notes=(words(site.language, "council")("site.serve_deferred"),))
    if listing is None:
        try:
            listing, built = _make_listing(site, roadmap_dir, variant, history, store,
                                           listing_key)  # fmt: skip
        except PdfEngineMissing as error:
            w = words(site.language, "council")
            return SiteReports(site, (w("site.engine_missing", option=variant,
                                        detail=str(error)),))  # fmt: skip
        store.save_listing(listing_key, listing)
    store.keep_only(listing_key, listing)
    downloads = {**site.downloads, **{path: store.pdf(name) for path, name in listing["files"]}}
    current = ReportLink(*listing["current"])
    past = [ReportLink(*link) for link in listing["past"]]
    block = reports_block(current, past, site.language, use_directory_urls)
    pages = {**site.pages, urls.HOME: home_with_reports(site.pages[urls.HOME], block)}
    published = dataclasses.replace(site, pages=pages, downloads=downloads)
    return SiteReports(published, notes=tuple(listing["notes"]), built=built)


def _make_listing(site: GeneratedSite, roadmap_dir: Path, variant: str, history: bool,
                  store: _Store, current_key: str) -> tuple[dict[str, Any], int]:  # fmt: skip
    """Every report's PDF (from the cache when it is there) and the links to them."""
    edition = site.edition
    timeline = read_timeline(roadmap_dir, edition, history=history)
    language = timeline.current.language
    notes: list[str] = []
    files: list[tuple[str, str]] = []
    built = 0

    def made(source: ReportSource, key: str) -> tuple[str, int, bool]:
        nonlocal built
        summary = _summary(source, variant)
        name = f"{_digest((key, summary))}.pdf"
        if not store.has(name):
            options = ReportOptions(summary_only=summary, edition=edition)
            store.save_pdf(name, render_source(source, options))
            built += 1
        return name, store.size(name), summary

    current = current_source(timeline)
    name, size, summary = made(current, current_key)
    if summary and variant == "full":
        notes.append(words(language, "council")(
            "site.summary_instead", count=len(current.situation.roadmap.projects),
            limit=FULL_REPORT_MAX_PROJECTS))  # fmt: skip
    link = current_link(language, current.situation.as_of, size, summary, current.session)
    files.append((link.path, name))
    past: list[ReportLink] = []
    for session, source in reversed(_earlier_sessions(timeline)):
        key = _digest((_CACHE_VERSION, _code_key(), edition, variant, session.date.isoformat(),
                       session.title, source.situation.commit,
                       source.previous.commit if source.previous else None,
                       sorted(timeline.renamed.items())))  # fmt: skip
        name, size, _ = made(source, key)
        past_link = session_link(language, session.date, session.title,
                                 source.situation.as_of, size)  # fmt: skip
        files.append((past_link.path, name))
        past.append(past_link)
    listing = {
        "files": files,
        "current": [link.path, link.text],
        "past": [[p.path, p.text] for p in past],
        "notes": notes,
    }
    return listing, built


def _earlier_sessions(timeline: RoadmapTimeline) -> list[tuple[Any, ReportSource]]:
    """The declared sessions whose situation is a commit older than the current situation,
    oldest first, with their reports' sources."""
    found = []
    for session in timeline.sessions:
        if session.span is None or session.span.after.commit is None:
            continue
        source = session_source(timeline, session)
        if source is not None:
            found.append((session.session, source))
    return found


def _summary(source: ReportSource, variant: str) -> bool:
    return variant == "summary" or len(source.situation.roadmap.projects) > FULL_REPORT_MAX_PROJECTS


# --- what a report depends on ----------------------------------------------------------------


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


@functools.cache
def _code_key() -> str:
    """The code and words that lay a report out (the whole package: the report uses the
    figures, the site's sentences and the catalogues) and the PDF engine's version."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    try:
        engine = importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        engine = "none"
    digest.update(engine.encode())
    return digest.hexdigest()


def _files_key(roadmap_dir: Path) -> str:
    """The files the roadmap is read from (roadmap.yaml and projects/, as the loader reads
    them), by name and content: the current report's input."""
    digest = hashlib.blake2b(digest_size=16)
    paths = [roadmap_dir / ROADMAP_FILE, *sorted((roadmap_dir / PROJECTS_DIR).rglob("*"))]
    for path in paths:
        if path.is_file():
            digest.update(path.relative_to(roadmap_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _commits(roadmap_dir: Path) -> tuple[str, ...]:
    """The commits that changed the roadmap folder (the history's input): one `git log`."""
    try:
        root = repository_root(roadmap_dir)
        folder: PurePosixPath = roadmap_folder_in_repository(root, roadmap_dir, Path.cwd())
        return tuple(roadmap_commits(root, folder))
    except RevisionError:
        return ()


# --- the cache on disk ------------------------------------------------------------------------


class _Store:
    """PDFs named by the digest of their inputs, and the listing of each set of inputs.
    Unreadable or unwritable (a read-only clone): the reports are made again, and that is all."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[str, bytes] = {}  # written in this call, in case the disk refused

    def has(self, name: str) -> bool:
        return name in self.made or (self.folder / name).is_file()

    def pdf(self, name: str) -> bytes:
        return self.made[name] if name in self.made else (self.folder / name).read_bytes()

    def size(self, name: str) -> int:
        return len(self.made[name]) if name in self.made else (self.folder / name).stat().st_size

    def save_pdf(self, name: str, content: bytes) -> None:
        self.made[name] = content
        self._write(name, content)

    def listing(self, key: str) -> dict[str, Any] | None:
        try:
            listing = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        files = listing.get("files") if isinstance(listing, dict) else None
        if not files or not all(self.has(name) for _, name in files):
            return None
        return dict(listing)

    def save_listing(self, key: str, listing: dict[str, Any]) -> None:
        self._write(f"{key}.json", json.dumps(listing, ensure_ascii=False).encode())

    def keep_only(self, key: str, listing: dict[str, Any]) -> None:
        """Delete what this build did not use (an edited roadmap's former reports): the
        folder never holds more than one site's reports."""
        used = {f"{key}.json", ".gitignore", *(name for _, name in listing["files"])}
        for path in _files_in(self.folder):
            if path.name not in used:
                path.unlink(missing_ok=True)

    def _write(self, name: str, content: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            temporary = self.folder / f".{os.getpid()}.tmp"
            temporary.write_bytes(content)
            temporary.replace(self.folder / name)
        except OSError:
            pass


def _files_in(folder: Path) -> Iterable[Path]:
    try:
        return [path for path in folder.iterdir() if path.is_file()]
    except OSError:
        return []
