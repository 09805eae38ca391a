"""Tests for identity numbers: personnummer, samordningsnummer, reservnummer and no number.

Every number here is generated from a date, a serial in 980–999 and a computed check digit;
none is copied from a real person or from a published list of test numbers.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.identity import (
    IDENTITY_KIND_LABELS,
    Identity,
    IdentityKind,
    luhn_check_digit,
    no_number,
    parse_identity_number,
    reserve_number,
    search_digits,
)

TODAY = date(2026, 11, 23)
OLDEST = date(1896, 11, 23)  # exactly 130 years before TODAY: still accepted

MSG_EMPTY = "Skriv ett personnummer eller samordningsnummer."
MSG_FORMAT = (
    "Ett personnummer har 10 eller 12 siffror, till exempel ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN."
)
MSG_FUTURE = "Födelsedatumet ligger i framtiden."
MSG_TOO_OLD = "Födelsedatumet ligger mer än 130 år tillbaka."
MSG_FUTURE_WITHOUT_PLUS = (
    "Födelsedatumet ligger i framtiden. Utan plustecken gäller ett tiosiffrigt nummer den som "
    "fyller högst 99 år i år; den som fyller 100 i år eller är äldre skrivs med plustecken, "
    "ÅÅMMDD+NNNN."
)
MSG_CHECK = "Kontrollsiffran stämmer inte. Kontrollera numret."
MSG_SERIAL_ZERO = (
    "Födelsenumret (de tre siffrorna före kontrollsiffran) kan inte vara 000. Kontrollera numret."
)

serials = st.integers(min_value=980, max_value=999).map(lambda n: f"{n:03d}")
valid_birth_dates = st.dates(min_value=OLDEST, max_value=TODAY)
YEARS_IN_RANGE = range(OLDEST.year + 1, TODAY.year)
LEAP_YEARS = [year for year in YEARS_IN_RANGE if calendar.isleap(year)]
COMMON_YEARS = [year for year in YEARS_IN_RANGE if not calendar.isleap(year)]


def number(year: int, month: int, day: int, serial: str) -> str:
    """A 12-digit number with a correct check digit; `day` is as written (+60 for samordning)."""
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial}"
    return f"{year:04d}{nine[2:]}{luhn_check_digit(nine)}"


def number_for(born: date, serial: str, *, samordning: bool = False) -> str:
    day = born.day + 60 if samordning else born.day
    return number(born.year, born.month, day, serial)


def ten_digit_form(twelve: str, separator: str) -> str:
    return f"{twelve[2:8]}{separator}{twelve[8:]}"


def is_hundred_or_older(born: date, today: date) -> bool:
    """Skatteverket's rule for "+": the person turns 100 this year or has already."""
    return today.year - born.year >= 100


def message_of(text: str) -> str:
    with pytest.raises(InvalidInput) as info:
        parse_identity_number(text, today=TODAY)
    return info.value.message


# --- properties -----------------------------------------------------------------------------


@given(valid_birth_dates, serials)
def test_twelve_and_ten_digit_forms_give_the_same_value(born: date, serial: str) -> None:
    twelve = number_for(born, serial)
    separator = "+" if is_hundred_or_older(born, TODAY) else "-"
    forms = [twelve, f"{twelve[:8]}-{twelve[8:]}", ten_digit_form(twelve, separator)]
    if separator == "-":
        forms.append(twelve[2:])  # no separator means the same as "-"
    for form in forms:
        identity = parse_identity_number(f"  {form} ", today=TODAY)
        assert identity == Identity(IdentityKind.PERSONNUMMER, twelve, birth_date=born)


@given(valid_birth_dates, serials)
@example(date(2000, 2, 29), "986")  # "+" would mean 1900, which had no 29 February
@example(date(1924, 2, 29), "986")  # "-" means 2024, also a leap year
def test_the_separator_decides_the_century(born: date, serial: str) -> None:
    twelve = number_for(born, serial)
    if is_hundred_or_older(born, TODAY):
        # Written with "-", the same ten digits mean someone born a century later, which for
        # someone turning 100 this year is a date later this year or today.
        later = date(born.year + 100, born.month, born.day)
        if later > TODAY:
            assert message_of(ten_digit_form(twelve, "-")) == MSG_FUTURE_WITHOUT_PLUS
            return
        identity = parse_identity_number(ten_digit_form(twelve, "-"), today=TODAY)
        assert identity.birth_date == later
        assert identity.value == f"{born.year + 100:04d}{twelve[4:]}"
    else:
        # "+" means 100 or older: a century earlier, unless that is more than 130 years back
        # or a 29 February that the earlier year did not have.
        try:
            earlier: date | None = date(born.year - 100, born.month, born.day)
        except ValueError:
            earlier = None
        if earlier is not None and earlier >= OLDEST:
            identity = parse_identity_number(ten_digit_form(twelve, "+"), today=TODAY)
            assert identity.value == f"{born.year - 100:04d}{twelve[4:]}"
            assert identity.birth_date == earlier
        else:
            with pytest.raises(InvalidInput):
                parse_identity_number(ten_digit_form(twelve, "+"), today=TODAY)


