"""The facts the auditors ask about through the real services on one real store: the
investigation record, assignment and reassignment, the child heard, samverkan, kön and the
reminders of a genomförandeplan; each journalled and audited, each refused without access."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from tests.casework import adult, register
from tests.fakes import FakeWallClock
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain.case_facts import (
    ChildHeardInput,
    HeardWay,
    MeetingKind,
    NotHeardReason,
    Sex,
    StartBasis,
)
from vinr_desktop.domain.cases import CaseStatus, IntakeKind, PreliminaryOutcome
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.store.facts_schema import ImplementationReminderRow
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.views.cases import CaseRef


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("facts") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield team
    env.ctx.release()


@pytest.fixture(autouse=True)
def as_anna(team: Team) -> Iterator[None]:
    team.act_as("anna")
    yield
    team.env.clock.now = FakeWallClock().now
    team.act_as("anna")


def _texts(team: Team, ref: CaseRef) -> list[str]:
    return [e.text for e in team.services.journal.timeline(ref.case_id).entries]


def _actions(team: Team, case_id: str) -> list[str]:
    with team.env.ctx.require_store().session() as session:
        return list(
            session.execute(
                select(AuditRow.action).where(AuditRow.case_id == case_id).order_by(AuditRow.seq)
            ).scalars()
        )


def _child_case(team: Team, serial: int) -> CaseRef:
    ref = register(
        team.services,
        adult("Lilla", f"Barnsson{serial}-Fiktiv", birth=date(2016, 5, 5), serial=serial),
        intake=date(2026, 1, 10),
        kind=IntakeKind.REPORT,
    )
    reports = team.services.reports
    (report,) = reports.reports(ref.case_id)  # the anmälan the case began with
    reports.record_protection(ref.case_id, report.report_id, date(2026, 1, 10), False, "")
    reports.record_preliminary(
        ref.case_id,
        report.report_id,
        date(2026, 1, 20),
        PreliminaryOutcome.OPEN_INVESTIGATION,
        "Oro kvarstår.",
    )
    return ref


def test_an_adult_investigation_starts_ends_and_moves_the_case(team: Team) -> None:
    ref = team.case()
    inv = team.services.investigations
    with pytest.raises(InvalidInput, match="barn"):
        inv.start(ref.case_id, date(2026, 2, 21), StartBasis.PRELIMINARY, "none")
    with pytest.raises(InvalidInput, match="före aktualiseringen"):
        inv.start(ref.case_id, date(2026, 2, 19), StartBasis.APPLICATION, "none")
    inv.start(ref.case_id, date(2026, 2, 22), StartBasis.APPLICATION, "none")
    with pytest.raises(InvalidInput, match="redan en pågående"):
        inv.start(ref.case_id, date(2026, 2, 23), StartBasis.APPLICATION, "none")
    assert team.services.cases.details(ref.case_id).status is CaseStatus.INVESTIGATION
    with pytest.raises(InvalidInput, match="barn"):
        inv.extend(ref.case_id, date(2026, 9, 1), "Skäl")
    inv.end(ref.case_id, date(2026, 3, 1), "with_insats")
    facts = team.services.facts.facts(ref.case_id)
    (only,) = facts.investigations
    assert (only.started_on, only.ended_on, only.outcome_label, only.due_on) == (
        "2026-02-22",
        "2026-03-01",
        "Avslutad med insats",
        "",
    )
    texts = _texts(team, ref)
    assert "Utredning inledd 2026-02-22 efter ansökan. Metod: Ingen särskild metod." in texts
    assert "Utredningen avslutad 2026-03-01: Avslutad med insats." in texts
    assert _actions(team, ref.case_id)[-3:] == [
        "case_status_changed",
        "investigation_started",
        "investigation_ended",
    ]


def test_a_child_investigation_has_four_months_and_can_be_extended(team: Team) -> None:
    ref = _child_case(team, 501)
    inv = team.services.investigations
    with pytest.raises(InvalidInput, match="förhandsbedömningen"):
        inv.start(ref.case_id, date(2026, 1, 20), StartBasis.DECISION, "bbic")
    inv.start(ref.case_id, date(2026, 1, 31), StartBasis.PRELIMINARY, "bbic")
    running = team.services.facts.facts(ref.case_id).running
    assert running is not None and running.due_on == "2026-05-31"  # four calendar months
    with pytest.raises(InvalidInput, match="efter 2026-05-31"):
        inv.extend(ref.case_id, date(2026, 5, 31), "Väntar på utlåtande.")
    with pytest.raises(InvalidInput, match="Skälet"):
        inv.extend(ref.case_id, date(2026, 6, 30), " ")
    inv.extend(ref.case_id, date(2026, 6, 30), "Väntar på BUP:s utlåtande.")
    running = team.services.facts.facts(ref.case_id).running
    assert running is not None and running.due_on == "2026-06-30"
    assert running.extension_reason == "Väntar på BUP:s utlåtande."
    assert any(t.startswith("Utredningstiden förlängd till 2026-06-30") for t in _texts(team, ref))
    assert _actions(team, ref.case_id)[-1] == "investigation_extended"


def test_a_child_case_without_its_first_steps_cannot_start(team: Team) -> None:
    ref = register(
        team.services,
        adult("Liten", "Stegsson-Fiktiv", birth=date(2017, 1, 1), serial=502),
        kind=IntakeKind.REPORT,
    )
    with pytest.raises(InvalidInput, match="skyddsbedömningen"):
        team.services.investigations.start(
            ref.case_id, date(2026, 2, 25), StartBasis.PRELIMINARY, "bbic"
        )


def test_the_child_heard_or_why_not(team: Team) -> None:
    ref = _child_case(team, 503)
    facts = team.services.facts
    (child_id, _name), *_ = facts.facts(ref.case_id).children
    with pytest.raises(InvalidInput, match="hur barnet"):
        facts.record_child_heard(ref.case_id, ChildHeardInput(child_id, date(2026, 2, 1), True))
    with pytest.raises(InvalidInput, match="situation"):
        facts.record_child_heard(
            ref.case_id,
            ChildHeardInput(child_id, date(2026, 2, 1), False, reason=NotHeardReason.AGE),
        )
    facts.record_child_heard(
        ref.case_id, ChildHeardInput(child_id, date(2026, 2, 1), True, way=HeardWay.TALK)
    )
    facts.record_child_heard(
        ref.case_id,
        ChildHeardInput(
            child_id,
            date(2026, 2, 8),
            False,
            reason=NotHeardReason.DECLINED,
            learnt_otherwise="Samtal med förskolan.",
        ),
    )
    heard = facts.facts(ref.case_id).child_heard
    assert [(h.on, h.text) for h in heard] == [
        ("2026-02-08", "Inte hörd (barnet avböjde); situationen känd genom: Samtal med förskolan."),
        ("2026-02-01", "Samtal med barnet"),
    ]
    assert any("har kommit till tals 2026-02-01: samtal med barnet" in t for t in _texts(team, ref))
    assert _actions(team, ref.case_id).count("child_heard_recorded") == 2


def test_assignment_and_reassignment_are_journalled(team: Team) -> None:
    ref = team.case()
    facts = team.services.facts
    facts.assign(ref.case_id, team.users["anna"].user_id, date(2026, 2, 21))
    with pytest.raises(InvalidInput, match="aktiv handläggare"):
        facts.assign(ref.case_id, team.users["chef"].user_id, date(2026, 2, 22))
    facts.assign(ref.case_id, team.users["bo"].user_id, date(2026, 2, 24))
    team.act_as("bo")
    view = facts.facts(ref.case_id)  # Bo is responsible now
    assert [(a.assigned_on, a.user_name) for a in view.assignments] == [
        ("2026-02-21", "Anna Ansvarigsson-Fiktiv"),
        ("2026-02-24", "Bo Kollegasson-Fiktiv"),
    ]
    assert "Ärendet överlämnat till Bo Kollegasson-Fiktiv från 2026-02-24." in _texts(team, ref)
    dated = {e.text: e.event_date for e in team.services.journal.timeline(ref.case_id).entries}
    assert dated["Ärendet överlämnat till Bo Kollegasson-Fiktiv från 2026-02-24."] == "2026-02-24"
    team.act_as("anna")
    with pytest.raises(AccessDenied):
        facts.facts(ref.case_id)  # no longer hers
    assert _actions(team, ref.case_id)[-2:] == ["case_assigned", "case_reassigned"]


def test_the_manager_may_reassign_a_unit_case_but_bo_may_not(team: Team) -> None:
    ref = team.case()
    team.act_as("bo")
    with pytest.raises(AccessDenied):
        team.services.facts.assign(ref.case_id, team.users["bo"].user_id, date(2026, 3, 1))
    team.act_as("chef")
    team.services.facts.assign(ref.case_id, team.users["bo"].user_id, date(2026, 3, 1))
    assert team.services.cases.details(ref.case_id).responsible == "Bo Kollegasson-Fiktiv"


def test_kon_is_recorded_and_never_guessed(team: Team) -> None:
    ref = team.case()
    facts = team.services.facts
    person = team.services.cases.details(ref.case_id).main_person
    assert person is not None
    assert facts.sex_of(ref.case_id, person.person_id) is Sex.UNKNOWN
    facts.set_sex(ref.case_id, person.person_id, Sex.WOMAN)
    assert facts.sex_of(ref.case_id, person.person_id) is Sex.WOMAN
    assert any(t.startswith("Kön registrerat för") for t in _texts(team, ref))
    assert _actions(team, ref.case_id)[-1] == "person_sex_set"
    facts.set_sex(ref.case_id, person.person_id, Sex.WOMAN)  # unchanged: nothing written
    assert _actions(team, ref.case_id).count("person_sex_set") == 1
    team.act_as("bo")
    with pytest.raises(AccessDenied):
        facts.set_sex(ref.case_id, person.person_id, Sex.MAN)


def test_a_samverkan_meeting(team: Team) -> None:
    ref = team.case()
    facts = team.services.facts
    with pytest.raises(InvalidInput, match="Deltagarna"):
        facts.record_meeting(ref.case_id, MeetingKind.SIP, date(2026, 2, 26), "", "")
    facts.record_meeting(
        ref.case_id, MeetingKind.SIP, date(2026, 2, 26), "Vårdcentralen, BUP", "Plan klar."
    )
    (meeting,) = facts.facts(ref.case_id).meetings
    assert (meeting.kind_label, meeting.held_on) == (
        "SIP-möte (samordnad individuell plan)",
        "2026-02-26",
    )
    assert any(
        t.startswith("SIP-möte (samordnad individuell plan) 2026-02-26")
        for t in (_texts(team, ref))
    )
    assert _actions(team, ref.case_id)[-1] == "meeting_recorded"


def test_a_second_request_is_a_reminder_and_keeps_the_first_date(team: Team) -> None:
    ref = team.case()
    care = team.services.care
    provider = care.providers.add(
        ProviderInput(name="Jouren Påminnelse-Fiktiv", kind="kvinnojour", contact_person="K")
    )
    decision = care.decisions.sign(
        ref.case_id,
        None,
        DecisionDraft(
            outcome=DecisionOutcome.GRANTED,
            applied_on=date(2026, 2, 20),
            decided_on=date(2026, 2, 25),
            legal_ground="sol2025_bistand",
            insats_type="stodsamtal",
            provider_id=provider,
            period_from=date(2026, 3, 1),
            period_to=date(2026, 8, 31),
            extent="Ett samtal i veckan",
            motivation="Stöd.",
        ),
    )
    facts = team.services.facts
    with pytest.raises(InvalidInput, match="inte begärts"):
        facts.record_reminder(ref.case_id, decision, date(2026, 3, 1), "Telefon")
    care.implementation_plans.record_request(ref.case_id, decision, date(2026, 2, 26), "Brev")
    care.implementation_plans.record_request(ref.case_id, decision, date(2026, 2, 28), "Mejl")
    facts.record_reminder(ref.case_id, decision, date(2026, 3, 2), "Telefon")
    plan = care.implementation_plans.get(ref.case_id, decision)
    assert plan.requested_on == "2026-02-26"
    with team.env.ctx.require_store().session() as session:
        days = session.execute(
            select(ImplementationReminderRow.reminded_on)
            .where(ImplementationReminderRow.decision_id == decision)
            .order_by(ImplementationReminderRow.reminded_on)
        ).scalars()
        assert list(days) == ["2026-02-28", "2026-03-02"]
    assert _actions(team, ref.case_id).count("implementation_plan_reminded") == 2
    # The reminders are shown, and the next reminder counts from the latest one (14 days).
    assert plan.reminders == ("2026-02-28\nMejl", "2026-03-02\nTelefon")
    assert (plan.last_contact_on, plan.reminder_due) == ("2026-03-02", "2026-03-16")
