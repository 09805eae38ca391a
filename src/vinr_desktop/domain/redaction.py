"""What each recipient of a document may see: the redaction policy, one table.

Documents are built from view models that a service fills field by field, asking `allows` for
each; a field the policy does not allow stays empty and is never rendered. Recipients:

- utförare (the provider): municipality and unit, case number, the client's name and identity
  (full number or birth date only, a setting), the insats, period, goals, who does what, the
  client's part in the plan, the children's needs, the follow-up, and the contact person at
  the municipality. Never an address of the client (protected or not), never the violent
  person, never other cases, never the journal, never the reasons for the decision, never the
  client's own answers at a follow-up (she must be free to criticise the provider).
- klient (the client): her plans and follow-ups; no addresses and nothing about the violent
  person (a paper at home can be found by him).
- akt (the file) and chef (the manager): everything of the case except a protected person's
  address and other locating details, which no document ever holds.

Free text typed by people (goals, journal, motivations) can mention anything, so `Scrubber`
removes a protected person's address, postal code, town, phone and e-mail from every document,
and the violent person's name, number and contact details from documents for the provider and
the client.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput

REMOVED = "[uppgift borttagen]"
_POSTAL_CODE = re.compile(r"\d{3}\s?\d{2}")
MIN_SECRET = 3  # shorter strings would remove ordinary words


class Recipient(StrEnum):
    PROVIDER = "provider"  # utförare
    FILE = "file"  # akt
    MANAGER = "manager"  # chef
    CLIENT = "client"  # klient


RECIPIENT_LABELS: dict[Recipient, str] = {
    Recipient.PROVIDER: "Utförare",
    Recipient.FILE: "Akt",
    Recipient.MANAGER: "Chef",
    Recipient.CLIENT: "Klient",
}


class DocumentKind(StrEnum):
    CARE_PLAN = "care_plan"  # vårdplan
    ASSIGNMENT = "assignment"  # uppdrag to the provider
    IMPLEMENTATION_PLAN = "implementation_plan"  # genomförandeplan
    FOLLOW_UP = "follow_up"  # uppföljning
    CASE_SUMMARY = "case_summary"  # sammanställning


# The key in resources/document_texts.json that holds each document's title.
TITLE_KEYS: dict[DocumentKind, str] = {
    DocumentKind.CARE_PLAN: "care_plan_title",
    DocumentKind.ASSIGNMENT: "assignment_title",
    DocumentKind.IMPLEMENTATION_PLAN: "implementation_plan_title",
    DocumentKind.FOLLOW_UP: "follow_up_title",
    DocumentKind.CASE_SUMMARY: "case_summary_title",
}


class Field(StrEnum):
    CASE_NUMBER = "case_number"
    CLIENT_NAME = "client_name"
    CLIENT_IDENTITY = "client_identity"
    CLIENT_CONTACT = "client_contact"  # a client's address and phone (never a protected one)
    CONTACT_PERSON = "contact_person"  # the handläggare at the municipality
    INSATS = "insats"  # insats type, provider, period, extent
    DECISION_GROUNDS = "decision_grounds"  # outcome, legal ground, motivation
    PROVIDER_TERMS = "provider_terms"  # agreement reference and quality requirements
    GOALS = "goals"
    RESPONSIBILITIES = "responsibilities"
    CLIENT_PARTICIPATION = "client_participation"  # how she took part, her view of the plan
    CHILDREN_NEEDS = "children_needs"
    FOLLOW_UP_PLAN = "follow_up_plan"  # when and how the plan is followed up
    IMPLEMENTATION = "implementation"  # the genomförandeplan's content
    FOLLOW_UP_RESULTS = "follow_up_results"  # goals reached, decision, next follow-up
    CLIENT_ANSWERS = "client_answers"  # the client's own view at a follow-up
    PERSONS = "persons"  # the other persons of the case (children, relatives)
    VIOLENT_PERSON = "violent_person"
    MARKERS = "markers"
    JOURNAL = "journal"


F, R, D = Field, Recipient, DocumentKind

_BASE = frozenset({F.CASE_NUMBER, F.CLIENT_NAME, F.CLIENT_IDENTITY, F.CONTACT_PERSON})
_PLAN = frozenset(
    {
        F.INSATS,
        F.GOALS,
        F.RESPONSIBILITIES,
        F.CLIENT_PARTICIPATION,
        F.CHILDREN_NEEDS,
        F.FOLLOW_UP_PLAN,
    }
)
_INTERNAL = frozenset({F.CLIENT_CONTACT, F.DECISION_GROUNDS})

POLICY: dict[tuple[DocumentKind, Recipient], frozenset[Field]] = {
    (D.CARE_PLAN, R.PROVIDER): _BASE | _PLAN,
    (D.CARE_PLAN, R.CLIENT): _BASE | _PLAN,
    (D.CARE_PLAN, R.FILE): _BASE | _PLAN | _INTERNAL,
    (D.CARE_PLAN, R.MANAGER): _BASE | _PLAN | _INTERNAL,
    (D.ASSIGNMENT, R.PROVIDER): _BASE | _PLAN | {F.PROVIDER_TERMS},
    (D.ASSIGNMENT, R.FILE): _BASE | _PLAN | _INTERNAL | {F.PROVIDER_TERMS},
    (D.ASSIGNMENT, R.MANAGER): _BASE | _PLAN | _INTERNAL | {F.PROVIDER_TERMS},
    (D.IMPLEMENTATION_PLAN, R.PROVIDER): _BASE | {F.INSATS, F.IMPLEMENTATION},
    (D.IMPLEMENTATION_PLAN, R.CLIENT): _BASE | {F.INSATS, F.IMPLEMENTATION},
    (D.IMPLEMENTATION_PLAN, R.FILE): _BASE | {F.INSATS, F.IMPLEMENTATION, F.CLIENT_CONTACT},
    (D.IMPLEMENTATION_PLAN, R.MANAGER): _BASE | {F.INSATS, F.IMPLEMENTATION, F.CLIENT_CONTACT},
    (D.FOLLOW_UP, R.PROVIDER): _BASE | {F.INSATS, F.GOALS, F.FOLLOW_UP_RESULTS},
    (D.FOLLOW_UP, R.CLIENT): _BASE | {F.INSATS, F.GOALS, F.FOLLOW_UP_RESULTS, F.CLIENT_ANSWERS},
    (D.FOLLOW_UP, R.FILE): _BASE
    | _INTERNAL
    | {F.INSATS, F.GOALS, F.FOLLOW_UP_RESULTS, F.CLIENT_ANSWERS},
    (D.FOLLOW_UP, R.MANAGER): _BASE
    | _INTERNAL
    | {F.INSATS, F.GOALS, F.FOLLOW_UP_RESULTS, F.CLIENT_ANSWERS},
    (D.CASE_SUMMARY, R.FILE): frozenset(Field),
    (D.CASE_SUMMARY, R.MANAGER): frozenset(Field),
}

# Recipients from whom the violent person's details are scrubbed out of free text.
_HIDE_VIOLENT_PERSON = frozenset({Recipient.PROVIDER, Recipient.CLIENT})


def recipients_for(kind: DocumentKind) -> tuple[Recipient, ...]:
    """Who a document of this kind can be made for, in the order offered."""
    return tuple(r for r in Recipient if (kind, r) in POLICY)


def fields_for(kind: DocumentKind, recipient: Recipient) -> frozenset[Field]:
    """The fields a document may hold for this recipient; InvalidInput if none."""
    fields = POLICY.get((kind, recipient))
    if fields is None:
        raise InvalidInput(
            f"Dokumentet kan inte tas fram för mottagaren {RECIPIENT_LABELS[recipient].lower()}."
        )
    return fields


def allows(kind: DocumentKind, recipient: Recipient, field: Field) -> bool:
    return field in POLICY.get((kind, recipient), frozenset())


def hides_violent_person(recipient: Recipient) -> bool:
    return recipient in _HIDE_VIOLENT_PERSON


class IdentityMode(StrEnum):
    """How the client's identity is printed on documents for a provider (a setting)."""

    FULL = "full"  # the whole personnummer
    BIRTH_DATE = "birth_date"  # only the birth date


