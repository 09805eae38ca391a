"""Which old backups to remove: thinning to daily, weekly and monthly copies.

The rule, in the words the settings page will use: keep the newest backup of each of the
latest `daily` days that have a backup, of each of the latest `weekly` weeks (ISO weeks,
Monday to Sunday) that have one, and of each of the latest `monthly` calendar months that
have one; remove the rest. The three rules are applied independently and their union is kept.
Periods are counted among those that *have* a backup, not back from today, so a laptop that
made no backups for a while never loses its old ones to the calendar. The newest backup is
always kept, and so is any backup dated after `now` (a wrong clock must not delete anything).
Days, weeks and months are those of `now`'s time zone (the user's local calendar).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from vinr_desktop.domain.errors import InvalidInput

MAX_KEEP = 1000


@dataclass(frozen=True)
class Retention:
    """How many days, weeks and months keep a backup (defaults from issue 17: 7/4/12)."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        for value in (self.daily, self.weekly, self.monthly):
            if not 0 <= value <= MAX_KEEP:
                raise InvalidInput(f"Antalet kopior att spara ska vara mellan 0 och {MAX_KEEP}.")


def _day(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month, moment.day)


def _week(moment: datetime) -> tuple[int, ...]:
    iso = moment.isocalendar()
    return (iso.year, iso.week)


def _month(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month)


def backups_to_keep(times: Sequence[datetime], now: datetime, retention: Retention) -> set[int]:
    """Indexes into `times` (aware datetimes, any order) of the backups to keep."""
    if not times:
        return set()
    zone = now.tzinfo
    if zone is None or any(t.tzinfo is None for t in times):
        raise ValueError("backup times and now must carry a time zone")
    local = [t.astimezone(zone) for t in times]
    newest_first = sorted(range(len(times)), key=lambda i: local[i], reverse=True)
    keep = {newest_first[0]}
    keep |= {i for i in newest_first if local[i] > now}
    past = [i for i in newest_first if local[i] <= now]
    rules: tuple[tuple[int, Callable[[datetime], tuple[int, ...]]], ...] = (
        (retention.daily, _day),
        (retention.weekly, _week),
        (retention.monthly, _month),
    )
    for count, period_of in rules:
        periods: list[tuple[int, ...]] = []
        for i in past:
            period = period_of(local[i])
            if periods and periods[-1] == period:
                continue  # an older backup of a period whose newest is already kept
            if len(periods) == count:
                break
            periods.append(period)
            keep.add(i)
    return keep


def backups_to_remove(times: Sequence[datetime], now: datetime, retention: Retention) -> list[int]:
    """Indexes into `times` of the backups the rule removes, oldest first."""
    keep = backups_to_keep(times, now, retention)
    return sorted((i for i in range(len(times)) if i not in keep), key=lambda i: times[i])
