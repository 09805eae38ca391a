"""Reading the letters of a decision: what the Insatser tab shows (`decision_letters`), the
facts the egenkontroll question asks about (`egenkontroll_facts`) and the facts of the
unsent-letter bevakning (`letter_facts`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from vinr_desktop.domain import appeals as rules
from vinr_desktop.domain.appeals import (
    COURT_LABELS,
    REVIEW_LABELS,
    TIMELINESS_LABELS,
    AppealState,
    CourtOutcome,
    ReviewOutcome,
    Timeliness,
)
from vinr_desktop.domain.communication import (
    ADVERSE,
    HOW_LABELS,
    CommunicationHow,
    SignedDecisionFacts,
)
from vinr_desktop.domain.decision_letters import DELIVERY_LABELS, DeliveryHow, LetterFacts
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.services.care.common import day, user_names
from vinr_desktop.services.care.signing_gate import (
    communication_of,
    communications_for,
    warning_for,
)
from vinr_desktop.services.letters.texts import DECISION_LETTER, languages
from vinr_desktop.store.care_schema import DecisionRow
from vinr_desktop.store.letter_schema import (
    CommunicationReasonRow,
    CommunicationRow,
    DecisionAppealRow,
    DecisionLetterRow,
)
from vinr_desktop.views.letters import AppealView, CommunicationView, DecisionLetters, SentView

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork


def egenkontroll_facts(session: Session, case_id: str) -> list[SignedDecisionFacts]:
    """Each signed decision of the case with its kommunicering (for the egenkontroll)."""
    return list(communication_facts(session, [case_id]).get(case_id, ()))


def communication_facts(
    session: Session, case_ids: Sequence[str]
) -> dict[str, tuple[SignedDecisionFacts, ...]]:
    """For many cases in three queries: each case's signed decisions with their kommunicering
    and the reason recorded when signed without it (the egenkontroll question's facts)."""
    decisions = session.execute(
        select(DecisionRow.id, DecisionRow.case_id, DecisionRow.outcome, DecisionRow.decided_on)
        .where(DecisionRow.case_id.in_(case_ids), DecisionRow.signed_utc.is_not(None))
        .order_by(DecisionRow.decided_on)
    ).all()
    ids = [d.id for d in decisions]
    items: dict[str, list[CommunicationRow]] = {}
    for row in session.execute(
        select(CommunicationRow)
        .where(CommunicationRow.decision_id.in_(ids))
        .order_by(CommunicationRow.communicated_on)
    ).scalars():
        items.setdefault(row.decision_id, []).append(row)
    reasons = dict(
        session.execute(
            select(CommunicationReasonRow.decision_id, CommunicationReasonRow.reason).where(
                CommunicationReasonRow.decision_id.in_(ids)
            )
        ).all()
    )
    facts: dict[str, list[SignedDecisionFacts]] = {}
    for d in decisions:
        facts.setdefault(d.case_id, []).append(
            SignedDecisionFacts(
                DecisionOutcome(d.outcome),
                day(d.decided_on) or date.min,
                tuple(communication_of(c) for c in items.get(d.id, [])),
                reasons.get(d.id, ""),
            )
        )
    return {case_id: tuple(f) for case_id, f in facts.items()}


def letter_facts(session: Session, case_ids: Sequence[str]) -> tuple[LetterFacts, ...]:
    """The signed decisions of the cases with whether their letter is sent, for the
    Bevakningar rule `unsent_letter_line` (domain/decision_letters.py). No access check: the
    caller (services/deadlines) reads for cases the user may see."""
    rows = session.execute(
        select(DecisionRow, DecisionLetterRow.decision_id)
        .outerjoin(DecisionLetterRow, DecisionLetterRow.decision_id == DecisionRow.id)
        .where(DecisionRow.case_id.in_(case_ids), DecisionRow.signed_utc.is_not(None))
    ).all()
    return tuple(
        LetterFacts(
            row.id, DecisionOutcome(row.outcome), day(row.decided_on) or date.min, sent is not None
        )
        for row, sent in rows
    )


def unsent_letters(session: Session, wanted: Any) -> dict[str, list[LetterFacts]]:
    """Per case (`wanted`: a subquery of case ids), its signed decisions going against her
    whose letter is not recorded as sent (the Bevakningar facts), in one query."""
    rows = session.execute(
        select(DecisionRow.case_id, DecisionRow.id, DecisionRow.outcome, DecisionRow.decided_on)
        .outerjoin(DecisionLetterRow, DecisionLetterRow.decision_id == DecisionRow.id)
        .where(
            DecisionRow.case_id.in_(wanted),
            DecisionRow.signed_utc.is_not(None),
            DecisionRow.outcome.in_([o.value for o in ADVERSE]),
            DecisionLetterRow.decision_id.is_(None),
        )
    ).all()
    found: dict[str, list[LetterFacts]] = {}
    for case_id, decision_id, outcome, decided_on in rows:
        found.setdefault(case_id, []).append(
            LetterFacts(decision_id, DecisionOutcome(outcome), day(decided_on) or date.min, False)
        )
    return found


def decision_letters(work: CaseWork, row: DecisionRow) -> DecisionLetters:
    """One decision's kommunicering, letter sent and appeal, as the panel shows them."""
    names = user_names(work.session)
    outcome = DecisionOutcome(row.outcome)
    communications = tuple(
        CommunicationView(
            c.id,
            c.communicated_on,
            HOW_LABELS[CommunicationHow(c.how)],
            c.material,
            c.answer_by,
            c.answered_on or "",
            c.answer,
            names.get(c.recorded_by, ""),
        )
        for c in communications_for(work.session, row.id)
    )
    warning = ""
    if row.signed_utc is None and outcome in ADVERSE:
        on = day(row.decided_on) or work.today
        warning = warning_for(work.session, row.id, outcome, on) or ""
    reason = work.session.get(CommunicationReasonRow, row.id)
    letter = work.session.get(DecisionLetterRow, row.id)
    langs = languages(DECISION_LETTER)
    sent = None
    last_day = ""
    if letter is not None:
        sent = SentView(
            letter.sent_on,
            DELIVERY_LABELS[DeliveryHow(letter.how)],
            letter.received_on or "",
            dict(langs).get(letter.language, letter.language),
            names.get(letter.recorded_by, ""),
        )
        if letter.received_on:
            last_day = rules.appeal_last_day(date.fromisoformat(letter.received_on)).isoformat()
    appeal_row = work.session.get(DecisionAppealRow, row.id)
    return DecisionLetters(
        decision_id=row.id,
        signed=row.signed_utc is not None,
        adverse=outcome in ADVERSE,
        decided_on=row.decided_on or "",
        communications=communications,
        signing_warning=warning,
        signed_reason=reason.reason if reason is not None else "",
        sent=sent,
        appeal_last_day=last_day,
        appeal=_appeal_view(appeal_row, last_day) if appeal_row is not None else None,
        languages=langs,
    )


def _appeal_view(row: DecisionAppealRow, last_day: str) -> AppealView:
    """Counted again from the day she got the decision as recorded now (it may have been
    recorded after the appeal); `row.timeliness` keeps what was counted at the time."""
    verdict = Timeliness.UNKNOWN
    if last_day:
        late = date.fromisoformat(row.appealed_on) > date.fromisoformat(last_day)
        verdict = Timeliness.LATE if late else Timeliness.IN_TIME
    review = ReviewOutcome(row.review) if row.review else None
    court = CourtOutcome(row.court) if row.court else None
    state = AppealState(
        date.fromisoformat(row.appealed_on),
        verdict,
        day(row.reviewed_on),
        review,
        day(row.court_on),
        court,
    )
    return AppealView(
        appealed_on=row.appealed_on,
        timeliness=verdict.value,
        timeliness_label=TIMELINESS_LABELS[verdict],
        last_day=last_day,
        reviewed_on=row.reviewed_on or "",
        review=row.review,
        review_label=REVIEW_LABELS[review] if review else "",
        court_on=row.court_on or "",
        court_label=COURT_LABELS[court] if court else "",
        text=state.text,
        note=row.note,
    )
