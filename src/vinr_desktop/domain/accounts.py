"""Rules for user accounts: usernames, names, work phone and e-mail, one-time passwords."""

from __future__ import annotations

import re
import secrets

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import ContactDetails, check_contact

_USERNAME = re.compile(r"\A[a-z][a-z0-9._-]{1,31}\Z")
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def normalize_username(text: str) -> str:
    """Usernames are case-insensitive; stored lower-case."""
    name = text.strip().lower()
    if not _USERNAME.match(name):
        raise InvalidInput(
            "Användarnamnet ska vara 2–32 tecken: små bokstäver a–z, siffror, punkt, bindestreck "
            "eller understreck, och börja med en bokstav."
        )
    return name


def normalize_full_name(text: str) -> str:
    name = " ".join(text.split())
    if len(name) < 2:
        raise InvalidInput("Skriv för- och efternamn.")
    if len(name) > 100:
        raise InvalidInput("Namnet får ha högst 100 tecken.")
    return name


def check_work_contact(phone: str, email: str) -> tuple[str, str]:
    """A user's work phone and e-mail (both optional), cleaned, or InvalidInput saying which
    to correct: printed on documents for providers and clients as whom to call."""
    cleaned = check_contact(ContactDetails(phone=phone, email=email))
    return cleaned.phone, cleaned.email


def one_time_password() -> str:
    """A password to hand over in person; the user must replace it at first login."""
    groups = ["".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)