@given(st.dates(min_value=OLDEST, max_value=date(1926, 12, 31)), serials)
def test_plus_is_accepted_for_people_of_a_hundred_or_more(born: date, serial: str) -> None:
    twelve = number_for(born, serial)
    identity = parse_identity_number(ten_digit_form(twelve, "+"), today=TODAY)
    assert identity.value == twelve
    assert identity.birth_date == born
    # Twelve digits are unambiguous, so "-" is fine for them too.
    assert parse_identity_number(f"{twelve[:8]}-{twelve[8:]}", today=TODAY) == identity


@given(valid_birth_dates, serials, st.sampled_from(["ten", "ten without separator", "twelve"]))
def test_samordningsnummer_is_recognised_by_day_plus_sixty(
    born: date, serial: str, form: str
) -> None:
    twelve = number_for(born, serial, samordning=True)
    if form == "twelve":
        text = f"{twelve[:8]}-{twelve[8:]}"
    elif is_hundred_or_older(born, TODAY):
        text = ten_digit_form(twelve, "+")
    else:
        text = ten_digit_form(twelve, "-" if form == "ten" else "")
    identity = parse_identity_number(text, today=TODAY)
    assert identity.kind is IdentityKind.SAMORDNINGSNUMMER
    assert identity.value == twelve
    assert int(identity.value[6:8]) == born.day + 60
    assert identity.birth_date == born


