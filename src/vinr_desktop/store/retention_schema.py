"""The gallring tables (migration 0011): the municipality's dokumenthanteringsplan, the
enhetschef's approvals with the nämnd's decision, and the gallringslogg, which keeps what was
deleted without its content (case number and keyed reference, dates, rule, approval, counts).

`retention_unlock` is empty except inside the one transaction of a gallring: while it holds a
row, the triggers that keep signed rows read-only let them be deleted.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base


class RetentionUnlockRow(Base):
    __tablename__ = "retention_unlock"

    flag: Mapped[int] = mapped_column(Integer, primary_key=True)


class RetentionPlanRow(Base):
    """A dokumenthanteringsplan as the administrator loaded it; the newest one counts."""

    __tablename__ = "retention_plans"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    decision: Mapped[str] = mapped_column(String(200))
    in_force_from: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(Text)  # the file's JSON, as checked
    loaded_utc: Mapped[str] = mapped_column(String(32))
    loaded_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))


class RetentionApprovalRow(Base):
    """The enhetschef's approval of a gallring, with the nämnd's decision (delegation)."""

    __tablename__ = "retention_approvals"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    decision: Mapped[str] = mapped_column(String(200))
    rule_set: Mapped[str] = mapped_column(String(40))
    approved_utc: Mapped[str] = mapped_column(String(32))
    approved_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    executed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)


class RetentionApprovalCaseRow(Base):
    """A case an approval covers (no foreign key: the case is gone after the gallring)."""

    __tablename__ = "retention_approval_cases"

    approval_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("retention_approvals.id"), primary_key=True
    )
    case_id: Mapped[str] = mapped_column(String(32), primary_key=True)


class RetentionLogRow(Base):
    """One gallrad case in the gallringslogg: no name, no number of a person, no text."""

    __tablename__ = "retention_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    approval_id: Mapped[str] = mapped_column(String(32), ForeignKey("retention_approvals.id"))
    case_number: Mapped[str] = mapped_column(String(32))
    case_reference: Mapped[str] = mapped_column(String(16))
    protected: Mapped[bool] = mapped_column(Boolean)
    intake_date: Mapped[str] = mapped_column(String(10))
    last_entry: Mapped[str] = mapped_column(String(10))
    due_on: Mapped[str] = mapped_column(String(10))
    rule_set: Mapped[str] = mapped_column(String(40))
    persons_deleted: Mapped[int] = mapped_column(Integer)
    rows_deleted: Mapped[int] = mapped_column(Integer)
    gallrad_utc: Mapped[str] = mapped_column(String(32))
    gallrad_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
