"""The Bevakningar of an insats at their boundaries: the vårdplan from the insats's first day,
the genomförandeplan reminder (moved by each reminder sent), the follow-up on the date the care
checks use (months over leap years and month ends), and an insats whose period ran out without
an Avsluta insats record — from the day after its last day until an ending is recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vinr_desktop.domain.care_deadlines import InsatsFacts, care_checks
from vinr_desktop.domain.deadline_care_rules import insats_deadlines, next_reminder_due
from vinr_desktop.domain.deadline_facts import DeadlineSettings, InsatsDeadlineFacts
from vinr_desktop.domain.deadline_kinds import Deadline, DeadlineKind, Tab
from vinr_desktop.domain.decisions import InsatsState

SETTINGS = DeadlineSettings(reminder_days=14, interval_months=6)
SHELTER = InsatsDeadlineFacts(
    label="Skyddat boende",
    period_from=date(2026, 3, 1),
    period_to=date(2026, 5, 31),
    has_signed_plan=True,
)


def _kinds(insats: InsatsDeadlineFacts, today: date) -> dict[DeadlineKind, Deadline]:
    return {d.kind: d for d in insats_deadlines(insats, today, SETTINGS)}


def test_a_missing_vardplan_is_due_the_first_day_of_the_insats() -> None:
    missing = replace(SHELTER, has_signed_plan=False)
    planned = _kinds(missing, date(2026, 2, 20))[DeadlineKind.CARE_PLAN]  # not begun yet
    assert (planned.due_on, planned.text, planned.tab) == (
        date(2026, 3, 1),
        "Vårdplan saknas",
        Tab.CARE,
    )
    assert planned.detail == "Skyddat boende från 2026-03-01"
    assert DeadlineKind.CARE_PLAN in _kinds(missing, date(2026, 5, 31))  # its last day
    assert DeadlineKind.CARE_PLAN not in _kinds(SHELTER, date(2026, 3, 10))  # signed


def test_the_genomforandeplan_reminder_and_a_reminder_moving_the_next() -> None:
    requested = replace(SHELTER, implementation_requested_on=date(2026, 3, 2))
    first = _kinds(requested, date(2026, 3, 5))[DeadlineKind.IMPLEMENTATION_PLAN]
    assert first.due_on == date(2026, 3, 16)  # 14 days after the request
    assert first.detail == "Skyddat boende, begärd 2026-03-02"
    reminded = replace(requested, last_reminder_on=date(2026, 3, 16))
    moved = _kinds(reminded, date(2026, 3, 17))[DeadlineKind.IMPLEMENTATION_PLAN]
    assert moved.due_on == date(2026, 3, 30)
    assert moved.detail.endswith("påmind 2026-03-16")
    received = replace(requested, implementation_received_on=date(2026, 3, 20))
    assert DeadlineKind.IMPLEMENTATION_PLAN not in _kinds(received, date(2026, 4, 1))
    own = replace(requested, own_provider=True)  # she writes it herself: nothing to remind
    assert DeadlineKind.IMPLEMENTATION_PLAN not in _kinds(own, date(2026, 4, 1))


def test_a_reminder_before_the_request_does_not_move_it_back() -> None:
    assert next_reminder_due(date(2026, 3, 2), date(2026, 2, 1), 14) == date(2026, 3, 16)
    assert next_reminder_due(date(2026, 3, 2), None, 1) == date(2026, 3, 3)


def test_the_follow_up_agrees_with_the_case_care_checks() -> None:
    """Six months from 2023-08-31 is 2024-02-29 (a leap year's month end); the care check of the
    same insats gives the same day, and the day after it reads 'försenad' in both."""
    running = InsatsDeadlineFacts(
        label="Samtalsstöd", period_from=date(2023, 8, 31), has_signed_plan=True
    )
    on_the_day = _kinds(running, date(2024, 2, 29))[DeadlineKind.FOLLOW_UP]
    assert (on_the_day.due_on, on_the_day.text) == (date(2024, 2, 29), "Uppföljning")
    day_after = _kinds(running, date(2024, 3, 1))[DeadlineKind.FOLLOW_UP]
    assert day_after.text == "Uppföljning försenad"
    check = next(
        c
        for c in care_checks(
            [
                InsatsFacts(
                    decision_id="d",
                    label="Samtalsstöd",
                    state=InsatsState.RUNNING,
                    period_from=date(2023, 8, 31),
                    shelter=False,
                    own_provider=True,
                    has_signed_plan=True,
                    plan_follow_up_on=None,
                    implementation_requested_on=None,
                    implementation_received_on=None,
                    last_follow_up_next_on=None,
                )
            ],
            date(2024, 3, 1),
            reminder_days=14,
            interval_months=6,
        )
        if c.code.value == "follow_up"
    )
    assert (check.due_on, check.ok) == (day_after.due_on, False)
    not_leap = replace(running, period_from=date(2022, 8, 31))
    assert _kinds(not_leap, date(2023, 1, 1))[DeadlineKind.FOLLOW_UP].due_on == date(2023, 2, 28)


def test_a_follow_up_date_set_by_the_plan_or_the_last_follow_up_wins() -> None:
    planned = replace(SHELTER, plan_follow_up_on=date(2026, 4, 15))
    assert _kinds(planned, date(2026, 3, 10))[DeadlineKind.FOLLOW_UP].due_on == date(2026, 4, 15)
    followed = replace(planned, last_follow_up_next_on=date(2026, 5, 20))
    assert _kinds(followed, date(2026, 4, 20))[DeadlineKind.FOLLOW_UP].due_on == date(2026, 5, 20)
    planned_only = _kinds(planned, date(2026, 2, 27))  # not begun: nothing to follow up yet
    assert DeadlineKind.FOLLOW_UP not in planned_only


def test_an_insats_ended_without_reason_from_the_day_after_its_last() -> None:
    assert DeadlineKind.INSATS_ENDED not in _kinds(SHELTER, date(2026, 5, 31))  # its last day
    ended = _kinds(SHELTER, date(2026, 6, 1))
    line = ended[DeadlineKind.INSATS_ENDED]
    assert (line.due_on, line.text, line.tab) == (
        date(2026, 5, 31),
        "Insats avslutad utan skäl",
        Tab.CARE,
    )
    assert line.detail == "Skyddat boende, perioden slutade 2026-05-31"
    assert set(ended) == {DeadlineKind.INSATS_ENDED}  # no follow-up of an insats that is over
    recorded = replace(SHELTER, ended_on=date(2026, 5, 31))  # the ending dated back
    assert insats_deadlines(recorded, date(2026, 6, 1), SETTINGS) == ()
    open_ended = replace(SHELTER, period_to=None)
    assert DeadlineKind.INSATS_ENDED not in _kinds(open_ended, date(2027, 6, 1))
