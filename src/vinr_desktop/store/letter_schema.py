"""The tables of the letters to the client: the decision letter sent (how and when she got it),
the appeal of a decision with the nämnd's omprövning and the court's outcome, kommunicering
before a decision, and the reason recorded when a decision going against her was signed without
complete kommunicering. Dates people type are ISO `YYYY-MM-DD`; moments the program stamps are
ISO UTC text. Made by migration 0016.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base

_ID = 32


class DecisionLetterRow(Base):
    """The beslutsmeddelande of one signed decision was sent (given, posted, e-mailed)."""

    __tablename__ = "decision_letters"

    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("decisions.id"), primary_key=True
    )
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    sent_on: Mapped[str] = mapped_column(String(10))
    how: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[str | None] = mapped_column(String(10), nullable=True)  # fick del av
    language: Mapped[str] = mapped_column(String(10))
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))


class DecisionAppealRow(Base):
    """An appeal of one decision, its omprövning and the court's outcome as they come."""

    __tablename__ = "decision_appeals"

    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("decisions.id"), primary_key=True
    )
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    appealed_on: Mapped[str] = mapped_column(String(10))
    timeliness: Mapped[str] = mapped_column(String(20))  # as counted when it was recorded
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    review: Mapped[str] = mapped_column(String(20), default="")
    review_note: Mapped[str] = mapped_column(Text, default="")
    court_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    court: Mapped[str] = mapped_column(String(20), default="")
    court_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))
    updated_utc: Mapped[str] = mapped_column(String(32))


class CommunicationRow(Base):
    """Kommunicering before a decision (its draft): what, when, how, last day, her answer."""

    __tablename__ = "communications"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    decision_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("decisions.id"), index=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    communicated_on: Mapped[str] = mapped_column(String(10))
    how: Mapped[str] = mapped_column(String(20))
    material: Mapped[str] = mapped_column(Text)
    answer_by: Mapped[str] = mapped_column(String(10))
    answered_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))


class CommunicationReasonRow(Base):
    """Why a decision going against the client was signed without complete kommunicering."""

    __tablename__ = "communication_reasons"

    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("decisions.id"), primary_key=True
    )
    warning: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))