@given(
    valid_birth_dates,
    serials,
    st.booleans(),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_every_single_digit_change_is_rejected(
    born: date, serial: str, samordning: bool, position: int, shift: int
) -> None:
    twelve = number_for(born, serial, samordning=samordning)
    ten = list(twelve[2:])
    ten[position] = str((int(ten[position]) + shift) % 10)
    changed = "".join(ten)
    # Luhn catches every single-digit error; a changed date may be refused for its date first.
    for text in (f"{twelve[:2]}{changed}", f"{twelve[:2]}{changed[:6]}-{changed[6:]}"):
        message = message_of(text)
        if position >= 6:
            assert message == MSG_CHECK
    separator = "+" if is_hundred_or_older(born, TODAY) else "-"
    message = message_of(f"{changed[:6]}{separator}{changed[6:]}")
    if position >= 6:
        assert message == MSG_CHECK


@given(valid_birth_dates, serials, st.integers(min_value=1, max_value=9))
def test_a_wrong_check_digit_is_rejected(born: date, serial: str, shift: int) -> None:
    twelve = number_for(born, serial)
    wrong = f"{twelve[:11]}{(int(twelve[11]) + shift) % 10}"
    assert message_of(wrong) == MSG_CHECK
    separator = "+" if is_hundred_or_older(born, TODAY) else "-"
    assert message_of(ten_digit_form(wrong, separator)) == MSG_CHECK


@given(st.sampled_from(COMMON_YEARS), serials, st.booleans())
def test_february_29_in_a_common_year_is_rejected(year: int, serial: str, samordning: bool) -> None:
    twelve = number(year, 2, 89 if samordning else 29, serial)
    message = message_of(twelve)
    assert f"Datumdelen {twelve[:8]}" in message
    assert ("samordningsnummer" in message) == samordning
    separator = "+" if year + 100 <= TODAY.year else "-"
    assert "finns inte i kalendern" in message_of(ten_digit_form(twelve, separator))


@given(st.sampled_from(LEAP_YEARS), serials)
def test_february_29_in_a_leap_year_is_accepted(year: int, serial: str) -> None:
    identity = parse_identity_number(number(year, 2, 29, serial), today=TODAY)
    assert identity.birth_date == date(year, 2, 29)


@given(
    st.sampled_from(YEARS_IN_RANGE),
    st.sampled_from([(0, 10), (13, 10), (1, 0), (1, 32), (4, 31), (6, 31), (3, 60), (3, 92)]),
    serials,
)
def test_dates_that_do_not_exist_are_rejected(
    year: int, month_day: tuple[int, int], serial: str
) -> None:
    month, day = month_day
    twelve = number(year, month, day, serial)
    assert message_of(twelve) == f"Datumdelen {twelve[:8]} finns inte i kalendern."
    separator = "+" if year + 100 <= TODAY.year else "-"
    message = message_of(ten_digit_form(twelve, separator))
    assert message == f"Datumdelen {twelve[2:8]} finns inte i kalendern."


@given(st.sampled_from(YEARS_IN_RANGE), st.sampled_from([(4, 91), (6, 91), (2, 90)]), serials)
def test_samordningsnummer_days_that_do_not_exist_are_rejected(
    year: int, month_day: tuple[int, int], serial: str
) -> None:
    month, day = month_day
    message = message_of(number(year, month, day, serial))
    assert "samordningsnummer" in message
    assert "finns inte i kalendern" in message


@given(st.dates(min_value=TODAY + timedelta(days=1), max_value=date(2200, 1, 1)), serials)
def test_future_dates_are_rejected(born: date, serial: str) -> None:
    assert message_of(number_for(born, serial)) == MSG_FUTURE
    assert message_of(number_for(born, serial, samordning=True)) == MSG_FUTURE


@given(st.dates(min_value=date(1800, 1, 1), max_value=OLDEST - timedelta(days=1)), serials)
def test_dates_more_than_130_years_back_are_rejected(born: date, serial: str) -> None:
    assert message_of(number_for(born, serial)) == MSG_TOO_OLD


@given(st.text(max_size=20))
def test_parsing_any_text_either_succeeds_or_says_why(text: str) -> None:
    try:
        identity = parse_identity_number(text, today=TODAY)
    except InvalidInput as error:
        assert error.message
    else:
        assert len(identity.value) == 12
        assert identity.value.isdigit()


# --- examples -------------------------------------------------------------------------------


def test_an_example_personnummer() -> None:
    twelve = number(1985, 3, 15, "981")
    identity = parse_identity_number(ten_digit_form(twelve, "-"), today=TODAY)
    assert identity.kind is IdentityKind.PERSONNUMMER
    assert identity.value == twelve
    assert identity.birth_date == date(1985, 3, 15)
    assert identity.issuer == ""
    assert identity.display() == f"19850315-{twelve[8:]}"
    assert identity.birth_date_text() == "1985-03-15"


def test_an_example_samordningsnummer_keeps_day_plus_sixty() -> None:
    twelve = number(1990, 7, 64, "992")
    identity = parse_identity_number(twelve, today=TODAY)
    assert identity.kind is IdentityKind.SAMORDNINGSNUMMER
    assert identity.display() == f"19900764-{twelve[8:]}"
    assert identity.birth_date_text() == "1990-07-04"


def test_the_century_choice_around_today() -> None:
    born_today = number(2026, 11, 23, "983")
    assert parse_identity_number(ten_digit_form(born_today, "-"), today=TODAY).value == born_today
    # Someone born on 24 November 1926 turns 100 this year: from 1 January 2026 the number is
    # written with "+", although the birthday has not come yet.
    tomorrow_a_century_ago = number(1926, 11, 24, "984")
    assert parse_identity_number(ten_digit_form(tomorrow_a_century_ago, "+"), today=TODAY) == (
        parse_identity_number(tomorrow_a_century_ago, today=TODAY)
    )
    # Written with "-", the same ten digits mean 24 November 2026: tomorrow, not 1926.
    assert message_of(ten_digit_form(tomorrow_a_century_ago, "-")) == MSG_FUTURE_WITHOUT_PLUS
    assert message_of(tomorrow_a_century_ago[2:]) == MSG_FUTURE_WITHOUT_PLUS
    hundred_today = number(1926, 11, 23, "985")
    assert parse_identity_number(ten_digit_form(hundred_today, "+"), today=TODAY).value == (
        hundred_today
    )
    # Someone born on 1 January 1927 turns 99 this year: "-", and "+" means 1827 (too old).
    next_year = number(1927, 1, 1, "986")
    assert parse_identity_number(ten_digit_form(next_year, "-"), today=TODAY).value == next_year
    assert message_of(ten_digit_form(next_year, "+")) == MSG_TOO_OLD


def test_the_examples_of_the_issue_on_4_december_2026() -> None:
    today = date(2026, 12, 4)
    six_december = number(2026, 12, 6, "412")
    with pytest.raises(InvalidInput) as info:
        parse_identity_number(ten_digit_form(six_december, "-"), today=today)
    assert info.value.message == MSG_FUTURE_WITHOUT_PLUS
    identity = parse_identity_number("261224+4125", today=today)
    assert identity.value == "192612244125"
    assert identity.birth_date == date(1926, 12, 24)


def test_serial_number_000_is_refused() -> None:
    for twelve in (number(1985, 3, 15, "000"), number(1990, 7, 64, "000")):
        assert message_of(twelve) == MSG_SERIAL_ZERO
        assert message_of(ten_digit_form(twelve, "-")) == MSG_SERIAL_ZERO
    assert parse_identity_number(number(1985, 3, 15, "001"), today=TODAY).value[8:11] == "001"


def test_february_29_depends_on_the_century() -> None:
    leap = number(2000, 2, 29, "986")
    assert parse_identity_number(ten_digit_form(leap, "-"), today=TODAY).value == leap
    not_leap = number(1900, 2, 29, "986")
    assert message_of(not_leap) == "Datumdelen 19000229 finns inte i kalendern."
    # The same ten digits with "+" mean 1900, which had no 29 February.
    assert message_of(ten_digit_form(leap, "+")) == "Datumdelen 000229 finns inte i kalendern."


def test_the_oldest_accepted_birth_date() -> None:
    assert parse_identity_number(number(1896, 11, 23, "987"), today=TODAY).birth_date == OLDEST
    assert message_of(number(1896, 11, 22, "987")) == MSG_TOO_OLD


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_input(text: str) -> None:
    assert message_of(text) == MSG_EMPTY


@pytest.mark.parametrize(
    "text",
    [
        "85031598",  # too short
        "8503159812345",  # 13 digits
        "19850315-98123",  # too long
        "850315 9812",  # internal space
        "850315–9812",  # en dash instead of hyphen
        "85O315-9812",  # letter O
        "٨٥٠٣١٥-٩٨١٢",  # digits from another script
        "ÅÅMMDD-NNNN",
    ],
)
def test_wrong_characters_or_length(text: str) -> None:
    assert message_of(text) == MSG_FORMAT


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("8503-159812", "före de fyra sista siffrorna"),
        ("-8503159812", "före de fyra sista siffrorna"),
        ("850315981-2", "före de fyra sista siffrorna"),
        ("1985-0315-9812", "bara ha ett"),
        ("850315--9812", "bara ha ett"),
        ("850315-+9812", "bara ha ett"),
        ("19850315+9812", "Plustecknet används bara med 10 siffror"),
    ],
)
def test_misplaced_separators(text: str, fragment: str) -> None:
    message = message_of(text)
    assert fragment in message
    assert "ÅÅ" in message  # shows the expected format


