"""Persons in cases: their role in a case, protection level, and how a protected person's
locating details are masked.

Protection follows the address: a person without a level of her own who is registered at a
protected person's address, or is a protected person's child, is shown and printed as the
protected are (`FollowReason`), and the program proposes the same level when she is linked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput

MAX_NAME = 100


class PersonRole(StrEnum):
    """The role a person has in one case."""

    MAIN = "main"  # huvudperson
    CHILD = "child"
    PERPETRATOR = "perpetrator"  # våldsutövare
    RELATIVE = "relative"  # närstående
    OTHER = "other"


ROLE_LABELS: dict[PersonRole, str] = {
    PersonRole.MAIN: "Huvudperson",
    PersonRole.CHILD: "Barn",
    PersonRole.PERPETRATOR: "Våldsutövare",
    PersonRole.RELATIVE: "Närstående",
    PersonRole.OTHER: "Annan",
}


class ProtectionLevel(StrEnum):
    NONE = "none"
    CONFIDENTIALITY_MARK = "confidentiality_mark"  # sekretessmarkering
    PROTECTED_REGISTRATION = "protected_registration"  # skyddad folkbokföring
    FICTITIOUS_IDENTITY = "fictitious_identity"  # fingerade personuppgifter


PROTECTION_LABELS: dict[ProtectionLevel, str] = {
    ProtectionLevel.NONE: "Ingen",
    ProtectionLevel.CONFIDENTIALITY_MARK: "Sekretessmarkering",
    ProtectionLevel.PROTECTED_REGISTRATION: "Skyddad folkbokföring",
    ProtectionLevel.FICTITIOUS_IDENTITY: "Fingerade personuppgifter",
}

PROTECTED_TEXT = "Skyddad — visa"


def is_protected(level: ProtectionLevel | str) -> bool:
    return ProtectionLevel(level) is not ProtectionLevel.NONE


# The strongest first: the level proposed when a person follows several.
_STRENGTH = (
    ProtectionLevel.FICTITIOUS_IDENTITY,
    ProtectionLevel.PROTECTED_REGISTRATION,
    ProtectionLevel.CONFIDENTIALITY_MARK,
)


def strongest(levels: Iterable[ProtectionLevel | str]) -> ProtectionLevel:
    """The strongest protection among `levels` (NONE if none is protected)."""
    present = {ProtectionLevel(level) for level in levels}
    return next((level for level in _STRENGTH if level in present), ProtectionLevel.NONE)


class FollowReason(StrEnum):
    """Why a person without a level of her own is protected as another is."""

    SAME_ADDRESS = "same_address"  # registered at a protected person's address
    CHILD = "child"  # a protected person's child


FOLLOW_TEXTS: dict[FollowReason, str] = {
    FollowReason.SAME_ADDRESS: "Personen är skriven på samma adress som en person i ärendet "
    "som har {level}.",
    FollowReason.CHILD: "Personen är barn till huvudpersonen, som har {level}.",
}


@dataclass(frozen=True)
class ProtectionProposal:
    """The level the program proposes for a person being linked, and why."""

    level: ProtectionLevel
    reason: FollowReason

    @property
    def text(self) -> str:
        return FOLLOW_TEXTS[self.reason].format(level=PROTECTION_LABELS[self.level].lower())


def _street_key(street: str) -> str:
    base = unicodedata.normalize("NFKD", street.casefold())
    letters = "".join(c for c in base if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", letters)


def same_address(street: str, postal_code: str, other_street: str, other_postal: str) -> bool:
    """Registered at the same address: the same street and number (case, spaces, accents and
    punctuation aside) and, where both are known, the same postal code."""
    if not _street_key(street) or _street_key(street) != _street_key(other_street):
        return False
    mine, theirs = re.sub(r"\D", "", postal_code), re.sub(r"\D", "", other_postal)
    return not mine or not theirs or mine == theirs


def masked_name(first_name: str, last_name: str) -> str:
    """What a list across cases shows for a protected person: initials only."""
    initials = " ".join(f"{part[0]}." for part in (first_name, last_name) if part)
    return f"{initials} (skyddad)" if initials else "(skyddad)"


@dataclass(frozen=True)
class ContactDetails:
    """Locating and contact details: hidden for a protected person until revealed."""

    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not any((self.street, self.postal_code, self.city, self.phone, self.email))

    def address_text(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.street, place) if p)


_POSTAL = re.compile(r"^\d{5}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s\-()]{5,20}$")


def check_name(first_name: str, last_name: str) -> tuple[str, str]:
    first, last = first_name.strip(), last_name.strip()
    if not first and not last:
        raise InvalidInput("Skriv personens namn.")
    if len(first) > MAX_NAME or len(last) > MAX_NAME:
        raise InvalidInput(f"Ett namn får vara högst {MAX_NAME} tecken.")
    return first, last


def normalise_postal_code(text: str) -> str:
    """A Swedish postal code as it is written, "NNN NN", however it was typed ("84131",
    " 841  31 "); "" stays "". InvalidInput unless it is five digits."""
    digits = "".join(text.split())
    if not digits:
        return ""
    if not _POSTAL.match(digits):
        raise InvalidInput("Postnumret ska ha fem siffror, till exempel 841 31.")
    return f"{digits[:3]} {digits[3:]}"


def check_contact(details: ContactDetails) -> ContactDetails:
    """Cleaned contact details (the postal code written "NNN NN"), or InvalidInput saying
    which field to correct."""
    cleaned = ContactDetails(
        street=details.street.strip(),
        postal_code=normalise_postal_code(details.postal_code),
        city=details.city.strip(),
        phone=details.phone.strip(),
        email=details.email.strip(),
    )
    if cleaned.email and not _EMAIL.match(cleaned.email):
        raise InvalidInput("E-postadressen ser inte ut som en e-postadress.")
    if cleaned.phone and not _PHONE.match(cleaned.phone):
        raise InvalidInput("Telefonnumret får bara innehålla siffror, mellanslag, + och -.")
    for value in (cleaned.street, cleaned.city):
        if len(value) > 200:
            raise InvalidInput("Adressen är för lång (högst 200 tecken).")
    return cleaned


FICTITIOUS_NOTE = (
    "Fingerade personuppgifter: registrera bara den nya identiteten. Den tidigare identiteten "
    "får aldrig sparas här eller kopplas till den nya."
)


def check_identity_change(
    level_before: ProtectionLevel,
    level_after: ProtectionLevel,
    identity_before: tuple[str, str],
    identity_after: tuple[str, str],
) -> None:
    """A person with fingerade personuppgifter keeps the one identity registered: a second one
    (the old identity, or any other) is refused, so the two are never linked. Identities are
    (kind, value); a person without a number has value ""."""
    fictitious = ProtectionLevel.FICTITIOUS_IDENTITY in (level_before, level_after)
    if fictitious and identity_before[1] and identity_before != identity_after:
        raise InvalidInput(
            "Personen har fingerade personuppgifter. En annan identitet kan inte registreras "
            "på personen: den tidigare identiteten får aldrig sparas eller kopplas till den nya."
        )
