"""Python's cyclic garbage collector, set for the length of one build.

A build makes millions of objects that live until it ends (the model, the pages, MkDocs'
files and navigation) and makes few reference cycles. With the interpreter's default
settings, the collector runs every 700 new objects, and every so often goes through
everything alive: at 1,000 projects, a tenth of the build's time spent finding almost
nothing. During a build it runs less often; the settings are restored when the build ends,
so that `mkdocs serve` between two builds is the interpreter's default. Measured in
`docs/performances.md`.
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
    """The collector's settings for one build: `start` at its beginning, `stop` at its end
    or on its failure. Starting twice keeps the settings saved first; stopping twice, or
    without a start, does nothing."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(*BUILD_THRESHOLDS)

    def stop(self) -> None:
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
