"""Log review (loggkontroll) through the real services: flags, order, filters, review marks,
the chain check, the report, and what a handläggare sees of her own cases."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from tests.casework import entry
from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.audit_events import EventGroup, Flag
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.case_access import NOT_FOUND
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.views.audit import AuditEventView, AuditFilter

REASON = "Polisen ringer om akut skyddsbehov i natt."


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


def _actions(events: tuple[AuditEventView, ...]) -> list[str]:
    return [e.action for e in events]


def test_flagged_events_come_first_until_they_are_reviewed(team: Team) -> None:
    plain, hidden = team.case(), team.case(protected=True)
    team.share(plain, "bo", ShareLevel.READ)
    team.act_as("bo")
    team.services.cases.open_case(plain.case_id)  # outside her own cases: flagged
    team.act_as("anna")
    team.services.cases.open_case(plain.case_id)  # her own case: not flagged
    team.services.journal.sign(plain.case_id, None, entry("Samtal med klienten."))
    team.act_as("chef")
    team.services.sharing.start_emergency(hidden.number, REASON)
    review = team.services.audit

    page = review.events(AuditFilter())
    flagged = [e for e in page.events if e.flag is not None]
    assert page.flagged_unreviewed == len(flagged) == 2
    assert page.events[: len(flagged)] == tuple(sorted(flagged, key=lambda e: -e.seq))
    assert {(e.action, e.flag) for e in flagged} == {
        ("emergency_access_started", Flag.EMERGENCY),
        ("case_opened", Flag.OUTSIDE_OWN),
    }
    opened_by_bo = next(e for e in flagged if e.action == "case_opened")
    assert opened_by_bo.user_name == "Bo Kollegasson-Fiktiv"
    assert opened_by_bo.detail == "delat ärende (läsa)"
    started = next(e for e in flagged if e.action == "emergency_access_started")
    assert started.reason == REASON

    with pytest.raises(InvalidInput):
        review.mark_reviewed([e.seq for e in flagged], "  ")
    review.mark_reviewed([e.seq for e in flagged], "Kontrollerat med Bo och polisen.")
    after = review.events(AuditFilter())
    assert after.flagged_unreviewed == 0
    assert after.events[0].action == "audit_reviewed"  # newest first once nothing is open
    marked = [e for e in after.events if e.flag is not None]
    assert all(e.review is not None for e in marked)
    assert {e.review.comment for e in marked if e.review} == {"Kontrollerat med Bo och polisen."}
    assert review.events(AuditFilter(unreviewed_only=True, flagged_only=True)).total == 0


def test_filters_by_user_case_kind_and_period(team: Team) -> None:
    first, second = team.case(), team.case()
    team.share(first, "bo", ShareLevel.READ)
    team.act_as("bo")
    team.services.cases.open_case(first.case_id)
    team.act_as("chef")
    review = team.services.audit
    bo = team.users["bo"].user_id

    by_bo = review.events(AuditFilter(user_id=bo))
    assert _actions(by_bo.events) == ["case_opened"]
    of_first = review.events(AuditFilter(case_id=review.find_case(first.number).case_id))
    assert {e.case_label for e in of_first.events} == {first.number}
    assert "case_registered" in _actions(of_first.events)
    assert second.number not in {e.case_label for e in of_first.events}
    sharing = review.events(AuditFilter(groups=frozenset({EventGroup.SHARING})))
    assert _actions(sharing.events) == ["case_shared"]
    assert sharing.events[0].detail == "Bo Kollegasson-Fiktiv: Läsa"
    # Events are stamped with the program's clock (the test's), like the case data.
    day = team.env.clock.now.astimezone().date()
    that_day = review.events(AuditFilter(date_from=day, date_to=day), limit=1000)
    assert {datetime.fromisoformat(e.ts_utc).astimezone().date() for e in that_day.events} == {day}
    assert {"case_registered", "case_shared", "case_opened", "login"} <= set(
        _actions(that_day.events)
    )
    assert review.events(AuditFilter(date_from=day + timedelta(days=1))).total == 0
    before = review.events(AuditFilter(date_to=day - timedelta(days=1)), limit=1000)
    assert not set(_actions(before.events)) & {"case_registered", "case_shared", "case_opened"}


def test_a_protected_case_is_shown_by_reference_only(team: Team) -> None:
    hidden = team.case(protected=True)
    team.act_as("anna")
    details = team.services.cases.open_case(hidden.case_id)
    assert details.main_person is not None
    team.services.persons.reveal_contact(hidden.case_id, details.main_person.person_id, "Hembesök")
    team.act_as("chef")
    review = team.services.audit
    page = review.events(AuditFilter(case_id=hidden.case_id))
    labels = {e.case_label for e in page.events}
    assert len(labels) == 1
    (label,) = labels
    assert label.startswith("Skyddat ärende (ref. ") and hidden.number not in label
    assert all(e.detail in ("", "som ansvarig handläggare") for e in page.events)
    reveal = next(e for e in page.events if e.action == "contact_revealed")
    assert reveal.flag is Flag.PROTECTED
    with pytest.raises(AccessDenied) as refused:
        review.find_case(hidden.number)
    assert refused.value.message == NOT_FOUND
    # With nödåtkomst running she may see the number.
    team.services.sharing.start_emergency(hidden.number, REASON)
    assert hidden.number in {e.case_label for e in review.events(AuditFilter()).events}


def test_the_chain_is_verified_when_the_review_opens(team: Team) -> None:
    team.case()
    team.act_as("chef")
    review = team.services.audit
    status = review.open_review()
    assert status.ok and status.count >= 3
    with team.env.ctx.require_store().session() as session:
        session.execute(text("UPDATE audit_events SET reason = 'ändrad' WHERE seq = 2"))
    broken = review.open_review()
    assert not broken.ok
    assert any("Loggpost 2 har ändrats" in p for p in broken.problems)
    with pytest.raises(AccessDenied):
        team.act_as("bo")
        review.open_review()


def test_a_handlaggare_sees_who_else_opened_her_cases(team: Team) -> None:
    mine = team.case()
    team.share(mine, "bo", ShareLevel.READ)
    team.act_as("anna")
    team.services.cases.open_case(mine.case_id)
    team.act_as("bo")
    team.services.cases.open_case(mine.case_id)
    team.act_as("chef")
    team.services.cases.open_case(mine.case_id)
    team.act_as("anna")
    seen = team.services.audit.my_cases_log(AuditFilter())
    assert [(e.user_name, e.action) for e in seen.events] == [
        ("Chef Chefsdotter-Fiktiv", "case_opened"),
        ("Bo Kollegasson-Fiktiv", "case_opened"),
    ]
    with pytest.raises(AccessDenied):
        team.services.audit.events(AuditFilter())


def test_vem_har_sett_arendet_lists_every_access(team: Team) -> None:
    ref = team.case()
    team.share(ref, "bo", ShareLevel.READ)
    team.act_as("bo")
    team.services.cases.open_case(ref.case_id)
    log = team.services.audit.case_log(ref.case_id)
    assert [(e.user_name, e.action) for e in log.events[:2]] == [
        ("Bo Kollegasson-Fiktiv", "case_opened"),
        ("Anna Ansvarigsson-Fiktiv", "case_shared"),
    ]
    assert {e.case_label for e in log.events} == {ref.number}


def test_the_report_is_saved_only_as_an_audited_export(team: Team, tmp_path: Path) -> None:
    hidden = team.case(protected=True)
    team.act_as("chef")
    team.services.sharing.start_emergency(hidden.number, REASON)
    team.services.cases.open_case(hidden.case_id)
    team.env.clock.advance(2 * 3600)  # the nödåtkomst has run out when the report is made
    target = tmp_path / "loggkontroll-2026-03-02.pdf"
    docs = team.services.documents
    document = docs.audit_report(AuditFilter())
    report = team.services.audit.report(AuditFilter())
    with team.env.ctx.require_store().session() as session:
        before = session.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1))
        assert before.scalar_one().action != "document_saved"  # making it is not an export
    docs.save_document(None, document, target)
    with team.env.ctx.require_store().session() as session:
        last = session.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).scalar_one()
    assert (last.action, last.object_id, last.case_id) == (
        "document_saved",
        document.document_id,
        None,
    )
    assert last.reason == f"audit_report:board:{document.document_id}"  # codes only
    team.act_as("anna")  # a handläggare cannot make or record the review
    with pytest.raises(AccessDenied):
        docs.audit_report(AuditFilter())
    with pytest.raises(AccessDenied):
        docs.record_output(
            None, DocumentKind.AUDIT_REPORT, document.document_id, Recipient.BOARD, "print"
        )
    pages = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    flat = " ".join(pages.split())
    assert "Loggkontroll" in flat and document.document_id in flat
    assert "Nödåtkomst påbörjad" in flat and REASON in flat
    assert hidden.number not in flat and "Hemligsson" not in flat
    counts = {c.label: (c.total, c.reviewed) for c in report.flag_counts}
    assert counts["Nödåtkomst"] == (1, 0)
    assert counts["Utanför egna ärenden"] == (1, 0)
