"""The view models every document shares (its head) and those of the risk documents; the care
documents' are in views/care_documents.py, the log review's in views/audit.py.

A builder fills a view through the redaction policy (domain/redaction.py); the document
pipeline seals it (`Redactor.seal`: every text through the scrubber) and only then may a report
(reports/) render it. Frozen dataclasses: no store, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.redaction import DocumentKind, Recipient


@dataclass(frozen=True)
class DocumentHead:
    """What every document of a case starts with: who it comes from, is about and is for."""

    document_id: str
    kind: DocumentKind
    title: str  # generic ("Vårdplan"): also the PDF's metadata title
    recipient: Recipient
    recipient_label: str
    municipality: str
    unit: str
    case_number: str | None
    client_name: str | None
    client_identity: str | None  # full number or "Född …" (provider setting)
    client_contact: str | None  # a client's address and phone: never a protected one
    contact_person: str | None  # the responsible handläggare at the municipality
    contact_details: str | None  # her work phone and e-mail (documents that leave the office)
    printed_by: str
    printed_utc: str
    draft: bool = False  # not signed: printed with a notice


# -- risk assessment ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportItem:
    text: str
    answer: str
    comment: str


@dataclass(frozen=True)
class ReportSection:
    title: str
    items: tuple[ReportItem, ...]


@dataclass(frozen=True)
class AssessmentDocument:
    """A signed or draft assessment: no address, no safe places; the count of risk answers
    appears only as `support_text`, never as the judgement."""

    head: DocumentHead
    instrument_title: str  # name and version
    publisher: str
    about: str  # "Testa Testsson-Fiktiv (huvudperson)"
    protected_person: bool
    author: str
    assessed_on: str
    signed_utc: str | None
    judgement_caption: str  # the instrument's name for the level
    judgement: str  # "hög", or "" in a draft
    motivation: str
    victim_estimate: str
    victim_level: str
    protective_factors: str
    actions: str
    next_assessment_on: str
    support_text: str  # "Stöd: …" or ""
    sections: tuple[ReportSection, ...]
    fields: tuple[tuple[str, str], ...]  # external instrument: (label, value)
    licence: str


# -- safety plan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SafetyPlanDocument:
    """A plan version for a printed document; never the safe places."""

    head: DocumentHead
    about: str
    version: int
    author: str
    signed_utc: str | None
    needs_review: bool
    contacts: str
    signals: str
    actions_when: str
    children_part: str
