"""Building the view models of the four documents of an insats from the store: vårdplan,
uppdrag, genomförandeplan and uppföljning.

Every field goes through the redaction policy for the document and recipient (`red.has`,
`red.opt`); the document pipeline then seals the model, which runs the case's scrubber over
every text in it (services/documents/pipeline.py). Nothing here writes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from vinr_desktop.domain.care_deadlines import PlanStatus
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.redaction import Field, Redactor
from vinr_desktop.services.care.common import (
    care_settings,
    decision_in_case,
    decision_of,
    implementation_view,
    provider_kind,
    signed_insats,
    user_names,
)
from vinr_desktop.services.care.follow_ups import follow_up_view
from vinr_desktop.services.care.plans import newest_signed, plan_view, plan_with_decision
from vinr_desktop.services.documents.redaction import document_head
from vinr_desktop.store.care_schema import (
    FollowUpRow,
    ImplementationPlanRow,
    ProviderRow,
)
from vinr_desktop.views.care_documents import (
    ActivityLine,
    AnswerLine,
    AssignmentDocument,
    CarePlanDocument,
    FollowUpDocument,
    GoalResultLine,
    ImplementationPlanDocument,
    InsatsBlock,
    PlanContent,
    ProviderBlock,
)

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork
    from vinr_desktop.views.care import CarePlanView, DecisionView


def insats_block(red: Redactor, view: DecisionView) -> InsatsBlock:
    provider = view.provider_name
    if view.provider_own:
        provider = "Egen insats (handläggaren)"
    return InsatsBlock(
        insats_label=view.insats_label,
        provider_name=provider,
        period_text=view.period_text,
        extent=view.extent,
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
        goals=tuple((g.text, g.indicator) for g in plan.goals) if red.has(Field.GOALS) else None,
        responsibilities=tuple((r.role_label, r.text) for r in plan.responsibilities)
        if red.has(Field.RESPONSIBILITIES)
        else None,
        client_participation=red.opt(Field.CLIENT_PARTICIPATION, plan.client_participation),
        client_view=red.opt(Field.CLIENT_PARTICIPATION, plan.client_view),
        children_needs=red.opt(Field.CHILDREN_NEEDS, plan.children_needs),
        follow_up_on=plan.follow_up_on if follow else None,
        follow_up_how=red.opt(Field.FOLLOW_UP_PLAN, plan.follow_up_how),
    )


# -- the four documents of an insats ---------------------------------------------------------


def care_plan_document(work: CaseWork, red: Redactor, plan_id: str) -> CarePlanDocument:
    found = plan_with_decision(work, plan_id)
    return CarePlanDocument(
        head=document_head(work, red, draft=found.plan.is_draft),
        insats=insats_block(red, found.decision) if red.has(Field.INSATS) else None,
        plan=plan_content(red, found.plan),
    )


def assignment_document(work: CaseWork, red: Redactor, decision_id: str) -> AssignmentDocument:
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
        head=document_head(work, red),
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
    work: CaseWork, red: Redactor, decision_id: str
) -> ImplementationPlanDocument:
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
        head=document_head(work, red),
        insats=insats_block(red, decision),
        status_label=plan.status_label,
        requested_on=plan.requested_on,
        requested_how=plan.requested_how,
        received_on=plan.received_on,
        document_note=plan.document_note if shown else "",
        activities=tuple(
            ActivityLine(
                a.activity,
                a.goal,
                a.who,
                a.when,
                a.how,
            )
            for a in plan.activities
        )
        if shown
        else (),
        participation=plan.participation if shown else "",
        adopted_on=plan.adopted_on,
        follow_up=plan.follow_up if shown else "",
    )


def follow_up_document(work: CaseWork, red: Redactor, follow_up_id: str) -> FollowUpDocument:
    row = work.session.get(FollowUpRow, follow_up_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput("Uppföljningen finns inte i ärendet.")
    view = follow_up_view(work.session, row)
    decision = decision_of(work, decision_in_case(work, row.decision_id))
    results = red.has(Field.FOLLOW_UP_RESULTS) and red.has(Field.GOALS)
    return FollowUpDocument(
        head=document_head(work, red, draft=view.is_draft),
        insats=insats_block(red, decision),
        held_on=view.held_on,
        participants=view.participants_text,
        plan_version=view.plan_version,
        goals=tuple(
            GoalResultLine(g.position, g.goal_text, g.outcome_label, g.comment) for g in view.goals
        )
        if results
        else None,
        answers=tuple(AnswerLine(a.question_text, a.option_label, a.text) for a in view.answers)
        if red.has(Field.CLIENT_ANSWERS)
        else None,
        decision_label=view.decision_label,
        decision_text=view.decision_text,
        next_on=view.next_on,
        signed_by=view.signed_by,
    )


def _kind_label(code: str) -> str:
    kind = provider_kind(code)
    return kind.label if kind else ""
