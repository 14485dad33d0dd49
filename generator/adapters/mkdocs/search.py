"""Material's search entries of the generated pages, made in a second process.

Material's search plugin reads every page's HTML tag by tag to cut it into sections: at
1,000 projects, a quarter of the build. The entries of a generated page depend on nothing
but the page (its content, table of contents, address, title and metadata), so they are
made by Material's own `SearchIndex`, in a worker process, while MkDocs goes on rendering the
next pages on the other core. Each page's place in the index is held by a `Pending` mark,
replaced by its entries, in order, before Material writes the index: the same index, byte
for byte (`tests/test_search_worker.py`).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

# Below this many generated pages, starting a process costs more than it saves.
MIN_PAGES = 100


@dataclass(frozen=True)
class PageForSearch:
    """What Material's search reads of a page (`SearchIndex.add_entry_from_context`)."""

    content: str
    toc: Any
    url: str
    title: str | None
    meta: dict[str, Any]


@dataclass(frozen=True)
class Pending:
    """A generated page's place in Material's list of search entries, until they are made."""

    entries: Future[list[dict[str, Any]]]


def search_entries(page: PageForSearch) -> list[dict[str, Any]]:
    """The page's search entries, by Material's own code (run in the worker)."""
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex()
    index.add_entry_from_context(page)
    return list(index.entries)


def worker_possible() -> bool:
    """Whether a worker can be forked safely: on Linux, from a process running no other
    thread (`mkdocs serve` runs some: a fork would copy them in an unknown state). Forking,
    unlike spawning, needs no `if __name__ == "__main__"` guard in a script calling MkDocs."""
    return sys.platform == "linux" and threading.active_count() == 1


class SearchWorker:
    """One worker process making search entries."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(max_workers=1,
                                         mp_context=multiprocessing.get_context("fork"))

    def submit(self, page: PageForSearch) -> Pending:
        return Pending(self._pool.submit(search_entries, page))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def resolve(entries: list[Any]) -> None:
    """Replace, in place and in order, every `Pending` mark by the entries it stands for."""
    resolved: list[Any] = []
    for entry in entries:
        if isinstance(entry, Pending):
            resolved.extend(entry.entries.result())
        else:
            resolved.append(entry)
    entries[:] = resolved
