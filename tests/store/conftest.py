"""Store tests run on real SQLCipher files in tmp_path, with Argon2id at the floor.

Every name, unit and password here is fictional. Helpers are plain functions so the test files
can import them (`from tests.store.conftest import ...`), as tests/services does.
"""

from __future__ import annotations

import faulthandler
import hashlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from vinr_desktop.store import engine, keys, vault
from vinr_desktop.store.device import DeviceSecretStore
from vinr_desktop.store.paths import StorePaths

USERNAME = "anna"
PASSWORD = "korrekt häst batteri"
FULL_NAME = "Anna Testsson-Fiktiv"
FACTS = vault.StoreFacts("Testkommun (fiktiv)", "Fiktiva enheten")
PAGE_SIZE = 4096  # SQLCipher 4 default


@dataclass
class Made:
    """A freshly created store, still unlocked."""

    paths: StorePaths
    store: vault.Store
    recovery_code: str
    user_id: str


def create(
    folder: Path,
    *,
    device: DeviceSecretStore | None = None,
    schema_target: str = "head",
    username: str = USERNAME,
    password: str = PASSWORD,
) -> Made:
    paths = StorePaths(folder)
    user_id = vault.new_id()
    store, code = vault.create_store(
        paths,
        FACTS,
        vault.NewUser(user_id, username, FULL_NAME, ("caseworker", "admin"), password),
        kdf=keys.KdfParams.floor(),
        device=device,
        schema_target=schema_target,
    )
    return Made(paths, store, code, user_id)


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Made]:
    result = create(tmp_path / "register")
    yield result
    result.store.close()


def reopen(paths: StorePaths, data_key: bytes) -> vault.Store:
    """What `unlock` does once the key is known (no key derivation): header, engine, _load."""
    store = vault.Store(paths, vault.read_header(paths), data_key)
    store._load()
    return store


def add_events(store: vault.Store, count: int, *, action: str = "test_event") -> None:
    """`count` audited transactions, one event each, with ids only (as the real code does)."""
    for i in range(count):
        with store.session() as session:
            store.record(session, user_id=None, action=action, object_id=f"obj-{i}")


def raw(paths: StorePaths, data_key: bytes) -> Any:
    """A keyed sqlcipher connection outside the Store, for reading back or editing rows."""
    return engine.connect(paths.db, data_key)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def flip_byte(path: Path, offset: int, mask: int = 0x01) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))


@contextmanager
def hang_guard(seconds: float = 300) -> Iterator[None]:
    """If the block hangs, dump every thread's stack and stop (a hang must not stall CI)."""
    faulthandler.dump_traceback_later(seconds, exit=True, file=sys.stderr)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
