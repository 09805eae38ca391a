"""The legal basis for giving a provider (utförare) the client's details.

A private provider such as a kvinnojour is outside the authority: what it is told about the
client needs a basis — the client's consent, or another ground the handläggare names — and the
provider should be bound by confidentiality through its agreement. The basis is recorded per
decision and provider; a document for a private provider is not made without it.
"""

from __future__ import annotations

from enum import StrEnum

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.errors import InvalidInput

MAX_NOTE = 2000


class DisclosureBasis(StrEnum):
    CONSENT = "consent"  # the client consents to the details being given
    OTHER = "other"  # another ground, named in the note


BASIS_LABELS: dict[DisclosureBasis, str] = {
    DisclosureBasis.CONSENT: "Klientens samtycke",
    DisclosureBasis.OTHER: "Annan grund (ange vilken)",
}

MISSING = (
    "Ange grunden för att lämna klientens uppgifter till utföraren (klientens samtycke eller "
    "annan grund) under Insatser innan dokumentet tas fram."
)


def check_disclosure(code: str, note: str) -> tuple[DisclosureBasis, str]:
    """The basis and its note, or InvalidInput naming what to correct."""
    try:
        basis = DisclosureBasis(code)
    except ValueError:
        raise InvalidInput("Välj grunden för att lämna uppgifterna.") from None
    cleaned = check_text(note.strip(), "Anteckningen")
    if len(cleaned) > MAX_NOTE:
        raise InvalidInput(f"Anteckningen får vara högst {MAX_NOTE} tecken.")
    if basis is DisclosureBasis.OTHER and not cleaned:
        raise InvalidInput("Skriv vilken grund uppgifterna lämnas på.")
    return basis, cleaned


def needs_basis(public: bool, own: bool) -> bool:
    """A private provider needs a recorded basis; the municipality's own do not."""
    return not public and not own
