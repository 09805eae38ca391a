"""Building the redacted view models of the care documents from the store.

Every field goes through the redaction policy for the document and recipient
(domain/redaction.py) and every piece of free text through the scrubber: a protected person's
address and locating details are removed from every document, the violent person's name,
number and contact details from documents for the provider and the client. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from vinr_desktop.domain import redaction
from vinr_desktop.domain.care_deadlines import PlanStatus
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import PersonRole, is_protected
from vinr_desktop.domain.redaction import DocumentKind, Field, Recipient, Scrubber
from vinr_desktop.services.care_document_views import (
    ActivityLine,
    AnswerLine,
    AssignmentDocument,
    CarePlanDocument,
    DocumentHead,
    FollowUpDocument,
    GoalResultLine,
    ImplementationPlanDocument,
    InsatsBlock,
    PlanContent,
    ProviderBlock,
)

if TYPE_CHECKING:
    from vinr_desktop.services.care_views import CarePlanView, DecisionView
    from vinr_desktop.services.case_access import CaseWork
    from vinr_desktop.store.care_schema import DecisionRow
    from vinr_desktop.store.case_schema import PersonRow

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Redactor:
    """What one document for one recipient may hold, and the scrubber for its free text."""

    kind: DocumentKind
    recipient: Recipient
    fields: frozenset[Field]
    scrub: Scrubber

    def has(self, field: Field) -> bool:
        return field in self.fields

    def text(self, value: str) -> str:
        return self.scrub(value)

    def opt(self, field: Field, value: str) -> str | None:
        return self.scrub(value) if field in self.fields else None


def case_persons(work: CaseWork) -> list[tuple[str, PersonRow]]:
    """(role, person) for every person of the case."""
    from sqlalchemy import select

    from vinr_desktop.store.case_schema import CasePersonRow, PersonRow

    rows = work.session.execute(
        select(CasePersonRow.role, PersonRow)
        .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
        .where(CasePersonRow.case_id == work.case.id)
    ).all()
    return [(role, person) for role, person in rows]


def redactor(work: CaseWork, kind: DocumentKind, recipient: Recipient) -> Redactor:
    fields = redaction.fields_for(kind, recipient)
    secrets: list[str] = []
    for role, person in case_persons(work):
        if is_protected(person.protection_level):
            secrets += redaction.secrets_of_protected(
                person.street, person.postal_code, person.city, person.phone, person.email
            )
        if role == PersonRole.PERPETRATOR.value and redaction.hides_violent_person(recipient):
            secrets += redaction.secrets_of_violent_person(
                person.first_name,
                person.last_name,
                person.identity_value,
                person.street,
                person.phone,
                person.email,
            )
    return Redactor(kind, recipient, fields, Scrubber(secrets))


def head(work: CaseWork, red: Redactor, *, draft: bool = False) -> DocumentHead:
    from sqlalchemy import select

    from vinr_desktop.domain.persons import ContactDetails
    from vinr_desktop.resources import document_texts
    from vinr_desktop.services.care_common import care_settings
    from vinr_desktop.services.persons import full_name, identity_display
    from vinr_desktop.store.schema import StoreMeta, UserRow
    from vinr_desktop.store.vault import new_id

    meta = {
        r.key: r.value
        for r in work.session.execute(
            select(StoreMeta).where(StoreMeta.key.in_(("municipality", "unit")))
        ).scalars()
    }
    client = next(p for role, p in case_persons(work) if role == PersonRole.MAIN.value)
    mode = redaction.IdentityMode(care_settings(work.session).provider_identity)
    birth = date.fromisoformat(client.birth_date) if client.birth_date else None
    contact = None
    if red.has(Field.CLIENT_CONTACT) and not is_protected(client.protection_level):
        details = ContactDetails(client.street, client.postal_code, client.city, client.phone)
        contact = ", ".join(p for p in (details.address_text(), details.phone) if p)
    responsible = work.session.get(UserRow, work.case.responsible_user_id)
    return DocumentHead(
        document_id=new_id()[:16],
        kind=red.kind,
        title=document_texts()[redaction.TITLE_KEYS[red.kind]],
        recipient=red.recipient,
        recipient_label=redaction.RECIPIENT_LABELS[red.recipient],
        municipality=meta.get("municipality", ""),
        unit=meta.get("unit", ""),
        case_number=work.case.number if red.has(Field.CASE_NUMBER) else None,
        client_name=full_name(client) if red.has(Field.CLIENT_NAME) else None,
        client_identity=redaction.identity_text(
            identity_display(client), birth, red.recipient, mode
        )
        if red.has(Field.CLIENT_IDENTITY)
        else None,
        client_contact=contact,
        contact_person=(responsible.full_name if responsible else "")
        if red.has(Field.CONTACT_PERSON)
        else None,
        printed_by=work.user.full_name,
        printed_utc=work.now_text,
        draft=draft,
    )


def decision_of(work: CaseWork, row: DecisionRow) -> DecisionView:
    from vinr_desktop.services.care_common import decision_view, user_names

    return decision_view(work.session, work.viewer, row, user_names(work.session), work.today)


def insats_block(red: Redactor, view: DecisionView) -> InsatsBlock:
    provider = view.provider_name
    if view.provider_own:
        provider = "Egen insats (handläggaren)"
    return InsatsBlock(
        insats_label=view.insats_label,
        provider_name=provider,
        period_text=view.period_text,
        extent=red.text(view.extent),
        decided_on=view.decided_on,
        outcome_label=view.outcome_label if red.has(Field.DECISION_GROUNDS) else None,
        legal_ground_text=view.legal_ground_text if red.has(Field.DECISION_GROUNDS) else None,
        motivation=red.opt(Field.DECISION_GROUNDS, view.motivation),
    )


def plan_content(red: Redactor, plan: CarePlanView) -> PlanContent:
    follow = red.has(Field.FOLLOW_UP_PLAN)
    return PlanContent(
        version=plan.version,
        signed_by=plan.signed_by,
        signed_utc=plan.signed_utc,
        goals=tuple((red.text(g.text), red.text(g.indicator)) for g in plan.goals)
        if red.has(Field.GOALS)
        else None,
        responsibilities=tuple((r.role_label, red.text(r.text)) for r in plan.responsibilities)
        if red.has(Field.RESPONSIBILITIES)
        else None,
        client_participation=red.opt(Field.CLIENT_PARTICIPATION, plan.client_participation),
        client_view=red.opt(Field.CLIENT_PARTICIPATION, plan.client_view),
        children_needs=red.opt(Field.CHILDREN_NEEDS, plan.children_needs),
        follow_up_on=plan.follow_up_on if follow else None,
        follow_up_how=red.opt(Field.FOLLOW_UP_PLAN, plan.follow_up_how),
    )


# -- the four documents of an insats ---------------------------------------------------------


def care_plan_document(work: CaseWork, plan_id: str, recipient: Recipient) -> CarePlanDocument:
    from vinr_desktop.services.care_common import decision_in_case
    from vinr_desktop.services.care_plans import plan_view
    from vinr_desktop.store.care_schema import CarePlanRow

    red = redactor(work, DocumentKind.CARE_PLAN, recipient)
    row = work.session.get(CarePlanRow, plan_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput("Vårdplanen finns inte i ärendet.")
    plan = plan_view(work.session, row)
    decision = decision_of(work, decision_in_case(work, row.decision_id))
    return CarePlanDocument(
        head=head(work, red, draft=plan.is_draft),
        insats=insats_block(red, decision) if red.has(Field.INSATS) else None,
        plan=plan_content(red, plan),
    )


def assignment_document(
    work: CaseWork, decision_id: str, recipient: Recipient
) -> AssignmentDocument:
    from vinr_desktop.services.care_common import (
        care_settings,
        implementation_view,
        signed_insats,
        user_names,
    )
    from vinr_desktop.services.care_plans import newest_signed, plan_view
    from vinr_desktop.store.care_schema import ImplementationPlanRow, ProviderRow

    red = redactor(work, DocumentKind.ASSIGNMENT, recipient)
    row = signed_insats(work, decision_id)
    decision = decision_of(work, row)
    provider = work.session.get(ProviderRow, row.provider_id) if row.provider_id else None
    current = newest_signed(work.session, work.case.id, decision_id)
    reminder_days = care_settings(work.session).reminder_days
    implementation = implementation_view(
        work.session,
        decision,
        work.session.get(ImplementationPlanRow, decision_id),
        user_names(work.session),
        reminder_days,
        work.today,
    )
    due = implementation.reminder_due
    if not due and implementation.status is PlanStatus.NOT_REQUESTED:
        due = (work.today + timedelta(days=reminder_days)).isoformat()  # asked for in the letter
    terms = red.has(Field.PROVIDER_TERMS)
    return AssignmentDocument(
        head=head(work, red),
        insats=insats_block(red, decision),
        provider=ProviderBlock(
            name=provider.name if provider else "",
            kind_label=_kind_label(provider.kind) if provider else "",
            address=", ".join(
                p
                for p in (
                    provider.street if provider else "",
                    " ".join(q for q in (provider.postal_code, provider.city) if q)
                    if provider
                    else "",
                )
                if p
            ),
            phone=provider.phone if provider else "",
            email=provider.email if provider else "",
            contact_person=provider.contact_person if provider else "",
            permit_number=provider.permit_number if provider else "",
            agreement_ref=(provider.agreement_ref if provider else "") if terms else None,
            quality_requirements=(provider.quality_requirements if provider else "")
            if terms
            else None,
        ),
        plan=plan_content(red, plan_view(work.session, current)) if current else None,
        implementation_due=due,
        own=decision.provider_own,
    )


def implementation_document(
    work: CaseWork, decision_id: str, recipient: Recipient
) -> ImplementationPlanDocument:
    from vinr_desktop.services.care_common import (
        care_settings,
        implementation_view,
        signed_insats,
        user_names,
    )
    from vinr_desktop.store.care_schema import ImplementationPlanRow

    red = redactor(work, DocumentKind.IMPLEMENTATION_PLAN, recipient)
    decision = decision_of(work, signed_insats(work, decision_id))
    plan = implementation_view(
        work.session,
        decision,
        work.session.get(ImplementationPlanRow, decision_id),
        user_names(work.session),
        care_settings(work.session).reminder_days,
        work.today,
    )
    shown = red.has(Field.IMPLEMENTATION)
    return ImplementationPlanDocument(
        head=head(work, red),
        insats=insats_block(red, decision),
        status_label=plan.status_label,
        requested_on=plan.requested_on,
        requested_how=red.text(plan.requested_how),
        received_on=plan.received_on,
        document_note=red.text(plan.document_note) if shown else "",
        activities=tuple(
            ActivityLine(
                red.text(a.activity),
                red.text(a.goal),
                red.text(a.who),
                red.text(a.when),
                red.text(a.how),
            )
            for a in plan.activities
        )
        if shown
        else (),
        participation=red.text(plan.participation) if shown else "",
        adopted_on=plan.adopted_on,
        follow_up=red.text(plan.follow_up) if shown else "",
    )


def follow_up_document(work: CaseWork, follow_up_id: str, recipient: Recipient) -> FollowUpDocument:
    from vinr_desktop.services.care_common import decision_in_case
    from vinr_desktop.services.follow_ups import follow_up_view
    from vinr_desktop.store.care_schema import FollowUpRow

    red = redactor(work, DocumentKind.FOLLOW_UP, recipient)
    row = work.session.get(FollowUpRow, follow_up_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput("Uppföljningen finns inte i ärendet.")
    view = follow_up_view(work.session, row)
    decision = decision_of(work, decision_in_case(work, row.decision_id))
    results = red.has(Field.FOLLOW_UP_RESULTS) and red.has(Field.GOALS)
    return FollowUpDocument(
        head=head(work, red, draft=view.is_draft),
        insats=insats_block(red, decision),
        held_on=view.held_on,
        participants=red.text(view.participants_text),
        plan_version=view.plan_version,
        goals=tuple(
            GoalResultLine(g.position, red.text(g.goal_text), g.outcome_label, red.text(g.comment))
            for g in view.goals
        )
        if results
        else None,
        answers=tuple(
            AnswerLine(a.question_text, a.option_label, red.text(a.text)) for a in view.answers
        )
        if red.has(Field.CLIENT_ANSWERS)
        else None,
        decision_label=view.decision_label,
        decision_text=red.text(view.decision_text),
        next_on=view.next_on,
        signed_by=view.signed_by,
    )


def _kind_label(code: str) -> str:
    from vinr_desktop.services.care_common import provider_kind

    kind = provider_kind(code)
    return kind.label if kind else ""
