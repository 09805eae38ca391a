"""Restoring a backup into a new folder, swapping it in, and what verify says afterwards."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
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
    table_rows,
)
from vinr_desktop.domain.errors import StoreDamaged, StoreExists, WrongPassword
from vinr_desktop.store import backup, keys, migrations, restore, vault
from vinr_desktop.store.backup_keys import AdminPassword, RecoveryCode
from vinr_desktop.store.device import NoDeviceStore
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.schema import AuditRow, UserRow


def _backup(register: DemoRegister, tmp_path: Path) -> backup.BackupResult:
    target = tmp_path / "usb"
    target.mkdir(exist_ok=True)
    return backup.write_backup(register.store, target, user_id=register.admin_id)


def test_round_trip_is_equal_row_by_row_in_every_table(demo: DemoRegister, tmp_path: Path) -> None:
    add_events(demo.store, 3)
    before = table_rows(demo.paths.db, demo.store.data_key)
    result = _backup(demo, tmp_path)
    restored = restore.restore_backup(
        result.path, AdminPassword("admin", demo.password), tmp_path / "återställt"
    )
    assert listing(tmp_path) == ["register", "usb", "återställt"]  # no staging left
    assert listing(restored.paths.folder) == ["vinr.db", "vinr.keys"]
    opened = vault.unlock(restored.paths, "admin", demo.password, device=None)
    after = table_rows(restored.paths.db, opened.store.data_key)
    assert opened.store.data_key != demo.store.data_key  # a fresh data key
    opened.store.close()

    assert set(after) == set(before)
    assert len(before) > 30 and sum(1 for rows in before.values() if rows) > 10
    head = result.manifest.audit_seq
    for table in before:
        if table == "audit_events":
            continue
        assert after[table] == before[table], table
    old_audit = {row[0]: row for row in before["audit_events"]}
    new_audit = {row[0]: row for row in after["audit_events"]}
    # The backup's log is the register's up to backup_started, then the restore event.
    assert all(new_audit[seq] == old_audit[seq] for seq in old_audit if seq < head)
    assert sorted(new_audit) == list(range(1, head + 2))
    assert new_audit[head + 1][3] == "store_restored"
    assert restored.restore_seq == head + 1 and not restored.migrated


def test_the_restored_register_opens_for_every_user_and_its_log_verifies(
    demo: DemoRegister, tmp_path: Path
) -> None:
    result = _backup(demo, tmp_path)
    restored = restore.restore_backup(
        result.path, RecoveryCode(demo.recovery_code), tmp_path / "ny"
    )
    assert restored.usernames == ("admin", "chef", "handlaggare", "handlaggare2")
    for username in restored.usernames:
        vault.unlock(restored.paths, username, demo.password, device=None).store.close()
    opened = vault.unlock_with_recovery(restored.paths, demo.recovery_code, device=None)
    try:
        report = opened.store.verify_audit()
        assert report.ok, report.problems
        [mark] = report.restores
        assert (mark.seq, mark.backup_seq, mark.register_seq) == (
            restored.restore_seq,
            result.manifest.audit_seq,
            None,
        )
        assert opened.store.integrity_check() == []
        assert opened.store.header.key_epoch == demo.store.header.key_epoch + 1
    finally:
        opened.store.close()


def test_restore_on_a_new_laptop_with_only_the_recovery_code(
    demo: DemoRegister, tmp_path: Path
) -> None:
    """The laptop is gone: the backup folder (copied off a USB stick) and the code on paper."""
    path = _backup(demo, tmp_path).path
    demo.store.close()
    laptop = tmp_path / "ny-dator"
    laptop.mkdir()
    stick = laptop / "från-usb"
    shutil.copytree(path, stick)
    shutil.rmtree(demo.paths.folder)
    shutil.rmtree(tmp_path / "usb")
    target = laptop / "register"
    restored = restore.restore_backup(
        stick, RecoveryCode(demo.recovery_code), target, device=NoDeviceStore()
    )
    assert restored.paths.folder == target
    assert DEMO_CASEWORKER in restored.usernames
    opened = vault.unlock(StorePaths(target), DEMO_CASEWORKER, demo.password, device=None)
    opened.store.close()


def test_a_restore_with_the_current_key_file_keeps_current_passwords(tmp_path: Path) -> None:
    """Same computer: current passwords keep working; a user removed after the backup gets
    no login and is deactivated again in the restored register."""
    made = create(tmp_path / "register")
    store = made.store
    bo_id, bo_password = vault.new_id(), "bo har ett eget lösenord"
    with store.session() as session:
        session.add(
            UserRow(
                id=bo_id,
                username="bo",
                full_name="Bo Fiktiv",
                roles="caseworker",
                active=True,
                must_change_password=False,
                created_utc="2026-03-01T00:00:00",
            )
        )
    store.add_user_slot(bo_id, "bo", bo_password, keys.KdfParams.floor(), None)
    target = tmp_path / "usb"
    target.mkdir()
    path = backup.write_backup(store, target, user_id=made.user_id).path
    new_password = "anna bytte lösenord sedan"
    store.rewrap_slot(made.user_id, PASSWORD, new_password, keys.KdfParams.floor(), None)
    store.remove_slot_and_rekey(bo_id)
    add_events(store, 2)
    current = store.header
    store.close()

    restored = restore.restore_backup(
        path, AdminPassword(USERNAME, PASSWORD), tmp_path / "ny", current_header=current
    )
    assert restored.usernames == (USERNAME,)
    assert restored.deactivated == (bo_id,)
    assert restored.register_head == (current.audit_seq, current.audit_mac)
    opened = vault.unlock(restored.paths, USERNAME, new_password, device=None)
    try:
        with opened.store.session() as session:
            bo = session.get(UserRow, bo_id)
            assert bo is not None and not bo.active
            actions = session.execute(
                select(AuditRow.action, AuditRow.object_id).where(
                    AuditRow.seq > restored.backup_head[0]
                )
            ).all()
        assert [tuple(a) for a in actions] == [
            ("store_restored", backup.read_backup_info(path).facts.backup_id),
            ("user_removed", bo_id),
        ]
        [mark] = opened.store.verify_audit().restores
        assert mark.register_seq == current.audit_seq
    finally:
        opened.store.close()
    for gone in ((USERNAME, PASSWORD), ("bo", bo_password)):
        with pytest.raises(WrongPassword):
            vault.unlock(restored.paths, *gone, device=None)


def test_a_backup_of_an_older_schema_is_migrated_after_restore(tmp_path: Path) -> None:
    made = create(tmp_path / "register", schema_target="0001")
    add_events(made.store, 2)
    target = tmp_path / "usb"
    target.mkdir()
    result = backup.write_backup(made.store, target, user_id=made.user_id)
    made.store.close()
    assert result.manifest.schema_revision == result.facts.schema_revision == "0001"
    assert backup.verify_backup(result.path, RecoveryCode(made.recovery_code)).audit_events > 0

    restored = restore.restore_backup(
        result.path, AdminPassword(USERNAME, PASSWORD), tmp_path / "ny"
    )
    assert restored.migrated
    opened = vault.unlock(restored.paths, USERNAME, PASSWORD, device=None)
    try:
        with opened.store.session() as session:
            revision = (
                session.connection()
                .exec_driver_sql("SELECT version_num FROM alembic_version")
                .scalar_one()
            )
        assert revision == migrations.head_revision()
        assert opened.store.verify_audit().ok
        assert opened.store.integrity_check() == []
    finally:
        opened.store.close()


def test_restore_never_writes_into_a_folder_that_holds_something(
    demo: DemoRegister, tmp_path: Path
) -> None:
    path = _backup(demo, tmp_path).path
    before = {p.name: sha256(p) for p in demo.paths.folder.iterdir() if p.is_file()}
    with pytest.raises(StoreExists, match="inte tom"):
        restore.restore_backup(path, RecoveryCode(demo.recovery_code), demo.paths.folder)
    assert {p.name: sha256(p) for p in demo.paths.folder.iterdir() if p.is_file()} == before
    empty = tmp_path / "tom"
    empty.mkdir()
    restore.restore_backup(path, RecoveryCode(demo.recovery_code), empty)
    assert listing(empty) == ["vinr.db", "vinr.keys"]


def test_a_wrong_secret_restores_nothing(demo: DemoRegister, tmp_path: Path) -> None:
    path = _backup(demo, tmp_path).path
    with pytest.raises(WrongPassword):
        restore.restore_backup(path, AdminPassword(DEMO_CASEWORKER, demo.password), tmp_path / "x")
    assert not (tmp_path / "x").exists()


# -- swapping the restored register in ----------------------------------------------------------


def _restored_beside(register: DemoRegister, tmp_path: Path) -> Path:
    path = _backup(register, tmp_path).path
    add_events(register.store, 2)  # the register moves on after the backup
    current = register.store.header
    register.store.close()
    restored = restore.restore_backup(
        path,
        AdminPassword("admin", register.password),
        tmp_path / "register-återställt",
        current_header=current,
    )
    return restored.paths.folder


def test_swap_moves_the_current_register_aside_and_the_restored_one_in(
    demo: DemoRegister, tmp_path: Path
) -> None:
    restored = _restored_beside(demo, tmp_path)
    old_db = sha256(demo.paths.db)
    restored_db = sha256(restored / "vinr.db")
    aside = restore.swap_in_restored(demo.paths.folder, restored)
    assert aside is not None and aside.name.startswith("register före återställning 20")
    assert sha256(aside / "vinr.db") == old_db
    assert sha256(demo.paths.db) == restored_db
    assert not restored.exists()
    opened = vault.unlock(demo.paths, "admin", demo.password, device=None)
    try:
        report = opened.store.verify_audit()
        assert report.ok, report.problems
        [mark] = report.restores
        assert mark.register_seq is not None and mark.register_seq > mark.backup_seq
    finally:
        opened.store.close()


def test_a_failed_swap_puts_the_current_register_back(
    demo: DemoRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection at the OS boundary: the second rename fails (a virus scanner holding
    the folder, say). The current register is back in its place, the restored one untouched."""
    restored = _restored_beside(demo, tmp_path)
    old_db = sha256(demo.paths.db)
    real_rename = os.rename
    calls: list[str] = []

    def second_fails(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        calls.append(str(target))
        if len(calls) == 2:
            raise PermissionError(13, "upptagen")
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", second_fails)
    with pytest.raises(PermissionError):
        restore.swap_in_restored(demo.paths.folder, restored)
    monkeypatch.undo()
    assert len(calls) == 3  # aside, (refused) in, back
    assert sha256(demo.paths.db) == old_db
    assert (restored / "vinr.db").exists()
    assert sorted(listing(tmp_path)) == ["register", "register-återställt", "usb"]


def test_a_crash_between_the_renames_is_undone_at_the_next_start(
    demo: DemoRegister, tmp_path: Path
) -> None:
    restored = _restored_beside(demo, tmp_path)
    old_db = sha256(demo.paths.db)
    aside = restore.aside_path(demo.paths.folder, datetime.now(UTC))
    os.rename(demo.paths.folder, aside)  # the first rename done, then the power went
    assert restore.undo_interrupted_swap(demo.paths.folder) == aside
    assert sha256(demo.paths.db) == old_db
    assert restored.exists()
    assert restore.undo_interrupted_swap(demo.paths.folder) is None  # nothing to undo now


def test_a_raw_file_swap_is_still_flagged_after_a_restore(
    demo: DemoRegister, tmp_path: Path
) -> None:
    """Restoring is the one legitimate way back: an older vinr.db put in place is a swap."""
    restored = _restored_beside(demo, tmp_path)
    aside = restore.swap_in_restored(demo.paths.folder, restored)
    assert aside is not None
    older = tmp_path / "äldre-vinr.db"
    shutil.copyfile(demo.paths.db, older)
    opened = vault.unlock(demo.paths, "admin", demo.password, device=None)
    add_events(opened.store, 3)
    opened.store.close()
    shutil.copyfile(older, demo.paths.db)
    opened = vault.unlock(demo.paths, "admin", demo.password, device=None)
    try:
        problems = opened.store.verify_audit().problems
    finally:
        opened.store.close()
    assert any("äldre registerfil" in p for p in problems)
    # The register from before the restore does not even open with the new key file.
    shutil.copyfile(aside / "vinr.db", demo.paths.db)
    with pytest.raises(StoreDamaged):
        vault.unlock(demo.paths, "admin", demo.password, device=None)


def test_a_backup_belongs_to_the_register_it_was_taken_from(
    demo: DemoRegister, tmp_path: Path
) -> None:
    """What the service checks before restoring over the current register: a backup of
    another register (which may open with the same username and password) does not belong."""
    own = _backup(demo, tmp_path)
    other = create(tmp_path / "annat-register")
    target = tmp_path / "usb2"
    target.mkdir()
    foreign = backup.write_backup(other.store, target, user_id=other.user_id)
    other.store.close()
    assert restore.backup_belongs_to(demo.store, own.manifest)
    assert not restore.backup_belongs_to(demo.store, foreign.manifest)
