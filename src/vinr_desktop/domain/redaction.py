"""What each recipient of a document may see, and the one redaction step every document passes.

Every document the program makes — vårdplan, uppdrag, genomförandeplan, uppföljning,
sammanställning, riskbedömning, säkerhetsplan, the log review for the nämnd, and the kinds to
come — is a `DocumentKind` made for a `Recipient`. `POLICY` says which fields each may hold; a
service fills a view model field by field, asking the `Redactor` (`has`, `opt`), and then hands
the model to `Redactor.seal`, which runs the case's `Scrubber` over every piece of text in it and
returns it as `Redacted[...]`. The renderers (reports/) accept only `Redacted[...]`, and only
`seal` can make one: a document cannot be rendered without passing this step.

Recipients:

- utförare (the provider): municipality and unit, case number, the client's name and identity
  (full number or birth date only, a setting), the insats, period, goals, who does what, the
  client's part in the plan, the children's needs, the follow-up, and the contact person at
  the municipality. Never an address of the client (protected or not), never the violent
  person, never other cases, never the journal, never the reasons for the decision, never the
  client's own answers at a follow-up (she must be free to criticise the provider).
- klient (the client): her plans and follow-ups, the decision letter (with its reasons and how
  to appeal) and the kommunicering letter; no addresses and nothing about the violent person (a
  paper at home can be found by him).
- akt (the file) and chef (the manager): everything of the case except a protected person's
  address and other locating details, which no document ever holds.
- nämnd (the board): the log review and the statistics (årsrapport, the county's
  sammanställning), which hold no case content.

Free text typed by people (goals, journal, motivations) can mention anything, so the scrubber
removes every protected person's address, postal code, town, phone, e-mail and safe places from
every document, and the violent person's name, number and contact details from documents for
the provider and the client.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from enum import Enum, StrEnum
from typing import Any, Generic, TypeVar

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.scrubber import Scrubber, Secret, SecretKind, secrets_in_text

T = TypeVar("T")
V = TypeVar("V")


class Recipient(StrEnum):
    PROVIDER = "provider"  # utförare
    FILE = "file"  # akt
    MANAGER = "manager"  # chef
    CLIENT = "client"  # klient
    BOARD = "board"  # nämnd
    COLLEAGUE = "colleague"  # the colleague at the office during a home visit


RECIPIENT_LABELS: dict[Recipient, str] = {
    Recipient.PROVIDER: "Utförare",
    Recipient.FILE: "Akt",
    Recipient.MANAGER: "Enhetschef",
    Recipient.CLIENT: "Klient",
    Recipient.BOARD: "Nämnd",
    Recipient.COLLEAGUE: "Kollega på kontoret",
}


class DocumentKind(StrEnum):
    CARE_PLAN = "care_plan"  # vårdplan
    ASSIGNMENT = "assignment"  # uppdrag to the provider
    IMPLEMENTATION_PLAN = "implementation_plan"  # genomförandeplan
    FOLLOW_UP = "follow_up"  # uppföljning
    CASE_SUMMARY = "case_summary"  # sammanställning
    RISK_ASSESSMENT = "risk_assessment"  # riskbedömning / farlighetsbedömning
    SAFETY_PLAN = "safety_plan"  # säkerhetsplan
    AUDIT_REPORT = "audit_report"  # loggkontroll for the nämnd
    VISIT_PLAN = "visit_plan"  # besöksplan of a home visit, for the colleague at the office
    DECISION_LETTER = "decision_letter"  # beslutsmeddelande to the client
    COMMUNICATION_LETTER = "communication_letter"  # kommunicering before a decision
    STATISTICS_REPORT = "statistics_report"  # årsrapport (statistik) for the nämnd
    COUNTY_REPORT = "county_report"  # the county's sammanställning of indicator files
    COMPLIANCE = "compliance"  # egenkontroll: the auditors' questions over a sample of cases
    INSIGHT_COPY = "insight_copy"  # partsinsyn: the reviewed copy of her file, for the client


# The key in resources/document_texts.json that holds each document's title.
TITLE_KEYS: dict[DocumentKind, str] = {kind: f"{kind.value}_title" for kind in DocumentKind}


class Field(StrEnum):
    CASE_NUMBER = "case_number"
    CLIENT_NAME = "client_name"
    CLIENT_IDENTITY = "client_identity"
    CLIENT_CONTACT = "client_contact"  # a client's address and phone (never a protected one)
    CONTACT_PERSON = "contact_person"  # the handläggare at the municipality
    CONTACT_DETAILS = "contact_details"  # the handläggare's work phone and e-mail
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
    ASSESSMENT = "assessment"  # a risk assessment's answers, judgement and motivation
    SAFETY_PLAN = "safety_plan"  # a safety plan's contacts, signals and actions (never places)
    AUDIT_EVENTS = "audit_events"  # the log review: events, their review, the chain
    HOME_VISIT = "home_visit"  # a visit's time, place (never a protected one), risk check
    COMMUNICATION = "communication"  # the material communicated and the last day to answer
    # The reasons of a decision going against her, in the decision letter to her (the law
    # requires them). Only the letter has it: other documents for her never carry the
    # decision's motivation (DECISION_GROUNDS).
    LETTER_REASONS = "letter_reasons"
    STATISTICS = "statistics"  # published counts only (small ones hidden), never a case
    COMPLIANCE = "compliance"  # the egenkontroll's cases × questions and totals
    EXACT_COUNTS = "exact_counts"  # counts 1–4 as they are (else "< 5")
    PROTECTED_CASE_NUMBERS = "protected_case_numbers"  # a protected case by its number


F, R, D = Field, Recipient, DocumentKind

_BASE = frozenset({F.CASE_NUMBER, F.CLIENT_NAME, F.CLIENT_IDENTITY, F.CONTACT_PERSON})
_OUT = _BASE | {F.CONTACT_DETAILS}  # what goes out of the office says whom to call
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
_RESULTS = frozenset({F.INSATS, F.GOALS, F.FOLLOW_UP_RESULTS})
_WORK = frozenset({F.INSATS, F.IMPLEMENTATION})

POLICY: dict[tuple[DocumentKind, Recipient], frozenset[Field]] = {
    (D.CARE_PLAN, R.PROVIDER): _OUT | _PLAN,
    (D.CARE_PLAN, R.CLIENT): _OUT | _PLAN,
    (D.CARE_PLAN, R.FILE): _BASE | _PLAN | _INTERNAL,
    (D.CARE_PLAN, R.MANAGER): _BASE | _PLAN | _INTERNAL,
    (D.ASSIGNMENT, R.PROVIDER): _OUT | _PLAN | {F.PROVIDER_TERMS},
    (D.ASSIGNMENT, R.FILE): _BASE | _PLAN | _INTERNAL | {F.PROVIDER_TERMS},
    (D.ASSIGNMENT, R.MANAGER): _BASE | _PLAN | _INTERNAL | {F.PROVIDER_TERMS},
    (D.IMPLEMENTATION_PLAN, R.PROVIDER): _OUT | _WORK,
    (D.IMPLEMENTATION_PLAN, R.CLIENT): _OUT | _WORK,
    (D.IMPLEMENTATION_PLAN, R.FILE): _BASE | _WORK | {F.CLIENT_CONTACT},
    (D.IMPLEMENTATION_PLAN, R.MANAGER): _BASE | _WORK | {F.CLIENT_CONTACT},
    (D.FOLLOW_UP, R.PROVIDER): _OUT | _RESULTS,
    (D.FOLLOW_UP, R.CLIENT): _OUT | _RESULTS | {F.CLIENT_ANSWERS},
    (D.FOLLOW_UP, R.FILE): _BASE | _INTERNAL | _RESULTS | {F.CLIENT_ANSWERS},
    (D.FOLLOW_UP, R.MANAGER): _BASE | _INTERNAL | _RESULTS | {F.CLIENT_ANSWERS},
    (D.CASE_SUMMARY, R.FILE): frozenset(Field) - {F.CONTACT_DETAILS},
    (D.CASE_SUMMARY, R.MANAGER): frozenset(Field) - {F.CONTACT_DETAILS},
    (D.RISK_ASSESSMENT, R.FILE): _BASE | {F.ASSESSMENT},
    (D.RISK_ASSESSMENT, R.MANAGER): _BASE | {F.ASSESSMENT},
    (D.SAFETY_PLAN, R.FILE): _BASE | {F.SAFETY_PLAN},
    (D.SAFETY_PLAN, R.MANAGER): _BASE | {F.SAFETY_PLAN},
    (D.AUDIT_REPORT, R.BOARD): frozenset({F.AUDIT_EVENTS}),
    (D.STATISTICS_REPORT, R.BOARD): frozenset({F.STATISTICS}),
    (D.COUNTY_REPORT, R.BOARD): frozenset({F.STATISTICS}),
    # The unit's own egenkontroll: exact counts, a protected case by number where the reader
    # may open it. The nämnd's: small counts "< 5", a protected case only by its code.
    (D.COMPLIANCE, R.MANAGER): frozenset({F.COMPLIANCE, F.EXACT_COUNTS, F.PROTECTED_CASE_NUMBERS}),
    (D.COMPLIANCE, R.BOARD): frozenset({F.COMPLIANCE}),
    (D.VISIT_PLAN, R.COLLEAGUE): frozenset(
        {F.CASE_NUMBER, F.CLIENT_NAME, F.CONTACT_PERSON, F.HOME_VISIT}
    ),
    # The letters to the client: she gets the reasons and how to appeal (förvaltningslagen);
    # the file keeps a copy. Never for the provider.
    (D.DECISION_LETTER, R.CLIENT): _OUT | {F.INSATS, F.LETTER_REASONS},
    (D.DECISION_LETTER, R.FILE): _BASE | {F.INSATS, F.LETTER_REASONS},
    (D.COMMUNICATION_LETTER, R.CLIENT): _OUT | {F.INSATS, F.COMMUNICATION},
    (D.COMMUNICATION_LETTER, R.FILE): _BASE | {F.INSATS, F.COMMUNICATION},
    # Her own file, reviewed item by item (services/insight/): never the violent person, other
    # persons' details or contact details (the scrubber), never another person's secret.
    (D.INSIGHT_COPY, R.CLIENT): _OUT | {F.JOURNAL, F.ASSESSMENT, F.DECISION_GROUNDS} | _PLAN,
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


# -- the secrets of a case ----------------------------------------------------------------


def secrets_of_protected(
    street: str, postal_code: str, city: str, phone: str, email: str
) -> tuple[Secret, ...]:
    """The locating details of a protected person (or of one who lives with her)."""
    return tuple(
        Secret(kind, value)
        for kind, value in (
            (SecretKind.STREET, street),
            (SecretKind.POSTAL_CODE, postal_code),
            (SecretKind.TOWN, city),
            (SecretKind.PHONE, phone),
            (SecretKind.EMAIL, email),
        )
        if value.strip()
    )


def secrets_of_safe_places(text: str) -> tuple[Secret, ...]:
    """The places of a safety plan, each as it is written and the names and numbers in it."""
    return tuple(secrets_in_text(text))


def secrets_of_violent_person(
    first_name: str,
    last_name: str,
    identity_value: str,
    street: str,
    phone: str,
    email: str,
) -> tuple[Secret, ...]:
    """The violent person's name, number and contact details (not the town or postal code:
    too common to remove from every text)."""
    values = (
        (SecretKind.NAME, f"{first_name} {last_name}"),
        (SecretKind.NAME, first_name),
        (SecretKind.NAME, last_name),
        (SecretKind.NUMBER, identity_value),
        (SecretKind.STREET, street),
        (SecretKind.PHONE, phone),
        (SecretKind.EMAIL, email),
    )
    return tuple(Secret(kind, value) for kind, value in values if value.strip())


# -- the redaction step -------------------------------------------------------------------

_SEAL = object()  # only `Redactor.seal` holds it


class Redacted(Generic[T]):
    """A document's view model after the redaction step: every text in it has passed the
    scrubber of its case for its recipient. Made only by `Redactor.seal`; the renderers accept
    nothing else."""

    __slots__ = ("_kind", "_recipient", "_view")

    def __init__(self, view: T, kind: DocumentKind, recipient: Recipient, seal: object) -> None:
        if seal is not _SEAL:
            raise TypeError("Redacted is made only by Redactor.seal")
        self._view = view
        self._kind = kind
        self._recipient = recipient

    @property
    def view(self) -> T:
        return self._view

    @property
    def kind(self) -> DocumentKind:
        return self._kind

    @property
    def recipient(self) -> Recipient:
        return self._recipient


@dataclasses.dataclass(frozen=True)
class Redactor:
    """What one document for one recipient may hold, and the scrubber for all its text."""

    kind: DocumentKind
    recipient: Recipient
    scrub: Scrubber

    def __post_init__(self) -> None:
        fields_for(self.kind, self.recipient)  # InvalidInput for a pair the policy lacks

    @property
    def fields(self) -> frozenset[Field]:
        return POLICY[(self.kind, self.recipient)]

    def has(self, field: Field) -> bool:
        return field in self.fields

    def opt(self, field: Field, value: V) -> V | None:
        """`value` if the recipient may see `field`, else None (not rendered)."""
        return value if field in self.fields else None

    def seal(self, view: T) -> Redacted[T]:
        """The view with the scrubber applied to every string in it (nested dataclasses,
        tuples, lists and mappings included; enum codes left as they are)."""
        return Redacted(_scrubbed(view, self.scrub), self.kind, self.recipient, _SEAL)


def _scrubbed(value: Any, scrub: Scrubber) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, tuple | list):
        return type(value)(_scrubbed(v, scrub) for v in value)
    if isinstance(value, Mapping):
        return {k: _scrubbed(v, scrub) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _scrubbed(getattr(value, f.name), scrub)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value
