"""A user's work phone and e-mail: set by the user herself, or by an administrator, and
printed on documents for providers and clients under the contact person at the municipality.

Changing them is audited (`user_contact_changed`, the user's id, no values).

Her first page after login (Ärenden or Bevakningar) is her own choice, kept as a settings row
of her own (settings.start_page_key) and audited as `setting_changed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from vinr_desktop.access.policy import OWN_ACCOUNT, Action
from vinr_desktop.domain import accounts, settings
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.schema import SettingRow, UserRow

if TYPE_CHECKING:
    from vinr_desktop.store.unlocked import Store


@dataclass(frozen=True)
class WorkContact:
    phone: str
    email: str


class ProfileService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def own_contact(self) -> WorkContact:
        """The logged-in user's work phone and e-mail."""
        store, user = self.ctx.require(Action.CHANGE_OWN_PASSWORD, OWN_ACCOUNT)
        return self._read(store, user.user_id)

    def set_own_contact(self, phone: str, email: str) -> None:
        store, user = self.ctx.require(Action.CHANGE_OWN_PASSWORD, OWN_ACCOUNT)
        self._write(store, user.user_id, user.user_id, phone, email)

    def own_start_page(self) -> str:
        """The page she sees first after login: "cases" (Ärenden) or "deadlines"."""
        store, user = self.ctx.require(Action.CHANGE_OWN_PASSWORD, OWN_ACCOUNT)
        with store.session() as session:
            row = session.get(SettingRow, settings.start_page_key(user.user_id))
            return settings.START_PAGE.parse(row.value if row else None)

    def set_own_start_page(self, choice: str) -> None:
        """Choose her own first page (audited, no other user's choice changes)."""
        store, user = self.ctx.require(Action.CHANGE_OWN_PASSWORD, OWN_ACCOUNT)
        checked = settings.START_PAGE.validate(choice)
        key = settings.start_page_key(user.user_id)
        with store.session() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value=checked))
            else:
                row.value = checked
            store.record(
                session,
                user_id=user.user_id,
                action="setting_changed",
                object_id=settings.START_PAGE.key,
            )

    def contact_of(self, user_id: str) -> WorkContact:
        """A user's work phone and e-mail (the administrator's view)."""
        store, _admin = self.ctx.require(Action.MANAGE_USERS)
        return self._read(store, user_id)

    def set_contact_of(self, user_id: str, phone: str, email: str) -> None:
        store, admin = self.ctx.require(Action.MANAGE_USERS)
        self._write(store, admin.user_id, user_id, phone, email)

    @staticmethod
    def _read(store: Store, user_id: str) -> WorkContact:
        with store.session() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise InvalidInput("Användaren finns inte.")
            return WorkContact(row.work_phone or "", row.work_email or "")

    @staticmethod
    def _write(store: Store, by: str, user_id: str, phone: str, email: str) -> None:
        clean_phone, clean_email = accounts.check_work_contact(phone, email)
        with store.session() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise InvalidInput("Användaren finns inte.")
            row.work_phone, row.work_email = clean_phone, clean_email
            store.record(session, user_id=by, action="user_contact_changed", object_id=user_id)
