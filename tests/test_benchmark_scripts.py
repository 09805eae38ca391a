"""The benchmarks start child processes from Python source kept in strings; lint and mypy never
see those, so a module moved in src/ broke three of them silently (found when the benchmarks
were run after the feature packages). This checks every program import in that source."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _embedded_sources() -> list[tuple[str, str]]:
    """(where, source) of every string in benchmarks/ that is Python importing the program
    (an f-string's fields read as 0; docstrings and messages do not parse and are left out)."""
    found: list[tuple[str, str]] = []
    for path in sorted(BENCHMARKS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "0"
                    for v in node.values
                )
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in parts:
                    continue
                text = node.value
            else:
                continue
            if "import" not in text or "vinr_desktop" not in text:
                continue
            try:
                ast.parse(text.replace("{{", "{").replace("}}", "}"))
            except SyntaxError:
                continue
            found.append((f"{path.name}:{node.lineno}", text))
    return found


def _program_imports(source: str) -> list[tuple[str, str | None]]:
    """(module, name or None) for every import of vinr_desktop or benchmarks in `source`;
    f-string templates keep their doubled braces, which Python reads as a set in a set."""
    imports: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(source.replace("{{", "{").replace("}}", "}"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in ("vinr_desktop", "benchmarks"):
                imports += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            imports += [
                (alias.name, None)
                for alias in node.names
                if alias.name.split(".")[0] in ("vinr_desktop", "benchmarks")
            ]
    return imports


SOURCES = _embedded_sources()


def test_the_benchmarks_start_children_from_source() -> None:
    assert len(SOURCES) >= 3  # startup, unlock_to_list, casework: the check has something to do


@pytest.mark.parametrize(("where", "source"), SOURCES, ids=[where for where, _ in SOURCES])
def test_every_import_in_a_child_script_exists(where: str, source: str) -> None:
    missing = []
    for module_name, name in _program_imports(source):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            missing.append(module_name)
            continue
        if name is not None and not hasattr(module, name):
            try:
                importlib.import_module(f"{module_name}.{name}")
            except ImportError:
                missing.append(f"{module_name}.{name}")
    assert missing == [], where