def test_date_that_does_not_exist() -> None:
    assert message_of("851315-9812") == "Datumdelen 851315 finns inte i kalendern."
    assert message_of("19850332-9812") == "Datumdelen 19850332 finns inte i kalendern."


def test_samordningsnummer_with_impossible_day() -> None:
    twelve = number(1985, 2, 90, "988")  # 30 February + 60
    message = message_of(ten_digit_form(twelve, "-"))
    assert message.startswith("Datumdelen 850290 ")
    assert "samordningsnummer" in message


def test_future_and_too_old_messages() -> None:
    assert message_of(number(2026, 11, 24, "989")) == MSG_FUTURE
    assert message_of(number(1850, 1, 1, "989")) == MSG_TOO_OLD


def test_check_digit_message() -> None:
    twelve = number(1985, 3, 15, "990")
    wrong = f"{twelve[2:8]}-{twelve[8:11]}{(int(twelve[11]) + 1) % 10}"
    assert message_of(wrong) == MSG_CHECK


def test_messages_show_nothing_but_what_was_typed() -> None:
    # Only the typed date part may appear; no check digit, century or other derived value.
    for typed_date, text in [("851315", " 851315-9812 "), ("19850332", "19850332-9812")]:
        message = message_of(text)
        assert message.replace(typed_date, "ÅÅMMDD") == "Datumdelen ÅÅMMDD finns inte i kalendern."
    twelve = number(1985, 3, 15, "990")
    wrong = f"{twelve[:11]}{(int(twelve[11]) + 1) % 10}"
    for text in (wrong, ten_digit_form(wrong, "-")):
        assert not any(char.isdigit() for char in message_of(text))


def test_luhn_check_digit() -> None:
    # Weights 2,1,2,...: 1*2 + 2 + 3*2 + 4 + 5*2→1 + 6 + 7*2→5 + 8 + 9*2→9 = 43 → 7.
    assert luhn_check_digit("123456789") == 7
    assert luhn_check_digit("000000000") == 0
    assert luhn_check_digit("999999999") == (10 - (9 + 9 + 9 + 9 + 9 + 9 + 9 + 9 + 9) % 10) % 10
    for bad in ["12345678", "1234567890", "12345678x", "١٢٣٤٥٦٧٨٩"]:
        with pytest.raises(ValueError):
            luhn_check_digit(bad)


