"""Fingerade personuppgifter: the person keeps the one identity registered; the old identity
(or any other) is never stored on the person or linked to the new one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.casework import adult, personnummer, register
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import ProtectionLevel, check_identity_change
from vinr_desktop.services.casework import CaseWorkServices


@pytest.fixture
def services(env: Env) -> CaseWorkServices:
    env.auth.login("ada", ADMIN_PASSWORD)
    return CaseWorkServices.for_context(env.ctx)


def test_a_second_identity_on_a_person_with_fictitious_details_is_refused(
    services: CaseWorkServices,
) -> None:
    person = adult("Ny", "Identitetsson-Fiktiv", serial=501)
    person = replace(person, protection_level=ProtectionLevel.FICTITIOUS_IDENTITY)
    ref = register(services, person)
    main = services.cases.open_case(ref.case_id).main_person
    assert main is not None
    old_number = personnummer(date(1985, 4, 12), 502)
    with pytest.raises(InvalidInput, match="fingerade personuppgifter"):
        services.persons.update(
            ref.case_id, main.person_id, replace(person, identity_text=old_number)
        )
    # Other details may change; the registered identity stays the only one.
    services.persons.update(ref.case_id, main.person_id, replace(person, language="arabiska"))
    after = services.cases.open_case(ref.case_id).main_person
    assert after is not None and after.identity_value == main.identity_value


def test_the_rule_applies_when_the_level_is_set_or_already_there() -> None:
    fict, none = ProtectionLevel.FICTITIOUS_IDENTITY, ProtectionLevel.NONE
    same, other = ("personnummer", "198504120000"), ("personnummer", "198504129999")
    check_identity_change(none, none, same, other)  # an ordinary correction
    check_identity_change(fict, fict, same, same)
    check_identity_change(none, fict, ("none", ""), same)  # the first number given
    for before, after in ((fict, fict), (none, fict), (fict, none)):
        with pytest.raises(InvalidInput, match="aldrig sparas"):
            check_identity_change(before, after, same, other)
