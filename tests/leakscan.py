"""Scanning written files for marker strings in plain text (the leak tests' one tool)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest


def scan(folders: Iterable[Path], markers: Iterable[str]) -> list[str]:
    """Every file under `folders` holding a marker, or its second word, in UTF-8, any case."""
    needles = set()
    for marker in markers:
        needles.add(marker.encode("utf-8").lower())
        needles.add(marker.split()[1].encode("utf-8").lower())
    hits = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes().lower()
                hits += [f"{path}: {n!r}" for n in sorted(needles) if n in data]
    return hits


@pytest.fixture
def private_tmp(tmp_path: Path) -> Iterator[Path]:
    """Point the process temp folder at an empty folder the test can scan."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    old = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = old
