"""Who else may read a case, and the log review: shares, nödåtkomst grants, reviews.

Every change here is also an audit event (the chain is the evidence; these tables are the
current state the access rules read). Moments are ISO UTC text, share end dates local ISO dates.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base


class CaseShareRow(Base):
    """One colleague's read or write access to one case, until a date or withdrawn."""

    __tablename__ = "case_shares"
    __table_args__ = (Index("ix_case_shares_user", "user_id", "case_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"), index=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    level: Mapped[str] = mapped_column(String(10))  # ShareLevel
    valid_until: Mapped[str | None] = mapped_column(String(10), nullable=True)  # inclusive
    granted_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    granted_utc: Mapped[str] = mapped_column(String(32))
    withdrawn_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    withdrawn_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)


class EmergencyAccessRow(Base):
    """A manager's time-limited nödåtkomst to one protected case."""

    __tablename__ = "emergency_access"
    __table_args__ = (Index("ix_emergency_access_user", "user_id", "case_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"))
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    started_utc: Mapped[str] = mapped_column(String(32))
    expires_utc: Mapped[str] = mapped_column(String(32))
    ended_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)  # ended early


class AuditReviewRow(Base):
    """One "mark as reviewed": who, when, and the comment, for the events in its items."""

    __tablename__ = "audit_reviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    reviewer_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    reviewed_utc: Mapped[str] = mapped_column(String(32))
    comment: Mapped[str] = mapped_column(Text)


class AuditReviewItemRow(Base):
    __tablename__ = "audit_review_items"

    review_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("audit_reviews.id"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
