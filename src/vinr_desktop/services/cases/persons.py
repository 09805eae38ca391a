"""Persons in cases: add, change, link to another case, link children in one step, and reveal
a protected person's contact details with a stated reason (audited).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import identity
from vinr_desktop.domain.cases import CaseStatus, check_reason, is_child
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import (
    ROLE_LABELS,
    ContactDetails,
    PersonRole,
    ProtectionLevel,
    ProtectionProposal,
    check_contact,
    check_identity_change,
    check_name,
    is_protected,
)
from vinr_desktop.services.case_access import (
    Viewer,
    case_work,
    viewer_of,
    visible_cases_clause,
)
from vinr_desktop.services.cases.protection import (
    followed_levels,
    give_level,
    proposal,
    refresh_case_protection,
    refresh_protection,
)
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry, today_for
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, PersonRelationRow, PersonRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.cases import PersonInput

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork


@dataclass(frozen=True)
class PersonMatch:
    """A person already in a case the user may see (to link instead of typing again)."""

    person_id: str
    name: str
    identity_display: str
    protected: bool  # shown as the protected are: her own level, or one she follows
    follows: bool = False  # no level of her own, but lives with (or is a child of) a protected


@dataclass(frozen=True)
class ChildCandidate:
    person_id: str
    name: str
    birth_date: str
    linked: bool  # already in this case


def validated_values(person: PersonInput, today: date) -> dict[str, object]:
    """Column values for a person row, or InvalidInput naming what to correct."""
    first, last = check_name(person.first_name, person.last_name)
    kind = person.identity_kind
    if kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
        ident = identity.parse_identity_number(person.identity_text, today=today)
    elif kind is IdentityKind.RESERVNUMMER:
        ident = identity.reserve_number(
            person.identity_text, person.identity_issuer, person.birth_date
        )
    else:
        ident = identity.no_number(person.birth_date, today=today)
    contact = check_contact(person.contact)
    language = person.language.strip()
    if person.interpreter_needed and not language:
        raise InvalidInput("Ange vilket språk tolken ska tala.")
    if len(language) > 100:
        raise InvalidInput("Språket är för långt (högst 100 tecken).")
    return {
        "identity_kind": ident.kind.value,
        "identity_value": ident.value,
        "identity_issuer": ident.issuer,
        "birth_date": ident.birth_date.isoformat() if ident.birth_date else None,
        "first_name": first,
        "last_name": last,
        "street": contact.street,
        "postal_code": contact.postal_code,
        "city": contact.city,
        "phone": contact.phone,
        "email": contact.email,
        "interpreter_needed": person.interpreter_needed,
        "language": language,
        "protection_level": ProtectionLevel(person.protection_level).value,
    }


def identity_display(row: PersonRow) -> str:
    birth = date.fromisoformat(row.birth_date) if row.birth_date else None
    return identity.Identity(
        IdentityKind(row.identity_kind), row.identity_value, row.identity_issuer, birth
    ).display()


def full_name(row: PersonRow) -> str:
    return " ".join(p for p in (row.first_name, row.last_name) if p)


def contact_of(row: PersonRow) -> ContactDetails:
    return ContactDetails(row.street, row.postal_code, row.city, row.phone, row.email)


def visible_persons(viewer: Viewer) -> Select[PersonRow]:
    """Persons who are in at least one case the user may read (a query to narrow further)."""
    return (
        select(PersonRow)
        .join(CasePersonRow, CasePersonRow.person_id == PersonRow.id)
        .join(CaseRow, CaseRow.id == CasePersonRow.case_id)
        .where(visible_cases_clause(viewer))
    )


def visible_person(session: Session, viewer: Viewer, person_id: str) -> PersonRow | None:
    """The person, if they are in at least one case the user may read."""
    query = visible_persons(viewer).where(PersonRow.id == person_id).limit(1)
    return session.execute(query).scalar_one_or_none()


def insert_person(
    session: Session, viewer: Viewer, values: dict[str, object], now_text: str
) -> PersonRow:
    """A new person row, or the existing one with the same number if the user may see it."""
    number = str(values["identity_value"])
    if values["identity_kind"] in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
        existing = session.execute(
            visible_persons(viewer).where(PersonRow.identity_value == number).limit(1)
        ).scalar_one_or_none()
        if existing is not None:
            return existing
    row = PersonRow(id=new_id(), created_utc=now_text, updated_utc=now_text, **values)
    session.add(row)
    session.flush()
    return row


def link(session: Session, case_id: str, person_id: str, role: PersonRole, now_text: str) -> None:
    if session.get(CasePersonRow, (case_id, person_id)) is not None:
        raise InvalidInput("Personen finns redan i ärendet.")
    session.add(
        CasePersonRow(case_id=case_id, person_id=person_id, role=role.value, added_utc=now_text)
    )
    session.flush()
    refresh_protection(session, person_id)


class PersonService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _now(self) -> str:
        return self.ctx.now().isoformat(timespec="seconds")

    def add_to_case(self, case_id: str, person: PersonInput, role: PersonRole) -> str:
        """Add a new person (or the visible one with the same number) to the case."""
        if role is PersonRole.MAIN:
            raise InvalidInput("Ärendet har redan en huvudperson.")
        today = today_for(self.ctx)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            values = validated_values(person, today)
            row = insert_person(work.session, work.viewer, values, self._now())
            link(work.session, case_id, row.id, role, self._now())
            if role is PersonRole.CHILD:
                _relate_child(work.session, case_id, row.id)
            add_event_entry(work, f"Person tillagd i ärendet som {_role_text(role)}.", today)
            work.record("person_linked", object_id=row.id)
            return row.id

    def link_existing(
        self,
        case_id: str,
        person_id: str,
        role: PersonRole,
        protection: ProtectionLevel | None = None,
    ) -> None:
        """Link a person from another case the user may see; `protection` gives her a level
        (the one proposed by `protection_proposal`) when she has none of her own."""
        if role is PersonRole.MAIN:
            raise InvalidInput("Ärendet har redan en huvudperson.")
        today = today_for(self.ctx)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = visible_person(work.session, work.viewer, person_id)
            if row is None:
                raise InvalidInput("Personen finns inte i något ärende du har tillgång till.")
            give_level(work, row, protection, self._now())
            link(work.session, case_id, person_id, role, self._now())
            if role is PersonRole.CHILD:
                _relate_child(work.session, case_id, person_id)
            add_event_entry(work, f"Person tillagd i ärendet som {_role_text(role)}.", today)
            work.record("person_linked", object_id=person_id)

    def update(self, case_id: str, person_id: str, person: PersonInput) -> None:
        """Change a person's details (through a case the user may write in)."""
        today = today_for(self.ctx)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            if work.session.get(CasePersonRow, (case_id, person_id)) is None:
                raise InvalidInput("Personen finns inte i ärendet.")
            row = work.session.get(PersonRow, person_id)
            assert row is not None
            values = validated_values(person, today)
            check_identity_change(
                ProtectionLevel(row.protection_level),
                ProtectionLevel(str(values["protection_level"])),
                (row.identity_kind, row.identity_value),
                (str(values["identity_kind"]), str(values["identity_value"])),
            )
            if is_protected(row.protection_level):
                # The form showed "Skyddad — visa" for hidden fields: an empty field means
                # "unchanged", never "erase" (a new phone number must not blank the address).
                for key in ("street", "postal_code", "city", "phone", "email"):
                    if not values[key]:
                        values.pop(key)
            birth_before = row.birth_date
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_utc = self._now()
            work.session.flush()
            refresh_protection(work.session, person_id)
            add_event_entry(work, "Personuppgifter ändrade.", today)
            if row.birth_date != birth_before:
                _refresh_child_cases(work, person_id, row.birth_date, today)
            work.record("person_changed", object_id=person_id)

    def set_role(self, case_id: str, person_id: str, role: PersonRole) -> None:
        today = today_for(self.ctx)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            link_row = work.session.get(CasePersonRow, (case_id, person_id))
            if link_row is None:
                raise InvalidInput("Personen finns inte i ärendet.")
            if PersonRole(link_row.role) is PersonRole.MAIN or role is PersonRole.MAIN:
                raise InvalidInput("Huvudpersonen kan inte bytas i ett ärende.")
            link_row.role = role.value
            add_event_entry(work, f"Personens roll ändrad till {_role_text(role)}.", today)
            work.record("person_role_changed", object_id=person_id)

    def unlink(self, case_id: str, person_id: str) -> None:
        today = today_for(self.ctx)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            link_row = work.session.get(CasePersonRow, (case_id, person_id))
            if link_row is None:
                raise InvalidInput("Personen finns inte i ärendet.")
            if PersonRole(link_row.role) is PersonRole.MAIN:
                raise InvalidInput("Huvudpersonen kan inte tas bort ur ärendet.")
            work.session.delete(link_row)
            work.session.flush()
            refresh_protection(work.session, person_id)
            refresh_case_protection(work.session, case_id)
            add_event_entry(work, "Person borttagen ur ärendet.", today)
            work.record("person_unlinked", object_id=person_id)

    def children_of_main_person(self, case_id: str) -> list[ChildCandidate]:
        """The main person's known children (from any case the user may see)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            main_id = _main_person_id(work.session, case_id)
            in_case = set(
                work.session.execute(
                    select(CasePersonRow.person_id).where(CasePersonRow.case_id == case_id)
                ).scalars()
            )
            child_ids = work.session.execute(
                select(PersonRelationRow.child_id).where(PersonRelationRow.parent_id == main_id)
            ).scalars()
            result = []
            for child_id in list(child_ids):
                row = visible_person(work.session, work.viewer, child_id)
                if row is not None:
                    result.append(
                        ChildCandidate(
                            row.id, full_name(row), row.birth_date or "", row.id in in_case
                        )
                    )
            return sorted(result, key=lambda c: c.birth_date)

    def link_children(
        self,
        case_id: str,
        existing_ids: Sequence[str],
        new_children: Sequence[PersonInput],
        protection: ProtectionLevel | None = None,
    ) -> int:
        """Link the main person's children to the case in one step; returns how many.
        `protection` gives each child without a level of her own that level (the protected
        main person's, as `protection_proposal` proposes)."""
        today = today_for(self.ctx)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            count = 0
            for person_id in existing_ids:
                row = visible_person(work.session, work.viewer, person_id)
                if row is None:
                    raise InvalidInput("Barnet finns inte i något ärende du har tillgång till.")
                give_level(work, row, protection, self._now())
                link(work.session, case_id, person_id, PersonRole.CHILD, self._now())
                _relate_child(work.session, case_id, person_id)
                work.record("person_linked", object_id=person_id)
                count += 1
            for child in new_children:
                values = validated_values(child, today)
                row = insert_person(work.session, work.viewer, values, self._now())
                give_level(work, row, protection, self._now())
                link(work.session, case_id, row.id, PersonRole.CHILD, self._now())
                _relate_child(work.session, case_id, row.id)
                work.record("person_linked", object_id=row.id)
                count += 1
            if count == 0:
                raise InvalidInput("Välj eller skriv in minst ett barn.")
            text = (
                "1 barn kopplat till ärendet."
                if count == 1
                else f"{count} barn kopplade till ärendet."
            )
            add_event_entry(work, text, today)
            return count

    def protection_proposal(
        self,
        case_id: str,
        role: PersonRole,
        contact: ContactDetails | None = None,
        person_id: str | None = None,
    ) -> ProtectionProposal | None:
        """The protection level to propose for a person being linked to the case — a new one
        with `contact`, or `person_id` from another case — or None (services/cases/protection.py).
        The answer names a level, never whose address it is."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            if (
                person_id is not None
                and visible_person(work.session, work.viewer, person_id) is None
            ):
                raise InvalidInput("Personen finns inte i något ärende du har tillgång till.")
            return proposal(work.session, case_id, role, contact, person_id)

    def find(self, text: str) -> list[PersonMatch]:
        """Persons in cases the user may see, by identity number or name (for linking)."""
        store, user = self.ctx.require(Action.SEARCH_CASES)
        words = text.strip()
        if len(words) < 2:
            return []
        digits = identity.search_digits(words)
        with store.session() as session:
            query = visible_persons(viewer_of(self.ctx, user))
            if digits is not None:
                query = query.where(PersonRow.identity_value.like(f"%{digits}"))
            else:
                pattern = f"%{words.casefold()}%"
                name = func.fold(PersonRow.first_name + " " + PersonRow.last_name)
                query = query.where(name.like(pattern))
            rows = session.execute(query.distinct().limit(20)).scalars().all()
            followers = followed_levels(session) if rows else {}
            return [
                PersonMatch(
                    r.id,
                    full_name(r),
                    identity_display(r),
                    is_protected(r.protection_level) or r.id in followers,
                    r.id in followers,
                )
                for r in rows
            ]

    def reveal_contact(self, case_id: str, person_id: str, reason: str) -> ContactDetails:
        """A protected person's contact details, for one view; the reveal is audited first."""
        cleaned = check_reason(reason, "Skälet")
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            if work.session.get(CasePersonRow, (case_id, person_id)) is None:
                raise InvalidInput("Personen finns inte i ärendet.")
            work.record("contact_revealed", object_id=person_id, reason=cleaned)
        # The audit event is committed; only now do the details leave the store.
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            row = work.session.get(PersonRow, person_id)
            assert row is not None
            return contact_of(row)


def _role_text(role: PersonRole) -> str:
    return ROLE_LABELS[role].lower()


def _main_person_id(session: Session, case_id: str) -> str:
    return session.execute(
        select(CasePersonRow.person_id).where(
            CasePersonRow.case_id == case_id, CasePersonRow.role == PersonRole.MAIN.value
        )
    ).scalar_one()


def _relate_child(session: Session, case_id: str, child_id: str) -> None:
    main_id = _main_person_id(session, case_id)
    if main_id != child_id and session.get(PersonRelationRow, (main_id, child_id)) is None:
        session.add(PersonRelationRow(parent_id=main_id, child_id=child_id))


def _refresh_child_cases(work: CaseWork, person_id: str, birth: str | None, today: date) -> None:
    """A main person's birth date given or changed: each open case of theirs is a child case
    or not by the age on its intake date (an unknown age stays a child case)."""
    born = date.fromisoformat(birth) if birth else None
    cases = work.session.execute(
        select(CaseRow)
        .join(CasePersonRow, CasePersonRow.case_id == CaseRow.id)
        .where(
            CasePersonRow.person_id == person_id,
            CasePersonRow.role == PersonRole.MAIN.value,
            CaseRow.status != CaseStatus.CLOSED.value,
        )
    ).scalars()
    for case in cases:
        child = is_child(born, date.fromisoformat(case.intake_date))
        if case.is_child_case == child:
            continue
        case.is_child_case = child
        if case.id == work.case.id:
            add_event_entry(
                work,
                "Ärendet hanteras nu som ett barnärende."
                if child
                else "Huvudpersonen var vuxen vid aktualiseringen: ärendet är inte ett barnärende.",
                today,
            )
        work.record("case_child_status_changed", object_id=case.id, reason=str(child).lower())
