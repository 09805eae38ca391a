"""The Bevakningar rules at their boundaries: for each anmälan the skyddsbedömning the same day
(the next day when it came in late) and the förhandsbedömning on day 14 (or the day recorded with
synnerliga skäl), four calendar months (leap years, month ends) or an extension for a child
investigation, a closed case, and the week's buckets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vinr_desktop.domain.child_reports import parse_report_rules
from vinr_desktop.domain.deadline_rules import (
    Bucket,
    CaseDeadlineFacts,
    DeadlineKind,
    ReportFacts,
    bucket,
    case_deadlines,
)
from vinr_desktop.resources import child_report_rules_data

RULES = parse_report_rules(child_report_rules_data())  # the shipped file: 0, 1 and 14 days
MARCH_2 = ReportFacts(date(2026, 3, 2), False, False, False)
REPORT = CaseDeadlineFacts(
    case_id="c",
    is_child_case=True,
    closed=False,
    intake_on=date(2026, 3, 2),
    investigation_started_on=None,
    investigation_extended_to=None,
    investigation_ended_on=None,
    reports=(MARCH_2,),
)
DONE = replace(MARCH_2, protection_assessed=True, preliminary_decided=True)


def _due(facts: CaseDeadlineFacts) -> dict[DeadlineKind, date]:
    return {d.kind: d.due_on for d in case_deadlines(facts, RULES)}


def test_a_child_report_needs_protection_at_once_and_preliminary_on_day_14() -> None:
    assert _due(REPORT) == {
        DeadlineKind.PROTECTION: date(2026, 3, 2),  # 'genast': the same day
        DeadlineKind.PRELIMINARY: date(2026, 3, 16),
    }
    late = replace(REPORT, reports=(replace(MARCH_2, came_in_late=True),))
    assert _due(late)[DeadlineKind.PROTECTION] == date(2026, 3, 3)  # came in late: next day
    assert bucket(date(2026, 3, 16), date(2026, 3, 16)) is Bucket.TODAY  # day 14 is in time
    assert bucket(date(2026, 3, 16), date(2026, 3, 17)) is Bucket.LATE  # day 15 is late
    assert _due(replace(REPORT, reports=(DONE,))) == {}
    extended = replace(MARCH_2, protection_assessed=True, preliminary_extended_to=date(2026, 4, 1))
    assert _due(replace(REPORT, reports=(extended,))) == {
        DeadlineKind.PRELIMINARY: date(2026, 4, 1)  # synnerliga skäl recorded
    }


def test_each_new_report_has_its_own_two_steps_from_the_day_it_came_in() -> None:
    second = ReportFacts(date(2026, 5, 4), False, False, False)
    found = case_deadlines(replace(REPORT, reports=(DONE, second)), RULES)
    assert [(d.kind, d.due_on, d.text) for d in found] == [
        (DeadlineKind.PROTECTION, date(2026, 5, 4), "Skyddsbedömning (anmälan 2026-05-04)"),
        (DeadlineKind.PRELIMINARY, date(2026, 5, 18), "Förhandsbedömning (anmälan 2026-05-04)"),
    ]


def test_an_application_or_an_adult_has_no_child_steps() -> None:
    assert _due(replace(REPORT, reports=())) == {}  # began with an ansökan: no anmälan
    assert _due(replace(REPORT, is_child_case=False)) == {}


def test_a_child_investigation_is_due_in_four_calendar_months_or_its_extension() -> None:
    started = replace(REPORT, reports=(DONE,), investigation_started_on=date(2027, 10, 31))
    assert _due(started) == {DeadlineKind.CHILD_INVESTIGATION: date(2028, 2, 29)}  # leap year
    assert _due(replace(started, investigation_started_on=date(2026, 10, 31))) == {
        DeadlineKind.CHILD_INVESTIGATION: date(2027, 2, 28)
    }
    extended = replace(started, investigation_extended_to=date(2028, 4, 1))
    assert _due(extended) == {DeadlineKind.CHILD_INVESTIGATION: date(2028, 4, 1)}
    assert _due(replace(started, investigation_ended_on=date(2028, 1, 1))) == {}


def test_an_adult_investigation_is_watched_after_the_setting() -> None:
    adult = replace(REPORT, is_child_case=False, investigation_started_on=date(2026, 1, 1))
    found = case_deadlines(adult, RULES, adult_investigation_days=60)
    assert [(d.kind, d.due_on) for d in found] == [
        (DeadlineKind.ADULT_INVESTIGATION, date(2026, 3, 2))
    ]


def test_a_closed_case_watches_nothing() -> None:
    assert case_deadlines(replace(REPORT, closed=True), RULES) == ()


def test_the_buckets_of_the_week() -> None:
    wednesday = date(2026, 3, 4)
    assert bucket(date(2026, 3, 3), wednesday) is Bucket.LATE
    assert bucket(wednesday, wednesday) is Bucket.TODAY
    assert bucket(date(2026, 3, 8), wednesday) is Bucket.THIS_WEEK  # Sunday
    assert bucket(date(2026, 3, 9), wednesday) is Bucket.LATER  # next Monday
    sunday = date(2026, 3, 8)
    assert bucket(date(2026, 3, 9), sunday) is Bucket.LATER
