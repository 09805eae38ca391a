"""Scanning written files for marker strings in plain text (the leak tests' one tool)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

SHORTEST_WORD = 8  # a shorter word turns up by chance in a megabyte of ciphertext


def scan(folders: Iterable[Path], markers: Iterable[str]) -> list[str]:
    """Every file under `folders` holding a marker, or its second word, in UTF-8, any case.

    Case-blind matching makes each letter match 2 of 256 byte values, so a 4-letter word is in
    a 1 MB encrypted file by chance about once in 250 runs; markers' second words are therefore
    at least SHORTEST_WORD letters (checked here), which makes a chance hit negligible.
    """
    needles = set()
    for marker in markers:
        word = marker.split()[1]
        assert len(word) >= SHORTEST_WORD, f"marker word too short to scan for: {word!r}"
        needles.add(marker.encode("utf-8").lower())
        needles.add(word.encode("utf-8").lower())
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
