"""Risk assessments in a case: start one with the current instrument version, autosave the
draft, sign it (read-only from then on, a journal line written, the safety plans marked for
review), read it back with the questions it was made with, and record the contact fact.

Reading one assessment is in assessment_read.py; history, comparison and the flag in
history.py; the printed document's view in services/documents/risk_builder.py (made through the
document pipeline). Every method checks access with `case_work`: a case the user may not see is
"finns inte", a read-only relation cannot write.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import NOT_ANSWERED, FieldKind, Instrument
from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole, is_protected
from vinr_desktop.domain.risk import (
    CONTACT_LABELS,
    AssessmentDraft,
    ContactState,
    check_draft,
    check_signable,
    due_date,
    eligible_roles,
    is_external,
    judgement_text,
    missing_for_signing,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.services.risk.assessment_read import (
    NOT_FOUND,
    assessment_view,
    visible_assessment,
)
from vinr_desktop.services.risk.history import case_status, compare, history
from vinr_desktop.services.risk.instruments import (
    current_instrument,
    current_versions,
    known_versions,
    stored_instrument,
)
from vinr_desktop.services.risk.safety_plan_read import person_name
from vinr_desktop.services.risk.safety_plans import raise_reviews
from vinr_desktop.store.case_schema import CasePersonRow, PersonRow
from vinr_desktop.store.risk_schema import RiskAssessmentRow, RiskContactRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.risk import (
    AssessmentView,
    ComparisonView,
    PersonChoice,
    RiskHistory,
    RiskStatus,
)

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

SIGNED = "Bedömningen är signerad och kan inte ändras. Gör en ny bedömning."


class RiskService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- starting ------------------------------------------------------------------------

    def persons_for(self, case_id: str, instrument_id: str) -> list[PersonChoice]:
        """The persons in the case an assessment with this instrument can be about."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            found = current_versions(known_versions(work.session)).get(instrument_id)
            if found is None:
                raise InvalidInput("Instrumentet finns inte.")
            roles = eligible_roles(found.instrument.about, work.case.is_child_case)
            rows = work.session.execute(
                select(CasePersonRow.role, PersonRow)
                .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
                .where(CasePersonRow.case_id == case_id)
            ).all()
            order = list(PersonRole)
            choices = [
                PersonChoice(
                    person.id,
                    person_name(person.first_name, person.last_name),
                    PersonRole(role),
                    ROLE_LABELS[PersonRole(role)],
                    is_protected(person.protection_level),
                )
                for role, person in rows
                if PersonRole(role) in roles
            ]
            return sorted(choices, key=lambda c: (order.index(c.role), c.name))

    def start(self, case_id: str, instrument_id: str, person_id: str) -> str:
        """A new draft about `person_id` with the instrument's current version; its id."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            instrument = current_instrument(
                work.session, instrument_id, work.user.user_id, work.now_text
            )
            link = work.session.get(CasePersonRow, (case_id, person_id))
            roles = eligible_roles(instrument.about, work.case.is_child_case)
            if link is None or PersonRole(link.role) not in roles:
                raise InvalidInput(
                    "Personen finns inte i ärendet med en roll som instrumentet gäller."
                )
            row = RiskAssessmentRow(
                id=new_id(),
                case_id=case_id,
                person_id=person_id,
                instrument_id=instrument.instrument_id,
                instrument_version=instrument.version,
                subject=instrument.about.value,
                assessed_on=work.today.isoformat(),
                answers="{}",
                field_values="{}",
                victim_estimate="",
                protective_factors="",
                motivation="",
                actions="",
                author_id=work.user.user_id,
                created_utc=work.now_text,
                saved_utc=work.now_text,
            )
            work.session.add(row)
            work.session.flush()
            return row.id

    # -- drafts and signing --------------------------------------------------------------

    def save_draft(self, case_id: str, assessment_id: str, draft: AssessmentDraft) -> str:
        """Autosave: store what the form holds (cheap: one row). Returns the saved moment."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _own_draft(work, assessment_id)
            instrument = stored_instrument(work.session, row.instrument_id, row.instrument_version)
            check_draft(instrument, draft)
            _fill(row, draft, work.now_text)
            return row.saved_utc

    def missing(self, case_id: str, assessment_id: str, draft: AssessmentDraft) -> list[str]:
        """What must be filled in before signing (empty: ready); nothing is saved."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            row = visible_assessment(work, assessment_id)
            instrument = stored_instrument(work.session, row.instrument_id, row.instrument_version)
            return missing_for_signing(instrument, draft, work.today)

    def discard_draft(self, case_id: str, assessment_id: str) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            work.session.delete(_own_draft(work, assessment_id))

    def sign(self, case_id: str, assessment_id: str, draft: AssessmentDraft) -> AssessmentView:
        """Save and sign: checks the mandatory parts, locks the assessment, writes the journal
        line ("Riskbedömning genomförd, bedömd risk: hög"), marks the case's safety plans
        "ska ses över", and audits. Returns the signed assessment."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _own_draft(work, assessment_id)
            instrument = stored_instrument(work.session, row.instrument_id, row.instrument_version)
            check_signable(instrument, draft, work.today)
            assert draft.judgement is not None  # judgement is always mandatory
            _fill(row, draft, work.now_text)
            due = due_date(work.today, instrument, draft.judgement)
            row.signed_on = work.today.isoformat()
            row.due_on = due.isoformat()
            row.next_assessment_on = (draft.next_assessment_on or due).isoformat()
            row.signed_utc = work.now_text
            work.session.flush()
            add_event_entry(work, _journal_line(instrument, draft, row.next_assessment_on))
            work.record("risk_assessment_signed", object_id=row.id)
            raise_reviews(work, row.id)
            return assessment_view(work, row)

    # -- reading -------------------------------------------------------------------------

    def assessment(self, case_id: str, assessment_id: str) -> AssessmentView:
        """One assessment with its own instrument version (a draft only for its author)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return assessment_view(work, visible_assessment(work, assessment_id))

    def history(self, case_id: str) -> RiskHistory:
        """All assessments of the case over time, the judgement series and the status."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return history(work)

    def status(self, case_id: str) -> RiskStatus:
        """The contact fact, the newest assessment and whether the case is flagged."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return case_status(work)

    def compare(self, case_id: str, instrument_id: str) -> ComparisonView:
        """Signed assessments of one instrument side by side, item by item."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return compare(work, instrument_id)

    # -- the contact fact ----------------------------------------------------------------

    def set_contact(self, case_id: str, state: ContactState, noted_on: date) -> None:
        """Record whether a violent person has contact with the victim (journalled, audited)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            if noted_on > work.today:
                raise InvalidInput("Datumet kan inte ligga i framtiden.")
            row = work.session.get(RiskContactRow, case_id)
            if row is None:
                row = RiskContactRow(case_id=case_id)
                work.session.add(row)
            row.state = state.value
            row.noted_on = noted_on.isoformat()
            row.set_by = work.user.user_id
            row.set_utc = work.now_text
            add_event_entry(
                work,
                "Våldsutövaren har kontakt med den utsatta: "
                f"{CONTACT_LABELS[state].lower()} (uppgift från {noted_on.isoformat()}).",
            )
            work.record("risk_contact_set", object_id=state.value)


# -- helpers ------------------------------------------------------------------------------


def _own_draft(work: CaseWork, assessment_id: str) -> RiskAssessmentRow:
    row = visible_assessment(work, assessment_id)
    if row.signed_utc is not None:
        raise InvalidInput(SIGNED)
    if row.author_id != work.user.user_id:
        raise InvalidInput(NOT_FOUND)
    return row


def _fill(row: RiskAssessmentRow, draft: AssessmentDraft, now_text: str) -> None:
    answers = {
        item_id: [a.option, a.comment]
        for item_id, a in sorted(draft.answers.items())
        if a.option != NOT_ANSWERED or a.comment
    }
    row.answers = json.dumps(answers, ensure_ascii=False)
    row.field_values = json.dumps(
        {k: v for k, v in sorted(draft.field_values.items()) if v}, ensure_ascii=False
    )
    row.assessed_on = draft.assessed_on.isoformat() if draft.assessed_on else ""
    row.victim_estimate = draft.victim_estimate
    row.victim_level = draft.victim_level.value if draft.victim_level else None
    row.protective_factors = draft.protective_factors
    row.judgement = draft.judgement.value if draft.judgement else None
    row.motivation = draft.motivation
    row.actions = draft.actions
    row.next_assessment_on = (
        draft.next_assessment_on.isoformat() if draft.next_assessment_on else None
    )
    row.saved_utc = now_text


def _journal_line(instrument: Instrument, draft: AssessmentDraft, next_on: str | None) -> str:
    assert draft.judgement is not None
    text = judgement_text(instrument, draft.judgement)
    if is_external(instrument):
        chosen = next((f for f in instrument.fields if f.kind is FieldKind.CHOICE), None)
        name = draft.field_values.get(chosen.field_id, "").strip() if chosen else ""
        if name:
            text = f"{text} ({name})"
    line = f"{text}."
    if next_on:
        line += f" Nästa bedömning senast {next_on}."
    return line
