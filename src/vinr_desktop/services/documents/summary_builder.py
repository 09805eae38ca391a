"""Sammanställning: the whole case in one document for the file (akt) or the manager: case
facts, persons (the address of a protected person, or of one who lives with her, never),
markers, decisions and insatser, the current vårdplaner, follow-ups, and every signed journal
entry in date order.

Built in one read; a case with 2,000 journal entries must render within 3 seconds, so the
journal is read with one query and its authors from one dict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain.cases import (
    INTAKE_LABELS,
    PRELIMINARY_LABELS,
    STATUS_LABELS,
    CaseStatus,
    IntakeKind,
    PreliminaryOutcome,
)
from vinr_desktop.domain.follow_ups import GoalOutcome
from vinr_desktop.domain.journal import KIND_LABELS, EntryKind, source_text
from vinr_desktop.domain.markers import MARKERS
from vinr_desktop.domain.persons import (
    PROTECTION_LABELS,
    ROLE_LABELS,
    PersonRole,
    ProtectionLevel,
    is_protected,
)
from vinr_desktop.domain.redaction import Field, Redactor
from vinr_desktop.services.care.common import closing_reasons, decision_of, user_names
from vinr_desktop.services.care.follow_ups import follow_up_view
from vinr_desktop.services.care.plans import newest_signed, plan_view
from vinr_desktop.services.cases.cases import reporter_words
from vinr_desktop.services.cases.persons import full_name, identity_display
from vinr_desktop.services.documents.care_builder import plan_content
from vinr_desktop.services.documents.redaction import case_persons, document_head, hidden_persons
from vinr_desktop.store.care_schema import DecisionRow, FollowUpRow
from vinr_desktop.store.case_schema import CaseMarkerRow
from vinr_desktop.store.case_schema import JournalEntryRow as J
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.care_documents import (
    CaseSummaryDocument,
    DecisionLine,
    FollowUpLine,
    JournalLine,
    PersonLine,
    PlanContent,
)

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

FOLLOWS_TEXT = "Adressen skyddas"  # no level of her own, but she follows a protected person


def case_summary_document(work: CaseWork, red: Redactor, case_id: str) -> CaseSummaryDocument:
    """The summary of `case_id` (the case of `work`)."""
    assert case_id == work.case.id
    decisions, plans, follow_ups = _care(work, red)
    return CaseSummaryDocument(
        head=document_head(work, red),
        facts=_facts(work),
        persons=_persons(work, red),
        markers=_markers(work) if red.has(Field.MARKERS) else (),
        decisions=decisions,
        plans=plans,
        follow_ups=follow_ups,
        journal=_journal(work, red) if red.has(Field.JOURNAL) else (),
    )


def _facts(work: CaseWork) -> tuple[tuple[str, str], ...]:
    case = work.case
    responsible = work.session.get(UserRow, case.responsible_user_id)
    facts = [
        ("Ärendenummer", case.number),
        ("Status", STATUS_LABELS[CaseStatus(case.status)]),
        ("Aktualisering", f"{INTAKE_LABELS[IntakeKind(case.intake_kind)]} {case.intake_date}"),
        ("Ansvarig handläggare", responsible.full_name if responsible else ""),
    ]
    if reporter := reporter_words(case.reporter_kind, case.reporter_text):
        facts.append(("Anmälare", reporter))
    if case.protection_assessed_on:
        need = "inget omedelbart skyddsbehov"
        if case.protection_needed:
            need = "omedelbart skyddsbehov"
        facts.append(("Skyddsbedömning", f"{case.protection_assessed_on}: {need}"))
    if case.preliminary_decided_on and case.preliminary_outcome:
        outcome = PRELIMINARY_LABELS[PreliminaryOutcome(case.preliminary_outcome)]
        facts.append(("Förhandsbedömning", f"{case.preliminary_decided_on}: {outcome}"))
    if case.closed_on:
        reason = next((r.label for r in closing_reasons() if r.code == case.closing_reason), "")
        facts.append(("Avslutat", f"{case.closed_on}: {reason}"))
    return tuple(facts)


def _persons(work: CaseWork, red: Redactor) -> tuple[PersonLine, ...]:
    order = list(PersonRole)
    hidden = hidden_persons(work)
    lines = []
    for role, person in sorted(
        case_persons(work), key=lambda rp: (order.index(PersonRole(rp[0])), rp[1].birth_date or "")
    ):
        person_role = PersonRole(role)
        if person_role is not PersonRole.MAIN and not red.has(Field.PERSONS):
            continue
        if person_role is PersonRole.PERPETRATOR and not red.has(Field.VIOLENT_PERSON):
            continue
        protected = is_protected(person.protection_level)
        contact = ""
        if person.id not in hidden and red.has(Field.CLIENT_CONTACT):
            place = " ".join(p for p in (person.postal_code, person.city) if p)
            contact = ", ".join(p for p in (person.street, place, person.phone) if p)
        lines.append(
            PersonLine(
                role_label=ROLE_LABELS[person_role],
                name=full_name(person),
                identity=identity_display(person),
                contact=contact,
                protection_label=PROTECTION_LABELS[ProtectionLevel(person.protection_level)]
                if protected
                else (FOLLOWS_TEXT if person.id in hidden else ""),
            )
        )
    return tuple(lines)


def _markers(work: CaseWork) -> tuple[str, ...]:
    codes = set(
        work.session.execute(
            select(CaseMarkerRow.code).where(CaseMarkerRow.case_id == work.case.id)
        ).scalars()
    )
    return tuple(m.label for m in MARKERS if m.code in codes)


def _care(
    work: CaseWork, red: Redactor
) -> tuple[tuple[DecisionLine, ...], tuple[tuple[str, PlanContent], ...], tuple[FollowUpLine, ...]]:
    rows = work.session.execute(
        select(DecisionRow)
        .where(DecisionRow.case_id == work.case.id, DecisionRow.signed_utc.is_not(None))
        .order_by(DecisionRow.decided_on, DecisionRow.signed_utc)
    ).scalars()
    decisions, plans, follow_ups = [], [], []
    for row in list(rows):
        view = decision_of(work, row)
        decisions.append(
            DecisionLine(
                decided_on=view.decided_on,
                outcome_label=view.outcome_label,
                insats_label=view.insats_label,
                provider_name=view.provider_name,
                period_text=view.period_text,
                state_label=view.state_label if view.is_insats else "",
                legal_ground_text=view.legal_ground_text,
                motivation=view.motivation,
                signed_by=view.signed_by,
            )
        )
        plan = newest_signed(work.session, work.case.id, row.id)
        if plan is not None:
            plans.append((view.insats_label, plan_content(red, plan_view(work.session, plan))))
        for follow_row in work.session.execute(
            select(FollowUpRow)
            .where(FollowUpRow.decision_id == row.id, FollowUpRow.signed_utc.is_not(None))
            .order_by(FollowUpRow.held_on)
        ).scalars():
            f = follow_up_view(work.session, follow_row)
            counts = {o: sum(1 for g in f.goals if g.outcome is o) for o in GoalOutcome}
            follow_ups.append(
                FollowUpLine(
                    held_on=f.held_on,
                    insats_label=view.insats_label,
                    participants=f.participants_text,
                    goals_text=(
                        f"{counts[GoalOutcome.REACHED]} uppnådda, "
                        f"{counts[GoalOutcome.PARTLY]} delvis, "
                        f"{counts[GoalOutcome.NOT_REACHED]} inte uppnådda"
                    ),
                    decision_label=f.decision_label,
                    next_on=f.next_on,
                )
            )
    return tuple(decisions), tuple(plans), tuple(follow_ups)


def _journal(work: CaseWork, red: Redactor) -> tuple[JournalLine, ...]:
    names = user_names(work.session)
    rows = work.session.execute(
        select(
            J.id,
            J.event_date,
            J.kind,
            J.source,
            J.source_detail,
            J.text,
            J.author_id,
            J.corrects_id,
        )
        .where(J.case_id == work.case.id, J.signed_utc.is_not(None))
        .order_by(J.event_date, J.id)
    ).all()
    numbers = {row[0]: n for n, row in enumerate(rows, 1)}
    corrected = {row[7] for row in rows if row[7] is not None}
    return tuple(
        JournalLine(
            event_date=event_date,
            kind_label=KIND_LABELS[EntryKind(kind)],
            source_text=source_text(source or None, detail),
            author=names.get(author, ""),
            text=text,
            correction_of=numbers.get(corrects) if corrects is not None else None,
            corrected=entry_id in corrected,
            number=numbers[entry_id],
        )
        for entry_id, event_date, kind, source, detail, text, author, corrects in rows
    )
