"""Identity numbers of the people a case is about: parsing, checking and showing them.

A person is identified by a personnummer, a samordningsnummer (the same format with day + 60),
a reservnummer issued by some other body (free text plus the issuer), or by no number at all
(name and birth date). Personnummer and samordningsnummer are stored as 12 digits with the
century so that people born on the same day in different centuries never collide.

The date part of a number is not always the exact birth date, and nothing here derives sex from
a number: the case program has no use for it and must not show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from unicodedata import category

from vinr_desktop.domain.errors import InvalidInput


class IdentityKind(StrEnum):
    """How a person is identified; the value is what the store keeps."""

    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    RESERVNUMMER = "reservnummer"
    NONE = "none"  # no number: name + birth date


IDENTITY_KIND_LABELS: dict[IdentityKind, str] = {
    IdentityKind.PERSONNUMMER: "Personnummer",
    IdentityKind.SAMORDNINGSNUMMER: "Samordningsnummer",
    IdentityKind.RESERVNUMMER: "Reservnummer",
    IdentityKind.NONE: "Saknar personnummer",
}

_MAX_AGE_YEARS = 130
_RESERVE_MAX_LENGTH = 40
_SAMORDNING_DAY_OFFSET = 60
_ANY_LEAP_YEAR = 2000
_DIGITS = frozenset("0123456789")

_MSG_EMPTY = "Skriv ett personnummer eller samordningsnummer."
_MSG_FORMAT = (
    "Ett personnummer har 10 eller 12 siffror, till exempel ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN."
)
_MSG_SEPARATOR = (
    "Bindestrecket eller plustecknet ska stå före de fyra sista siffrorna, till exempel "
    "ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN."
)
_MSG_TWO_SEPARATORS = (
    "Numret får bara ha ett bindestreck eller plustecken, till exempel ÅÅMMDD-NNNN."
)
_MSG_PLUS_WITH_CENTURY = (
    "Med 12 siffror skrivs numret med bindestreck, till exempel ÅÅÅÅMMDD-NNNN. Plustecknet "
    "används bara med 10 siffror."
)
_MSG_FUTURE = "Födelsedatumet ligger i framtiden."
_MSG_FUTURE_WITHOUT_PLUS = (
    "Födelsedatumet ligger i framtiden. Utan plustecken gäller ett tiosiffrigt nummer den som "
    "fyller högst 99 år i år; den som fyller 100 i år eller är äldre skrivs med plustecken, "
    "ÅÅMMDD+NNNN."
)
_MSG_SERIAL_ZERO = (
    "Födelsenumret (de tre siffrorna före kontrollsiffran) kan inte vara 000. Kontrollera numret."
)
_MSG_TOO_OLD = f"Födelsedatumet ligger mer än {_MAX_AGE_YEARS} år tillbaka."
_MSG_CHECK_DIGIT = "Kontrollsiffran stämmer inte. Kontrollera numret."
_MSG_RESERVE_EMPTY = "Skriv reservnumret."
_MSG_RESERVE_TOO_LONG = (
    f"Reservnumret får vara högst {_RESERVE_MAX_LENGTH} tecken. Kontrollera numret."
)
_MSG_RESERVE_CONTROL = (
    "Reservnumret får inte innehålla radbrytningar eller andra osynliga styrtecken."
)
_MSG_ISSUER_EMPTY = "Ange vem som har utfärdat reservnumret."
_MSG_ISSUER_CONTROL = "Utfärdaren får inte innehålla radbrytningar eller andra osynliga styrtecken."
_MSG_BIRTH_DATE_MISSING = "Ange födelsedatum när personen saknar nummer."


def _msg_bad_date(typed_date: str, samordning: bool) -> str:
    if samordning:
        return (
            f"Datumdelen {typed_date} ser ut som ett samordningsnummer (dagen plus 60), men den "
            "dagen finns inte i kalendern."
        )
    return f"Datumdelen {typed_date} finns inte i kalendern."


@dataclass(frozen=True)
class Identity:
    """One person's identity as stored.

    `value` is 12 digits with century for personnummer and samordningsnummer (a samordningsnummer
    keeps its day + 60), the stripped text for a reservnummer and "" when there is no number.
    `birth_date` is the date part (day − 60 for a samordningsnummer), the given birth date when
    there is no number, and optional for a reservnummer.
    """

    kind: IdentityKind
    value: str
    issuer: str = ""
    birth_date: date | None = None

    def display(self) -> str:
        """The identity as shown to users, e.g. "YYYYMMDD-NNNN" or "value (issuer)"."""
        if self.kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
            return f"{self.value[:8]}-{self.value[8:]}"
        if self.kind is IdentityKind.RESERVNUMMER:
            return f"{self.value} ({self.issuer})" if self.issuer else self.value
        if self.birth_date is None:
            return IDENTITY_KIND_LABELS[IdentityKind.NONE]
        return f"Saknar personnummer, född {self.birth_date_text()}"

    def birth_date_text(self) -> str:
        """The birth date as "YYYY-MM-DD", or "" when it is not known."""
        return self.birth_date.isoformat() if self.birth_date is not None else ""


def luhn_check_digit(nine_digits: str) -> int:
    """The Luhn (modulus 10, weights 2 and 1) check digit for YYMMDDNNN, as Skatteverket uses.

    Raises ValueError unless given exactly nine ASCII digits; that is a programming error.
    """
    if len(nine_digits) != 9 or not set(nine_digits) <= _DIGITS:
        raise ValueError("luhn_check_digit needs exactly nine digits")
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def parse_identity_number(text: str, *, today: date) -> Identity:
    """Parse a personnummer or samordningsnummer as typed into a checked 12-digit `Identity`.

    Accepts YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC and YYYYMMDDNNNC, with
    surrounding spaces. The century of a 10-digit number follows Skatteverket: "+" from 1 January
    of the year the person turns 100, "-" (or nothing) before that, so it is decided by the year
    alone, never by whether the birthday has passed. A day of 61–91 marks a samordningsnummer.
    The date must exist, lie no later than `today` and no more than 130 years back, the serial
    number (NNN) is never 000, and the check digit must match. Raises `InvalidInput` with a
    Swedish message saying what to correct.
    """
    stripped = text.strip()
    if not stripped:
        raise InvalidInput(_MSG_EMPTY)
    if not set(stripped) <= _DIGITS | {"-", "+"}:
        raise InvalidInput(_MSG_FORMAT)
    separators = [char for char in stripped if char in "-+"]
    digits = stripped.replace("-", "").replace("+", "")
    if len(digits) not in (10, 12):
        raise InvalidInput(_MSG_FORMAT)
    separator = ""
    if separators:
        if len(separators) > 1:
            raise InvalidInput(_MSG_TWO_SEPARATORS)
        separator = separators[0]
        if stripped.index(separator) != len(stripped) - 5:
            raise InvalidInput(_MSG_SEPARATOR)
        if separator == "+" and len(digits) == 12:
            raise InvalidInput(_MSG_PLUS_WITH_CENTURY)

    typed_date = digits[:-4]
    month = int(typed_date[-4:-2])
    typed_day = int(typed_date[-2:])
    samordning = _SAMORDNING_DAY_OFFSET < typed_day <= _SAMORDNING_DAY_OFFSET + 31
    day = typed_day - _SAMORDNING_DAY_OFFSET if samordning else typed_day

    if len(digits) == 12:
        year = int(typed_date[:4])
    else:
        year = _year_for_two_digits(int(typed_date[:2]), today, plus=separator == "+")
    # A month or day that no year has is reported as such before any century is considered.
    if _date_or_none(_ANY_LEAP_YEAR, month, day) is None:
        raise InvalidInput(_msg_bad_date(typed_date, samordning))
    oldest = _years_before(today, _MAX_AGE_YEARS)
    if year < oldest.year:
        raise InvalidInput(_MSG_TOO_OLD)
    born = _date_or_none(year, month, day)
    if born is None:
        raise InvalidInput(_msg_bad_date(typed_date, samordning))
    if born > today:
        raise InvalidInput(_MSG_FUTURE_WITHOUT_PLUS if len(digits) == 10 else _MSG_FUTURE)
    if born < oldest:
        raise InvalidInput(_MSG_TOO_OLD)

    ten = digits[-10:]
    if ten[6:9] == "000":
        raise InvalidInput(_MSG_SERIAL_ZERO)
    if luhn_check_digit(ten[:9]) != int(ten[9]):
        raise InvalidInput(_MSG_CHECK_DIGIT)
    kind = IdentityKind.SAMORDNINGSNUMMER if samordning else IdentityKind.PERSONNUMMER
    return Identity(kind=kind, value=f"{year:04d}{ten[2:]}", birth_date=born)


def reserve_number(text: str, issuer: str, birth_date: date | None = None) -> Identity:
    """A reservnummer: no national format, so the stripped text is kept with who issued it.

    Raises `InvalidInput` when the number or the issuer is missing, the number is longer than
    40 characters, or either contains line breaks or other control characters.
    """
    value = text.strip()
    issued_by = issuer.strip()
    if not value:
        raise InvalidInput(_MSG_RESERVE_EMPTY)
    if len(value) > _RESERVE_MAX_LENGTH:
        raise InvalidInput(_MSG_RESERVE_TOO_LONG)
    if _has_control_characters(value):
        raise InvalidInput(_MSG_RESERVE_CONTROL)
    if not issued_by:
        raise InvalidInput(_MSG_ISSUER_EMPTY)
    if _has_control_characters(issued_by):
        raise InvalidInput(_MSG_ISSUER_CONTROL)
    return Identity(
        kind=IdentityKind.RESERVNUMMER, value=value, issuer=issued_by, birth_date=birth_date
    )


def no_number(birth_date: date | None, *, today: date) -> Identity:
    """A person without any number, identified by name (kept elsewhere) and birth date.

    Raises `InvalidInput` when the birth date is missing, in the future or more than 130 years
    back.
    """
    if birth_date is None:
        raise InvalidInput(_MSG_BIRTH_DATE_MISSING)
    if birth_date > today:
        raise InvalidInput(_MSG_FUTURE)
    if birth_date < _years_before(today, _MAX_AGE_YEARS):
        raise InvalidInput(_MSG_TOO_OLD)
    return Identity(kind=IdentityKind.NONE, value="", birth_date=birth_date)


def search_digits(text: str) -> str | None:
    """The digits of a search text that looks like a personnummer or samordningsnummer, or None.

    After removing "-", "+" and whitespace, 12 digits are returned as they are (compare with the
    stored 12-digit value for equality) and 10 digits are returned as they are, to be matched
    against the last 10 digits of stored values (`value[2:] == digits`, or SQL `LIKE '%' ||
    digits`). A 10-digit search ignores the century on purpose, so "-" and "+" find the same
    people. No check digit or date is verified: a search may be for a mistyped number. Anything
    else (other characters, other lengths) gives None, meaning "not a number search".
    """
    digits = "".join(char for char in text if char not in "-+" and not char.isspace())
    if len(digits) in (10, 12) and set(digits) <= _DIGITS:
        return digits
    return None


def _year_for_two_digits(yy: int, today: date, *, plus: bool) -> int:
    """The full year for a 10-digit number, by Skatteverket's rule on the sign.

    "-" (or no sign): the person turns at most 99 this year, so the year is one of the 100 up to
    and including this one (a birthday later this year is a date in the future, not a century
    earlier). "+": the person turns 100 or more this year, so the year is 100–199 years back.
    """
    year = today.year - (today.year - yy) % 100
    return year - 100 if plus else year


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _years_before(today: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February becomes 28 February if needed."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _has_control_characters(text: str) -> bool:
    """Line breaks, tabs and invisible format characters (e.g. bidi overrides) would make the
    stored text show differently from what was typed."""
    return any(category(char) in ("Cc", "Cf") for char in text)
