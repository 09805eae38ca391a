"""Three weeks to appeal, counted as the law counts: to the same weekday three weeks after she
got the decision, moved to the next working day past weekends, holidays and the aftnar."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.appeals import (
    AppealState,
    CourtOutcome,
    ReviewOutcome,
    Timeliness,
    appeal_last_day,
    check_appeal,
    timeliness,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.legal_days import easter_sunday, is_working_day, legal_last_day


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_is_computed(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),
        date(2026, 1, 6),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 5, 14),
        date(2026, 6, 19),
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 31),
        date(2025, 6, 6),
        date(2026, 3, 7),
        date(2026, 3, 8),
    ],
)
def test_holidays_aftnar_and_weekends_are_not_working_days(day: date) -> None:
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 4, 2), date(2026, 5, 15), date(2026, 12, 23)])
def test_ordinary_weekdays_are_working_days(day: date) -> None:
    assert is_working_day(day)


def test_a_time_ending_on_midsommarafton_ends_the_monday_after() -> None:
    assert legal_last_day(date(2026, 6, 19)) == date(2026, 6, 22)


def test_three_weeks_from_a_monday_end_on_the_monday_three_weeks_later() -> None:
    got = date(2026, 3, 2)  # Monday
    assert appeal_last_day(got) == date(2026, 3, 23)
    assert timeliness(got, date(2026, 3, 23)) is Timeliness.IN_TIME  # the boundary day
    assert timeliness(got, date(2026, 3, 24)) is Timeliness.LATE


def test_a_time_ending_on_a_saturday_runs_to_monday() -> None:
    got = date(2026, 3, 7)  # Saturday: three weeks end Saturday 28 March
    assert appeal_last_day(got) == date(2026, 3, 30)
    assert timeliness(got, date(2026, 3, 30)) is Timeliness.IN_TIME
    assert timeliness(got, date(2026, 3, 31)) is Timeliness.LATE


def test_a_time_ending_on_easter_runs_past_annandag_pask() -> None:
    got = date(2026, 3, 13)  # three weeks end on långfredagen 3 April 2026
    assert appeal_last_day(got) == date(2026, 4, 7)  # Tuesday after annandag påsk
    assert timeliness(got, date(2026, 4, 7)) is Timeliness.IN_TIME
    assert timeliness(got, date(2026, 4, 8)) is Timeliness.LATE


def test_a_time_ending_on_christmas_eve_runs_past_the_holidays() -> None:
    got = date(2026, 12, 3)  # three weeks end Thursday 24 December
    assert appeal_last_day(got) == date(2026, 12, 28)


def test_without_a_delivery_day_the_time_cannot_be_counted() -> None:
    assert timeliness(None, date(2027, 1, 1)) is Timeliness.UNKNOWN


def test_an_appeal_before_the_decision_or_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput, match="före beslutet"):
        check_appeal(date(2026, 3, 2), date(2026, 3, 1), date(2026, 3, 10), "")
    with pytest.raises(InvalidInput, match="framtiden"):
        check_appeal(date(2026, 3, 2), date(2026, 3, 11), date(2026, 3, 10), "")


def test_the_state_reads_as_the_decision_shows_it() -> None:
    waiting = AppealState(date(2026, 3, 10), Timeliness.IN_TIME, None, None, None, None)
    assert waiting.text == "Överklagat 2026-03-10 (i rätt tid) · väntar på omprövning"
    court = AppealState(
        date(2026, 3, 10),
        Timeliness.LATE,
        date(2026, 3, 12),
        ReviewOutcome.NOT_CHANGED,
        date(2026, 5, 4),
        CourtOutcome.UPHELD,
    )
    assert "för sent" in court.text and "omprövat 2026-03-12" in court.text
    assert court.text.endswith("Överklagandet avslaget (beslutet står fast)")
