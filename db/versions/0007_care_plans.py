"""Providers, decisions, vårdplaner, genomförandeplaner and follow-ups.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TEXT = {"server_default": ""}
_ID = 32


def _id(name: str = "id", **kw: object) -> sa.Column[str]:
    return sa.Column(name, sa.String(_ID), **kw)  # type: ignore[arg-type]


def _fk(name: str, target: str, *, nullable: bool = False, primary_key: bool = False) -> sa.Column:
    return sa.Column(
        name, sa.String(_ID), sa.ForeignKey(target), nullable=nullable, primary_key=primary_key
    )


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False, **_TEXT)  # type: ignore[arg-type]


def _day(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(10), nullable=True)


def _moment(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "providers",
        _id(primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("street", sa.String(200), nullable=False, **_TEXT),
        sa.Column("postal_code", sa.String(10), nullable=False, **_TEXT),
        sa.Column("city", sa.String(200), nullable=False, **_TEXT),
        sa.Column("phone", sa.String(40), nullable=False, **_TEXT),
        sa.Column("email", sa.String(200), nullable=False, **_TEXT),
        sa.Column("contact_person", sa.String(200), nullable=False, **_TEXT),
        sa.Column("takes_children", sa.Boolean(), nullable=False),
        sa.Column("agreement_ref", sa.String(200), nullable=False, **_TEXT),
        _text("quality_requirements"),
        sa.Column("permit_number", sa.String(200), nullable=False, **_TEXT),
        sa.Column("active", sa.Boolean(), nullable=False),
        _moment("created_utc"),
        _moment("updated_utc"),
    )
    op.create_table(
        "decisions",
        _id(primary_key=True),
        _fk("case_id", "cases.id"),
        sa.Column("outcome", sa.String(20), nullable=False),
        _day("applied_on"),
        _day("decided_on"),
        sa.Column("legal_ground", sa.String(40), nullable=False, **_TEXT),
        sa.Column("insats_type", sa.String(40), nullable=False, **_TEXT),
        _fk("provider_id", "providers.id", nullable=True),
        _day("period_from"),
        _day("period_to"),
        _text("extent"),
        _text("motivation"),
        _id("parent_decision_id", nullable=True),
        _fk("created_by", "users.id"),
        _moment("created_utc"),
        _moment("saved_utc"),
        _id("signed_by", nullable=True),
        _moment("signed_utc", nullable=True),
    )
    op.create_index("ix_decisions_case_id", "decisions", ["case_id"])
    op.create_index("ix_decisions_provider_id", "decisions", ["provider_id"])
    op.create_table(
        "decision_children",
        _fk("decision_id", "decisions.id", primary_key=True),
        _fk("person_id", "persons.id", primary_key=True),
    )
    op.create_table(
        "insats_endings",
        _fk("decision_id", "decisions.id", primary_key=True),
        sa.Column("ended_on", sa.String(10), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        _text("text"),
        _fk("ended_by", "users.id"),
        _moment("ended_utc"),
    )
    op.create_table(
        "care_plans",
        _id(primary_key=True),
        _fk("decision_id", "decisions.id"),
        _fk("case_id", "cases.id"),
        sa.Column("version", sa.Integer(), nullable=False),
        _id("based_on_id", nullable=True),
        _day("period_from"),
        _day("period_to"),
        _text("client_participation"),
        _text("client_view"),
        _text("children_needs"),
        _day("follow_up_on"),
        _text("follow_up_how"),
        _fk("created_by", "users.id"),
        _moment("created_utc"),
        _moment("saved_utc"),
        _id("signed_by", nullable=True),
        _moment("signed_utc", nullable=True),
    )
    op.create_index("ix_care_plans_version", "care_plans", ["decision_id", "version"], unique=True)
    op.create_index("ix_care_plans_case_id", "care_plans", ["case_id"])
    op.create_table(
        "care_plan_goals",
        _id(primary_key=True),
        _fk("plan_id", "care_plans.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
    )
    op.create_index("ix_care_plan_goals_plan_id", "care_plan_goals", ["plan_id"])
    op.create_table(
        "care_plan_tasks",
        _id(primary_key=True),
        _fk("plan_id", "care_plans.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_care_plan_tasks_plan_id", "care_plan_tasks", ["plan_id"])
    op.create_table(
        "implementation_plans",
        _fk("decision_id", "decisions.id", primary_key=True),
        _fk("case_id", "cases.id"),
        _day("requested_on"),
        _text("requested_how"),
        _day("received_on"),
        sa.Column("received_as", sa.String(20), nullable=False, **_TEXT),
        _text("document_note"),
        _text("participation"),
        _day("adopted_on"),
        _text("follow_up"),
        _fk("updated_by", "users.id"),
        _moment("updated_utc"),
    )
    op.create_index("ix_implementation_plans_case_id", "implementation_plans", ["case_id"])
    op.create_table(
        "implementation_activities",
        _id(primary_key=True),
        _fk("decision_id", "implementation_plans.decision_id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("activity", sa.Text(), nullable=False),
        _text("goal"),
        _text("who"),
        _text("when_text"),
        _text("how"),
    )
    op.create_index(
        "ix_implementation_activities_decision_id", "implementation_activities", ["decision_id"]
    )
    op.create_table(
        "follow_ups",
        _id(primary_key=True),
        _fk("decision_id", "decisions.id"),
        _fk("case_id", "cases.id"),
        _fk("plan_id", "care_plans.id"),
        _day("held_on"),
        sa.Column("client_took_part", sa.Boolean(), nullable=False),
        sa.Column("provider_took_part", sa.Boolean(), nullable=False),
        _text("others"),
        sa.Column("decision", sa.String(20), nullable=False, **_TEXT),
        _text("decision_text"),
        _day("next_on"),
        _fk("created_by", "users.id"),
        _moment("created_utc"),
        _moment("saved_utc"),
        _id("signed_by", nullable=True),
        _moment("signed_utc", nullable=True),
    )
    op.create_index("ix_follow_ups_decision_id", "follow_ups", ["decision_id"])
    op.create_index("ix_follow_ups_case_id", "follow_ups", ["case_id"])
    op.create_table(
        "follow_up_goals",
        _fk("follow_up_id", "follow_ups.id", primary_key=True),
        _fk("goal_id", "care_plan_goals.id", primary_key=True),
        sa.Column("outcome", sa.String(20), nullable=False, **_TEXT),
        _text("comment"),
    )
    op.create_table(
        "follow_up_answers",
        _fk("follow_up_id", "follow_ups.id", primary_key=True),
        sa.Column("question", sa.String(40), primary_key=True),
        sa.Column("option", sa.String(40), nullable=False, **_TEXT),
        _text("text"),
    )
    for statement in SQL_OBJECTS:
        op.execute(statement)


def _signed_row(table: str, what: str) -> tuple[str, str]:
    """A signed row of `table` is never changed or deleted."""
    return (
        f"""CREATE TRIGGER {table}_signed_no_update BEFORE UPDATE ON {table}
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed {what} is read-only');
    END""",
        f"""CREATE TRIGGER {table}_signed_no_delete BEFORE DELETE ON {table}
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed {what} is read-only');
    END""",
    )


def _part_of_signed(table: str, parent: str, key: str, what: str) -> tuple[str, str, str]:
    """No row of `table` is added to, changed in or removed from a signed `parent` row."""
    check = f"(SELECT signed_utc FROM {parent} WHERE id = {{row}}.{key}) IS NOT NULL"
    return tuple(  # type: ignore[return-value]
        f"""CREATE TRIGGER {table}_signed_no_{event.lower()} BEFORE {event} ON {table}
        WHEN {check.format(row=row)} BEGIN
        SELECT RAISE(ABORT, 'signed {what} is read-only');
    END"""
        for event, row in (("INSERT", "new"), ("UPDATE", "old"), ("DELETE", "old"))
    )


SQL_OBJECTS: tuple[str, ...] = (
    *_signed_row("decisions", "decision"),
    *_part_of_signed("decision_children", "decisions", "decision_id", "decision"),
    *_signed_row("care_plans", "care plan"),
    *_part_of_signed("care_plan_goals", "care_plans", "plan_id", "care plan"),
    *_part_of_signed("care_plan_tasks", "care_plans", "plan_id", "care plan"),
    *_signed_row("follow_ups", "follow-up"),
    *_part_of_signed("follow_up_goals", "follow_ups", "follow_up_id", "follow-up"),
    *_part_of_signed("follow_up_answers", "follow_ups", "follow_up_id", "follow-up"),
    """CREATE TRIGGER insats_endings_no_update BEFORE UPDATE ON insats_endings BEGIN
        SELECT RAISE(ABORT, 'an ended insats is read-only');
    END""",
    """CREATE TRIGGER insats_endings_no_delete BEFORE DELETE ON insats_endings BEGIN
        SELECT RAISE(ABORT, 'an ended insats is read-only');
    END""",
)

_TABLES = (
    "follow_up_answers",
    "follow_up_goals",
    "follow_ups",
    "implementation_activities",
    "implementation_plans",
    "care_plan_tasks",
    "care_plan_goals",
    "care_plans",
    "insats_endings",
    "decision_children",
    "decisions",
    "providers",
)


def downgrade() -> None:
    # Dropping a table drops its triggers.
    for table in _TABLES:
        op.drop_table(table)
