"""Damaged, truncated and foreign backups are refused with a Swedish message, nothing changed.

Each kind of damage is done to a real backup folder; then verify and restore must refuse it,
leave both files byte for byte as they were, and create nothing where the restore would go.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.store.conftest import PASSWORD, USERNAME, create, flip_byte, listing, sha256
from vinr_desktop.domain.errors import BackupDamaged, UserError
from vinr_desktop.store import backup, restore
from vinr_desktop.store.backup_keys import AdminPassword, RecoveryCode

DB, KEYS = "vinr-kopia.db", "vinr-kopia.keys"


@dataclass
class Backups:
    """Two backups of one register (an earlier and a later) and one of another register."""

    folder: Path
    path: Path
    earlier: Path
    foreign: Path
    recovery_code: str


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> Backups:
    folder = tmp_path_factory.mktemp("damage")
    made = create(folder / "register")
    other = create(folder / "other")  # same username and password: only the keys differ
    target = folder / "usb"
    target.mkdir()
    try:
        earlier = backup.write_backup(made.store, target, user_id=made.user_id).path
        path = backup.write_backup(made.store, target, user_id=made.user_id).path
        foreign = backup.write_backup(other.store, target, user_id=other.user_id).path
    finally:
        made.store.close()
        other.store.close()
    return Backups(folder, path, earlier, foreign, made.recovery_code)


@pytest.fixture
def copy(originals: Backups, tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the backup to damage."""
    target = tmp_path / "usb" / originals.path.name
    shutil.copytree(originals.path, target)
    yield target


def _truncate(path: Path, size: int) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(size)


def _replace_json(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _facts(data: dict[str, object]) -> dict[str, object]:
    facts = data["facts"]
    assert isinstance(facts, dict)
    return facts


DAMAGE: dict[str, Callable[[Path, Backups], None]] = {
    "db empty": lambda p, _b: _truncate(p / DB, 0),
    "db truncated": lambda p, _b: _truncate(p / DB, (p / DB).stat().st_size // 2),
    "db random bytes": lambda p, _b: (p / DB).write_bytes(os.urandom((p / DB).stat().st_size)),
    "db header byte flipped": lambda p, _b: flip_byte(p / DB, 5),
    "db page byte flipped": lambda p, _b: flip_byte(p / DB, 4096 * 2 + 100),
    "db missing": lambda p, _b: (p / DB).unlink(),
    "db of an earlier backup": lambda p, b: shutil.copyfile(b.earlier / DB, p / DB),
    "db of another register's backup": lambda p, b: shutil.copyfile(b.foreign / DB, p / DB),
    "keys empty": lambda p, _b: _truncate(p / KEYS, 0),
    "keys truncated": lambda p, _b: _truncate(p / KEYS, (p / KEYS).stat().st_size // 2),
    "keys random bytes": lambda p, _b: (p / KEYS).write_bytes(os.urandom(2000)),
    "keys missing": lambda p, _b: (p / KEYS).unlink(),
    "keys: a fact changed": lambda p, _b: _replace_json(
        p / KEYS, lambda d: _facts(d).update(created_utc="2020-01-01T00:00:00+00:00")
    ),
    "keys: sealed contents flipped": lambda p, _b: _replace_json(
        p / KEYS, lambda d: d.update(mac="0" * 64)
    ),
    "keys: newer format": lambda p, _b: _replace_json(
        p / KEYS, lambda d: d.update(format_version=99)
    ),
    "keys of an earlier backup": lambda p, b: shutil.copyfile(b.earlier / KEYS, p / KEYS),
    "keys of another register's backup": lambda p, b: shutil.copyfile(b.foreign / KEYS, p / KEYS),
    "not a backup at all": lambda p, _b: [f.unlink() for f in p.iterdir()],
}


def _state(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_backup_is_refused_by_verify_and_restore(
    damage: str, copy: Path, originals: Backups, tmp_path: Path
) -> None:
    DAMAGE[damage](copy, originals)
    before = _state(copy)
    secrets = (AdminPassword(USERNAME, PASSWORD), RecoveryCode(originals.recovery_code))
    for secret in secrets:
        with pytest.raises(BackupDamaged) as caught:
            backup.verify_backup(copy, secret)
        assert copy.name in caught.value.message
        assert "Ingenting har ändrats" in caught.value.message
    new_register = tmp_path / "återställt"
    with pytest.raises(BackupDamaged):
        restore.restore_backup(copy, secrets[0], new_register)
    assert _state(copy) == before
    assert listing(tmp_path) == ["usb"]  # no register, no staging folder left


def test_a_damaged_page_is_found_even_without_the_file_digest(
    originals: Backups, copy: Path
) -> None:
    """The SHA-256 in the key file catches a flipped byte first; underneath, SQLCipher's page
    HMAC and the integrity checks would refuse the page too."""
    flip_byte(copy / DB, 4096 * 3 + 17)
    _folder, _key_file, opened = backup.open_backup(copy, RecoveryCode(originals.recovery_code))
    manifest = opened.contents.manifest
    with pytest.raises(BackupDamaged, match=r"integritetskontrollen|går inte"):
        backup.check_copy(
            copy / DB, opened.backup_key, manifest, (manifest.audit_seq, manifest.audit_mac)
        )


def test_an_unreadable_path_gets_the_same_message(tmp_path: Path) -> None:
    for path in (tmp_path / "finns-inte", tmp_path):
        with pytest.raises(UserError, match="inte en säkerhetskopia"):
            backup.verify_backup(path, RecoveryCode("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"))
