"""Cross-file rules in near-linear time, whatever a hostile roadmap holds.

A roadmap may have 20,000 project files, each naming any number of dependencies: the checks
that look across files must not grow faster than the roadmap. Dependency loops are found as
strongly connected components (Tarjan's algorithm, iterative, each project and each
dependency visited once) and each is reported once, as its shortest loop through its first
member (a breadth-first search inside the component). "Did you mean" suggestions, which
compare a text with every allowed one, are given for the first references only.

Lists are bounded by field (`MAX_LIST_ITEMS`) before a file is checked against the model: a
list of 40,000 milestones made a jalons page of tens of megabytes, and 200,000 wrong values
in one list made as many problems, each an object, gigabytes across a roadmap.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

# Suggestions ("did you mean « usagers »?") for this many unknown references per roadmap: a
# person fixes the first ones and runs the check again; thousands cost minutes, helping no one.
MAX_SUGGESTIONS = 200

# The longest list of each field, by its name: many times what a real project writes (a large
# project has a few dozen milestones and dated news), and what keeps every page and every
# report of the largest roadmap within a minute and 2 GB to build (docs/reference/limites.md).
MAX_LIST_ITEMS: Mapping[str, int] = {
    "milestones": 200,
    "updates": 200,
    "measurements": 500,
    "lines": 200,  # a budget's lines: one per year and funder
    "rebaselines": 50,
    "indicators": 50,
    "links": 50,
    "tags": 30,
    "depends_on": 50,
    "axes": 50,
    "funders": 100,
    "sessions": 500,
}
MAX_OTHER_LIST = 100  # a list where the format has none is refused anyway, as one problem
# Problems of the model listed for one file; the others are counted in one more (R083). Lists
# at their longest, every item wrong, make some 25,000 in a file and millions in a roadmap.
MAX_FILE_PROBLEMS = 1_000
# A whole roadmap's values and characters of text, YAML references expanded: what its site
# and its checks cost grows with them (each value is kept with its position while the roadmap
# is checked; each text is shown on several pages, in the search index and the downloads).
# Ten times a roadmap of 5,000 real projects, and what builds in about a minute and 2 GB at
# worst (docs/reference/limites.md).
MAX_ROADMAP_VALUES = 2_000_000
MAX_ROADMAP_TEXT = 40_000_000


def weight(data: Any) -> tuple[int, int]:
    """How many values `data` (a file as read) holds, and how many characters of text (its
    keys' and its texts'), references expanded: each value visited once."""
    values = characters = 0
    stack = [data]
    while stack:
        value = stack.pop()
        values += 1
        if isinstance(value, str):
            characters += len(value)
        elif isinstance(value, dict):
            characters += sum(len(key) for key in value if isinstance(key, str))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return values, characters


def long_lists(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], int, int]]:
    """Each list of `data` (a file as read) longer than its field allows: its path, its length
    and the limit. Visits every value once; a list too long is not looked into."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*where, key), item) for key, item in value.items())
        elif isinstance(value, list):
            name = next((part for part in reversed(where) if isinstance(part, str)), "")
            limit = MAX_LIST_ITEMS.get(name, MAX_OTHER_LIST)
            if len(value) > limit:
                yield where, len(value), limit
            else:
                stack.extend(((*where, index), item) for index, item in enumerate(value))


def dependency_loops(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """One loop per group of projects that depend on each other in a circle: its members in
    order, starting with the group's first member (by id), as short as a loop through it can
    be. Names outside `graph` are ignored (an unknown project is reported on its own)."""
    loops = []
    for component in _strongly_connected(graph):
        members = set(component)
        first = min(component)
        if len(component) == 1 and first not in graph.get(first, ()):
            continue  # a project alone, not depending on itself
        loops.append(_shortest_loop(graph, first, members))
    return sorted(loops)


def _strongly_connected(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (a chain of 20,000 projects
    would exceed Python's stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph.get(node, ())
            descended = False
            while position < len(children):
                child = children[position]
                position += 1
                if child not in graph:
                    continue
                if child not in index:
                    work.append((node, position))
                    work.append((child, 0))
                    descended = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if descended:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _shortest_loop(graph: Mapping[str, Sequence[str]], start: str, members: set[str]) -> list[str]:
    """The shortest path from `start` back to itself inside `members` (breadth first)."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in graph.get(node, ()):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return path[::-1]
            if child in members and child not in previous:
                previous[child] = node
                queue.append(child)
    raise AssertionError(f"{start} is in a loop")  # pragma: no cover - a component has one


class Suggestions:
    """Suggestions ("did you mean") for the first `MAX_SUGGESTIONS` unknown references of a
    roadmap; "" for the others."""

    def __init__(self, suggest: Callable[[str, Iterable[str]], str],
                 limit: int = MAX_SUGGESTIONS) -> None:  # fmt: skip
        self._suggest = suggest
        self.left = limit

    def __call__(self, value: str, allowed: Iterable[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return self._suggest(value, allowed)
