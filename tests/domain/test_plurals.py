"""Swedish plurals, and a search of the program's texts for a count the helper does not pick."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import vinr_desktop
from vinr_desktop.domain.plurals import by_count, count_text

SRC = Path(vinr_desktop.__file__).parent

# Plural words that follow a number in the program's texts.
PLURALS = (
    "minuter|dagar|månader|sekunder|timmar|veckor|ärenden|händelser|anteckningar|poster|"
    "loggposter|insatser|journalträffar|träffar|sidor|personer|frågor|bedömningar|"
    "markeringar|versioner|uppnådda|flaggade|misslyckade|pågående insatser"
)
UNIT_SUFFIX = re.compile(r"^\s*(" + PLURALS + r")$")
COUNT_THEN_PLURAL = re.compile(r"\{[^{}]*\}\+?\)? (" + PLURALS + r")\b")
HELPERS = {"by_count", "count_text", "count_spin_box", "_spin"}
# Texts of the document pipeline (issue 12 works there at the same time): to move to the helper
# when that work lands.
KNOWN = {
    "reports/case_summary.py",
    "reports/audit_report.py",
    "ui/common/document_preview.py",
    "services/documents/summary_builder.py",
}


def test_one_and_many() -> None:
    assert count_text(1, "minut", "minuter") == "1 minut"
    assert count_text(0, "minut", "minuter") == "0 minuter"
    assert count_text(5, "minut", "minuter") == "5 minuter"
    assert by_count(1, "1 loggpost är markerad.", "{0} loggposter är markerade.") == (
        "1 loggpost är markerad."
    )
    assert by_count(3, "1 loggpost är markerad.", "{0} loggposter är markerade.") == (
        "3 loggposter är markerade."
    )


def _strings_outside_helpers(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string constant, f-string included, not given to a helper."""
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            allowed.add(id(node.value))  # a docstring
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in HELPERS:
                allowed.update(id(inner) for arg in node.args for inner in ast.walk(arg))
    found = []
    for node in ast.walk(tree):
        if id(node) in allowed:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            found.append((node.lineno, text))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


def test_every_count_in_a_text_goes_through_the_helper() -> None:
    """ "1 minuter": a number placeholder right before a plural word, outside `by_count` or
    `count_text`, is a text that will be wrong for exactly one."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        if where in KNOWN or where.startswith("services/demo"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [
            f"{where}:{line}: {text!r}"
            for line, text in _strings_outside_helpers(tree)
            if COUNT_THEN_PLURAL.search(text) or UNIT_SUFFIX.match(text)
        ]
    assert offenders == []
