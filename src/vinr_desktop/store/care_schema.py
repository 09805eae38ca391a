"""The care tables: providers, decisions and their insatser, vårdplaner (versioned), the
genomförandeplan tracking, and follow-ups.

Signed rows are read-only: triggers made by migration 0007 abort an UPDATE or DELETE of a signed
decision, vårdplan version or follow-up, and any change to the goals, responsibilities, goal
results and answers of a signed one. Ending an insats is its own row (`insats_endings`), so the
signed decision is never touched. Dates people type are ISO `YYYY-MM-DD` text; moments the
program stamps are ISO UTC text.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base

_ID = 32


class ProviderRow(Base):
    """A provider (utförare) in the unit's register."""

    __tablename__ = "providers"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    takes_children: Mapped[bool] = mapped_column(Boolean, default=False)
    agreement_ref: Mapped[str] = mapped_column(String(200), default="")
    quality_requirements: Mapped[str] = mapped_column(Text, default="")
    permit_number: Mapped[str] = mapped_column(String(200), default="")
    public: Mapped[bool] = mapped_column(Boolean, default=False)  # kommunal or regional regi
    ivo_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    confidentiality_by_contract: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Kronor per dygn in the agreement (migration 0018): the statistics' skyddat boende cost.
    price_per_night: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_utc: Mapped[str] = mapped_column(String(32))
    updated_utc: Mapped[str] = mapped_column(String(32))


class DecisionRow(Base):
    """A decision (beslut): a draft until signed, then read-only."""

    __tablename__ = "decisions"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    applied_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    decided_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    legal_ground: Mapped[str] = mapped_column(String(40), default="")
    insats_type: Mapped[str] = mapped_column(String(40), default="")
    provider_id: Mapped[str | None] = mapped_column(
        String(_ID), ForeignKey("providers.id"), nullable=True, index=True
    )
    period_from: Mapped[str | None] = mapped_column(String(10), nullable=True)
    period_to: Mapped[str | None] = mapped_column(String(10), nullable=True)
    review_on: Mapped[str | None] = mapped_column(String(10), nullable=True)  # omprövning
    extent: Mapped[str] = mapped_column(Text, default="")
    motivation: Mapped[str] = mapped_column(Text, default="")
    # The parent's decision this one was made beside (a child's own skyddat boende decision).
    parent_decision_id: Mapped[str | None] = mapped_column(String(_ID), nullable=True)
    # A child's own skyddat boende decision: the child's needs and the guardians' consent.
    child_needs: Mapped[str] = mapped_column(Text, default="")
    guardian_consent: Mapped[str] = mapped_column(String(20), default="")
    created_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    saved_utc: Mapped[str] = mapped_column(String(32))
    signed_by: Mapped[str | None] = mapped_column(String(_ID), nullable=True)
    signed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)


class DecisionChildRow(Base):
    """A child coming along to skyddat boende with the decision's main person."""

    __tablename__ = "decision_children"

    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("decisions.id"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("persons.id"), primary_key=True)


class InsatsEndingRow(Base):
    """An insats ended before its period was over, with a closing reason."""

    __tablename__ = "insats_endings"

    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("decisions.id"), primary_key=True
    )
    ended_on: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    ended_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    ended_utc: Mapped[str] = mapped_column(String(32))
    # None: recorded before the program asked. False: ended against the client's wish, so the
    # ending is a decision of its own (signed by `ended_by` at `ended_utc`) with its reasons.
    client_agreed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    decision_reasons: Mapped[str] = mapped_column(Text, default="")


class CarePlanRow(Base):
    """One version of the vårdplan for one insats."""

    __tablename__ = "care_plans"
    __table_args__ = (Index("ix_care_plans_version", "decision_id", "version", unique=True),)

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    decision_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("decisions.id"))
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    based_on_id: Mapped[str | None] = mapped_column(String(_ID), nullable=True)
    period_from: Mapped[str | None] = mapped_column(String(10), nullable=True)
    period_to: Mapped[str | None] = mapped_column(String(10), nullable=True)
    client_participation: Mapped[str] = mapped_column(Text, default="")
    client_view: Mapped[str] = mapped_column(Text, default="")
    children_needs: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    follow_up_how: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    saved_utc: Mapped[str] = mapped_column(String(32))
    signed_by: Mapped[str | None] = mapped_column(String(_ID), nullable=True)
    signed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CarePlanGoalRow(Base):
    __tablename__ = "care_plan_goals"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("care_plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str] = mapped_column(Text)


class CarePlanTaskRow(Base):
    """Who does what: one party's part in the plan."""

    __tablename__ = "care_plan_tasks"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("care_plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)


class ImplementationPlanRow(Base):
    """The genomförandeplan of one insats: requested, reminded, received (or written here)."""

    __tablename__ = "implementation_plans"

    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("decisions.id"), primary_key=True
    )
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    requested_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    requested_how: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    received_as: Mapped[str] = mapped_column(String(20), default="")  # ReceivedAs
    document_note: Mapped[str] = mapped_column(Text, default="")  # the registered document
    participation: Mapped[str] = mapped_column(Text, default="")
    adopted_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    follow_up: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    updated_utc: Mapped[str] = mapped_column(String(32))


class ImplementationActivityRow(Base):
    __tablename__ = "implementation_activities"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("implementation_plans.decision_id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    activity: Mapped[str] = mapped_column(Text)
    goal: Mapped[str] = mapped_column(Text, default="")
    who: Mapped[str] = mapped_column(Text, default="")
    when_text: Mapped[str] = mapped_column(Text, default="")
    how: Mapped[str] = mapped_column(Text, default="")


class FollowUpRow(Base):
    """An uppföljning of one insats, against one vårdplan version."""

    __tablename__ = "follow_ups"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    decision_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("decisions.id"), index=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    plan_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("care_plans.id"))
    held_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    client_took_part: Mapped[bool] = mapped_column(Boolean, default=False)
    provider_took_part: Mapped[bool] = mapped_column(Boolean, default=False)
    others: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(20), default="")
    decision_text: Mapped[str] = mapped_column(Text, default="")
    next_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    created_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    saved_utc: Mapped[str] = mapped_column(String(32))
    signed_by: Mapped[str | None] = mapped_column(String(_ID), nullable=True)
    signed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)


class FollowUpGoalRow(Base):
    __tablename__ = "follow_up_goals"

    follow_up_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("follow_ups.id"), primary_key=True
    )
    goal_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("care_plan_goals.id"), primary_key=True
    )
    outcome: Mapped[str] = mapped_column(String(20), default="")
    comment: Mapped[str] = mapped_column(Text, default="")


class FollowUpAnswerRow(Base):
    """The client's answer to one question of the follow-up question set."""

    __tablename__ = "follow_up_answers"

    follow_up_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("follow_ups.id"), primary_key=True
    )
    question: Mapped[str] = mapped_column(String(40), primary_key=True)
    option: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class DisclosureRow(Base):
    """The basis for giving one decision's provider the client's details (one per decision;
    the decision itself stays read-only once signed)."""

    __tablename__ = "disclosures"

    decision_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("decisions.id"), primary_key=True
    )
    provider_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("providers.id"))
    basis: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    recorded_utc: Mapped[str] = mapped_column(String(32))
