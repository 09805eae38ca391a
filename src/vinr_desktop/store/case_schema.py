"""The case tables: cases, persons and their links, markers, the journal.

Dates a person types (event date, intake date) are ISO `YYYY-MM-DD` text; moments the program
stamps are ISO UTC text. The full-text index `journal_fts` (with its word list `journal_fts_terms`)
and the trigger that keeps signed entries read-only are created by migrations 0003 and 0004
(SQLAlchemy does not map virtual tables).
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_year_running", "year", "running", unique=True),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    running: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    status_before_close: Mapped[str | None] = mapped_column(String(20), nullable=True)
    intake_kind: Mapped[str] = mapped_column(String(20))
    intake_date: Mapped[str] = mapped_column(String(10))
    reporter_kind: Mapped[str] = mapped_column(String(20))
    reporter_text: Mapped[str] = mapped_column(Text, default="")
    responsible_user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"), index=True)
    is_child_case: Mapped[bool] = mapped_column(Boolean, default=False)
    # Any linked person has a protection level; kept in step by the services.
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    protection_assessed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    protection_needed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    protection_note: Mapped[str] = mapped_column(Text, default="")
    preliminary_decided_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    preliminary_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    preliminary_note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    closing_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closing_detail: Mapped[str] = mapped_column(Text, default="")
    closing_text: Mapped[str] = mapped_column(Text, default="")
    last_entry_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    created_utc: Mapped[str] = mapped_column(String(32))
    updated_utc: Mapped[str] = mapped_column(String(32))


class PersonRow(Base):
    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    identity_kind: Mapped[str] = mapped_column(String(20))
    identity_value: Mapped[str] = mapped_column(String(40), default="", index=True)
    identity_issuer: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(100), default="")
    protection_level: Mapped[str] = mapped_column(String(30), default="none")
    sex: Mapped[str] = mapped_column(String(10), server_default="unknown")  # kön, as recorded
    created_utc: Mapped[str] = mapped_column(String(32))
    updated_utc: Mapped[str] = mapped_column(String(32))


class CasePersonRow(Base):
    """A person's role in one case; the same person can be in several cases."""

    __tablename__ = "case_persons"

    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"), primary_key=True)
    person_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("persons.id"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    added_utc: Mapped[str] = mapped_column(String(32))


class PersonRelationRow(Base):
    """Parent and child, so a main person's children can be linked to a new case in one step."""

    __tablename__ = "person_relations"

    parent_id: Mapped[str] = mapped_column(String(32), ForeignKey("persons.id"), primary_key=True)
    child_id: Mapped[str] = mapped_column(String(32), ForeignKey("persons.id"), primary_key=True)


class CaseMarkerRow(Base):
    __tablename__ = "case_markers"

    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    added_utc: Mapped[str] = mapped_column(String(32))
    added_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))


class JournalEntryRow(Base):
    """A journal entry: a draft until signed, then read-only (a trigger refuses changes)."""

    __tablename__ = "journal_entries"
    __table_args__ = (
        # Covers the timeline's count of what the user may see (migration 0004).
        Index("ix_journal_case_event", "case_id", "event_date", "id", "signed_utc", "author_id"),
        Index("ix_journal_drafts", "author_id", "signed_utc"),
        # The timeline finds the objections to its page's entries (migration 0012).
        Index("ix_journal_entries_objects_to_id", "objects_to_id"),
        # Bevakningar find the entries signed late in the last weeks (migration 0014).
        Index("ix_journal_signed", "signed_utc", "kind", "event_date", "case_id"),
        # Covers the egenkontroll's journal question (K4) for many cases (migration 0015).
        Index(
            "ix_journal_compliance",
            "case_id",
            "signed_utc",
            "kind",
            "source",
            "event_date",
            "author_id",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20), default="")
    source_detail: Mapped[str] = mapped_column(String(200), default="")
    event_date: Mapped[str] = mapped_column(String(10), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    saved_utc: Mapped[str] = mapped_column(String(32))
    signed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    corrects_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("journal_entries.id"), nullable=True, index=True
    )
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    # The client's objection to a signed entry (she says it is wrong): a signed entry of its
    # own, in her words, shown with the entry it objects to. No FOREIGN KEY: added by
    # migration 0012 with ALTER TABLE, which keeps the journal's triggers.
    objects_to_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ChildReportRow(Base):
    """One report (anmälan) in a case, with its own skyddsbedömning and förhandsbedömning."""

    __tablename__ = "child_reports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"), index=True)
    received_on: Mapped[str] = mapped_column(String(10))
    came_in_late: Mapped[bool] = mapped_column(Boolean, default=False)
    reporter_kind: Mapped[str] = mapped_column(String(20))
    reporter_text: Mapped[str] = mapped_column(Text, default="")
    protection_assessed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    protection_needed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    protection_note: Mapped[str] = mapped_column(Text, default="")
    preliminary_decided_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    preliminary_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    preliminary_note: Mapped[str] = mapped_column(Text, default="")
    extended_to: Mapped[str | None] = mapped_column(String(10), nullable=True)  # synnerliga skäl
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