IDENTITY_MODE_LABELS: dict[IdentityMode, str] = {
    IdentityMode.FULL: "Hela personnumret",
    IdentityMode.BIRTH_DATE: "Bara födelsedatum",
}


def identity_text(
    full_display: str, birth_date: date | None, recipient: Recipient, mode: IdentityMode
) -> str:
    """The client's identity as printed for `recipient`."""
    if recipient is Recipient.PROVIDER and mode is IdentityMode.BIRTH_DATE:
        return f"Född {birth_date.isoformat()}" if birth_date is not None else "Födelsedatum okänt"
    return full_display


class Scrubber:
    """Replaces given strings (case-insensitive, whole words) in free text with `REMOVED`.

    Strings of digits (phone and identity numbers, postal codes) match however they were
    typed: with or without spaces and hyphens, with or without the century.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        patterns: set[str] = set()
        for secret in secrets:
            text = " ".join(secret.split())
            if len(text) < MIN_SECRET:
                continue
            digits = re.sub(r"\D", "", text)
            postal_code = _POSTAL_CODE.fullmatch(text) is not None  # "841 31" matches "84131"
            if postal_code or (
                len(digits) >= 6 and len(digits) >= len(re.sub(r"[\s\-+()]", "", text)) - 1
            ):
                patterns.add(r"[\s\-]*".join(re.escape(d) for d in digits))
                if len(digits) == 12:  # a personnummer: also without the century
                    patterns.add(r"[\s\-]*".join(re.escape(d) for d in digits[2:]))
            else:
                patterns.add(r"\s+".join(re.escape(word) for word in text.split()))
        ordered = sorted(patterns, key=len, reverse=True)
        self._regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)", re.IGNORECASE)
            if ordered
            else None
        )

    def __call__(self, text: str) -> str:
        if self._regex is None or not text:
            return text
        return self._regex.sub(REMOVED, text)


def secrets_of_protected(
    street: str, postal_code: str, city: str, phone: str, email: str
) -> tuple[str, ...]:
    """The locating details of a protected person, as strings to scrub."""
    return tuple(v for v in (street, postal_code, city, phone, email) if v.strip())


def secrets_of_violent_person(
    first_name: str,
    last_name: str,
    identity_value: str,
    street: str,
    phone: str,
    email: str,
) -> tuple[str, ...]:
    """The violent person's name, number and contact details, as strings to scrub (not the
    town or postal code: too common to remove from every text)."""
    values = (
        f"{first_name} {last_name}",
        first_name,
        last_name,
        identity_value,
        street,
        phone,
        email,
    )
    return tuple(v for v in values if v.strip())
