"""Login, failures, lock/unlock, password change and recovery through the real services."""

from __future__ import annotations

import hashlib
import time

import pytest
from sqlalchemy import select

from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.access.policy import Action
from vinr_desktop.domain import login_policy
from vinr_desktop.domain.errors import (
    AccessDenied,
    InvalidInput,
    PasswordRejected,
    StoreInUse,
    TooManyAttempts,
    WrongPassword,
)
from vinr_desktop.store import keys
from vinr_desktop.store.schema import AuditRow


def _actions(env: Env) -> list[str]:
    store = env.ctx.require_store()
    with store.session() as session:
        return list(session.execute(select(AuditRow.action).order_by(AuditRow.seq)).scalars())


def _digest(path) -> str:  # type: ignore[no-untyped-def]
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_login_writes_an_audit_event_and_names_the_user(env: Env) -> None:
    result = env.auth.login("ADA", ADMIN_PASSWORD)
    assert result.user.full_name == "Ada Administratör-Fiktiv"
    assert result.failed_attempts == 0
    assert _actions(env)[-1] == "login"


def test_wrong_password_is_quick_swedish_and_leaves_the_database_alone(env: Env) -> None:
    db = env.ctx.paths.db
    before, listing = _digest(db), sorted(p.name for p in env.folder.iterdir())
    start = time.perf_counter()
    with pytest.raises(WrongPassword) as info:
        env.auth.login("ada", "inte rätt lösenord")
    assert time.perf_counter() - start < 2
    assert info.value.message == "Fel användarnamn eller lösenord."
    assert _digest(db) == before
    assert sorted(p.name for p in env.folder.iterdir()) == listing


def test_failures_are_counted_audited_and_reported_at_next_login(env: Env) -> None:
    for _ in range(3):
        with pytest.raises(WrongPassword):
            env.auth.login("ada", "fel fel fel fel")
    result = env.auth.login("ada", ADMIN_PASSWORD)
    assert result.failed_attempts == 3
    assert _actions(env)[-4:] == ["login_failed"] * 3 + ["login"]
    env.auth.logout()
    assert env.auth.login("ada", ADMIN_PASSWORD).failed_attempts == 0


def test_after_five_failures_the_delay_grows(env: Env) -> None:
    for _ in range(login_policy.FREE_ATTEMPTS):
        with pytest.raises(WrongPassword):
            env.auth.login("ada", "fel fel fel fel")
    with pytest.raises(TooManyAttempts) as info:
        env.auth.login("ada", ADMIN_PASSWORD)  # even the right password waits
    first_wait = info.value.wait_seconds
    assert first_wait == login_policy.delay_after(5)
    assert "Vänta" in info.value.message
    env.clock.advance(first_wait)
    with pytest.raises(WrongPassword):
        env.auth.login("ada", "fel fel fel fel")
    with pytest.raises(TooManyAttempts) as info:
        env.auth.login("ada", ADMIN_PASSWORD)
    assert info.value.wait_seconds > first_wait
    env.clock.advance(info.value.wait_seconds)
    assert env.auth.login("ada", ADMIN_PASSWORD).failed_attempts == 6


def test_unknown_user_gets_the_same_message(env: Env) -> None:
    with pytest.raises(WrongPassword) as info:
        env.auth.login("okänd", ADMIN_PASSWORD)
    assert info.value.message == "Fel användarnamn eller lösenord."


@pytest.mark.full_kdf
def test_lock_drops_the_key_and_unlock_runs_the_full_derivation(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    derivations: list[keys.KdfParams] = []
    real = keys.derive_wrapping_key

    def counted(
        password: str, salt: bytes, params: keys.KdfParams, device: bytes | None = None
    ) -> bytes:
        derivations.append(params)
        return real(password, salt, params, device)

    monkeypatch.setattr(keys, "derive_wrapping_key", counted)
    env.auth.login("ada", ADMIN_PASSWORD)
    store = env.ctx.store
    assert store is not None
    env.auth.lock()
    assert env.ctx.store is None and not store.is_open
    with pytest.raises(AccessDenied):
        env.admin.list_users()
    with pytest.raises(WrongPassword):
        env.auth.unlock("fel fel fel fel")
    before = len(derivations)
    env.auth.unlock(ADMIN_PASSWORD)
    # One whole Argon2id run at the stored parameters (never weaker than the floor).
    assert len(derivations) == before + 1 and derivations[-1].meets_floor()
    assert _actions(env)[-3:] == ["lock", "login_failed", "unlock"]


def test_switch_user_forgets_who_was_locked(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    env.auth.switch_user()
    assert env.ctx.locked_user is None
    with pytest.raises(AccessDenied):
        env.auth.unlock(ADMIN_PASSWORD)


def test_password_change_old_fails_new_works(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    new = "en helt ny mening 2026"
    with pytest.raises(WrongPassword):
        env.auth.change_own_password("gissat lösenord", new, new)
    with pytest.raises(PasswordRejected):
        env.auth.change_own_password(ADMIN_PASSWORD, "kort", "kort")
    with pytest.raises(InvalidInput, match="likadana"):
        env.auth.change_own_password(ADMIN_PASSWORD, new, new + "!")
    env.auth.change_own_password(ADMIN_PASSWORD, new, new)
    assert _actions(env)[-1] == "password_changed"
    env.auth.logout()
    with pytest.raises(WrongPassword):
        env.auth.login("ada", ADMIN_PASSWORD)
    env.auth.login("ada", new)


def test_one_time_password_must_be_changed_before_anything_else(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    one_time = env.admin.add_user("bo", "Bo Vikarie-Fiktiv", {"caseworker"})
    env.auth.logout()
    result = env.auth.login("bo", one_time)
    assert result.must_change_password
    with pytest.raises(AccessDenied, match="engångslösenord"):
        env.ctx.require(Action.LIST_CASES)
    new = "vikariens egna fras"
    env.auth.change_own_password(one_time, new, new)
    env.auth.logout()
    assert not env.auth.login("bo", new).must_change_password


def test_recovery_sets_a_new_password_and_replaces_the_code(env: Env) -> None:
    new = "återställd men trygg"
    result = env.auth.recover("ada", env.recovery_code.lower().replace("-", " "), new, new)
    assert result.login.user.username == "ada"
    assert result.new_recovery_code != env.recovery_code
    actions = _actions(env)
    assert {"recovery_used", "password_changed", "recovery_code_replaced"} <= set(actions)
    env.auth.logout()
    with pytest.raises(WrongPassword):
        env.auth.login("ada", ADMIN_PASSWORD)
    env.auth.login("ada", new)
    env.auth.logout()
    with pytest.raises(WrongPassword, match="Återställningskoden"):
        env.auth.recover("ada", env.recovery_code, "ännu ett nytt lösen", "ännu ett nytt lösen")


def test_second_instance_is_refused_and_the_first_keeps_working(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    other = env.new_context()
    with pytest.raises(StoreInUse) as info:
        other.instance_lock.acquire()
    assert "redan öppet" in info.value.message
    assert env.admin.list_users()
    env.ctx.release()
    other.instance_lock.acquire()
    other.release()
