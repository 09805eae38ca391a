"""Deadlines counted as Swedish law counts them (lagen (1930:173) om beräkning av lagstadgad
tid): a time that ends on a Saturday, Sunday, public holiday (allmän helgdag, lagen (1989:253)),
midsommarafton, julafton or nyårsafton ends instead on the next weekday (vardag). The holidays
are computed here (Easter by the Gregorian computus), not read from the system.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def easter_sunday(year: int) -> date:
    """Påskdagen of `year` (Gregorian calendar; the anonymous 'Meeus/Jones/Butcher' computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _weekday_between(year: int, month: int, first: int, weekday: int) -> date:
    """The day with `weekday` (Monday 0) in the seven days from `first` of month."""
    start = date(year, month, first)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


@cache
def non_working_days(year: int) -> frozenset[date]:
    """The holidays and the three 'aftnar' of `year` on which a legal time cannot end (the
    weekends come on top of these)."""
    easter = easter_sunday(year)
    midsummer_day = _weekday_between(year, 6, 20, 5)  # Saturday 20-26 June
    return frozenset(
        {
            date(year, 1, 1),  # nyårsdagen
            date(year, 1, 6),  # trettondedag jul
            easter - timedelta(days=2),  # långfredagen
            easter,  # påskdagen
            easter + timedelta(days=1),  # annandag påsk
            easter + timedelta(days=39),  # Kristi himmelsfärdsdag
            date(year, 5, 1),  # första maj
            easter + timedelta(days=49),  # pingstdagen
            date(year, 6, 6),  # Sveriges nationaldag
            midsummer_day - timedelta(days=1),  # midsommarafton
            midsummer_day,  # midsommardagen
            _weekday_between(year, 10, 31, 5),  # alla helgons dag: Saturday 31 Oct-6 Nov
            date(year, 12, 24),  # julafton
            date(year, 12, 25),  # juldagen
            date(year, 12, 26),  # annandag jul
            date(year, 12, 31),  # nyårsafton
        }
    )


def is_working_day(day: date) -> bool:
    """A vardag in the law's sense: not Saturday, Sunday, a holiday or one of the aftnar."""
    return day.weekday() < 5 and day not in non_working_days(day.year)


def legal_last_day(day: date) -> date:
    """The last day of a legal time that would end on `day`: `day`, or the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
