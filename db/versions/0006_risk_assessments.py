"""Risk assessments: instruments kept in the store, assessments with their answers, safety plans.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TEXT = {"server_default": ""}


def upgrade() -> None:
    op.create_table(
        "instruments",
        sa.Column("instrument_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("added_by", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("added_utc", sa.String(32), nullable=False),
    )
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("instrument_id", sa.String(64), nullable=False),
        sa.Column("instrument_version", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(20), nullable=False),
        sa.Column("assessed_on", sa.String(10), nullable=False, **_TEXT),
        sa.Column("answers", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("field_values", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("victim_estimate", sa.Text(), nullable=False, **_TEXT),
        sa.Column("victim_level", sa.String(10), nullable=True),
        sa.Column("protective_factors", sa.Text(), nullable=False, **_TEXT),
        sa.Column("judgement", sa.String(10), nullable=True),
        sa.Column("motivation", sa.Text(), nullable=False, **_TEXT),
        sa.Column("actions", sa.Text(), nullable=False, **_TEXT),
        sa.Column("next_assessment_on", sa.String(10), nullable=True),
        sa.Column("due_on", sa.String(10), nullable=True),
        sa.Column("author_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_utc", sa.String(32), nullable=False),
        sa.Column("saved_utc", sa.String(32), nullable=False),
        sa.Column("signed_utc", sa.String(32), nullable=True),
        sa.Column("signed_on", sa.String(10), nullable=True),
        sa.ForeignKeyConstraint(
            ["instrument_id", "instrument_version"],
            ["instruments.instrument_id", "instruments.version"],
        ),
    )
    op.create_index("ix_risk_assessments_case", "risk_assessments", ["case_id", "signed_utc"])
    op.create_table(
        "risk_contact",
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("noted_on", sa.String(10), nullable=False),
        sa.Column("set_by", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("set_utc", sa.String(32), nullable=False),
    )
    op.create_table(
        "safety_plans",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("contacts", sa.Text(), nullable=False, **_TEXT),
        sa.Column("safe_places", sa.Text(), nullable=False, **_TEXT),
        sa.Column("signals", sa.Text(), nullable=False, **_TEXT),
        sa.Column("actions_when", sa.Text(), nullable=False, **_TEXT),
        sa.Column("children_part", sa.Text(), nullable=False, **_TEXT),
        sa.Column("author_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_utc", sa.String(32), nullable=False),
        sa.Column("saved_utc", sa.String(32), nullable=False),
        sa.Column("signed_utc", sa.String(32), nullable=True),
        sa.Column("signed_on", sa.String(10), nullable=True),
    )
    op.create_index(
        "ix_safety_plans_version",
        "safety_plans",
        ["case_id", "person_id", "version"],
        unique=True,
    )
    op.create_table(
        "safety_plan_reviews",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("plan_id", sa.String(32), sa.ForeignKey("safety_plans.id"), nullable=False),
        sa.Column(
            "assessment_id", sa.String(32), sa.ForeignKey("risk_assessments.id"), nullable=True
        ),
        sa.Column("raised_utc", sa.String(32), nullable=False),
        sa.Column("resolved_utc", sa.String(32), nullable=True),
        sa.Column("resolved_by", sa.String(32), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("resolution", sa.String(20), nullable=False, **_TEXT),
        sa.Column("comment", sa.Text(), nullable=False, **_TEXT),
    )
    op.create_index("ix_safety_plan_reviews_plan_id", "safety_plan_reviews", ["plan_id"])
    for statement in SQL_OBJECTS:
        op.execute(statement)


# Signed assessments and plan versions are read-only; an instrument version is never changed
# (assessments show the questions stored here).
SQL_OBJECTS = (
    """CREATE TRIGGER risk_signed_no_update BEFORE UPDATE ON risk_assessments
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed risk assessment is read-only');
    END""",
    """CREATE TRIGGER risk_signed_no_delete BEFORE DELETE ON risk_assessments
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed risk assessment is read-only');
    END""",
    """CREATE TRIGGER safety_plan_signed_no_update BEFORE UPDATE ON safety_plans
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed safety plan is read-only');
    END""",
    """CREATE TRIGGER safety_plan_signed_no_delete BEFORE DELETE ON safety_plans
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed safety plan is read-only');
    END""",
    """CREATE TRIGGER instruments_no_update BEFORE UPDATE ON instruments BEGIN
        SELECT RAISE(ABORT, 'a stored instrument version is never changed');
    END""",
)

_TRIGGERS = (
    "instruments_no_update",
    "safety_plan_signed_no_delete",
    "safety_plan_signed_no_update",
    "risk_signed_no_delete",
    "risk_signed_no_update",
)


def downgrade() -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in (
        "safety_plan_reviews",
        "safety_plans",
        "risk_contact",
        "risk_assessments",
        "instruments",
    ):
        op.drop_table(table)
