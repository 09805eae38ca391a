"""The thinning rule for old backups: daily, weekly and monthly copies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vinr_desktop.domain.backup_rotation import Retention, backups_to_keep, backups_to_remove
from vinr_desktop.domain.errors import InvalidInput

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 3, 31, 20, 0, tzinfo=STOCKHOLM)


def _daily_for(days: int) -> list[datetime]:
    """One backup at 17:00 every day, the newest yesterday."""
    return [NOW - timedelta(days=d, hours=3) for d in range(1, days + 1)]


def test_defaults_are_seven_four_twelve() -> None:
    assert Retention() == Retention(7, 4, 12)


def test_a_year_of_daily_backups_thins_to_days_weeks_and_months() -> None:
    times = _daily_for(365)
    keep = backups_to_keep(times, NOW, Retention())
    kept = sorted(times[i] for i in keep)
    # 7 latest days; the 4 latest weeks add the Sundays before them (ISO weeks end on Sunday);
    # 12 months add each month's last day.
    assert len(kept) <= 7 + 4 + 12
    assert kept[-7:] == sorted(times[:7])
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12
    for year, month in months:
        in_month = [t for t in times if (t.year, t.month) == (year, month)]
        assert max(in_month) in kept  # the newest of each kept month
    removed = backups_to_remove(times, NOW, Retention())
    assert len(removed) + len(keep) == len(times)
    assert [times[i] for i in removed] == sorted(times[i] for i in removed)  # oldest first


def test_periods_count_only_if_they_have_a_backup() -> None:
    """A laptop without backups for half a year keeps its old ones: no calendar window."""
    old = [datetime(2025, 6, d, 12, tzinfo=UTC) for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)]
    keep = backups_to_keep(old, NOW, Retention(7, 0, 0))
    assert sorted(old[i].day for i in keep) == [4, 5, 6, 7, 8, 9, 10]


def test_several_backups_a_day_keep_the_newest_of_the_day() -> None:
    day = datetime(2026, 3, 30, tzinfo=STOCKHOLM)
    times = [day + timedelta(hours=h) for h in (8, 12, 17)]
    assert backups_to_keep(times, NOW, Retention(1, 0, 0)) == {2}


def test_the_newest_is_kept_even_with_every_count_at_zero() -> None:
    times = _daily_for(5)
    assert backups_to_keep(times, NOW, Retention(0, 0, 0)) == {0}


def test_a_backup_dated_in_the_future_is_never_removed() -> None:
    times = [*_daily_for(10), NOW + timedelta(days=3)]
    keep = backups_to_keep(times, NOW, Retention(1, 0, 0))
    assert {10, 0} <= keep  # the future one, and yesterday's as the one daily copy
    assert len(keep) == 2


def test_days_are_the_local_calendars() -> None:
    """23:30 UTC on the 1st is already the 2nd in Stockholm: two backups, one local day."""
    first = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    second = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert backups_to_keep([first, second], NOW, Retention(1, 0, 0)) == {1}
    in_utc = NOW.astimezone(UTC)
    assert backups_to_keep([first, second], in_utc, Retention(1, 0, 0)) == {1}
    assert backups_to_keep([first, second], in_utc, Retention(2, 0, 0)) == {0, 1}


def test_nothing_to_thin() -> None:
    assert backups_to_keep([], NOW, Retention()) == set()
    assert backups_to_remove([], NOW, Retention()) == []


@pytest.mark.parametrize("counts", [(-1, 4, 12), (7, 1001, 12)])
def test_impossible_counts_are_refused_in_swedish(counts: tuple[int, int, int]) -> None:
    with pytest.raises(InvalidInput, match="mellan 0 och"):
        Retention(*counts)


def test_times_without_a_zone_are_a_bug() -> None:
    with pytest.raises(ValueError):
        backups_to_keep([datetime(2026, 3, 1)], NOW, Retention())


@given(
    st.lists(st.integers(min_value=0, max_value=800 * 24), min_size=1, max_size=60),
    st.integers(0, 10),
    st.integers(0, 6),
    st.integers(0, 14),
)
def test_rule_properties(hours_ago: list[int], daily: int, weekly: int, monthly: int) -> None:
    times = [NOW - timedelta(hours=h) for h in hours_ago]
    keep = backups_to_keep(times, NOW, Retention(daily, weekly, monthly))
    newest = max(times)
    assert any(times[i] == newest for i in keep)
    assert len({times[i] for i in keep}) <= max(1, daily + weekly + monthly)
    # Keeping more never keeps less.
    more = backups_to_keep(times, NOW, Retention(daily + 1, weekly + 1, monthly + 1))
    assert {times[i] for i in keep} <= {times[i] for i in more}
