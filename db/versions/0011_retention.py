"""Gallring: the municipality's dokumenthanteringsplan, the enhetschef's approvals, the
gallringslogg, and signed rows that a gallring (and nothing else) may delete.

Signed journal entries, assessments, plans, decisions and follow-ups are read-only by trigger.
A gallring must delete them, so each `*_no_delete` trigger gets one more condition: it lets a
row go while `retention_unlock` holds a row. The gallring service inserts that row and deletes
it again inside its one transaction, so no other transaction ever sees it.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

UNLOCKED = "NOT EXISTS (SELECT 1 FROM retention_unlock)"
# The delete guards of 0003, 0006 and 0007; each but the last has a WHEN clause.
_GUARDS = (
    "journal_signed_no_delete",
    "risk_signed_no_delete",
    "safety_plan_signed_no_delete",
    "decisions_signed_no_delete",
    "decision_children_signed_no_delete",
    "care_plans_signed_no_delete",
    "care_plan_goals_signed_no_delete",
    "care_plan_tasks_signed_no_delete",
    "follow_ups_signed_no_delete",
    "follow_up_goals_signed_no_delete",
    "follow_up_answers_signed_no_delete",
    "insats_endings_no_delete",
)


def _id(name: str, **kw: object) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=False, **kw)  # type: ignore[arg-type]


def upgrade() -> None:
    op.create_table("retention_unlock", sa.Column("flag", sa.Integer(), primary_key=True))
    op.create_table(
        "retention_plans",
        _id("id", primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("decision", sa.String(200), nullable=False),
        sa.Column("in_force_from", sa.String(10), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("loaded_utc", sa.String(32), nullable=False),
        _id("loaded_by"),
        sa.ForeignKeyConstraint(["loaded_by"], ["users.id"]),
    )
    op.create_table(
        "retention_approvals",
        _id("id", primary_key=True),
        sa.Column("decision", sa.String(200), nullable=False),
        sa.Column("rule_set", sa.String(40), nullable=False),
        sa.Column("approved_utc", sa.String(32), nullable=False),
        _id("approved_by"),
        sa.Column("executed_utc", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(["approved_by"], ["users.id"]),
    )
    op.create_table(
        "retention_approval_cases",
        sa.Column(
            "approval_id", sa.String(32), sa.ForeignKey("retention_approvals.id"), primary_key=True
        ),
        # No foreign key: the case is gone after the gallring, the approval stays.
        sa.Column("case_id", sa.String(32), primary_key=True),
    )
    op.create_table(
        "retention_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _id("approval_id"),
        sa.Column("case_number", sa.String(32), nullable=False),
        sa.Column("case_reference", sa.String(16), nullable=False),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("intake_date", sa.String(10), nullable=False),
        sa.Column("last_entry", sa.String(10), nullable=False),
        sa.Column("due_on", sa.String(10), nullable=False),
        sa.Column("rule_set", sa.String(40), nullable=False),
        sa.Column("persons_deleted", sa.Integer(), nullable=False),
        sa.Column("rows_deleted", sa.Integer(), nullable=False),
        sa.Column("gallrad_utc", sa.String(32), nullable=False),
        _id("gallrad_by"),
        sa.ForeignKeyConstraint(["approval_id"], ["retention_approvals.id"]),
        sa.ForeignKeyConstraint(["gallrad_by"], ["users.id"]),
    )
    _rewrite(_open_guard)


def downgrade() -> None:
    _rewrite(_close_guard)
    for table in (
        "retention_log",
        "retention_approval_cases",
        "retention_approvals",
        "retention_plans",
        "retention_unlock",
    ):
        op.drop_table(table)


def _open_guard(sql: str) -> str:
    if " WHEN " in sql:
        return sql.replace(" WHEN ", f" WHEN {UNLOCKED} AND ", 1)
    return sql.replace(" BEGIN", f" WHEN {UNLOCKED} BEGIN", 1)


def _close_guard(sql: str) -> str:
    return sql.replace(f" WHEN {UNLOCKED} AND ", " WHEN ", 1).replace(
        f" WHEN {UNLOCKED} BEGIN", " BEGIN", 1
    )


def _rewrite(change: object) -> None:
    """Drop and create each delete guard again with its SQL changed by `change`."""
    bind = op.get_bind()
    for name in _GUARDS:
        sql = bind.execute(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
            {"n": name},
        ).scalar_one()
        op.execute(f"DROP TRIGGER {name}")
        op.execute(change(sql))  # type: ignore[operator]
