"""Writing and opening backups: real registers and backup folders in temporary folders."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta
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
    raw,
    sha256,
)
from vinr_desktop.domain.errors import AuditLogBroken, BackupFailed, StoreDamaged, WrongPassword
from vinr_desktop.store import backup, backup_folder, backup_password, engine, keys
from vinr_desktop.store.backup_keys import AdminPassword, BackupPassword, RecoveryCode
from vinr_desktop.store.schema import AuditRow, StoreMeta

FINAL_NAME = re.compile(r"\Avinr-kopia-\d{4}-\d{2}-\d{2}-\d{6}Z-[0-9a-f]{8}\Z")


def _target(tmp_path: Path, name: str = "usb") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def test_a_backup_is_one_complete_folder_with_two_files(demo: DemoRegister, tmp_path: Path) -> None:
    target = _target(tmp_path)
    result = backup.write_backup(demo.store, target, user_id=demo.admin_id)
    assert listing(target) == [result.path.name]
    assert FINAL_NAME.match(result.path.name)
    assert demo.store.store_id[:8] in result.path.name
    assert listing(result.path) == ["vinr-kopia.db", "vinr-kopia.keys"]  # no journal, no WAL
    assert result.manifest.store_id == demo.store.store_id
    assert result.manifest.count("cases") == 12
    assert result.manifest.count("journal_entries") > 100
    assert result.recorded
    assert result.facts.db_bytes == (result.path / "vinr-kopia.db").stat().st_size


def test_the_backup_holds_no_case_content_in_plain_text(demo: DemoRegister, tmp_path: Path) -> None:
    conn = raw(demo.paths, demo.store.data_key)
    try:
        surnames = {r[0] for r in conn.execute("SELECT last_name FROM persons")}
        texts = [r[0] for r in conn.execute("SELECT text FROM journal_entries LIMIT 50")]
    finally:
        conn.close()
    words = {w for t in texts for w in t.split() if len(w) >= 8}
    needles = sorted(surnames | words)
    assert len(needles) > 10
    result = backup.write_backup(demo.store, _target(tmp_path), user_id=demo.admin_id)
    for path in result.path.iterdir():
        data = path.read_bytes()
        assert b"SQLite format 3" not in data
        for needle in needles:
            assert needle.encode() not in data, (path.name, needle)


def test_the_register_logs_the_backup_and_its_time(demo: DemoRegister, tmp_path: Path) -> None:
    moment = datetime(2026, 3, 2, 18, 30, 5, tzinfo=UTC)
    result = backup.write_backup(demo.store, _target(tmp_path), user_id=demo.admin_id, now=moment)
    backup_id = result.facts.backup_id
    with demo.store.session() as session:
        events = session.execute(
            select(AuditRow.action, AuditRow.user_id).where(AuditRow.object_id == backup_id)
        ).all()
        last = session.get(StoreMeta, "last_backup_utc")
    assert [tuple(e) for e in events] == [
        ("backup_started", demo.admin_id),
        ("backup_written", demo.admin_id),
    ]
    assert last is not None and last.value == "2026-03-02T18:30:05+00:00"
    # The backup's own log ends with its `backup_started` event.
    assert result.manifest.audit_seq < demo.store.header.audit_seq
    assert result.path.name == f"vinr-kopia-2026-03-02-183005Z-{demo.store.store_id[:8]}"


def test_administrator_and_recovery_code_open_it_caseworker_does_not(
    demo: DemoRegister, tmp_path: Path
) -> None:
    path = backup.write_backup(demo.store, _target(tmp_path), user_id=demo.admin_id).path
    before = {p.name: sha256(p) for p in path.iterdir()}
    by_admin = backup.verify_backup(path, AdminPassword("ADMIN ", demo.password))
    by_code = backup.verify_backup(path, RecoveryCode(demo.recovery_code.lower()))
    assert (by_admin.opened_by, by_code.opened_by) == ("user", "recovery")
    assert by_admin.manifest == by_code.manifest
    assert by_admin.audit_events == by_admin.manifest.audit_seq
    for wrong in (
        AdminPassword(DEMO_CASEWORKER, demo.password),  # not an administrator: no slot
        AdminPassword("admin", "inte rätt lösenord alls"),
        RecoveryCode("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"),
        BackupPassword(demo.password),  # none chosen
    ):
        with pytest.raises(WrongPassword, match="säkerhetskopia"):
            backup.verify_backup(path, wrong)
    info = backup.read_backup_info(path / "vinr-kopia.keys")
    assert info.usernames == ("admin",)
    assert info.has_recovery_slot and not info.has_backup_password
    assert {p.name: sha256(p) for p in path.iterdir()} == before  # checking writes nothing


def test_the_backup_has_its_own_key(demo: DemoRegister, tmp_path: Path) -> None:
    path = backup.write_backup(demo.store, _target(tmp_path), user_id=demo.admin_id).path
    _folder, _key_file, opened = backup.open_backup(path, RecoveryCode(demo.recovery_code))
    assert opened.backup_key != demo.store.data_key
    with pytest.raises(StoreDamaged):
        engine.connect(path / "vinr-kopia.db", demo.store.data_key)
    with pytest.raises(StoreDamaged):
        engine.connect(demo.paths.db, opened.backup_key)
    conn = backup.open_keyed(path / "vinr-kopia.db", opened.backup_key, readonly=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def test_a_removed_administrators_password_opens_earlier_backups_only(tmp_path: Path) -> None:
    """Expected and documented: a backup made while she was an administrator carries her
    slot; one made after she was removed does not. Deactivating re-keys the register and
    later backups, never earlier copies (thin them, or keep them locked away)."""
    from tests.fakes import FakeWallClock
    from vinr_desktop.services.accounts import setup
    from vinr_desktop.services.accounts.admin import AdminService
    from vinr_desktop.services.accounts.auth import AuthService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store.device import NoDeviceStore

    ctx = AppContext(
        tmp_path / "register",
        device=NoDeviceStore(),
        now=FakeWallClock(),
        kdf=keys.KdfParams.floor(),
    )
    setup.create_store(
        ctx,
        municipality="Exempelby (fiktiv)",
        unit="Enheten (fiktiv)",
        username="ada",
        full_name="Ada Fiktiv",
        password=PASSWORD,
        roles=("admin",),
        bind_device=False,
    )
    auth, admin = AuthService(ctx), AdminService(ctx)
    auth.login("ada", PASSWORD)
    bo_password = admin.add_user("bo", "Bo Fiktiv", {"admin"})
    target = _target(tmp_path)
    ada = ctx.require_user().user_id
    earlier = backup.write_backup(ctx.require_store(), target, user_id=ada).path
    bo_id = next(u.user_id for u in admin.list_users() if u.username == "bo")
    admin.deactivate_user(bo_id)
    later = backup.write_backup(ctx.require_store(), target, user_id=ada).path
    auth.logout()
    ctx.release()

    assert backup.verify_backup(earlier, AdminPassword("bo", bo_password)).opened_by == "user"
    with pytest.raises(WrongPassword):
        backup.verify_backup(later, AdminPassword("bo", bo_password))
    assert backup.read_backup_info(later).usernames == ("ada",)
    assert backup.verify_backup(later, AdminPassword("ada", PASSWORD)).opened_by == "user"


def test_after_a_password_change_old_backups_open_with_the_old_password_or_the_code(
    tmp_path: Path,
) -> None:
    """A password change gives the slot a new key pair, so the new password does not open
    a backup taken before it (expected): the password of that time, or the recovery code,
    does. The old slot copy in the backup opens nothing of the register now."""
    made = create(tmp_path / "register")
    path = backup.write_backup(made.store, _target(tmp_path), user_id=made.user_id).path
    new_password = "ett helt annat lösenord"
    made.store.rewrap_slot(made.user_id, PASSWORD, new_password, keys.KdfParams.floor(), None)
    made.store.close()
    assert backup.verify_backup(path, AdminPassword(USERNAME, PASSWORD)).opened_by == "user"
    with pytest.raises(WrongPassword):
        backup.verify_backup(path, AdminPassword(USERNAME, new_password))
    assert backup.verify_backup(path, RecoveryCode(made.recovery_code)).opened_by == "recovery"


def test_a_backup_taken_while_another_thread_writes_is_consistent(
    demo: DemoRegister, tmp_path: Path
) -> None:
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        while not stop.is_set():
            add_events(demo.store, 1, action="concurrent_write")
            written.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        results = [
            backup.write_backup(demo.store, _target(tmp_path, f"usb{i}"), user_id=demo.admin_id)
            for i in range(3)
        ]
    finally:
        stop.set()
        thread.join()
    assert len(written) > 3  # the writer really wrote while the backups ran
    with demo.store.session() as session:
        macs = dict(session.execute(select(AuditRow.seq, AuditRow.mac)).all())
    for result in results:
        verified = backup.verify_backup(result.path, RecoveryCode(demo.recovery_code))
        head = (verified.manifest.audit_seq, verified.manifest.audit_mac)
        assert macs[head[0]] == head[1]  # the copy's log is a prefix of the register's
    assert demo.store.verify_audit().ok


def test_a_backup_password_opens_backups_but_never_the_register(
    demo: DemoRegister, tmp_path: Path
) -> None:
    chosen = "säkerhetskopiornas eget lösenord"
    backup_password.set_backup_password(demo.store, chosen, keys.KdfParams.floor())
    target = _target(tmp_path)
    path = backup.write_backup(demo.store, target, user_id=demo.admin_id).path
    assert backup.verify_backup(path, BackupPassword(chosen)).opened_by == "backup_password"
    assert backup.read_backup_info(path).has_backup_password
    # The register's key file has no slot for it, and its data key is sealed to no such pair.
    assert {s.kind for s in demo.store.header.slots} == {"user", "recovery"}
    backup_password.clear_backup_password(demo.store)
    later = backup.write_backup(demo.store, target, user_id=demo.admin_id, now=_later(1)).path
    with pytest.raises(WrongPassword):
        backup.verify_backup(later, BackupPassword(chosen))


def _later(days: int) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def test_the_register_folder_is_never_a_target(demo: DemoRegister) -> None:
    before = listing(demo.paths.folder)
    for target in (demo.paths.folder, demo.paths.logs):
        target.mkdir(exist_ok=True)
        with pytest.raises(BackupFailed, match="registrets egen mapp"):
            backup.write_backup(demo.store, target, user_id=demo.admin_id)
    demo.paths.logs.rmdir()
    assert listing(demo.paths.folder) == before


def test_a_register_whose_log_was_edited_is_not_backed_up(tmp_path: Path) -> None:
    made = create(tmp_path / "register")
    add_events(made.store, 3)
    conn = raw(made.paths, made.store.data_key)
    try:
        conn.execute("UPDATE audit_events SET action = 'edited' WHERE seq = 3")
    finally:
        conn.close()
    target = _target(tmp_path)
    with pytest.raises(AuditLogBroken) as caught:
        backup.write_backup(made.store, target, user_id=made.user_id)
    assert any("ändrats" in p for p in caught.value.problems)
    assert listing(target) == []
    made.store.close()


def test_progress_counts_pages_up_to_the_whole(demo: DemoRegister, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    backup.write_backup(
        demo.store,
        _target(tmp_path),
        user_id=demo.admin_id,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_leftovers_of_a_killed_backup_are_removed_next_time_others_are_kept(
    tmp_path: Path,
) -> None:
    made = create(tmp_path / "register")
    target = _target(tmp_path)
    name = f"vinr-kopia-2026-03-01-101010Z-{made.store.store_id[:8]}"
    mine = target / f".{name}.tmp-0123456789ab"
    half_removed = target / f".{name}-2.tas-bort-89abcdef"
    theirs = target / ".vinr-kopia-2026-03-01-101010Z-0badc0de.tmp-0123456789ab"
    unrelated = target / "semesterbilder"
    for folder in (mine, half_removed, theirs, unrelated):
        folder.mkdir()
        (folder / "x").write_bytes(b"x")
    result = backup.write_backup(made.store, target, user_id=made.user_id)
    assert listing(target) == sorted([theirs.name, result.path.name, unrelated.name])
    made.store.close()


def test_thinning_keeps_the_rule_and_never_touches_another_register(tmp_path: Path) -> None:
    made = create(tmp_path / "register")
    other = create(tmp_path / "other-register")
    target = _target(tmp_path)
    start = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    days = [0, 1, 2, 2, 9, 20, 40]
    for day in days:
        moment = start + timedelta(days=day, minutes=day)
        backup.write_backup(made.store, target, user_id=made.user_id, now=moment)
    foreign = backup.write_backup(other.store, target, user_id=other.user_id, now=start).path
    now = start + timedelta(days=41)
    removed = backup_folder.thin_backups(target, now, 2, 1, 2, store_id=made.store.store_id)
    kept = backup_folder.list_backups(target, made.store.store_id)
    # Newest two days (day 40, day 20), the newest week (day 40) and two months (Feb: day 40,
    # Jan: day 20). Everything else of this register goes; the other register's stays.
    assert [b.created.day for b in kept] == [21, 10]
    assert len(removed) == len(days) - 2
    assert foreign.exists()
    assert not any(p.name.startswith(".") for p in target.iterdir())
    for store in (made.store, other.store):
        store.close()


def test_a_device_bound_administrator_needs_that_computer_the_code_does_not(
    tmp_path: Path,
) -> None:
    from tests.fakes import MemoryDeviceStore
    from vinr_desktop.domain.errors import DeviceBindingMissing

    device = MemoryDeviceStore()
    made = create(tmp_path / "register", device=device)
    path = backup.write_backup(made.store, _target(tmp_path), user_id=made.user_id).path
    made.store.close()
    with pytest.raises(DeviceBindingMissing, match="återställningskoden"):
        backup.verify_backup(path, AdminPassword(USERNAME, PASSWORD))
    assert backup.verify_backup(path, AdminPassword(USERNAME, PASSWORD), device=device)
    assert backup.verify_backup(path, RecoveryCode(made.recovery_code)).opened_by == "recovery"
