"""The risk tables: instrument versions kept in the store, assessments, the case's contact fact,
safety plans and their reviews.

An assessment points at (instrument id, version) in `instruments`, whose row holds the file's
content: an old assessment always shows the questions it was made with. Answers are one JSON
text per assessment (item id → option and comment), so an autosave is one row update. Signed
assessments and signed plan versions are read-only, and instrument rows are never changed:
triggers made by migration 0006 refuse it. The count of risk answers is never stored.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base


class InstrumentRow(Base):
    """One version of an instrument, as used or added: the file's text and its SHA-256."""

    __tablename__ = "instruments"

    instrument_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(20))  # "bundled" or "added"
    added_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    added_utc: Mapped[str] = mapped_column(String(32))


class RiskAssessmentRow(Base):
    """An assessment: a draft of its author until signed, then read-only."""

    __tablename__ = "risk_assessments"
    __table_args__ = (
        ForeignKeyConstraint(
            ["instrument_id", "instrument_version"],
            ["instruments.instrument_id", "instruments.version"],
        ),
        Index("ix_risk_assessments_case", "case_id", "signed_utc"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"))
    person_id: Mapped[str] = mapped_column(String(32), ForeignKey("persons.id"))
    instrument_id: Mapped[str] = mapped_column(String(64))
    instrument_version: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(20))  # the instrument's "about", for the flag
    assessed_on: Mapped[str] = mapped_column(String(10), default="")
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: item id → [option, comment]
    field_values: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field id → text
    victim_estimate: Mapped[str] = mapped_column(Text, default="")
    victim_level: Mapped[str | None] = mapped_column(String(10), nullable=True)
    protective_factors: Mapped[str] = mapped_column(Text, default="")
    judgement: Mapped[str | None] = mapped_column(String(10), nullable=True)
    motivation: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    next_assessment_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_on: Mapped[str | None] = mapped_column(String(10), nullable=True)  # signed + interval
    author_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    saved_utc: Mapped[str] = mapped_column(String(32))
    signed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    signed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)


class RiskContactRow(Base):
    """Whether a violent person has contact with the victim in the case (yes/no/unknown)."""

    __tablename__ = "risk_contact"

    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(10))
    noted_on: Mapped[str] = mapped_column(String(10))
    set_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    set_utc: Mapped[str] = mapped_column(String(32))


class SafetyPlanRow(Base):
    """One version of a person's safety plan in a case: a draft until signed, then read-only."""

    __tablename__ = "safety_plans"
    __table_args__ = (
        Index("ix_safety_plans_version", "case_id", "person_id", "version", unique=True),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id"))
    person_id: Mapped[str] = mapped_column(String(32), ForeignKey("persons.id"))
    version: Mapped[int] = mapped_column(Integer)
    contacts: Mapped[str] = mapped_column(Text, default="")
    safe_places: Mapped[str] = mapped_column(Text, default="")
    signals: Mapped[str] = mapped_column(Text, default="")
    actions_when: Mapped[str] = mapped_column(Text, default="")
    children_part: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    saved_utc: Mapped[str] = mapped_column(String(32))
    signed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    signed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)


class SafetyPlanReviewRow(Base):
    """ "Ska ses över": raised on a signed plan when an assessment is signed in its case; resolved
    by a new signed version or by marking the plan reviewed with a comment."""

    __tablename__ = "safety_plan_reviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(32), ForeignKey("safety_plans.id"), index=True)
    assessment_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("risk_assessments.id"), nullable=True
    )
    raised_utc: Mapped[str] = mapped_column(String(32))
    resolved_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("users.id"), nullable=True
    )
    resolution: Mapped[str] = mapped_column(String(20), default="")  # reviewed / new_version
    comment: Mapped[str] = mapped_column(Text, default="")
