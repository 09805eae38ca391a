"""The program needs no network, ever (hembesök happen where there is none): no module of it
imports anything that opens a connection. The program says what to do instead of pretending
to alert anyone (an overdue home visit: "ring din kollega")."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "vinr_desktop"
NETWORK = (
    "socket",
    "ssl",
    "urllib",
    "http",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "xmlrpc",
    "websocket",
    "PySide6.QtNetwork",
    "PySide6.QtWebSockets",
    "PySide6.QtWebEngineCore",
)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names]
    return found


def _is_network(name: str) -> bool:
    return any(name == n or name.startswith(n + ".") for n in NETWORK)


def test_no_module_of_the_program_imports_network_code() -> None:
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 100
    offending = {
        str(f.relative_to(SRC)): names
        for f in files
        if (names := [n for n in _imports(f) if _is_network(n)])
    }
    assert offending == {}


def test_the_check_sees_a_network_import() -> None:
    assert _is_network("socket") and _is_network("urllib.request")
    assert _is_network("PySide6.QtNetwork.QNetworkAccessManager")
    assert not _is_network("httpserver_like_name") and not _is_network("sqlite3")
