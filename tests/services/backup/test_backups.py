"""The backup service on a real register: backup now, the automatic backup at logout only when
something changed, thinning, the status and who may do what."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.conftest import Env
from tests.stores import ADMIN, ADMIN_PASSWORD
from vinr_desktop.domain.backup_schedule import BackupAge
from vinr_desktop.domain.errors import AccessDenied, BackupFailed, InvalidInput, WrongPassword
from vinr_desktop.domain.it_policy import parse_policy
from vinr_desktop.services.backup.backups import BackupService
from vinr_desktop.services.context import VisitMode
from vinr_desktop.store import backup
from vinr_desktop.store.backup_keys import AdminPassword

CASEWORKER = "bo"
CASEWORKER_PASSWORD = "blå cykel i regnet 42"
DAY = 24 * 3600


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def service(env: Env, usb: Path) -> BackupService:
    env.auth.login(ADMIN, ADMIN_PASSWORD)
    backups = BackupService(env.ctx)
    backups.set_folder(str(usb))
    return backups


def _folders(usb: Path) -> list[str]:
    return sorted(p.name for p in usb.iterdir())


def test_backup_now_is_listed_with_its_manifest_and_dated_in_the_status(
    env: Env, service: BackupService, usb: Path
) -> None:
    assert service.status().last_verified_utc is None
    assert service.status().age is BackupAge.RED
    written = service.backup_now()
    assert written.recorded and written.removed == 0
    counts = dict(written.manifest.counts)
    assert counts["users"] == 1 and counts["audit_events"] >= 3
    assert "alembic_version" not in counts
    [row] = service.list_backups().rows
    assert row.path == written.manifest.path and row.openers == f"{ADMIN}, återställningskoden"
    status = service.status()
    assert status.last_verified_utc == env.clock.now.isoformat(timespec="seconds")
    assert status.age is BackupAge.FRESH and status.failed_utc is None
    checked = service.verify(row.path, AdminPassword(ADMIN, ADMIN_PASSWORD))
    assert checked.counts == written.manifest.counts


def test_the_status_colour_follows_the_clock(env: Env, service: BackupService) -> None:
    service.backup_now()
    env.clock.advance(8 * DAY)
    assert service.status().age is BackupAge.AMBER
    env.clock.advance(23 * DAY)
    assert service.status().age is BackupAge.RED


def test_automatic_backup_only_when_something_changed_and_once_a_day(
    env: Env, service: BackupService, usb: Path
) -> None:
    assert service.automatic_backup_due()  # never backed up
    assert service.automatic_backup() is not None
    env.auth.logout()
    env.clock.advance(DAY)
    env.auth.login(ADMIN, ADMIN_PASSWORD)  # logging in and out is no change
    assert not service.automatic_backup_due()
    assert service.automatic_backup() is None
    assert len(_folders(usb)) == 1
    env.admin.set_idle_lock_minutes(7)  # a change, a day after the last backup
    assert service.automatic_backup_due()
    assert service.automatic_backup() is not None
    env.admin.set_idle_lock_minutes(8)  # a change, but there was a backup today
    assert not service.automatic_backup_due()
    env.clock.advance(DAY)
    assert service.automatic_backup_due()
    service.save_settings(False, 7, 4, 12)
    assert not service.automatic_backup_due()  # switched off


def test_thinning_keeps_what_the_settings_say(env: Env, service: BackupService, usb: Path) -> None:
    service.save_settings(True, 2, 0, 0)
    for _day in range(4):
        service.backup_now()
        env.clock.advance(DAY)
    names = _folders(usb)
    assert len(names) == 2
    assert names[-1].startswith("vinr-kopia-2026-03-05")
    assert service.save_settings(True, 7, 4, 12) is None
    assert service.settings().keep_daily == 7


def test_settings_out_of_range_are_refused(service: BackupService) -> None:
    with pytest.raises(InvalidInput):
        service.save_settings(True, -1, 4, 12)


def test_the_folder_fixed_by_it_wins(env: Env, service: BackupService, tmp_path: Path) -> None:
    fixed = tmp_path / "it-mapp"
    fixed.mkdir()
    env.ctx.it_policy = parse_policy({"backup_folder": str(fixed)}, "policy.json")
    view = service.settings()
    assert view.folder == str(fixed) and view.folder_fixed
    with pytest.raises(InvalidInput, match="fastställd av IT"):
        service.set_folder(str(tmp_path))
    service.backup_now()
    assert len(list(fixed.iterdir())) == 1


def test_a_missing_folder_fails_and_the_status_says_so(
    env: Env, service: BackupService, usb: Path
) -> None:
    service.backup_now()
    usb.rename(usb.with_name("bortkopplad"))
    env.clock.advance(DAY)
    env.admin.set_idle_lock_minutes(7)
    with pytest.raises(BackupFailed, match="finns inte"):
        service.automatic_backup()
    status = service.status()
    assert status.failed_utc is not None and "finns inte" in status.failure
    assert status.last_verified_utc is not None  # the last good one is still shown


def test_a_folder_inside_the_register_is_refused(env: Env, service: BackupService) -> None:
    inside = env.folder / "kopior"
    inside.mkdir()
    with pytest.raises(InvalidInput, match="registrets egen mapp"):
        service.set_folder(str(inside))


def _caseworker(env: Env) -> None:
    one_time = env.admin.add_user(CASEWORKER, "Bo Kollegasson-Fiktiv", {"caseworker"})
    env.auth.logout()
    env.auth.login(CASEWORKER, one_time)
    env.auth.change_own_password(one_time, CASEWORKER_PASSWORD, CASEWORKER_PASSWORD)


def test_a_caseworkers_logout_backup_is_written_and_opens_only_for_the_admin(
    env: Env, service: BackupService, usb: Path
) -> None:
    _caseworker(env)
    with pytest.raises(AccessDenied):
        service.backup_now()
    with pytest.raises(AccessDenied):
        service.list_backups()
    written = service.automatic_backup()
    assert written is not None
    assert service.status().last_verified_utc is not None
    with pytest.raises(AccessDenied):
        service.verify(written.manifest.path, AdminPassword(CASEWORKER, CASEWORKER_PASSWORD))
    with pytest.raises(WrongPassword):  # nor through the store itself: she has no slot there
        backup.verify_backup(
            Path(written.manifest.path), AdminPassword(CASEWORKER, CASEWORKER_PASSWORD)
        )
    env.auth.logout()
    env.auth.login(ADMIN, ADMIN_PASSWORD)
    checked = service.verify(written.manifest.path, AdminPassword(ADMIN, ADMIN_PASSWORD))
    assert dict(checked.counts)["users"] == 2


def test_a_backup_made_by_vinr_admin_counts_as_the_last_one(
    env: Env, service: BackupService, usb: Path
) -> None:
    """The store's own writer (as `vinr-admin backup` uses it), without this service."""
    store = env.ctx.require_store()
    user = env.ctx.require_user()
    backup.write_backup(store, usb, user_id=user.user_id, now=env.clock.now)
    env.clock.advance(DAY)
    assert not service.automatic_backup_due()  # nothing changed since that copy
    env.admin.set_idle_lock_minutes(7)
    assert service.automatic_backup_due()


def test_a_good_backup_clears_the_failure(env: Env, service: BackupService, usb: Path) -> None:
    usb.rename(usb.with_name("borta"))
    with pytest.raises(BackupFailed):
        service.backup_now()
    assert service.status().failed_utc is not None
    usb.with_name("borta").rename(usb)
    env.clock.advance(60)
    service.backup_now()
    status = service.status()
    assert status.failed_utc is None and status.failure == ""


def test_the_automatic_backup_is_written_during_a_home_visit_too(
    env: Env, service: BackupService, usb: Path
) -> None:
    """Hembesöksläge narrows what can be read to one case; a backup reads nothing out to
    anyone, so quitting in the middle of a visit still leaves a copy."""
    _caseworker(env)
    user = env.ctx.require_user()
    env.ctx.visit = VisitMode(user.user_id, "case-under-visit", "visit-1")
    with pytest.raises(AccessDenied):
        service.backup_now()  # still the administrator's
    written = service.automatic_backup()
    assert written is not None
    assert _folders(usb) == [Path(written.manifest.path).name]
