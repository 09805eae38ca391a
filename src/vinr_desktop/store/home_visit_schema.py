"""The home visits (hembesök) of a case: the plan, its risk check, and how it ended.

A started visit (status "started", mode not left) is what the visit mode stands on: it
outlives a lock, a restart and a dead battery; one past its expected time back is overdue. The
incident is a code (hot, våld, annat) so the unit's arbetsmiljö follow-up can count it without
case content; what happened is written in the journal entry the check-out signs.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base


class HomeVisitRow(Base):
    __tablename__ = "home_visits"
    __table_args__ = (
        Index("ix_home_visits_case", "case_id", "starts_utc"),
        Index("ix_home_visits_author_status", "author_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"))
    author_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(10))  # domain/home_visits.py VisitStatus
    starts_utc: Mapped[str] = mapped_column(String(32))
    expected_back_utc: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(Text, default="")  # never a protected person's
    purpose: Mapped[str] = mapped_column(Text, default="")
    consent: Mapped[str] = mapped_column(String(12))
    unannounced_reason: Mapped[str] = mapped_column(Text, default="")
    companions: Mapped[str] = mapped_column(Text, default="")
    risk_answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: question id → answer
    risk_note: Mapped[str] = mapped_column(Text, default="")
    created_utc: Mapped[str] = mapped_column(String(32))
    started_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # The visit mode was left with the password: the visit goes on (and can become overdue),
    # but a login no longer returns into the mode.
    mode_left_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ended_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    back_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    incident: Mapped[str | None] = mapped_column(String(10), nullable=True)
    journal_entry_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
