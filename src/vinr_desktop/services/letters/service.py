"""The letters to the client around a decision: kommunicering before it, the decision letter
sent, the appeal with the nämnd's omprövning and the court's outcome. Every act checks access,
runs in one transaction, is journalled (a program entry) and audited (codes and ids only).

The letters themselves are documents of the one pipeline (DocumentKind.DECISION_LETTER and
COMMUNICATION_LETTER, services/documents/letter_builder.py).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import appeals as rules
from vinr_desktop.domain.appeals import (
    COURT_LABELS,
    REVIEW_LABELS,
    TIMELINESS_LABELS,
    CourtOutcome,
    ReviewOutcome,
)
from vinr_desktop.domain.communication import (
    HOW_LABELS,
    Answer,
    Communication,
    CommunicationHow,
    check_answer,
    check_communication,
    communicated_before_adverse,
)
from vinr_desktop.domain.decision_letters import (
    DELIVERY_LABELS,
    DeliveryHow,
    check_delivery,
    delivered,
)
from vinr_desktop.domain.decisions import OUTCOME_LABELS, DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.care.common import day, decision_in_case, insats_type
from vinr_desktop.services.care.signing_gate import (
    communication_of,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.services.letters.read import decision_letters, egenkontroll_facts
from vinr_desktop.services.letters.texts import DECISION_LETTER, languages
from vinr_desktop.store.care_schema import DecisionRow
from vinr_desktop.store.letter_schema import (
    CommunicationRow,
    DecisionAppealRow,
    DecisionLetterRow,
)
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.letters import DecisionLetters

NOT_SIGNED = "Beslutet är inte signerat ännu."

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork


class LetterService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- reading ---------------------------------------------------------------------------

    def state(self, case_id: str, decision_id: str) -> DecisionLetters:
        """The decision's kommunicering, letter sent and appeal, as the panel shows them."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return decision_letters(work, decision_in_case(work, decision_id))

    def communication_answer(self, case_id: str) -> Answer:
        """The egenkontroll question "kommunicering före beslut som går parten emot" for the
        case: JA / NEJ / ET (domain/communication.py)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return communicated_before_adverse(egenkontroll_facts(work.session, case_id))

    # -- kommunicering ---------------------------------------------------------------------

    def record_communication(
        self,
        case_id: str,
        decision_id: str,
        communicated_on: date,
        how: CommunicationHow,
        material: str,
        answer_by: date,
    ) -> str:
        """Kommunicering before the (draft) decision: what, when, how, her last day."""
        item = Communication(communicated_on, how, material.strip(), answer_by)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = decision_in_case(work, decision_id)
            if row.signed_utc is not None:
                raise InvalidInput("Beslutet är redan signerat: kommunicering görs före beslutet.")
            check_communication(item, work.today)
            communication_id = new_id()
            work.session.add(
                CommunicationRow(
                    id=communication_id,
                    decision_id=row.id,
                    case_id=work.case.id,
                    communicated_on=communicated_on.isoformat(),
                    how=how.value,
                    material=item.material,
                    answer_by=answer_by.isoformat(),
                    answered_on=None,
                    answer="",
                    recorded_by=work.user.user_id,
                    recorded_utc=work.now_text,
                )
            )
            add_event_entry(
                work,
                f"Kommunicering inför beslut om {_insats(row)} "
                f"({HOW_LABELS[how].lower()}), svar senast {answer_by.isoformat()}.\n"
                f"Underlag: {item.material}",
                communicated_on,
            )
            work.record("communication_recorded", object_id=row.id)
            return communication_id

    def record_answer(
        self, case_id: str, communication_id: str, answered_on: date, answer: str
    ) -> None:
        """Her answer to a kommunicering (or that she declined to answer, in her words)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = work.session.get(CommunicationRow, communication_id)
            if row is None or row.case_id != work.case.id:
                raise InvalidInput("Kommuniceringen finns inte i ärendet.")
            if row.answered_on is not None:
                raise InvalidInput("Svaret är redan registrerat.")
            check_answer(communication_of(row), answered_on, answer, work.today)
            row.answered_on = answered_on.isoformat()
            row.answer = answer.strip()
            add_event_entry(
                work,
                f"Svar på kommuniceringen {row.communicated_on}: {answer.strip()}",
                answered_on,
            )
            work.record("communication_answered", object_id=row.decision_id)

    # -- the decision letter ---------------------------------------------------------------

    def record_sent(
        self,
        case_id: str,
        decision_id: str,
        sent_on: date,
        how: DeliveryHow,
        received_on: date | None = None,
        language: str = "sv",
    ) -> None:
        """The beslutsmeddelande was sent (or handed over); from the day she got it the time
        to appeal runs."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _signed(work, decision_id)
            if work.session.get(DecisionLetterRow, row.id) is not None:
                raise InvalidInput("Att beslutsmeddelandet skickats är redan registrerat.")
            if language not in dict(languages(DECISION_LETTER)):
                raise InvalidInput("Beslutsmeddelandet finns inte på det språket.")
            delivery = delivered(sent_on, how, received_on)
            decided = day(row.decided_on)
            assert decided is not None  # signed
            check_delivery(decided, delivery, work.today)
            work.session.add(
                DecisionLetterRow(
                    decision_id=row.id,
                    case_id=work.case.id,
                    sent_on=sent_on.isoformat(),
                    how=how.value,
                    received_on=delivery.received_on.isoformat() if delivery.received_on else None,
                    language=language,
                    recorded_by=work.user.user_id,
                    recorded_utc=work.now_text,
                )
            )
            text = (
                f"Beslutsmeddelande om beslutet {row.decided_on} ({_outcome(row)} – "
                f"{_insats(row)}): {DELIVERY_LABELS[how].lower()} {sent_on.isoformat()}."
            )
            if delivery.received_on is not None:
                last = rules.appeal_last_day(delivery.received_on)
                text += (
                    f" Klienten fick beslutet {delivery.received_on.isoformat()}; "
                    f"sista dag att överklaga {last.isoformat()}."
                )
            add_event_entry(work, text, sent_on)
            work.record("decision_letter_sent", object_id=row.id, reason=how.value)

    # -- överklagande ----------------------------------------------------------------------

    def record_appeal(
        self, case_id: str, decision_id: str, appealed_on: date, note: str = ""
    ) -> None:
        """An appeal reached the nämnd; in time or late is counted from the day she got it."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _signed(work, decision_id)
            if work.session.get(DecisionAppealRow, row.id) is not None:
                raise InvalidInput("Ett överklagande av beslutet är redan registrerat.")
            decided = day(row.decided_on)
            assert decided is not None
            rules.check_appeal(decided, appealed_on, work.today, note)
            received = _received_on(work.session, row.id)
            verdict = rules.timeliness(received, appealed_on)
            work.session.add(
                DecisionAppealRow(
                    decision_id=row.id,
                    case_id=work.case.id,
                    appealed_on=appealed_on.isoformat(),
                    timeliness=verdict.value,
                    note=note.strip(),
                    reviewed_on=None,
                    review="",
                    review_note="",
                    court_on=None,
                    court="",
                    court_note="",
                    recorded_by=work.user.user_id,
                    recorded_utc=work.now_text,
                    updated_utc=work.now_text,
                )
            )
            text = (
                f"Överklagande av beslutet {row.decided_on} ({_outcome(row)} – {_insats(row)}) "
                f"kom in {appealed_on.isoformat()}: {TIMELINESS_LABELS[verdict]}"
            )
            if received is not None:
                text += f" (sista dag {rules.appeal_last_day(received).isoformat()})"
            text += "." + (f"\n{note.strip()}" if note.strip() else "")
            add_event_entry(work, text, appealed_on)
            work.record("appeal_recorded", object_id=row.id, reason=verdict.value)

    def record_review(
        self, case_id: str, decision_id: str, reviewed_on: date, outcome: ReviewOutcome, note: str
    ) -> None:
        """The nämnd's omprövning of the appealed decision."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            appeal = _appeal(work, decision_id)
            if appeal.review:
                raise InvalidInput("Omprövningen är redan registrerad.")
            rules.check_step(
                date.fromisoformat(appeal.appealed_on), reviewed_on, work.today, "omprövningen"
            )
            appeal.reviewed_on, appeal.review = reviewed_on.isoformat(), outcome.value
            appeal.review_note, appeal.updated_utc = note.strip(), work.now_text
            text = f"Omprövning efter överklagande: {REVIEW_LABELS[outcome].lower()}."
            if outcome is not ReviewOutcome.CHANGED:
                text += " Överklagandet lämnas över till förvaltningsrätten."
            add_event_entry(work, text + (f"\n{note.strip()}" if note.strip() else ""), reviewed_on)
            work.record("appeal_reviewed", object_id=decision_id, reason=outcome.value)

    def record_court(
        self, case_id: str, decision_id: str, court_on: date, outcome: CourtOutcome, note: str
    ) -> None:
        """The förvaltningsrätt's outcome."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            appeal = _appeal(work, decision_id)
            if appeal.court:
                raise InvalidInput("Domstolens avgörande är redan registrerat.")
            earlier = appeal.reviewed_on or appeal.appealed_on
            rules.check_step(
                date.fromisoformat(earlier), court_on, work.today, "domstolens avgörande"
            )
            appeal.court_on, appeal.court = court_on.isoformat(), outcome.value
            appeal.court_note, appeal.updated_utc = note.strip(), work.now_text
            text = f"Förvaltningsrättens avgörande: {COURT_LABELS[outcome]}."
            add_event_entry(work, text + (f"\n{note.strip()}" if note.strip() else ""), court_on)
            work.record("appeal_court_outcome", object_id=decision_id, reason=outcome.value)


# -- helpers ------------------------------------------------------------------------------


def _signed(work: CaseWork, decision_id: str) -> DecisionRow:
    row = decision_in_case(work, decision_id)
    if row.signed_utc is None:
        raise InvalidInput(NOT_SIGNED)
    return row


def _appeal(work: CaseWork, decision_id: str) -> DecisionAppealRow:
    _signed(work, decision_id)
    appeal = work.session.get(DecisionAppealRow, decision_id)
    if appeal is None:
        raise InvalidInput("Registrera överklagandet först.")
    return appeal


def _received_on(session: Session, decision_id: str) -> date | None:
    letter = session.get(DecisionLetterRow, decision_id)
    return day(letter.received_on) if letter is not None else None


def _outcome(row: DecisionRow) -> str:
    return OUTCOME_LABELS[DecisionOutcome(row.outcome)].lower()


def _insats(row: DecisionRow) -> str:
    kind = insats_type(row.insats_type)
    return kind.label if kind else row.insats_type
