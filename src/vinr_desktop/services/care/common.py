"""Pieces the care services share: the data lists, the settings read inside a transaction,
finding a decision of a case, and turning rows into views.

Drafts of decisions, vårdplaner and follow-ups are shared work of the case (a registered
application is a draft decision the stand-in must see), so anyone who may read the case sees
them and anyone who may write in it may continue them.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain import settings
from vinr_desktop.domain.care_deadlines import PLAN_STATUS_LABELS, plan_status
from vinr_desktop.domain.cases import ClosingReason, parse_closing_reasons
from vinr_desktop.domain.deadline_care_rules import next_reminder_due
from vinr_desktop.domain.decisions import (
    GRANTING,
    OUTCOME_LABELS,
    STATE_LABELS,
    DecisionOutcome,
    InsatsType,
    LegalGround,
    insats_state,
    parse_insats_types,
    period_text,
)
from vinr_desktop.domain.disclosure import BASIS_LABELS, DisclosureBasis, needs_basis
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.follow_ups import ClientQuestion, parse_questions
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.providers import ProviderKind, parse_provider_kinds
from vinr_desktop.resources import care_data, closing_reasons_data
from vinr_desktop.services.case_access import visible_cases_clause
from vinr_desktop.services.legal.grounds_file import bundled_legal_grounds, legal_grounds_in
from vinr_desktop.store.care_schema import (
    DecisionChildRow,
    DecisionRow,
    DisclosureRow,
    InsatsEndingRow,
    ProviderRow,
)
from vinr_desktop.store.care_schema import ImplementationActivityRow as A
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, PersonRow
from vinr_desktop.store.facts_schema import ImplementationReminderRow
from vinr_desktop.store.schema import SettingRow, UserRow
from vinr_desktop.views.care import (
    Activity,
    CareSettings,
    ChildAlong,
    DecisionView,
    ImplementationPlanView,
    InsatsEnding,
    ProviderView,
    ReceivedAs,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork, Viewer
    from vinr_desktop.store.care_schema import ImplementationPlanRow

DECISION_NOT_FOUND = "Beslutet finns inte i ärendet."


# -- the data lists -----------------------------------------------------------------------


def legal_grounds(session: Session | None = None) -> tuple[LegalGround, ...]:
    """The register's grounds (a corrected file if the administrator loaded one), or the
    bundled file's when no session is given."""
    return legal_grounds_in(session) if session is not None else bundled_legal_grounds()


@cache
def insats_types() -> tuple[InsatsType, ...]:
    return parse_insats_types(care_data("insats_types"))


@cache
def provider_kinds() -> tuple[ProviderKind, ...]:
    return parse_provider_kinds(care_data("provider_kinds"))


@cache
def client_questions() -> tuple[ClientQuestion, ...]:
    return parse_questions(care_data("follow_up_questions"))


@cache
def closing_reasons() -> tuple[ClosingReason, ...]:
    return parse_closing_reasons(closing_reasons_data())


def insats_type(code: str) -> InsatsType | None:
    return next((t for t in insats_types() if t.code == code), None)


def legal_ground(code: str, session: Session | None = None) -> LegalGround | None:
    return next((g for g in legal_grounds(session) if g.code == code), None)


def provider_kind(code: str) -> ProviderKind | None:
    return next((k for k in provider_kinds() if k.code == code), None)


# -- settings and small conversions --------------------------------------------------------


def care_settings(session: Session) -> CareSettings:
    keys = (
        settings.IMPLEMENTATION_PLAN_REMINDER_DAYS.key,
        settings.FOLLOW_UP_INTERVAL_MONTHS.key,
        settings.PROVIDER_CLIENT_IDENTITY.key,
    )
    stored = {
        k: v
        for k, v in session.execute(
            select(SettingRow.key, SettingRow.value).where(SettingRow.key.in_(keys))
        )
    }
    return CareSettings(
        reminder_days=settings.IMPLEMENTATION_PLAN_REMINDER_DAYS.parse(stored.get(keys[0])),
        interval_months=settings.FOLLOW_UP_INTERVAL_MONTHS.parse(stored.get(keys[1])),
        provider_identity=settings.PROVIDER_CLIENT_IDENTITY.parse(stored.get(keys[2])),
    )


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def user_names(session: Session) -> dict[str, str]:
    return {i: n for i, n in session.execute(select(UserRow.id, UserRow.full_name))}


# -- providers -----------------------------------------------------------------------------


