"""Protection follows the address: a person without a level of her own who lives with a
protected person, or is her child, is proposed the same level when linked, is shown by
initials in every list, and no document prints her address."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest

from tests.casework import SECRET_CITY, SECRET_STREET, adult
from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.cases import IntakeKind, ReporterKind
from vinr_desktop.domain.persons import (
    ContactDetails,
    FollowReason,
    PersonRole,
    ProtectionLevel,
    ProtectionProposal,
)
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.views.cases import NewCase

HOUSEMATE = ContactDetails("hemligavagen  17 markör", "99999", "Gömstadby", "070-555 12 34")
PROTECTED = ProtectionLevel.PROTECTED_REGISTRATION


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


def test_the_same_level_is_proposed_for_a_housemate_and_for_a_child(team: Team) -> None:
    ref = team.case(protected=True)
    plain = team.case()
    team.act_as("anna")
    persons = team.services.persons
    proposal = persons.protection_proposal(ref.case_id, PersonRole.RELATIVE, HOUSEMATE)
    assert proposal == ProtectionProposal(PROTECTED, FollowReason.SAME_ADDRESS)
    assert "skyddad folkbokföring" in proposal.text and "MARKÖR" not in proposal.text
    elsewhere = ContactDetails("Annanvägen 2", "99999", "Gömstadby")
    assert persons.protection_proposal(ref.case_id, PersonRole.RELATIVE, elsewhere) is None
    child = persons.protection_proposal(ref.case_id, PersonRole.CHILD, elsewhere)
    assert child == ProtectionProposal(PROTECTED, FollowReason.CHILD)
    assert persons.protection_proposal(plain.case_id, PersonRole.CHILD, HOUSEMATE) is None


def test_a_housemate_is_shown_by_initials_and_her_address_is_never_printed(team: Team) -> None:
    ref = team.case(protected=True)
    team.act_as("anna")
    s = team.services
    child_id = s.persons.add_to_case(
        ref.case_id,
        adult("Lilla", "Gömdasdotter-Fiktiv", birth=date(2015, 5, 5), serial=77, contact=HOUSEMATE),
        PersonRole.CHILD,
    )
    own = s.cases.register(  # the child's own case, without her mother in it
        NewCase(
            IntakeKind.REPORT,
            date(2026, 2, 21),
            ReporterKind.AUTHORITY,
            "Skolan",
            main_person_id=child_id,
            markers=("target_child_witness",),
        )
    )
    for rows in (s.cases.list_cases(), s.search.search("Gömdasdotter").cases):
        (listed,) = [c for c in rows if c.case_id == own.case_id]
        assert listed.main_person == "L. G. (skyddad)"
    (found,) = s.persons.find("Gömdasdotter")
    assert found.protected and found.follows

    for case_id in (own.case_id, ref.case_id):
        summary = s.documents.render(DocumentKind.CASE_SUMMARY, case_id, case_id, Recipient.FILE)
        text = " ".join(
            " ".join(p.extract_text().split())
            for p in pypdf.PdfReader(io.BytesIO(summary.pdf)).pages
        )
        assert "Gömdasdotter-Fiktiv" in text  # the file gets her name ...
        for secret in (SECRET_STREET, "Hemligav", "999 99", "99999", SECRET_CITY, "555 12 34"):
            assert secret not in text, (case_id, secret)  # ... never her address
        assert "Adressen skyddas" in text


def test_the_proposed_level_is_given_with_the_link(team: Team) -> None:
    ref = team.case(protected=True)
    other = team.case()
    team.act_as("anna")
    s = team.services
    relative = s.persons.add_to_case(
        other.case_id, adult("Moster", "Sambosson-Fiktiv", serial=91, contact=HOUSEMATE),
        PersonRole.RELATIVE,
    )  # fmt: skip
    proposal = s.persons.protection_proposal(ref.case_id, PersonRole.RELATIVE, None, relative)
    assert proposal is not None and proposal.level is PROTECTED
    s.persons.link_existing(ref.case_id, relative, PersonRole.RELATIVE, proposal.level)
    linked = {p.person_id: p for p in s.cases.details(ref.case_id).persons}
    assert linked[relative].protection_level is PROTECTED and linked[relative].contact is None
    assert s.cases.details(other.case_id).protected  # her other case is now protected too
    assert s.persons.protection_proposal(ref.case_id, PersonRole.RELATIVE, None, relative) is None
