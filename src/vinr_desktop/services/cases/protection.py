"""Protection follows the address: who is protected as the protected are, though without a
level of their own, and the level the program proposes when such a person is linked.

A person follows a protected person's level when she is in a case with that person and
registered at the same address, or is that person's child (domain/persons.py). Lists and search
show her by initials, and documents neither print her contact details nor anything equal to
them (services/documents/redaction.py). Also here: a case is protected when any of its persons
has a level (`refresh_case_protection`), and giving a person the proposed level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import aliased

from vinr_desktop.domain.persons import (
    ContactDetails,
    FollowReason,
    PersonRole,
    ProtectionLevel,
    ProtectionProposal,
    is_protected,
    same_address,
    strongest,
)
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, PersonRelationRow, PersonRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork

_NONE = ProtectionLevel.NONE.value


def followed_levels(session: Session) -> dict[str, ProtectionLevel]:
    """Person id → the level a person without one of her own follows (the strongest, where
    she follows several). Read in two queries, whose size grows with the protected persons."""
    protected, other = aliased(PersonRow), aliased(PersonRow)
    mine, theirs = aliased(CasePersonRow), aliased(CasePersonRow)
    found: dict[str, list[str]] = {}
    for level, child_id in session.execute(
        select(protected.protection_level, PersonRelationRow.child_id)
        .join(protected, protected.id == PersonRelationRow.parent_id)
        .join(other, other.id == PersonRelationRow.child_id)
        .where(protected.protection_level != _NONE, other.protection_level == _NONE)
    ):
        found.setdefault(child_id, []).append(level)
    for level, street, postal, other_id, other_street, other_postal in session.execute(
        select(
            protected.protection_level,
            protected.street,
            protected.postal_code,
            other.id,
            other.street,
            other.postal_code,
        )
        .select_from(mine)
        .join(protected, protected.id == mine.person_id)
        .join(theirs, (theirs.case_id == mine.case_id) & (theirs.person_id != mine.person_id))
        .join(other, other.id == theirs.person_id)
        .where(
            protected.protection_level != _NONE,
            protected.street != "",
            other.protection_level == _NONE,
        )
    ):
        if same_address(street, postal, other_street, other_postal):
            found.setdefault(other_id, []).append(level)
    return {person_id: strongest(levels) for person_id, levels in found.items()}


def proposal(
    session: Session,
    case_id: str,
    role: PersonRole,
    contact: ContactDetails | None,
    person_id: str | None = None,
) -> ProtectionProposal | None:
    """The level to propose for a person about to be linked to the case, or None: the same
    level as a protected person of the case she is registered with, or the protected main
    person's level for a child of hers. `contact` is the address typed in the form; for a
    person already in the register (`person_id`) her stored address is used without it."""
    if person_id is not None:
        row = session.get(PersonRow, person_id)
        if row is None or is_protected(row.protection_level):
            return None
        if contact is None:
            contact = ContactDetails(row.street, row.postal_code)
    rows = session.execute(
        select(
            CasePersonRow.role, PersonRow.protection_level, PersonRow.street, PersonRow.postal_code
        )
        .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
        .where(
            CasePersonRow.case_id == case_id,
            PersonRow.protection_level != _NONE,
            PersonRow.id != (person_id or ""),
        )
    ).all()
    if role is PersonRole.CHILD:
        main = [level for r, level, _s, _p in rows if r == PersonRole.MAIN.value]
        if main:
            return ProtectionProposal(strongest(main), FollowReason.CHILD)
    if contact is None or not contact.street.strip():
        return None
    shared = [
        level
        for _r, level, street, postal in rows
        if same_address(street, postal, contact.street, contact.postal_code)
    ]
    return ProtectionProposal(strongest(shared), FollowReason.SAME_ADDRESS) if shared else None


def refresh_protection(session: Session, person_id: str) -> None:
    """Mark every case of this person protected or not, from all its persons' levels."""
    case_ids = session.execute(
        select(CasePersonRow.case_id).where(CasePersonRow.person_id == person_id)
    ).scalars()
    for case_id in list(case_ids):
        refresh_case_protection(session, case_id)


def refresh_case_protection(session: Session, case_id: str) -> None:
    levels = session.execute(
        select(PersonRow.protection_level)
        .join(CasePersonRow, CasePersonRow.person_id == PersonRow.id)
        .where(CasePersonRow.case_id == case_id)
    ).scalars()
    case = session.get(CaseRow, case_id)
    if case is not None:
        case.protected = any(is_protected(level) for level in levels)


def give_level(
    work: CaseWork, row: PersonRow, level: ProtectionLevel | None, now_text: str
) -> None:
    """Give a person without a level of her own the proposed one (audited as a change), and
    mark her cases protected."""
    if level is None or not is_protected(level) or is_protected(row.protection_level):
        return
    row.protection_level = level.value
    row.updated_utc = now_text
    work.session.flush()
    refresh_protection(work.session, row.id)
    work.record("person_changed", object_id=row.id)
