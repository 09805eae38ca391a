"""Frozen views of an e-arkiv package: the cases with their metadata and their documents.

No contact details are part of them: an address, postal code or phone never enters the
archive package (documents come from the one pipeline for the recipient "akt", which leaves
contact details out; the metadata has no field for them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArchivePerson:
    name: str
    identity: str  # personnummer / samordningsnummer / reservnummer as stored, or ""
    birth_date: str
    role_label: str
    protection_label: str  # "Ingen", "Skyddad folkbokföring" …


@dataclass(frozen=True)
class ArchiveDocument:
    file_name: str  # "dokument-0001.pdf": nothing from the case
    title: str
    document_id: str
    size: int
    sha256: str  # upper-case hex, as METS writes it


@dataclass(frozen=True)
class ArchiveCase:
    number: str
    status_label: str
    intake_kind_label: str
    intake_date: str
    closed_on: str
    closing_reason_label: str
    last_entry: str
    markers: tuple[str, ...]
    persons: tuple[ArchivePerson, ...]
    retention_label: str  # the gallring rule's verdict on the export day
    documents: tuple[ArchiveDocument, ...]


@dataclass(frozen=True)
class ArchiveMeta:
    package_id: str
    created_utc: str
    municipality: str
    unit: str
    created_by: str
    scope_label: str  # "Ärenden som bevaras" or "Hela registret"
    rules_name: str


@dataclass(frozen=True)
class ArchiveResult:
    folder: str  # the package folder written
    cases: int
    documents: int
    not_included: int  # protected cases the user may not open (counted, never named)
