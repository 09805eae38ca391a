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

from tests.stores import Template, demo_register
from vinr_desktop.services.demo.register import DEMO_PASSWORD
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


# -- a register with content, for the backup tests ------------------------------------------------

DEMO_ADMIN = "admin"
DEMO_CASEWORKER = "handlaggare"
DEMO_CASES = 12


@dataclass
class DemoRegister:
    """A copy of the demo register (fictional cases, four users), unlocked as its admin."""

    paths: StorePaths
    store: vault.Store
    recovery_code: str
    admin_id: str

    @property
    def password(self) -> str:
        return DEMO_PASSWORD


@pytest.fixture(scope="session")
def backup_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Made once per test session: the demo register with a recovery code we know."""
    folder = tmp_path_factory.mktemp("demo-template") / "register"
    return demo_register(folder, cases=DEMO_CASES, known_code=True)


@pytest.fixture
def demo(tmp_path: Path, backup_demo_template: Template) -> Iterator[DemoRegister]:
    made = backup_demo_template
    paths = StorePaths(made.copy_to(tmp_path / "register"))
    store = vault.unlock(paths, DEMO_ADMIN, DEMO_PASSWORD, device=None).store
    register = DemoRegister(paths, store, made.recovery_code, made.admin_id)
    yield register
    register.store.close()


def table_rows(db: Path, data_key: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (FTS shadow tables included), sorted, read straight from
    the file: what "equal row by row" compares."""
    conn = engine.connect(db, data_key)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        conn.close()
