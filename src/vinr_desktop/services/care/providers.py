"""The provider register (utförare): one list for the unit, kept by handläggare and enhetschef
(Action.MANAGE_PROVIDERS; the administrator has no part in case work). Every change is an audit
event with the provider's id. A provider used by a decision is never deleted, only made
inactive, so old decisions keep their provider.
"""

from __future__ import annotations

from sqlalchemy import func, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.providers import ProviderInput, ProviderKind, check_provider
from vinr_desktop.services.care.common import provider_kinds, provider_view
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.care_schema import ProviderRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.care import ProviderView

NOT_FOUND = "Utföraren finns inte i registret."


class ProviderService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def kinds(self) -> tuple[ProviderKind, ...]:
        """The kinds of provider (resources/care/provider_kinds.json), in the order offered."""
        return provider_kinds()

    def list_providers(self, *, include_inactive: bool = False) -> tuple[ProviderView, ...]:
        """The register by name; inactive providers only when asked for."""
        store, _user = self.ctx.require(Action.MANAGE_PROVIDERS)
        with store.session() as session:
            query = select(ProviderRow).order_by(func.fold(ProviderRow.name), ProviderRow.id)
            if not include_inactive:
                query = query.where(ProviderRow.active.is_(True))
            return tuple(provider_view(r) for r in session.execute(query).scalars())

    def get(self, provider_id: str) -> ProviderView:
        store, _user = self.ctx.require(Action.MANAGE_PROVIDERS)
        with store.session() as session:
            row = session.get(ProviderRow, provider_id)
            if row is None:
                raise InvalidInput(NOT_FOUND)
            return provider_view(row)

    def add(self, provider: ProviderInput) -> str:
        """Add a provider; returns its id."""
        store, user = self.ctx.require(Action.MANAGE_PROVIDERS)
        clean = check_provider(provider, provider_kinds())
        now = self.ctx.now().isoformat(timespec="seconds")
        with store.session() as session:
            row = ProviderRow(id=new_id(), created_utc=now, updated_utc=now)
            _fill(row, clean)
            session.add(row)
            session.flush()
            store.record(session, user_id=user.user_id, action="provider_added", object_id=row.id)
            return row.id

    def update(self, provider_id: str, provider: ProviderInput) -> None:
        """Change a provider (its active flag too)."""
        store, user = self.ctx.require(Action.MANAGE_PROVIDERS)
        clean = check_provider(provider, provider_kinds())
        with store.session() as session:
            row = session.get(ProviderRow, provider_id)
            if row is None:
                raise InvalidInput(NOT_FOUND)
            _fill(row, clean)
            row.updated_utc = self.ctx.now().isoformat(timespec="seconds")
            store.record(
                session, user_id=user.user_id, action="provider_changed", object_id=provider_id
            )

    def set_active(self, provider_id: str, active: bool) -> None:
        """Take a provider out of use (or back); decisions keep it either way."""
        store, user = self.ctx.require(Action.MANAGE_PROVIDERS)
        with store.session() as session:
            row = session.get(ProviderRow, provider_id)
            if row is None:
                raise InvalidInput(NOT_FOUND)
            if row.active == active:
                return
            row.active = active
            row.updated_utc = self.ctx.now().isoformat(timespec="seconds")
            store.record(
                session,
                user_id=user.user_id,
                action="provider_changed",
                object_id=provider_id,
                reason="active" if active else "inactive",
            )


def _fill(row: object, clean: ProviderInput) -> None:
    assert isinstance(row, ProviderRow)
    row.name = clean.name
    row.kind = clean.kind
    row.street = clean.contact.street
    row.postal_code = clean.contact.postal_code
    row.city = clean.contact.city
    row.phone = clean.contact.phone
    row.email = clean.contact.email
    row.contact_person = clean.contact_person
    row.takes_children = clean.takes_children
    row.agreement_ref = clean.agreement_ref
    row.quality_requirements = clean.quality_requirements
    row.permit_number = clean.permit_number
    row.public = clean.public
    row.ivo_notified = clean.ivo_notified
    row.confidentiality_by_contract = clean.confidentiality_by_contract
    row.active = clean.active
    row.price_per_night = clean.price_per_night
