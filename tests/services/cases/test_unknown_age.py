"""A main person whose age is not known: the case is a child case until the birth date is given,
then a child case or not by the age on the intake date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.casework import register
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.domain.cases import CaseStatus, IntakeKind
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import ContactDetails
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.views.cases import PersonInput

UNKNOWN_AGE = PersonInput(
    first_name="Okänd",
    last_name="Åldersson-Fiktiv",
    identity_kind=IdentityKind.RESERVNUMMER,
    identity_text="R-0001-FIKTIV",
    identity_issuer="Region Fiktiva",
    contact=ContactDetails("Fiktiva vägen 1", "000 11", "Demoby", ""),
)


@pytest.fixture
def services(env: Env) -> CaseWorkServices:
    env.auth.login("ada", ADMIN_PASSWORD)
    return CaseWorkServices.for_context(env.ctx)


def test_unknown_age_is_a_child_case_until_the_birth_date_is_given(
    services: CaseWorkServices,
) -> None:
    ref = register(services, UNKNOWN_AGE, intake=date(2026, 2, 20), kind=IntakeKind.REPORT)
    details = services.cases.open_case(ref.case_id)
    assert details.is_child_case and details.age_unknown
    main = details.main_person
    assert main is not None
    # The child steps apply: no investigation before the skyddsbedömning.
    with pytest.raises(InvalidInput, match="skyddsbedömningen"):
        services.cases.advance_status(ref.case_id, CaseStatus.INVESTIGATION)
    services.persons.update(
        ref.case_id, main.person_id, replace(UNKNOWN_AGE, birth_date=date(2000, 1, 1))
    )
    details = services.cases.open_case(ref.case_id)
    assert not details.is_child_case and not details.age_unknown
    texts = [e.text for e in services.journal.timeline(ref.case_id).entries]
    assert any("inte ett barnärende" in t for t in texts)
    services.persons.update(
        ref.case_id, main.person_id, replace(UNKNOWN_AGE, birth_date=date(2012, 6, 6))
    )
    assert services.cases.open_case(ref.case_id).is_child_case
