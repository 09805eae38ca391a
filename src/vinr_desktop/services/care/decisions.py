"""Decisions (beslut) and the insatser they grant: draft, sign (read-only after, journalled),
end an insats early, and for a child coming along to skyddat boende, the child's own case with
a draft of the child's own decision (never signed by the program).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import decisions as rules
from vinr_desktop.domain.cases import IntakeKind, ReporterKind
from vinr_desktop.domain.child_placement import CONSENT_LABELS, consent_of
from vinr_desktop.domain.decisions import (
    GRANTING,
    OUTCOME_LABELS,
    DecisionDraft,
    DecisionOutcome,
    period_text,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.services.care.common import (
    closing_reasons,
    day,
    decision_in_case,
    decision_view,
    insats_types,
    iso,
    legal_grounds,
    provider_kind,
    provider_view,
    user_names,
)
from vinr_desktop.services.care.signing_gate import pass_gate, record_reason, warning_for
from vinr_desktop.services.case_access import case_work, may, relations_for
from vinr_desktop.services.cases.cases import CaseService
from vinr_desktop.services.cases.persons import link
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.care_schema import (
    DecisionChildRow,
    DecisionRow,
    InsatsEndingRow,
    ProviderRow,
)
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.care import ChildCaseResult, DecisionOptions, DecisionView
from vinr_desktop.views.cases import NewCase

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

SIGNED = "Beslutet är signerat och kan inte ändras."
CHILD_MARKERS = ("target_child_witness",)  # barn som bevittnat våld


class DecisionService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- reading -------------------------------------------------------------------------

    def options(self, case_id: str) -> DecisionOptions:
        """What the decision form offers for this case."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            providers = work.session.execute(
                select(ProviderRow)
                .where(ProviderRow.active.is_(True))
                .order_by(func.fold(ProviderRow.name))
            ).scalars()
            return DecisionOptions(
                legal_grounds=legal_grounds(work.session),
                insats_types=insats_types(),
                outcomes=tuple((o, OUTCOME_LABELS[o]) for o in DecisionOutcome),
                providers=tuple(provider_view(p) for p in providers),
                closing_reasons=tuple((r.code, r.label) for r in closing_reasons()),
                is_child_case=work.case.is_child_case,
            )

    def list_decisions(self, case_id: str) -> tuple[DecisionView, ...]:
        """The case's decisions, drafts first, then newest decision first."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = work.session.execute(
                select(DecisionRow).where(DecisionRow.case_id == case_id)
            ).scalars()
            names = user_names(work.session)
            views = [decision_view(work.session, work.viewer, r, names, work.today) for r in rows]
        views.sort(key=lambda v: (v.is_draft, v.decided_on or v.saved_utc), reverse=True)
        return tuple(views)

    def get(self, case_id: str, decision_id: str) -> DecisionView:
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            row = decision_in_case(work, decision_id)
            return decision_view(
                work.session, work.viewer, row, user_names(work.session), work.today
            )

    # -- writing -------------------------------------------------------------------------

    def save_draft(self, case_id: str, decision_id: str | None, draft: DecisionDraft) -> str:
        """Save the form as a draft (a registered application is one); returns its id."""
        rules.check_draft(draft)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _draft_row(work, decision_id)
            _fill(work, row, draft)
            return row.id

    def discard_draft(self, case_id: str, decision_id: str) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _draft_row(work, decision_id)
            work.session.execute(
                delete(DecisionChildRow).where(DecisionChildRow.decision_id == row.id)
            )
            work.session.delete(row)

    def sign(
        self,
        case_id: str,
        decision_id: str | None,
        draft: DecisionDraft,
        *,
        communication_reason: str = "",
    ) -> str:
        """Save and sign: the decision is then read-only and written to the journal. A
        decision going against the client without complete kommunicering needs
        `communication_reason` (CommunicationReasonNeeded says why; signing_gate.py)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            return _sign(work, decision_id, draft, communication_reason=communication_reason)

    def communication_warning(
        self, case_id: str, decision_id: str | None, draft: DecisionDraft
    ) -> str | None:
        """Why signing this draft now would ask for a reason (kommunicering), or None."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            on = draft.decided_on or work.today
            return warning_for(work.session, decision_id, draft.outcome, on)

    def end_insats(
        self,
        case_id: str,
        decision_id: str,
        ended_on: date,
        reason_code: str,
        text: str,
        *,
        client_agreed: bool = True,
        decision_reasons: str = "",
    ) -> None:
        """End a running insats before its period is over, with a closing reason and text.
        When the client does not agree, the end is a signed decision with its reasons, which
        she can appeal."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = decision_in_case(work, decision_id)
            if row.signed_utc is None or DecisionOutcome(row.outcome) not in GRANTING:
                raise InvalidInput("Bara en beviljad, signerad insats kan avslutas.")
            if work.session.get(InsatsEndingRow, row.id) is not None:
                raise InvalidInput("Insatsen är redan avslutad.")
            reason = next((r for r in closing_reasons() if r.code == reason_code), None)
            if reason is None:
                raise InvalidInput("Välj en orsak till avslutet.")
            start = day(row.period_from)
            assert start is not None  # a signed granting decision has a period
            rules.check_ending(
                start,
                day(row.period_to),
                ended_on,
                work.today,
                text,
                client_agreed=client_agreed,
                decision_reasons=decision_reasons,
            )
            work.session.add(
                InsatsEndingRow(
                    decision_id=row.id,
                    ended_on=ended_on.isoformat(),
                    reason=reason.code,
                    text=text.strip(),
                    ended_by=work.user.user_id,
                    ended_utc=work.now_text,
                    client_agreed=client_agreed,
                    decision_reasons=decision_reasons.strip() if not client_agreed else "",
                )
            )
            label = _insats_label(row)
            if client_agreed:
                entry = (
                    f"Insats avslutad {ended_on.isoformat()} i samförstånd med klienten: "
                    f"{label}. Orsak: {reason.label}.\n{text.strip()}"
                )
            else:
                entry = (
                    f"Beslut {work.today.isoformat()}: insatsen {label} upphör "
                    f"{ended_on.isoformat()} mot klientens önskan. Orsak: {reason.label}.\n"
                    f"Skäl för beslutet: {decision_reasons.strip()}\n{text.strip()}\n"
                    "Beslutet kan överklagas."
                )
            add_event_entry(work, entry)
            work.record(
                "insats_ended" if client_agreed else "insats_end_decided",
                object_id=row.id,
                reason=reason.code,
            )

    # -- a child coming along to skyddat boende ------------------------------------------

    def prepare_child_placement(
        self, case_id: str, decision_id: str, child_person_id: str
    ) -> ChildCaseResult:
        """The child's own case (the child as main person, the parent linked as närstående) and
        a DRAFT decision in it, for a child coming along to skyddat boende: the same insats,
        provider, period and dates as the parent's. Never signed here: the handläggare writes
        the child's own needs, the guardians' consent, the ground that follows from it and the
        reason, and signs. A case the child already has, that the user may write in, is used;
        a draft already prepared from this decision is returned again."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            parent = _shelter_parent(work, decision_id, child_person_id)
            if DecisionOutcome(parent.outcome) not in GRANTING or parent.signed_utc is None:
                raise InvalidInput("Signera beslutet om skyddat boende först.")
            draft = _child_draft(parent)
            parent_person = _main_person(work)
            existing = _writable_child_case(work, child_person_id)
        new_case = existing is None
        if existing is None:
            ref = CaseService(self.ctx).register(
                NewCase(
                    intake_kind=IntakeKind.INITIATIVE,
                    intake_date=draft.decided_on or work.today,
                    reporter_kind=ReporterKind.NONE,
                    reporter_text="",
                    main_person_id=child_person_id,
                    markers=CHILD_MARKERS,
                )
            )
            child_case_id, number = ref.case_id, ref.number
        else:
            child_case_id, number = existing
        with case_work(self.ctx, child_case_id, Action.WRITE_CASE) as child_work:
            _link_parent(child_work, parent_person)
            child_decision = _prepared_draft(child_work, decision_id)
            made = child_decision is None
            if child_decision is None:
                row = _draft_row(child_work, None)
                _fill(child_work, row, draft)
                row.parent_decision_id = decision_id
                child_decision = row.id
                add_event_entry(
                    child_work,
                    "Utkast till beslut om skyddat boende för barnet, som följer med sin "
                    "vårdnadshavare. Barnets behov, vårdnadshavarnas samtycke, lagrum och "
                    "motivering fylls i innan beslutet signeras.",
                )
                child_work.record("decision_prepared", object_id=row.id)
        if made:
            with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
                add_event_entry(
                    work,
                    f"Barn som följer med till skyddat boende: eget ärende {number} med ett "
                    "utkast till barnets eget beslut.",
                )
        return ChildCaseResult(child_case_id, number, child_decision, new_case)


# -- helpers ------------------------------------------------------------------------------


def _draft_row(work: CaseWork, decision_id: str | None) -> DecisionRow:
    if decision_id is None:
        row = DecisionRow(
            id=new_id(),
            case_id=work.case.id,
            outcome=DecisionOutcome.APPLIED.value,
            created_by=work.user.user_id,
            created_utc=work.now_text,
            saved_utc=work.now_text,
        )
        work.session.add(row)
        return row
    row = decision_in_case(work, decision_id)
    if row.signed_utc is not None:
        raise InvalidInput(SIGNED)
    return row


def _fill(work: CaseWork, row: DecisionRow, draft: DecisionDraft) -> None:
    if draft.provider_id is not None and work.session.get(ProviderRow, draft.provider_id) is None:
        raise InvalidInput("Utföraren finns inte i registret.")
    row.outcome = draft.outcome.value
    row.applied_on = iso(draft.applied_on)
    row.decided_on = iso(draft.decided_on)
    row.legal_ground = draft.legal_ground
    row.insats_type = draft.insats_type
    row.provider_id = draft.provider_id
    row.period_from = iso(draft.period_from)
    row.period_to = iso(draft.period_to)
    row.review_on = iso(draft.review_on) if draft.outcome is not DecisionOutcome.REFUSED else None
    row.extent = draft.extent.strip()
    row.motivation = draft.motivation.strip()
    row.child_needs = draft.child_needs.strip()
    row.guardian_consent = draft.guardian_consent
    row.saved_utc = work.now_text
    work.session.flush()
    work.session.execute(delete(DecisionChildRow).where(DecisionChildRow.decision_id == row.id))
    for person_id in dict.fromkeys(draft.children_along):
        link = work.session.get(CasePersonRow, (work.case.id, person_id))
        if link is None or PersonRole(link.role) is not PersonRole.CHILD:
            raise InvalidInput("Barnet som följer med finns inte som barn i ärendet.")
        work.session.add(DecisionChildRow(decision_id=row.id, person_id=person_id))
    work.session.flush()


def _sign(
    work: CaseWork,
    decision_id: str | None,
    draft: DecisionDraft,
    *,
    parent_decision_id: str | None = None,
    communication_reason: str = "",
) -> str:
    ground, insats = rules.check_signable(
        draft,
        work.today,
        legal_grounds(work.session),
        insats_types(),
        child=work.case.is_child_case,
    )
    assert draft.decided_on is not None  # check_signable
    warning = pass_gate(work, decision_id, draft.outcome, draft.decided_on, communication_reason)
    provider = None
    if draft.provider_id is not None:
        provider = work.session.get(ProviderRow, draft.provider_id)
        if provider is None or (not provider.active and draft.outcome in GRANTING):
            raise InvalidInput("Utföraren finns inte eller är inte längre i bruk.")
        if draft.children_along and draft.outcome in GRANTING and not provider.takes_children:
            raise InvalidInput("Utföraren tar inte emot barn. Välj en annan utförare.")
    row = _draft_row(work, decision_id)
    _fill(work, row, draft)
    if parent_decision_id is not None:
        row.parent_decision_id = parent_decision_id
    row.signed_by = work.user.user_id
    row.signed_utc = work.now_text
    work.session.flush()
    decided = draft.decided_on
    assert decided is not None
    text = (
        f"Beslut {decided.isoformat()}: {OUTCOME_LABELS[draft.outcome].lower()} – "
        f"{insats.label}. Lagrum: {ground.text}."
    )
    if draft.outcome in GRANTING and provider is not None:
        kind = provider_kind(provider.kind)
        who = kind.label if kind is not None and kind.own else provider.name
        text += (
            f"\nUtförare: {who}. Period: {period_text(draft.period_from, draft.period_to)}."
            f" Omfattning: {draft.extent.strip()}."
        )
        if draft.review_on is not None:
            text += f" Omprövas senast {draft.review_on.isoformat()}."
    if draft.children_along:
        text += f"\nBarn som följer med: {len(set(draft.children_along))}."
    if (consent := consent_of(draft.guardian_consent)) is not None:
        text += f"\nVårdnadshavarnas samtycke: {CONSENT_LABELS[consent].lower()}."
    if draft.child_needs.strip():
        text += f"\nBarnets behov: {draft.child_needs.strip()}"
    text += f"\nMotivering: {draft.motivation.strip()}"
    add_event_entry(work, text, decided if decided <= work.today else None)
    work.record("decision_signed", object_id=row.id, reason=draft.outcome.value)
    if warning is not None:
        record_reason(work, row.id, warning, communication_reason)
    return row.id


def _child_draft(parent: DecisionRow) -> DecisionDraft:
    """The child's draft from the parent's decision; ground, needs and reason left empty."""
    return DecisionDraft(
        outcome=DecisionOutcome(parent.outcome),
        applied_on=day(parent.applied_on),
        decided_on=day(parent.decided_on),
        legal_ground="",
        insats_type=parent.insats_type,
        provider_id=parent.provider_id,
        period_from=day(parent.period_from),
        period_to=day(parent.period_to),
        extent=parent.extent,
        motivation="",
        review_on=day(parent.review_on),
    )


def _prepared_draft(work: CaseWork, parent_decision_id: str) -> str | None:
    """A decision in this case already made beside the parent's (draft or signed)."""
    return work.session.execute(
        select(DecisionRow.id).where(
            DecisionRow.case_id == work.case.id,
            DecisionRow.parent_decision_id == parent_decision_id,
        )
    ).scalar()


