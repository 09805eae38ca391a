"""`vinr-admin backup`, `verify-backup`, `restore` and `rebuild-keys` as real subprocesses."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.test_cli import PASSWORD, Run, sha256, verify, vinr_admin
from vinr_desktop import cli
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import engine, keys, vault
from vinr_desktop.store.device import NoDeviceStore

CASEWORKER_PASSWORD = "kalles eget långa lösenord"


@dataclass
class Register:
    folder: Path
    recovery_code: str


@dataclass
class BackedUp:
    register: Register
    target: Path
    backup: Path
    run: Run


def _register(folder: Path) -> Register:
    """Admin anna and caseworker kalle, made through the services (fast, key reachable)."""
    ctx = AppContext(folder, device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    code = setup.create_store(
        ctx,
        municipality="Exempelby kommun (fiktiv)",
        unit="VINR-enheten (fiktiv)",
        username="anna",
        full_name="Anna Fiktiv-Testare",
        password=PASSWORD,
        roles=("admin",),
        bind_device=False,
    )
    auth = AuthService(ctx)
    auth.login("anna", PASSWORD)
    one_time = AdminService(ctx).add_user("kalle", "Kalle Fiktiv", {"caseworker"})
    auth.logout()
    auth.login("kalle", one_time)
    auth.change_own_password(one_time, CASEWORKER_PASSWORD, CASEWORKER_PASSWORD)
    auth.logout()
    ctx.release()
    return Register(folder, code)


def _backup(folder: Path, target: Path, *who: str, stdin: str = PASSWORD) -> Run:
    return vinr_admin("backup", "--data-dir", folder, "--to", target, *who, stdin=stdin)


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory: pytest.TempPathFactory) -> BackedUp:
    work = tmp_path_factory.mktemp("cli-backup")
    register = _register(work / "register")
    target = work / "usb"
    target.mkdir()
    run = _backup(register.folder, target, "--username", "anna", "--password-stdin")
    backups = list(target.iterdir())
    return BackedUp(register, target, backups[0] if backups else target, run)


def test_backup_writes_one_verified_folder_and_says_where(backed_up: BackedUp) -> None:
    run = backed_up.run
    assert run.code == 0, run.text
    assert "skriven och kontrollerad" in run.out
    assert str(backed_up.backup) in run.out
    assert [p.name for p in backed_up.target.iterdir()] == [backed_up.backup.name]
    assert "users                        2" in run.out


def test_verify_backup_shows_the_manifest_and_who_opens_it(backed_up: BackedUp) -> None:
    run = vinr_admin(
        "verify-backup", backed_up.backup, "--username", "anna", "--password-stdin", stdin=PASSWORD
    )
    assert run.code == 0, run.text
    assert "Säkerhetskopian är hel" in run.out
    assert "Öppnas med: administratörerna anna; återställningskoden" in run.out
    assert "Fiktiv" not in run.text  # no names, let alone case content


def test_a_caseworker_can_neither_open_nor_take_a_backup(
    backed_up: BackedUp, tmp_path: Path
) -> None:
    run = vinr_admin(
        "verify-backup",
        backed_up.backup,
        "--username",
        "kalle",
        "--password-stdin",
        stdin=CASEWORKER_PASSWORD,
    )
    assert run.code == cli.EXIT_USER_ERROR
    assert "Bara administratörer" in run.err
    target = tmp_path / "usb"
    target.mkdir()
    register = tmp_path / "register"
    shutil.copytree(backed_up.register.folder, register)
    run = _backup(
        register, target, "--username", "kalle", "--password-stdin", stdin=CASEWORKER_PASSWORD
    )
    assert run.code == cli.EXIT_USER_ERROR
    assert "behörighet" in run.err
    assert list(target.iterdir()) == []


def test_a_damaged_backup_is_refused_by_name(backed_up: BackedUp, tmp_path: Path) -> None:
    copy = tmp_path / backed_up.backup.name
    shutil.copytree(backed_up.backup, copy)
    with open(copy / "vinr-kopia.db", "r+b") as handle:
        handle.truncate(4096)
    before = sha256(copy / "vinr-kopia.db")
    run = vinr_admin(
        "restore",
        copy,
        "--data-dir",
        tmp_path / "ny",
        "--recovery-code-stdin",
        stdin=backed_up.register.recovery_code,
    )
    assert run.code == cli.EXIT_USER_ERROR
    assert f"Säkerhetskopian {copy.name} är skadad" in run.err
    assert "Ingenting har ändrats" in run.err
    assert not (tmp_path / "ny").exists()
    assert sha256(copy / "vinr-kopia.db") == before


def test_restore_on_a_new_laptop_then_verify_accepts_it_and_flags_a_raw_swap(
    backed_up: BackedUp, tmp_path: Path
) -> None:
    new = tmp_path / "ny-dator" / "register"
    run = vinr_admin(
        "restore",
        backed_up.backup,
        "--data-dir",
        new,
        "--recovery-code-stdin",
        stdin=backed_up.register.recovery_code + "\n",
    )
    assert run.code == 0, run.text
    assert f"Registret är återställt i {new}" in run.out
    assert "Kan logga in: anna, kalle" in run.out

    run = verify(new)
    assert run.code == 0, run.text
    assert "återställdes från en säkerhetskopia" in run.out

    older = tmp_path / "older.db"
    shutil.copyfile(new / "vinr.db", older)
    opened = vault.unlock(vault.StorePaths(new), "kalle", CASEWORKER_PASSWORD, device=None)
    with opened.store.session() as session:
        opened.store.record(session, user_id=None, action="after_restore")
    opened.store.close()
    shutil.copyfile(older, new / "vinr.db")
    run = verify(new)
    assert run.code == cli.EXIT_AUDIT
    assert "äldre registerfil" in run.out


def test_restore_never_overwrites_a_register(backed_up: BackedUp) -> None:
    folder = backed_up.register.folder
    before = sha256(folder / "vinr.db")
    run = vinr_admin(
        "restore",
        backed_up.backup,
        "--data-dir",
        folder,
        "--username",
        "anna",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert run.code == cli.EXIT_USER_ERROR
    assert "finns redan ett register" in run.err
    assert sha256(folder / "vinr.db") == before


def test_a_register_with_an_edited_log_is_not_backed_up(tmp_path: Path) -> None:
    register = _register(tmp_path / "register")
    unlocked = vault.unlock(vault.StorePaths(register.folder), "anna", PASSWORD, device=None)
    key = unlocked.store.data_key
    unlocked.store.close()
    conn = engine.connect(register.folder / "vinr.db", key)
    try:
        conn.execute("UPDATE audit_events SET object_id = 'x' WHERE seq = 2")
    finally:
        conn.close()
    target = tmp_path / "usb"
    target.mkdir()
    run = _backup(register.folder, target, "--recovery-code-stdin", stdin=register.recovery_code)
    assert run.code == cli.EXIT_AUDIT
    assert "ingen säkerhetskopia togs" in run.err
    assert "Loggpost 2 har ändrats" in run.err
    assert list(target.iterdir()) == []


def test_rebuild_keys_after_the_key_file_is_lost(backed_up: BackedUp, tmp_path: Path) -> None:
    register = tmp_path / "register"
    shutil.copytree(backed_up.register.folder, register)
    (register / "vinr.keys").unlink()
    run = vinr_admin(
        "rebuild-keys",
        "--data-dir",
        register,
        "--from-backup",
        backed_up.backup / "vinr-kopia.keys",
        "--recovery-code-stdin",
        stdin=backed_up.register.recovery_code,
    )
    assert run.code == 0, run.text
    assert "Nyckelfilen är uppbyggd" in run.out
    run = verify(register)
    assert run.code == 0, run.text
    assert "fick en ny nyckelfil" in run.out


def test_backup_needs_a_user_or_the_recovery_code(tmp_path: Path) -> None:
    run = vinr_admin("backup", "--data-dir", tmp_path, "--to", tmp_path)
    assert run.code == cli.EXIT_USAGE
    assert "--username" in run.err and "--recovery-code-stdin" in run.err
