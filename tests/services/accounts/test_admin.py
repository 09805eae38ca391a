"""Administration through the real services: users, re-key on removal, settings, status."""

from __future__ import annotations

import shutil

import pytest

from tests.fakes import MemoryDeviceStore
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.domain.errors import AccessDenied, InvalidInput, StoreDamaged, WrongPassword
from vinr_desktop.services.accounts.status import offline_status
from vinr_desktop.store import vault

BO_PASSWORD = "bos egen långa fras"


def _add_caseworker(env: Env) -> str:
    one_time = env.admin.add_user("bo", "Bo Vikarie-Fiktiv", {"caseworker"})
    env.auth.logout()
    env.auth.login("bo", one_time)
    env.auth.change_own_password(one_time, BO_PASSWORD, BO_PASSWORD)
    user_id = env.ctx.require_user().user_id
    env.auth.logout()
    env.auth.login("ada", ADMIN_PASSWORD)
    return user_id


def test_added_user_is_listed_with_roles_and_must_change_password(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    env.admin.add_user("Cilla", "Cilla Chef-Fiktiv", {"manager", "caseworker"})
    users = {u.username: u for u in env.admin.list_users()}
    assert users["cilla"].role_labels == "Handläggare, Enhetschef"
    assert users["cilla"].must_change_password and users["cilla"].active
    with pytest.raises(InvalidInput, match="finns redan"):
        env.admin.add_user("cilla", "Någon Annan", {"caseworker"})
    with pytest.raises(InvalidInput, match="minst en roll"):
        env.admin.add_user("dora", "Dora Fiktiv", set())


def test_deactivation_rekeys_and_the_old_header_copy_opens_nothing(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    bo_id = _add_caseworker(env)
    old_header = env.folder / "old-header-copy"
    shutil.copy(env.ctx.paths.header, old_header)
    epoch = env.ctx.require_store().header.key_epoch
    env.admin.deactivate_user(bo_id)
    assert env.ctx.require_store().header.key_epoch == epoch + 1
    users = {u.username: u for u in env.admin.list_users()}
    assert not users["bo"].active
    env.auth.logout()
    with pytest.raises(WrongPassword):
        env.auth.login("bo", BO_PASSWORD)
    # Bo kept a copy of the old key file: it still unwraps his slot, but the data key it
    # yields no longer opens the re-keyed database.
    current = env.folder / "current-header"
    shutil.copy(env.ctx.paths.header, current)
    shutil.copy(old_header, env.ctx.paths.header)
    with pytest.raises(StoreDamaged):
        vault.unlock(env.ctx.paths, "bo", BO_PASSWORD, device=env.ctx.device)
    shutil.copy(current, env.ctx.paths.header)
    env.auth.login("ada", ADMIN_PASSWORD)
    assert env.admin.verify_audit_chain() == []


def test_guards_on_deactivation(env: Env) -> None:
    result = env.auth.login("ada", ADMIN_PASSWORD)
    with pytest.raises(InvalidInput, match="dig själv"):
        env.admin.deactivate_user(result.user.user_id)


def test_issue_one_time_password_replaces_a_forgotten_one(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    bo_id = _add_caseworker(env)
    one_time = env.admin.issue_one_time_password(bo_id)
    env.auth.logout()
    with pytest.raises(WrongPassword):
        env.auth.login("bo", BO_PASSWORD)
    assert env.auth.login("bo", one_time).must_change_password


def test_caseworker_and_manager_cannot_administer(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    _add_caseworker(env)
    env.auth.logout()
    env.auth.login("bo", BO_PASSWORD)
    for call in (
        env.admin.list_users,
        env.admin.verify_audit_chain,
        lambda: env.admin.add_user("x1", "X Y", {"admin"}),
        lambda: env.admin.set_idle_lock_minutes(10),
    ):
        with pytest.raises(AccessDenied):
            call()


def test_idle_lock_setting_is_bounded_and_kept(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    assert env.admin.idle_lock_minutes() == 5
    with pytest.raises(InvalidInput, match="mellan 1 och 15"):
        env.admin.set_idle_lock_minutes(30)
    env.admin.set_idle_lock_minutes(12)
    env.auth.logout()
    env.auth.login("ada", ADMIN_PASSWORD)
    assert env.admin.idle_lock_minutes() == 12


def test_security_status_and_offline_status_agree(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    status = env.admin.security_status()
    assert status.device_binding_text == "Datorbindning: av"
    assert status.last_backup_text == "Senaste säkerhetskopia: aldrig"
    assert status.kdf_memory_mib >= 64 and status.kdf_iterations >= 3
    offline = offline_status(env.ctx.paths)
    assert offline.usernames == ("ada",)
    assert offline.header_matches_database and offline.has_recovery_slot
    assert not offline.device_binding


def test_device_binding_on_and_recovery_on_another_computer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from vinr_desktop.domain.errors import DeviceBindingMissing
    from vinr_desktop.services.accounts import setup
    from vinr_desktop.services.accounts.admin import AdminService
    from vinr_desktop.services.accounts.auth import AuthService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store import keys

    device = MemoryDeviceStore()
    folder = tmp_path / "bunden"
    ctx = AppContext(folder, device=device, kdf=keys.KdfParams.floor())
    code = setup.create_store(
        ctx,
        municipality="Kommun",
        unit="Enhet",
        username="ada",
        full_name="Ada Fiktiv",
        password=ADMIN_PASSWORD,
        roles=("admin",),
        bind_device=True,
    )
    auth, admin = AuthService(ctx), AdminService(ctx)
    auth.login("ada", ADMIN_PASSWORD)
    assert admin.security_status().device_binding_text == "Datorbindning: på"
    auth.logout()
    ctx.release()

    elsewhere = AppContext(folder, device=MemoryDeviceStore(), kdf=keys.KdfParams.floor())
    with pytest.raises(DeviceBindingMissing) as info:
        AuthService(elsewhere).login("ada", ADMIN_PASSWORD)
    assert "annan dator" in info.value.message
    new = "ny dator nytt lösen"
    result = AuthService(elsewhere).recover("ada", code, new, new)
    assert result.login.user.username == "ada"
    assert AdminService(elsewhere).security_status().device_binding_text == "Datorbindning: av"
    elsewhere.release()


def test_admin_replaces_the_recovery_code_and_the_old_one_stops_working(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    new_code = env.admin.replace_recovery_code()
    assert new_code != env.recovery_code
    env.auth.logout()
    with pytest.raises(WrongPassword, match="Återställningskoden"):
        env.auth.recover("ada", env.recovery_code, "första nya frasen", "första nya frasen")
    result = env.auth.recover("ada", new_code, "andra nya frasen", "andra nya frasen")
    assert result.login.user.username == "ada"


def test_work_phone_and_email_are_set_by_the_user_or_an_administrator(env: Env) -> None:
    from sqlalchemy import select

    from vinr_desktop.services.accounts.profile import ProfileService, WorkContact
    from vinr_desktop.store.schema import AuditRow

    env.auth.login("ada", ADMIN_PASSWORD)
    profile = ProfileService(env.ctx)
    one_time = env.admin.add_user("cilla", "Cilla Fiktiv", {"caseworker"}, "0690-25 01 23", "")
    cilla = next(u for u in env.admin.list_users() if u.username == "cilla")
    assert (cilla.work_phone, cilla.work_email) == ("0690-25 01 23", "")
    with pytest.raises(InvalidInput, match="e-postadress"):
        env.admin.add_user("dora", "Dora Fiktiv", {"caseworker"}, "", "dora(at)exempel")
    profile.set_contact_of(cilla.user_id, " 0690-25 01 24 ", "cilla@exempel.invalid")
    assert profile.contact_of(cilla.user_id) == WorkContact(
        "0690-25 01 24", "cilla@exempel.invalid"
    )
    env.auth.logout()
    env.auth.login("cilla", one_time)
    env.auth.change_own_password(one_time, BO_PASSWORD, BO_PASSWORD)
    profile.set_own_contact("070-111 22 33", "c.fiktiv@exempel.invalid")
    assert profile.own_contact() == WorkContact("070-111 22 33", "c.fiktiv@exempel.invalid")
    with pytest.raises(AccessDenied):
        profile.set_contact_of(cilla.user_id, "", "")  # only an administrator
    with env.ctx.require_store().session() as session:
        rows = session.execute(
            select(AuditRow.action, AuditRow.object_id, AuditRow.reason).where(
                AuditRow.action == "user_contact_changed"
            )
        ).all()
    assert [tuple(r) for r in rows] == [("user_contact_changed", cilla.user_id, None)] * 2
