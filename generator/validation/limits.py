"""Cross-file rules in near-linear time, whatever a hostile roadmap holds.

A roadmap may have 20,000 project files, each naming any number of dependencies: the checks
that look across files must not grow faster than the roadmap. Dependency loops are found as
strongly connected components (Tarjan's algorithm, iterative, each project and each
dependency visited once) and each is reported once, as its shortest loop through its first
member (a breadth-first search inside the component). "Did you mean" suggestions, which
compare a text with every allowed one, are given for the first references only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence

# Suggestions ("did you mean « usagers »?") for this many unknown references per roadmap: a
# person fixes the first ones and runs the check again; thousands cost minutes, helping no one.
MAX_SUGGESTIONS = 200


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
