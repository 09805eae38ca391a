"""The journal: entry kinds, sources, and the rules for drafts, signing and corrections.

A signed entry is never changed. "Rätta" makes a new signed entry linked to the old one with a
reason; the old text stays readable, shown struck through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.cases import check_reason, check_text
from vinr_desktop.domain.errors import InvalidInput

AUTOSAVE_SECONDS = 3


class EntryKind(StrEnum):
    PHONE = "phone"
    HOME_VISIT = "home_visit"
    VISIT = "visit"
    MEETING = "meeting"
    SIP_MEETING = "sip_meeting"
    LETTER = "letter"
    NOTE = "note"
    EVENT = "event"  # written by the program: status changes, markers, closing


KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.PHONE: "Telefonsamtal",
    EntryKind.HOME_VISIT: "Hembesök",
    EntryKind.VISIT: "Besök",
    EntryKind.MEETING: "Möte",
    EntryKind.SIP_MEETING: "SIP-möte",
    EntryKind.LETTER: "Brev/e-post",
    EntryKind.NOTE: "Anteckning",
    EntryKind.EVENT: "Händelse",
}

# Kinds a person chooses when writing; EVENT entries are written by the program.
WRITABLE_KINDS: tuple[EntryKind, ...] = tuple(k for k in EntryKind if k is not EntryKind.EVENT)


class SourceKind(StrEnum):
    CLIENT = "client"
    OTHER_PERSON = "other_person"
    AUTHORITY = "authority"
    OWN_OBSERVATION = "own_observation"
    PROGRAM = "program"  # for EVENT entries


SOURCE_LABELS: dict[SourceKind, str] = {
    SourceKind.CLIENT: "Klienten",
    SourceKind.OTHER_PERSON: "Annan person",
    SourceKind.AUTHORITY: "Myndighet",
    SourceKind.OWN_OBSERVATION: "Egen iakttagelse",
    SourceKind.PROGRAM: "Programmet",
}

WRITABLE_SOURCES: tuple[SourceKind, ...] = tuple(
    s for s in SourceKind if s is not SourceKind.PROGRAM
)


@dataclass(frozen=True)
class EntryDraft:
    """What the editor holds; saved as a draft as it is typed, checked in full at signing."""

    event_date: date | None
    kind: EntryKind
    source: SourceKind | None
    source_detail: str
    text: str


def source_text(source: SourceKind | str | None, detail: str) -> str:
    if source is None or source == "":
        return ""
    label = SOURCE_LABELS[SourceKind(source)]
    return f"{label}: {detail}" if detail else label


def check_draft(draft: EntryDraft) -> None:
    """A draft may be incomplete, but never too long."""
    check_text(draft.text)
    if len(draft.source_detail) > 200:
        raise InvalidInput("Uppgiftslämnaren är för lång (högst 200 tecken).")


def check_signable(draft: EntryDraft, today: date) -> None:
    """Everything a signed entry must have: who, source and when (egenkontroll)."""
    check_draft(draft)
    if draft.kind is EntryKind.EVENT:
        raise InvalidInput("Den typen av anteckning skrivs av programmet.")
    if draft.event_date is None:
        raise InvalidInput("Ange datum för händelsen.")
    if draft.event_date > today:
        raise InvalidInput("Händelsedatumet kan inte ligga i framtiden.")
    if draft.source is None:
        raise InvalidInput("Ange uppgiftslämnare (källa).")
    if draft.source in (SourceKind.OTHER_PERSON, SourceKind.AUTHORITY) and not (
        draft.source_detail.strip()
    ):
        raise InvalidInput("Skriv vem uppgiftslämnaren är.")
    if not draft.text.strip():
        raise InvalidInput("Anteckningen är tom.")


def check_correction(original_signed: bool, already_corrected: bool, reason: str) -> str:
    """A correction needs a signed, not yet corrected original and a reason."""
    if not original_signed:
        raise InvalidInput(
            "Ett utkast rättas genom att ändra det. Bara signerade anteckningar rättas."
        )
    if already_corrected:
        raise InvalidInput("Anteckningen är redan rättad. Rätta den senaste rättelsen i stället.")
    return check_reason(reason, "Skälet till rättelsen")
