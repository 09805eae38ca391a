"""IT's policy.json as the program understands it: each key fixes one value; a bad value or an
unknown key is reported in Swedish and changes nothing (the default applies)."""

from __future__ import annotations

import pytest

from vinr_desktop.domain import it_policy, settings
from vinr_desktop.domain.it_policy import POLICY_KEYS, ItPolicy, parse_policy

SOURCE = "/etc/xdg/VINR Desktop/policy.json"
EVERY_KEY = {
    "municipality": "Ånge   kommun",
    "unit": "Individ- och familjeomsorgen, VINR",
    "backup_folder": "\\\\server\\vinr-kopior",
    "idle_lock_minutes": 3,
    "device_binding_required": True,
    "pdf_export": "forbidden",
}


def test_every_key_fixes_its_value() -> None:
    policy = parse_policy({**EVERY_KEY, "_kommentar": "ändrad av IT 2026-11-30"}, SOURCE)
    assert policy.problems == ()
    assert policy.municipality == "Ånge kommun"  # spaces tidied, as the setup flow does
    assert policy.unit == "Individ- och familjeomsorgen, VINR"
    assert policy.backup_folder == "\\\\server\\vinr-kopior"
    assert policy.idle_lock_minutes == 3
    assert policy.device_binding_required is True
    assert policy.pdf_export == "forbidden"
    assert [label for label, _value in policy.rows()] == [key.label for key in POLICY_KEYS]
    assert ("Automatisk låsning", "3 minuter") in policy.rows()
    assert ("Datorbindning krävs", "ja") in policy.rows()


def test_nothing_fixed_means_the_program_defaults() -> None:
    policy = ItPolicy(SOURCE)
    assert policy.municipality is None and policy.unit is None and policy.backup_folder is None
    assert policy.idle_lock_minutes is None
    assert policy.device_binding_required is False
    assert policy.pdf_export == it_policy.PDF_EXPORT_DEFAULT == "ask"
    assert policy.rows() == []


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("idle_lock_minutes", 30, "ska vara mellan 1 och 15 minuter (står: 30)"),
        ("idle_lock_minutes", "5", 'ska vara ett heltal mellan 1 och 15 (står: "5")'),
        ("idle_lock_minutes", True, "ska vara ett heltal"),
        ("device_binding_required", "ja", 'ska vara true eller false (står: "ja")'),
        ("pdf_export", "nej", 'ska vara "ask" eller "forbidden"'),
        ("municipality", "", "ska vara en text med minst 2 tecken"),
        ("unit", "x" * 101, "får vara högst 100 tecken"),
        ("backup_folder", "kopior", "ska vara en fullständig sökväg"),
    ],
)
def test_a_bad_value_is_reported_and_the_default_used(key: str, value: object, reason: str) -> None:
    data = {key: value} if key == "municipality" else {key: value, "municipality": "Ånge kommun"}
    policy = parse_policy(data, SOURCE)
    assert key not in policy.fixed
    (problem,) = policy.problems
    assert problem.startswith(f'{SOURCE}: "{key}" ')
    assert reason in problem
    assert problem.endswith("Standardvärdet används.")
    if key != "municipality":
        assert policy.municipality == "Ånge kommun"  # the good values still count


def test_an_unknown_key_is_named_with_the_known_ones() -> None:
    policy = parse_policy({"idle_minutes": 5}, SOURCE)
    assert policy.fixed == {}
    (problem,) = policy.problems
    assert 'okänd inställning "idle_minutes"' in problem
    assert "idle_lock_minutes" in problem


def test_a_file_that_is_no_object_fixes_nothing() -> None:
    policy = parse_policy(["municipality", "Ånge kommun"], SOURCE)
    assert policy.fixed == {}
    assert policy.problems == (
        f"{SOURCE}: filen ska innehålla ett JSON-objekt {{ … }}. Inga värden från IT används.",
    )


def test_idle_lock_limits_are_the_settings_own() -> None:
    setting = settings.IDLE_LOCK_MINUTES
    for minutes in (setting.minimum, setting.maximum):
        assert parse_policy({"idle_lock_minutes": minutes}, SOURCE).idle_lock_minutes == minutes
    for minutes in (setting.minimum - 1, setting.maximum + 1):
        assert parse_policy({"idle_lock_minutes": minutes}, SOURCE).idle_lock_minutes is None