def _insats_label(row: DecisionRow) -> str:
    kind = next((t for t in insats_types() if t.code == row.insats_type), None)
    label = kind.label if kind else row.insats_type
    return f"{label} ({period_text(row.period_from, row.period_to)})"


def _shelter_parent(work: CaseWork, decision_id: str, child_person_id: str) -> DecisionRow:
    row = decision_in_case(work, decision_id)
    kind = next((t for t in insats_types() if t.code == row.insats_type), None)
    if kind is None or not kind.shelter:
        raise InvalidInput("Beslutet gäller inte skyddat boende.")
    if work.session.get(DecisionChildRow, (row.id, child_person_id)) is None:
        raise InvalidInput("Barnet är inte angivet som medföljande i beslutet.")
    return row


def _main_person(work: CaseWork) -> str:
    return work.session.execute(
        select(CasePersonRow.person_id).where(
            CasePersonRow.case_id == work.case.id, CasePersonRow.role == PersonRole.MAIN.value
        )
    ).scalar_one()


def _writable_child_case(work: CaseWork, child_person_id: str) -> tuple[str, str] | None:
    """An open case with the child as main person that the user may write in."""
    cases = work.session.execute(
        select(CaseRow)
        .join(CasePersonRow, CasePersonRow.case_id == CaseRow.id)
        .where(
            CasePersonRow.person_id == child_person_id,
            CasePersonRow.role == PersonRole.MAIN.value,
            CaseRow.status != "closed",
        )
        .order_by(CaseRow.created_utc.desc())
    ).scalars()
    for case in cases:
        relations = relations_for(work.session, work.viewer, case)
        if may(work.user, Action.WRITE_CASE, relations):
            return case.id, case.number
    return None


def _link_parent(work: CaseWork, parent_person_id: str) -> None:
    """The parent in the child's case as närstående (a protected parent protects the case)."""
    if work.session.get(CasePersonRow, (work.case.id, parent_person_id)) is not None:
        return
    link(work.session, work.case.id, parent_person_id, PersonRole.RELATIVE, work.now_text)
    add_event_entry(work, "Person tillagd i ärendet som närstående.")
    work.record("person_linked", object_id=parent_person_id)
