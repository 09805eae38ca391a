"""The facts the egenkontroll and the bevakningar ask about: the investigation record, the
assignment of a case to a handläggare, the child heard, samverkan and SIP meetings, the
reminders of a genomförandeplan, and a person's kön.

Existing genomförandeplaner keep their request date as the first request. Nothing is derived
for older cases: a kön is "okänt" until recorded.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_ID = 32


def _id(name: str = "id", *, primary_key: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(_ID), primary_key=primary_key, nullable=False)


def _fk(name: str, target: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(_ID), sa.ForeignKey(target), nullable=False)


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False)


def _day(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(10), nullable=nullable)


def _moment(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=False)


def upgrade() -> None:
    op.add_column(
        "persons",
        sa.Column("sex", sa.String(10), nullable=False, server_default="unknown"),
    )
    op.create_table(
        "investigations",
        _id(primary_key=True),
        _fk("case_id", "cases.id"),
        _day("started_on"),
        sa.Column("start_basis", sa.String(20), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        _text("method_note"),
        _day("extended_to", nullable=True),
        _text("extension_reason"),
        _day("ended_on", nullable=True),
        sa.Column("outcome", sa.String(20), nullable=True),
        _fk("created_by", "users.id"),
        _moment("created_utc"),
        _moment("updated_utc"),
    )
    op.create_index("ix_investigations_case_id", "investigations", ["case_id"])
    op.create_table(
        "case_assignments",
        _id(primary_key=True),
        _fk("case_id", "cases.id"),
        _fk("user_id", "users.id"),
        _day("assigned_on"),
        _fk("assigned_by", "users.id"),
        _moment("created_utc"),
    )
    op.create_index("ix_case_assignments_case_id", "case_assignments", ["case_id"])
    op.create_table(
        "child_heard",
        _id(primary_key=True),
        _fk("case_id", "cases.id"),
        _fk("person_id", "persons.id"),
        _day("heard_on"),
        sa.Column("heard", sa.Boolean(), nullable=False),
        sa.Column("way", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        _text("learnt_otherwise"),
        _text("note"),
        _fk("recorded_by", "users.id"),
        _moment("recorded_utc"),
    )
    op.create_index("ix_child_heard_case_id", "child_heard", ["case_id"])
    op.create_table(
        "samverkan_meetings",
        _id(primary_key=True),
        _fk("case_id", "cases.id"),
        sa.Column("kind", sa.String(20), nullable=False),
        _day("held_on"),
        _text("participants"),
        _text("note"),
        _fk("recorded_by", "users.id"),
        _moment("recorded_utc"),
    )
    op.create_index("ix_samverkan_meetings_case_id", "samverkan_meetings", ["case_id"])
    op.create_table(
        "implementation_reminders",
        _id(primary_key=True),
        _fk("decision_id", "decisions.id"),
        _fk("case_id", "cases.id"),
        _day("reminded_on"),
        _text("how"),
        _fk("recorded_by", "users.id"),
        _moment("recorded_utc"),
    )
    op.create_index(
        "ix_implementation_reminders_decision_id", "implementation_reminders", ["decision_id"]
    )
    op.create_index("ix_implementation_reminders_case_id", "implementation_reminders", ["case_id"])


def downgrade() -> None:
    for table in (
        "implementation_reminders",
        "samverkan_meetings",
        "child_heard",
        "case_assignments",
        "investigations",
    ):
        op.drop_table(table)
    op.execute("ALTER TABLE persons DROP COLUMN sex")
