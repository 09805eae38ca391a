"""Fictional case data for tests, created through the real services."""

from __future__ import annotations

from datetime import date

from vinr_desktop.domain.cases import IntakeKind, ReporterKind
from vinr_desktop.domain.identity import IdentityKind, luhn_check_digit
from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
from vinr_desktop.domain.persons import ContactDetails, ProtectionLevel
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.views.cases import CaseRef, NewCase, PersonInput

# Marker strings: if one of these turns up outside the encrypted store, something leaked.
SECRET_STREET = "Hemligavägen 17 MARKÖR"
SECRET_CITY = "Gömstadby"


def personnummer(birth: date, serial: int) -> str:
    """A valid, generated personnummer (YYYYMMDD-NNNC) for a fictional person."""
    short = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn_check_digit(short)}"


def adult(
    first: str = "Testa",
    last: str = "Testsson-Fiktiv",
    *,
    birth: date = date(1985, 4, 12),
    serial: int = 123,
    protection: ProtectionLevel = ProtectionLevel.NONE,
    contact: ContactDetails | None = None,
) -> PersonInput:
    return PersonInput(
        first_name=first,
        last_name=last,
        identity_kind=IdentityKind.PERSONNUMMER,
        identity_text=personnummer(birth, serial),
        contact=contact or ContactDetails("Fiktiva vägen 3", "000 11", "Demoby", "070-000 00 00"),
        protection_level=protection,
    )


def protected_adult(first: str = "Skydda", last: str = "Hemligsson-Fiktiv") -> PersonInput:
    return adult(
        first,
        last,
        birth=date(1990, 7, 3),
        serial=456,
        protection=ProtectionLevel.PROTECTED_REGISTRATION,
        contact=ContactDetails(SECRET_STREET, "999 99", SECRET_CITY, "070-999 99 99"),
    )


def register(
    services: CaseWorkServices,
    person: PersonInput | None = None,
    *,
    intake: date = date(2026, 2, 20),
    markers: tuple[str, ...] = ("violence_physical",),
    kind: IntakeKind = IntakeKind.APPLICATION,
) -> CaseRef:
    reporter = ReporterKind.AUTHORITY if kind is IntakeKind.REPORT else ReporterKind.NONE
    return services.cases.register(
        NewCase(
            intake_kind=kind,
            intake_date=intake,
            reporter_kind=reporter,
            reporter_text="Polisen" if reporter is ReporterKind.AUTHORITY else "",
            main_person=person or adult(),
            markers=markers,
        )
    )


def entry(text: str, when: date = date(2026, 2, 25)) -> EntryDraft:
    return EntryDraft(when, EntryKind.PHONE, SourceKind.CLIENT, "", text)
