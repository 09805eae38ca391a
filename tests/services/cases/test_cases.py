"""Cases through the real services on a real encrypted store: register, list, open (audited
first), markers, status, child steps, close and reopen, access."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.casework import adult, protected_adult, register
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.domain.case_facts import StartBasis
from vinr_desktop.domain.cases import CaseStatus, IntakeKind, PreliminaryOutcome
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.services.cases.cases import CaseScope
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.store.schema import AuditRow

CHILD_BIRTH = date(2016, 5, 5)


@pytest.fixture
def services(env: Env) -> CaseWorkServices:
    env.auth.login("ada", ADMIN_PASSWORD)
    return CaseWorkServices.for_context(env.ctx)


def _actions(env: Env) -> list[str]:
    with env.ctx.require_store().session() as session:
        return list(session.execute(select(AuditRow.action).order_by(AuditRow.seq)).scalars())


def _journal_texts(services: CaseWorkServices, case_id: str) -> list[str]:
    return [e.text for e in services.journal.timeline(case_id).entries]


def test_registered_case_gets_a_running_number_and_is_journalled(
    services: CaseWorkServices,
) -> None:
    first = register(services)
    second = register(services, adult("Andra", "Provsson-Fiktiv", serial=222))
    assert (first.number, second.number) == ("VINR-2026-0001", "VINR-2026-0002")
    texts = _journal_texts(services, first.case_id)
    assert "Ärendet aktualiserat: ansökan 2026-02-20." in texts
    assert "Markering tillagd: fysiskt våld" in texts
    details = services.cases.open_case(first.case_id)
    assert details.status is CaseStatus.INTAKE
    assert details.main_person is not None and details.main_person.name == "Testa Testsson-Fiktiv"


def test_the_same_person_in_two_cases_is_shown_in_both(services: CaseWorkServices) -> None:
    first = register(services)
    second = register(services)  # same personnummer: the same person, not a copy
    details = services.cases.open_case(second.case_id)
    assert details.main_person is not None
    assert [c.number for c in details.main_person.other_cases] == [first.number]


def test_a_report_needs_its_reporter(services: CaseWorkServices) -> None:
    from vinr_desktop.domain.cases import ReporterKind
    from vinr_desktop.views.cases import NewCase

    with pytest.raises(InvalidInput, match="anmälan"):
        services.cases.register(
            NewCase(IntakeKind.REPORT, date(2026, 2, 1), ReporterKind.NONE, "", adult())
        )


def test_opening_a_case_writes_the_audit_event_first(env: Env, services: CaseWorkServices) -> None:
    ref = register(services)
    before = len(_actions(env))
    services.cases.open_case(ref.case_id)
    assert _actions(env)[before:] == ["case_opened"]
    services.cases.details(ref.case_id)  # a reload of an open view is not a new opening
    assert _actions(env)[before:] == ["case_opened"]


def test_no_case_data_when_the_audit_event_cannot_be_written(
    env: Env, services: CaseWorkServices
) -> None:
    """Fail closed: an audit log that refuses the row (a trigger in the real store) means the
    case is not shown."""
    ref = register(services)
    store = env.ctx.require_store()
    with store.session() as session:
        session.connection().exec_driver_sql(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
        )
    shown = []
    with pytest.raises(Exception, match="audit refused"):
        shown.append(services.cases.open_case(ref.case_id))
    assert shown == []


def test_markers_are_journalled_one_line_each(services: CaseWorkServices) -> None:
    ref = register(services)
    assert (
        services.cases.set_markers(
            ref.case_id, {"violence_physical", "violence_economic", "vuln_pregnancy"}
        )
        == 2
    )
    services.cases.set_marker(ref.case_id, "violence_physical", False)
    texts = _journal_texts(services, ref.case_id)
    assert "Markering tillagd: ekonomiskt våld" in texts
    assert "Markering tillagd: graviditet" in texts
    assert "Markering borttagen: fysiskt våld" in texts
    assert services.cases.details(ref.case_id).markers == {"violence_economic", "vuln_pregnancy"}


def test_status_moves_forward_only(services: CaseWorkServices) -> None:
    ref = register(services)
    with pytest.raises(InvalidInput):
        services.cases.advance_status(ref.case_id, CaseStatus.INTERVENTION)
    # "Utredning" comes with the investigation record, never as a bare status change.
    with pytest.raises(InvalidInput, match="En utredning inleds med startdatum"):
        services.cases.advance_status(ref.case_id, CaseStatus.INVESTIGATION)
    assert services.cases.details(ref.case_id).status is CaseStatus.INTAKE
    services.investigations.start(ref.case_id, date(2026, 2, 23), StartBasis.APPLICATION, "none")
    details = services.cases.details(ref.case_id)
    assert details.status is CaseStatus.INVESTIGATION and details.investigation_running
    with pytest.raises(InvalidInput, match="Utredningen pågår"):
        services.cases.advance_status(ref.case_id, CaseStatus.INTERVENTION)
    services.investigations.end(ref.case_id, date(2026, 2, 26), "with_insats")
    services.cases.advance_status(ref.case_id, CaseStatus.INTERVENTION)
    assert services.cases.details(ref.case_id).status is CaseStatus.INTERVENTION
    assert "Status ändrad: Utredning → Beslut/insats pågår." in _journal_texts(
        services, ref.case_id
    )


def test_ending_the_investigation_can_move_the_case_on_in_the_same_step(
    services: CaseWorkServices,
) -> None:
    ref = register(services)
    services.investigations.start(ref.case_id, date(2026, 2, 23), StartBasis.APPLICATION, "none")
    services.investigations.end(ref.case_id, date(2026, 2, 26), "with_insats", advance=True)
    details = services.cases.details(ref.case_id)
    assert details.status is CaseStatus.INTERVENTION and not details.investigation_running
    texts = _journal_texts(services, ref.case_id)
    assert "Utredningen avslutad 2026-02-26: Avslutad med insats." in texts
    assert "Status ändrad: Utredning → Beslut/insats pågår." in texts


def test_a_case_is_not_closed_with_its_investigation_still_open(
    services: CaseWorkServices, env: Env
) -> None:
    ref = register(services)
    services.investigations.start(ref.case_id, date(2026, 2, 23), StartBasis.APPLICATION, "bbic")
    with pytest.raises(InvalidInput, match="Ange hur den avslutades"):
        services.cases.close(ref.case_id, "goal_reached", "", "Klart.")
    with pytest.raises(InvalidInput, match="hur utredningen avslutades"):
        services.cases.close(ref.case_id, "goal_reached", "", "Klart.", "no-such-outcome")
    assert services.cases.details(ref.case_id).status is CaseStatus.INVESTIGATION
    services.cases.close(ref.case_id, "client_declines", "", "Avböjer.", "client_request")
    details = services.cases.details(ref.case_id)
    assert details.status is CaseStatus.CLOSED and not details.investigation_running
    (ended,) = services.facts.facts(ref.case_id).investigations
    assert (ended.ended_on, ended.outcome_label) == (
        details.closed_on,
        "Avslutad på klientens begäran",
    )
    assert f"Utredningen avslutad {details.closed_on}: Avslutad på klientens begäran." in (
        _journal_texts(services, ref.case_id)
    )
    actions = _actions(env)
    assert actions.index("investigation_ended") < actions.index("case_closed")
    # Reopened, the case is in utredning again with its (ended) investigation on record.
    services.cases.reopen(ref.case_id, "Ny kontakt.")
    assert services.cases.details(ref.case_id).status is CaseStatus.INVESTIGATION


def test_each_report_about_a_child_has_its_own_two_steps(
    services: CaseWorkServices,
) -> None:
    ref = register(
        services,
        adult("Lilla", "Barnsson-Fiktiv", birth=CHILD_BIRTH, serial=345),
        kind=IntakeKind.REPORT,
    )
    details = services.cases.open_case(ref.case_id)
    assert details.is_child_case
    (first,) = details.reports
    assert first.received_on == "2026-02-20" and first.reporter == "Polisen"
    assert first.protection_due == "2026-02-20"  # genast: the same day
    assert first.preliminary_due == "2026-03-06"  # 14 days from the day it came in
    with pytest.raises(InvalidInput, match="skyddsbedömningen för varje anmälan"):
        services.cases.advance_status(ref.case_id, CaseStatus.INVESTIGATION)
    with pytest.raises(InvalidInput, match="skyddsbedömningen"):
        services.reports.record_preliminary(
            ref.case_id,
            first.report_id,
            date(2026, 2, 25),
            PreliminaryOutcome.OPEN_INVESTIGATION,
            "Oro kvarstår.",
        )
    services.reports.record_protection(ref.case_id, first.report_id, date(2026, 2, 20), False, "")
    # A second report, late in the day: its own skyddsbedömning by the next day.
    second = services.reports.add(ref.case_id, date(2026, 2, 27), "school", "", came_in_late=True)
    view = services.reports.reports(ref.case_id)[1]
    assert view.report_id == second and view.protection_due == "2026-02-28"
    services.reports.record_preliminary(
        ref.case_id,
        first.report_id,
        date(2026, 2, 25),
        PreliminaryOutcome.OPEN_INVESTIGATION,
        "Oro kvarstår.",
    )
    with pytest.raises(InvalidInput, match="varje anmälan"):
        services.cases.advance_status(ref.case_id, CaseStatus.INVESTIGATION)
    services.reports.record_protection(ref.case_id, second, date(2026, 2, 28), False, "")
    with pytest.raises(InvalidInput, match="inleds efter förhandsbedömningen"):
        services.investigations.start(ref.case_id, date(2026, 2, 28), StartBasis.DECISION, "bbic")
    services.investigations.start(ref.case_id, date(2026, 2, 28), StartBasis.PRELIMINARY, "bbic")
    assert services.cases.details(ref.case_id).status is CaseStatus.INVESTIGATION
    # Synnerliga skäl: a later last day for the second report's förhandsbedömning.
    with pytest.raises(InvalidInput, match="efter de 14 dagarna"):
        services.reports.extend_preliminary(ref.case_id, second, date(2026, 3, 10), "Skäl.")
    services.reports.extend_preliminary(
        ref.case_id, second, date(2026, 3, 27), "Barnet kan höras först efter sjukhusvistelse."
    )
    assert services.reports.reports(ref.case_id)[1].preliminary_due == "2026-03-27"


def test_a_child_case_begun_with_an_application_asks_for_no_report_steps(
    services: CaseWorkServices,
) -> None:
    ref = register(
        services,
        adult("Lilla", "Ansökansson-Fiktiv", birth=CHILD_BIRTH, serial=346),
        kind=IntakeKind.APPLICATION,
    )
    details = services.cases.open_case(ref.case_id)
    assert details.is_child_case and details.reports == ()
    with pytest.raises(InvalidInput, match="ingen förhandsbedömning"):
        services.investigations.start(
            ref.case_id, date(2026, 2, 23), StartBasis.PRELIMINARY, "bbic"
        )
    services.investigations.start(ref.case_id, date(2026, 2, 23), StartBasis.APPLICATION, "bbic")
    assert services.cases.details(ref.case_id).status is CaseStatus.INVESTIGATION


def test_closing_needs_reason_and_text_and_makes_the_case_read_only(
    services: CaseWorkServices,
) -> None:
    ref = register(services)
    with pytest.raises(InvalidInput, match="avslutsorsak"):
        services.cases.close(ref.case_id, "", "", "Text")
    with pytest.raises(InvalidInput, match="motivering"):
        services.cases.close(ref.case_id, "goal_reached", "", "  ")
    services.cases.close(ref.case_id, "client_moved", "Annanby kommun", "Har flyttat.")
    details = services.cases.details(ref.case_id)
    assert details.status is CaseStatus.CLOSED
    assert (details.writable, details.can_reopen) == (False, True)
    assert details.closing_reason == "Klienten har flyttat"
    with pytest.raises(InvalidInput, match="avslutat"):
        services.cases.set_marker(ref.case_id, "violence_sexual", True)
    from tests.casework import entry

    with pytest.raises(InvalidInput, match="avslutat"):
        services.journal.sign(ref.case_id, None, entry("Efter avslut"))
    with pytest.raises(InvalidInput, match="Skälet"):
        services.cases.reopen(ref.case_id, " ")
    services.cases.reopen(ref.case_id, "Ny anmälan har kommit in.")
    details = services.cases.details(ref.case_id)
    assert details.status is CaseStatus.INTAKE and details.writable
    kinds = [e.kind for e in services.journal.timeline(ref.case_id).entries]
    assert kinds.count(EntryKind.EVENT) >= 3


def test_protected_person_is_masked_in_lists_and_contact_needs_a_reason(
    env: Env, services: CaseWorkServices
) -> None:
    ref = register(services, protected_adult())
    [row] = services.cases.list_cases()
    assert row.protected and row.main_person == "S. H. (skyddad)"
    details = services.cases.open_case(ref.case_id)
    main = details.main_person
    assert main is not None and main.contact is None
    with pytest.raises(InvalidInput):
        services.persons.reveal_contact(ref.case_id, main.person_id, "")
    contact = services.persons.reveal_contact(ref.case_id, main.person_id, "Hembesök planeras")
    assert contact.city == "Gömstadby"
    assert _actions(env)[-1] == "contact_revealed"


def _new_user(env: Env, username: str, roles: set[str]) -> str:
    """Add a user as ada and let them choose their password; returns it."""
    env.auth.login("ada", ADMIN_PASSWORD)
    one_time = env.admin.add_user(username, f"{username.title()} Kollegasson-Fiktiv", roles)
    env.auth.logout()
    chosen = f"blå cykel i regnet {username}"
    env.auth.login(username, one_time)
    env.auth.change_own_password(one_time, chosen, chosen)
    env.auth.logout()
    return chosen


def test_who_sees_which_case(env: Env) -> None:
    """A caseworker: her own cases only. A manager: the unit's cases, not protected ones. An
    administrator: no case at all."""
    bo = _new_user(env, "bo", {"caseworker"})
    chef = _new_user(env, "chef", {"manager"})
    adm = _new_user(env, "adm", {"admin"})
    services = CaseWorkServices.for_context(env.ctx)
    env.auth.login("ada", ADMIN_PASSWORD)
    open_case = register(services)
    hidden = register(services, protected_adult())
    env.auth.logout()

    env.auth.login("bo", bo)
    assert services.cases.list_cases(CaseScope.ALL_VISIBLE) == []
    with pytest.raises(AccessDenied) as refused:
        services.cases.open_case(open_case.case_id)
    assert "finns inte" in refused.value.message  # told apart from a missing case: never
    assert services.search.search("Testsson").cases == ()
    env.auth.logout()

    env.auth.login("chef", chef)
    seen = [row.case_id for row in services.cases.list_cases(CaseScope.ALL_VISIBLE)]
    assert seen == [open_case.case_id]
    assert not services.cases.open_case(open_case.case_id).writable
    with pytest.raises(AccessDenied):
        services.cases.open_case(hidden.case_id)
    with pytest.raises(AccessDenied):
        services.journal.timeline(hidden.case_id)
    assert services.search.search("Hemligsson").cases == ()
    env.auth.logout()

    env.auth.login("adm", adm)
    for call in (
        lambda: services.cases.list_cases(),
        lambda: services.cases.open_case(open_case.case_id),
        lambda: services.search.search("Testsson"),
        lambda: services.journal.timeline(open_case.case_id),
    ):
        with pytest.raises(AccessDenied):
            call()


def test_editing_a_protected_person_never_blanks_the_hidden_address(
    services: CaseWorkServices,
) -> None:
    from dataclasses import replace

    from vinr_desktop.domain.persons import ContactDetails

    ref = register(services, protected_adult())
    main = services.cases.open_case(ref.case_id).main_person
    assert main is not None
    # The form showed "Skyddad — visa" for every field; the user typed only a new phone.
    edited = replace(protected_adult(), contact=ContactDetails(phone="070-111 11 11"))
    services.persons.update(ref.case_id, main.person_id, edited)
    contact = services.persons.reveal_contact(ref.case_id, main.person_id, "Kontroll")
    assert (contact.street, contact.city, contact.phone) == (
        "Hemligavägen 17 MARKÖR",
        "Gömstadby",
        "070-111 11 11",
    )
