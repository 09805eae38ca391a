"""The rules of the case facts: the child investigation's four calendar months (month ends,
leap years), an extension, the child heard, the methods and outcomes file, and which
assessments used a standardised method."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.case_facts import (
    ChildHeardInput,
    HeardWay,
    NotHeardReason,
    check_child_heard,
    check_extension,
    child_investigation_due,
    parse_choices,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.risk_instrument_check import parse_instrument_bytes
from vinr_desktop.resources import instrument_files, investigation_data

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (date(2026, 1, 15), date(2026, 5, 15)),
        (date(2026, 1, 31), date(2026, 5, 31)),
        (date(2025, 10, 31), date(2026, 2, 28)),  # no 29 February in 2026
        (date(2027, 10, 31), date(2028, 2, 29)),  # a leap year
        (date(2026, 9, 30), date(2027, 1, 30)),
    ],
)
def test_a_child_investigation_has_four_calendar_months(start: date, due: date) -> None:
    assert child_investigation_due(start) == due


def test_an_extension_replaces_the_due_date_and_needs_a_later_date_and_reason() -> None:
    start = date(2026, 1, 31)
    assert child_investigation_due(start, date(2026, 6, 30)) == date(2026, 6, 30)
    with pytest.raises(InvalidInput, match="efter 2026-05-31"):
        check_extension(start, date(2026, 5, 31), date(2026, 5, 31), "Skäl")
    with pytest.raises(InvalidInput, match="Skälet"):
        check_extension(start, date(2026, 5, 31), date(2026, 6, 1), "  ")
    assert check_extension(start, date(2026, 5, 31), date(2026, 6, 1), " Skäl ") == "Skäl"


def test_the_child_heard_needs_a_way_or_a_reason_and_how_it_was_learnt() -> None:
    with pytest.raises(InvalidInput, match="framtiden"):
        check_child_heard(ChildHeardInput("p", date(2026, 3, 3), True, HeardWay.TALK), TODAY)
    heard = check_child_heard(
        ChildHeardInput("p", TODAY, True, HeardWay.TALK, NotHeardReason.AGE, "x"), TODAY
    )
    assert heard.reason is None and heard.learnt_otherwise == ""  # the other half is dropped
    with pytest.raises(InvalidInput, match="situation"):
        check_child_heard(ChildHeardInput("p", TODAY, False, reason=NotHeardReason.AGE), TODAY)


def test_the_methods_file_marks_bbic_as_standardised() -> None:
    methods = parse_choices(investigation_data(), "methods")
    assert [m.code for m in methods if m.standardised] == ["bbic"]
    with pytest.raises(ValueError, match="unique"):
        parse_choices(
            {"methods": [{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]}, "methods"
        )


def test_only_a_standardised_instrument_or_choice_names_a_method() -> None:
    files = dict(instrument_files())
    own = parse_instrument_bytes(files["vinr-riskfaktorer.v2.json"])
    external = parse_instrument_bytes(files["externt-resultat.v3.json"])
    assert own.standardised_method({}) is None
    assert external.standardised_method({"instrument": "SARA:SV"}) == "SARA:SV"
    assert external.standardised_method({"instrument": "Polisens bedömning"}) is None
    loaded = files["vinr-riskfaktorer.v2.json"].replace(
        b'"format": 1,', b'"format": 1, "standardised": true,', 1
    )
    assert parse_instrument_bytes(loaded).standardised_method({}) == own.name


def test_a_standardised_choice_must_be_one_of_the_field_choices() -> None:
    data = dict(instrument_files())["externt-resultat.v3.json"].replace(
        b'"standardised_choices": ["SARA:SV"', b'"standardised_choices": ["FREDA"', 1
    )
    with pytest.raises(InvalidInput, match="FREDA"):
        parse_instrument_bytes(data)
