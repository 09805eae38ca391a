"""The demo register records the facts the auditors ask about, so that its Bevakningar and
egenkontroll have something to show: kön, assignments, the investigation record agreeing with
the case's status, the child heard, samverkan/SIP, a reminded genomförandeplan and an insats
whose period ran out without an ending."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from tests.fakes import FakeWallClock
from tests.stores import Template
from vinr_desktop.domain.case_facts import Sex, StartBasis, child_investigation_due
from vinr_desktop.domain.cases import CaseStatus
from vinr_desktop.domain.decisions import InsatsState
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CareServices, CaseWorkServices
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.deadlines.service import DeadlineService
from vinr_desktop.services.demo.register import DEMO_PASSWORD
from vinr_desktop.store import keys
from vinr_desktop.store.case_schema import CaseRow, JournalEntryRow, PersonRow
from vinr_desktop.store.device import NoDeviceStore
from vinr_desktop.store.facts_schema import (
    CaseAssignmentRow,
    ImplementationReminderRow,
    InvestigationRow,
)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory, demo_template: Template) -> Iterator[AppContext]:
    folder = demo_template.copy_to(tmp_path_factory.mktemp("demo-facts") / "demoregister")
    context = AppContext(
        folder, device=NoDeviceStore(), now=FakeWallClock(), kdf=keys.KdfParams.floor()
    )
    AuthService(context).login("handlaggare", DEMO_PASSWORD)
    yield context
    context.release()


def _today(ctx: AppContext) -> date:
    return ctx.now().astimezone().date()


def test_every_person_has_a_recorded_kon(ctx: AppContext) -> None:
    with ctx.require_store().session() as session:
        sexes = Counter(session.execute(select(PersonRow.sex)).scalars())
    assert set(sexes) <= {s.value for s in Sex}
    assert sexes[Sex.WOMAN.value] > 10 and sexes[Sex.MAN.value] > 10
    assert sexes[Sex.UNKNOWN.value] < sum(sexes.values()) / 10


def test_each_case_is_assigned_and_some_were_handed_over(ctx: AppContext) -> None:
    with ctx.require_store().session() as session:
        cases = {c.id: c for c in session.execute(select(CaseRow)).scalars()}
        rows = list(session.execute(select(CaseAssignmentRow)).scalars())
        handed = session.execute(
            select(JournalEntryRow.text).where(
                JournalEntryRow.text.like("Ärendet överlämnat till%")
            )
        ).all()
    assert {r.case_id for r in rows} == set(cases)
    latest: dict[str, CaseAssignmentRow] = {}
    for row in sorted(rows, key=lambda r: r.assigned_on):
        assert row.assigned_on >= cases[row.case_id].intake_date
        latest[row.case_id] = row
    assert all(latest[i].user_id == c.responsible_user_id for i, c in cases.items())
    assert len(rows) > len(cases) and handed


def test_the_investigation_record_agrees_with_each_cases_status(ctx: AppContext) -> None:
    today = _today(ctx)
    with ctx.require_store().session() as session:
        cases = {c.id: c for c in session.execute(select(CaseRow)).scalars()}
        investigations = list(session.execute(select(InvestigationRow)).scalars())
    by_case = {i.case_id: i for i in investigations}
    assert len(by_case) == len(investigations)  # one each
    for case_id, case in cases.items():
        found = by_case.get(case_id)
        reached = case.status_before_close if case.status == CaseStatus.CLOSED else case.status
        if reached == CaseStatus.INTAKE:
            assert found is None
            continue
        assert found is not None, case.number
        assert found.started_on >= case.intake_date
        if case.status == CaseStatus.INVESTIGATION:
            assert found.ended_on is None
        elif case.status == CaseStatus.INTERVENTION:
            assert found.outcome == "with_insats"
        else:
            assert found.ended_on is not None and found.ended_on <= (case.closed_on or "")
        if case.is_child_case and found.start_basis != StartBasis.PRELIMINARY.value:
            assert case.intake_kind != "report"
    running_children = [
        i for i in investigations if i.ended_on is None and cases[i.case_id].is_child_case
    ]
    late = [
        i
        for i in running_children
        if i.extended_to is None
        and child_investigation_due(date.fromisoformat(i.started_on)) < today
    ]
    (extended,) = [i for i in investigations if i.extended_to is not None]
    assert extended.extension_reason and late
    assert {i.outcome for i in investigations if i.outcome} >= {"with_insats", "handed_over"}


def test_the_recorded_facts_are_in_the_cases(ctx: AppContext) -> None:
    services = CaseWorkServices.for_context(ctx)
    facts = [services.facts.facts(c.case_id) for c in services.cases.list_cases()]
    heard = [h for f in facts for h in f.child_heard]
    assert any(h.text == "Samtal med barnet" for h in heard)
    assert any(h.text.startswith("Inte hörd (barnets ålder)") for h in heard)
    kinds = {m.kind_label for f in facts for m in f.meetings}
    assert any(k.startswith("SIP") for k in kinds) and len(kinds) == 2
    with ctx.require_store().session() as session:
        (reminder,) = session.execute(select(ImplementationReminderRow)).scalars()
    assert reminder.how == "Telefon till jouren"


def test_an_insats_whose_period_ran_out_without_an_ending_is_flagged(ctx: AppContext) -> None:
    care = CareServices.for_context(ctx)
    services = CaseWorkServices.for_context(ctx)
    states = [
        d.state
        for c in services.cases.list_cases()
        for d in care.decisions.list_decisions(c.case_id)
    ]
    assert InsatsState.EXPIRED in states


def test_the_bevakningar_page_has_work_to_show(ctx: AppContext) -> None:
    texts = [line.text for line in DeadlineService(ctx).page().lines]
    assert "Utredning klar" in texts
    assert any(t.startswith("Skyddsbedömning (anmälan") for t in texts)
    assert any(t.startswith("Förhandsbedömning (anmälan") for t in texts)
    for text in ("Insats avslutad utan skäl", "Påminn om genomförandeplan", "Uppföljning försenad"):
        assert text in texts
