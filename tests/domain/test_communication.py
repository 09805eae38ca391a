"""Kommunicering before a decision going against the client: signing asks for a reason
without it or before her last day, and the egenkontroll answers JA / NEJ / ET."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.communication import (
    Answer,
    Communication,
    CommunicationHow,
    CommunicationReasonNeeded,
    SignedDecisionFacts,
    check_communication,
    check_reason,
    communicated_before_adverse,
    communication_answer,
    signing_warning,
)
from vinr_desktop.domain.deadline_kinds import DeadlineKind, Tab
from vinr_desktop.domain.decision_letters import LetterFacts, letter_deadlines, unsent_letter_line
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput

R, P, G = DecisionOutcome.REFUSED, DecisionOutcome.PARTLY_GRANTED, DecisionOutcome.GRANTED
SENT = Communication(date(2026, 3, 2), CommunicationHow.POST, "Utredningen", date(2026, 3, 16))


def test_a_granted_decision_needs_no_kommunicering() -> None:
    assert signing_warning(G, (), date(2026, 3, 2)) is None


def test_a_refusal_without_kommunicering_asks_for_a_reason() -> None:
    warning = signing_warning(R, (), date(2026, 3, 20))
    assert warning is not None and "ingen kommunicering" in warning
    with pytest.raises(CommunicationReasonNeeded):
        check_reason(warning, "  ")
    check_reason(warning, "Uppenbart obehövligt: hon har själv lämnat allt underlag.")


def test_signing_on_the_last_day_to_answer_is_before_the_deadline() -> None:
    assert "2026-03-16" in (signing_warning(P, (SENT,), date(2026, 3, 16)) or "")
    assert signing_warning(P, (SENT,), date(2026, 3, 17)) is None


def test_her_answer_ends_the_wait() -> None:
    answered = Communication(
        SENT.communicated_on, SENT.how, SENT.material, SENT.answer_by, date(2026, 3, 5), "Nej."
    )
    assert signing_warning(R, (answered,), date(2026, 3, 5)) is None
    assert signing_warning(R, (answered,), date(2026, 3, 4)) is not None


def test_a_kommunicering_needs_material_and_a_sane_last_day() -> None:
    today = date(2026, 3, 2)
    with pytest.raises(InvalidInput, match="underlag"):
        check_communication(Communication(today, CommunicationHow.VISIT, " ", today), today)
    with pytest.raises(InvalidInput, match="före"):
        check_communication(
            Communication(today, CommunicationHow.VISIT, "x", date(2026, 3, 1)), today
        )
    with pytest.raises(InvalidInput, match="när klienten svarade"):
        check_communication(
            Communication(today, CommunicationHow.VISIT, "x", today, None, "svar"), today
        )


def test_the_egenkontroll_question() -> None:
    on = date(2026, 3, 20)
    assert communicated_before_adverse([]) is Answer.NOT_APPLICABLE
    assert communicated_before_adverse([SignedDecisionFacts(G, on, ())]) is Answer.NOT_APPLICABLE
    assert communicated_before_adverse([SignedDecisionFacts(R, on, (SENT,))]) is Answer.YES
    early = SignedDecisionFacts(R, date(2026, 3, 10), (SENT,), "brådskande")
    assert communicated_before_adverse([SignedDecisionFacts(P, on, (SENT,)), early]) is Answer.NO
    assert communicated_before_adverse([SignedDecisionFacts(P, on, ())]) is Answer.NO
    both = [SignedDecisionFacts(P, on, (SENT,)), early]
    assert communication_answer(both) == (
        Answer.NO,
        "1 av 2 beslut utan fullständig kommunicering, 1 med skäl",
    )
    # On a review date before the early decision was signed, only what was signed then counts.
    assert communicated_before_adverse(both, date(2026, 3, 9)) is Answer.NOT_APPLICABLE
    assert communication_answer([SignedDecisionFacts(R, on, (SENT,))])[1] == (
        "1 av 1 beslut kommunicerade före beslutet"
    )


def test_a_refusal_without_a_sent_letter_is_watched_from_the_seventh_day() -> None:
    facts = LetterFacts("d", R, date(2026, 3, 2), sent=False)
    assert unsent_letter_line(facts, date(2026, 3, 8)) is None
    assert unsent_letter_line(facts, date(2026, 3, 9)) == (
        date(2026, 3, 9),
        "Beslutsmeddelande inte skickat",
        "avslag 2026-03-02",
    )
    assert unsent_letter_line(facts, date(2026, 3, 5), days=3) is not None
    sent = LetterFacts("d", R, date(2026, 3, 2), sent=True)
    assert unsent_letter_line(sent, date(2026, 4, 1)) is None
    granted = LetterFacts("d", G, date(2026, 3, 2), sent=False)
    assert unsent_letter_line(granted, date(2026, 4, 1)) is None


def test_the_unsent_letter_is_a_bevakning_on_the_insatser_tab() -> None:
    facts = (
        LetterFacts("a", R, date(2026, 3, 2), sent=False),
        LetterFacts("b", P, date(2026, 3, 1), sent=False),
        LetterFacts("c", G, date(2026, 3, 1), sent=False),
    )
    (line,) = letter_deadlines(facts, date(2026, 3, 8))
    assert (line.kind, line.due_on, line.tab) == (
        DeadlineKind.UNSENT_LETTER,
        date(2026, 3, 8),
        Tab.CARE,
    )
    assert line.detail == "delvis bifall 2026-03-01"
    assert len(letter_deadlines(facts, date(2026, 3, 9))) == 2
