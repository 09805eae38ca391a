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
        from vinr_desktop.services.demo.register import DEMO_PASSWORD

        return DEMO_PASSWORD


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """Made once per test session: the demo register with a recovery code we know."""
    from tests.fakes import FakeWallClock
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.services.demo.register import DEMO_PASSWORD, create_demo_store
    from vinr_desktop.store.device import NoDeviceStore

    folder = tmp_path_factory.mktemp("demo-template") / "register"
    ctx = AppContext(
        folder, device=NoDeviceStore(), now=FakeWallClock(), kdf=keys.KdfParams.floor()
    )
    create_demo_store(ctx, cases=DEMO_CASES)
    ctx.release()
    opened = vault.unlock(StorePaths(folder), DEMO_ADMIN, DEMO_PASSWORD, device=None)
    try:
        code = opened.store.replace_recovery_slot(keys.KdfParams.floor())
    finally:
        opened.store.close()
    return folder, code, opened.slot.slot_id


@pytest.fixture
def demo(tmp_path: Path, demo_template: tuple[Path, str, str]) -> Iterator[DemoRegister]:
    import shutil

    from vinr_desktop.services.demo.register import DEMO_PASSWORD

    folder = tmp_path / "register"
    shutil.copytree(demo_template[0], folder)
    paths = StorePaths(folder)
    store = vault.unlock(paths, DEMO_ADMIN, DEMO_PASSWORD, device=None).store
    register = DemoRegister(paths, store, demo_template[1], demo_template[2])
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
