"""What the benchmarks share: the Chromium they drive, and a static server that compresses
text as a web host does and logs what it sent, so that a first visit is measured in bytes a
reader would download."""

from __future__ import annotations

import contextlib
import gzip
import mimetypes
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every host but the loopback resolves to nothing: no request can leave the machine.
OFFLINE_ARG = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"

COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|manifest\+json)|image/svg)")


@dataclass
class Served:
    """One response: the site path, its status and the body's bytes as sent."""

    path: str
    status: int
    bytes: int
    gzip: bool


class _GzipHandler(BaseHTTPRequestHandler):
    """GET and HEAD of static files; text gzip-compressed once per file at the server's level
    and kept in memory; each response logged."""

    protocol_version = "HTTP/1.1"
    root: Path
    level: int
    log: list[Served]
    cache: dict[Path, bytes]
    lock: threading.Lock

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        url_path = unquote(urlsplit(self.path).path)
        target = (self.root / url_path.lstrip("/")).resolve()
        status = HTTPStatus.OK
        if target.is_dir() and target.is_relative_to(self.root):
            if not url_path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_relative_to(self.root) or not target.is_file():
            status, target = HTTPStatus.NOT_FOUND, self.root / "404.html"
        found = target.is_file()
        body = target.read_bytes() if found else b"Not found"
        content_type = (mimetypes.guess_type(target.name)[0] if found else None) or "text/plain"
        compress = bool(COMPRESSIBLE.match(content_type)) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        if compress:
            body = self._compressed(target if found else None, body)
        self.send_response(status)
        if content_type.startswith("text/") or "javascript" in content_type:
            content_type += "; charset=utf-8"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        with self.lock:
            self.log.append(Served(url_path, int(status), 0 if head else len(body), compress))

    def _compressed(self, path: Path | None, body: bytes) -> bytes:
        if path is None:
            return gzip.compress(body, self.level, mtime=0)
        with self.lock:
            if path not in self.cache:
                self.cache[path] = gzip.compress(body, self.level, mtime=0)
            return self.cache[path]


@contextlib.contextmanager
def serve_gzip(directory: Path, *, level: int = 6) -> Iterator[tuple[str, list[Served]]]:
    """Serve `directory` on 127.0.0.1 (an ephemeral port), text compressed at gzip `level`
    (6, as web servers commonly do); yields the base URL and the log of responses."""
    log: list[Served] = []
    handler = type(
        "Handler",
        (_GzipHandler,),
        {
            "root": directory.resolve(),
            "level": level,
            "log": log,
            "cache": {},
            "lock": threading.Lock(),
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


def write_config(folder: Path, roadmap: Path, site_url: str | None = None) -> Path:
    """A copy of the repository's mkdocs.yml in `folder`, building the roadmap in `roadmap`
    with the repository's hand-written pages; `site_url` as a published site sets it (None:
    left to the `SITE_URL` variable, as the repository's configuration does)."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO_ROOT / 'docs'}")
    text = text.replace("roadmap_dir: roadmap", f"roadmap_dir: {roadmap}")
    if site_url is not None:
        text = text.replace("site_url: !ENV SITE_URL", f"site_url: {site_url}")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config
