"""Identity numbers against an independent implementation, on 20,000 generated numbers.

The oracle below is written from Skatteverket's rules, not from `domain/identity.py`: the Luhn
sum is taken from the right over all ten digits, and the century of a 10-digit number is found
by walking back year by year from today until the two digits match and the person's age this
year is under 100 ("-" or no sign) or 100–199 ("+"). The numbers come from a seeded generator
(fixed seed: the same numbers every run) over many "todays" — New Year's Day, New Year's Eve,
leap days — birth dates around every boundary, samordningsnummer, serial number 000, wrong check
digits, impossible dates and the wrong sign. Every number is generated; none is a real person's.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.identity import IdentityKind, parse_identity_number

COUNT = 20_000
SEED = 20261204
MAX_AGE = 130


@dataclass(frozen=True)
class Expected:
    """What the oracle says: a value (kind, 12 digits, birth date) or a kind of refusal."""

    refusal: str = ""  # "", "date", "too_old", "future", "future_without_plus", "serial", "check"
    kind: IdentityKind | None = None
    value: str = ""
    born: date | None = None


def luhn_valid(ten: str) -> bool:
    """The Luhn rule over all ten digits, from the right: every second digit doubled."""
    total = 0
    for position, char in enumerate(reversed(ten)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def check_digit_for(nine: str) -> str:
    return next(str(d) for d in range(10) if luhn_valid(f"{nine}{d}"))


def year_for(two_digits: int, plus: bool, today: date) -> int:
    """Walk back from this year to the first year that ends in `two_digits` and gives an age
    this year on the right side of 100."""
    for age in range(200):
        year = today.year - age
        if year % 100 == two_digits and (age >= 100) == plus:
            return year
    raise AssertionError("unreachable")


def day_exists(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    last = 29 if year is None and month == 2 else calendar.monthrange(year or 2000, month)[1]
    return 1 <= day <= last


def a_day_back(today: date, years: int) -> date:
    if today.month == 2 and today.day == 29 and not calendar.isleap(today.year - years):
        return date(today.year - years, 2, 28)
    return date(today.year - years, today.month, today.day)


def oracle(text: str, today: date) -> Expected:
    """The expected outcome of a well-formed number, in the order the program tells mistakes."""
    sign = "+" if "+" in text else "-" if "-" in text else ""
    digits = text.replace("-", "").replace("+", "")
    month, written_day = int(digits[-8:-6]), int(digits[-6:-4])
    samordning = 61 <= written_day <= 91
    day = written_day - 60 if samordning else written_day
    two_digits = int(digits[:2])
    year = int(digits[:4]) if len(digits) == 12 else year_for(two_digits, sign == "+", today)
    oldest = a_day_back(today, MAX_AGE)
    if not day_exists(None, month, day):
        return Expected("date")
    if year < oldest.year:
        return Expected("too_old")
    if not day_exists(year, month, day):
        return Expected("date")
    born = date(year, month, day)
    if born > today:
        return Expected("future_without_plus" if len(digits) == 10 else "future")
    if born < oldest:
        return Expected("too_old")
    ten = digits[-10:]
    if ten[6:9] == "000":
        return Expected("serial")
    if not luhn_valid(ten):
        return Expected("check")
    kind = IdentityKind.SAMORDNINGSNUMMER if samordning else IdentityKind.PERSONNUMMER
    return Expected("", kind, f"{year:04d}{ten[2:]}", born)


def refusal_of(message: str) -> str:
    if "finns inte i kalendern" in message:
        return "date"
    if "mer än 130 år" in message:
        return "too_old"
    if message.startswith("Födelsedatumet ligger i framtiden. Utan plustecken"):
        return "future_without_plus"
    if message == "Födelsedatumet ligger i framtiden.":
        return "future"
    if "kan inte vara 000" in message:
        return "serial"
    if message.startswith("Kontrollsiffran"):
        return "check"
    return f"unexpected message: {message}"


def program(text: str, today: date) -> Expected:
    try:
        identity = parse_identity_number(text, today=today)
    except InvalidInput as error:
        return Expected(refusal_of(error.message))
    return Expected("", identity.kind, identity.value, identity.birth_date)


# -- the generator -------------------------------------------------------------------------------


def some_today(rng: random.Random) -> date:
    choice = rng.random()
    year = rng.randint(1990, 2099)
    if choice < 0.15:
        return date(year, 1, 1)
    if choice < 0.30:
        return date(year, 12, 31)
    if choice < 0.35:
        leap = rng.choice([y for y in range(1992, 2100, 4) if calendar.isleap(y)])
        return date(leap, 2, 29)
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def some_birth(rng: random.Random, today: date) -> tuple[int, int, int]:
    """(year, month, day) near the interesting edges, sometimes a day no calendar has."""
    choice = rng.random()
    if choice < 0.05:  # impossible dates
        month, day = rng.choice([(2, 30), (4, 31), (6, 31), (13, 1), (0, 5), (1, 0), (11, 31)])
        return today.year - rng.randint(0, 140), month, day
    if choice < 0.10:  # 29 February in any year
        return today.year - rng.randint(0, 140), 2, 29
    if choice < 0.40:  # the year turning 99, 100, 101, 129, 130, 131, or this year / next
        offset = rng.choice([99, 100, 101, 129, 130, 131, 0, -1])
        born = date(today.year - offset, 1, 1) + timedelta(days=rng.randrange(365))
        return born.year, born.month, born.day
    born = today - timedelta(days=rng.randint(-400, 140 * 366))
    return born.year, born.month, born.day


def some_number(rng: random.Random, today: date) -> str:
    year, month, day = some_birth(rng, today)
    if year < 1:
        year = 1
    written_day = day + 60 if rng.random() < 0.2 else day
    serial = "000" if rng.random() < 0.05 else f"{rng.randint(1, 999):03d}"
    nine = f"{year % 100:02d}{month:02d}{written_day:02d}{serial}"
    check = check_digit_for(nine)
    if rng.random() < 0.1:
        check = str((int(check) + rng.randint(1, 9)) % 10)
    ten = f"{nine}{check}"
    form = rng.choice(["twelve", "twelve-", "ten", "ten", "ten", "bare"])
    if form == "twelve":
        return f"{year:04d}{ten[2:]}"
    if form == "twelve-":
        return f"{year:04d}{ten[2:6]}-{ten[6:]}"
    turns_hundred = today.year - year >= 100
    plus = turns_hundred if rng.random() < 0.7 else rng.random() < 0.5
    if form == "bare" and not plus:
        return ten
    return f"{ten[:6]}{'+' if plus else '-'}{ten[6:]}"


def test_twenty_thousand_numbers_agree_with_an_independent_implementation() -> None:
    rng = random.Random(SEED)
    disagreements: list[str] = []
    seen: dict[str, int] = {}
    for _ in range(COUNT):
        today = some_today(rng)
        text = some_number(rng, today)
        expected, actual = oracle(text, today), program(text, today)
        seen[expected.refusal or "accepted"] = seen.get(expected.refusal or "accepted", 0) + 1
        if expected != actual:
            disagreements.append(f"{today} {text}: expected {expected}, got {actual}")
    assert not disagreements, f"{len(disagreements)} disagreements, e.g.\n" + "\n".join(
        disagreements[:10]
    )
    # The generator reaches every outcome, each many times (else the test proves little).
    for outcome in (
        "accepted",
        "date",
        "too_old",
        "future",
        "future_without_plus",
        "serial",
        "check",
    ):
        assert seen.get(outcome, 0) >= 100, (outcome, seen)


def test_the_oracle_on_the_examples_of_the_rule() -> None:
    """The oracle itself, on the cases DOMAIN.md spells out (a wrong oracle proves nothing)."""
    in_2026 = date(2026, 4, 15)
    assert year_for(26, False, in_2026) == 2026
    assert year_for(26, True, in_2026) == 1926
    assert year_for(27, False, in_2026) == 1927
    assert year_for(27, True, in_2026) == 1827
    assert luhn_valid("2612244125")
    assert not luhn_valid("2612244126")
    on_4_december = date(2026, 12, 4)
    assert oracle("261206-4129", on_4_december).refusal == "future_without_plus"
    assert oracle("261224+4125", on_4_december) == Expected(
        "", IdentityKind.PERSONNUMMER, "192612244125", date(1926, 12, 24)
    )