def test_reserve_number() -> None:
    identity = reserve_number("  RES-2026-00981 ", " Region Exempel ")
    assert identity == Identity(IdentityKind.RESERVNUMMER, "RES-2026-00981", "Region Exempel")
    assert identity.display() == "RES-2026-00981 (Region Exempel)"
    assert identity.birth_date_text() == ""
    with_date = reserve_number("R981", "Region Exempel", date(1990, 1, 2))
    assert with_date.birth_date_text() == "1990-01-02"
    assert reserve_number("x" * 40, "Region Exempel").value == "x" * 40


@pytest.mark.parametrize(
    ("text", "issuer", "message"),
    [
        ("", "Region Exempel", "Skriv reservnumret."),
        ("   ", "Region Exempel", "Skriv reservnumret."),
        ("R981", "", "Ange vem som har utfärdat reservnumret."),
        ("R981", "  ", "Ange vem som har utfärdat reservnumret."),
        ("x" * 41, "Region Exempel", "högst 40 tecken"),
        ("R9\n81", "Region Exempel", "styrtecken"),
        ("R981\u202e", "Region Exempel", "styrtecken"),
        ("R981", "Region\tExempel", "styrtecken"),
    ],
)
def test_reserve_number_rejections(text: str, issuer: str, message: str) -> None:
    with pytest.raises(InvalidInput) as info:
        reserve_number(text, issuer)
    assert message in info.value.message


def test_no_number() -> None:
    identity = no_number(date(1990, 5, 6), today=TODAY)
    assert identity == Identity(IdentityKind.NONE, "", birth_date=date(1990, 5, 6))
    assert identity.display() == "Saknar personnummer, född 1990-05-06"
    assert identity.birth_date_text() == "1990-05-06"
    assert no_number(TODAY, today=TODAY).birth_date == TODAY
    assert no_number(OLDEST, today=TODAY).birth_date == OLDEST


@pytest.mark.parametrize(
    ("born", "message"),
    [
        (None, "Ange födelsedatum när personen saknar nummer."),
        (TODAY + timedelta(days=1), MSG_FUTURE),
        (OLDEST - timedelta(days=1), MSG_TOO_OLD),
    ],
)
def test_no_number_rejections(born: date | None, message: str) -> None:
    with pytest.raises(InvalidInput) as info:
        no_number(born, today=TODAY)
    assert info.value.message == message


def test_130_years_back_from_a_leap_day() -> None:
    leap_today = date(2028, 2, 29)
    assert no_number(date(1898, 2, 28), today=leap_today).birth_date == date(1898, 2, 28)
    with pytest.raises(InvalidInput):
        no_number(date(1898, 2, 27), today=leap_today)


def test_display_of_identities_built_directly() -> None:
    assert Identity(IdentityKind.RESERVNUMMER, "R981").display() == "R981"
    assert Identity(IdentityKind.NONE, "").display() == "Saknar personnummer"


def test_labels_cover_every_kind() -> None:
    assert set(IDENTITY_KIND_LABELS) == set(IdentityKind)
    assert IDENTITY_KIND_LABELS[IdentityKind.NONE] == "Saknar personnummer"
    assert IdentityKind("samordningsnummer") is IdentityKind.SAMORDNINGSNUMMER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19850315-9812", "198503159812"),
        ("198503159812", "198503159812"),
        ("850315-9812", "8503159812"),
        ("850315+9812", "8503159812"),
        (" 850315 9812 ", "8503159812"),
        ("8503159812", "8503159812"),
        ("850315", None),
        ("Anna", None),
        ("", None),
        ("85031598123", None),
        ("٨٥٠٣١٥٩٨١٢", None),
    ],
)
def test_search_digits(text: str, expected: str | None) -> None:
    assert search_digits(text) == expected


@given(valid_birth_dates, serials)
def test_search_digits_match_stored_values_by_suffix(born: date, serial: str) -> None:
    twelve = parse_identity_number(number_for(born, serial), today=TODAY).value
    separator = "+" if is_hundred_or_older(born, TODAY) else "-"
    digits = search_digits(ten_digit_form(twelve, separator))
    assert digits is not None
    assert twelve[2:] == digits
    assert search_digits(f"{twelve[:8]}-{twelve[8:]}") == twelve


def test_a_month_no_year_has_is_reported_before_the_century_is_chosen() -> None:
    # With "+", 261310 would be in 1826, but month 13 is the mistake worth telling.
    twelve = number(1926, 13, 10, "991")
    assert message_of(ten_digit_form(twelve, "+")) == "Datumdelen 261310 finns inte i kalendern."