def provider_view(row: ProviderRow) -> ProviderView:
    kind = provider_kind(row.kind)
    return ProviderView(
        provider_id=row.id,
        name=row.name,
        kind=row.kind,
        kind_label=kind.label if kind else row.kind,
        own=bool(kind and kind.own),
        street=row.street,
        postal_code=row.postal_code,
        city=row.city,
        phone=row.phone,
        email=row.email,
        contact_person=row.contact_person,
        takes_children=row.takes_children,
        agreement_ref=row.agreement_ref,
        quality_requirements=row.quality_requirements,
        permit_number=row.permit_number,
        active=row.active,
        public=row.public,
        ivo_notified=row.ivo_notified,
        confidentiality_by_contract=row.confidentiality_by_contract,
        price_per_night=row.price_per_night,
    )


# -- decisions -----------------------------------------------------------------------------


def decision_in_case(work: CaseWork, decision_id: str) -> DecisionRow:
    """The decision if it belongs to the case; else InvalidInput."""
    row = work.session.get(DecisionRow, decision_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput(DECISION_NOT_FOUND)
    return row


def signed_insats(work: CaseWork, decision_id: str) -> DecisionRow:
    """A signed decision that grants an insats (for plans and follow-ups)."""
    row = decision_in_case(work, decision_id)
    if row.signed_utc is None or DecisionOutcome(row.outcome) not in GRANTING:
        raise InvalidInput("Det finns ingen signerad insats att planera eller följa upp.")
    return row


def children_along(session: Session, viewer: Viewer, decision_id: str) -> tuple[ChildAlong, ...]:
    """The children coming along, each with its own case and decision if the user sees them."""
    rows = session.execute(
        select(PersonRow.id, PersonRow.first_name, PersonRow.last_name)
        .join(DecisionChildRow, DecisionChildRow.person_id == PersonRow.id)
        .where(DecisionChildRow.decision_id == decision_id)
        .order_by(PersonRow.birth_date)
    ).all()
    result = []
    for person_id, first, last in rows:
        own_case = session.execute(
            select(CaseRow.id, CaseRow.number)
            .join(CasePersonRow, CasePersonRow.case_id == CaseRow.id)
            .where(
                CasePersonRow.person_id == person_id,
                CasePersonRow.role == PersonRole.MAIN.value,
                visible_cases_clause(viewer),
            )
            .order_by(CaseRow.created_utc.desc())
            .limit(1)
        ).first()
        has_decision = False
        if own_case is not None:
            has_decision = (
                session.execute(
                    select(DecisionRow.id)
                    .where(
                        DecisionRow.case_id == own_case[0],
                        DecisionRow.signed_utc.is_not(None),
                        DecisionRow.outcome.in_([o.value for o in GRANTING]),
                    )
                    .limit(1)
                ).first()
                is not None
            )
        result.append(
            ChildAlong(
                person_id=person_id,
                name=" ".join(p for p in (first, last) if p),
                child_case_id=own_case[0] if own_case else None,
                child_case_number=own_case[1] if own_case else None,
                has_own_decision=has_decision,
            )
        )
    return tuple(result)


def decision_view(
    session: Session, viewer: Viewer, row: DecisionRow, names: dict[str, str], today: date
) -> DecisionView:
    outcome = DecisionOutcome(row.outcome)
    ground = legal_ground(row.legal_ground, session)
    kind = insats_type(row.insats_type)
    provider = session.get(ProviderRow, row.provider_id) if row.provider_id else None
    own = bool(provider and (k := provider_kind(provider.kind)) and k.own)
    ending_row = session.get(InsatsEndingRow, row.id)
    ending = None
    if ending_row is not None:
        reason = next((r for r in closing_reasons() if r.code == ending_row.reason), None)
        ending = InsatsEnding(
            ending_row.ended_on,
            ending_row.reason,
            reason.label if reason else ending_row.reason,
            ending_row.text,
            names.get(ending_row.ended_by, ""),
            ending_row.client_agreed,
            ending_row.decision_reasons,
        )
    state = insats_state(
        outcome,
        row.signed_utc is not None,
        day(row.period_from),
        day(row.period_to),
        day(ending_row.ended_on) if ending_row else None,
        today,
    )
    return DecisionView(
        decision_id=row.id,
        case_id=row.case_id,
        outcome=outcome,
        outcome_label=OUTCOME_LABELS[outcome],
        applied_on=row.applied_on or "",
        decided_on=row.decided_on or "",
        legal_ground=row.legal_ground,
        legal_ground_text=ground.text if ground else row.legal_ground,
        insats_type=row.insats_type,
        insats_label=kind.label if kind else row.insats_type,
        shelter=bool(kind and kind.shelter),
        provider_id=row.provider_id,
        provider_name=provider.name if provider else "",
        provider_own=own,
        period_from=row.period_from or "",
        period_to=row.period_to or "",
        period_text=period_text(row.period_from, row.period_to),
        extent=row.extent,
        motivation=row.motivation,
        children_along=children_along(session, viewer, row.id),
        created_by=names.get(row.created_by, ""),
        saved_utc=row.saved_utc,
        signed_by=names.get(row.signed_by or "", ""),
        signed_utc=row.signed_utc,
        ending=ending,
        state=state,
        state_label=STATE_LABELS[state],
        parent_decision_id=row.parent_decision_id,
        review_on=row.review_on or "",
        child_needs=row.child_needs,
        guardian_consent=row.guardian_consent,
        disclosure=basis_text(session, row.id),
        disclosure_needed=basis_needed(session, row),
    )


# -- genomförandeplan ---------------------------------------------------------------------


def decision_of(work: CaseWork, row: DecisionRow) -> DecisionView:
    """One of the case's decisions as the user sees it (the caller found it in the case)."""
    return decision_view(work.session, work.viewer, row, user_names(work.session), work.today)


def implementation_view(
    session: Session,
    decision: DecisionView,
    row: ImplementationPlanRow | None,
    names: dict[str, str],
    reminder_days: int,
    today: date,
) -> ImplementationPlanView:
    requested = day(row.requested_on) if row else None
    received = day(row.received_on) if row else None
    reminded: list[tuple[str, str]] = []
    if row is not None and row.requested_on is not None:
        reminded = [
            (r.reminded_on, r.how)
            for r in session.execute(
                select(ImplementationReminderRow)
                .where(ImplementationReminderRow.decision_id == row.decision_id)
                .order_by(ImplementationReminderRow.reminded_on, ImplementationReminderRow.id)
            ).scalars()
        ]
    # The next reminder counts from the latest contact: the request, or the last reminder.
    last_contact = day(reminded[-1][0]) if reminded else requested
    status = plan_status(
        own=decision.provider_own,
        requested_on=last_contact,
        received_on=received,
        reminder_days=reminder_days,
        today=today,
    )
    activities: tuple[Activity, ...] = ()
    if row is not None:
        activities = tuple(
            Activity(a.activity, a.goal, a.who, a.when_text, a.how)
            for a in session.execute(
                select(A).where(A.decision_id == row.decision_id).order_by(A.position)
            ).scalars()
        )
    due = ""
    if requested is not None and received is None and not decision.provider_own:
        last_reminder = day(reminded[-1][0]) if reminded else None
        due = next_reminder_due(requested, last_reminder, reminder_days).isoformat()
    return ImplementationPlanView(
        decision_id=decision.decision_id,
        own=decision.provider_own,
        status=status,
        status_label=PLAN_STATUS_LABELS[status],
        requested_on=(row.requested_on or "") if row else "",
        requested_how=row.requested_how if row else "",
        reminder_due=due,
        received_on=(row.received_on or "") if row else "",
        received_as=ReceivedAs(row.received_as) if row and row.received_as else None,
        document_note=row.document_note if row else "",
        activities=activities,
        participation=row.participation if row else "",
        adopted_on=(row.adopted_on or "") if row and row.adopted_on else "",
        follow_up=row.follow_up if row else "",
        updated_by=names.get(row.updated_by, "") if row else "",
        updated_utc=row.updated_utc if row else "",
        reminders=tuple(f"{on}\n{how}" for on, how in reminded),
        last_contact_on=last_contact.isoformat() if last_contact else "",
    )


def basis_needed(session: Session, decision: DecisionRow) -> bool:
    """The decision's provider is private: a basis is needed before details are given."""
    if decision.provider_id is None:
        return False
    provider = session.get(ProviderRow, decision.provider_id)
    if provider is None:
        return False
    kind = provider_kind(provider.kind)
    return needs_basis(provider.public, bool(kind and kind.own))


def basis_text(session: Session, decision_id: str) -> str:
    """The recorded basis in words, or ""."""
    row = session.get(DisclosureRow, decision_id)
    if row is None:
        return ""
    label = BASIS_LABELS[DisclosureBasis(row.basis)]
    return f"{label}: {row.note}" if row.note else label
