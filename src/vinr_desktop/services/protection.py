"""Protection follows the address: who is protected as the protected are, though without a
level of their own, and the level the program proposes when such a person is linked.

A person follows a protected person's level when she is in a case with that person and
registered at the same address, or is that person's child (domain/persons.py). Lists and search
show her by initials, and documents neither print her contact details nor anything equal to
them (services/document_redaction.py). Nothing here writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_NONE = ProtectionLevel.NONE.value


def followed_levels(session: Session) -> dict[str, ProtectionLevel]:
    """Person id → the level a person without one of her own follows (the strongest, where
    she follows several). Read in two queries, whose size grows with the protected persons."""
    from sqlalchemy import select
    from sqlalchemy.orm import aliased

    from vinr_desktop.store.case_schema import CasePersonRow, PersonRelationRow, PersonRow

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


def shown_as_protected(session: Session, person_id: str, own_level: str) -> bool:
    """Whether lists show this person by initials: her own level, or one she follows."""
    return is_protected(own_level) or person_id in followed_levels(session)


def proposal(
    session: Session,
    case_id: str,
    role: PersonRole,
    contact: ContactDetails | None,
    person_id: str | None = None,
) -> ProtectionProposal | None:
    """The level to propose for a person about to be linked to the case (or linked already:
    `person_id`), or None: the same level as a protected person of the case she is registered
    with, or the protected main person's level for a child of hers."""
    from sqlalchemy import select

    from vinr_desktop.store.case_schema import CasePersonRow, PersonRow

    if person_id is not None:
        row = session.get(PersonRow, person_id)
        if row is None or is_protected(row.protection_level):
            return None
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
