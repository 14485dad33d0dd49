"""Python's cyclic garbage collector, set for the length of one build.

A build makes millions of objects that live until it ends (the model, the pages, MkDocs'
files and navigation) and makes few reference cycles. With the interpreter's default
settings, the collector runs every 700 new objects, and every so often goes through
everything alive: at 1,000 projects, up to 2 s of the 14 s that generating the roadmap's
pages takes, spent finding almost nothing. During a build it runs less often, and once the
roadmap's pages are made, what is alive then is set aside (`gc.freeze`): the collections
during MkDocs' own work no longer go through it. Both are undone when the build ends, so
that `mkdocs serve` between two builds is as the interpreter has it, and collects what a
rebuild leaves behind. Measured in `docs/performances.md`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Objects allocated between two collections of the youngest generation (Python's default:
# 700); how many of those before the middle one is looked at, and how many of the middle
# one's before the oldest (defaults 10 and 10, kept). The garbage in cycles of a build is
# small (a few thousand objects at 1,000 projects): collecting it seven times less often
# costs a few megabytes.
BUILD_THRESHOLDS = (5_000, 10, 10)


class BuildCollector:
    """The collector's settings for one build: `start` at its beginning, `set_aside` once
    the roadmap's pages are made, `stop` at its end or on its failure. Starting twice keeps
    the settings saved first; stopping twice, or without a start, does nothing."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._frozen = False

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(*BUILD_THRESHOLDS)

    def set_aside(self) -> None:
        """What is alive now lives until the build ends: later collections skip it. Not
        when something else has set objects aside already: `stop` would release them too."""
        if self._saved is not None and not self._frozen and gc.get_freeze_count() == 0:
            gc.freeze()
            self._frozen = True

    def stop(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None


@contextmanager
def build_collector() -> Iterator[BuildCollector]:
    """The collector set for a build during the `with` block, restored after it whatever
    happens in it."""
    collector = BuildCollector()
    collector.start()
    try:
        yield collector
    finally:
        collector.stop()
