"""Login, lock, unlock, switching user, changing password and recovery.

Every step that opens the store runs the full key derivation. Failed attempts are counted in
the key-slot header (no key is known then) and written to the audit log at the next success.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from vinr_desktop.access.policy import OWN_ACCOUNT, Action, parse_roles
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain import accounts, passwords
from vinr_desktop.domain.errors import AccessDenied, InvalidInput, WrongPassword
from vinr_desktop.resources import common_passwords
from vinr_desktop.services.accounts.kdf import kdf_for_new_slots
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import vault
from vinr_desktop.store.schema import UserRow


@dataclass(frozen=True)
class LoginResult:
    user: CurrentUser
    failed_attempts: int  # failed attempts on this account since its last login
    must_change_password: bool
    previous_login_utc: str | None


@dataclass(frozen=True)
class RecoveryResult:
    login: LoginResult
    new_recovery_code: str


def _current_user(row: UserRow) -> CurrentUser:
    return CurrentUser(
        user_id=row.id,
        username=row.username,
        full_name=row.full_name,
        roles=parse_roles(row.roles.split(",")),
    )


class AuthService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def login(self, username: str, password: str) -> LoginResult:
        """Open the store as `username`. Raises WrongPassword, TooManyAttempts, StoreDamaged…"""
        ctx = self.ctx
        ctx.instance_lock.acquire()
        unlocked = vault.unlock(ctx.paths, username, password, device=ctx.device, now=ctx.now())
        return self._start_session(unlocked, action="login")

    def _start_session(self, unlocked: vault.Unlocked, *, action: str) -> LoginResult:
        ctx, store = self.ctx, unlocked.store
        store.use_clock(ctx.now)
        now_text = ctx.now().isoformat(timespec="seconds")
        try:
            with store.session() as session:
                row = session.get(UserRow, unlocked.slot.slot_id)
                if row is None or not row.active:
                    raise WrongPassword()
                for when in unlocked.earlier_failures:
                    store.record(session, user_id=row.id, action="login_failed", reason=when)
                store.record(session, user_id=row.id, action=action)
                previous = row.last_login_utc
                row.last_login_utc = now_text
                user = _current_user(row)
                must_change = row.must_change_password
            store.reset_failures(unlocked.slot.slot_id)
        except BaseException:
            store.close()
            raise
        if ctx.store is not None and ctx.store is not store:
            ctx.store.close()
        ctx.store, ctx.user, ctx.locked_user = store, user, None
        ctx.password_change_required = must_change
        return LoginResult(user, len(unlocked.earlier_failures), must_change, previous)

    def lock(self) -> None:
        """Write the lock event, close every connection and forget the key."""
        ctx = self.ctx
        store, user = ctx.store, ctx.user
        if store is None or user is None:
            return
        try:
            if store.is_open:
                with store.session() as session:
                    store.record(session, user_id=user.user_id, action="lock")
        finally:
            store.close()
            ctx.store, ctx.user, ctx.locked_user = None, None, user

    def unlock(self, password: str) -> LoginResult:
        """Unlock as the user who locked (full key derivation again)."""
        locked = self.ctx.locked_user
        if locked is None:
            raise AccessDenied("Det finns ingen låst session.")
        unlocked = vault.unlock(
            self.ctx.paths, locked.username, password, device=self.ctx.device, now=self.ctx.now()
        )
        if unlocked.slot.slot_id != locked.user_id:
            unlocked.store.close()
            raise WrongPassword()
        return self._start_session(unlocked, action="unlock")

    def switch_user(self) -> None:
        """Leave the lock screen for the login screen (the store stays closed)."""
        self.lock()
        self.ctx.locked_user = None

    def logout(self) -> None:
        """Log out: write the logout event and close. Safe when already locked.

        The instance lock stays held until the program ends (`AppContext.release`).
        """
        ctx = self.ctx
        store, user = ctx.store, ctx.user
        try:
            if store is not None and user is not None and store.is_open:
                with store.session() as session:
                    store.record(session, user_id=user.user_id, action="logout")
        finally:
            if store is not None:
                store.close()
            ctx.store, ctx.user, ctx.locked_user = None, None, None

    def change_own_password(self, old: str, new: str, repeat: str) -> None:
        store, user = self.ctx.require(Action.CHANGE_OWN_PASSWORD, OWN_ACCOUNT)
        if passwords.normalize(new) != passwords.normalize(repeat):
            raise InvalidInput("De nya lösenorden är inte likadana.")
        if passwords.normalize(new) == passwords.normalize(old):
            raise InvalidInput("Det nya lösenordet måste skilja sig från det gamla.")
        checked = passwords.check_new_password(
            new, common=common_passwords(), username=user.username, full_name=user.full_name
        )
        slot = store.header.slot_by_id(user.user_id)
        device_secret = (
            self.ctx.device.get(store.store_id) if slot is not None and slot.device_bound else None
        )
        store.rewrap_slot(user.user_id, old, checked, kdf_for_new_slots(self.ctx), device_secret)
        with store.session() as session:
            row = session.get(UserRow, user.user_id)
            if row is not None:
                row.must_change_password = False
            store.record(
                session, user_id=user.user_id, action="password_changed", object_id=user.user_id
            )
        self.ctx.password_change_required = False

    def recover(self, username: str, code: str, new: str, repeat: str) -> RecoveryResult:
        """Open with the recovery code, give `username` a new password, replace the code."""
        ctx = self.ctx
        name = accounts.normalize_username(username)
        if passwords.normalize(new) != passwords.normalize(repeat):
            raise InvalidInput("De nya lösenorden är inte likadana.")
        ctx.instance_lock.acquire()
        unlocked = vault.unlock_with_recovery(ctx.paths, code, device=ctx.device, now=ctx.now())
        store = unlocked.store
        try:
            with store.session() as session:
                row = session.execute(
                    select(UserRow).where(UserRow.username == name)
                ).scalar_one_or_none()
                if row is None or not row.active:
                    raise InvalidInput("Det finns ingen aktiv användare med det användarnamnet.")
                user = _current_user(row)
            checked = passwords.check_new_password(
                new, common=common_passwords(), username=user.username, full_name=user.full_name
            )
            secret = ctx.device.get(store.store_id) if store.header.device_binding else None
            kdf = kdf_for_new_slots(ctx)
            store.add_user_slot(user.user_id, user.username, checked, kdf, secret)
            if store.header.device_binding and secret is None:
                store.set_device_binding("")  # the binding could not follow to this computer
            new_code = store.replace_recovery_slot(kdf)
            with store.session() as session:
                row = session.get(UserRow, user.user_id)
                if row is not None:
                    row.must_change_password = False
                for when in unlocked.earlier_failures:
                    store.record(session, user_id=None, action="recovery_failed", reason=when)
                store.record(
                    session, user_id=user.user_id, action="recovery_used", object_id=user.user_id
                )
                store.record(
                    session, user_id=user.user_id, action="password_changed", object_id=user.user_id
                )
                store.record(session, user_id=user.user_id, action="recovery_code_replaced")
            store.reset_failures(unlocked.slot.slot_id)
        except BaseException:
            store.close()
            raise
        store.close()
        login = self.login(user.username, checked)
        return RecoveryResult(login, new_code)
