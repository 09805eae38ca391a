"""The redaction step's inputs, read from the store: the `Redactor` of a document (its policy
and a scrubber that knows every protected detail of every person in the case), and the head
every document of a case starts with.

Whose details are secret, in every document for every recipient: each person of the case who is
protected or follows a protected person's level (same address, or a protected parent:
services/cases/protection.py), a protected parent of a person of the case, and every safe place
written in the case's safety plans. For the provider and the client also the violent person's
name, number and contact details. The register's own municipality name is not a secret.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain import redaction
from vinr_desktop.domain.persons import ContactDetails, PersonRole, is_protected
from vinr_desktop.domain.redaction import DocumentKind, Field, Recipient, Redactor
from vinr_desktop.domain.scrubber import Scrubber, Secret
from vinr_desktop.resources import document_texts
from vinr_desktop.services.care.common import care_settings
from vinr_desktop.services.cases.persons import full_name, identity_display
from vinr_desktop.services.cases.protection import followed_levels
from vinr_desktop.store.case_schema import CasePersonRow, PersonRelationRow, PersonRow
from vinr_desktop.store.risk_schema import SafetyPlanRow
from vinr_desktop.store.schema import StoreMeta, UserRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.documents import DocumentHead

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork


def store_meta(session: Session) -> dict[str, str]:
    """The register's municipality and unit (the letterhead)."""
    rows = session.execute(
        select(StoreMeta).where(StoreMeta.key.in_(("municipality", "unit")))
    ).scalars()
    return {r.key: r.value for r in rows}


def case_persons(work: CaseWork) -> list[tuple[str, PersonRow]]:
    """(role, person) for every person of the case."""
    rows = work.session.execute(
        select(CasePersonRow.role, PersonRow)
        .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
        .where(CasePersonRow.case_id == work.case.id)
    ).all()
    return [(role, person) for role, person in rows]


def hidden_persons(work: CaseWork) -> set[str]:
    """The persons of the case whose contact details no document prints: the protected and
    those who follow a protected person's level."""
    followers = followed_levels(work.session)
    return {
        person.id
        for _role, person in case_persons(work)
        if is_protected(person.protection_level) or person.id in followers
    }


def case_redactor(work: CaseWork, kind: DocumentKind, recipient: Recipient) -> Redactor:
    """The redaction step for one document of the case for one recipient."""
    redaction.fields_for(kind, recipient)  # InvalidInput before anything is read
    persons = case_persons(work)
    hidden = hidden_persons(work)
    ids = [person.id for _role, person in persons]
    parents = work.session.execute(
        select(PersonRow)
        .join(PersonRelationRow, PersonRelationRow.parent_id == PersonRow.id)
        .where(PersonRelationRow.child_id.in_(ids), PersonRow.protection_level != "none")
    ).scalars()
    secrets: list[Secret] = []
    for person in [p for _r, p in persons if p.id in hidden] + list(parents):
        secrets += redaction.secrets_of_protected(
            person.street, person.postal_code, person.city, person.phone, person.email
        )
    for places in work.session.execute(
        select(SafetyPlanRow.safe_places).where(SafetyPlanRow.case_id == work.case.id)
    ).scalars():
        secrets += redaction.secrets_of_safe_places(places)
    if redaction.hides_violent_person(recipient):
        for role, person in persons:
            if role == PersonRole.PERPETRATOR.value:
                secrets += redaction.secrets_of_violent_person(
                    person.first_name,
                    person.last_name,
                    person.identity_value,
                    person.street,
                    person.phone,
                    person.email,
                )
    municipality = store_meta(work.session).get("municipality", "")
    return Redactor(kind, recipient, Scrubber(secrets, municipality))


def register_redactor(session: Session, kind: DocumentKind, recipient: Recipient) -> Redactor:
    """The redaction step for a document about the register rather than one case (the log
    review): the details of every protected person and every safe place in the register."""
    redaction.fields_for(kind, recipient)
    followers = list(followed_levels(session))
    secrets: list[Secret] = []
    for person in session.execute(
        select(PersonRow).where(
            (PersonRow.protection_level != "none") | PersonRow.id.in_(followers)
        )
    ).scalars():
        secrets += redaction.secrets_of_protected(
            person.street, person.postal_code, person.city, person.phone, person.email
        )
    for places in session.execute(select(SafetyPlanRow.safe_places)).scalars():
        secrets += redaction.secrets_of_safe_places(places)
    municipality = store_meta(session).get("municipality", "")
    return Redactor(kind, recipient, Scrubber(secrets, municipality))


def document_head(work: CaseWork, red: Redactor, *, draft: bool = False) -> DocumentHead:
    """The head of a document of the case, as far as the recipient may see it."""
    meta = store_meta(work.session)
    client = next(p for role, p in case_persons(work) if role == PersonRole.MAIN.value)
    mode = redaction.IdentityMode(care_settings(work.session).provider_identity)
    birth = date.fromisoformat(client.birth_date) if client.birth_date else None
    contact = None
    if red.has(Field.CLIENT_CONTACT) and client.id not in hidden_persons(work):
        details = ContactDetails(client.street, client.postal_code, client.city, client.phone)
        contact = ", ".join(p for p in (details.address_text(), details.phone) if p)
    responsible = work.session.get(UserRow, work.case.responsible_user_id)
    reach = ""
    if responsible is not None:
        reach = ", ".join(p for p in (responsible.work_phone, responsible.work_email) if p)
    return DocumentHead(
        document_id=new_id()[:16],
        kind=red.kind,
        title=document_texts()[redaction.TITLE_KEYS[red.kind]],
        recipient=red.recipient,
        recipient_label=redaction.RECIPIENT_LABELS[red.recipient],
        municipality=meta.get("municipality", ""),
        unit=meta.get("unit", ""),
        case_number=red.opt(Field.CASE_NUMBER, work.case.number),
        client_name=red.opt(Field.CLIENT_NAME, full_name(client)),
        client_identity=red.opt(
            Field.CLIENT_IDENTITY,
            redaction.identity_text(identity_display(client), birth, red.recipient, mode),
        ),
        client_contact=contact,
        contact_person=red.opt(
            Field.CONTACT_PERSON, responsible.full_name if responsible is not None else ""
        ),
        contact_details=red.opt(Field.CONTACT_DETAILS, reach) or None,
        printed_by=work.user.full_name,
        printed_utc=work.now_text,
        draft=draft,
    )
