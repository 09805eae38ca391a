"""`vinr-admin` run as a real subprocess against real encrypted stores in temporary folders."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from vinr_desktop import cli
from vinr_desktop.cli import commands, run
from vinr_desktop.domain.errors import StoreDamaged
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.demo.register import DEMO_CASES, DEMO_PASSWORD, DEMO_USERS
from vinr_desktop.store import engine, keys, vault
from vinr_desktop.store.device import NoDeviceStore
from vinr_desktop.store.schema import AuditRow

PASSWORD = "blå kaffekopp i snö 42"
RECOVERY_CODE = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}\b")
SWEDISH = re.compile(r"[åäöÅÄÖ]")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["VINR_KDF_FLOOR"] = "1"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def vinr_admin(*args: str | Path, stdin: str | None = None) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "vinr_desktop.cli", *map(str, args)],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=120,
    )
    assert "Traceback" not in done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def init(folder: Path, password: str = PASSWORD, roles: str = "caseworker,admin") -> Run:
    return vinr_admin(
        "init",
        "--data-dir",
        folder,
        "--username",
        "anna",
        "--full-name",
        "Anna Fiktiv-Testare",
        "--roles",
        roles,
        "--municipality",
        "Exempelby kommun (fiktiv)",
        "--unit",
        "VINR-enheten (fiktiv)",
        "--password-stdin",
        stdin=password + "\n",
    )


def verify(folder: Path, password: str = PASSWORD, username: str = "anna") -> Run:
    return vinr_admin(
        "verify", "--data-dir", folder, "--username", username, "--password-stdin", stdin=password
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def created(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """One store made by `vinr-admin init`, shared by the read-mostly tests below."""
    folder = tmp_path_factory.mktemp("cli") / "register"
    return folder, init(folder)


@pytest.fixture
def in_process_store(tmp_path: Path) -> Iterator[Path]:
    """A store made through the services, so a test can reach its key and tamper with it."""
    folder = tmp_path / "register"
    ctx = AppContext(folder, device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    setup.create_store(
        ctx,
        municipality="Exempelby kommun (fiktiv)",
        unit="VINR-enheten (fiktiv)",
        username="anna",
        full_name="Anna Fiktiv-Testare",
        password=PASSWORD,
        roles=("caseworker", "admin"),
        bind_device=False,
    )
    auth = AuthService(ctx)
    auth.login("anna", PASSWORD)  # a few more audit rows to tamper with
    auth.logout()
    ctx.release()
    yield folder


def _tamper(folder: Path, sql: str) -> None:
    paths = AppContext(folder).paths
    unlocked = vault.unlock(paths, "anna", PASSWORD, device=NoDeviceStore())
    key = unlocked.store.data_key
    unlocked.store.close()
    conn = engine.connect(paths.db, key)
    try:
        conn.execute(sql)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


# -- init ------------------------------------------------------------------------------------


def test_init_prints_the_recovery_code_once_with_a_warning(created: tuple[Path, Run]) -> None:
    folder, run = created
    assert run.code == 0, run.text
    assert len(RECOVERY_CODE.findall(run.out)) == 1
    assert "visas bara" in run.out
    assert "Datorbindning: av" in run.out
    assert {p.name for p in folder.iterdir()} == {"vinr.db", "vinr.keys", "vinr.lock"}


def test_init_refuses_a_short_password_with_the_swedish_rule(tmp_path: Path) -> None:
    run = init(tmp_path / "register", password="kort")
    assert run.code == 1
    assert "minst 12 tecken" in run.err
    assert not (tmp_path / "register" / "vinr.keys").exists()


def test_init_requires_an_administrator(tmp_path: Path) -> None:
    run = init(tmp_path / "register", roles="caseworker")
    assert run.code == 1
    assert "administratör" in run.err


def test_init_refuses_an_unknown_role(tmp_path: Path) -> None:
    run = init(tmp_path / "register", roles="admin,superuser")
    assert run.code == 1
    assert "Okänd roll: superuser" in run.err


def test_init_never_overwrites_a_store(created: tuple[Path, Run]) -> None:
    folder, _ = created
    before = sha256(folder / "vinr.keys")
    run = init(folder)
    assert run.code == 1
    assert "redan ett register" in run.err
    assert sha256(folder / "vinr.keys") == before


# -- status ----------------------------------------------------------------------------------


def test_status_describes_the_store_without_a_password(created: tuple[Path, Run]) -> None:
    folder, _ = created
    run = vinr_admin("status", "--data-dir", folder)
    assert run.code == 0, run.text
    assert "anna" in run.out
    assert "Nyckelfil och databas: stämmer" in run.out
    assert "Filformat: version 1 (stöds" in run.out
    assert "Datorbindning: av" in run.out
    assert "Återställningskod: finns" in run.out
    assert "Nyckelepok: 1" in run.out
    assert "Databasens storlek:" in run.out


def test_status_on_a_folder_without_a_store_says_so(tmp_path: Path) -> None:
    run = vinr_admin("status", "--data-dir", tmp_path)
    assert run.code == 1
    assert "Det finns inget register" in run.err


def test_status_without_the_key_file_names_it(tmp_path: Path) -> None:
    (tmp_path / "vinr.db").write_bytes(os.urandom(4096))
    run = vinr_admin("status", "--data-dir", tmp_path)
    assert run.code == 1
    assert "Nyckelfilen vinr.keys saknas" in run.err


def test_status_with_a_damaged_key_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "vinr.keys").write_text("{ inte json", encoding="utf-8")
    run = vinr_admin("status", "--data-dir", tmp_path)
    assert run.code == 1
    assert "vinr.keys är skadad" in run.err


def test_status_notices_a_database_that_belongs_elsewhere(
    created: tuple[Path, Run], in_process_store: Path
) -> None:
    folder, _ = created
    (in_process_store / "vinr.db").write_bytes((folder / "vinr.db").read_bytes())
    run = vinr_admin("status", "--data-dir", in_process_store)
    assert run.code == 1
    assert "stämmer inte" in run.out


# -- verify ----------------------------------------------------------------------------------


def test_verify_says_ok_and_logs_the_check(created: tuple[Path, Run]) -> None:
    folder, _ = created
    run = verify(folder)
    assert run.code == 0, run.text
    assert "OK" in run.out
    ctx = AppContext(folder, device=NoDeviceStore())
    unlocked = vault.unlock(ctx.paths, "anna", PASSWORD, device=NoDeviceStore())
    try:
        with unlocked.store.session() as session:
            actions = list(session.execute(select(AuditRow.action)).scalars())
    finally:
        unlocked.store.close()
    assert actions[-3:] == ["login", "verify", "logout"]


def test_verify_with_a_wrong_password_changes_nothing(created: tuple[Path, Run]) -> None:
    folder, _ = created
    before = sha256(folder / "vinr.db")
    listing = sorted(p.name for p in folder.iterdir())
    run = verify(folder, password="inte rätt lösenord alls")
    assert run.code == 1
    assert "Fel användarnamn eller lösenord" in run.err
    assert sha256(folder / "vinr.db") == before
    assert sorted(p.name for p in folder.iterdir()) == listing


def test_verify_finds_an_edited_audit_row_and_changes_nothing(in_process_store: Path) -> None:
    _tamper(in_process_store, "UPDATE audit_events SET action = 'x' WHERE seq = 1")
    before = sha256(in_process_store / "vinr.db")
    run = verify(in_process_store)
    assert run.code == cli.EXIT_AUDIT
    assert "Loggpost 1 har ändrats" in run.out
    assert "OK" not in run.out
    assert sha256(in_process_store / "vinr.db") == before


def test_verify_finds_a_deleted_tail(in_process_store: Path) -> None:
    _tamper(
        in_process_store,
        "DELETE FROM audit_events WHERE seq >= (SELECT max(seq) - 1 FROM audit_events)",
    )
    run = verify(in_process_store)
    assert run.code == cli.EXIT_AUDIT
    assert "poster har tagits bort" in run.out


def test_verify_finds_a_damaged_database_page(in_process_store: Path) -> None:
    db = in_process_store / "vinr.db"
    data = bytearray(db.read_bytes())
    offset = len(data) - 2000  # inside the last page, past its header
    data[offset] ^= 0xFF
    db.write_bytes(bytes(data))
    run = verify(in_process_store)
    assert run.code == 1
    assert "vinr.db" in run.text
    assert "skadad" in run.text
    assert "OK" not in run.out


def test_verify_of_a_damaged_first_page_prints_only_swedish(in_process_store: Path) -> None:
    """SQLCipher logs a page that fails its HMAC to stderr in English unless its log level is
    set before the first read; the user must see our one Swedish message and nothing else.
    The child is a fresh process, so nothing set earlier in this one can hide the lines."""
    db = in_process_store / "vinr.db"
    data = bytearray(db.read_bytes())
    data[1000] ^= 0xFF  # inside page 1 (the schema page), past the salt
    db.write_bytes(bytes(data))
    before = sha256(db)
    run = verify(in_process_store)
    assert run.code == 1
    lines = [line for line in run.text.splitlines() if line.strip()]
    assert lines == [StoreDamaged("vinr.db").message]
    assert sha256(db) == before


def test_verify_refuses_a_store_open_elsewhere(in_process_store: Path) -> None:
    ctx = AppContext(in_process_store, device=NoDeviceStore())
    ctx.instance_lock.acquire()
    try:
        run = verify(in_process_store)
    finally:
        ctx.release()
    assert run.code == 1
    assert "redan öppet" in run.err


# -- demo, help, entry points ----------------------------------------------------------------


def test_demo_creates_a_store_that_status_can_read(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    run = vinr_admin("demo", "--data-dir", folder)
    assert run.code == 0, run.text
    assert DEMO_PASSWORD in run.out
    for username, *_ in DEMO_USERS:
        assert username in run.out
    status = vinr_admin("status", "--data-dir", folder)
    assert status.code == 0, status.text
    assert "demoregister" in status.out
    assert "admin, chef, handlaggare, handlaggare2" in status.out
    assert "stämmer" in status.out
    assert f"Påhittade ärenden: {DEMO_CASES}" in run.out


def test_demo_cases_sets_how_many_cases_the_store_gets(tmp_path: Path) -> None:
    from sqlalchemy import func

    from vinr_desktop.store.case_schema import CaseRow, JournalEntryRow

    folder = tmp_path / "demo"
    run = vinr_admin("demo", "--data-dir", folder, "--cases", "7")
    assert run.code == 0, run.text
    assert "Påhittade ärenden: 7" in run.out
    ctx = AppContext(folder, device=NoDeviceStore())
    AuthService(ctx).login("handlaggare", DEMO_PASSWORD)
    try:
        store = ctx.require_store()
        with store.session() as session:
            cases = session.execute(select(func.count()).select_from(CaseRow)).scalar_one()
            entries = session.execute(
                select(func.count()).select_from(JournalEntryRow)
            ).scalar_one()
        assert store.verify_audit().ok
    finally:
        ctx.release()
    assert cases == 7
    assert entries > 7
    # A second run never writes over the store.
    again = vinr_admin("demo", "--data-dir", folder, "--cases", "3")
    assert again.code == cli.EXIT_USER_ERROR
    assert "redan ett register" in again.err


@pytest.mark.parametrize("value", ["många", "-1", "5001"])
def test_demo_cases_must_be_a_sensible_number(tmp_path: Path, value: str) -> None:
    run = vinr_admin("demo", "--data-dir", tmp_path / "demo", "--cases", value)
    assert run.code == cli.EXIT_USAGE
    assert "antalet ärenden ska vara" in run.err
    assert not (tmp_path / "demo" / "vinr.db").exists()


def test_help_is_swedish() -> None:
    run = vinr_admin("--help")
    assert run.code == 0
    assert "Användning: vinr-admin" in run.out
    for command in ("init", "demo", "verify", "status"):
        assert command in run.out
        sub = vinr_admin(command, "--help")
        assert sub.code == 0
        assert SWEDISH.search(sub.out)
        assert "show this help" not in sub.out


def test_a_bad_command_line_gets_a_swedish_message() -> None:
    run = vinr_admin("verify")
    assert run.code == cli.EXIT_USAGE
    assert "följande argument krävs" in run.err


def test_the_installed_script_runs() -> None:
    script = Path(sys.executable).with_name("vinr-admin")
    if not script.exists():
        pytest.skip("vinr-admin is not installed beside this Python")
    done = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.startswith("vinr-admin ")


def test_an_unexpected_error_shows_only_its_type(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(_args: object) -> int:
        raise RuntimeError("Hemlig Adress 12, Fiktiva orten")

    monkeypatch.setattr(run, "cmd_status", broken)
    code = cli.main(["status", "--data-dir", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_UNEXPECTED
    assert "oväntat fel (RuntimeError)" in captured.err
    assert "Hemlig" not in captured.out + captured.err


def test_default_folders_are_the_programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --data-dir, vinr-admin and the program must mean the same folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    from vinr_desktop.ui import app

    args, _ = app.parse_args([])
    store, demo = app.folders(args)
    assert commands.default_data_dir() == store
    assert commands.default_data_dir(demo=True) == demo
