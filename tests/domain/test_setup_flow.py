"""The setup wizard's rules, without Qt."""

from __future__ import annotations

import pytest

from vinr_desktop.domain.errors import InvalidInput, PasswordRejected
from vinr_desktop.domain.setup_flow import SetupFlow, Step
from vinr_desktop.resources import common_passwords

GOOD = "blå cykel under bron"


def _flow(binding: bool = True) -> SetupFlow:
    return SetupFlow(common_passwords(), binding_available=binding)


def test_happy_path_walks_every_step_and_forgets_the_password() -> None:
    flow = _flow()
    flow.submit_organisation("  Exempelby   kommun ", "Socialtjänsten, VINR-enheten")
    assert flow.step is Step.FIRST_USER
    assert flow.data.municipality == "Exempelby kommun"
    flow.submit_first_user("Testa  Testsson", "Testa", GOOD, GOOD, {"caseworker", "admin"})
    assert flow.data.username == "testa"
    assert flow.data.roles == ("caseworker", "admin")
    flow.submit_device_binding(True)
    assert flow.ready_to_create and flow.data.bind_device
    flow.created("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")
    assert flow.step is Step.RECOVERY_CODE and flow.data.password == ""
    with pytest.raises(InvalidInput, match="återställningskoden"):
        flow.confirm_recovery_code_saved(False)
    flow.confirm_recovery_code_saved(True)
    assert flow.step is Step.DONE and flow.recovery_code == ""


def test_binding_cannot_be_chosen_where_no_credential_store_exists() -> None:
    flow = _flow(binding=False)
    flow.submit_organisation("Kommun", "Enhet")
    flow.submit_first_user("Testa Testsson", "testa", GOOD, GOOD, {"admin"})
    flow.submit_device_binding(True)
    assert flow.data.bind_device is False


@pytest.mark.parametrize(
    ("name", "user", "pw", "repeat", "roles", "error", "fragment"),
    [
        ("T", "testa", GOOD, GOOD, {"admin"}, InvalidInput, "för- och efternamn"),
        ("Testa T", "1testa", GOOD, GOOD, {"admin"}, InvalidInput, "Användarnamnet"),
        ("Testa T", "testa", GOOD, GOOD, set(), InvalidInput, "minst en roll"),
        ("Testa T", "testa", GOOD, GOOD, {"caseworker"}, InvalidInput, "administratör"),
        ("Testa T", "testa", GOOD, GOOD + "x", {"admin"}, InvalidInput, "inte likadana"),
        ("Testa T", "testa", "kort", "kort", {"admin"}, PasswordRejected, "minst 12"),
    ],
)
def test_first_user_errors(name, user, pw, repeat, roles, error, fragment) -> None:  # type: ignore[no-untyped-def]
    flow = _flow()
    flow.submit_organisation("Kommun", "Enhet")
    with pytest.raises(error) as info:
        flow.submit_first_user(name, user, pw, repeat, roles)
    assert fragment in info.value.message
    assert flow.step is Step.FIRST_USER


def test_organisation_must_be_named_and_back_works() -> None:
    flow = _flow()
    with pytest.raises(InvalidInput, match="kommunens"):
        flow.submit_organisation(" ", "Enhet")
    flow.submit_organisation("Kommun", "Enhet")
    flow.back()
    assert flow.step is Step.ORGANISATION
