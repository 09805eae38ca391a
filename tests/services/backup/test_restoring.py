"""Restore through the service: the round trip, the register moved aside, and refusals that
change nothing (a wrong password, a damaged backup, another register's backup)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.services.conftest import Env
from tests.stores import ADMIN, ADMIN_PASSWORD, Template, context
from vinr_desktop.domain.errors import BackupDamaged, BackupFailed, WrongPassword
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.backup.backups import BackupService
from vinr_desktop.services.backup.restoring import RestoreService
from vinr_desktop.store.backup_folder import DB_NAME
from vinr_desktop.store.backup_keys import AdminPassword, RecoveryCode

SECRET = AdminPassword(ADMIN, ADMIN_PASSWORD)


@pytest.fixture
def written(env: Env, tmp_path: Path) -> str:
    usb = tmp_path / "usb"
    usb.mkdir()
    env.auth.login(ADMIN, ADMIN_PASSWORD)
    backups = BackupService(env.ctx)
    backups.set_folder(str(usb))
    return backups.backup_now().manifest.path


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_restore_puts_the_backup_in_place_and_moves_the_register_aside(
    env: Env, written: str, tmp_path: Path
) -> None:
    env.admin.add_user("sen", "Sen Tillagdsson-Fiktiv", {"caseworker"})  # after the backup
    done = RestoreService(env.ctx).restore(written, SECRET)
    assert env.ctx.store is None and env.ctx.user is None  # logged out
    assert env.ctx.instance_lock.held
    assert done.aside_name.startswith("register före återställning ")
    assert (tmp_path / done.aside_name / "vinr.db").exists()
    assert sorted(_listing(tmp_path)) == sorted(["register", done.aside_name, "usb"])
    env.auth.login(ADMIN, ADMIN_PASSWORD)  # her current password works
    usernames = [u.username for u in env.admin.list_users()]
    assert usernames == [ADMIN]
    assert env.admin.verify_audit_chain() == []


def test_the_recovery_code_restores_too(env: Env, written: str) -> None:
    done = RestoreService(env.ctx).restore(written, RecoveryCode(env.recovery_code))
    assert done.usernames == (ADMIN,)


def _unchanged(env: Env, tmp_path: Path) -> None:
    assert env.ctx.user is not None  # still logged in
    assert sorted(_listing(tmp_path)) == ["register", "usb"]


def test_a_wrong_password_changes_nothing(env: Env, written: str, tmp_path: Path) -> None:
    with pytest.raises(WrongPassword):
        RestoreService(env.ctx).restore(written, AdminPassword(ADMIN, "fel lösenord här 12"))
    _unchanged(env, tmp_path)


def test_a_damaged_backup_is_refused_and_nothing_changes(
    env: Env, written: str, tmp_path: Path
) -> None:
    db = Path(written) / DB_NAME
    data = bytearray(db.read_bytes())
    data[5000] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(BackupDamaged, match="skadad"):
        RestoreService(env.ctx).restore(written, SECRET)
    _unchanged(env, tmp_path)


def test_another_registers_backup_is_refused(
    env: Env, written: str, tmp_path: Path, unit_template: Template
) -> None:
    other = context(unit_template.copy_to(tmp_path / "annat"))
    other_usb = tmp_path / "annat-usb"
    other_usb.mkdir()
    try:
        AuthService(other).login(ADMIN, ADMIN_PASSWORD)
        AdminService(other).replace_recovery_code()
        backups = BackupService(other)
        backups.set_folder(str(other_usb))
        foreign = backups.backup_now().manifest.path
    finally:
        other.release()
    # A copy of the same template: the same store id, but a log of its own since then.
    with pytest.raises(BackupFailed, match="annat register"):
        RestoreService(env.ctx).restore(foreign, SECRET)
    assert env.ctx.user is not None
    assert sorted(_listing(tmp_path)) == ["annat", "annat-usb", "register", "usb"]


def test_the_programs_log_file_lets_go_of_the_folder_and_goes_on_in_the_restored_one(
    env: Env, written: str, tmp_path: Path
) -> None:
    """An open file inside the register folder would stop Windows from renaming it."""
    logs = env.folder / "logs"
    logs.mkdir(exist_ok=True)
    handler = logging.FileHandler(logs / "vinr.log", delay=True)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        root.warning("före återställningen")
        assert handler.stream is not None
        done = RestoreService(env.ctx).restore(written, SECRET)
        assert handler.stream is None  # closed before the renames
        root.warning("efter återställningen")
    finally:
        root.removeHandler(handler)
        handler.close()
    assert "efter" in (logs / "vinr.log").read_text(encoding="utf-8")
    old_log = (tmp_path / done.aside_name / "logs" / "vinr.log").read_text(encoding="utf-8")
    assert "före" in old_log and "efter" not in old_log
