"""The Bevakningar rules at their boundaries: the next day for a skyddsbedömning, day 14 for a
förhandsbedömning, four calendar months (leap years, month ends) or an extension for a child
investigation, a closed case, and the week's buckets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vinr_desktop.domain.deadline_rules import (
    Bucket,
    CaseDeadlineFacts,
    DeadlineKind,
    bucket,
    case_deadlines,
)

REPORT = CaseDeadlineFacts(
    case_id="c",
    is_child_case=True,
    closed=False,
    reported=True,
    intake_on=date(2026, 3, 2),
    protection_assessed_on=None,
    preliminary_decided_on=None,
    investigation_started_on=None,
    investigation_extended_to=None,
    investigation_ended_on=None,
)


def _due(facts: CaseDeadlineFacts) -> dict[DeadlineKind, date]:
    return {d.kind: d.due_on for d in case_deadlines(facts)}


def test_a_child_report_needs_protection_next_day_and_preliminary_on_day_14() -> None:
    assert _due(REPORT) == {
        DeadlineKind.PROTECTION: date(2026, 3, 3),
        DeadlineKind.PRELIMINARY: date(2026, 3, 16),
    }
    assert bucket(date(2026, 3, 16), date(2026, 3, 16)) is Bucket.TODAY  # day 14 is in time
    assert bucket(date(2026, 3, 16), date(2026, 3, 17)) is Bucket.LATE  # day 15 is late
    done = replace(
        REPORT,
        protection_assessed_on=date(2026, 3, 2),
        preliminary_decided_on=date(2026, 3, 10),
    )
    assert _due(done) == {}


def test_an_application_or_an_adult_has_no_child_steps() -> None:
    assert _due(replace(REPORT, reported=False)) == {}
    assert _due(replace(REPORT, is_child_case=False)) == {}


def test_a_child_investigation_is_due_in_four_calendar_months_or_its_extension() -> None:
    started = replace(
        REPORT,
        protection_assessed_on=date(2027, 10, 31),
        preliminary_decided_on=date(2027, 10, 31),
        investigation_started_on=date(2027, 10, 31),
    )
    assert _due(started) == {DeadlineKind.CHILD_INVESTIGATION: date(2028, 2, 29)}  # leap year
    assert _due(replace(started, investigation_started_on=date(2026, 10, 31))) == {
        DeadlineKind.CHILD_INVESTIGATION: date(2027, 2, 28)
    }
    extended = replace(started, investigation_extended_to=date(2028, 4, 1))
    assert _due(extended) == {DeadlineKind.CHILD_INVESTIGATION: date(2028, 4, 1)}
    assert _due(replace(started, investigation_ended_on=date(2028, 1, 1))) == {}


def test_an_adult_investigation_is_watched_after_the_setting() -> None:
    adult = replace(REPORT, is_child_case=False, investigation_started_on=date(2026, 1, 1))
    found = case_deadlines(adult, adult_investigation_days=60)
    assert [(d.kind, d.due_on) for d in found] == [
        (DeadlineKind.ADULT_INVESTIGATION, date(2026, 3, 2))
    ]


def test_a_closed_case_watches_nothing() -> None:
    assert case_deadlines(replace(REPORT, closed=True)) == ()


def test_the_buckets_of_the_week() -> None:
    wednesday = date(2026, 3, 4)
    assert bucket(date(2026, 3, 3), wednesday) is Bucket.LATE
    assert bucket(wednesday, wednesday) is Bucket.TODAY
    assert bucket(date(2026, 3, 8), wednesday) is Bucket.THIS_WEEK  # Sunday
    assert bucket(date(2026, 3, 9), wednesday) is Bucket.LATER  # next Monday
    sunday = date(2026, 3, 8)
    assert bucket(date(2026, 3, 9), sunday) is Bucket.LATER
