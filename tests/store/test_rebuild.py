"""A lost or damaged vinr.keys rebuilt from a backup's copy of it (SECURITY.md fault table)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.store.conftest import (
    DEMO_CASEWORKER,
    PASSWORD,
    USERNAME,
    DemoRegister,
    add_events,
    create,
    listing,
    sha256,
)
from vinr_desktop.domain.errors import AuditLogBroken, InvalidInput, UserError
from vinr_desktop.store import backup, keys, rebuild, vault
from vinr_desktop.store.backup_keys import AdminPassword, BackupPassword, RecoveryCode
from vinr_desktop.store.schema import AuditRow, UserRow


def _backup(register: DemoRegister, tmp_path: Path) -> Path:
    target = tmp_path / "usb"
    target.mkdir(exist_ok=True)
    return backup.write_backup(register.store, target, user_id=register.admin_id).path


def test_a_lost_key_file_is_rebuilt_with_the_recovery_code(
    demo: DemoRegister, tmp_path: Path
) -> None:
    path = _backup(demo, tmp_path)
    add_events(demo.store, 4, action="after_the_backup")  # kept: the database is intact
    demo.store.close()
    demo.paths.header.unlink()

    result = rebuild.rebuild_key_file(demo.paths, path, RecoveryCode(demo.recovery_code))
    assert result.damaged_aside is None
    assert result.usernames == ("admin", "chef", "handlaggare", "handlaggare2")
    assert result.without_slot == ()
    opened = vault.unlock(demo.paths, DEMO_CASEWORKER, demo.password, device=None)
    try:
        report = opened.store.verify_audit()
        assert report.ok, report.problems
        [mark] = report.restores
        assert mark.action == "key_file_rebuilt"
        with opened.store.session() as session:
            after = session.execute(
                select(AuditRow.seq).where(AuditRow.action == "after_the_backup")
            ).all()
        assert len(after) == 4
        assert mark.register_seq is not None and mark.register_seq > mark.backup_seq
    finally:
        opened.store.close()


def test_a_damaged_key_file_is_moved_aside_and_rebuilt_with_an_admin_password(
    demo: DemoRegister, tmp_path: Path
) -> None:
    path = _backup(demo, tmp_path)
    demo.store.close()
    junk = os.urandom(3000)
    demo.paths.header.write_bytes(junk)
    result = rebuild.rebuild_key_file(demo.paths, path, AdminPassword("admin", demo.password))
    assert result.damaged_aside is not None and result.damaged_aside.read_bytes() == junk
    vault.unlock(demo.paths, "admin", demo.password, device=None).store.close()


def test_users_added_after_the_backup_are_named_for_a_one_time_password(
    demo: DemoRegister, tmp_path: Path
) -> None:
    path = _backup(demo, tmp_path)
    new_id = vault.new_id()
    with demo.store.session() as session:
        session.add(
            UserRow(
                id=new_id,
                username="nykomling",
                full_name="Ny Fiktiv",
                roles="caseworker",
                active=True,
                must_change_password=True,
                created_utc="2026-03-02T10:00:00",
            )
        )
    demo.store.add_user_slot(new_id, "nykomling", "engångslösenordet", keys.KdfParams.floor(), None)
    demo.store.close()
    demo.paths.header.unlink()
    result = rebuild.rebuild_key_file(demo.paths, path, RecoveryCode(demo.recovery_code))
    assert result.without_slot == ("nykomling",)


def test_after_a_rekey_the_backup_cannot_rebuild_and_nothing_changes(tmp_path: Path) -> None:
    made = create(tmp_path / "register")
    other_id = vault.new_id()
    made.store.add_user_slot(other_id, "bo", "bo har ett lösenord", keys.KdfParams.floor(), None)
    target = tmp_path / "usb"
    target.mkdir()
    path = backup.write_backup(made.store, target, user_id=made.user_id).path
    made.store.remove_slot_and_rekey(other_id)  # the database gets a new key
    made.store.close()
    made.paths.header.unlink()
    before = (listing(made.paths.folder), sha256(made.paths.db))
    with pytest.raises(UserError, match="ny nyckel"):
        rebuild.rebuild_key_file(made.paths, path, AdminPassword(USERNAME, PASSWORD))
    assert (listing(made.paths.folder), sha256(made.paths.db)) == before


def test_an_intact_key_file_is_not_rebuilt(demo: DemoRegister, tmp_path: Path) -> None:
    path = _backup(demo, tmp_path)
    demo.store.close()
    before = sha256(demo.paths.header)
    with pytest.raises(InvalidInput, match="behöver inte"):
        rebuild.rebuild_key_file(demo.paths, path, RecoveryCode(demo.recovery_code))
    assert sha256(demo.paths.header) == before


def test_another_registers_backup_cannot_rebuild(tmp_path: Path) -> None:
    made = create(tmp_path / "register")
    other = create(tmp_path / "other")
    target = tmp_path / "usb"
    target.mkdir()
    path = backup.write_backup(other.store, target, user_id=other.user_id).path
    for store in (made.store, other.store):
        store.close()
    made.paths.header.unlink()
    with pytest.raises(UserError, match="annat register"):
        rebuild.rebuild_key_file(made.paths, path, AdminPassword(USERNAME, PASSWORD))
    assert listing(made.paths.folder) == ["vinr.db", "vinr.lock"]


def test_an_older_database_than_the_backup_is_refused(tmp_path: Path) -> None:
    """A database older than the backup lacks the backup's audit head: it is not the register
    the key file belonged to (or rows were removed)."""
    made = create(tmp_path / "register")
    older = tmp_path / "older.db"
    shutil.copyfile(made.paths.db, older)
    add_events(made.store, 3)
    target = tmp_path / "usb"
    target.mkdir()
    path = backup.write_backup(made.store, target, user_id=made.user_id).path
    made.store.close()
    made.paths.header.unlink()
    shutil.copyfile(older, made.paths.db)
    with pytest.raises(AuditLogBroken):
        rebuild.rebuild_key_file(made.paths, path, RecoveryCode(made.recovery_code))
    assert listing(made.paths.folder) == ["vinr.db", "vinr.lock"]


def test_the_backup_password_cannot_rebuild(tmp_path: Path) -> None:
    made = create(tmp_path / "register")
    made.store.close()
    with pytest.raises(InvalidInput, match="återställningskoden"):
        rebuild.rebuild_key_file(made.paths, tmp_path, BackupPassword("vad som helst här"))
