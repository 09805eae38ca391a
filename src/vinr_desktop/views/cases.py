"""What the case services hand to the UI: plain, frozen values, already masked for the user.

A protected person's contact details never reach a view unless the user revealed them with a
reason (`PersonService.reveal_contact`); lists show initials only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from vinr_desktop.access.policy import Relation
from vinr_desktop.domain.cases import CaseStatus, IntakeKind, PreliminaryOutcome
from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.journal import EntryKind, SourceKind
from vinr_desktop.domain.persons import ContactDetails, PersonRole, ProtectionLevel


@dataclass(frozen=True)
class PersonInput:
    """A person as typed in a form; validated by the service."""

    first_name: str
    last_name: str
    identity_kind: IdentityKind = IdentityKind.NONE
    identity_text: str = ""  # personnummer/samordningsnummer/reservnummer as typed
    identity_issuer: str = ""  # reservnummer only
    birth_date: date | None = None  # required without a number
    contact: ContactDetails = field(default_factory=ContactDetails)
    interpreter_needed: bool = False
    language: str = ""
    protection_level: ProtectionLevel = ProtectionLevel.NONE


@dataclass(frozen=True)
class NewCase:
    intake_kind: IntakeKind
    intake_date: date
    reporter_kind: str  # a code from resources/reporter_kinds.json (ReporterKind.NONE: none)
    reporter_text: str
    main_person: PersonInput | None = None  # a new person, or…
    main_person_id: str | None = None  # …one already in a case the user may see
    markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseRef:
    case_id: str
    number: str


@dataclass(frozen=True)
class CaseListRow:
    case_id: str
    number: str
    status: CaseStatus
    main_person: str  # initials only for a protected person
    protected: bool
    is_child_case: bool
    intake_date: str
    last_entry_date: str | None
    open_drafts: int  # the user's own unsigned entries in the case
    responsible: str
    own: bool
    access: Relation  # own, shared (read/write), the unit's, or nödåtkomst
    markers: tuple[str, ...]
    # A violent person has contact with the victim and no signed risk assessment is younger
    # than its interval (services/risk/history.py).
    risk_flag: bool = False


@dataclass(frozen=True)
class OtherCase:
    case_id: str
    number: str
    role: PersonRole


@dataclass(frozen=True)
class CasePerson:
    person_id: str
    role: PersonRole
    first_name: str
    last_name: str
    identity_kind: IdentityKind
    identity_display: str
    birth_date: str
    protection_level: ProtectionLevel
    contact: ContactDetails | None  # None: protected, shown as "Skyddad — visa"
    interpreter_needed: bool
    language: str
    other_cases: tuple[OtherCase, ...]  # other cases of this person the user may open
    identity_value: str = ""  # as stored: 12 digits, or the reservnummer text
    identity_issuer: str = ""  # reservnummer only

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def protected(self) -> bool:
        return self.protection_level is not ProtectionLevel.NONE


@dataclass(frozen=True)
class EmergencyGrant:
    """A running nödåtkomst: until when (UTC) and the reason the manager gave."""

    case_id: str
    expires_utc: str
    reason: str


@dataclass(frozen=True)
class ChildReportView:
    """One report (anmälan) with its own skyddsbedömning and förhandsbedömning and their last
    days (ISO dates)."""

    report_id: str
    received_on: str
    came_in_late: bool
    reporter: str  # in words
    protection_assessed_on: str | None
    protection_needed: bool | None
    protection_note: str
    protection_due: str
    preliminary_decided_on: str | None
    preliminary_outcome: PreliminaryOutcome | None
    preliminary_note: str
    preliminary_due: str
    extended_to: str | None  # a later last day for the förhandsbedömning (synnerliga skäl)
    extension_reason: str


@dataclass(frozen=True)
class CaseDetails:
    case_id: str
    number: str
    status: CaseStatus
    intake_kind: IntakeKind
    intake_date: str
    reporter_kind: str  # a code from resources/reporter_kinds.json
    reporter_text: str
    responsible: str
    is_child_case: bool
    protected: bool
    protection_assessed_on: str | None
    protection_needed: bool | None
    protection_note: str
    preliminary_decided_on: str | None
    preliminary_outcome: PreliminaryOutcome | None
    preliminary_note: str
    closed_on: str | None
    closing_reason: str | None  # label
    closing_detail: str
    closing_text: str
    persons: tuple[CasePerson, ...]
    markers: frozenset[str]
    writable: bool  # the user may write and the case is open
    can_reopen: bool
    access: Relation = Relation.OWN_CASE  # how the user reaches the case
    may_share: bool = False  # the user may share it with colleagues
    emergency: EmergencyGrant | None = None  # running nödåtkomst (shown as a red banner)
    reporter: str = ""  # who reported, in words ("Polisen", "Skola eller förskola (…)")
    reports: tuple[ChildReportView, ...] = ()  # each anmälan, oldest first
    investigation_running: bool = False  # an investigation started and not ended

    @property
    def main_person(self) -> CasePerson | None:
        return next((p for p in self.persons if p.role is PersonRole.MAIN), None)

    @property
    def age_unknown(self) -> bool:
        """The main person's birth date is not known: the case is a child case until it is."""
        main = self.main_person
        return main is not None and not main.birth_date


@dataclass(frozen=True)
class JournalEntryView:
    entry_id: int
    case_id: str
    kind: EntryKind
    source: SourceKind | None
    source_detail: str
    source_text: str
    event_date: str
    text: str
    author: str
    own: bool
    created_utc: str
    saved_utc: str
    signed_utc: str | None
    corrects_id: int | None
    correction_reason: str
    corrected_by_id: int | None  # set: this entry was corrected, show it struck through
    objects_to_id: int | None = None  # this entry is the client's objection to that one
    objected_by_ids: tuple[int, ...] = ()  # the client's objections to this entry

    @property
    def is_draft(self) -> bool:
        return self.signed_utc is None


@dataclass(frozen=True)
class TimelineFilter:
    kinds: frozenset[EntryKind] = frozenset()  # empty: every kind
    date_from: date | None = None
    date_to: date | None = None
    author_id: str | None = None


@dataclass(frozen=True)
class TimelinePage:
    entries: tuple[JournalEntryView, ...]
    total: int  # matching signed entries plus the user's own drafts
    offset: int


@dataclass(frozen=True)
class JournalHit:
    case_id: str
    number: str
    entry_id: int
    event_date: str
    kind: EntryKind
    snippet: str  # the match between HIGHLIGHT_START and HIGHLIGHT_END


HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True)
class SearchResults:
    query: str
    cases: tuple[CaseListRow, ...]
    hits: tuple[JournalHit, ...]
    more_hits: bool
