"""Hembesök through the real services on a real register: planning, the visit mode refusing
every other case below the UI, leaving it with the password, checking out into the journal,
the overdue visit after a restart, and the besöksplan read back from its PDF."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta

import pypdf
import pytest
from sqlalchemy import select

from tests.casework import SECRET_CITY, SECRET_STREET, adult, protected_adult, register
from tests.services.conftest import Env
from tests.stores import ADMIN, ADMIN_PASSWORD, context
from vinr_desktop.domain.errors import (
    AccessDenied,
    InvalidInput,
    TooManyAttempts,
    WrongPassword,
)
from vinr_desktop.domain.home_visits import (
    AGREED_ADDRESS,
    Answer,
    Consent,
    Incident,
    VisitOutcome,
    VisitPlanInput,
    VisitStatus,
)
from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.home_visits.visits import HomeVisitService
from vinr_desktop.store.home_visit_schema import HomeVisitRow
from vinr_desktop.views.audit import AuditFilter
from vinr_desktop.views.cases import CaseRef


def plan_input(env: Env, **changes: object) -> VisitPlanInput:
    start = env.clock.now + timedelta(minutes=30)
    values: dict[str, object] = {
        "starts_at": start,
        "expected_back_at": start + timedelta(hours=2),
        "address": "Fiktiva vägen 3, Demoby",
        "purpose": "Samtal om säkerhetsplanen",
        "consent": Consent.GIVEN,
        "unannounced_reason": "",
        "companions": "Kollega Bo, väktare från Vaktbolaget",
        "risk_answers": {q.id: Answer.NO for q in HomeVisitService.risk_questions()},
        "risk_note": "",
    }
    values.update(changes)
    return VisitPlanInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def two_cases(env: Env) -> Iterator[tuple[CaseWorkServices, CaseRef, CaseRef]]:
    env.auth.login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(env.ctx)
    visited = register(services, protected_adult())
    other = register(services, adult("Annan", "Klientsson-Fiktiv", serial=321))
    yield services, visited, other


def test_a_plan_needs_consent_or_a_reason_and_every_risk_answer(
    env: Env, two_cases: tuple[CaseWorkServices, CaseRef, CaseRef]
) -> None:
    _s, visited, _o = two_cases
    visits = HomeVisitService(env.ctx)
    with pytest.raises(InvalidInput, match="oanmält besök kräver ett skäl"):
        visits.plan(visited.case_id, plan_input(env, consent=Consent.UNANNOUNCED))
    with pytest.raises(InvalidInput, match="riskkontrollen"):
        visits.plan(visited.case_id, plan_input(env, risk_answers={}))
    with pytest.raises(InvalidInput, match="efter besökets början"):
        visits.plan(visited.case_id, plan_input(env, expected_back_at=env.clock.now))
    visit_id = visits.plan(
        visited.case_id, plan_input(env, consent=Consent.UNANNOUNCED, unannounced_reason="Oro")
    )
    (shown,) = visits.visits(visited.case_id)
    assert shown.visit_id == visit_id and shown.status is VisitStatus.PLANNED
    assert shown.address == AGREED_ADDRESS  # a protected person: the typed address is not kept
    with env.ctx.require_store().session() as session:
        row = session.get(HomeVisitRow, visit_id)
        assert row is not None and row.address == ""


def test_visit_mode_refuses_every_other_case_in_the_services(
    env: Env, two_cases: tuple[CaseWorkServices, CaseRef, CaseRef]
) -> None:
    services, visited, other = two_cases
    visits = HomeVisitService(env.ctx)
    visit_id = visits.plan(visited.case_id, plan_input(env))
    assert {r.case_id for r in services.cases.list_cases()} == {visited.case_id, other.case_id}
    visits.start(visited.case_id, visit_id)

    assert services.cases.open_case(visited.case_id).number == visited.number
    services.journal.timeline(visited.case_id)
    for call in (
        lambda: services.cases.open_case(other.case_id),
        lambda: services.journal.timeline(other.case_id),
        lambda: services.cases.list_cases(),
        lambda: services.search.search("Klientsson"),
        lambda: services.audit.report(AuditFilter()),
        lambda: register(services, adult("Ny", "Klientsson-Fiktiv", serial=322)),
    ):
        with pytest.raises(AccessDenied):
            call()

    # Locking and unlocking keep the mode: it lives in the program, not in a window.
    env.auth.lock()
    env.auth.unlock(ADMIN_PASSWORD)
    with pytest.raises(AccessDenied):
        services.cases.open_case(other.case_id)

    with pytest.raises(WrongPassword, match="Hembesöksläget är kvar"):
        visits.leave_mode("fel lösenord helt och hållet")
    with pytest.raises(AccessDenied):
        services.cases.list_cases()
    for _ in range(4):  # the login's rules: five failures, then a growing wait
        with pytest.raises(WrongPassword):
            visits.leave_mode("fel lösenord helt och hållet")
    with pytest.raises(TooManyAttempts):
        visits.leave_mode(ADMIN_PASSWORD)
    env.clock.advance(3600)
    visits.leave_mode(ADMIN_PASSWORD)
    assert services.cases.open_case(other.case_id).number == other.number
    log = services.audit.case_log(visited.case_id).events
    assert [e.action_label for e in log[:2]] == [
        "Lämnade hembesöksläget",
        "Misslyckad inloggning",
    ]
    assert log[1].detail.startswith("Försöket gjordes 2026-03-02")
    # The visit itself goes on: still open, and overdue once past its time back.
    (shown,) = visits.visits(visited.case_id)
    assert shown.status is VisitStatus.STARTED and not shown.overdue
    assert visits.resume() is None  # a login no longer returns into the mode
    env.clock.advance(5 * 3600)
    assert [v.visit_id for v in visits.overdue()] == [visit_id]


def test_checking_out_signs_the_journal_and_ends_the_mode(
    env: Env, two_cases: tuple[CaseWorkServices, CaseRef, CaseRef]
) -> None:
    services, visited, other = two_cases
    visits = HomeVisitService(env.ctx)
    visit_id = visits.plan(visited.case_id, plan_input(env))
    visits.start(visited.case_id, visit_id)
    env.clock.advance(3600)
    outcome = VisitOutcome(
        True, env.clock.now, "Klienten, Kollega Bo", Incident.THREAT, "Hot i dörren", "Bra samtal"
    )
    entry_id = visits.finish(visited.case_id, visit_id, outcome)
    entry = services.journal.entry(visited.case_id, entry_id)
    assert entry.kind is EntryKind.HOME_VISIT and entry.signed_utc is not None
    assert entry.text.startswith("Hembesök genomfört.")
    assert "Deltagare: Klienten, Kollega Bo" in entry.text and "Incident: Hot" in entry.text
    (shown,) = visits.visits(visited.case_id)
    assert shown.status is VisitStatus.HELD and shown.incident is Incident.THREAT
    assert env.ctx.visit is None
    services.cases.open_case(other.case_id)  # the mode is over
    counts = visits.incident_counts(env.clock.now.year)
    assert counts == {Incident.THREAT: "< 5", Incident.VIOLENCE: "0", Incident.OTHER: "0"}
    assert visits.incident_counts(env.clock.now.year - 1)[Incident.THREAT] == "0"


def test_an_overdue_visit_is_found_again_after_a_restart(
    env: Env, two_cases: tuple[CaseWorkServices, CaseRef, CaseRef]
) -> None:
    _s, visited, other = two_cases
    visits = HomeVisitService(env.ctx)
    visit_id = visits.plan(visited.case_id, plan_input(env))
    visits.start(visited.case_id, visit_id)
    assert visits.overdue() == ()
    env.auth.logout()
    env.ctx.release()
    env.clock.advance(4 * 3600)  # past the expected time back

    restarted = context(env.folder, env.clock)
    try:
        from vinr_desktop.services.accounts.auth import AuthService

        AuthService(restarted).login(ADMIN, ADMIN_PASSWORD)
        again = HomeVisitService(restarted)
        (late,) = again.overdue()
        assert late.visit_id == visit_id and late.overdue
        opened = again.resume()
        assert opened is not None and opened.case_id == visited.case_id
        with pytest.raises(AccessDenied):
            CaseWorkServices.for_context(restarted).cases.open_case(other.case_id)
    finally:
        restarted.release()


def test_the_besoksplan_never_prints_a_protected_address(
    env: Env, two_cases: tuple[CaseWorkServices, CaseRef, CaseRef]
) -> None:
    services, visited, _o = two_cases
    visits = HomeVisitService(env.ctx)
    visit_id = visits.plan(
        visited.case_id,
        plan_input(
            env,
            address=f"{SECRET_STREET}, {SECRET_CITY}",
            risk_note=f"Parkera inte vid {SECRET_STREET}. Hunden är snäll.",
            risk_answers={q.id: Answer.YES for q in HomeVisitService.risk_questions()},
        ),
    )
    assert services.documents.recipients(DocumentKind.VISIT_PLAN) == (
        (Recipient.COLLEAGUE, "Kollega på kontoret"),
    )
    document = services.documents.render(
        DocumentKind.VISIT_PLAN, visited.case_id, visit_id, Recipient.COLLEAGUE
    )
    reader = pypdf.PdfReader(io.BytesIO(document.pdf))
    assert len(reader.pages) == 1
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert SECRET_STREET.split()[0] not in text and SECRET_CITY not in text
    assert "999 99" not in text and "070-999" not in text
    assert AGREED_ADDRESS in text and "Hunden är snäll" in text
    assert visited.number in text and "Kollega Bo" in text and "Ja" in text
    assert "besoksplan" in document.file_name and visited.number not in document.file_name
    with env.ctx.require_store().session() as session:
        assert session.execute(select(HomeVisitRow.id)).scalars().all() == [visit_id]
