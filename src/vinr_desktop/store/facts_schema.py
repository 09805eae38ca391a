"""The tables of the facts the auditors ask about (migration 0013): the investigation record,
assignments of the case to a handläggare, the child heard, samverkan and SIP meetings, and the
reminders sent for a genomförandeplan. A person's kön is a column of `persons`.

Each row is written by its service with a journal line and an audit event; rows are added, not
rewritten, except the investigation, whose end and extension are filled in later.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base

_ID = 32


class InvestigationRow(Base):
    """One investigation (utredning) of a case: started, perhaps extended, ended."""

    __tablename__ = "investigations"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    started_on: Mapped[str] = mapped_column(String(10))
    start_basis: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    method_note: Mapped[str] = mapped_column(Text, default="")
    extended_to: Mapped[str | None] = mapped_column(String(10), nullable=True)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    ended_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    created_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    updated_utc: Mapped[str] = mapped_column(String(32))


class CaseAssignmentRow(Base):
    """The day a handläggare took over the case (the first one, or a reassignment)."""

    __tablename__ = "case_assignments"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    user_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    assigned_on: Mapped[str] = mapped_column(String(10))
    assigned_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))


class ChildHeardRow(Base):
    """The child heard (date and way), or why not and how the situation was learnt."""

    __tablename__ = "child_heard"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    person_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("persons.id"))
    heard_on: Mapped[str] = mapped_column(String(10))
    heard: Mapped[bool] = mapped_column(Boolean)
    way: Mapped[str] = mapped_column(String(20), default="")
    reason: Mapped[str] = mapped_column(String(20), default="")
    learnt_otherwise: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))


class MeetingRow(Base):
    """A samverkan or SIP meeting with other actors."""

    __tablename__ = "samverkan_meetings"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[str] = mapped_column(String(10))
    participants: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))


class ImplementationReminderRow(Base):
    """A reminder to the provider about a genomförandeplan not yet received."""

    __tablename__ = "implementation_reminders"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    decision_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("decisions.id"), index=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    reminded_on: Mapped[str] = mapped_column(String(10))
    how: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))


class AssessmentMarkRow(Base):
    """The handläggare marked a signed journal entry as the case's risk and protection
    assessment (egenkontroll K3), or withdrew that mark: rows are added, never removed."""

    __tablename__ = "assessment_marks"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))
    marked: Mapped[bool] = mapped_column(Boolean)  # False: the mark withdrawn
    recorded_on: Mapped[str] = mapped_column(String(10))
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))
