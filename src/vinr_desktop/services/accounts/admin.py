"""Administration: users, settings and the security status. Never case content."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vinr_desktop.access.policy import ROLE_LABELS, Action, Role, parse_roles
from vinr_desktop.domain import accounts, settings
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.accounts.kdf import kdf_for_new_slots
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import vault
from vinr_desktop.store.schema import SettingRow, StoreMeta, UserRow


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    username: str
    full_name: str
    roles: frozenset[Role]
    active: bool
    must_change_password: bool
    last_login_utc: str | None
    work_phone: str = ""
    work_email: str = ""

    @property
    def role_labels(self) -> str:
        return ", ".join(ROLE_LABELS[r] for r in Role if r in self.roles)


@dataclass(frozen=True)
class SecurityStatus:
    device_binding: bool  # every user slot is bound to this computer's credential store
    binding_backend: str
    binding_available_here: bool
    last_backup_utc: str | None
    key_epoch: int
    kdf_memory_mib: int
    kdf_iterations: int
    active_users: int
    demo: bool

    @property
    def device_binding_text(self) -> str:
        return "Datorbindning: på" if self.device_binding else "Datorbindning: av"

    @property
    def last_backup_text(self) -> str:
        return f"Senaste säkerhetskopia: {self.last_backup_utc or 'aldrig'}"


@dataclass(frozen=True)
class UnitFacts:
    municipality: str
    unit: str
    demo: bool


def _info(row: UserRow) -> UserInfo:
    return UserInfo(
        user_id=row.id,
        username=row.username,
        full_name=row.full_name,
        roles=parse_roles(row.roles.split(",")),
        active=row.active,
        must_change_password=row.must_change_password,
        last_login_utc=row.last_login_utc,
        work_phone=row.work_phone or "",
        work_email=row.work_email or "",
    )


class AdminService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- facts everyone logged in may see (status bar) -----------------------------------

    def unit_facts(self) -> UnitFacts:
        store = self.ctx.require_store()
        with store.session() as session:
            meta = {r.key: r.value for r in session.execute(select(StoreMeta)).scalars()}
        return UnitFacts(
            meta.get("municipality", ""), meta.get("unit", ""), meta.get("demo") == "1"
        )

    def security_status(self) -> SecurityStatus:
        store = self.ctx.require_store()
        self.ctx.require_user()
        header = store.header
        user_slots = header.user_slots()
        with store.session() as session:
            meta = {r.key: r.value for r in session.execute(select(StoreMeta)).scalars()}
            active = len(session.execute(select(UserRow.id).where(UserRow.active.is_(True))).all())
        kdf = min((s.kdf for s in user_slots), key=lambda k: (k.memory_kib, k.iterations))
        return SecurityStatus(
            device_binding=bool(header.device_binding) and all(s.device_bound for s in user_slots),
            binding_backend=header.device_binding,
            binding_available_here=self.ctx.device.available(),
            last_backup_utc=meta.get("last_backup_utc"),
            key_epoch=header.key_epoch,
            kdf_memory_mib=kdf.memory_kib // 1024,
            kdf_iterations=kdf.iterations,
            active_users=active,
            demo=meta.get("demo") == "1",
        )

    # -- users ---------------------------------------------------------------------------

    def list_users(self) -> list[UserInfo]:
        store, _ = self.ctx.require(Action.MANAGE_USERS)
        with store.session() as session:
            rows = session.execute(select(UserRow).order_by(UserRow.username)).scalars().all()
            return [_info(r) for r in rows]

    def add_user(
        self,
        username: str,
        full_name: str,
        roles: set[str],
        work_phone: str = "",
        work_email: str = "",
    ) -> str:
        """Create a user with a one-time password (returned, to hand over in person)."""
        store, admin = self.ctx.require(Action.MANAGE_USERS)
        name = accounts.normalize_username(username)
        full = accounts.normalize_full_name(full_name)
        try:
            role_set = parse_roles(roles)
        except ValueError:
            raise InvalidInput("Okänd roll.") from None
        if not role_set:
            raise InvalidInput("Välj minst en roll.")
        phone, email = accounts.check_work_contact(work_phone, work_email)
        if store.header.slot_for_username(name) is not None:
            raise InvalidInput("Användarnamnet finns redan.")
        user_id = vault.new_id()
        one_time = accounts.one_time_password()
        try:
            with store.session() as session:
                session.add(
                    UserRow(
                        id=user_id,
                        username=name,
                        full_name=full,
                        roles=",".join(r.value for r in Role if r in role_set),
                        active=True,
                        must_change_password=True,
                        created_utc=self.ctx.now().isoformat(timespec="seconds"),
                        work_phone=phone,
                        work_email=email,
                    )
                )
                session.flush()
                store.record(session, user_id=admin.user_id, action="user_added", object_id=user_id)
        except IntegrityError:
            raise InvalidInput("Användarnamnet finns redan (även avaktiverade räknas).") from None
        store.add_user_slot(
            user_id,
            name,
            one_time,
            kdf_for_new_slots(self.ctx),
            self.ctx.device_secret_for_new_slot(),
        )
        return one_time

    def issue_one_time_password(self, user_id: str) -> str:
        """A forgotten password: a new one-time password for an active user (audited)."""
        store, admin = self.ctx.require(Action.MANAGE_USERS)
        with store.session() as session:
            row = session.get(UserRow, user_id)
            if row is None or not row.active:
                raise InvalidInput("Användaren finns inte eller är avaktiverad.")
            row.must_change_password = True
            username = row.username
            store.record(
                session, user_id=admin.user_id, action="one_time_password_issued", object_id=user_id
            )
        one_time = accounts.one_time_password()
        store.add_user_slot(
            user_id,
            username,
            one_time,
            kdf_for_new_slots(self.ctx),
            self.ctx.device_secret_for_new_slot(),
        )
        return one_time

    def deactivate_user(self, user_id: str) -> None:
        """Take away a user's access: the slot goes and the database is re-keyed."""
        store, admin = self.ctx.require(Action.MANAGE_USERS)
        if user_id == admin.user_id:
            raise InvalidInput("Du kan inte avaktivera dig själv.")
        with store.session() as session:
            row = session.get(UserRow, user_id)
            if row is None or not row.active:
                raise InvalidInput("Användaren finns inte eller är redan avaktiverad.")
            if Role.ADMIN.value in row.roles.split(","):
                admins = [
                    r
                    for r in session.execute(
                        select(UserRow).where(UserRow.active.is_(True))
                    ).scalars()
                    if Role.ADMIN.value in r.roles.split(",")
                ]
                if len(admins) <= 1:
                    raise InvalidInput("Den sista administratören kan inte avaktiveras.")
            row.active = False
            row.deactivated_utc = self.ctx.now().isoformat(timespec="seconds")
            store.record(session, user_id=admin.user_id, action="user_removed", object_id=user_id)
        store.remove_slot_and_rekey(user_id)
        with store.session() as session:
            store.record(
                session,
                user_id=admin.user_id,
                action="store_rekeyed",
                object_id=str(store.header.key_epoch),
            )

    def replace_recovery_code(self) -> str:
        """A new recovery code (the old one stops working); returned to be shown once."""
        store, admin = self.ctx.require(Action.MANAGE_USERS)
        code = store.replace_recovery_slot(kdf_for_new_slots(self.ctx))
        with store.session() as session:
            store.record(session, user_id=admin.user_id, action="recovery_code_replaced")
        return code

    # -- settings ------------------------------------------------------------------------

    def idle_lock_minutes(self) -> int:
        """Minutes before the idle lock: IT's value when policy.json fixes it."""
        fixed = self.ctx.it_policy.idle_lock_minutes
        if fixed is not None:
            return fixed
        store = self.ctx.require_store()
        with store.session() as session:
            row = session.get(SettingRow, settings.IDLE_LOCK_MINUTES.key)
            return settings.IDLE_LOCK_MINUTES.parse(row.value if row else None)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        if self.ctx.it_policy.idle_lock_minutes is not None:
            raise InvalidInput(
                "Automatisk låsning är fastställd av IT (policy.json) och kan inte ändras här."
            )
        self._set_int(settings.IDLE_LOCK_MINUTES, minutes)

    def emergency_access_minutes(self) -> int:
        """How long a manager's nödåtkomst to a protected case lasts."""
        store = self.ctx.require_store()
        with store.session() as session:
            row = session.get(SettingRow, settings.EMERGENCY_ACCESS_MINUTES.key)
            return settings.EMERGENCY_ACCESS_MINUTES.parse(row.value if row else None)

    def set_emergency_access_minutes(self, minutes: int) -> None:
        self._set_int(settings.EMERGENCY_ACCESS_MINUTES, minutes)

    def implementation_plan_reminder_days(self) -> int:
        """Days after a genomförandeplan was requested until the provider is to be reminded."""
        return settings.IMPLEMENTATION_PLAN_REMINDER_DAYS.parse(
            self._stored(settings.IMPLEMENTATION_PLAN_REMINDER_DAYS.key)
        )

    def set_implementation_plan_reminder_days(self, days: int) -> None:
        self._set_int(settings.IMPLEMENTATION_PLAN_REMINDER_DAYS, days)

    def follow_up_interval_months(self) -> int:
        """Months between follow-ups of a running insats."""
        return settings.FOLLOW_UP_INTERVAL_MONTHS.parse(
            self._stored(settings.FOLLOW_UP_INTERVAL_MONTHS.key)
        )

    def set_follow_up_interval_months(self, months: int) -> None:
        self._set_int(settings.FOLLOW_UP_INTERVAL_MONTHS, months)

    def provider_client_identity(self) -> str:
        """The client's identity on documents for a provider: "full" or "birth_date"."""
        return settings.PROVIDER_CLIENT_IDENTITY.parse(
            self._stored(settings.PROVIDER_CLIENT_IDENTITY.key)
        )

    def set_provider_client_identity(self, choice: str) -> None:
        setting = settings.PROVIDER_CLIENT_IDENTITY
        self._set_text(setting.key, setting.validate(choice))

    def int_setting(self, setting: settings.IntSetting) -> int:
        """A number setting's value (its default when none is stored)."""
        return setting.parse(self._stored(setting.key))

    def set_int_setting(self, setting: settings.IntSetting, value: int) -> None:
        """Change a number setting (audited; out of range is refused with its own text)."""
        self._set_int(setting, value)

    def _stored(self, key: str) -> str | None:
        store = self.ctx.require_store()
        with store.session() as session:
            row = session.get(SettingRow, key)
            return row.value if row else None

    def _set_int(self, setting: settings.IntSetting, value: int) -> None:
        """Change a setting (audited); out-of-range values are refused with its own text."""
        store, admin = self.ctx.require(Action.CHANGE_SETTINGS)
        checked = setting.validate(value)
        with store.session() as session:
            row = session.get(SettingRow, setting.key)
            if row is None:
                session.add(SettingRow(key=setting.key, value=str(checked)))
            else:
                row.value = str(checked)
            store.record(
                session, user_id=admin.user_id, action="setting_changed", object_id=setting.key
            )

    def _set_text(self, key: str, value: str) -> None:
        """Change a validated setting value (audited)."""
        store, admin = self.ctx.require(Action.CHANGE_SETTINGS)
        with store.session() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value=value))
            else:
                row.value = value
            store.record(session, user_id=admin.user_id, action="setting_changed", object_id=key)

    def verify_audit_chain(self) -> list[str]:
        """Problems found in the audit chain (empty when intact)."""
        store, _ = self.ctx.require(Action.VIEW_SECURITY_STATUS)
        return store.verify_audit().problems
