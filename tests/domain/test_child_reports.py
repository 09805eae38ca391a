"""Each report about a child: its own last days from the day it came in, from the data file."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.cases import CaseStatus, PreliminaryOutcome, check_transition
from vinr_desktop.domain.child_reports import (
    ReportState,
    check_extension,
    child_steps,
    parse_report_rules,
    preliminary_due,
    protection_due,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.resources import child_report_rules_data

RULES = parse_report_rules(child_report_rules_data())
IN = date(2026, 2, 20)
OPEN = PreliminaryOutcome.OPEN_INVESTIGATION


def test_protection_is_genast_and_the_next_day_only_when_the_report_came_late() -> None:
    assert protection_due(IN, False, RULES) == IN
    assert protection_due(IN, True, RULES) == date(2026, 2, 21)


def test_preliminary_within_14_days_of_the_day_received_unless_extended() -> None:
    assert preliminary_due(IN, RULES) == date(2026, 3, 6)
    assert preliminary_due(IN, RULES, date(2026, 3, 20)) == date(2026, 3, 20)
    with pytest.raises(InvalidInput, match="efter de 14 dagarna"):
        check_extension(IN, RULES, date(2026, 3, 6), "Skäl")
    with pytest.raises(InvalidInput, match="synnerliga skälen"):
        check_extension(IN, RULES, date(2026, 3, 20), " ")


def test_every_report_needs_its_steps_but_an_application_needs_none() -> None:
    done = ReportState(True, OPEN)
    new = ReportState(False, None)
    with pytest.raises(InvalidInput, match="varje anmälan"):
        check_transition(
            CaseStatus.INTAKE, CaseStatus.INVESTIGATION, child_steps(True, [done, new])
        )
    check_transition(CaseStatus.INTAKE, CaseStatus.INVESTIGATION, child_steps(True, [done]))
    check_transition(CaseStatus.INTAKE, CaseStatus.INVESTIGATION, child_steps(True, []))


def test_rules_file_is_checked() -> None:
    with pytest.raises(ValueError, match="preliminary_days"):
        parse_report_rules({"protection_days": 0, "protection_days_late": 1})
