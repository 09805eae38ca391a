"""The fault table of SECURITY.md: each damage gives a clean Swedish message, nothing is changed."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.store.conftest import (
    PAGE_SIZE,
    PASSWORD,
    USERNAME,
    create,
    listing,
    reopen,
    sha256,
)
from vinr_desktop.domain.errors import (
    HeaderDamaged,
    HeaderMissing,
    StoreDamaged,
    StoreInUse,
    UserError,
    WrongPassword,
)
from vinr_desktop.store import vault
from vinr_desktop.store.instance_lock import InstanceLock
from vinr_desktop.store.paths import StorePaths

# Raw SQLite/Python wording that must never reach the user.
ENGLISH = ("database", "malformed", "error", "traceback", "file is", "not a")


@dataclass(frozen=True)
class Template:
    folder: Path
    data_key: bytes
    pages: int


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """One store with enough rows to span many pages; each test works on its own copy."""
    made = create(tmp_path_factory.mktemp("template") / "register")
    with made.store.session() as session:
        for i in range(300):
            made.store.record(
                session, user_id=None, action="fyllnad", object_id=f"obj-{i}", reason="x" * 100
            )
    data_key = made.store.data_key
    made.store.close()
    pages = made.paths.db.stat().st_size // PAGE_SIZE
    assert pages >= 10
    assert listing(made.paths.folder) == ["vinr.db", "vinr.keys", "vinr.lock"]
    return Template(made.paths.folder, data_key, pages)


@pytest.fixture
def paths(template: Template, tmp_path: Path) -> StorePaths:
    folder = tmp_path / "register"
    shutil.copytree(template.folder, folder)
    return StorePaths(folder)


def _assert_clean_message(exc: UserError, file_name: str) -> None:
    assert file_name in exc.message
    assert "säkerhetskopia" in exc.message  # offers the way back: restore from a backup
    assert "Ingenting har ändrats" in exc.message or "Filen har inte ändrats" in exc.message
    assert not any(word in exc.message.lower() for word in ENGLISH), exc.message


# -- wrong password ----------------------------------------------------------------------------


@pytest.mark.parametrize("username", [USERNAME, "okänd-användare"])
def test_wrong_password_is_quick_and_changes_nothing(paths: StorePaths, username: str) -> None:
    db_before, names_before = sha256(paths.db), listing(paths.folder)
    start = time.perf_counter()
    with pytest.raises(WrongPassword) as caught:
        vault.unlock(paths, username, "fel lösenord men långt nog", device=None)
    assert time.perf_counter() - start < 2.0
    assert caught.value.message == "Fel användarnamn eller lösenord."
    assert sha256(paths.db) == db_before
    assert listing(paths.folder) == names_before


def test_wrong_password_then_right_one_opens(paths: StorePaths) -> None:
    with pytest.raises(WrongPassword):
        vault.unlock(paths, USERNAME, "fel lösenord men långt nog", device=None)
    opened = vault.unlock(paths, USERNAME, PASSWORD, device=None)
    assert len(opened.earlier_failures) == 1  # reported at the next successful login
    opened.store.close()


# -- a damaged database file -------------------------------------------------------------------


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _truncated(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:PAGE_SIZE])


def _random(db: Path) -> None:
    db.write_bytes(random.Random(7).randbytes(db.stat().st_size))


def _header_flipped(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[PAGE_SIZE // 2] ^= 0x01  # inside page 1, after the salt
    db.write_bytes(bytes(data))


def _salt_flipped(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[3] ^= 0x01
    db.write_bytes(bytes(data))


def _missing(db: Path) -> None:
    db.unlink()


@pytest.mark.parametrize(
    "damage", [_empty, _truncated, _random, _header_flipped, _salt_flipped, _missing]
)
def test_damaged_database_gives_a_clean_message_and_stays_unchanged(
    paths: StorePaths, damage: Callable[[Path], None]
) -> None:
    damage(paths.db)
    db_before = sha256(paths.db) if paths.db.exists() else None
    header_before = paths.header.read_bytes()
    names_before = listing(paths.folder)

    with pytest.raises(StoreDamaged) as caught:
        vault.unlock(paths, USERNAME, PASSWORD, device=None)

    _assert_clean_message(caught.value, "vinr.db")
    assert (sha256(paths.db) if paths.db.exists() else None) == db_before
    assert paths.header.read_bytes() == header_before
    assert listing(paths.folder) == names_before  # no new empty database, no -wal left


def _store_damaged_or_problems(paths: StorePaths, open_store: Callable[[], vault.Store]) -> str:
    """Open and check a page-flipped store: either refused cleanly, or the check reports it."""
    try:
        store = open_store()
    except StoreDamaged as exc:
        _assert_clean_message(exc, "vinr.db")
        return "refused"
    try:
        problems = store.integrity_check()
    finally:
        store.close()
    assert problems, "a flipped page went unnoticed"
    return "reported"


@pytest.mark.parametrize("where", ["second", "middle", "last"])
def test_page_flipped_database_is_refused_or_reported(
    paths: StorePaths, template: Template, where: str
) -> None:
    page = {"second": 1, "middle": template.pages // 2, "last": template.pages - 1}[where]
    data = bytearray(paths.db.read_bytes())
    data[page * PAGE_SIZE + 1000] ^= 0x01
    paths.db.write_bytes(bytes(data))
    db_before = sha256(paths.db)

    _store_damaged_or_problems(
        paths, lambda: vault.unlock(paths, USERNAME, PASSWORD, device=None).store
    )
    assert sha256(paths.db) == db_before


def test_a_flip_in_any_page_is_refused_or_reported(paths: StorePaths, template: Template) -> None:
    pristine = paths.db.read_bytes()
    outcomes = []
    for page in range(template.pages):
        data = bytearray(pristine)
        data[page * PAGE_SIZE + 200] ^= 0x80
        paths.db.write_bytes(bytes(data))
        outcomes.append(_store_damaged_or_problems(paths, lambda: reopen(paths, template.data_key)))
        assert paths.db.read_bytes() == bytes(data)
    assert "refused" in outcomes and "reported" in outcomes


# -- a missing or damaged key file -------------------------------------------------------------


def _header_missing(header: Path) -> None:
    header.unlink()


def _header_garbage(header: Path) -> None:
    header.write_bytes(b"{ detta \xff\xfe \x00 \xc3 \xa4r inte json")


def _header_truncated(header: Path) -> None:
    header.write_bytes(header.read_bytes()[: header.stat().st_size // 2])


def _header_empty(header: Path) -> None:
    header.write_bytes(b"")


def _header_not_ours(header: Path) -> None:
    header.write_text(json.dumps({"format": "något annat", "slots": []}), encoding="utf-8")


def _header_field_missing(header: Path) -> None:
    data = json.loads(header.read_text(encoding="utf-8"))
    del data["slots"][0]["kdf"]
    header.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        (_header_missing, HeaderMissing),
        (_header_garbage, HeaderDamaged),
        (_header_truncated, HeaderDamaged),
        (_header_empty, HeaderDamaged),
        (_header_not_ours, HeaderDamaged),
        (_header_field_missing, HeaderDamaged),
    ],
)
def test_missing_or_damaged_key_file_gives_a_clean_message(
    paths: StorePaths, damage: Callable[[Path], None], error: type[UserError]
) -> None:
    damage(paths.header)
    header_before = paths.header.read_bytes() if paths.header.exists() else None
    db_before = sha256(paths.db)
    names_before = listing(paths.folder)

    with pytest.raises(error) as caught:
        vault.unlock(paths, USERNAME, PASSWORD, device=None)
    _assert_clean_message(caught.value, "vinr.keys")
    with pytest.raises(error):
        vault.unlock_with_recovery(paths, "01AB-CD23-EF45-GH67-JK89-MN0P", device=None)

    assert (paths.header.read_bytes() if paths.header.exists() else None) == header_before
    assert sha256(paths.db) == db_before
    assert listing(paths.folder) == names_before


def test_key_file_from_a_newer_program_is_named_as_such(paths: StorePaths) -> None:
    data = json.loads(paths.header.read_text(encoding="utf-8"))
    data["format_version"] = 99
    paths.header.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(HeaderDamaged) as caught:
        vault.unlock(paths, USERNAME, PASSWORD, device=None)
    assert "nyare version" in caught.value.message


# -- a second instance ---------------------------------------------------------------------------

_LOCK_HOLDER = """
import sys
from pathlib import Path
from vinr_desktop.store.instance_lock import InstanceLock

lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
for _line in sys.stdin:
    print("held" if lock.held else "lost", flush=True)
"""


def test_second_instance_is_told_the_store_is_in_use(paths: StorePaths) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _LOCK_HOLDER, str(paths.lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "held"
        second = InstanceLock(paths.lock)
        with pytest.raises(StoreInUse) as caught:
            second.acquire()
        assert "redan öppet" in caught.value.message
        assert "påverkas inte" in caught.value.message
        assert not second.held

        child.stdin.write("still?\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(StoreInUse):  # the first instance still holds it
            second.acquire()
    finally:
        child.stdin.close()
        assert child.wait(timeout=30) == 0
        child.stdout.close()

    second.acquire()  # the holder has exited: the OS released the lock
    assert second.held
    second.release()
