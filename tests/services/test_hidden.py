"""A protected case is invisible to everyone not given access to it.

Anna works a protected case: journal, a revealed address, a read share to Bo that ends, a
manager's nödåtkomst that runs out, closure. Afterwards Bo, the manager and the administrator
look everywhere they can — lists, counts, search, person search, error messages, the log review,
its report (as a PDF, read back), the handläggare's access log — and the case's number, the
persons' names, identity number and address appear in none of it.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

import pytest

from tests.casework import entry, personnummer, register
from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.errors import UserError
from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import ContactDetails, PersonRole, ProtectionLevel
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.cases.cases import CaseScope
from vinr_desktop.views.audit import AuditFilter
from vinr_desktop.views.cases import CaseRef, PersonInput

NUMBER = personnummer(date(1988, 8, 18), 771)
FIRST, LAST = "Döljsa", "Qxzvsdotter-Fiktiv"
STREET, CITY = "Gömvägen Wqzx 9", "Döljby Zqxw"
OTHER = "Våldsam Zxqwsson-Fiktiv"


def _work_the_case(team: Team) -> CaseRef:
    team.act_as("anna")
    services = team.services
    ref = register(
        services,
        PersonInput(
            FIRST,
            LAST,
            identity_kind=IdentityKind.PERSONNUMMER,
            identity_text=NUMBER,
            contact=ContactDetails(STREET, "999 99", CITY, "070-999 11 22"),
            protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        ),
    )
    services.persons.add_to_case(
        ref.case_id,
        PersonInput(OTHER.split()[0], OTHER.split()[1], birth_date=date(1980, 1, 1)),
        PersonRole.PERPETRATOR,
    )
    details = services.cases.open_case(ref.case_id)
    assert details.main_person is not None
    services.journal.sign(ref.case_id, None, entry("Hembesök genomfört enligt plan."))
    services.persons.reveal_contact(ref.case_id, details.main_person.person_id, "Hembesök")
    today = team.env.clock.now.astimezone().date()
    team.share(ref, "bo", ShareLevel.READ, until=today)
    team.act_as("bo")
    services.cases.open_case(ref.case_id)
    team.act_as("chef")
    services.sharing.start_emergency(ref.number, "Polisen ringer om akut skyddsbehov i natt.")
    opened = services.cases.open_case(ref.case_id)
    assert opened.main_person is not None
    services.persons.reveal_contact(ref.case_id, opened.main_person.person_id, "Polisen frågar")
    team.act_as("anna")
    services.cases.close(ref.case_id, "other", "", "Avslutas efter flytt.")
    team.env.clock.advance(timedelta(days=2).total_seconds())
    return ref


def _secrets(ref: CaseRef) -> list[str]:
    return [ref.number, FIRST, LAST, STREET, CITY, NUMBER, NUMBER.replace("-", "")[2:], OTHER]


def _everything_seen(team: Team, ref: CaseRef, role: str) -> tuple[str, int]:
    """Every text the user can get out of the program about anything, and the case count."""
    services = team.services
    seen: list[str] = []
    count = 0

    def look(call: object) -> None:
        try:
            result = call()  # type: ignore[operator]
        except UserError as refused:
            seen.append(refused.message)
        else:
            seen.append(repr(result))

    for scope in CaseScope:
        look(lambda scope=scope: services.cases.list_cases(scope))
    try:
        count = len(services.cases.list_cases(CaseScope.ALL_VISIBLE))
    except UserError:
        count = 0
    for word in (ref.number, LAST, NUMBER, NUMBER[2:8], STREET.split()[1], CITY.split()[1]):
        # The results only: they echo the query, which the user typed herself.
        look(lambda word=word: (lambda r: (r.cases, r.hits))(services.search.search(word)))
        look(lambda word=word: services.persons.find(word))
    for call in (
        lambda: services.cases.open_case(ref.case_id),
        lambda: services.cases.details(ref.case_id),
        lambda: services.journal.timeline(ref.case_id),
        lambda: services.sharing.shares(ref.case_id),
        lambda: services.audit.case_log(ref.case_id),
        lambda: services.audit.find_case(ref.number),
        lambda: services.audit.my_cases_log(AuditFilter()),
    ):
        look(call)
    if role == "manager":
        page = services.audit.events(AuditFilter(), limit=10_000)
        seen.append(repr(page))
        seen += [repr(asdict(e)) for e in page.events]
        report = services.audit.report(AuditFilter())
        seen.append(repr(report))
        from io import BytesIO

        from pypdf import PdfReader

        pdf = PdfReader(BytesIO(services.documents.audit_report(AuditFilter()).pdf))
        seen += [p.extract_text() for p in pdf.pages]
    return "\n".join(seen), count


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


@pytest.mark.parametrize(
    ("role", "who"), [("caseworker", "bo"), ("manager", "chef"), ("admin", "adm")]
)
def test_nothing_of_a_protected_case_reaches_those_without_access(
    team: Team, role: str, who: str
) -> None:
    plain = team.case()  # an ordinary unit case, for comparison
    ref = _work_the_case(team)
    team.act_as(who)
    text, count = _everything_seen(team, ref, role)
    flat = " ".join(text.split())
    leaked = [s for s in _secrets(ref) if s in text or s in flat]
    assert leaked == []
    if role == "manager":
        assert count == 1  # the unit's one unprotected case; the protected one is not counted
        assert plain.number in text  # the scan would have seen a number had it been there
        assert "Skyddat ärende (ref. " in text  # her nödåtkomst is in the log, by reference
    else:
        assert count == 0
