"""Kommunicering, the decision letter sent and the appeal through the real services on one real
store: each act journalled and audited, signing against the client asks for a reason, and an
appeal is in time or late as counted from the day she got the decision."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from tests.services.care.test_care_services import granted, provider
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain import settings
from vinr_desktop.domain.appeals import CourtOutcome, ReviewOutcome, Timeliness
from vinr_desktop.domain.communication import Answer, CommunicationHow, CommunicationReasonNeeded
from vinr_desktop.domain.compliance import QUESTION_LABELS, Question, Result, Rules
from vinr_desktop.domain.compliance import Answer as ComplianceAnswer
from vinr_desktop.domain.compliance_care import answer_case
from vinr_desktop.domain.deadline_kinds import Bucket, Tab
from vinr_desktop.domain.decision_letters import DeliveryHow, unsent_letter_line
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.casework import CareServices
from vinr_desktop.services.compliance.facts import case_facts
from vinr_desktop.services.letters.read import letter_facts
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.views.deadlines import DeadlineLine

TODAY = date(2026, 3, 2)  # FakeWallClock's day, a Monday
R = DecisionOutcome.REFUSED


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("letters") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield team
    env.ctx.release()


def refusal(**changes: object) -> DecisionDraft:
    values: dict[str, object] = dict(
        outcome=R,
        period_from=None,
        period_to=None,
        extent="",
        motivation="Behovet av stöd tillgodoses redan genom kvinnojouren.",
        decided_on=date(2026, 2, 2),
        applied_on=date(2026, 1, 20),
    )
    values.update(changes)
    return granted(None, **values)  # type: ignore[arg-type]  # provider None: a refusal


def journal_texts(team: Team, case_id: str) -> list[str]:
    store = team.env.ctx.require_store()
    with store.session() as session:
        return list(
            session.execute(
                select(JournalEntryRow.text).where(JournalEntryRow.case_id == case_id)
            ).scalars()
        )


def actions(team: Team, case_id: str) -> list[str]:
    store = team.env.ctx.require_store()
    with store.session() as session:
        return list(
            session.execute(select(AuditRow.action).where(AuditRow.case_id == case_id)).scalars()
        )


def test_a_refusal_is_communicated_answered_and_then_signed_without_asking(team: Team) -> None:
    care, letters = CareServices.for_context(team.env.ctx), team.services.letters
    ref = team.case()
    draft = refusal(decided_on=TODAY)
    decision = care.decisions.save_draft(ref.case_id, None, draft)
    communication = letters.record_communication(
        ref.case_id,
        decision,
        date(2026, 2, 16),
        CommunicationHow.POST,
        "Utredningen daterad 2026-02-13",
        date(2026, 3, 6),
    )
    state = letters.state(ref.case_id, decision)
    assert "2026-03-06" in state.signing_warning
    with pytest.raises(CommunicationReasonNeeded, match="till och med 2026-03-06"):
        care.decisions.sign(ref.case_id, decision, draft)
    letters.record_answer(
        ref.case_id, communication, date(2026, 2, 27), "Jag har inget att tillägga."
    )
    assert letters.state(ref.case_id, decision).signing_warning == ""
    care.decisions.sign(ref.case_id, decision, draft)
    texts = journal_texts(team, ref.case_id)
    assert any(t.startswith("Kommunicering inför beslut om Stödsamtal (med post)") for t in texts)
    assert any("Svar på kommuniceringen 2026-02-16: Jag har inget" in t for t in texts)
    assert {"communication_recorded", "communication_answered"} <= set(actions(team, ref.case_id))
    assert letters.communication_answer(ref.case_id) is Answer.YES


def test_signing_a_refusal_without_kommunicering_records_the_reason(team: Team) -> None:
    care, letters = CareServices.for_context(team.env.ctx), team.services.letters
    ref = team.case()
    assert letters.communication_answer(ref.case_id) is Answer.NOT_APPLICABLE
    with pytest.raises(CommunicationReasonNeeded, match="ingen kommunicering"):
        care.decisions.sign(ref.case_id, None, refusal())
    decision = care.decisions.sign(
        ref.case_id,
        None,
        refusal(),
        communication_reason="Ansökan avsåg en annan kommun.",
    )
    state = letters.state(ref.case_id, decision)
    assert state.signed and state.adverse and state.signed_reason.startswith("Ansökan avsåg")
    assert any("utan fullständig kommunicering" in t for t in journal_texts(team, ref.case_id))
    assert "decision_signed_without_communication" in actions(team, ref.case_id)
    assert letters.communication_answer(ref.case_id) is Answer.NO
    with pytest.raises(InvalidInput, match="redan signerat"):
        letters.record_communication(
            ref.case_id, decision, TODAY, CommunicationHow.VISIT, "x", TODAY
        )


def _signed_refusal(team: Team) -> tuple[str, str]:
    ref = team.case()
    care = CareServices.for_context(team.env.ctx)
    decision = care.decisions.sign(
        ref.case_id,
        None,
        refusal(),
        communication_reason="Brådskande.",
    )
    return ref.case_id, decision


def test_an_appeal_on_the_last_day_is_in_time(team: Team) -> None:
    letters = team.services.letters
    case_id, decision = _signed_refusal(team)
    letters.record_sent(case_id, decision, date(2026, 2, 6), DeliveryHow.POST, date(2026, 2, 9))
    state = letters.state(case_id, decision)
    assert state.sent is not None and state.sent.how_label == "Med post"
    assert state.appeal_last_day == "2026-03-02"  # Monday 9 Feb + three weeks
    letters.record_appeal(case_id, decision, TODAY, "Klienten vill ha stödsamtal ändå.")
    appeal = letters.state(case_id, decision).appeal
    assert appeal is not None and appeal.timeliness == Timeliness.IN_TIME.value
    assert appeal.text == "Överklagat 2026-03-02 (i rätt tid) · väntar på omprövning"
    texts = journal_texts(team, case_id)
    assert any("sista dag att överklaga 2026-03-02" in t for t in texts)
    assert any("kom in 2026-03-02: i rätt tid (sista dag 2026-03-02)" in t for t in texts)
    letters.record_review(case_id, decision, TODAY, ReviewOutcome.NOT_CHANGED, "")
    letters.record_court(case_id, decision, TODAY, CourtOutcome.UPHELD, "Dom i mål 1234-26.")
    appeal = letters.state(case_id, decision).appeal
    assert appeal is not None and appeal.text.endswith(
        "Överklagandet avslaget (beslutet står fast)"
    )
    assert {
        "decision_letter_sent",
        "appeal_recorded",
        "appeal_reviewed",
        "appeal_court_outcome",
    } <= set(actions(team, case_id))
    with pytest.raises(InvalidInput, match="redan registrerat"):
        letters.record_appeal(case_id, decision, TODAY)
    details = {e.action: e.detail for e in team.services.audit.case_log(case_id).events}
    assert details["decision_letter_sent"] == "Med post"
    assert details["appeal_recorded"] == "I rätt tid"
    assert details["appeal_reviewed"] == "Beslutet inte ändrat"
    assert details["appeal_court_outcome"] == "Överklagandet avslaget (beslutet står fast)"


def test_the_bevakning_facts_say_which_refusals_have_no_letter_sent(team: Team) -> None:
    letters = team.services.letters
    case_id, decision = _signed_refusal(team)
    store = team.env.ctx.require_store()
    with store.session() as session:
        (facts,) = letter_facts(session, [case_id])
    assert facts.decision_id == decision and not facts.sent
    assert unsent_letter_line(facts, TODAY) == (
        date(2026, 2, 9),
        "Beslutsmeddelande inte skickat",
        "avslag 2026-02-02",
    )
    letters.record_sent(case_id, decision, TODAY, DeliveryHow.VISIT)
    with store.session() as session:
        (facts,) = letter_facts(session, [case_id])
    assert facts.sent and unsent_letter_line(facts, TODAY) is None


def test_an_appeal_the_day_after_the_last_day_is_late(team: Team) -> None:
    letters = team.services.letters
    case_id, decision = _signed_refusal(team)
    # Handed over on Friday 6 February: three weeks end on Friday 27 February.
    letters.record_sent(case_id, decision, date(2026, 2, 6), DeliveryHow.VISIT)
    assert letters.state(case_id, decision).appeal_last_day == "2026-02-27"
    letters.record_appeal(case_id, decision, TODAY)
    appeal = letters.state(case_id, decision).appeal
    assert appeal is not None and appeal.timeliness == Timeliness.LATE.value


def test_without_the_day_she_got_it_the_time_is_not_counted(team: Team) -> None:
    letters = team.services.letters
    case_id, decision = _signed_refusal(team)
    letters.record_sent(case_id, decision, date(2026, 2, 3), DeliveryHow.SECURE_EMAIL)
    letters.record_appeal(case_id, decision, TODAY)
    appeal = letters.state(case_id, decision).appeal
    assert appeal is not None and appeal.timeliness == Timeliness.UNKNOWN.value


def test_a_delivery_recorded_after_the_appeal_counts_it_again(team: Team) -> None:
    letters = team.services.letters
    case_id, decision = _signed_refusal(team)
    letters.record_appeal(case_id, decision, TODAY)
    appeal = letters.state(case_id, decision).appeal
    assert appeal is not None and appeal.timeliness == Timeliness.UNKNOWN.value
    letters.record_sent(case_id, decision, date(2026, 2, 3), DeliveryHow.VISIT)
    appeal = letters.state(case_id, decision).appeal
    assert appeal is not None and appeal.timeliness == Timeliness.LATE.value  # 24 Feb passed


def test_bad_dates_and_order_are_refused(team: Team) -> None:
    letters = team.services.letters
    case_id, decision = _signed_refusal(team)
    with pytest.raises(InvalidInput, match="före beslutet"):
        letters.record_sent(case_id, decision, date(2026, 2, 1), DeliveryHow.POST)
    with pytest.raises(InvalidInput, match="Registrera överklagandet först"):
        letters.record_review(case_id, decision, TODAY, ReviewOutcome.CHANGED, "")
    care = CareServices.for_context(team.env.ctx)
    draft = care.decisions.save_draft(case_id, None, granted(provider(care)))
    with pytest.raises(InvalidInput, match="inte signerat"):
        letters.record_sent(case_id, draft, TODAY, DeliveryHow.POST)


def test_a_refusal_without_a_sent_letter_is_on_the_morning_page(team: Team) -> None:
    letters, deadlines = team.services.letters, team.services.deadlines
    case_id, decision = _signed_refusal(team)  # decided 2026-02-02

    def lines() -> dict[str, DeadlineLine]:
        return {line.text: line for line in deadlines.page().lines if line.case_id == case_id}

    line = lines()["Beslutsmeddelande inte skickat"]
    assert (line.due_on, line.bucket, line.tab) == ("2026-02-09", Bucket.LATE, Tab.CARE)
    assert line.detail == "avslag 2026-02-02"
    team.act_as("adm")
    AdminService(team.env.ctx).set_int_setting(settings.UNSENT_LETTER_DAYS, 28)
    team.act_as("anna")
    line = lines()["Beslutsmeddelande inte skickat"]
    assert (line.due_on, line.bucket) == ("2026-03-02", Bucket.TODAY)
    team.act_as("adm")
    AdminService(team.env.ctx).set_int_setting(settings.UNSENT_LETTER_DAYS, 29)
    team.act_as("anna")
    assert "Beslutsmeddelande inte skickat" not in lines()  # shown from the day it is due
    letters.record_sent(case_id, decision, TODAY, DeliveryHow.VISIT)
    assert "Beslutsmeddelande inte skickat" not in lines()
    team.act_as("adm")
    AdminService(team.env.ctx).set_int_setting(settings.UNSENT_LETTER_DAYS, 7)
    team.act_as("anna")


def test_the_egenkontroll_asks_k11_from_the_register(team: Team) -> None:
    case_id, _decision = _signed_refusal(team)  # signed with a reason, no kommunicering
    store = team.env.ctx.require_store()
    with store.session() as session:
        (facts,) = case_facts(session, [case_id])
    answers = answer_case(facts, Rules(), TODAY)
    assert QUESTION_LABELS[Question.K11] == "Kommunicering före beslut som går parten emot"
    assert answers[Question.K11] == Result(
        ComplianceAnswer.NEJ, "1 av 1 beslut utan fullständig kommunicering, 1 med skäl"
    )
