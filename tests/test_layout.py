"""The package's layout is the pipeline: each stage imports only the stages before it, there is
no import cycle, and no code branches on the language (words live in catalogues)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Base modules any stage may use; then the stages in pipeline order.
BASE = ("generator.model", "generator.diagnostics", "generator.i18n")
STAGES = (
    "generator.reading",
    "generator.validation",
    "generator.figures",
    "generator.rendering",
    "generator.pipeline",
    "generator.adapters",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _imports(module: str, tree: ast.Module, known: set[str]) -> set[str]:
    """The package's modules that `module` imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {name for name in names if name in known and name != module}
    return found


def _rank(module: str) -> int:
    """0 for the base modules, then 1 + the stage's index."""
    if module in BASE:
        return 0
    for index, stage in enumerate(STAGES):
        if module == stage or module.startswith(stage + "."):
            return index + 1
    raise AssertionError(f"{module} belongs to no stage: place it in one, or list it in BASE")


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, tree, known) for name, tree in modules.items()}


def test_every_module_belongs_to_a_stage() -> None:
    for module in _graph():
        if module != "generator":
            _rank(module)


def test_no_stage_imports_a_later_one() -> None:
    backwards = [
        f"{module} -> {imported}"
        for module, imports in _graph().items()
        if module != "generator"  # the public API names what every stage offers
        for imported in imports
        if imported != "generator" and _rank(imported) > _rank(module)
    ]
    assert backwards == []


def test_no_module_imports_the_public_api_but_the_command_line() -> None:
    # `generator/__init__.py` imports the whole pipeline: a stage importing it would import
    # every later stage. Only the adapters' version string comes from there.
    users = sorted(module for module, imports in _graph().items() if "generator" in imports)
    assert users == ["generator.adapters.cli"]


def test_no_import_cycle() -> None:
    graph = {module: imports - {"generator"} for module, imports in _graph().items()}
    graph.pop("generator")
    state: dict[str, int] = {}  # 1: being visited, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.get(module, ())):
            # A package's __init__ importing its own submodules is how a package is made.
            if imported.startswith(module + "."):
                continue
            if state.get(imported) == 1:
                cycles.append([*trail[trail.index(imported):], imported])
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


SOURCES = sorted(PACKAGE.rglob("*.py"))


def _source_id(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


_LANGUAGE_BRANCH = re.compile(
    r"""(==|!=|\bin\b)\s*[(\[{]?\s*["'](fr|en)["']|["'](fr|en)["']\s*(==|!=)"""
)


@pytest.mark.parametrize("path", SOURCES, ids=_source_id)
def test_no_branch_on_the_language(path: Path) -> None:
    """A comparison with "fr" or "en" is a word missing from a catalogue."""
    lines = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _LANGUAGE_BRANCH.search(line)
    ]
    assert lines == []


@pytest.mark.parametrize("path", SOURCES, ids=_source_id)
def test_no_french_english_table(path: Path) -> None:
    """No `{"fr": …, "en": …}` table: the words of each language are in its catalogue."""
    tables = [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Dict)
        and {"fr", "en"} <= {key.value for key in node.keys if isinstance(key, ast.Constant)}
    ]
    assert tables == []
