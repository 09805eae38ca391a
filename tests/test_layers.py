"""The import contract of src/vinr_desktop, read from the code's own imports (the AST).

Layers point one way, `ui → services → (access, store, reports → views) → domain`
(DESIGN.md): a module imports only from its own layer and the layers below it; nothing below
ui/ imports Qt. Inside services/ and ui/, the feature packages (cases/, care/, risk/ …) and the
modules beside them do not lean on each other in a circle, and no two modules anywhere import
each other in a circle. Every import counts — at the top of a module, inside a function, and
(for the layers) those made for type checking only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import vinr_desktop

SRC = Path(vinr_desktop.__file__).parent
PACKAGE = "vinr_desktop"
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}

# What each part of the program may import from the program, besides itself. The program's
# top-level modules: `resources` (bundled files), `qt_runtime` (the start script's check of
# Qt's system libraries) and the package itself (its version).
TOP = {"resources", ""}
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "access": {"domain"},
    "views": {"domain", "access"},
    "store": {"domain", "access"} | TOP,
    "reports": {"views", "domain"} | TOP,
    "services": {"store", "reports", "views", "access", "domain"} | TOP,
    "ui": {"services", "store", "reports", "views", "access", "domain"} | TOP,
    "cli": {"services", "store", "views", "access", "domain"} | TOP,
    "resources": set(),
    "qt_runtime": set(),
    "": set(),
}
QT_ALLOWED = {"ui"}
# Packages of features: their parts (a feature package, or one module beside them) must form
# no circle.
FEATURE_LAYERS = ("services", "ui")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module of this program, or a third-party top-level name
    line: int
    type_only: bool  # under `if TYPE_CHECKING:`


def modules(root: Path = SRC) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str:
    """The module of this program that `name` (a module or a name in one) refers to."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name


def imports(known: dict[str, Path]) -> Iterator[Import]:
    for source, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        yield from _imports_in(tree, source, is_package, known, type_only=False)


def _imports_in(
    node: ast.AST, source: str, is_package: bool, known: dict[str, Path], *, type_only: bool
) -> Iterator[Import]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            yield from _imports_in(child, source, is_package, known, type_only=True)
            yield from _imports_in(
                ast.Module(body=child.orelse, type_ignores=[]),
                source,
                is_package,
                known,
                type_only=type_only,
            )
            continue
        if isinstance(child, ast.Import):
            for alias in child.names:
                yield _one(source, alias.name, child.lineno, known, type_only)
        elif isinstance(child, ast.ImportFrom):
            base = child.module or ""
            if child.level:
                here = source.split(".") if is_package else source.split(".")[:-1]
                here = here[: len(here) - (child.level - 1)]
                base = ".".join([*here, base] if base else here)
            submodules = [f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in known]
            if submodules:  # `from package import module`: the modules, not the package
                for name in submodules:
                    yield _one(source, name, child.lineno, known, type_only)
            else:
                yield _one(source, base, child.lineno, known, type_only)
        else:
            yield from _imports_in(child, source, is_package, known, type_only=type_only)


def _one(source: str, name: str, line: int, known: dict[str, Path], type_only: bool) -> Import:
    if name == PACKAGE or name.startswith(PACKAGE + "."):
        return Import(source, _resolve(name, known), line, type_only)
    return Import(source, name.split(".")[0], line, type_only)


def layer(module: str) -> str:
    """`vinr_desktop.services.care.plans` → "services"; the package itself → ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def part(module: str) -> str:
    """The feature package or lone module a module belongs to, one level below its layer."""
    return ".".join(module.split(".")[:3])


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of nodes that reach each other (Tarjan), largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found, key=len, reverse=True)


# -- the contract ---------------------------------------------------------------------------


def layer_violations(found: list[Import]) -> list[str]:
    problems = []
    for imp in found:
        here = layer(imp.source)
        if imp.target in QT:
            if here not in QT_ALLOWED:
                problems.append(f"{imp.source}:{imp.line} imports {imp.target} (Qt below ui/)")
            continue
        if not imp.target.startswith(PACKAGE):
            continue
        there = layer(imp.target)
        if there != here and there not in ALLOWED[here]:
            problems.append(f"{imp.source}:{imp.line} imports {imp.target} ({here} → {there})")
    return problems


def feature_circles(found: list[Import]) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for imp in found:
        if imp.type_only or not imp.target.startswith(PACKAGE + "."):
            continue
        if layer(imp.source) in FEATURE_LAYERS and layer(imp.source) == layer(imp.target):
            a, b = part(imp.source), part(imp.target)
            if a != b and len(a.split(".")) == 3 and len(b.split(".")) == 3:
                graph.setdefault(a, set()).add(b)
    return circles(graph)


def module_circles(found: list[Import]) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for imp in found:
        if not imp.type_only and imp.target.startswith(PACKAGE) and imp.target != imp.source:
            graph.setdefault(imp.source, set()).add(imp.target)
    return circles(graph)


@pytest.fixture(scope="module")
def found() -> list[Import]:
    return list(imports(modules()))


def test_layers_point_one_way_and_only_ui_imports_qt(found: list[Import]) -> None:
    assert layer_violations(found) == []
    # The check reads what it should: the UI does import Qt, the services the store.
    assert any(i.target == "PySide6" and i.source == f"{PACKAGE}.ui.app" for i in found)
    assert any(layer(i.source) == "services" and layer(i.target) == "store" for i in found)


def test_no_circle_between_feature_packages(found: list[Import]) -> None:
    assert feature_circles(found) == []


def test_no_two_modules_import_each_other_in_a_circle(found: list[Import]) -> None:
    assert module_circles(found) == []


def test_the_contract_catches_what_it_forbids() -> None:
    """Each rule fails on a made-up import that breaks it (the real tree passes them all)."""
    bad = [
        Import("vinr_desktop.reports.case_summary", "vinr_desktop.services.cases.cases", 1, True),
        Import("vinr_desktop.views.cases", "vinr_desktop.services.context", 2, False),
        Import("vinr_desktop.store.vault", "vinr_desktop.services.context", 3, False),
        Import("vinr_desktop.services.cases.cases", "PySide6", 4, False),
        Import("vinr_desktop.domain.cases", "vinr_desktop.ui.common.widgets", 5, False),
    ]
    assert len(layer_violations(bad)) == len(bad)
    loop = [
        Import("vinr_desktop.services.cases.cases", "vinr_desktop.services.risk.history", 1, False),
        Import("vinr_desktop.services.risk.assessments", "vinr_desktop.services.cases.x", 2, False),
    ]
    assert feature_circles(loop) == [["vinr_desktop.services.cases", "vinr_desktop.services.risk"]]
    pair = [
        Import("vinr_desktop.cli.commands", "vinr_desktop.cli.backup", 1, False),
        Import("vinr_desktop.cli.backup", "vinr_desktop.cli.commands", 2, False),
    ]
    assert module_circles(pair) == [["vinr_desktop.cli.backup", "vinr_desktop.cli.commands"]]
